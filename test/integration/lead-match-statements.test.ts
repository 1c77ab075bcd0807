import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import type { Sql } from "~/db/db.server";
import { enqueue, INDEX_CHANNEL, OUTBOX_CHANNEL } from "~/db/outbox.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";
import { leadMatchState, lockLeadForMatching, recordMatchOutcome } from "~/matches/match-leads.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { eventually } from "../support/services";
import { tracedSql } from "../support/traced-sql";

// Postgres work per lead (issue 14; docs/benchmarks.md, End to end, "Postgres work per lead"): the
// lead.match job's last write is one statement (the outcome and its outbox row done; no lead.index row:
// the search document holds nothing a match changes, docs/decisions/209), an enqueue of work due now is one statement (the NOTIFY inside it), and routing
// inside lead.match does not read the lead row the job has already locked. Each statement is one
// parse/bind/execute of Postgres CPU; the statements are recorded with the driver's `debug` hook.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traced: Sql;
let recorded: string[];
let ours: () => string[];

beforeAll(async () => {
  db = await createTestDatabase("lead_match_statements");
  ({ sql: traced, recorded, ours } = await tracedSql(db.url));
}, 120_000);
afterAll(async () => {
  await traced?.end({ timeout: 2 });
  await db?.drop();
});

async function newLead(company: string): Promise<string> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company }));
  return (await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" })).id;
}

/** Resolves with the payloads NOTIFY delivers on `channel` until stop() is called. */
async function listenTo(channel: string) {
  const heard: string[] = [];
  const listener = await db.sql.listen(channel, (payload) => heard.push(payload));
  return { heard, stop: () => listener.unlisten() };
}

describe("enqueue of work due now", () => {
  it("adds the rows and wakes the relay in one statement", async () => {
    const wake = await listenTo(OUTBOX_CHANNEL);
    recorded.length = 0;
    const ids = await traced.begin((tx) => enqueue(tx, "match.route", ["L1", "L2", "L3"]));
    expect(ours()).toHaveLength(1);
    expect(ids).toHaveLength(3);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const rows = await db.sql<{ id: string; aggregateId: string; notBefore: Date | null }[]>`
      select id, aggregate_id, not_before from outbox where id = any(${ids}::bigint[]) order by id`;
    expect(rows.map((r) => r.aggregateId)).toEqual(["L1", "L2", "L3"]); // in the order given
    expect(rows.every((r) => r.notBefore === null)).toBe(true);
    await eventually(async () => wake.heard.length > 0, "the relay's NOTIFY");
    await wake.stop();
  });

  it("still wakes nobody for work due later", async () => {
    recorded.length = 0;
    await traced.begin((tx) => enqueue(tx, "assignment.sla", ["A1"], { afterMs: 60_000 }));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]).not.toContain("pg_notify");
  });
});

describe("lead.match's last write (recordMatchOutcome)", () => {
  it("records the outcome and marks the job's outbox row done in one statement, and writes no search document", async () => {
    const leadId = await newLead("南京单语句结果测试有限公司");
    const [jobRow] = await enqueue(db.sql, "lead.match", [leadId]);
    const before = await db.sql<{ id: string }[]>`select id from outbox where topic = 'lead.index' and aggregate_id = ${leadId}`;
    const wake = await listenTo(INDEX_CHANNEL);
    recorded.length = 0;
    await traced.begin((tx) => recordMatchOutcome(tx, leadId, "42", [], jobRow));
    expect(ours()).toHaveLength(1);

    const [lead] = await db.sql<{ status: string; matchedVersion: string; matched: boolean }[]>`
      select status, matched_version, matched_at is not null as matched from leads where id = ${leadId}`;
    expect(lead).toEqual({ status: "unmatched", matchedVersion: "42", matched: true });
    const [job] = await db.sql<{ done: boolean }[]>`select done_at is not null as done from outbox where id = ${jobRow}`;
    expect(job.done).toBe(true);
    // The intake's row is the lead's only one: the document holds no status (docs/decisions/209).
    const after = await db.sql<{ id: string }[]>`select id from outbox where topic = 'lead.index' and aggregate_id = ${leadId}`;
    expect(after).toEqual(before);
    expect(before).toHaveLength(1);
    await db.sql`select pg_notify(${INDEX_CHANNEL}, 'marker')`; // delivered after any NOTIFY the outcome sent
    await eventually(async () => wake.heard.includes("marker"), "the marker NOTIFY");
    expect(wake.heard).toEqual(["marker"]); // the index writer was not woken
    await wake.stop();
  });

  it("leaves a won lead's status and still closes the job's row", async () => {
    const leadId = await newLead("南京已成交结果测试有限公司");
    await db.sql`update leads set status = 'won' where id = ${leadId}`;
    const [jobRow] = await enqueue(db.sql, "lead.match", [leadId]);
    await traced.begin((tx) => recordMatchOutcome(tx, leadId, "43", [], jobRow));
    const [lead] = await db.sql<{ status: string }[]>`select status from leads where id = ${leadId}`;
    expect(lead.status).toBe("won");
    const [job] = await db.sql<{ done: boolean }[]>`select done_at is not null as done from outbox where id = ${jobRow}`;
    expect(job.done).toBe(true);
  });
});

