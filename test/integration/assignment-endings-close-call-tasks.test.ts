import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadDashboardFigures, loadDashboardFiguresLive } from "~/admin/dashboard-data.server";
import { figureTables } from "~/admin/dashboard-tables";
import { closeLead, rerouteByAdmin } from "~/admin/lead-actions.server";
import { hashPassword } from "~/auth/password.server";
import { loadOpenCallTasks } from "~/hotline/call-task-list.server";
import { openCallTask } from "~/hotline/call-tasks.server";
import { eraseLeads } from "~/privacy/anonymise.server";

import { assignmentSlaJob } from "../../worker/assignment-sla.job";
import { notifyWecomJob } from "../../worker/notify-wecom.job";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { followFlash } from "../support/flash";
import { countingJobContext } from "../support/lead-match-job";
import { needFormOf } from "../support/need-form";
import { callTasksOf, mailsAbout, wecomRobot } from "../support/notices-told";
import { routedTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// ADR 114: an assignment's hand-over and escalation call tasks end with the assignment, whatever ends it
// (one trigger, migration 090), with a reason the hotline desk says; the withdrawal notice of a need edit
// goes on the assignment's channel (email, a hotline task, the park's WeCom group as the offer did); the
// dashboard counts need-change endings apart from lost ones.

const mailDir = mkdtempSync(join(tmpdir(), "pm-life28-"));
const suite = deskWorkerSuite("life28_endings", mailDir);
const client = () => webClient(suite.web.url);

const { webhook: WEBHOOK, posts: wecomPosts, server: msw } = wecomRobot("life28-robot");

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: "bypass" }); // loopback (Postgres, Meilisearch, the web) passes through
  await suite.db.sql`update parks set wecom_webhook_url = ${WEBHOOK} where id = 'GC-EDZ'`;
  await suite.db.sql`insert into users (email, name, role, password_hash) values
    ('boss@example.test', '管理员', 'admin', ${await hashPassword(DESK_PASSWORD)})`;
});
afterAll(() => msw.close());

let phone = 13700028800;
const assignmentsOf = (leadId: string) =>
  suite.db.sql<
    { id: string; parkId: string; recruiterId: string | null; status: string; closeReason: string | null; channel: string | null }[]
  >`
    select id, park_id, recruiter_id, status, close_reason, channel from assignments where lead_id = ${leadId} order by park_id`;
const tasksOf = (assignmentId: string) => callTasksOf(suite.db.sql, assignmentId);

/** A factory lead in 高淳区 matched and routed by lead.match: R1 (email) holds GC-EDZ, R2 (hotline) GC-DB with its hand-over task. */
async function routedLead(company: string) {
  const lead = await storeTestLead(suite.db.sql, company, String(phone++));
  await suite.runMatch(lead.id);
  const a = await assignmentsOf(lead.id);
  expect(a.map((x) => [x.parkId, x.recruiterId, x.status, x.channel])).toEqual([
    ["GC-DB", "R2", "offered", "hotline"],
    ["GC-EDZ", "R1", "offered", "email"],
  ]);
  const db = a.find((x) => x.parkId === "GC-DB")!.id;
  expect((await tasksOf(db)).map((t) => [t.kind, t.recruiterId, t.status])).toEqual([["handover", "R2", "open"]]);
  return { ...lead, edz: a.find((x) => x.parkId === "GC-EDZ")!.id, db };
}

/** The hotline changes the lead's need to 10,000–13,000 ㎡ in 溧水区 (no park of the routed lead fits), then lead.match runs. */
async function moveNeedToLishui(leadId: string): Promise<void> {
  const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
  const form = needFormOf(await (await client().get(`/hotline/leads/${leadId}`, desk)).text());
  const saved = await client().post(
    `/hotline/leads/${leadId}`,
    { ...form, "need.areaMin": "10000", "need.areaMax": "13000", "need.regions": "溧水区", note: "改溧水" },
    desk,
  );
  expect(saved.status).toBe(303);
  await suite.runMatch(leadId);
}

const mailsTo = (email: string, reference: string) => mailsAbout(mailDir, email, reference);

