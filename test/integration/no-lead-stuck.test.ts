import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { outboxDrained } from "../support/pipeline";
import { startPrivateRedis } from "../support/services";
import { startSmtpServer, type TestServer } from "../support/smtp";
import { startTestWorker } from "../support/worker";

// 200 varied leads through the whole pipeline. Every one must end in a state somebody acts on:
// assigned and notified, a hotline task, the admin's unassigned queue, or a dead letter with a reason.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let smtp: TestServer;
let worker: RunningWorker;

beforeAll(async () => {
  db = await createTestDatabase("no_lead_stuck");
  redis = await startPrivateRedis();
  // 郑洁 (R3) has a mailbox that refuses mail: her notices must become dead letters, not vanish.
  smtp = await startSmtpServer({
    onRcptTo(address, _session, callback) {
      if (address.address === "zhengjie@example.test") callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      else callback();
    },
  });
  const inv = demoInventory();
  inv.recruiters.find((r) => r.id === "R4")!.active = false; // 溧水: nobody eligible → unassigned queue
  inv.recruiters.find((r) => r.id === "R1")!.capacity = 15; // 高淳开发区 fills up part-way
  expect((await importInventory(db.sql, inv)).ok).toBe(true);
  const suffix = Math.random().toString(36).slice(2, 8);
  worker = await startTestWorker({
    databaseUrl: db.url,
    redisUrl: redis.url,
    smtpUrl: smtp.url,
    smtpTimeoutMs: 2_000,
    concurrency: 8,
    indexNames: { leads: `leads_s_${suffix}`, spaces: `spaces_s_${suffix}`, parks: `parks_s_${suffix}` },
  });
  await outboxDrained(db.sql);
});
afterAll(async () => {
  await worker?.close();
  await smtp?.close();
  await redis?.stop();
  await db?.drop();
});

const NEEDS = [
  { kind: "factory", deal: "lease", areaMin: 4000, areaMax: 6000, regions: ["高淳区"] },
  { kind: "factory", deal: "lease", areaMin: 1000, areaMax: 2000 },
  { kind: "factory", deal: "either", areaMin: 9000, areaMax: 14000, regions: ["溧水区"] },
  { kind: "land", deal: "buy", areaMin: 30, areaMax: 60, areaUnit: "mu" },
  { kind: "warehouse", deal: "lease", areaMin: 3000, areaMax: 4000 },
  { kind: "office", deal: "lease", areaMin: 600, areaMax: 900 },
  { kind: "warehouse", deal: "buy", areaMin: 80_000 }, // nothing fits
  { kind: "factory", deal: "lease", areaMin: 1800, areaMax: 2400, regions: ["江宁区"] },
];
const INDUSTRIES = ["C35", "C33", "C36", "C39", "C27", "C38"];

describe("200 leads", () => {
  it("each reaches assigned-and-notified, a hotline task, the unassigned queue or a dead letter — none is stuck", async () => {
    const schema = createLeadSchema("zh", "api");
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const parsed = schema.parse({
        need: NEEDS[i % NEEDS.length],
        use: { industry: INDUSTRIES[i % INDUSTRIES.length], product: `产品${i}` },
        tax: { annualTaxWan: 100 + (i % 7) * 150, investmentWan: 3000 + (i % 5) * 4000 },
        company: { name: `南京批量测试${i}有限公司` },
        contact: { name: "测试", phone: `137${String(10_000_000 + i).slice(-8)}` },
        consent: true,
      });
      ids.push((await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" })).id);
    }
    await outboxDrained(db.sql, 120_000);

    const rows = await db.sql<
      {
        id: string;
        status: string;
        notified: number;
        assigned: number;
        unassigned: number;
        deadWithReason: number;
        deadWithoutReason: number;
        tasks: number;
        pending: number;
      }[]
    >`
      select l.id, l.status,
        (select count(*)::int from assignments a where a.lead_id = l.id and a.recruiter_id is not null
           and exists (select 1 from notifications n where n.assignment_id = a.id and n.kind = 'assignment' and n.status = 'sent')) as notified,
        (select count(*)::int from assignments a where a.lead_id = l.id and a.recruiter_id is not null) as assigned,
        (select count(*)::int from assignments a where a.lead_id = l.id and a.status = 'unassigned') as unassigned,
        (select count(*)::int from notifications n where n.lead_id = l.id and n.status = 'dead' and n.last_error is not null) as dead_with_reason,
        (select count(*)::int from notifications n where n.lead_id = l.id and n.status = 'dead' and n.last_error is null) as dead_without_reason,
        (select count(*)::int from call_tasks t where t.lead_id = l.id) as tasks,
        (select count(*)::int from notifications n where n.lead_id = l.id and n.status in ('pending', 'sending')) as pending
      from leads l where l.id in ${db.sql(ids)}`;
    expect(rows).toHaveLength(200);

    const outcome = (r: (typeof rows)[number]) =>
      r.notified > 0
        ? "assigned and notified"
        : r.tasks > 0
          ? "hotline task"
          : r.unassigned > 0
            ? "unassigned queue"
            : r.deadWithReason > 0
              ? "dead letter"
              : "STUCK";
    const stuck = rows.filter((r) => outcome(r) === "STUCK");
    expect(stuck.map((r) => `${r.id} ${r.status}`)).toEqual([]);
    expect(rows.every((r) => r.pending === 0 && r.deadWithoutReason === 0)).toBe(true);
    // Every assignment that has a recruiter was told (sent, hand-over task, or dead letter with a reason).
    const [{ silent }] = await db.sql<{ silent: number }[]>`
      select count(*)::int as silent from assignments a
      where a.recruiter_id is not null and a.lead_id in ${db.sql(ids)}
        and not exists (select 1 from notifications n where n.assignment_id = a.id and n.kind = 'assignment' and (n.status = 'sent' or (n.status = 'dead' and n.last_error is not null)))`;
    expect(silent).toBe(0);
    // The mix covers every outcome, so the check above means something.
    const counts = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [outcome(r)]: (acc[outcome(r)] ?? 0) + 1 }), {});
    expect(Object.keys(counts)).toEqual(expect.arrayContaining(["assigned and notified", "hotline task", "unassigned queue"]));
    const [{ dead }] = await db.sql<
      { dead: number }[]
    >`select count(*)::int as dead from notifications where status = 'dead' and lead_id in ${db.sql(ids)}`;
    expect(dead).toBeGreaterThan(0);
  }, 180_000);
});
