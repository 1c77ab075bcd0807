import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeLead } from "~/admin/lead-actions.server";
import { setRetired } from "~/inventory/inventory-retire.server";
import { createMailer } from "~/notify/mailer.server";

import type { JobContext } from "../../worker/job-context";
import { notifyEmailJob } from "../../worker/notify-email.job";
import { notifyHotlineJob } from "../../worker/notify-hotline.job";
import { notifyWecomJob } from "../../worker/notify-wecom.job";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { countingJobContext } from "../support/lead-match-job";
import { callTasksOf, wecomRobot } from "../support/notices-told";
import { storeTestLead, TEST_ROUTING } from "../support/routed-lead";
import { startSmtpServer, type TestServer } from "../support/smtp";
import { webClient } from "../support/staff-web";

// docs/decisions/167: an assignment ended without its recruiter's doing is told with its own reason, on the offer's
// channel — an email (received here by a real SMTP server on loopback), a hotline call task for a recruiter who
// works by phone (R2), the park's WeCom group when the offer was posted there (msw) — in Chinese and, for the
// hotline's English desk, in English: the park retired (ADR 157: nobody was told until then), the lead closed by
// an admin (nobody was told), the enterprise signed with another park (nobody was told; said once the signing can
// no longer be undone). A need edit's notice says the corrected need as before (ADR 108).

const suite = deskWorkerSuite("withdrawal_reasons");
const client = () => webClient(suite.web.url);
const ADMIN = "withdrawal-admin@example.test";
const { webhook: WEBHOOK, posts: wecomPosts, server: msw } = wecomRobot("withdrawal-reasons-robot");

let smtp: TestServer;
let ctx: JobContext;
beforeAll(async () => {
  msw.listen({ onUnhandledRequest: "bypass" }); // loopback (SMTP, the web) passes through
  smtp = await startSmtpServer();
  ctx = { ...countingJobContext(suite.db.sql, "unused").ctx, mailer: createMailer({ smtpUrl: smtp.url, timeoutMs: 5_000 }) };
});
afterAll(async () => {
  msw.close();
  await ctx?.mailer.close?.();
  await smtp?.close();
});

let phone = 13700016700;
type Row = { id: string; parkId: string; recruiterId: string | null; status: string; closeReason: string | null };
const assignmentsOf = (leadId: string) =>
  suite.db.sql<Row[]>`select id, park_id, recruiter_id, status, close_reason from assignments where lead_id = ${leadId} order by park_id`;

/** A factory lead of 4,000–6,000 ㎡ in 高淳区, matched and routed: R1 (email) is offered GC-EDZ, R2 (by phone) GC-DB. */
async function routedLead(company: string) {
  const lead = await storeTestLead(suite.db.sql, company, String(phone++));
  await suite.runMatch(lead.id);
  const rows = await assignmentsOf(lead.id);
  const edz = rows.find((a) => a.parkId === "GC-EDZ")!;
  const db = rows.find((a) => a.parkId === "GC-DB")!;
  expect([edz, db].map((a) => [a.recruiterId, a.status])).toEqual([
    ["R1", "offered"],
    ["R2", "offered"],
  ]);
  return { ...lead, edz: edz.id, db: db.id };
}

/**
 * The assignment's withdrawal notices whose outbox rows are due, run as notify.email / notify.hotline / notify.wecom
 * would; the rows not yet due are left. Returns the WeCom posts they made.
 */
async function deliverWithdrawals(assignmentId: string): Promise<string[]> {
  const before = wecomPosts.length;
  const rows = await suite.db.sql<{ outboxId: string; topic: string; id: string }[]>`
    select o.id as outbox_id, o.topic, o.aggregate_id as id from outbox o join notifications n on n.id::text = o.aggregate_id
    where o.topic in ('notify.email', 'notify.hotline', 'notify.wecom') and o.done_at is null
      and (o.not_before is null or o.not_before <= now())
      and n.assignment_id = ${assignmentId} and n.kind = 'withdrawal-notice' order by o.id`;
  for (const r of rows) {
    const data = { outboxId: Number(r.outboxId), id: r.id };
    if (r.topic === "notify.email") await notifyEmailJob(ctx, data);
    else if (r.topic === "notify.hotline") await notifyHotlineJob(ctx, data);
    else await notifyWecomJob(ctx, data);
  }
  return wecomPosts.slice(before);
}

/** The offer's own WeCom post, as notify.wecom makes it (the group then hears of its ending too). */
async function postOffer(assignmentId: string) {
  const [n] = await suite.db.sql<{ outboxId: string; id: string }[]>`
    select o.id as outbox_id, o.aggregate_id as id from outbox o join notifications n on n.id::text = o.aggregate_id
    where o.topic = 'notify.wecom' and o.done_at is null and n.assignment_id = ${assignmentId} and n.kind = 'wecom'`;
  await notifyWecomJob(ctx, { outboxId: Number(n.outboxId), id: n.id });
}