describe("a need edit ends an assignment: its call tasks close, the recruiter hears on their channel", () => {
  it("hand-over closed (need-changed) in the ending; email to R1, a hotline task for R2, the WeCom group told; the desk says why", async () => {
    const lead = await routedLead("南京生命二十八精工机械有限公司");
    // The offer went to GC-EDZ's WeCom group (its post waits in the outbox).
    expect(
      await suite.db.sql`select 1 from notifications where assignment_id = ${lead.edz} and kind = 'wecom' and channel = 'wecom'`,
    ).toHaveLength(1);
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const csrf = await client().csrfOf("/hotline", desk);
    const handover = (await tasksOf(lead.db))[0];
    // The desk's list shows the hand-over while it is current.
    expect(await (await client().get("/hotline", desk)).text()).toContain(lead.reference);

    // R1 corrects the need: 溧水区, 10,000–13,000 ㎡ — neither GC park fits any more.
    const r1 = await client().signIn("zhoumin@example.test", DESK_PASSWORD);
    const path = `/queue/assignments/${lead.edz}/need`;
    const form = needFormOf(await (await client().get(path, r1)).text());
    const saved = await client().post(
      path,
      { ...form, "need.areaMin": "10000", "need.areaMax": "13000", "need.regions": "溧水区", note: "企业改为溧水" },
      r1,
    );
    expect(saved.status).toBe(303);
    await suite.runMatch(lead.id);
    expect((await assignmentsOf(lead.id)).map((x) => [x.parkId, x.status, x.closeReason])).toEqual([
      ["GC-DB", "lost", "need-changed"],
      ["GC-EDZ", "lost", "need-changed"],
      ["LS-EDZ", "offered", null],
    ]);

    // 1. The hand-over to R2 is closed, with its reason, in lead.match's transaction (no other step ran).
    const [closedHandover, withdrawal] = await tasksOf(lead.db);
    expect(closedHandover).toMatchObject({ id: handover.id, kind: "handover", status: "done", closedReason: "need-changed" });

    // 4. R2 works by phone: the withdrawal is a hotline task (not an email), to R2, saying why in zh and en.
    expect(withdrawal).toMatchObject({ kind: "withdrawal", recruiterId: "R2", status: "open", closedReason: null });
    expect(withdrawal.script).toContain(lead.reference);
    expect(withdrawal.script).toContain("分配已结束");
    expect(withdrawal.script).toContain("溧水区");
    expect(withdrawal.scriptEn).toContain("has ended");
    const notices = await suite.db.sql<{ recipient: string; channel: string; status: string }[]>`
      select recipient, channel, status from notifications where lead_id = ${lead.id} and kind = 'withdrawal-notice' order by recipient, channel`;
    expect(notices).toEqual([
      { recipient: "GC-EDZ", channel: "wecom", status: "pending" },
      { recipient: "R1", channel: "email", status: "sent" },
      { recipient: "R2", channel: "hotline", status: "sent" },
    ]);
    expect(await mailsTo("zhoumin@example.test", lead.reference)).toHaveLength(2); // the offer and the withdrawal
    expect((await mailsTo("wuhao@example.test", lead.reference)).filter((m) => m.includes("分配结束"))).toEqual([]);

    // The WeCom group hears it through the WeCom sender (msw plays the robot); no contact data in it.
    const [post] = await suite.db.sql<{ id: string; aggregateId: string }[]>`
      select o.id, o.aggregate_id from outbox o join notifications n on n.id::text = o.aggregate_id
      where o.topic = 'notify.wecom' and n.assignment_id = ${lead.edz} and n.kind = 'withdrawal-notice'`;
    const { ctx } = countingJobContext(suite.db.sql, "unused");
    await notifyWecomJob(ctx, { outboxId: Number(post.id), id: post.aggregateId });
    const told = wecomPosts.find((p) => p.includes(lead.reference) && p.includes("分配结束"))!;
    expect(told).toContain("溧水区");
    expect(told).toContain("周敏");
    expect(told).not.toMatch(/1370002\d{4}/); // the enterprise's phone
    expect((await suite.db.sql`select status from notifications where id = ${post.aggregateId}`)[0].status).toBe("sent");

    // The desk: the withdrawal task is listed, the closed hand-over not; pressing the hand-over (an older page) says why.
    const list = await loadOpenCallTasks(suite.db.sql, "zh");
    expect(list.rows.filter((r) => r.reference === lead.reference).map((r) => r.kind)).toEqual(["withdrawal"]);
    const zh = await client().post("/hotline", { task: handover.id, outcome: "done", confirm: "1", csrf }, desk);
    expect(await followFlash(suite.web.url, zh, desk)).toMatchObject({
      role: "alert",
      text: "这条任务已经结束：需求更正后本园区不再符合，这条分配已结束。",
    });
    const en = await client().post("/hotline?lng=en", { task: handover.id, outcome: "no-answer", csrf }, desk);
    expect((await followFlash(suite.web.url, en, desk)).text).toBe(
      "That task is closed: the need was corrected and this park no longer fits; the assignment has ended.",
    );
    expect((await tasksOf(lead.db))[0]).toMatchObject({ status: "done", closedReason: "need-changed" }); // not reopened

    // 2. The dashboard counts the two ended assignments' lead as ended by a need change, not as lost.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const range = { from: today, to: today, park: null };
    const figures = await loadDashboardFigures(suite.db.sql, range);
    expect(figures.ended).toEqual(await loadDashboardFiguresLive(suite.db.sql, range).then((f) => f.ended));
    expect(figures.ended.needChanged).toBeGreaterThanOrEqual(1);
    const gcdb = await loadDashboardFigures(suite.db.sql, { ...range, park: "GC-DB" });
    expect(gcdb.ended).toMatchObject({ lost: 0 });
    const admin = await client().signIn("boss@example.test", DESK_PASSWORD);
    const page = await (await client().get(`/admin/dashboard?from=${today}&to=${today}&park=GC-DB`, admin)).text();
    expect(page).toContain("分配结束：流失与需求更正");
    expect(page).toContain("需求更正后结束（园区不再符合）");
    const pageEn = await (await client().get(`/admin/dashboard?from=${today}&to=${today}&lng=en`, admin)).text();
    expect(pageEn).toContain("Ended after a need correction (park no longer fits)");
    const ended = figureTables("en", gcdb).find((t) => t.figure === "ended")!;
    expect(ended.rows.map((r) => r.slice(0, 2))).toEqual([
      ["Lost (closed by the recruiter, signed with another park, or the lead closed)", 0],
      ["Ended after a need correction (park no longer fits)", gcdb.ended.needChanged],
    ]);
    const csv = await (await client().get(`/admin/dashboard/export?figure=ended&from=${today}&to=${today}`, admin)).text();
    expect(csv).toContain("需求更正后结束（园区不再符合）");
  });

  it("an assignment nobody held (unassigned) ends without a notice; a recruiter on email gets no hotline task", async () => {
    const lead = await routedLead("南京生命二十八无人接机械有限公司");
    // R2 left GC-DB's offer to the unassigned queue; the hand-over closes as moved.
    await suite.db.sql`update assignments set status = 'unassigned', recruiter_id = null, channel = null where id = ${lead.db}`;
    expect((await tasksOf(lead.db))[0]).toMatchObject({ status: "done", closedReason: "moved" });
    await moveNeedToLishui(lead.id);
    const notices = await suite.db.sql<{ recipient: string; channel: string }[]>`
      select recipient, channel from notifications where lead_id = ${lead.id} and kind = 'withdrawal-notice' order by recipient, channel`;
    expect(notices).toEqual([
      { recipient: "GC-EDZ", channel: "wecom" },
      { recipient: "R1", channel: "email" },
    ]);
    expect(await suite.db.sql`select 1 from call_tasks where lead_id = ${lead.id} and kind = 'withdrawal'`).toHaveLength(0);
  });
});

