import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadOpenCallTasks } from "~/hotline/call-task-list.server";
import { importInventory } from "~/inventory/import.server";
import { createMailer } from "~/notify/mailer.server";

import { assignmentSlaJob } from "../../worker/assignment-sla.job";
import type { JobContext } from "../../worker/job-context";
import { notifyWecomJob } from "../../worker/notify-wecom.job";
import { demoInventory } from "../fixtures/inventory";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { countingJobContext } from "../support/lead-match-job";
import { callTasksOf, mailsAbout, wecomRobot } from "../support/notices-told";
import { storeTestLead } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// docs/decisions/120: the SLA's re-route notice goes on the channel the lapsed offer came by — an email
// for a recruiter on email, a hotline call task for one who works by phone — and a park's WeCom group
// that was posted the offer hears when nobody else could take it (a re-route to another recruiter is
// already its "线索改派" post). A re-route task given back to its recruiter closes (given-back).

const mailDir = mkdtempSync(join(tmpdir(), "pm-life29-"));
const suite = deskWorkerSuite("life29_reroute", mailDir);
const client = () => webClient(suite.web.url);

const { webhook: WEBHOOK, posts: wecomPosts, server: msw } = wecomRobot("life29-robot");

let ctx: JobContext;
beforeAll(async () => {
  msw.listen({ onUnhandledRequest: "bypass" }); // loopback passes through
  ctx = { ...countingJobContext(suite.db.sql, "unused").ctx, mailer: createMailer({ outboxDir: mailDir }) };
});
afterAll(() => msw.close());

let phone = 13700029900;
type Row = { id: string; recruiterId: string | null; status: string; reroutes: number; channel: string | null };
const assignmentAt = async (leadId: string, parkId: string) =>
  (
    await suite.db.sql<Row[]>`
      select id, recruiter_id, status, reroutes, channel from assignments where lead_id = ${leadId} and park_id = ${parkId}`
  )[0];
const tasksOf = (assignmentId: string) => callTasksOf(suite.db.sql, assignmentId);
const reroutesOf = (assignmentId: string) =>
  suite.db.sql<{ channel: string; recipient: string; status: string }[]>`
    select channel, recipient, status from notifications where assignment_id = ${assignmentId} and kind = 'reroute-notice' order by id`;
const mailsTo = (email: string, reference: string) => mailsAbout(mailDir, email, reference);
/** The offer's deadline passes and the SLA check runs, as the worker would (its notices delivered inline). */
async function lapse(assignmentId: string) {
  await suite.db.sql`update assignments set accept_by = now() - interval '1 minute' where id = ${assignmentId}`;
  const [sla] = await suite.db.sql<{ id: string }[]>`
    select id from outbox where topic = 'assignment.sla' and aggregate_id = ${assignmentId} and done_at is null order by id desc limit 1`;
  await assignmentSlaJob(ctx, { outboxId: Number(sla.id), id: assignmentId });
}
/** The WeCom posts waiting for `assignmentId`, run as notify.wecom would; the posts they made. */
async function runWecom(assignmentId: string) {
  const before = wecomPosts.length;
  const rows = await suite.db.sql<{ outboxId: string; id: string }[]>`
    select o.id as outbox_id, o.aggregate_id as id from outbox o join notifications n on n.id::text = o.aggregate_id
    where o.topic = 'notify.wecom' and o.done_at is null and n.assignment_id = ${assignmentId} order by o.id`;
  for (const r of rows) await notifyWecomJob(ctx, { outboxId: Number(r.outboxId), id: r.id });
  return wecomPosts.slice(before);
}

