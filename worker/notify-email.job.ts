import {
  type AssignmentDetails,
  handoverScript,
  leadIndustryLabel,
  loadAssignmentDetails,
  needAreaText,
} from "~/assignments/assignment-details.server";
import { claimNotification, type NotificationRow } from "~/assignments/notifications.server";
import { markDone } from "~/db/outbox.server";
import { formatPhoneForDisplay } from "~/domain/phone";
import { renderAssignmentEmail } from "~/notify/assignment-email";
import { escapeHtml } from "~/notify/html";
import type { MailMessage } from "~/notify/mailer.server";

import type { JobContext } from "./job-context";
import { cappedBackoff } from "./queue";

/**
 * One logical email per notification row. State in Postgres (pending → sending → sent | dead), and a
 * sender holds the row under a lease while it talks to the SMTP server, so two senders never send it
 * at the same time. A sender that died after the SMTP server took the mail is taken over when its
 * lease ends and the mail goes again with the same Message-ID (at most one duplicate, recognisable as
 * such); a sent row is never sent again.
 */
export async function notifyEmailJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const n = await claimNotification(ctx.sql, data.id, ctx.sendLeaseMs);
  if (n === null) return markDone(ctx.sql, data.outboxId); // sent or dead already
  if (n === "held") throw new Error("another sender holds this email; trying again later");
  const message = await buildMessage(ctx, n);
  if (!message) return deadLetter(ctx, n, data.outboxId, "recipient or assignment no longer exists");
  const result = await ctx.mailer.send(message);
  if (result.ok) {
    await ctx.afterSend?.(String(n.id));
    // One statement, so it is all or nothing without a transaction's extra round trips.
    await ctx.sql`
      with sent as (
        update notifications set status = 'sent', sent_at = now(), last_error = null, lease_until = null, lease_token = null, message_id = ${message.messageId}
        where id = ${n.id}
        returning assignment_id, lead_id),
      event as (
        insert into routing_events (assignment_id, lead_id, event, recruiter_id, reason)
        select assignment_id, lead_id, 'notified', ${n.kind === "escalation" ? null : n.recipient},
               ${ctx.sql.json({ zh: `已发邮件（${n.kind}）`, en: `Email sent (${n.kind})` } as never)}
        from sent)
      update outbox set done_at = now() where id = ${data.outboxId} and done_at is null`;
    return;
  }
  if (result.permanent) return deadLetter(ctx, n, data.outboxId, result.error);
  return retryLater(ctx, n, data.outboxId, result.error);
}

/**
 * A temporary failure (a 4xx reply, a refused or dropped connection, a timeout): the notice is tried
 * again after a capped exponential delay, until NOTICE_RETRY_HOURS after its first failure; then it
 * dead-letters. The next attempt is scheduled on the notice's outbox row in Postgres (a fresh job key,
 * so BullMQ takes it as a new job), not by BullMQ's attempt count: it survives a Redis wipe and an
 * outage of any length, and needs no job left failed in Redis.
 */
async function retryLater(ctx: JobContext, n: NotificationRow, outboxId: number, error: string) {
  const { budgetMs, baseMs, capMs } = ctx.noticeRetry;
  const delayMs = cappedBackoff(baseMs, capMs)(n.attempts);
  const [row] = await ctx.sql<{ given_up: boolean }[]>`
    update notifications set retry_until = coalesce(retry_until, now() + ${budgetMs}::float8 * interval '1 millisecond')
    where id = ${n.id} and lease_token = ${n.lease_token ?? null}
    returning retry_until <= now() as given_up`;
  // Another sender took over after our lease ran out: the notice is theirs, and so is its outbox row.
  if (!row) throw new Error(`email not sent (${error}); another sender holds it now`);
  if (row.given_up) return deadLetter(ctx, n, outboxId, `${error} (temporary failures for ${formatHours(budgetMs)} h: given up)`);
  // Release the lease and schedule the next attempt, in one statement.
  await ctx.sql`
    with released as (
      update notifications set last_error = ${error}, lease_until = null, lease_token = null
      where id = ${n.id} and lease_token = ${n.lease_token ?? null})
    update outbox set relayed_at = null, job_key = gen_random_uuid(), attempts = attempts + 1, last_error = ${error},
                      not_before = now() + ${delayMs}::float8 * interval '1 millisecond'
    where id = ${outboxId} and done_at is null`;
}

function formatHours(ms: number): string {
  return String(Math.round((ms / 3_600_000) * 100) / 100);
}

/**
 * The email failed for good: the notice is dead-lettered with the reason (the admin can retry it,
 * app/assignments/dead-letters.server.ts), and a recruiter who was never told about an open offer is told
 * by phone instead: a hotline hand-over task, in the same transaction.
 */