describe("every other ending closes the assignment's tasks by the same trigger (real paths)", () => {
  const cases: [string, (lead: { id: string; db: string; edz: string }) => Promise<unknown>, string][] = [
    [
      "the offer lapsed (SLA): re-routed, nobody else at GC-DB → unassigned",
      async (lead) => {
        await suite.db.sql`update assignments set accept_by = now() - interval '1 minute' where id = ${lead.db}`;
        const [sla] = await suite.db.sql<{ id: string }[]>`
          select id from outbox where topic = 'assignment.sla' and aggregate_id = ${lead.db} and done_at is null`;
        await assignmentSlaJob(countingJobContext(suite.db.sql, "unused").ctx, { outboxId: Number(sla.id), id: lead.db });
      },
      "moved",
    ],
    ["an admin re-routes the offer", (lead) => rerouteByAdmin(suite.db.sql, lead.id, lead.db, "boss@example.test", TEST_ROUTING), "moved"],
    [
      "an admin closes the lead as spam",
      (lead) => closeLead(suite.db.sql, lead.id, { as: "spam", note: "", duplicateOf: null }, "boss@example.test"),
      "lead-closed",
    ],
    [
      "an admin closes the lead as a duplicate",
      async (lead) => {
        const other = await storeTestLead(suite.db.sql, "南京生命二十八原件有限公司", String(phone++));
        return closeLead(suite.db.sql, lead.id, { as: "duplicate", note: "同一家", duplicateOf: other.reference }, "boss@example.test");
      },
      "lead-closed",
    ],
    [
      "the lead is erased on request",
      (lead) => eraseLeads(suite.db.sql, { leadIds: [lead.id], actor: "boss@example.test", subject: "137****" }),
      "erased",
    ],
    [
      "R2 accepts at their own desk (no hand-over needed any more)",
      (lead) => suite.db.sql`update assignments set status = 'accepted', accepted_at = now() where id = ${lead.db}`,
      "taken-up",
    ],
  ];
  for (const [what, end, reason] of cases)
    it(`${what} → the hand-over is closed: ${reason}`, async () => {
      const lead = await routedLead(`南京生命二十八${what.length}号${reason}机械有限公司`);
      await end(lead);
      const [task] = await tasksOf(lead.db);
      expect({ status: task.status, closedReason: task.closedReason }).toEqual({ status: "done", closedReason: reason });
      const list = await loadOpenCallTasks(suite.db.sql, "en");
      expect(list.rows.some((r) => r.id === task.id)).toBe(false);
    });
});