/** The mails the SMTP server received for `email` about `reference`: subject, text and html, decoded. */
const mailsTo = (email: string, reference: string) =>
  smtp.received
    .filter((m) => m.rcptTo.includes(email))
    .map((m) => `${m.parsed.subject}\n${m.parsed.parts.get("text/plain") ?? ""}\n${m.parsed.parts.get("text/html") ?? ""}`)
    .filter((m) => m.includes(reference));

const withdrawalNotices = (assignmentId: string) =>
  suite.db.sql<{ channel: string; recipient: string; status: string; dedupeKey: string }[]>`
    select channel, recipient, status, dedupe_key from notifications
    where assignment_id = ${assignmentId} and kind = 'withdrawal-notice' order by channel`;

describe("a withdrawal notice says why the assignment ended", () => {
  it("the park retired: R1's email, the park's group and R2's call task say so — not that the need was corrected", async () => {
    await suite.db.sql`update parks set wecom_webhook_url = ${WEBHOOK} where id in ('GC-EDZ', 'GC-DB')`;
    try {
      const lead = await routedLead("南京停用通知精工机械有限公司");
      await postOffer(lead.edz);
      await postOffer(lead.db);

      expect(await setRetired(suite.db.sql, "parks", "GC-EDZ", true, ADMIN, TEST_ROUTING)).toMatchObject({ ok: true, changed: true });
      expect((await assignmentsOf(lead.id)).find((a) => a.id === lead.edz)).toMatchObject({ status: "lost", closeReason: "park-retired" });
      expect(await withdrawalNotices(lead.edz)).toEqual([
        { channel: "email", recipient: "R1", status: "pending", dedupeKey: `withdrawal-notice:${lead.edz}:r0:park-retired` },
        { channel: "wecom", recipient: "GC-EDZ", status: "pending", dedupeKey: `withdrawal-wecom:${lead.edz}:r0:park-retired` },
      ]);
      const posts = await deliverWithdrawals(lead.edz);
      expect((await withdrawalNotices(lead.edz)).map((n) => n.status)).toEqual(["sent", "sent"]);

      // The email, as the SMTP server received it.
      const mails = mailsTo("zhoumin@example.test", lead.reference);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain(`【分配结束 ${lead.reference}】南京停用通知精工机械有限公司：高淳经济开发区（示例） 已停用`);
      expect(mails[0]).toContain("管理员已停用 高淳经济开发区（示例）");
      expect(mails[0]).toContain("园区恢复启用后，这条分配也不会恢复");
      expect(mails[0]).toContain(`/queue/assignments/${lead.edz}`);
      expect(mails[0]).not.toContain("需求已更正");
      expect(mails[0]).not.toContain("更正");

      // The group that was posted the offer.
      expect(posts).toHaveLength(1);
      expect(posts[0]).toContain(`**分配结束**　编号：${lead.reference}`);
      expect(posts[0]).toContain("> 园区：高淳经济开发区（示例）");
      expect(posts[0]).toContain("> 原招商专员：周敏（示例）");
      expect(posts[0]).toContain("本园区已被管理员停用");
      expect(posts[0]).not.toContain("更正");
      expect(posts[0]).not.toMatch(/1[3-9]\d{9}/);

      // R2 works by phone: GC-DB retired too → a call task for the hotline, in both languages.
      expect(await setRetired(suite.db.sql, "parks", "GC-DB", true, ADMIN, TEST_ROUTING)).toMatchObject({ ok: true, changed: true });
      const dbPosts = await deliverWithdrawals(lead.db);
      expect(dbPosts).toHaveLength(1);
      expect(dbPosts[0]).toContain("本园区已被管理员停用");
      const tasks = (await callTasksOf(suite.db.sql, lead.db)).filter((t) => t.kind === "withdrawal");
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ recruiterId: "R2", status: "open" });
      expect(tasks[0].script).toContain("请致电招商专员 吴昊（示例）");
      expect(tasks[0].script).toContain(
        `告知线索 ${lead.reference}（南京停用通知精工机械有限公司）的分配已结束：管理员已停用 东坝工业集中区（示例）`,
      );
      expect(tasks[0].script).not.toContain("更正");
      expect(tasks[0].scriptEn).toContain("an admin retired 东坝工业集中区（示例）");
      expect(tasks[0].scriptEn).not.toContain("corrected");
      expect(mailsTo("wuhao@example.test", lead.reference)).toEqual([]); // by phone, not by email
      // The hotline desk lists it, with its script.
      const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
      const page = await (await client().get("/hotline", desk)).text();
      expect(page).toContain("告知专员分配结束");
      expect(page).toContain("管理员已停用 东坝工业集中区（示例）");
      expect(await (await client().get("/hotline?lng=en", desk)).text()).toContain("an admin retired 东坝工业集中区（示例）");
    } finally {
      await setRetired(suite.db.sql, "parks", "GC-EDZ", false, ADMIN, TEST_ROUTING);
      await setRetired(suite.db.sql, "parks", "GC-DB", false, ADMIN, TEST_ROUTING);
      await suite.db.sql`update parks set wecom_webhook_url = null where id in ('GC-EDZ', 'GC-DB')`;
    }
  });

  it("the lead closed by an admin as a duplicate: R1's email and R2's call task name the lead it duplicates", async () => {
    const first = await storeTestLead(suite.db.sql, "南京重复原始机械有限公司", String(phone++));
    const lead = await routedLead("南京关闭通知精工机械有限公司");
    // R1 had accepted it: work in progress ends too, and is told.
    await suite.db.sql`update assignments set status = 'accepted', accepted_at = now() where id = ${lead.edz}`;
    expect(
      await closeLead(suite.db.sql, lead.id, { as: "duplicate", note: "同一企业", duplicateOf: first.reference }, ADMIN),
    ).toMatchObject({
      ok: true,
    });
    await deliverWithdrawals(lead.edz);
    await deliverWithdrawals(lead.db);
    const mails = mailsTo("zhoumin@example.test", lead.reference);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`【分配结束 ${lead.reference}】南京关闭通知精工机械有限公司：线索已被管理员关闭`);
    expect(mails[0]).toContain(`管理员已关闭线索 ${lead.reference}（与线索 ${first.reference} 重复）`);
    expect(mails[0]).not.toContain("更正");
    const [task] = (await callTasksOf(suite.db.sql, lead.db)).filter((t) => t.kind === "withdrawal");
    expect(task).toMatchObject({ recruiterId: "R2", status: "open" });
    expect(task.script).toContain(`管理员已关闭此线索（与线索 ${first.reference} 重复）`);
    expect(task.scriptEn).toContain(`an admin closed the lead (a duplicate of lead ${first.reference})`);
  });

  it("closed as spam: said as spam", async () => {
    const lead = await routedLead("南京垃圾关闭精工机械有限公司");
    expect(await closeLead(suite.db.sql, lead.id, { as: "spam", note: "", duplicateOf: null }, ADMIN)).toMatchObject({ ok: true });
    await deliverWithdrawals(lead.edz);
    const [mail] = mailsTo("zhoumin@example.test", lead.reference);
    expect(mail).toContain(`管理员已关闭线索 ${lead.reference}（无效线索/垃圾信息）`);
  });

  it("the enterprise signed with another park: told once the signing can no longer be undone; an undone signing tells nobody", async () => {
    const r1 = await client().signIn("zhoumin@example.test", DESK_PASSWORD);
    const sign = async (assignmentId: string) => {
      const path = `/queue/assignments/${assignmentId}`;
      const csrf = await client().csrfOf(path, r1);
      expect((await client().post(path, { csrf, intent: "accept" }, r1)).status).toBe(303);
      expect((await client().post(path, { csrf, intent: "signed" }, r1)).status).toBe(303);
      return { path, csrf };
    };

    // Undone within the window: R2's notice is set aside, never sent.
    const undone = await routedLead("南京签约撤销通知机械有限公司");
    const { path, csrf } = await sign(undone.edz);
    expect((await assignmentsOf(undone.id)).find((a) => a.id === undone.db)?.status).toBe("lost");
    expect((await client().post(path, { csrf, intent: "undo" }, r1)).status).toBe(303);
    expect((await assignmentsOf(undone.id)).find((a) => a.id === undone.db)?.status).toBe("offered");
    expect(await withdrawalNotices(undone.db)).toEqual([expect.objectContaining({ channel: "hotline", status: "handled" })]);
    await suite.db.sql`update outbox set not_before = now() where aggregate_id in (
      select id::text from notifications where assignment_id = ${undone.db} and kind = 'withdrawal-notice')`;
    await deliverWithdrawals(undone.db);
    expect((await callTasksOf(suite.db.sql, undone.db)).filter((t) => t.kind === "withdrawal")).toEqual([]);

    // Kept: due only after the undo window (10 minutes and one), then a call task for R2 naming the park that signed.
    const lead = await routedLead("南京他园签约通知机械有限公司");
    await sign(lead.edz);
    const [due] = await suite.db.sql<{ waitMin: number }[]>`
      select (extract(epoch from o.not_before - now()) / 60)::float8 as wait_min from outbox o join notifications n on n.id::text = o.aggregate_id
      where n.assignment_id = ${lead.db} and n.kind = 'withdrawal-notice'`;
    expect(due.waitMin).toBeGreaterThan(10);
    await deliverWithdrawals(lead.db); // not yet due: nothing
    expect((await callTasksOf(suite.db.sql, lead.db)).filter((t) => t.kind === "withdrawal")).toEqual([]);
    await suite.db.sql`update outbox set not_before = now() where aggregate_id in (
      select id::text from notifications where assignment_id = ${lead.db} and kind = 'withdrawal-notice')`;
    await deliverWithdrawals(lead.db);
    const [task] = (await callTasksOf(suite.db.sql, lead.db)).filter((t) => t.kind === "withdrawal");
    expect(task).toMatchObject({ recruiterId: "R2", status: "open" });
    expect(task.script).toContain("企业已与 高淳经济开发区（示例） 签约");
    expect(task.scriptEn).toContain("the enterprise signed with 高淳经济开发区（示例）");
    expect(task.script).not.toContain("更正");
  });
});
