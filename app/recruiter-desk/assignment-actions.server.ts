import { declineAssignment } from "~/assignments/decline.server";
import type { RoutingOptions } from "~/assignments/route-lead.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { type EndedOffer, endedOfferColumns, queueWithdrawalNotices } from "~/assignments/withdrawal-notices.server";
import type { Sql } from "~/db/db.server";
import { UNDO_MINUTES } from "~/domain/close-reasons";
import type { AssignmentStatus, RoutingEvent } from "~/domain/statuses";
import { auditMessages } from "~/i18n/audit-messages";

// What a recruiter does with an assignment from the queue. Every step is checked against the current
// state in one conditional update (two tabs, or the SLA job, may have moved it meanwhile) and lands in
// the routing audit trail.

export const INTENTS = ["accept", "decline", "contacted", "visit", "signed", "lost"] as const;
export type Intent = (typeof INTENTS)[number];

const STEPS: Record<Exclude<Intent, "decline">, { from: string[]; to: Extract<AssignmentStatus, RoutingEvent>; zh: string; en: string }> = {
  accept: { from: ["offered"], to: "accepted", zh: "招商专员已接单", en: "Accepted by the recruiter" },
  contacted: { from: ["accepted"], to: "contacted", zh: "已联系企业", en: "Enterprise contacted" },
  visit: { from: ["accepted", "contacted"], to: "visit", zh: "已安排/完成看厂", en: "Site visit arranged or done" },
  signed: { from: ["accepted", "contacted", "visit"], to: "signed", zh: "已签约", en: "Signed" },
  lost: { from: ["accepted", "contacted", "visit"], to: "lost", zh: "已流失", en: "Lost" },
};

/** Which intents the assignment's current status allows. */
export function allowedIntents(status: string): Intent[] {
  return INTENTS.filter((intent) => (intent === "decline" ? status === "offered" : STEPS[intent].from.includes(status)));
}

/** When the recruiters of the other parks hear of a signing: after its undo window (UNDO_MINUTES) and a minute. */
export const SIGNED_ELSEWHERE_NOTICE_MS = (UNDO_MINUTES + 1) * 60_000;

export type ActionOutcome = { ok: true; status: string } | { ok: false; reason: "stale" };

export async function applyAssignmentAction(
  sql: Sql,
  input: { assignmentId: string; recruiterId: string; intent: Intent },
  routing: RoutingOptions,
): Promise<ActionOutcome> {
  if (input.intent === "decline") return decline(sql, input, routing);
  const step = STEPS[input.intent];
  return sql.begin(async (tx) => {
    // "signed" keeps what it closed (closed_from, closed_at) so it can be undone for a short while (ADR 034).
    const signed = step.to === "signed";
    // A signing ends the lead's other assignments: the lead is locked first, as every writer of a lead and its
    // assignments does (lead.match, the erasure). Two parks' recruiters signing one lead at once each locked their
    // own assignment, then the lead, then the other's assignment: a deadlock, one of them told "unavailable" (attack41).
    if (signed) await tx`select 1 from leads where id = (select lead_id from assignments where id = ${input.assignmentId}) for update`;
    const [a] = await tx<{ leadId: string }[]>`
      update assignments set status = ${step.to}, updated_at = now(),
             accepted_at = case when ${step.to} = 'accepted' then now() else accepted_at end,
             closed_from = case when ${signed} then status else closed_from end,
             closed_at = case when ${signed} then now() else closed_at end,
             lead_status_before = case when ${signed} then (select l.status from leads l where l.id = assignments.lead_id) else lead_status_before end
      where id = ${input.assignmentId} and recruiter_id = ${input.recruiterId} and status in ${tx(step.from)}
      returning lead_id`;
    if (!a) return { ok: false, reason: "stale" } as const;
    await recordRoutingEvent(tx, {
      assignmentId: input.assignmentId,
      leadId: a.leadId,
      event: step.to,
      recruiterId: input.recruiterId,
      reason: { zh: step.zh, en: step.en },
    });
    // A signed park wins the lead: its other parks' assignments end, so nobody re-routes, escalates or
    // calls an enterprise that has already signed. closed_by names this signing, whose undo reopens them.
    if (step.to === "signed") {
      await tx`update leads set status = 'won', updated_at = now() where id = ${a.leadId}`;
      const closed = await tx<EndedOffer[]>`
        with open as (
          select o.id, o.status as from_status from assignments o
          where o.lead_id = ${a.leadId} and o.id <> ${input.assignmentId} and o.status in ('unassigned', 'offered', 'accepted', 'contacted', 'visit')
          for update of o)
        update assignments a set status = 'lost', updated_at = now(), closed_from = a.status, closed_at = now(), closed_by = ${input.assignmentId}
        from open where a.id = open.id
        returning a.id, a.lead_id, a.park_id, a.recruiter_id, open.from_status as from, ${endedOfferColumns(tx)}`;
      for (const c of closed) {
        await recordRoutingEvent(tx, {
          assignmentId: c.id,
          leadId: a.leadId,
          event: "lost",
          recruiterId: c.recruiterId,
          reason: auditMessages.both("desk.signedElsewhere"),
        });
      }
      // Their recruiters hear it once the signing can no longer be undone (ADR 034's window and a minute): a notice
      // sent at once would be wrong after an undo; one found due after an undo is dropped (docs/decisions/167).
      await queueWithdrawalNotices(tx, closed, "signed-elsewhere", SIGNED_ELSEWHERE_NOTICE_MS, SIGNED_ELSEWHERE_NOTICE_MS);
    }
    return { ok: true, status: step.to } as const;
  });
}

/** A recruiter who declines: see declineAssignment (the hotline records the same for a phone recruiter). */
async function decline(sql: Sql, input: { assignmentId: string; recruiterId: string }, routing: RoutingOptions): Promise<ActionOutcome> {
  return sql.begin(async (tx) => {
    const next = await declineAssignment(tx, input, routing, auditMessages.both("desk.declined"));
    return next === null ? ({ ok: false, reason: "stale" } as const) : ({ ok: true, status: next } as const);
  });
}
