import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { chinaToday, clearLeadsAndCounters, referenceDay, withinOneChinaDay } from "../support/reference-days";

// Lead references PM-<day>-<n>: never truncated, never repeated, and a replay or a losing concurrent
// copy of one submission spends no number (issue 13, defect 2). A test that numbers on one China day
// runs inside withinOneChinaDay: the day it sets and reads is the one its leads were numbered on, and a
// run during which China's midnight (16:00 UTC) fell runs again.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: Sql; // a bigger pool, so concurrent copies really run side by side
const parsed = createLeadSchema("zh", "api").parse(validLeadJson());

beforeAll(async () => {
  db = await createTestDatabase("references");
  pool = createSql(db.url, { max: 20 });
});
afterAll(async () => {
  await pool?.end({ timeout: 2 });
  await db?.drop();
});
const clear = () => clearLeadsAndCounters(db.sql);
beforeEach(clear);

/** Runs a test's body on one China day (its `day`, YYYY-MM-DD): again, cleared, if midnight fell during it. */
const oneDay = (body: (day: string) => Promise<void>) => withinOneChinaDay(() => chinaToday(db.sql), clear, body);

/** Puts the counter of `day` (YYYY-MM-DD, Asia/Shanghai) at n: the next lead of that day gets n + 1. */
async function counterAt(day: string, n: number) {
  await db.sql`insert into reference_counters (day, n) values (${day}::date, ${n})
               on conflict (day) do update set n = excluded.n`;
}

/** The counter of `day` (YYYY-MM-DD): the one the test's own leads bumped when `day` is read from their references. */
async function counter(day: string): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`select n from reference_counters where day = ${day}::date`;
  return row?.n ?? 0;
}

/** Every call settles before the test goes on (a failing copy must not write into the next test). */
async function all<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

const store = (submissionKey?: string) => storeLead(pool, { ...parsed, raw: {}, source: "api", lng: "zh", submissionKey });

describe("lead references", () => {
  it.each([
    [9_997, ["9998", "9999", "10000", "10001"]],
    [99_998, ["99999", "100000", "100001"]],
    [999_999, ["1000000"]],
  ])("grow past the 4-digit pad without truncating or colliding (counter at %i)", async (start, tails) => {
    await oneDay(async (day) => {
      await counterAt(day, start);
      const refs: string[] = [];
      for (const _ of tails) refs.push((await store()).reference);
      expect(refs.map((r) => r.split("-")[2])).toEqual(tails);
      expect(new Set(refs).size).toBe(refs.length);
      for (const r of refs) expect(r).toMatch(/^PM-\d{8}-\d{4,}$/);
      expect(refs.map(referenceDay)).toEqual(refs.map(() => day));
    });
  });

  it("keeps intake going past lead 10,000 of a day when leads arrive concurrently (no 503 from a reused reference)", async () => {
    await oneDay(async (day) => {
      await counterAt(day, 9_990);
      const results = await all(Array.from({ length: 40 }, () => store()));
      const refs = results.map((r) => r.reference);
      expect(new Set(refs).size).toBe(40);
      expect(new Set(refs.map(referenceDay))).toEqual(new Set([day]));
      const numbers = refs.map((r) => Number(r.split("-")[2])).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => 9_991 + i));
      expect(await counter(day)).toBe(10_030);
    });
  });

  it("pads small numbers to four digits as before", async () => {
    // The first lead of whichever day it is stored on: no need of one China day.
    expect((await store()).reference).toMatch(/^PM-\d{8}-0001$/);
  });

  it("spends exactly one number on 200 concurrent copies of one submission, and every copy gets the same lead", async () => {
    await oneDay(async (day) => {
      await counterAt(day, 41);
      const results = await all(Array.from({ length: 200 }, () => store("api:same-key-200")));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(new Set(results.map((r) => r.reference)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results[0].reference.endsWith("-0042")).toBe(true);
      expect(referenceDay(results[0].reference)).toBe(day);
      expect(await counter(referenceDay(results[0].reference))).toBe(42);
      const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int as n from leads`;
      expect(n).toBe(1);
    });
  });

  it("spends no number on a replay after the first answer", async () => {
    await oneDay(async (day) => {
      const first = await store("api:replayed");
      for (let i = 0; i < 5; i++) expect((await store("api:replayed")).id).toBe(first.id);
      expect(await counter(referenceDay(first.reference))).toBe(1);
      const next = (await store()).reference;
      const ymd = day.replaceAll("-", "");
      expect([first.reference, next]).toEqual([`PM-${ymd}-0001`, `PM-${ymd}-0002`]);
    });
  });
});
