import { describe, expect, it } from "vitest";

import { readCallerQuery } from "~/domain/caller-query";
import { createLeadSchema } from "~/domain/lead-schema";
import { normalizePhone } from "~/domain/phone";
import { loadOpenCallTasks } from "~/hotline/call-task-list.server";
import { findCallers } from "~/hotline/caller-search.server";
import { updateLeadNeed } from "~/hotline/desk-lead.server";
import { storeLead } from "~/leads/intake.server";
import { workedLeadOf } from "~/leads/worked-lead.server";

import { createSearchClient } from "../../search/client";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { needFormOf } from "../support/need-form";
import { webClient } from "../support/staff-web";

// docs/decisions/116 (trial 28): a repeat is the enquiry as the person sent it, also after staff
// corrected the first lead; work saved on a repeat reaches the lead it belongs to; a call-back ends when
// its lead gets a match (every count agrees); one submission of a call outcome is counted once.

const suite = deskWorkerSuite("dup28_first_lead");
const client = () => webClient(suite.web.url);

let phone = 13700028800;
const COMPANY = "南京再次提交二八精工有限公司";
/** A web lead (validLeadJson: a factory of 4,000–6,000 ㎡ in 高淳区) with `need` overrides, of `company`. */
function leadOf(tel: string, need: Record<string, unknown> = {}, company = COMPANY) {
  const json = validLeadJson({ company, phone: tel });
  const parsed = createLeadSchema("zh", "web").parse({ ...json, need: { ...json.need, ...need } });
  return { ...parsed, raw: {}, source: "web" as const, lng: "zh" as const };
}
const deskUser = async () => (await suite.db.sql<{ id: string }[]>`select id from users where email = 'desk@example.test'`)[0].id;
/** A staff correction of the lead's need (both desks' updateLeadNeed), `need` over the submitted one. */
async function correct(leadId: string, tel: string, need: Record<string, unknown>) {
  const saved = await updateLeadNeed(suite.db.sql, {
    leadId,
    parsed: leadOf(tel, need).lead,
    authorId: await deskUser(),
    note: "电话核实后更正",
    reason: "test correction",
  });
  expect(saved).toEqual({ ok: true });
}

const WIDER = { areaMin: 4000, areaMax: 8000 };
const TWO_PLACES = { regions: ["高淳区", "溧水区"] };

describe("a repeat is the enquiry as sent, also after staff corrected the first lead", () => {
  // [case, correction of the first lead (null: none), what the enterprise sends again, other company?, a repeat?]
  const cases: [string, Record<string, unknown> | null, Record<string, unknown>, boolean, boolean][] = [
    ["no correction, the same form again", null, {}, false, true],
    ["area corrected, the form as first sent", WIDER, {}, false, true],
    ["places corrected, the form as first sent", TWO_PLACES, {}, false, true],
    ["area and places corrected, the form as first sent", { ...WIDER, ...TWO_PLACES }, {}, false, true],
    ["area corrected, the corrected need sent", WIDER, WIDER, false, true],
    ["places corrected, the corrected need sent", TWO_PLACES, TWO_PLACES, false, true],
    ["area corrected, a third need sent", WIDER, { areaMin: 9000, areaMax: 12000 }, false, false],
    ["no correction, another need sent", null, { areaMin: 9000, areaMax: 12000 }, false, false],
    ["area corrected, the first form from another company", WIDER, {}, true, false],
  ];
  it.each(cases)("%s", async (_case, correction, sent, otherCompany, repeat) => {
    const tel = String(phone++);
    const first = await storeLead(suite.db.sql, leadOf(tel));
    await suite.runMatch(first.id);
    if (correction) await correct(first.id, tel, correction);
    const again = await storeLead(suite.db.sql, leadOf(tel, sent, otherCompany ? "南京另一家二八机械有限公司" : COMPANY));
    expect(again.repeatOf).toBe(repeat ? first.reference : null);
    if (!repeat) return;
    // Attached to the first lead: no offer to its recruiter again.
    await suite.runMatch(again.id);
    const [row] = await suite.db.sql`select status, duplicate_of from leads where id = ${again.id}`;
    expect(row).toEqual({ status: "closed", duplicateOf: first.id });
    expect(await suite.db.sql`select 1 from assignments where lead_id = ${again.id}`).toHaveLength(0);
  });
});

