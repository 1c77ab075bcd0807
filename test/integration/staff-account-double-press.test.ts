import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createStaffAccount } from "~/admin/staff-accounts.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";

// "创建账号" pressed twice (or two admins at once): each request checked the email was free, then both
// inserted — the second hit the unique index and the admin got 500 "服务暂时不可用".
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("staff_double_press");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});

describe("the same account created twice at once", () => {
  it.each([
    ["hotline", { email: "twice@example.test", name: "两次", role: "hotline" as const, recruiterId: null }],
    ["recruiter", { email: "twice-r1@example.test", name: "两次", role: "recruiter" as const, recruiterId: "R1" }],
  ])("%s: one account, the other presses told the email is taken — never a thrown error", async (_role, account) => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => createStaffAccount(db.sql, { ...account, password: null } as never, "admin@example.test")),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.problem))).toEqual(["email-taken", "email-taken", "email-taken"]);
    expect(await db.sql`select 1 from users where email = ${account.email}`).toHaveLength(1);
  });
});
