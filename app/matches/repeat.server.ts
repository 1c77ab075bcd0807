import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { leadFlags } from "~/domain/lead-flags";
import type { Lead } from "~/domain/lead-schema";
import { auditMessages } from "~/i18n/audit-messages";

// A likely repeat (the intake's `repeat` flag: the same phone and need within the hour, ADR 102) is not
// worked twice (docs/decisions/108): lead.match attaches it to the lead it repeats instead of matching
// and routing it, and staff see it on that lead.

/**
 * Attaches the lead (flagged `repeat` with `firstReference`) to the lead it repeats, in lead.match's
 * transaction with the lead locked: closed as a duplicate of it (`closed_as = 'duplicate'`,
 * `duplicate_of`, as an admin closes one, ADR 028) with a `closed` audit line, so no call-back task and
 * no offer come of it, and its words stay stored and shown beside the first lead (repeatsOf). Only while
 * the first lead is still worked (not won, lost, closed or erased): otherwise false, and the lead is
 * matched and routed as any other. Also false when the lead is no longer open.
 */
export async function attachRepeat(tx: TransactionSql, leadId: string, firstReference: string): Promise<boolean> {
  const [row] = await tx<{ firstId: string | null }[]>`
    with first as (
      select id from leads where reference = ${firstReference} and id <> ${leadId}
        and status not in ('won', 'lost', 'closed') and anonymised_at is null),
    closed as (
      update leads set status = 'closed', closed_as = 'duplicate', duplicate_of = (select id from first), closed_at = now(), updated_at = now()
      where id = ${leadId} and exists (select 1 from first) and status in ('received', 'indexed', 'matched', 'unmatched')
      returning duplicate_of)
    select duplicate_of as first_id from closed`;
  if (!row?.firstId) return false;
  await recordRoutingEvent(tx, {
    leadId,
    event: "closed",
    rule: "duplicate",
    reason: { ...auditMessages.both("repeat.attached", { reference: firstReference }), repeatOf: firstReference },
  });
  return true;
}

/** A lead attached to this one as its repeat: when it came, its reference, and its notes (what the person added). */
export type RepeatOfLead = { id: string; reference: string; createdAt: string; notes: string };

/** The repeats attached to `leadId` (attachRepeat), oldest first; a few at most. Erased ones have no notes. */
export async function repeatsOf(sql: Sql | TransactionSql, leadId: string): Promise<RepeatOfLead[]> {
  const rows = await sql<{ id: string; reference: string; createdAt: Date; lead: Lead }[]>`
    select id, reference, created_at, lead from leads
    where duplicate_of = ${leadId} and closed_as = 'duplicate' and lead -> 'flags' @> '[{"code": "repeat"}]'
    order by created_at, id limit 20`;
  return rows
    .filter((r) => leadFlags(r.lead).some((f) => f.code === "repeat"))
    .map((r) => ({ id: r.id, reference: r.reference, createdAt: r.createdAt.toISOString(), notes: r.lead.need?.notes ?? "" }));
}
