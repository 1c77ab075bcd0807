import {
  type AssignmentDetails,
  handoverScript,
  leadIndustryLabel,
  loadAssignmentDetails,
  needAreaText,
  withdrawalWhy,
} from "~/assignments/assignment-details.server";
import {
  claimEmailNotice,
  countUnconfirmedSend,
  deadLetterNotice,
  markEmailSent,
  type NotificationRow,
  recruiterContact,
  releaseForRetry,
  retryBudgetSpent,
} from "~/assignments/notifications.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { staffContact } from "~/auth/accounts.server";
import { markDone, markSkipped } from "~/db/outbox.server";
import { formatPhoneForDisplay } from "~/domain/phone";
import { openCallTask } from "~/hotline/call-tasks.server";
import { auditMessages } from "~/i18n/audit-messages";
import type { Lng } from "~/i18n/lng";
import { notifyText } from "~/i18n/notify-messages";
import { renderAssignmentEmail } from "~/notify/assignment-email";
import type { MailMessage } from "~/notify/mailer.server";
import { rerouteDestination } from "~/notify/reroute-destination";
import { renderEscalationEmail, renderRerouteNotice, renderWithdrawalNotice } from "~/notify/sla-emails";
import { log } from "~/utils/log.server";

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
  // The claim and the assignment's details in one statement (docs/decisions/100).
  const { claim: n, details } = await claimEmailNotice(ctx.sql, data.id, ctx.sendLeaseMs);
  if (n === null) return markSkipped(ctx.sql, data.outboxId); // sent or dead already
  if (n === "held") throw new Error("another sender holds this email; trying again later");
  const message = await buildMessage(ctx, n, details);
  if (!message) return deadLetter(ctx, n, data.outboxId, "recipient or assignment no longer exists");
  const result = await ctx.mailer.send(message);
  if (result.ok) {
    await ctx.afterSend?.(String(n.id));
    const marked = await markEmailSent(
      ctx.sql,
      n,
      message.messageId,
      data.outboxId,
      auditMessages.both("notice.emailSent", (lng) => ({
        // The kind in words ("分配通知"), not the code ("assignment").
        kind: auditMessages.t(lng, `notice.kind.${n.kind}`),
      })),
    );
    // Ended meanwhile (the lead erased) or sent by a sender that took the lease over: that end stands.
    if (!marked) log.warn("email went out for a notice finished meanwhile; its end kept", { notice: n.id });
    return;
  }
  if (result.permanent) return deadLetter(ctx, n, data.outboxId, result.error);
  if (result.unconfirmed) {
    // The server may hold the mail already: a few blind re-sends, not one an hour for NOTICE_RETRY_HOURS.
    const count = await countUnconfirmedSend(ctx.sql, n);
    if (count !== null && count >= MAX_UNCONFIRMED_SENDS)
      return deadLetter(
        ctx,
        n,
        data.outboxId,
        `${result.error} (${count} sends without the server's reply: maybe delivered, not sent again)`,
      );
  }
  return retryLater(ctx, n, data.outboxId, result.error, result.code);
}

/**
 * Sends without the server's verdict after which the email is not tried again: the notice dead-letters
 * (the admin sees it and may retry it) and the recruiter of an open offer is phoned by the hotline. Each
 * such send may have delivered a copy, so at most this many copies of one Message-ID go out.
 */
export const MAX_UNCONFIRMED_SENDS = 3;

/**
 * A temporary failure (a 4xx reply, a refused or dropped connection, a timeout): the notice is tried
 * again after a capped exponential delay, until NOTICE_RETRY_HOURS after its first failure; then it
 * dead-letters. The next attempt is scheduled on the notice's outbox row in Postgres (a fresh job key,
 * so BullMQ takes it as a new job), not by BullMQ's attempt count: it survives a Redis wipe and an
 * outage of any length, and needs no job left failed in Redis.
 */
async function retryLater(ctx: JobContext, n: NotificationRow, outboxId: number, error: string, code: number | undefined) {
  const { budgetMs, baseMs, capMs } = ctx.noticeRetry;
  const delayMs = cappedBackoff(baseMs, capMs)(n.attempts);
  const givenUp = await retryBudgetSpent(ctx.sql, n, budgetMs);
  // Another sender took over after our lease ran out: the notice is theirs, and so is its outbox row.
  // The server's reply may quote the mail: the job says its code only (ADR 096).
  if (givenUp === null)
    throw new Error(`email not sent (${code === undefined ? "no reply code" : `SMTP ${code}`}); another sender holds it now`);
  if (givenUp) return deadLetter(ctx, n, outboxId, `${error} (temporary failures for ${formatHours(budgetMs)} h: given up)`);
  await releaseForRetry(ctx.sql, n, outboxId, error, delayMs);
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
  const details = n.kind === "assignment" && n.assignmentId ? await loadAssignmentDetails(ctx.sql, n.assignmentId) : null;
  const stillTheirs = details?.recruiter?.id === n.recipient && OPEN_OFFER.includes(details.status);
  await ctx.sql.begin(async (tx) => {
    if (!(await deadLetterNotice(tx, n, reason))) return; // another sender holds it now: the verdict is theirs
    await recordRoutingEvent(tx, {
      assignmentId: n.assignmentId,
      leadId: n.leadId,
      event: "dead-letter",
      reason: auditMessages.both("notice.emailFailed", { reason }),
    });
    if (details && stillTheirs) {
      const scriptIn = (lng: Lng) => `${notifyText(lng, "handover.emailFailed")}\n${handoverScript(details, ctx.routing.slaMinutes, lng)}`;
      const script = { zh: scriptIn("zh"), en: scriptIn("en") };
      await openCallTask(tx, {
        kind: "handover",
        leadId: details.leadId,
        assignmentId: details.id,
        recruiterId: details.recruiter!.id,
        phone: details.recruiter!.phone,
        script,
        dedupeKey: `email-fallback:${n.id}`,
        clock: ctx.routing.slaClock,
      });
      await recordRoutingEvent(tx, {
        assignmentId: details.id,
        leadId: details.leadId,
        event: "email-fallback",
        recruiterId: details.recruiter!.id,
        reason: auditMessages.both("notice.emailFallback"),
      });
    }
    await markDone(tx, outboxId);
  });
}

