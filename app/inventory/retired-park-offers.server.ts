import type { Notice } from "~/assignments/notifications.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { type EndedOffer, endedOfferColumns, queueWithdrawalNotices } from "~/assignments/withdrawal-notices.server";
import type { TransactionSql } from "~/db/db.server";
import { auditMessages } from "~/i18n/audit-messages";
import { rematchLead } from "~/matches/rematch.server";

// A park an admin retires (停用) takes no new work (ADR 157): its offers nobody has accepted end, and their
// leads are matched again, to the parks that still fit. Work a recruiter has taken up stays with them.

/** Assignment steps a retired park ends: offered to nobody yet, or to someone who has not accepted it. */
export const NOT_TAKEN_UP = ["unassigned", "offered", "escalated"] as const;

/** `assignments.close_reason` of an offer ended because its park was retired. */
export const PARK_RETIRED = "park-retired";

/**
 * Ends the park's assignments in NOT_TAKEN_UP (status `lost`, close_reason `park-retired`, closed now), each
 * with a `withdrawn` audit line of rule `park-retired` naming `actor` and the step it ended from; their
 * open call tasks (a hand-over, an escalation) close with them (migration 090's trigger). Each lead left
 * open is matched again (rematchLead, rule `admin-rematch`: it ends nothing else), so the parks that still
 * fit are offered it (the retired park's spaces are no longer matched). Accepted, contacted and visit steps are left as they
 * are. The recruiter who held each offer is told why it ended — "the park was retired" — on the offer's channel (an
 * email, or a hotline task for one who works by phone) and the park's group when the offer was posted there
 * (queueWithdrawalNotices, docs/decisions/167; until then they were told nothing). Runs in the transaction that
 * retires the park; returns the ended assignments' ids and the notices (due after `fallbackMs`: 0 from the web,
 * whose relay hands them to notify.* at once).
 */
export async function endOffersOfRetiredPark(
  tx: TransactionSql,
  parkId: string,
  actor: string,
  fallbackMs = 0,
): Promise<{ ended: string[]; notices: Notice[] }> {
  const ended = await tx<EndedOffer[]>`
    with open as (
      select a.id, a.status as from_status from assignments a
      where a.park_id = ${parkId} and a.status in ${tx(NOT_TAKEN_UP)}
      for update of a)
    update assignments a set status = 'lost', close_reason = ${PARK_RETIRED}, closed_from = null, closed_at = now(),
                             follow_up_on = null, updated_at = now()
    from open where a.id = open.id
    returning a.id, a.lead_id, a.park_id, a.recruiter_id, open.from_status as from, ${endedOfferColumns(tx)}`;
  const reason = auditMessages.both("match.parkRetired", { actor });
  const leads = new Set<string>();
  for (const a of ended) {
    await recordRoutingEvent(tx, {
      assignmentId: a.id,
      leadId: a.leadId,
      event: "withdrawn",
      recruiterId: a.recruiterId,
      rule: PARK_RETIRED,
      reason: { ...reason, from: a.from },
      actor,
    });
    leads.add(a.leadId);
  }
  // Queued before the leads are matched again: a lead whose retired park's offer is given back cannot happen (a retired
  // park takes no work), so the notice stands whatever the new match does.
  const notices = await queueWithdrawalNotices(tx, ended, "park-retired", fallbackMs);
  // A match again that is no need edit (rule admin-rematch): it ends nothing else (docs/decisions/127).
  for (const leadId of [...leads].sort()) await rematchLead(tx, leadId, reason.zh, "admin-rematch");
  return { ended: ended.map((a) => a.id), notices };
}