describe("what lead.match reads of a lead besides its row", () => {
  it("reads the inventory version, the live matches and the parks of the open assignments in one statement", async () => {
    const leadId = await newLead("南京一语句状态测试有限公司");
    await db.sql`insert into parks (id, name, province, city, district) values ('LS-A', '状态园区甲', '江苏省', '南京市', '高淳区'), ('LS-B', '状态园区乙', '江苏省', '南京市', '高淳区')`;
    await db.sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, status) values
                   ('LS-A1', 'LS-A', 'factory', '{lease}', '甲一', 5000, 'available'), ('LS-B1', 'LS-B', 'factory', '{lease}', '乙一', 5000, 'available')`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by, withdrawn_at) values
                   (${leadId}, 'LS-A1', 'LS-A', 80, '[]', 'space', null), (${leadId}, 'LS-B1', 'LS-B', 70, '[]', 'lead', now())`;
    await db.sql`insert into assignments (lead_id, park_id, status, rule, reason) values
                   (${leadId}, 'LS-A', 'unassigned', 'no-recruiter', '{}'), (${leadId}, 'LS-B', 'declined', 'round-robin', '{}')`;
    const [{ v }] = await db.sql<{ v: string }[]>`select last_value::text as v from inventory_version`;
    recorded.length = 0;
    const [state] = await traced.begin((tx) => leadMatchState(tx, leadId).execute());
    expect(ours()).toHaveLength(1);
    expect(state).toEqual({ version: v, live: [{ spaceId: "LS-A1", foundBy: "space" }], heldParks: ["LS-A"] });
    const none = await newLead("南京一语句无状态测试有限公司");
    const [empty] = await traced.begin((tx) => leadMatchState(tx, none).execute());
    expect(empty).toEqual({ version: v, live: [], heldParks: [] });
  });
});

describe("routing inside lead.match", () => {
  it("uses the lead row the job locked instead of reading it again", async () => {
    const leadId = await newLead("南京免重读路由测试有限公司");
    recorded.length = 0;
    const routed = await traced.begin(async (tx) => {
      const locked = await lockLeadForMatching(tx, leadId);
      expect(locked?.routing).toMatchObject({ id: leadId, status: "received", industry: "C35" });
      return routeLead(tx, leadId, { slaMinutes: 120, noticeFallbackMs: 90_000 }, { excluded: [], lead: locked!.routing });
    });
    // No match: the hotline's call-back task, as before.
    expect(routed.callback).toBe(true);
    const leadReads = ours().filter((q) => /from leads where id = \$1 for update/.test(q.replace(/\s+/g, " ")));
    expect(leadReads).toHaveLength(1); // the job's own lock, not routing's
    const [task] = await db.sql<{ phone: string; script: string }[]>`select phone, script from call_tasks where lead_id = ${leadId}`;
    expect(task.phone).toBe("+8613812345678");
    expect(task.script).toContain("PM-"); // the lead's reference, from the row the job read
  });
});