/** Assignment states in which the recruiter still has to hear about the lead. */
const OPEN_OFFER = ["offered", "accepted"];

function messageIdFor(n: NotificationRow): string {
  return `<${n.kind}-${n.assignmentId ?? n.leadId}-n${n.id}@parkmatch>`;
}

/** The email of notice `n`; `details` are its assignment's as claimEmailNotice read them (null: none, or gone). */
async function buildMessage(ctx: JobContext, n: NotificationRow, details: AssignmentDetails | null): Promise<MailMessage | null> {
  if (!details) return null;
  const url = `${ctx.appUrl.replace(/\/$/, "")}/queue/assignments/${details.id}`;
  if (n.kind === "assignment") {
    if (!details.recruiter || details.recruiter.id !== n.recipient) return null;
    return {
      to: details.recruiter.email,
      messageId: messageIdFor(n),
      ...renderAssignmentEmail(emailInput(details, url, ctx.routing.slaMinutes, NOTICE_LNG), NOTICE_LNG),
    };
  }
  if (n.kind === "reroute-notice") {
    const r = await recruiterContact(ctx.sql, n.recipient);
    if (!r) return null;
    const email = renderRerouteNotice(
      {
        recruiterName: r.name,
        reference: details.reference,
        companyName: details.lead.company.name,
        parkName: details.parkName,
        slaMinutes: ctx.routing.slaMinutes,
        destination: rerouteDestination(details.recruiter?.id, n.recipient),
      },
      NOTICE_LNG,
    );
    return { to: r.email, ...email, messageId: messageIdFor(n) };
  }
  if (n.kind === "withdrawal-notice") {
    // The assignment ended without their doing (a need edit, ADR 108; the park retired, the lead closed, a signing
    // elsewhere, ADR 167):
    // said to whoever held it, whatever it is now, with its reason.
    const r = await recruiterContact(ctx.sql, n.recipient);
    if (!r) return null;
    const email = renderWithdrawalNotice(
      {
        recruiterName: r.name,
        reference: details.reference,
        companyName: details.lead.company.name,
        parkName: details.parkName,
        why: withdrawalWhy(details, NOTICE_LNG),
        assignmentUrl: url,
      },
      NOTICE_LNG,
    );
    return { to: r.email, ...email, messageId: messageIdFor(n) };
  }
  const admin = await staffContact(ctx.sql, n.recipient);
  if (!admin) return null;
  const email = renderEscalationEmail(
    {
      reference: details.reference,
      companyName: details.lead.company.name,
      parkName: details.parkName,
      areaText: needAreaText(details.lead, NOTICE_LNG),
      assignmentUrl: url,
    },
    NOTICE_LNG,
  );
  return { to: admin.email, ...email, messageId: messageIdFor(n) };
}

/**
 * The language of the notices' emails (zh-CN, the recruiters' and admins' language): the renderer's words and every text
 * made before it — the need's area, the industry, the match reasons — say it alike (docs/decisions/141: the area's text
 * was made apart, in Chinese whatever the email's language).
 */
const NOTICE_LNG: Lng = "zh";

function emailInput(d: AssignmentDetails, url: string, slaMinutes: number, lng: Lng) {
  const lead = d.lead;
  return {
    recruiterName: d.recruiter!.name,
    reference: d.reference,
    companyName: lead.company.name,
    productText: lead.use.product ?? "",
    industryLabel: leadIndustryLabel(lead, NOTICE_LNG),
    needKind: lead.need.kind,
    needDeal: lead.need.deal,
    areaText: needAreaText(lead, NOTICE_LNG),
    contactName: lead.contact.name,
    contactPhoneDisplay: formatPhoneForDisplay(lead.contact.phone, lng),
    annualTaxWan: lead.tax.annualTaxWan ?? null,
    moveInBy: lead.need.moveInBy ?? null,
    notes: lead.need.notes ?? null,
    parkName: d.parkName,
    spaces: d.spaces
      .filter((s) => s.withdrawnAt === null)
      .map((s) => ({ title: s.title, score: s.score, conditional: s.conditional, reasons: s.reasons.map((r) => r[NOTICE_LNG]) })),
    assignmentUrl: url,
    slaMinutes,
    acceptBy: d.acceptBy,
    rerouted: d.reroutes > 0,
  };
}
