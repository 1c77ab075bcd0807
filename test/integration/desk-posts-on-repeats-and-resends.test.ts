import { describe, expect, it } from "vitest";

import { NOTE_MAX } from "~/domain/call-outcomes";
import { createLeadSchema } from "~/domain/lead-schema";
import { openCallTask, OUTCOME_KEYS_KEPT, recordCallOutcome } from "~/hotline/call-tasks.server";
import { storeLead } from "~/leads/intake.server";

import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { decodeEntities, needFormOf } from "../support/need-form";
import { TEST_ROUTING } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// docs/decisions/120: (2.) a post on a repeat's hotline page (opened before it was attached, ADR 116) that the
// action refuses is drawn, without JavaScript, on the lead it belongs to with what was typed — not
// redirected there empty; (3.) a call task keeps the keys of its recent outcome submissions, so a resend of
// any of them (not only the last) counts once.

const suite = deskWorkerSuite("life29_desk_posts");
const client = () => webClient(suite.web.url);

let phone = 13700029700;
function leadOf(tel: string, company = "南京生命二九重复页精工有限公司") {
  const parsed = createLeadSchema("zh", "web").parse(validLeadJson({ company, phone: tel }));
  return { ...parsed, raw: {}, source: "web" as const, lng: "zh" as const };
}
/** A lead and its repeat (attached to it by lead.match), with the desk's page of the first lead as it was before. */
async function repeatWithPage(company?: string) {
  const tel = String(phone++);
  const first = await storeLead(suite.db.sql, leadOf(tel, company));
  await suite.runMatch(first.id);
  const again = await storeLead(suite.db.sql, leadOf(tel, company));
  await suite.runMatch(again.id);
  expect((await suite.db.sql`select duplicate_of from leads where id = ${again.id}`)[0].duplicateOf).toBe(first.id);
  const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
  const html = await (await client().get(`/hotline/leads/${first.id}`, desk)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
  return { first, again, desk, html, csrf };
}
const formActions = (html: string) => [...html.matchAll(/<form\b[^>]*action="([^"]*)"/g)].map((m) => decodeEntities(m[1]));

describe("a refused post on a repeat's page keeps the typing (no JavaScript)", () => {
  it("the need form refused (400): drawn on the first lead, the typed need and note in the form, the words say where", async () => {
    const { first, again, desk, html } = await repeatWithPage();
    const typedNote = "陈总来电：面积改到九千以上（二九）";
    const res = await client().post(
      `/hotline/leads/${again.id}`,
      { ...needFormOf(html), "need.areaMin": "9000", "need.areaMax": "5000", note: typedNote },
      desk,
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    const page = await res.text();
    expect(page).toContain(typedNote);
    expect(page).toMatch(/value="9000"/);
    expect(page).toMatch(/value="5000"/);
    expect(page).toContain(`${again.reference} 是 ${first.reference} 的重复提交，已并入 ${first.reference}`);
    expect(page).toContain(first.reference);
    // The page is the first lead's: its forms post there from now on.
    expect(formActions(page).filter((a) => a.startsWith("/hotline/leads/"))).toEqual([
      `/hotline/leads/${first.id}`,
      `/hotline/leads/${first.id}`,
    ]);
    // Nothing was saved on either lead.
    const [row] = await suite.db.sql<{ max: number; notes: number }[]>`
      select (lead->'need'->>'areaMaxSqm')::int as max, (select count(*)::int from lead_notes n where n.lead_id = l.id) as notes
      from leads l where id = ${first.id}`;
    expect(row).toEqual({ max: 6000, notes: 0 });
    // A plain visit still goes to the first lead (ADR 116).
    const visit = await client().get(`/hotline/leads/${again.id}`, desk);
    expect(visit.status).toBe(303);
  });

  it("in English too, and the call note refused (too long) keeps its text", async () => {
    const { first, again, desk, csrf } = await repeatWithPage("南京生命二九英文页机械有限公司");
    const long = `${"长".repeat(NOTE_MAX)}尾`;
    const res = await client().post(`/hotline/leads/${again.id}?lng=en`, { intent: "note", body: long, csrf }, desk);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(long);
    expect(page).toContain(`${again.reference} repeats ${first.reference}`);
    expect((await suite.db.sql`select 1 from lead_notes where lead_id in (${first.id}, ${again.id})`).length).toBe(0);
  });

  it("the need form refused because the first lead was closed (409): the typed change stays, with the reason", async () => {
    const { first, again, desk, html } = await repeatWithPage("南京生命二九已关闭机械有限公司");
    await suite.db.sql`update leads set status = 'closed', closed_as = 'spam' where id = ${first.id}`;
    const res = await client().post(
      `/hotline/leads/${again.id}`,
      { ...needFormOf(html), "need.areaMax": "7777", note: "扩大到7777平（二九）" },
      desk,
    );
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain("需求没有修改，也不会重新匹配");
    expect(page).toContain("扩大到7777平（二九）");
    expect(page).toMatch(/value="7777"/);
  });

  it("a post that succeeds still lands on the first lead by its redirect (ADR 116 unchanged)", async () => {
    const { first, again, desk, csrf } = await repeatWithPage("南京生命二九成功页机械有限公司");
    const noted = await client().post(`/hotline/leads/${again.id}`, { intent: "note", body: "来电已记录（二九）", csrf }, desk);
    const flash = await followFlash(suite.web.url, noted, desk);
    expect(flash.location).toBe(`/hotline/leads/${first.id}`);
  });
});

describe("a call outcome submission counts once, whichever earlier one is sent again", () => {
  const attemptsOf = async (taskId: string) =>
    (await suite.db.sql<{ attempts: number }[]>`select attempts from call_tasks where id = ${taskId}`)[0].attempts;
  async function callback() {
    const lead = await storeLead(suite.db.sql, leadOf(String(phone++), "南京生命二九回访机械有限公司"));
    return openCallTask(suite.db.sql, {
      kind: "callback",
      leadId: lead.id,
      phone: "+8613700000000",
      script: { zh: "回访", en: "call back" },
      dedupeKey: `life29-cb-${lead.id}`,
    }).then(async () => (await suite.db.sql<{ id: string }[]>`select id from call_tasks where lead_id = ${lead.id}`)[0].id);
  }
  const send = (taskId: string, key: string | null) =>
    recordCallOutcome(suite.db.sql, taskId, "no-answer", { routing: TEST_ROUTING, submissionKey: key });

  it("A, B, A again, B again, C, A again: three attempts", async () => {
    const task = await callback();
    const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const key of [a, b, a, b, c, a]) await send(task, key);
    expect(await attemptsOf(task)).toBe(3);
    expect((await send(task, b)).ok && (await send(task, b))).toMatchObject({ again: true });
  });

  it("a keyless post between two keyed ones forgets neither; the keys kept are bounded (the oldest goes)", async () => {
    const task = await callback();
    const keys = Array.from({ length: OUTCOME_KEYS_KEPT + 1 }, () => crypto.randomUUID());
    await send(task, keys[0]);
    await send(task, null);
    await send(task, keys[0]);
    expect(await attemptsOf(task)).toBe(2);
    for (const key of keys.slice(1)) await send(task, key);
    expect(await attemptsOf(task)).toBe(OUTCOME_KEYS_KEPT + 2);
    const [row] = await suite.db.sql<{ kept: number }[]>`select cardinality(outcome_keys) as kept from call_tasks where id = ${task}`;
    expect(row.kept).toBe(OUTCOME_KEYS_KEPT);
    // Every kept key is recognised; the oldest, pushed out, counts again.
    for (const key of keys.slice(2)) await send(task, key);
    expect(await attemptsOf(task)).toBe(OUTCOME_KEYS_KEPT + 2);
    await send(task, keys[0]);
    expect(await attemptsOf(task)).toBe(OUTCOME_KEYS_KEPT + 3);
  });

  it("through the desk: two submissions and a resend of the first (「再次提交」) after the second count twice", async () => {
    const task = await callback();
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const page = await (await client().get("/hotline", desk)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    const post = (formKey: string, note: string) => client().post("/hotline", { task, csrf, outcome: "no-answer", note, formKey }, desk);
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    await post(first, "第一次无人接（二九）");
    await post(second, "第二次无人接（二九）");
    const again = await post(first, "第一次无人接（二九）");
    expect((await followFlash(suite.web.url, again, desk)).text).toContain("已记录");
    const [row] = await suite.db.sql<{ attempts: number; notes: number }[]>`
      select attempts, (select count(*)::int from lead_notes where call_task_id = ${task}) as notes from call_tasks where id = ${task}`;
    expect(row).toEqual({ attempts: 2, notes: 2 });
  });
});
