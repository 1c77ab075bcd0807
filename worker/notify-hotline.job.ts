import { handoverScript, loadAssignmentDetails, rerouteScript, withdrawalScript } from "~/assignments/assignment-details.server";
import {
  finishNotice,
  markHandedToHotline,
  type NotificationRow,
  openNotification,
  recruiterToCall,
} from "~/assignments/notifications.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { TransactionSql } from "~/db/db.server";
import { markDone, markSkipped } from "~/db/outbox.server";
import { openCallTask } from "~/hotline/call-tasks.server";
import { auditMessages } from "~/i18n/audit-messages";

import type { JobContext } from "./job-context";

/**
 * A recruiter who works by phone gets the lead through hotline staff: a call task "call recruiter X and
 * hand over lead Y", with the numbers, the script to read and the matched spaces. One task per round.
 * A `withdrawal-notice` (the assignment ended on a need edit, ADR 108) reaches them the same way: a
 * `withdrawal` call task "tell recruiter X the assignment of lead Y ended", to the recruiter who held it
 * (the notice's recipient), whoever holds the assignment now (ADR 114). A `reroute-notice` (their offer
 * lapsed and was re-routed by the SLA check) likewise: a `reroute` call task "tell recruiter X lead Y was
 * re-routed", unless the assignment was given back to X meanwhile (docs/decisions/120).
 */
export async function notifyHotlineJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const n = await openNotification(ctx.sql, data.id);
  if (!n) {
    await markSkipped(ctx.sql, data.outboxId);
    return;
  }
  const d = n.assignmentId ? await loadAssignmentDetails(ctx.sql, n.assignmentId) : null;
  if (n.kind === "withdrawal-notice" || n.kind === "reroute-notice") return toldTask(ctx, n, d, data.outboxId);
  await ctx.sql.begin(async (tx) => {
    if (d?.recruiter && d.recruiter.id === n.recipient) {
      const script = { zh: handoverScript(d, ctx.routing.slaMinutes, "zh"), en: handoverScript(d, ctx.routing.slaMinutes, "en") };
      await handToHotline(
        ctx,
        tx,
        n,
        d,
        { kind: "handover", recruiter: d.recruiter, script, audit: "notice.handoverCreated" },
        data.outboxId,
      );
    } else {
      await Promise.all([finishNotice(tx, n.id, "dead", "assignment moved to another recruiter"), markDone(tx, data.outboxId)]);
    }
  });
}

/** The call task that tells the notice's recipient their assignment ended (withdrawal) or moved on (re-route). */
async function toldTask(
  ctx: JobContext,
  n: NotificationRow,
  d: Awaited<ReturnType<typeof loadAssignmentDetails>>,
  outboxId: number,
): Promise<void> {
  const recruiter = await recruiterToCall(ctx.sql, n.recipient);
  const reroute = n.kind === "reroute-notice";
  await ctx.sql.begin(async (tx) => {
    if (!d || !recruiter) {
      await Promise.all([finishNotice(tx, n.id, "dead", "assignment or recruiter gone"), markDone(tx, outboxId)]);
      return;
    }
    // Given back to them before the call was set up: the hand-over they get says the opposite (migration 094 closes a later one).
    if (reroute && d.recruiter?.id === recruiter.id) {
      await Promise.all([finishNotice(tx, n.id, "dead", "assignment given back to the recruiter"), markDone(tx, outboxId)]);
      return;
    }
    const script = reroute
      ? { zh: rerouteScript(d, recruiter, ctx.routing.slaMinutes, "zh"), en: rerouteScript(d, recruiter, ctx.routing.slaMinutes, "en") }
      : { zh: withdrawalScript(d, recruiter, "zh"), en: withdrawalScript(d, recruiter, "en") };
    const kind = reroute ? "reroute" : "withdrawal";
    const audit = reroute ? "notice.rerouteTaskCreated" : "notice.withdrawalTaskCreated";
    await handToHotline(ctx, tx, n, d, { kind, recruiter, script, audit }, outboxId);
  });
}

/**
 * The notice handed to the hotline, in `tx`: its call task (`kind`, deduplicated by the notice, due on the
 * routing's clock), the notice marked handed over, the audit line "notified", and its outbox row done.
 */
async function handToHotline(
  ctx: JobContext,
  tx: TransactionSql,
  n: NotificationRow,
  d: NonNullable<Awaited<ReturnType<typeof loadAssignmentDetails>>>,
  task: {
    kind: "handover" | "reroute" | "withdrawal";
    recruiter: { id: string; phone: string };
    script: { zh: string; en: string };
    audit: "notice.handoverCreated" | "notice.rerouteTaskCreated" | "notice.withdrawalTaskCreated";
  },
  outboxId: number,
): Promise<void> {
  await Promise.all([
    openCallTask(tx, {
      kind: task.kind,
      leadId: d.leadId,
      assignmentId: d.id,
      recruiterId: task.recruiter.id,
      phone: task.recruiter.phone,
      script: task.script,
      dedupeKey: `${task.kind}:${n.id}`,
      clock: ctx.routing.slaClock,
    }),
    markHandedToHotline(tx, n.id),
    recordRoutingEvent(tx, {
      assignmentId: d.id,
      leadId: d.leadId,
      event: "notified",
      recruiterId: task.recruiter.id,
      reason: auditMessages.both(task.audit),
    }).execute(),
    markDone(tx, outboxId),
  ]);
}