describe("the trigger, transition by transition (a table of endings)", () => {
  /** A GC-DB offer to R2 with an open hand-over task (and `extra` tasks), for one row of the table. */
  async function offerWithTasks(tag: string) {
    const a = await routedTestLead(suite.db.sql, { company: `南京触发${tag}有限公司`, phone: String(phone++) }, "S5", "GC-DB");
    expect(a.recruiterId).toBe("R2");
    const script = { zh: "转交", en: "hand over" };
    await openCallTask(suite.db.sql, {
      kind: "handover",
      leadId: a.leadId,
      assignmentId: a.assignmentId,
      recruiterId: "R2",
      phone: "+8613900000002",
      script,
      dedupeKey: `t-h-${tag}`,
    });
    await openCallTask(suite.db.sql, { kind: "callback", leadId: a.leadId, phone: "+8613700000000", script, dedupeKey: `t-c-${tag}` });
    return a;
  }
  const byKind = async (leadId: string) =>
    Object.fromEntries(
      (
        await suite.db.sql<{ kind: string; status: string; closedReason: string | null }[]>`
          select kind, status, closed_reason from call_tasks where lead_id = ${leadId}`
      ).map((t) => [t.kind, [t.status, t.closedReason]]),
    );

  // [the assignment's change (SQL set clause values), hand-over after it]
  const rows: [string, { status: string; recruiter?: string | null; closeReason?: string | null }, [string, string | null]][] = [
    ["accepted by R2", { status: "accepted" }, ["done", "taken-up"]],
    ["contacted by R2", { status: "contacted" }, ["done", "taken-up"]],
    ["visit", { status: "visit" }, ["done", "taken-up"]],
    ["signed", { status: "signed" }, ["done", "won"]],
    ["lost, price", { status: "lost", closeReason: "price" }, ["done", "lost"]],
    ["lost, need changed", { status: "lost", closeReason: "need-changed" }, ["done", "need-changed"]],
    ["lost, erased", { status: "lost", closeReason: "erased" }, ["done", "erased"]],
    ["declined", { status: "declined" }, ["done", "declined"]],
    ["to the unassigned queue", { status: "unassigned", recruiter: null }, ["done", "moved"]],
    ["offered to R1 instead", { status: "offered", recruiter: "R1" }, ["done", "moved"]],
    ["escalated", { status: "escalated" }, ["done", "moved"]],
    ["still offered to R2 (deadline moved)", { status: "offered" }, ["open", null]],
  ];
  for (const [what, change, handover] of rows)
    it(`${what}: hand-over ${handover.join(" / ")}; the lead's call-back untouched`, async () => {
      const a = await offerWithTasks(what);
      const recruiter = change.recruiter === undefined ? "R2" : change.recruiter;
      await suite.db
        .sql`update assignments set status = ${change.status}, recruiter_id = ${recruiter}, close_reason = ${change.closeReason ?? null},
                                                accept_by = accept_by + interval '1 hour'
                         where id = ${a.assignmentId}`;
      expect(await byKind(a.leadId)).toEqual({ handover, callback: ["open", null] });
    });

  it("a no-answer hand-over closes too; a task the hotline closed keeps no reason; an escalation lives while escalated", async () => {
    const a = await offerWithTasks("多任务");
    await suite.db.sql`update call_tasks set status = 'no-answer' where assignment_id = ${a.assignmentId} and kind = 'handover'`;
    const script = { zh: "升级", en: "escalation" };
    await suite.db.sql`update assignments set status = 'escalated' where id = ${a.assignmentId}`;
    expect(await byKind(a.leadId)).toMatchObject({ handover: ["done", "moved"] });
    await openCallTask(suite.db.sql, {
      kind: "escalation",
      leadId: a.leadId,
      assignmentId: a.assignmentId,
      phone: "+8613700000000",
      script,
      dedupeKey: "t-e-1",
    });
    await suite.db.sql`update assignments set accept_by = now() + interval '1 day' where id = ${a.assignmentId}`; // no status change
    expect(await byKind(a.leadId)).toMatchObject({ escalation: ["open", null] });
    await suite.db.sql`update assignments set status = 'offered', recruiter_id = 'R2' where id = ${a.assignmentId}`; // an admin assigns it
    expect(await byKind(a.leadId)).toMatchObject({ escalation: ["done", "moved"], callback: ["open", null] });

    const b = await offerWithTasks("已处理");
    await suite.db.sql`update call_tasks set status = 'wrong-number' where assignment_id = ${b.assignmentId}`;
    await suite.db.sql`update assignments set status = 'lost', close_reason = 'need-changed' where id = ${b.assignmentId}`;
    expect(await byKind(b.leadId)).toMatchObject({ handover: ["wrong-number", null] });
  });

  it("a withdrawal task lives while its assignment stays ended; reopened (the park fits again) closes it", async () => {
    const a = await offerWithTasks("重新开启");
    await suite.db.sql`update assignments set status = 'lost', close_reason = 'need-changed' where id = ${a.assignmentId}`;
    const script = { zh: "告知结束", en: "tell it ended" };
    await openCallTask(suite.db.sql, {
      kind: "withdrawal",
      leadId: a.leadId,
      assignmentId: a.assignmentId,
      recruiterId: "R2",
      phone: "+8613900000002",
      script,
      dedupeKey: "t-w-1",
    });
    await suite.db.sql`update assignments set close_reason = 'erased', recruiter_id = 'R1' where id = ${a.assignmentId}`; // still lost
    expect(await byKind(a.leadId)).toMatchObject({ handover: ["done", "need-changed"], withdrawal: ["open", null] });
    await suite.db.sql`update assignments set status = 'offered', close_reason = null, recruiter_id = 'R2' where id = ${a.assignmentId}`;
    expect(await byKind(a.leadId)).toMatchObject({ withdrawal: ["done", "reopened"], callback: ["open", null] });
  });

  it("a rolled-back ending leaves the task open (same transaction)", async () => {
    const a = await offerWithTasks("回滚");
    await suite.db.sql
      .begin(async (tx) => {
        await tx`update assignments set status = 'lost', close_reason = 'need-changed' where id = ${a.assignmentId}`;
        throw new Error("rolled back");
      })
      .catch(() => {});
    expect(await byKind(a.leadId)).toMatchObject({ handover: ["open", null] });
  });
});