/** A first lead (matched, offered) and its repeat attached to it. */
async function leadAndRepeat() {
  const tel = String(phone++);
  const first = await storeLead(suite.db.sql, leadOf(tel));
  await suite.runMatch(first.id);
  const again = await storeLead(suite.db.sql, leadOf(tel));
  await suite.runMatch(again.id);
  expect((await suite.db.sql`select duplicate_of from leads where id = ${again.id}`)[0].duplicateOf).toBe(first.id);
  return { tel, first, again };
}

describe("work on a repeat reaches the lead it belongs to", () => {
  it("workedLeadOf: a repeat, an admin's duplicate of a duplicate, and leads that are none", async () => {
    const { first, again } = await leadAndRepeat();
    expect(await workedLeadOf(suite.db.sql, again.id)).toEqual({ id: first.id, reference: first.reference, from: again.reference });
    // An admin closed a third lead as a duplicate of the repeat: it belongs to the first lead too.
    const third = await storeLead(suite.db.sql, leadOf(String(phone++)));
    await suite.db.sql`update leads set status = 'closed', closed_as = 'duplicate', duplicate_of = ${again.id} where id = ${third.id}`;
    expect(await workedLeadOf(suite.db.sql, third.id)).toEqual({ id: first.id, reference: first.reference, from: third.reference });
    // Spam, the first lead itself, an unknown and a malformed id: none.
    await suite.db.sql`update leads set closed_as = 'spam', duplicate_of = null where id = ${third.id}`;
    for (const id of [third.id, first.id, "00000000-0000-4000-8000-000000000000", "not-an-id"])
      expect(await workedLeadOf(suite.db.sql, id)).toBeNull();
  });

  it("the caller lookup lists the lead being worked before its repeat, and says where the repeat went", async () => {
    const { tel, first, again } = await leadAndRepeat();
    // The index is not read here (no such index): the whole number is looked up in Postgres alone.
    const deps = {
      sql: suite.db.sql,
      search: createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!),
      leadsIndex: `dup28_none_${Date.now()}`,
    };
    const whole = normalizePhone(tel);
    const found = await findCallers(deps, readCallerQuery({ phone: tel }), whole.ok ? whole.value : null);
    expect(found.leads.map((l) => l.reference)).toEqual([first.reference, again.reference]); // the repeat is newer
    expect(found.leads[0].duplicateOf).toBeNull();
    expect(found.leads[1].duplicateOf).toEqual({ leadId: first.id, reference: first.reference });
  });

  it("the hotline page of a repeat opens the first lead and says why", async () => {
    const { first, again } = await leadAndRepeat();
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const res = await client().get(`/hotline/leads/${again.id}`, desk);
    const shown = await followFlash(suite.web.url, res, desk);
    expect(shown.location).toBe(`/hotline/leads/${first.id}`);
    expect(shown.text).toContain(`${again.reference} 是 ${first.reference} 的重复提交，已并入 ${first.reference}`);
    const en = await followFlash(suite.web.url, await client().get(`/hotline/leads/${again.id}?lng=en`, desk), desk);
    expect(en.text).toContain(`${again.reference} repeats ${first.reference}`);
  });

  it("a call note and a need change posted on a repeat's page (opened before) are saved on the first lead, which is matched again", async () => {
    const { tel, first, again } = await leadAndRepeat();
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    // The page as it was before the repeat was attached: the first lead's page has the same need and token.
    const html = await (await client().get(`/hotline/leads/${first.id}`, desk)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    const noted = await client().post(`/hotline/leads/${again.id}`, { intent: "note", body: "陈总来电：溧水也可以", csrf }, desk);
    const flash = await followFlash(suite.web.url, noted, desk);
    expect(flash.location).toBe(`/hotline/leads/${first.id}`);
    expect(flash.text).toBe(`${again.reference} 已并入 ${first.reference}，已记在 ${first.reference}：已记录这次来电。`);

    const form = needFormOf(html);
    const edited = await client().post(
      `/hotline/leads/${again.id}`,
      { ...form, "need.areaMax": "8000", "need.regions": "高淳区、溧水区", note: "面积放宽到8000平，溧水也可以" },
      desk,
    );
    const saidNeed = await followFlash(suite.web.url, edited, desk);
    expect(saidNeed.text).toContain(`已记在 ${first.reference}：需求已更新，正在重新匹配`);
    const rows = await suite.db.sql<{ id: string; max: number; regions: string[]; notes: number; matchOpen: number }[]>`
      select id, (lead->'need'->>'areaMaxSqm')::int as max, array(select jsonb_array_elements_text(lead->'need'->'regionCodes') order by 1) as regions,
             (select count(*)::int from lead_notes n where n.lead_id = l.id) as notes,
             (select count(*)::int from outbox o where o.aggregate_id = l.id::text and o.topic = 'lead.match' and o.done_at is null) as match_open
      from leads l where id in (${first.id}, ${again.id})`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.id)).toMatchObject({ max: 8000, regions: ["320117", "320118"], notes: 2, matchOpen: 1 });
    expect(byId.get(again.id)).toMatchObject({ max: 6000, regions: ["320118"], notes: 0, matchOpen: 0 });
    // The recruiter of the first lead sees the call: the first lead's hotline page lists both notes.
    const page = await (await client().get(`/hotline/leads/${first.id}`, desk)).text();
    expect(page).toContain("陈总来电：溧水也可以");
    expect(page).toContain("面积放宽到8000平，溧水也可以");
    expect(tel).toBeTruthy();
  });

  it("a need change on a lead closed as spam is refused and never said to be matched again", async () => {
    const lead = await storeLead(suite.db.sql, leadOf(String(phone++)));
    await suite.runMatch(lead.id);
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const html = await (await client().get(`/hotline/leads/${lead.id}`, desk)).text();
    await suite.db.sql`update leads set status = 'closed', closed_as = 'spam' where id = ${lead.id}`;
    const res = await client().post(`/hotline/leads/${lead.id}`, { ...needFormOf(html), "need.areaMax": "8000", note: "x" }, desk);
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(text).toContain("需求没有修改，也不会重新匹配");
    expect(text).not.toContain("正在重新匹配");
    const [row] = await suite.db.sql`
      select (lead->'need'->>'areaMaxSqm')::int as max,
             (select count(*)::int from outbox o where o.aggregate_id = ${lead.id} and o.topic = 'lead.match' and o.done_at is null) as open
      from leads where id = ${lead.id}`;
    expect(row).toEqual({ max: 6000, open: 0 });
  });
});

