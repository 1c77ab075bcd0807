import type { TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import type { WithdrawalReason } from "~/notify/withdrawal-reason";

import { addNotification, type Notice, queueNotice } from "./notifications.server";

// The withdrawal notices of the paths that end a recruiter's assignment without their doing (docs/decisions/167):
// a need edit the park no longer fits (unfit-assignments.server.ts, ADR 108), a park retired by an admin
// (app/inventory/retired-park-offers.server.ts, ADR 157), a lead closed by an admin (app/admin/lead-actions.server.ts).

/** An assignment one of those paths just ended, as the notices need it (endedOfferColumns reads the last three). */
export type EndedOffer = {
  id: string;
  leadId: string;
  parkId: string;
  recruiterId: string | null;
  /** The step it ended from (`offered`, `accepted`, `unassigned`, …). */
  from: string;
  reroutes: number;
  channel: "email" | "hotline" | null;
  /** The offer was posted to the park's WeCom group (a `wecom` notice of it) and the park still has its webhook. */
  toGroup: boolean;
};

/** The columns of an `update assignments a … returning` that EndedOffer takes besides id, lead, park, recruiter and step. */
export function endedOfferColumns(tx: TransactionSql) {
  return tx`a.reroutes, a.channel,
    (exists (select 1 from notifications n where n.assignment_id = a.id and n.kind = 'wecom')
     and exists (select 1 from parks p where p.id = a.park_id and p.wecom_webhook_url is not null)) as to_group`;
}

/**
 * Records, in the transaction that ended them, the `withdrawal-notice` of each ended assignment a recruiter held
 * (none for one that waited in the admins' queue): on the assignment's channel, as the offer came (ADR 114) — an
 * email (channel email, or none recorded), or a hotline task "tell X it ended" for a recruiter who works by phone —
 * and to the park's WeCom group when the offer was posted there. What the notice says is read when it is sent
 * (withdrawalWhy: the assignment's close_reason, the lead's closed_as), so one notice kind serves every reason.
 * Deduplicated per assignment, offer round and reason: `withdrawal-notice:<id>:r<reroutes>` for a need edit (ADR
 * 114's key, kept), `…:<reason>` for the others, so a need edit's notice never swallows a later retirement's.
 * Returns the email and hotline notices for a worker to deliver after commit; the web's callers pass
 * `fallbackMs` 0 (no worker there: the relay hands them to notify.* at once). `groupAfterMs` holds the group's
 * post back as long (a signing elsewhere is said only once it can no longer be undone: both are its undo window).
 */
export async function queueWithdrawalNotices(
  tx: TransactionSql,
  ended: readonly EndedOffer[],
  reason: WithdrawalReason,
  fallbackMs: number,
  groupAfterMs = 0,
): Promise<Notice[]> {
  const suffix = reason === "need-changed" ? "" : `:${reason}`;
  const notices: Notice[] = [];
  for (const a of ended) {
    if (!a.recruiterId || a.from === "unassigned") continue;
    const round = `${a.id}:r${a.reroutes}${suffix}`;
    notices.push(
      ...(await queueNotice(
        tx,
        {
          assignmentId: a.id,
          leadId: a.leadId,
          kind: "withdrawal-notice",
          channel: a.channel === "hotline" ? "hotline" : "email",
          recipient: a.recruiterId,
          dedupeKey: `withdrawal-notice:${round}`,
        },
        fallbackMs,
      )),
    );
    if (!a.toGroup) continue;
    const group = {
      assignmentId: a.id,
      leadId: a.leadId,
      kind: "withdrawal-notice",
      channel: "wecom",
      recipient: a.parkId,
      dedupeKey: `withdrawal-wecom:${round}`,
    } as const;
    if (groupAfterMs > 0) await enqueue(tx, "notify.wecom", await addNotification(tx, group), { afterMs: groupAfterMs });
    else await queueNotice(tx, group, fallbackMs);
  }
  return notices;
}
