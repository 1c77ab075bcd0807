import type { TransactionSql } from "~/db/db.server";

import { assignPark, type RoutingOptions } from "./route-lead.server";
import { recordRoutingEvent, recruitersWhoHad } from "./routing-events.server";

/**
 * The recruiter who holds an offer turns it down: it goes to the park's next eligible recruiter
 * (everyone who already had it is skipped, as in an SLA re-route) or to the admin's unassigned queue.
 * The new recruiter's notice is due at once (the worker's notify job sends it). Returns the
 * assignment's new status, or null when the offer is no longer this recruiter's to decline (or the
 * lead is won or lost).
 */
export async function declineAssignment(
  tx: TransactionSql,
  input: { assignmentId: string; recruiterId: string },
  routing: RoutingOptions,
  why: { zh: string; en: string },
): Promise<"offered" | "unassigned" | null> {
  const [a] = await tx<{ leadId: string; parkId: string; reroutes: number; industry: string }[]>`
    select a.lead_id, a.park_id, a.reroutes, l.industry from assignments a join leads l on l.id = a.lead_id
    where a.id = ${input.assignmentId} and a.recruiter_id = ${input.recruiterId} and a.status = 'offered'
      and l.status not in ('won', 'lost', 'closed')
    for update of a`;
  if (!a) return null;
  await recordRoutingEvent(tx, {
    assignmentId: input.assignmentId,
    leadId: a.leadId,
    event: "declined",
    recruiterId: input.recruiterId,
    reason: why,
  });
  const had = await recruitersWhoHad(tx, input.assignmentId);
  const { decision } = await assignPark(
    tx,
    {
      leadId: a.leadId,
      parkId: a.parkId,
      leadIndustry: a.industry,
      previousRecruiterId: null,
      exclude: had,
      assignmentId: input.assignmentId,
      reroutes: a.reroutes + 1,
    },
    { ...routing, noticeFallbackMs: 0 }, // no worker here to deliver inline: the notice is due now
  );
  return decision.recruiterId ? "offered" : "unassigned";
}
