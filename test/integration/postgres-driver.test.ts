import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { terminateBackends } from "../support/processes";
import { eventually } from "../support/services";

// The patched driver (app/db/driver/, ADR 019) under dropped connections, in this process: the
// unpatched postgres@3.4.9 throws a TypeError outside any promise here (the test run dies with it),
// leaks an unhandled rejection from its type lookup, and lets a dead transaction's later statements
// run outside the transaction once the pool has reconnected.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;
let admin: postgres.Sql;
const app = `pm-driver-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  db = await createTestDatabase("postgres_driver");
  await db.sql`create table pair_left (id int primary key)`;
  await db.sql`create table pair_right (id int primary key)`;
  sql = createSql(db.url, { max: 10, applicationName: app });
  admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await sql?.end({ timeout: 2 });
  await admin?.end({ timeout: 2 });
  await db?.drop();
});

describe("postgres driver with dropped connections", () => {
  it("30 rounds of terminated backends under transactions: no crash, every transaction all-or-nothing, service resumes", async () => {
    const escaped: unknown[] = []; // errors thrown outside any promise, or rejections nobody handled
    const onEscape = (error: unknown) => escaped.push(error);
    process.on("uncaughtException", onEscape);
    process.on("unhandledRejection", onEscape);
    let stop = false;
    let next = 0;
    let committed = 0;
    let failed = 0;
    const loop = async () => {
      while (!stop) {
        const id = next++;
        try {
          await sql.begin(async (tx) => {
            await tx`insert into pair_left (id) values (${id})`;
            await tx`select pg_sleep(0.002)`;
            await tx`insert into pair_right (id) values (${id})`;
          });
          committed++;
        } catch {
          failed++;
        }
        await sql`select 1`.catch(() => failed++);
      }
    };
    const loops = Array.from({ length: 20 }, loop);
    await eventually(async () => committed > 20, "the first transactions", 30_000);
    let killed = 0;
    // At least 30 backends cut: a round that finds the pool still reconnecting (a busy machine) cuts none,
    // so keep going until 30 were cut (at most 200 rounds).
    for (let round = 0; killed < 30 && round < 200; round++) {
      await new Promise((r) => setTimeout(r, 100));
      killed += await terminateBackends(admin, new URL(db.url).pathname.slice(1), app);
    }
    const before = committed;
    await eventually(async () => committed > before + 20, "transactions committing again after the blips", 30_000);
    stop = true;
    await Promise.all(loops);
    process.off("uncaughtException", onEscape);
    process.off("unhandledRejection", onEscape);

    expect(escaped.map(String)).toEqual([]);
    expect(killed).toBeGreaterThanOrEqual(30);
    expect(failed).toBeGreaterThan(0); // the blips were felt...
    // ...but no transaction was cut in half: its second statement never ran outside it.
    const halves = await db.sql<{ id: number }[]>`
      select id from pair_left l where not exists (select 1 from pair_right r where r.id = l.id)
      union all
      select id from pair_right r where not exists (select 1 from pair_left l where l.id = r.id)`;
    expect(halves).toEqual([]);
  }, 120_000);
});