// ADR 119 (ADR 114's "left"): every ending is on the dashboard, whoever held the assignment. A need edit
// ending an assignment nobody held wrote its `withdrawn` line without a recruiter and was counted nowhere;
// an admin's closing ended assignments without a line of their own and was not counted as lost.
describe("endings counted whoever held the assignment", () => {
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  /** The ended figure for today: from the stages (the page's) and live from the facts, which must agree. */
  const ended = async (park: string | null) => {
    const range = { from: today(), to: today(), park };
    const [kept, live] = await Promise.all([loadDashboardFigures(suite.db.sql, range), loadDashboardFiguresLive(suite.db.sql, range)]);
    expect(kept.ended).toEqual(live.ended);
    return kept.ended;
  };

  it("a need edit ending an unassigned assignment is counted as ended by the need change (park and all parks)", async () => {
    const lead = await routedLead("南京一一九无人接更正机械有限公司");
    await suite.db.sql`update assignments set status = 'unassigned', recruiter_id = null, channel = null where id = ${lead.db}`;
    const [park, all] = [await ended("GC-DB"), await ended(null)];
    await moveNeedToLishui(lead.id);
    const lines = await suite.db.sql<{ recruiterId: string | null }[]>`
      select recruiter_id from routing_events where assignment_id = ${lead.db} and event = 'withdrawn'`;
    expect(lines).toEqual([{ recruiterId: null }]);
    expect(await ended("GC-DB")).toEqual({ ...park, needChanged: park.needChanged + 1 });
    // GC-EDZ's R1 lost it by the same edit: the lead once on the all-parks figure.
    expect(await ended(null)).toEqual({ ...all, needChanged: all.needChanged + 1 });
  });

  it("an admin's closing writes a lost line per assignment it ends, held or not, and the dashboard counts the lead as lost", async () => {
    const lead = await routedLead("南京一一九管理员关闭机械有限公司");
    await suite.db.sql`update assignments set status = 'unassigned', recruiter_id = null, channel = null where id = ${lead.db}`;
    const [db, edz, all] = [await ended("GC-DB"), await ended("GC-EDZ"), await ended(null)];
    expect(await closeLead(suite.db.sql, lead.id, { as: "spam", note: "广告", duplicateOf: null }, "boss@example.test")).toEqual({
      ok: true,
    });
    const lines = await suite.db.sql<
      { assignmentId: string | null; event: string; recruiterId: string | null; rule: string; actor: string }[]
    >`
      select assignment_id, event, recruiter_id, rule, actor from routing_events
      where lead_id = ${lead.id} and event in ('lost', 'closed') order by event, recruiter_id nulls first`;
    expect(lines).toEqual([
      { assignmentId: null, event: "closed", recruiterId: null, rule: "spam", actor: "boss@example.test" },
      { assignmentId: lead.db, event: "lost", recruiterId: null, rule: "spam", actor: "boss@example.test" },
      { assignmentId: lead.edz, event: "lost", recruiterId: "R1", rule: "spam", actor: "boss@example.test" },
    ]);
    expect(await ended("GC-DB")).toEqual({ ...db, lost: db.lost + 1 });
    expect(await ended("GC-EDZ")).toEqual({ ...edz, lost: edz.lost + 1 });
    expect(await ended(null)).toEqual({ ...all, lost: all.lost + 1 });
    // A closing of a lead whose assignments had all ended already writes no lost line.
    const done = await routedLead("南京一一九已结束再关闭机械有限公司");
    await suite.db.sql`update assignments set status = 'declined' where lead_id = ${done.id}`;
    expect(await closeLead(suite.db.sql, done.id, { as: "spam", note: "", duplicateOf: null }, "boss@example.test")).toEqual({ ok: true });
    expect(await suite.db.sql`select 1 from routing_events where lead_id = ${done.id} and event = 'lost'`).toHaveLength(0);
  });
});
