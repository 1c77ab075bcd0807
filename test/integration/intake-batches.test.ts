import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { type StoredLead, storeLead } from "~/leads/intake.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { chinaToday, clearLeadsAndCounters, withinOneChinaDay } from "../support/reference-days";

// Group commit (docs/decisions/039): leads that arrive while an intake statement is in flight are
// stored together by the next one. What must hold whatever the batches: references gapless and in
// order, one lead per submission key (inside a batch or against an earlier lead), a copy spends no
// number, and one lead that cannot be stored fails no other lead of its batch. References count per
// China day (Asia/Shanghai): each test runs inside withinOneChinaDay, so all its leads are numbered on
// the one day it reads the counter of, and a run during which China's midnight (16:00 UTC) fell runs again.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: Sql;
let other: Sql; // a second pool: another web process
const api = createLeadSchema("zh", "api").parse(validLeadJson());
const hotline = createLeadSchema("zh", "hotline").parse(validLeadJson({ company: "南京批量热线测试有限公司" }));

beforeAll(async () => {
  db = await createTestDatabase("intake_batches");
  pool = createSql(db.url, { max: 10 });
  other = createSql(db.url, { max: 10 });
});
afterAll(async () => {
  await pool?.end({ timeout: 2 });
  await other?.end({ timeout: 2 });
  await db?.drop();
});
const clear = () => clearLeadsAndCounters(db.sql);
beforeEach(clear);

/** Runs a test's body on one China day (its `day`, YYYY-MM-DD): again, cleared, if midnight fell during it. */
const oneDay = (body: (day: string) => Promise<void>) => withinOneChinaDay(() => chinaToday(db.sql), clear, body);

const store = (sql: Sql, submissionKey?: string | null, requestHash?: string) =>
  storeLead(sql, { ...api, raw: { n: submissionKey }, source: "api", lng: "zh", submissionKey, requestHash });

/** Every call settles before the test goes on (a late write must not land in the next test). */
async function settle<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(promises);
}

function values<T>(settled: PromiseSettledResult<T>[]): T[] {
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

const tail = (r: StoredLead) => Number(r.reference.split("-")[2]);

/** The counter of `day` (YYYY-MM-DD, Asia/Shanghai). */
async function counter(day: string): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`select n from reference_counters where day = ${day}::date`;
  return row?.n ?? 0;
}

/**
 * Leads and their lead.index / lead.match outbox rows, in how many transactions the leads were written,
 * their reference numbers and the days their references name (YYYY-MM-DD).
 */
async function stored(): Promise<{ leads: number; whole: number; transactions: number; refs: number[]; days: string[] }> {
  const [row] = await db.sql<{ leads: number; whole: number; transactions: number }[]>`
    select count(*)::int as leads,
           count(*) filter (where (select count(*) from outbox o where o.aggregate_id = l.id::text
                                    and o.topic in ('lead.index', 'lead.match')) = 2)::int as whole,
           count(distinct l.xmin::text)::int as transactions
    from leads l`;
  const refs = await db.sql<{ n: number }[]>`select split_part(reference, '-', 3)::int as n from leads order by 1`;
  const days = await db.sql<{ day: string }[]>`
    select distinct to_char(to_date(split_part(reference, '-', 2), 'YYYYMMDD'), 'YYYY-MM-DD') as day from leads order by 1`;
  return { ...row, refs: refs.map((r) => r.n), days: days.map((d) => d.day) };
}