const NOTHING_FITS = { areaMin: 90000, areaMax: 95000 };
const callbackOf = async (leadId: string) =>
  (
    await suite.db.sql<{ id: string; status: string; closedReason: string | null }[]>`
    select id, status, closed_reason from call_tasks where lead_id = ${leadId} and kind = 'callback'`
  )[0];

describe("a call-back ends when its lead gets a match, and every count says the same", () => {
  it("a need edit that matches: the call-back closes (matched) in lead.match; a need that fits nothing again reopens it", async () => {
    const tel = String(phone++);
    const lead = await storeLead(suite.db.sql, leadOf(tel, NOTHING_FITS));
    await suite.runMatch(lead.id);
    const open = await callbackOf(lead.id);
    expect(open).toMatchObject({ status: "open", closedReason: null });
    await correct(lead.id, tel, {});
    await suite.runMatch(lead.id);
    expect(await callbackOf(lead.id)).toEqual({ id: open.id, status: "done", closedReason: "matched" });
    await correct(lead.id, tel, NOTHING_FITS);
    await suite.runMatch(lead.id);
    expect(await callbackOf(lead.id)).toEqual({ id: open.id, status: "open", closedReason: null });
  });

  // Matches written the ways the code writes them: [case, the task's status before, the write, closed?]
  const writes: [string, string, string, boolean][] = [
    ["a live match inserted (space.match's reverse match)", "open", "insert-live", true],
    ["a live match inserted, the task waiting after no answer", "no-answer", "insert-live", true],
    ["a withdrawn match inserted", "open", "insert-withdrawn", false],
    ["a withdrawn match made live again", "open", "revive", true],
    ["a live match withdrawn", "open", "withdraw", false],
  ];
  it.each(writes)("%s", async (_case, before, write, closed) => {
    const lead = await storeLead(suite.db.sql, leadOf(String(phone++), NOTHING_FITS));
    await suite.runMatch(lead.id);
    const task = await callbackOf(lead.id);
    await suite.db.sql`update call_tasks set status = ${before} where id = ${task.id}`;
    const [space] = await suite.db.sql<{ id: string; parkId: string }[]>`select id, park_id from spaces order by id limit 1`;
    const insert = (withdrawn: boolean) => suite.db.sql`
      insert into matches (lead_id, space_id, park_id, score, reasons, found_by, withdrawn_at)
      values (${lead.id}, ${space.id}, ${space.parkId}, 50, '[]', 'space', ${withdrawn ? new Date() : null})`;
    if (write === "insert-live") await insert(false);
    if (write === "insert-withdrawn") await insert(true);
    if (write === "revive" || write === "withdraw") {
      await suite.db.sql`alter table call_tasks disable trigger user`; // set up without the rule under test
      await insert(write === "revive");
      await suite.db.sql`alter table call_tasks enable trigger user`;
      await suite.db.sql`update call_tasks set status = ${before}, closed_reason = null where id = ${task.id}`;
      await suite.db.sql`update matches set withdrawn_at = ${write === "revive" ? null : new Date()} where lead_id = ${lead.id}`;
    }
    expect(await callbackOf(lead.id)).toMatchObject(closed ? { status: "done", closedReason: "matched" } : { status: before });
  });

  it("the hotline's list and the admin overview count the same open tasks; the desk says why a matched call-back closed", async () => {
    const lead = await storeLead(suite.db.sql, leadOf(String(phone++), NOTHING_FITS));
    await suite.runMatch(lead.id);
    const [space] = await suite.db.sql<{ id: string; parkId: string }[]>`select id, park_id from spaces order by id limit 1`;
    const task = await callbackOf(lead.id);
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const csrf = await client().csrfOf("/hotline", desk);
    await suite.db.sql`
      insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
      values (${lead.id}, ${space.id}, ${space.parkId}, 50, '[]', 'space')`;
    const listed = await loadOpenCallTasks(suite.db.sql, "zh");
    const [{ n }] = await suite.db.sql<{ n: number }[]>`select count(*)::int as n from call_tasks where status in ('open', 'no-answer')`;
    expect(listed.total).toBe(n);
    expect(listed.rows.map((r) => r.id)).not.toContain(task.id);
    const res = await client().post("/hotline", { task: task.id, outcome: "no-answer", csrf }, desk);
    expect((await followFlash(suite.web.url, res, desk)).text).toBe(
      "这条任务已经结束：这条线索已有匹配的园区（库存或需求有变），不必再回访核实需求。",
    );
  });
});