describe("the SLA's re-route notice on the lapsed offer's channel", () => {
  it("R2 (by phone) lapses, nobody else at GC-DB: a re-route call task to R2, no email; the group hears it went to the admins", async () => {
    await suite.db.sql`update parks set wecom_webhook_url = ${WEBHOOK} where id = 'GC-DB'`;
    const lead = await storeTestLead(suite.db.sql, "南京生命二九改派精工有限公司", String(phone++));
    await suite.runMatch(lead.id);
    const a = await assignmentAt(lead.id, "GC-DB");
    expect(a).toMatchObject({ recruiterId: "R2", status: "offered", channel: "hotline" });
    expect(await runWecom(a.id)).toHaveLength(1); // the offer's post

    await lapse(a.id);
    expect(await assignmentAt(lead.id, "GC-DB")).toMatchObject({ recruiterId: null, status: "unassigned", reroutes: 1 });
    expect(await reroutesOf(a.id)).toEqual([
      { channel: "hotline", recipient: "R2", status: "sent" },
      { channel: "wecom", recipient: "GC-DB", status: "pending" },
    ]);
    const tasks = (await tasksOf(a.id)).filter((t) => t.kind === "reroute");
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ recruiterId: "R2", status: "open", closedReason: null });
    expect(tasks[0].script).toContain("吴昊（示例）");
    expect(tasks[0].script).toContain(lead.reference);
    expect(tasks[0].script).toContain("120 分钟内未被接单");
    // Said where it went truly (ADR 124): nobody else could take it, so the admins' queue — not "another recruiter".
    expect(tasks[0].script).toContain("没有其他专员可以接手，线索已转入管理员待分配队列");
    expect(tasks[0].script).not.toContain("下一位专员");
    expect(tasks[0].scriptEn).toContain("was not accepted within 120 minutes; no other recruiter could take it");
    expect(tasks[0].scriptEn).toContain("the admins' unassigned queue");
    expect(tasks[0].scriptEn).not.toContain("next recruiter");
    // No re-route email to anyone (R1's offer at GC-EDZ is the only mail about this lead).
    expect((await mailsTo("@", lead.reference)).filter((m) => m.includes("【已改派"))).toEqual([]);
    // The audit trail says how R2 was told.
    const [told] = await suite.db.sql<{ reason: { zh: string } }[]>`
      select reason from routing_events where assignment_id = ${a.id} and event = 'notified' order by id desc limit 1`;
    expect(told.reason.zh).toBe("已生成热线任务：电话告知专员线索已改派");

    // The group that was posted the offer hears that nobody else could take it, and who had it.
    const posts = await runWecom(a.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain(`**线索超时未接单**　编号：${lead.reference}`);
    expect(posts[0]).toContain("> 原招商专员：吴昊（示例）");
    expect(posts[0]).toContain("已转入管理员待分配队列");
    expect(posts[0]).not.toMatch(/1[3-9]\d{9}/); // no phone number in the group

    // The hotline desk lists it by its kind, in zh and en.
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const page = await (await client().get("/hotline", desk)).text();
    expect(page).toContain("告知专员线索已改派");
    const en = await loadOpenCallTasks(suite.db.sql, "en");
    expect(en.rows.find((r) => r.id === tasks[0].id)).toMatchObject({ kind: "reroute" });
    expect(await (await client().get("/hotline?lng=en", desk)).text()).toContain("Tell the recruiter the lead was re-routed");
  });

  it("R2 (by phone) lapses to R9 (email), R9 lapses to nobody: a task for R2, an email for R9; the group hears each as it happens", async () => {
    await suite.db.sql`update parks set wecom_webhook_url = ${WEBHOOK} where id = 'GC-DB'`;
    const lead = await storeTestLead(suite.db.sql, "南京生命二九轮转机械有限公司", String(phone++));
    await suite.runMatch(lead.id);
    const a = await assignmentAt(lead.id, "GC-DB");
    expect(a).toMatchObject({ recruiterId: "R2", channel: "hotline" });
    // A second recruiter at GC-DB, on email, after the offer went to R2.
    const r1 = demoInventory().recruiters.find((r) => r.id === "R1")!;
    const added = await importInventory(suite.db.sql, {
      recruiters: [{ ...r1, id: "R9", name: "卫东（测试）", email: "weidong@example.test", phone: "13900000009", parks: ["GC-DB"] }],
    });
    expect(added.ok).toBe(true);
    await runWecom(a.id);

    await lapse(a.id);
    expect(await assignmentAt(lead.id, "GC-DB")).toMatchObject({ recruiterId: "R9", status: "offered", channel: "email", reroutes: 1 });
    // Someone else took it: the group's post is the re-route to R9 (as before), not "went to the admins".
    const reroutedPost = await runWecom(a.id);
    expect(reroutedPost).toHaveLength(1);
    expect(reroutedPost[0]).toContain("**线索改派**");
    expect(reroutedPost[0]).toContain("卫东（测试）");
    expect((await tasksOf(a.id)).filter((t) => t.kind === "reroute").map((t) => [t.recruiterId, t.status])).toEqual([["R2", "open"]]);
    // R9 took it: R2 is told it went to the next recruiter, not to the admins (ADR 124).
    const [toR9] = (await tasksOf(a.id)).filter((t) => t.kind === "reroute");
    expect(toR9.script).toContain("系统已改派给下一位专员");
    expect(toR9.script).not.toContain("待分配");

    await lapse(a.id);
    expect(await assignmentAt(lead.id, "GC-DB")).toMatchObject({ recruiterId: null, status: "unassigned", reroutes: 2 });
    expect(await reroutesOf(a.id)).toEqual([
      { channel: "hotline", recipient: "R2", status: "sent" },
      { channel: "email", recipient: "R9", status: "sent" },
      { channel: "wecom", recipient: "GC-DB", status: "pending" },
    ]);
    // R9 works by email: the notice is the email, and no call task is opened for R9.
    const mails = await mailsTo("weidong@example.test", lead.reference);
    expect(mails.some((m) => m.includes("超时未接单"))).toBe(true);
    // Nobody else could take it: R9's email says the admins' queue, in the subject and the text, never "another recruiter" (ADR 124).
    const toldR9 = mails.filter((m) => m.includes("超时未接单"));
    expect(toldR9).toHaveLength(1);
    expect(toldR9[0]).toContain("已转入管理员待分配队列");
    expect(toldR9[0]).not.toMatch(/已转给其他专员|下一位专员/);
    expect((await tasksOf(a.id)).filter((t) => t.kind === "reroute").map((t) => t.recruiterId)).toEqual(["R2"]);
    const lapsedPost = await runWecom(a.id);
    expect(lapsedPost).toHaveLength(1);
    expect(lapsedPost[0]).toContain("> 原招商专员：卫东（测试）");

    // An admin gives the offer back to R2: the call "tell R2 it was re-routed" would now be wrong — closed, with why.
    await suite.db.sql`update assignments set recruiter_id = 'R2', channel = 'hotline', status = 'offered' where id = ${a.id}`;
    const [told] = (await tasksOf(a.id)).filter((t) => t.kind === "reroute");
    expect(told).toMatchObject({ status: "done", closedReason: "given-back" });
  });

  it("a re-route task stays while someone else holds or works the assignment; escalation and other endings do not make it wrong", async () => {
    await suite.db.sql`update recruiters set active = false where id = 'R9'`;
    await suite.db.sql`update parks set wecom_webhook_url = null where id = 'GC-DB'`;
    const lead = await storeTestLead(suite.db.sql, "南京生命二九留存机械有限公司", String(phone++));
    await suite.runMatch(lead.id);
    const a = await assignmentAt(lead.id, "GC-DB");
    expect(a.recruiterId).toBe("R2");
    await lapse(a.id);
    // No webhook: no group notice; the task for R2 is open.
    expect((await reroutesOf(a.id)).map((n) => n.channel)).toEqual(["hotline"]);
    const open = async () => (await tasksOf(a.id)).find((t) => t.kind === "reroute")!;
    expect(await open()).toMatchObject({ status: "open" });
    for (const step of [
      suite.db.sql`update assignments set recruiter_id = 'R1', channel = 'email', status = 'offered' where id = ${a.id}`,
      suite.db.sql`update assignments set status = 'accepted' where id = ${a.id}`,
      suite.db.sql`update assignments set status = 'lost' where id = ${a.id}`,
    ]) {
      await step;
      expect((await open()).status).toBe("open");
    }
  });
});
