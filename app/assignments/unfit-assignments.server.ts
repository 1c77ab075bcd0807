import type { TransactionSql } from "~/db/db.server";
import { auditMessages } from "~/i18n/audit-messages";

import type { Notice } from "./notifications.server";
import { recordRoutingEvent } from "./routing-events.server";
import { type EndedOffer, endedOfferColumns, queueWithdrawalNotices } from "./withdrawal-notices.server";

// A need edit (hotline desk or the recruiter's own correction) re-matches the lead; a park that no longer
// fits the corrected need loses its assignment, and one that fits again gets it back (docs/decisions/108).

/** Assignment steps a need edit may end: nobody closed them yet (signed, lost and declined ones stay as they are). */
export const ENDABLE_STEPS = ["unassigned", "offered", "accepted", "contacted", "visit", "escalated"] as const;

/** `assignments.close_reason` of an assignment ended because its park no longer fits the corrected need. */
export const NEED_CHANGED = "need-changed";

/**
 * Ends the lead's open assignments whose park has no live match left after lead.match saved its
 * matches, and none of whose spaces passes the need's hard constraints (`stillFits`: parks that still
 * fit, ranked or not) — only when the need was edited since the assignment was last given (a `rematch`
 * audit line of rule `need-edited` after its last `assigned`/`rerouted`/`unassigned`/`reopened` one) and
 * that edit is what this match is the first to see (the line is newer than the lead's last match,
 * `leads.matched_at`, which recordMatchOutcome sets after this): a space let or retired under a recruiter
 * who is negotiating is not a reason to take the lead away from them (space.match's own `rematch` lines,
 * rule `inventory-changed`, were taken for edits until 12-05: ADR 108, amended), nor is it when the need
 * was edited an hour before and the park still fitted then — an assignment ended so, its park fitting again
 * later, was offered again to the recruiter who had declined it (trial 12-05 M; docs/decisions/127). The
 * line routeLead writes for a park that fits again names its assignment, and is no edit.
 *
 * An ended assignment becomes `lost` with close_reason `need-changed` (no undo: closed_from stays null),
 * its follow-up date cleared; nothing else is touched — notes, call notes, call tasks, visits and the
 * audit trail stay on the lead and the assignment — but its open call tasks (a hand-over, an escalation)
 * are closed with reason `need-changed` by the assignment's ending itself (migration 090's trigger, same
 * transaction; docs/decisions/114). One `withdrawn` audit line each (from which step), and the recruiter who
 * held it gets a `withdrawal-notice` on the assignment's channel, as the offer came (ADR 114): an email
 * (channel email, or none recorded), or for a recruiter who works by phone a hotline task "tell X the
 * assignment ended" (channel hotline); the email and hotline notices are returned for the caller to deliver
 * after commit. When the offer was also posted to the park's WeCom group (a `wecom` notice of the
 * assignment) and the park still has its webhook, the group is told too (notify.wecom). Runs in
 * lead.match's transaction, the lead locked; a won, lost or closed lead never comes here.
 */
export async function endUnfitAssignments(
  tx: TransactionSql,
  leadId: string,
  stillFits: ReadonlySet<string>,
  fallbackMs: number,
): Promise<{ ended: { id: string; parkId: string; recruiterId: string | null; from: string }[]; notices: Notice[] }> {
  const ended = await tx<EndedOffer[]>`
    with unfit as (
      select a.id, a.status as from_status from assignments a
      where a.lead_id = ${leadId} and a.status in ${tx(ENDABLE_STEPS)}
        and a.park_id <> all(${[...stillFits]}::text[])
        and not exists (select 1 from matches m where m.lead_id = a.lead_id and m.park_id = a.park_id and m.withdrawn_at is null)
        and exists (
          select 1 from routing_events e join leads l on l.id = e.lead_id
          where e.lead_id = a.lead_id and e.event = 'rematch' and e.rule = 'need-edited' and e.assignment_id is null
            and e.at > coalesce(l.matched_at, '-infinity')
            and e.id > coalesce((select max(f.id) from routing_events f
                                 where f.assignment_id = a.id and f.event in ('assigned', 'rerouted', 'unassigned', 'reopened')), 0))
      for update of a)
    update assignments a set status = 'lost', close_reason = ${NEED_CHANGED}, closed_from = null, closed_at = now(),
                             follow_up_on = null, updated_at = now()
    from unfit where a.id = unfit.id
    returning a.id, a.lead_id, a.park_id, a.recruiter_id, unfit.from_status as from, ${endedOfferColumns(tx)}`;
  for (const a of ended) {
    await recordRoutingEvent(tx, {
      assignmentId: a.id,
      leadId,
      event: "withdrawn",
      recruiterId: a.recruiterId,
      rule: "need-edited",
      reason: { ...auditMessages.both("match.parkNoLongerFits"), from: a.from },
    });
  }
  const notices = await queueWithdrawalNotices(tx, ended, "need-changed", fallbackMs);
  return { ended: ended.map(({ id, parkId, recruiterId, from }) => ({ id, parkId, recruiterId, from })), notices };
}
