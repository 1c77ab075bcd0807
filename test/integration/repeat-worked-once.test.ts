import { describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";

import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { validLeadJson } from "../support/leads";
import { webClient } from "../support/staff-web";

// ADR 108: a likely repeat (the same phone and need within the hour, ADR 102) is worked once — attached
// to the first lead, no second offer or call-back task — and shown to staff on the first lead with what
// the person wrote; copies sent in one intake batch, or by two processes at once, are marked too.

const suite = deskWorkerSuite("repeat_once");
const PASSWORD = DESK_PASSWORD;

let phone = 13700008800;
/** A web lead (validLeadJson: a factory of 4,000–6,000 ㎡ in 高淳区) with `notes` and `overrides` of its need. */
function leadOf(tel: string, notes = "", need: Record<string, unknown> = {}) {
  const json = validLeadJson({ company: "南京重复提交精工机械有限公司", phone: tel });
  const parsed = createLeadSchema("zh", "web").parse({ ...json, need: { ...json.need, ...need, ...(notes ? { notes } : {}) } });
  return { ...parsed, raw: {}, source: "web" as const, lng: "zh" as const };
}
const workOf = async (leadId: string) => ({
  assignments: (await suite.db.sql`select park_id from assignments where lead_id = ${leadId}`).length,
  callbacks: (await suite.db.sql`select 1 from call_tasks where lead_id = ${leadId}`).length,
});

describe("a repeat is worked once", () => {
  it("attached to the first lead: no second offer; the recruiter and the hotline see it, with its notes, on the first lead", async () => {
    const tel = String(phone++);
    const first = await storeLead(suite.db.sql, leadOf(tel));
    await suite.runMatch(first.id);
    expect((await workOf(first.id)).assignments).toBe(2); // GC-EDZ (R1) and GC-DB (R2)
    const again = await storeLead(suite.db.sql, leadOf(tel, "上次提交不知道成功没有，再发一次；最好有行车"));
    expect(again.repeatOf).toBe(first.reference);
    await suite.runMatch(again.id);

    expect(await workOf(again.id)).toEqual({ assignments: 0, callbacks: 0 });
    const [row] = await suite.db
      .sql`select status, closed_as, duplicate_of, lead->'need'->>'notes' as notes from leads where id = ${again.id}`;
    expect(row).toEqual({
      status: "closed",
      closedAs: "duplicate",
      duplicateOf: first.id,
      notes: "上次提交不知道成功没有，再发一次；最好有行车",
    });
    expect(
      await suite.db.sql`select 1 from outbox where aggregate_id = ${again.id} and topic = 'lead.match' and done_at is null`,
    ).toHaveLength(0);

    const [a] = await suite.db.sql<{ id: string }[]>`select id from assignments where lead_id = ${first.id} and park_id = 'GC-EDZ'`;
    const recruiter = await webClient(suite.web.url).signIn("zhoumin@example.test", PASSWORD);
    const page = await (await webClient(suite.web.url).get(`/queue/assignments/${a.id}`, recruiter)).text();
    expect(page).toContain("再次提交（已并入本线索）");
    expect(page).toContain(`${again.reference} · 同一电话、同一需求，1 小时内再次提交`);
    expect(page).toContain("这次的补充说明：上次提交不知道成功没有，再发一次；最好有行车");
    const queue = await (await webClient(suite.web.url).get("/queue", recruiter)).text();
    const card = queue.slice(queue.indexOf(first.reference) - 600, queue.indexOf(first.reference) + 600);
    expect(card).toContain("企业再次提交 1 次（已并入）");
    const desk = await webClient(suite.web.url).signIn("desk@example.test", PASSWORD);
    const hotline = await (await webClient(suite.web.url).get(`/hotline/leads/${first.id}`, desk)).text();
    expect(hotline).toContain(again.reference);
    expect(hotline).toContain("这次的补充说明：上次提交不知道成功没有，再发一次；最好有行车");
  });

  it("no second call-back task for an unmatched enterprise sending again", async () => {
    const tel = String(phone++);
    const nothingFits = { areaMin: 90000, areaMax: 95000, areaMinSqm: 90000, areaMaxSqm: 95000 };
    const first = await storeLead(suite.db.sql, leadOf(tel, "", nothingFits));
    await suite.runMatch(first.id);
    expect(await workOf(first.id)).toEqual({ assignments: 0, callbacks: 1 });
    const again = await storeLead(suite.db.sql, leadOf(tel, "", nothingFits));
    await suite.runMatch(again.id);
    expect(await workOf(again.id)).toEqual({ assignments: 0, callbacks: 0 });
  });

  it("a repeat of a lead no longer worked (lost) is matched and routed as a new one", async () => {
    const tel = String(phone++);
    const first = await storeLead(suite.db.sql, leadOf(tel));
    await suite.db.sql`update leads set status = 'lost' where id = ${first.id}`;
    const again = await storeLead(suite.db.sql, leadOf(tel));
    expect(again.repeatOf).toBe(first.reference);
    await suite.runMatch(again.id);
    expect((await workOf(again.id)).assignments).toBe(2);
  });
});

describe("copies that arrive together are marked", () => {
  it("two copies in one intake batch: the second is a repeat of the first", async () => {
    const tel = String(phone++);
    // A lead in flight makes the next two wait and go together in one statement (group commit, ADR 039).
    const inFlight = storeLead(suite.db.sql, leadOf(String(phone++)));
    const [a, b] = await Promise.all([storeLead(suite.db.sql, leadOf(tel)), storeLead(suite.db.sql, leadOf(tel)), inFlight]);
    const [{ n }] = await suite.db.sql<
      { n: number }[]
    >`select count(distinct xmin::text)::int as n from leads where id in (${a.id}, ${b.id})`;
    expect(n).toBe(1); // one transaction: the same batch
    expect([a.repeatOf, b.repeatOf]).toEqual([null, a.reference]);
  });

  it("two copies stored by two statements at once (two web processes): the one committed second is a repeat", async () => {
    const tel = String(phone++);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let storedA!: (v: { reference: string }) => void;
    const aStored = new Promise<{ reference: string }>((r) => (storedA = r));
    // Process A's statement: stored, holding the day's counter row, not committed yet.
    const first = suite.db.sql.begin(async (tx) => {
      const a = await storeLead(tx as unknown as Sql, leadOf(tel));
      storedA(a);
      await held;
      return a;
    });
    const a = await aStored;
    // Process B's copy waits for the counter row; it is let go once it waits.
    const second = storeLead(suite.db.sql, leadOf(tel));
    for (let i = 0; i < 100; i++) {
      const waiting = await suite.db
        .sql`select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%reference_counters%'`;
      if (waiting.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    release();
    await first;
    const b = await second;
    expect(b.repeatOf).toBe(a.reference);
  });
});
