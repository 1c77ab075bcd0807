import { afterAll, beforeAll, expect } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "./database";
import { startWebServer } from "./services";
import { webClient } from "./staff-web";

export type AdminDemoSuite = {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  web: Awaited<ReturnType<typeof startWebServer>>;
  /** The admin's session cookie. */
  cookie: string;
};

/**
 * A test file's own database with the demo inventory, a web process on it and an admin (`email`, `password`)
 * signed in: made before the file's tests, dropped after. Read the fields inside tests (they are set by then).
 */
export function adminDemoSuite(name: string, email: string, password: string): AdminDemoSuite {
  const suite = {} as AdminDemoSuite;
  beforeAll(async () => {
    suite.db = await createTestDatabase(name);
    suite.web = await startWebServer({ DATABASE_URL: suite.db.url });
    expect((await importInventory(suite.db.sql, demoInventory())).ok).toBe(true);
    await suite.db
      .sql`insert into users (email, name, role, password_hash) values (${email}, '导入管理员', 'admin', ${await hashPassword(password)})`;
    suite.cookie = await webClient(suite.web.url).signIn(email, password);
  });
  afterAll(async () => {
    await suite.web?.stop();
    await suite.db?.drop();
  });
  return suite;
}
