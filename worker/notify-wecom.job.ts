import { leadIndustryLabel, loadAssignmentDetails, needAreaText, withdrawalWhy } from "~/assignments/assignment-details.server";
import {
  finishNotice,
  lapsedRecruiterName,
  markNoticeSending,
  noteNoticeError,
  type NotificationRow,
  openNotification,
  parkWecomWebhook,
} from "~/assignments/notifications.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { markDone, markSkipped } from "~/db/outbox.server";
import { auditMessages } from "~/i18n/audit-messages";
import type { Lng } from "~/i18n/lng";
import { needLabel } from "~/notify/assignment-email";
import { postWecomMarkdown } from "~/notify/wecom.server";
import { renderWecomAssignment, renderWecomLapsed, renderWecomWithdrawal } from "~/notify/wecom-message";

import type { JobContext } from "./job-context";

/** The language of the WeCom cards (zh-CN): the card's words and the texts made before it (the need's area) alike (docs/decisions/141). */
const NOTICE_LNG: Lng = "zh";

/**
 * Posts a new assignment to the park's WeCom group robot — or, for a `withdrawal-notice`, that the
 * assignment ended and why (a need edit, ADR 114; the park retired, the lead closed by an admin, another park's
 * signing, ADR 167); for a `reroute-notice`, that the offer lapsed and went to the admins' unassigned queue
 * (docs/decisions/120: not posted when someone holds it again by then, whose offer the group hears of as a
 * re-route). Rate limits (45009, 429) and outages are
 * retried with backoff — never dropped (the reconciler retries even after the last attempt); a
 * configuration error (bad webhook, errcode 93000) is a dead letter the admin sees.
 */
export async function notifyWecomJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const n = await openNotification(ctx.sql, data.id);
  if (!n) {
    await markSkipped(ctx.sql, data.outboxId);
    return;
  }
  const webhookUrl = await parkWecomWebhook(ctx.sql, n.recipient);
  const d = n.assignmentId ? await loadAssignmentDetails(ctx.sql, n.assignmentId) : null;
  if (n.kind === "reroute-notice") {
    if (!webhookUrl || !d) return finish(ctx, n, data.outboxId, "dead", "no webhook or no assignment any more");
    if (d.recruiter) return finish(ctx, n, data.outboxId, "dead", "assignment held by a recruiter again");
    const name = await lapsedRecruiterName(ctx.sql, d.id);
    const lapsed = renderWecomLapsed({
      reference: d.reference,
      parkName: d.parkName,
      recruiterName: name ?? "—",
      slaMinutes: ctx.routing.slaMinutes,
      assignmentUrl: `${ctx.appUrl.replace(/\/$/, "")}/queue/assignments/${d.id}`,
    });
    return post(ctx, n, data.outboxId, webhookUrl, lapsed);
  }
  if (!webhookUrl || !d?.recruiter) {
    await finish(ctx, n, data.outboxId, "dead", "no webhook or no recruiter any more");
    return;
  }
  const assignmentUrl = `${ctx.appUrl.replace(/\/$/, "")}/queue/assignments/${d.id}`;
  const content =
    n.kind === "withdrawal-notice"
      ? renderWecomWithdrawal(
          {
            reference: d.reference,
            parkName: d.parkName,
            why: withdrawalWhy(d, NOTICE_LNG),
            recruiterName: d.recruiter.name,
            assignmentUrl,
          },
          NOTICE_LNG,
        )
      : renderWecomAssignment(
          {
            reference: d.reference,
            parkName: d.parkName,
            needText: `${needLabel(d.lead.need.kind, d.lead.need.deal, NOTICE_LNG)} ${needAreaText(d.lead, NOTICE_LNG)}`,
            industryLabel: leadIndustryLabel(d.lead, NOTICE_LNG),
            recruiterName: d.recruiter.name,
            recruiterPhone: d.recruiter.phone,
            assignmentUrl,
            rerouted: d.reroutes > 0,
          },
          NOTICE_LNG,
        );
  return post(ctx, n, data.outboxId, webhookUrl, content);
}

/** Posts `content` to the group: sent, dead on a configuration error, or thrown to be retried. */
async function post(ctx: JobContext, n: NotificationRow, outboxId: number, webhookUrl: string, content: string) {
  await markNoticeSending(ctx.sql, n.id);
  const result = await postWecomMarkdown(webhookUrl, content);
  if (result.ok) return finish(ctx, n, outboxId, "sent", null);
  if (!result.retryable) return finish(ctx, n, outboxId, "dead", result.error);
  await noteNoticeError(ctx.sql, n.id, result.error);
  // WeCom's errmsg may quote the message: the job says the code only, the notice keeps the text (ADR 096).
  throw new Error(
    `WeCom not reached, will retry: ${result.errcode !== undefined ? `errcode ${result.errcode}` : result.status !== undefined ? `HTTP ${result.status}` : "no answer"}`,
  );
}

async function finish(
  ctx: JobContext,
  n: Pick<NotificationRow, "id" | "assignmentId" | "leadId">,
  outboxId: number,
  status: "sent" | "dead",
  error: string | null,
) {
  await ctx.sql.begin(async (tx) => {
    if (await finishNotice(tx, n.id, status, error))
      await recordRoutingEvent(tx, {
        assignmentId: n.assignmentId,
        leadId: n.leadId,
        event: status === "sent" ? "notified" : "dead-letter",
        reason:
          status === "sent" ? auditMessages.both("notice.wecomPosted") : auditMessages.both("notice.wecomFailed", { error: String(error) }),
      });
    await markDone(tx, outboxId);
  });
}