describe("one submission of a call outcome is recorded once", () => {
  it("the same formKey twice (「再次提交」): one attempt, one note; another key counts again; no key counts every post", async () => {
    const lead = await storeLead(suite.db.sql, leadOf(String(phone++), NOTHING_FITS));
    await suite.runMatch(lead.id);
    const task = await callbackOf(lead.id);
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const page = await (await client().get("/hotline", desk)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    // The task's form carries the page's key.
    const taskForm = page.slice(page.indexOf(`name="task" value="${task.id}"`));
    const formKey = /name="formKey" value="([0-9a-f-]{36})"/.exec(taskForm)![1];
    const state = async () =>
      (
        await suite.db.sql<{ attempts: number; notes: number }[]>`
        select attempts, (select count(*)::int from lead_notes where call_task_id = ${task.id}) as notes from call_tasks where id = ${task.id}`
      )[0];
    const send = (fields: Record<string, string>) => client().post("/hotline", { task: task.id, csrf, ...fields }, desk);
    const first = { outcome: "no-answer", note: "无人接听，稍后再打", formKey };
    for (const i of [1, 2, 3]) {
      const res = await send(first);
      expect((await followFlash(suite.web.url, res, desk)).text, `post ${i}`).toContain("已记录");
    }
    expect(await state()).toEqual({ attempts: 1, notes: 1 });
    await send({ ...first, formKey: crypto.randomUUID() });
    expect((await state()).attempts).toBe(2);
    await send({ outcome: "no-answer", note: "第三次" });
    await send({ outcome: "no-answer", note: "第三次", formKey: "not-a-key" });
    expect((await state()).attempts).toBe(4);
    // A closing outcome sent twice: the second answers recorded, not "closed by a colleague".
    const closing = { outcome: "done", confirm: "1", note: "已核实需求", formKey: crypto.randomUUID() };
    expect((await followFlash(suite.web.url, await send(closing), desk)).text).toContain("已记录");
    expect((await followFlash(suite.web.url, await send(closing), desk)).text).toContain("已记录");
    // Notes: the first, 「第三次」 (sent twice within seconds: one note, as before), the closing one.
    expect(await state()).toEqual({ attempts: 5, notes: 3 });
  });
});
