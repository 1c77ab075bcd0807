import { lockAssignmentForSla, markEscalated } from "~/assignments/assignment-sla.server";
import { type Notice, queueNotice } from "~/assignments/notifications.server";
import { assignPark } from "~/assignments/route-lead.server";
import { recordRoutingEvent, recruitersWhoHad } from "~/assignments/routing-events.server";
import { adminUserIds } from "~/auth/accounts.server";
import { markDone, markSkipped } from "~/db/outbox.server";
import { openCallTask } from "~/hotline/call-tasks.server";
import { auditMessages } from "~/i18n/audit-messages";
import { notifyMessages } from "~/i18n/notify-messages";

import { deliverNotices } from "./deliver-notices";
import type { JobContext } from "./job-context";

export const MAX_REROUTES = 2;

/**
 * An assignment not accepted in time goes to the next eligible recruiter (the first one is told, on the
 * channel the offer came by: an email, or for a recruiter who works by phone a hotline call task; when
 * nobody else can take it and the offer was posted to the park's WeCom group, the group is told too —
 * a re-route to another recruiter is already the group's "线索改派" post; docs/decisions/120);
 * after two re-routes it escalates to every admin by email and as a hotline task. The check is an
 * outbox row with not_before = accept_by, so it survives a Redis wipe.
 */
export async function assignmentSlaJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const notices = await ctx.sql.begin(async (tx): Promise<Notice[]> => {
    const a = await lockAssignmentForSla(tx, data.id);
    // Accepted, closed, already moved on, the deadline was extended, or the lead is won or lost: nothing to do.
    if (!a || a.status !== "offered" || !a.due || a.closed) {
      await markSkipped(tx, data.outboxId);
      return [];
    }

    if (a.reroutes >= MAX_REROUTES) {
      await markEscalated(tx, a);
      const admins = await adminUserIds(tx);
      const notices: Notice[] = [];
      for (const adminId of admins) {
        notices.push(
          ...(await queueNotice(
            tx,
            {
              assignmentId: a.id,
              leadId: a.leadId,
              kind: "escalation",
              channel: "email",
              recipient: adminId,
              dedupeKey: `escalation:${a.id}:${adminId}`,
            },
            ctx.routing.noticeFallbackMs,
          )),
        );
      }
      await openCallTask(tx, {
        kind: "escalation",
        leadId: a.leadId,
        assignmentId: a.id,
        phone: a.phone,
        script: notifyMessages.both("escalation.script", { reference: a.reference }),
        dedupeKey: `escalation:${a.id}`,
        clock: ctx.routing.slaClock,
      });
      await markDone(tx, data.outboxId);
      return notices;
    }

    // The missed deadline, on the recruiter who missed it (the dashboard's SLA breaches, ADR 028).
    await recordRoutingEvent(tx, {
      assignmentId: a.id,
      leadId: a.leadId,
      event: "sla-missed",
      recruiterId: a.recruiterId,
      rule: "sla",
      reason: auditMessages.both("sla.missed"),
    });
    // Everyone who already had this assignment is skipped by the next choice.
    const had = await recruitersWhoHad(tx, a.id);
    const previous = a.recruiterId;
    const { notices, decision } = await assignPark(
      tx,
      {
        leadId: a.leadId,
        parkId: a.parkId,
        leadIndustry: a.industry ?? "", // a hotline lead may not name its industry (migration 028)
        previousRecruiterId: null,
        exclude: had,
        assignmentId: a.id,
        reroutes: a.reroutes + 1,
      },
      ctx.routing,
    );
    if (previous) {
      notices.push(
        ...(await queueNotice(
          tx,
          {
            assignmentId: a.id,
            leadId: a.leadId,
            kind: "reroute-notice",
            channel: a.channel === "hotline" ? "hotline" : "email",
            recipient: previous,
            dedupeKey: `reroute-notice:${a.id}:r${a.reroutes}`,
          },
          ctx.routing.noticeFallbackMs,
        )),
      );
      if (a.toGroup && !decision.recruiterId)
        await queueNotice(
          tx,
          {
            assignmentId: a.id,
            leadId: a.leadId,
            kind: "reroute-notice",
            channel: "wecom",
            recipient: a.parkId,
            dedupeKey: `reroute-wecom:${a.id}:r${a.reroutes}`,
          },
          ctx.routing.noticeFallbackMs,
        );
    }
    await markDone(tx, data.outboxId);
    return notices;
  });
  await deliverNotices(ctx, notices);
}
