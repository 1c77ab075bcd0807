import { declineAssignment } from "~/assignments/decline.server";
import type { RoutingOptions } from "~/assignments/route-lead.server";
import { awayUntilSql, lockRecruitersOfParks, recruiterWorksSql } from "~/assignments/route-lead.server";
import type { TransactionSql } from "~/db/db.server";
import { auditMessages } from "~/i18n/audit-messages";

/**
 * A recruiter who is now away (today inside their away window), deactivated, or whose staff sign-in was
 * deactivated (recruiterWorksSql, ADR 107) cannot work the offers
 * they hold: each open offer (status `offered`) goes to the park's next eligible recruiter through the
 * decline path — the same policy, skipping everyone who already had it, the audit trail saying why —
 * or to the admin's unassigned queue (ADR 027). Accepted work stays with them. Returns how many offers
 * moved. Runs in the caller's transaction (the edit or import that marked them away).
 */
export async function rerouteOffersOfUnavailable(
  tx: TransactionSql,
  recruiterIds: string[],
  routing: RoutingOptions,
): Promise<{ moved: number; unassigned: number }> {
  if (recruiterIds.length === 0) return { moved: 0, unassigned: 0 };
  const offers = await tx<{ assignmentId: string; parkId: string; recruiterId: string; awayUntil: string | null; active: boolean }[]>`
    select a.id as assignment_id, a.park_id, a.recruiter_id, ${recruiterWorksSql(tx)} as active, ${awayUntilSql(tx)} as away_until
    from assignments a join recruiters r on r.id = a.recruiter_id
    where a.recruiter_id in ${tx(recruiterIds)} and a.status = 'offered'
    order by a.offered_at, a.id`;
  const moving = offers.filter((o) => !o.active || o.awayUntil);
  // The offers' parks are re-routed one after another: their recruiters locked first, in one order.
  await lockRecruitersOfParks(
    tx,
    moving.map((o) => o.parkId),
  );
  let moved = 0;
  let unassigned = 0;
  for (const o of moving) {
    const why = o.awayUntil ? auditMessages.both("recruiter.away", { until: o.awayUntil }) : auditMessages.both("recruiter.inactive");
    if (!(await declineAssignment(tx, { assignmentId: o.assignmentId, recruiterId: o.recruiterId }, routing, why))) continue;
    moved++;
    // No other recruiter of the park could take it: it waits in the unassigned queue (said apart, finding 6).
    const [now] = await tx<{ recruiterId: string | null }[]>`select recruiter_id from assignments where id = ${o.assignmentId}`;
    if (!now?.recruiterId) unassigned++;
  }
  return { moved, unassigned };
}
