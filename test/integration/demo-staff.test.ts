import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { seedDemoStaff } from "~/auth/demo-accounts.server";
import { verifyPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";

// npm start's demo: every demo recruiter and a demo admin can sign in with the development password.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase("demo_staff");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => db?.drop());

describe("seedDemoStaff", () => {
  it("creates a recruiter account per demo recruiter and an admin, once", async () => {
    const created = await seedDemoStaff(db.sql, "demo-password-0123");
    expect(created.sort()).toEqual(
      ["admin@example.test", "hotline@example.test", ...demoInventory().recruiters.map((r) => String(r.email))].sort(),
    );
    const users = await db.sql<
      { email: string; role: string; recruiterId: string | null; passwordHash: string }[]
    >`select email, role, recruiter_id, password_hash from users order by email`;
    expect(users.find((u) => u.email === "zhoumin@example.test")).toMatchObject({ role: "recruiter", recruiterId: "R1" });
    expect(users.find((u) => u.email === "admin@example.test")).toMatchObject({ role: "admin", recruiterId: null });
    expect(users.find((u) => u.email === "hotline@example.test")).toMatchObject({ role: "hotline", recruiterId: null });
    expect(await verifyPassword("demo-password-0123", users[0].passwordHash)).toBe(true);
    expect(await verifyPassword("another-password", users[0].passwordHash)).toBe(false);
    expect(await seedDemoStaff(db.sql, "a-second-password")).toEqual([]); // existing accounts are left alone
  });
});