describe("intake group commit", () => {
  it("200 concurrent submissions, half of them copies inside their batch: fewer transactions than leads, gapless references, one lead per key", () =>
    oneDay(async (day) => {
      // 100 keys, each sent twice in a row, plus 40 leads without a key, all at once.
      const calls: { key: string | null; p: Promise<StoredLead> }[] = [];
      for (let i = 0; i < 100; i++) {
        const key = `api:batch-${i}`;
        calls.push({ key, p: store(pool, key, `hash-${i}`) }, { key, p: store(pool, key, `hash-${i}`) });
        if (i % 5 === 0) calls.push({ key: null, p: store(pool) }, { key: null, p: store(pool) });
      }
      const results = values(await settle(calls.map((c) => c.p)));

      const s = await stored();
      expect(s.leads).toBe(140);
      expect(s.whole).toBe(140); // each lead with both outbox rows
      expect(s.refs).toEqual(Array.from({ length: 140 }, (_, i) => i + 1)); // gapless, no copy spent a number
      expect(s.days).toEqual([day]); // every lead numbered on the day whose counter is read
      expect(await counter(day)).toBe(140);
      // Group commit really happened: leads shared transactions (one per lead without it).
      expect(s.transactions).toBeLessThan(140);

      const byKey = new Map<string, StoredLead[]>();
      for (const [i, c] of calls.entries()) if (c.key) byKey.set(c.key, [...(byKey.get(c.key) ?? []), results[i]]);
      for (const [key, answers] of byKey) {
        expect(new Set(answers.map((a) => a.id)).size, key).toBe(1);
        expect(
          answers.filter((a) => a.created),
          key,
        ).toHaveLength(1);
        expect(
          answers.every((a) => a.requestHash === `hash-${key.split("-")[1]}`),
          key,
        ).toBe(true);
      }
      // References follow arrival order: the earlier of two new leads has the smaller number.
      const created = calls.map((c, i) => ({ i, r: results[i] })).filter((x) => x.r.created);
      expect(created.map((x) => tail(x.r))).toEqual([...created.map((x) => tail(x.r))].sort((a, b) => a - b));
    }));

  it("a copy of an earlier lead inside a batch gets that lead, with its request hash, and spends no number", () =>
    oneDay(async (day) => {
      const first = await store(pool, "api:earlier", "first-hash");
      const results = values(
        await settle([store(pool), ...Array.from({ length: 10 }, () => store(pool, "api:earlier", "other-hash")), store(pool)]),
      );
      for (const r of results.slice(1, 11)) expect(r).toEqual({ ...first, created: false });
      expect(results.slice(1, 11).every((r) => r.requestHash === "first-hash")).toBe(true);
      expect([tail(results[0]), tail(results[11])]).toEqual([2, 3]);
      expect((await stored()).days).toEqual([day]);
      expect(await counter(day)).toBe(3);
    }));

  it("one lead that cannot be stored fails no other lead of its batch; the others keep gapless references", () =>
    oneDay(async (day) => {
      const [agent] = await db.sql<{ id: string }[]>`
        insert into users (email, name, role) values (${`batch-agent-${randomUUID()}@example.test`}, '热线小王', 'hotline') returning id`;
      const good = () => storeLead(pool, { ...hotline, raw: {}, source: "hotline", lng: "zh", consentRecordedBy: agent.id });
      // No such staff account: the lead breaks the foreign key, which fails the whole batch's statement.
      const bad = () => storeLead(pool, { ...hotline, raw: {}, source: "hotline", lng: "zh", consentRecordedBy: randomUUID() });
      const settled = await settle([good(), ...Array.from({ length: 20 }, (_, i) => (i === 7 ? bad() : good())), store(pool, "api:kept")]);

      expect(settled[8].status).toBe("rejected");
      expect(String((settled[8] as PromiseRejectedResult).reason)).toMatch(/foreign key|consent_recorded_by/);
      const ok = settled.filter((s): s is PromiseFulfilledResult<StoredLead> => s.status === "fulfilled").map((s) => s.value);
      expect(ok).toHaveLength(21);
      expect(ok.every((r) => r.created)).toBe(true);
      const s = await stored();
      expect(s.leads).toBe(21);
      expect(s.whole).toBe(21);
      expect(s.refs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1)); // the failed lead spent no number
      expect(s.days).toEqual([day]);
      expect(await counter(day)).toBe(21);
      expect(ok.map(tail).sort((a, b) => a - b)).toEqual(s.refs);
    }));

  it("two processes sending copies of the same submissions at once: one lead per key, gapless references", () =>
    oneDay(async (day) => {
      const keys = Array.from({ length: 30 }, (_, i) => `api:two-${i}`);
      const calls = keys.flatMap((k) => [store(pool, k), store(other, k), store(other, k), store(pool, k)]);
      const results = values(await settle([...calls, store(pool), store(other)]));
      const s = await stored();
      expect(s.leads).toBe(32);
      expect(s.whole).toBe(32);
      expect(s.refs).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
      expect(s.days).toEqual([day]);
      expect(await counter(day)).toBe(32);
      for (let k = 0; k < keys.length; k++) {
        const answers = results.slice(4 * k, 4 * k + 4);
        expect(new Set(answers.map((a) => a.id)).size, keys[k]).toBe(1);
        expect(
          answers.filter((a) => a.created),
          keys[k],
        ).toHaveLength(1);
      }
    }));
});
