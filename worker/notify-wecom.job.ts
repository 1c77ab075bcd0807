import { leadIndustryLabel, loadAssignmentDetails, needAreaText } from "~/assignments/assignment-details.server";
import { type NotificationRow, openNotification } from "~/assignments/notifications.server";
import { markDone } from "~/db/outbox.server";
import { needLabel } from "~/notify/assignment-email";
import { postWecomMarkdown } from "~/notify/wecom.server";
import { renderWecomAssignment } from "~/notify/wecom-message";

import type { JobContext } from "./job-context";

/**
 * Posts a new assignment to the park's WeCom group robot. Rate limits (45009, 429) and outages are
 * retried with backoff — never dropped (the reconciler retries even after the last attempt); a
 * configuration error (bad webhook, errcode 93000) is a dead letter the admin sees.
 */
export async function notifyWecomJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const n = await openNotification(ctx.sql, data.id);
  if (!n) {
    await markDone(ctx.sql, data.outboxId);
    return;
  }
  const [park] = await ctx.sql<{ wecom_webhook_url: string | null }[]>`select wecom_webhook_url from parks where id = ${n.recipient}`;
  const d = n.assignment_id ? await loadAssignmentDetails(ctx.sql, n.assignment_id) : null;
  if (!park?.wecom_webhook_url || !d?.recruiter) {
    await finish(ctx, n, data.outboxId, "dead", "no webhook or no recruiter any more");
    return;
  }
  const content = renderWecomAssignment({
    reference: d.reference,
    parkName: d.parkName,
    needText: `${needLabel(d.lead.need.kind, d.lead.need.deal)} ${needAreaText(d.lead)}`,
    industryLabel: leadIndustryLabel(d.lead),
    recruiterName: d.recruiter.name,
    recruiterPhone: d.recruiter.phone,
    assignmentUrl: `${ctx.appUrl.replace(/\/$/, "")}/queue/assignments/${d.id}`,
    rerouted: d.reroutes > 0,
  });
  await ctx.sql`update notifications set status = 'sending', attempts = attempts + 1 where id = ${n.id}`;
  const result = await postWecomMarkdown(park.wecom_webhook_url, content);
  if (result.ok) return finish(ctx, n, data.outboxId, "sent", null);
  if (!result.retryable) return finish(ctx, n, data.outboxId, "dead", result.error);
  await ctx.sql`update notifications set last_error = ${result.error} where id = ${n.id}`;
  throw new Error(`WeCom not reached, will retry: ${result.error}`);
}

async function finish(
  ctx: JobContext,
  n: Pick<NotificationRow, "id" | "assignment_id" | "lead_id">,
  outboxId: number,
  status: "sent" | "dead",
  error: string | null,
) {
  await ctx.sql.begin(async (tx) => {
    await tx`update notifications set status = ${status}, last_error = ${error}, sent_at = ${status === "sent" ? tx`now()` : null} where id = ${n.id}`;
    await tx`insert into routing_events (assignment_id, lead_id, event, reason)
             values (${n.assignment_id}, ${n.lead_id}, ${status === "sent" ? "notified" : "dead-letter"},
                     ${tx.json(status === "sent" ? { zh: "已推送企业微信群", en: "Posted to the WeCom group" } : ({ zh: `企业微信推送失败：${error}`, en: `WeCom post failed: ${error}` } as never))})`;
    await markDone(tx, outboxId);
  });
}
