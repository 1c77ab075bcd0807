import { handoverScript, loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { finishNotice, markHandedToHotline, openNotification } from "~/assignments/notifications.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { markDone, markSkipped } from "~/db/outbox.server";
import { openCallTask } from "~/hotline/call-tasks.server";
import { auditMessages } from "~/i18n/audit-messages";

import type { JobContext } from "./job-context";

/**
 * A recruiter who works by phone gets the lead through hotline staff: a call task "call recruiter X and
 * hand over lead Y", with the numbers, the script to read and the matched spaces. One task per round.
 */
export async function notifyHotlineJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const n = await openNotification(ctx.sql, data.id);
  if (!n) {
    await markSkipped(ctx.sql, data.outboxId);
    return;
  }
  const d = n.assignmentId ? await loadAssignmentDetails(ctx.sql, n.assignmentId) : null;
  await ctx.sql.begin(async (tx) => {
    if (d?.recruiter && d.recruiter.id === n.recipient) {
      const script = { zh: handoverScript(d, ctx.routing.slaMinutes, "zh"), en: handoverScript(d, ctx.routing.slaMinutes, "en") };
      await Promise.all([
        openCallTask(tx, {
          kind: "handover",
          leadId: d.leadId,
          assignmentId: d.id,
          recruiterId: d.recruiter.id,
          phone: d.recruiter.phone,
          script,
          dedupeKey: `handover:${n.id}`,
        }),
        markHandedToHotline(tx, n.id),
        recordRoutingEvent(tx, {
          assignmentId: d.id,
          leadId: d.leadId,
          event: "notified",
          recruiterId: d.recruiter.id,
          reason: auditMessages.both("notice.handoverCreated"),
        }).execute(),
        markDone(tx, data.outboxId),
      ]);
    } else {
      await Promise.all([finishNotice(tx, n.id, "dead", "assignment moved to another recruiter"), markDone(tx, data.outboxId)]);
    }
  });
}