describe("routing's writes for a park (assignPark)", () => {
  // A park with a WeCom webhook and an email recruiter, one without a recruiter, and a space in each.
  beforeAll(async () => {
    await db.sql`insert into parks (id, name, province, city, district, wecom_webhook_url) values
                   ('ST-W', '单语句园区', '江苏省', '南京市', '高淳区', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k'),
                   ('ST-N', '无人园区', '江苏省', '南京市', '高淳区', null)`;
    await db.sql`insert into recruiters (id, name, email, phone, channel, parks, capacity, active)
                 values ('ST-R', '单语句招商', 'st@example.test', '+8613900000077', 'email', '{ST-W}', 50, true)`;
    await db.sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, status) values
                   ('ST-S1', 'ST-W', 'factory', '{lease}', '厂房一', 5000, 'available'),
                   ('ST-S2', 'ST-N', 'factory', '{lease}', '厂房二', 5000, 'available')`;
  });

  async function routedWith(company: string, parkId: string, spaceId: string) {
    const leadId = await newLead(company);
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${leadId}, ${spaceId}, ${parkId}, 80, ${db.sql.json([{ zh: "面积合适", en: "fits", kind: "fit" }] as never)}, 'lead')`;
    recorded.length = 0;
    const routed = await traced.begin((tx) => routeLead(tx, leadId, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
    return { leadId, routed };
  }

  it("offers, audits, notifies (recruiter and WeCom group), schedules the SLA check and wakes the relay in one statement", async () => {
    const wake = await listenTo(OUTBOX_CHANNEL);
    const { leadId, routed } = await routedWith("南京单语句路由测试有限公司", "ST-W", "ST-S1");
    // Routing's reads (the lead, its parks, its history), the park's recruiters locked in a statement of
    // their own (a read that waited for the lock counted loads from before the wait: routing-capacity-race),
    // the park's one read (recruiters with the park's calendar), ONE write, the lead's status: seven statements.
    expect(ours()).toHaveLength(7);
    expect(ours().filter((q) => /for update/i.test(q) && /from recruiters/i.test(q))).toHaveLength(2);
    const writes = ours().filter((q) => /^\s*(with|insert|update)/i.test(q));
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/insert into assignments/);
    expect(writes[1]).toMatch(/update leads set status = 'assigned'/);
    expect(routed).toMatchObject({ assigned: 1, unassigned: 0, callback: false });

    const [a] = await db.sql<{ id: string; recruiterId: string; status: string; acceptBy: Date | null }[]>`
      select id, recruiter_id, status, accept_by from assignments where lead_id = ${leadId}`;
    expect(a).toMatchObject({ recruiterId: "ST-R", status: "offered" });
    const events = await db.sql<{ event: string; recruiterId: string }[]>`
      select event, recruiter_id from routing_events where lead_id = ${leadId}`;
    expect(events).toEqual([{ event: "assigned", recruiterId: "ST-R" }]);
    const notes = await db.sql<{ id: string; kind: string; channel: string; recipient: string }[]>`
      select id::text, kind, channel, recipient from notifications where lead_id = ${leadId} order by kind`;
    expect(notes.map(({ kind, channel, recipient }) => [kind, channel, recipient])).toEqual([
      ["assignment", "email", "ST-R"],
      ["wecom", "wecom", "ST-W"],
    ]);
    // The notice returned for inline delivery is the recruiter's, with its fallback row.
    expect(routed.notices).toHaveLength(1);
    expect(routed.notices[0]).toMatchObject({ topic: "notify.email", notificationId: notes[0].id });
    const box = await db.sql<{ id: string; topic: string; aggregateId: string; dueInS: number | null }[]>`
      select id, topic, aggregate_id, extract(epoch from not_before - now())::float8 as due_in_s
      from outbox where aggregate_id in (${a.id}, ${notes[0].id}, ${notes[1].id}) order by topic`;
    expect(box.map((b) => [b.topic, b.aggregateId])).toEqual([
      ["assignment.sla", a.id],
      ["notify.email", notes[0].id],
      ["notify.wecom", notes[1].id],
    ]);
    expect(Number(box[1].id)).toBe(routed.notices[0].outboxId);
    expect(box[0].dueInS).toBeGreaterThan(119 * 60); // the SLA check at the accept deadline
    expect(box[0].dueInS).toBeLessThanOrEqual(120 * 60);
    expect(box[1].dueInS).toBeGreaterThan(80); // the fallback after 90 s
    expect(box[2].dueInS).toBeNull(); // the WeCom post is due now…
    await eventually(async () => wake.heard.length > 0, "the relay's NOTIFY"); // …and wakes the relay
    await wake.stop();
    const [r] = await db.sql<{ turned: boolean }[]>`select last_assigned_at is not null as turned from recruiters where id = 'ST-R'`;
    expect(r.turned).toBe(true);

    // A replay adds nothing: the park has its assignment.
    recorded.length = 0;
    const again = await traced.begin((tx) => routeLead(tx, leadId, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
    expect(again).toMatchObject({ assigned: 0, unassigned: 0, notices: [] });
    const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int as n from notifications where lead_id = ${leadId}`;
    expect(n).toBe(2);
  });

  it("leaves a park without an eligible recruiter unassigned, audited, with no notice and no SLA check", async () => {
    const { leadId, routed } = await routedWith("南京无人园区路由测试有限公司", "ST-N", "ST-S2");
    expect(routed).toMatchObject({ assigned: 0, unassigned: 1, notices: [] });
    const writes = ours().filter((q) => /^\s*(with|insert|update)/i.test(q));
    expect(writes).toHaveLength(2); // the park's one write, and the lead's status left as it is
    expect(writes[0]).toMatch(/insert into assignments/);
    const [a] = await db.sql<{ id: string; status: string; recruiterId: string | null }[]>`
      select id, status, recruiter_id from assignments where lead_id = ${leadId}`;
    expect(a).toMatchObject({ status: "unassigned", recruiterId: null });
    const events = await db.sql<{ event: string }[]>`select event from routing_events where lead_id = ${leadId}`;
    expect(events).toEqual([{ event: "unassigned" }]);
    const [{ n }] = await db.sql<{ n: number }[]>`
      select (select count(*) from notifications where lead_id = ${leadId}) + (select count(*) from outbox where aggregate_id = ${a.id})::int as n`;
    expect(Number(n)).toBe(0);
  });
});