async function deadLetter(ctx: JobContext, n: NotificationRow, outboxId: number, reason: string) {
  const details = n.kind === "assignment" && n.assignment_id ? await loadAssignmentDetails(ctx.sql, n.assignment_id) : null;
  const stillTheirs = details?.recruiter?.id === n.recipient && OPEN_OFFER.includes(details.status);
  await ctx.sql.begin(async (tx) => {
    const dead = await tx`update notifications set status = 'dead', last_error = ${reason}, lease_until = null, lease_token = null
                          where id = ${n.id} and lease_token = ${n.lease_token ?? null}`;
    if (dead.count === 0) return; // another sender holds it now: the verdict is theirs
    await tx`insert into routing_events (assignment_id, lead_id, event, reason)
             values (${n.assignment_id}, ${n.lead_id}, 'dead-letter', ${tx.json({ zh: `邮件发送失败：${reason}`, en: `Email failed: ${reason}` } as never)})`;
    if (details && stillTheirs) {
      const script = `【邮件未送达，请电话告知】\n${handoverScript(details, ctx.routing.slaMinutes)}`;
      await tx`insert into call_tasks (kind, lead_id, assignment_id, recruiter_id, phone, script, dedupe_key)
               values ('handover', ${details.leadId}, ${details.id}, ${details.recruiter!.id}, ${details.recruiter!.phone}, ${script}, ${`email-fallback:${n.id}`})
               on conflict (dedupe_key) do nothing`;
      await tx`insert into routing_events (assignment_id, lead_id, event, recruiter_id, reason)
               values (${details.id}, ${details.leadId}, 'email-fallback', ${details.recruiter!.id},
                       ${tx.json({ zh: "邮件未送达，已生成热线任务电话告知专员", en: "Email failed: a hotline task tells the recruiter by phone" } as never)})`;
    }
    await markDone(tx, outboxId);
  });
}

/** Assignment states in which the recruiter still has to hear about the lead. */
const OPEN_OFFER = ["offered", "accepted"];

function messageIdFor(n: NotificationRow): string {
  return `<${n.kind}-${n.assignment_id ?? n.lead_id}-n${n.id}@parkmatch>`;
}

async function buildMessage(ctx: JobContext, n: NotificationRow): Promise<MailMessage | null> {
  const details = n.assignment_id ? await loadAssignmentDetails(ctx.sql, n.assignment_id) : null;
  if (!details) return null;
  const url = `${ctx.appUrl.replace(/\/$/, "")}/queue/assignments/${details.id}`;
  if (n.kind === "assignment") {
    if (!details.recruiter || details.recruiter.id !== n.recipient) return null;
    return {
      to: details.recruiter.email,
      messageId: messageIdFor(n),
      ...renderAssignmentEmail(emailInput(details, url, ctx.routing.slaMinutes)),
    };
  }
  if (n.kind === "reroute-notice") {
    const [r] = await ctx.sql<{ name: string; email: string }[]>`select name, email from recruiters where id = ${n.recipient}`;
    if (!r) return null;
    const subject = `【已改派 ${details.reference}】${details.lead.company.name} 超时未接单，已转给其他专员`;
    const text = `${r.name}，您好：\n\n线索 ${details.reference}（${details.parkName}）在 ${ctx.routing.slaMinutes} 分钟内未被接单，系统已改派给下一位专员。无需再处理此线索。\n`;
    const html = `<p>${escapeHtml(r.name)}，您好：</p><p>线索 ${escapeHtml(details.reference)}（${escapeHtml(details.parkName)}）在 ${ctx.routing.slaMinutes} 分钟内未被接单，系统已改派给下一位专员。无需再处理此线索。</p>`;
    return { to: r.email, subject, text, html, messageId: messageIdFor(n) };
  }
  const [admin] = await ctx.sql<{ email: string; name: string }[]>`select email, name from users where id::text = ${n.recipient}`;
  if (!admin) return null;
  const subject = `【升级 ${details.reference}】${details.lead.company.name} 两次改派仍无人接单`;
  const text = `线索 ${details.reference}（${details.parkName}，${needAreaText(details.lead)}）已两次改派，仍无人在时限内接单，请管理员处理。\n${url}\n`;
  const html = `<p>线索 ${escapeHtml(details.reference)}（${escapeHtml(details.parkName)}，${escapeHtml(needAreaText(details.lead))}）已两次改派，仍无人在时限内接单，请管理员处理。</p><p><a href="${escapeHtml(url)}">查看分配</a></p>`;
  return { to: admin.email, subject, text, html, messageId: messageIdFor(n) };
}

function emailInput(d: AssignmentDetails, url: string, slaMinutes: number) {
  const lead = d.lead;
  return {
    recruiterName: d.recruiter!.name,
    reference: d.reference,
    companyName: lead.company.name,
    productText: lead.use.product,
    industryLabel: leadIndustryLabel(lead),
    needKind: lead.need.kind,
    needDeal: lead.need.deal,
    areaText: needAreaText(lead),
    contactName: lead.contact.name,
    contactPhoneDisplay: formatPhoneForDisplay(lead.contact.phone),
    annualTaxWan: lead.tax.annualTaxWan ?? null,
    moveInBy: lead.need.moveInBy ?? null,
    notes: lead.need.notes ?? null,
    parkName: d.parkName,
    spaces: d.spaces
      .filter((s) => s.withdrawnAt === null)
      .map((s) => ({ title: s.title, score: s.score, conditional: s.conditional, reasons: s.reasons.map((r) => r.zh) })),
    assignmentUrl: url,
    slaMinutes,
    rerouted: d.reroutes > 0,
  };
}
