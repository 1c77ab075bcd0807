import type { Sql, TransactionSql } from "~/db/db.server";
import type { Lead } from "~/domain/lead-schema";
import type { Exclusion } from "~/domain/matching/why-not";
import type { LeadStatus, SpaceKind } from "~/domain/statuses";

// What the matching jobs (worker/lead-match.job.ts, worker/space-match.job.ts) read and write of a lead
// and its live matches (docs/decisions/018).

/** A lead as its match job first reads it (without a lock); null when it does not exist. */
export async function leadForMatching(sql: Sql, leadId: string): Promise<{ lead: Lead; status: LeadStatus; anonymised: boolean } | null> {
  const [row] = await sql<{ lead: Lead; status: LeadStatus; anonymised: boolean }[]>`
    select lead, status, anonymised_at is not null as anonymised from leads where id = ${leadId}`;
  return row ?? null;
}

/** The lead locked for this transaction (an edit committed since the search is seen); null when gone. */
export async function lockLeadForMatching(tx: TransactionSql, leadId: string): Promise<{ lead: Lead; status: LeadStatus } | null> {
  const [row] = await tx<{ lead: Lead; status: LeadStatus }[]>`select lead, status from leads where id = ${leadId} for update`;
  return row ?? null;
}

/** The lead's live (not withdrawn) matches: which space, and whether the lead's own match or a space's reverse match found it. */
export function liveMatchesOfLead(tx: TransactionSql, leadId: string) {
  return tx<
    { space_id: string; found_by: "lead" | "space" }[]
  >`select space_id, found_by from matches where lead_id = ${leadId} and withdrawn_at is null`;
}

/**
 * Records a lead's matching outcome: `matched` (or still `assigned`) when a live match remains, else
 * `unmatched`; the inventory version it was computed against and the why-not `excluded` list. Only a
 * lead still open (not won or lost) changes.
 */
export async function recordMatchOutcome(
  tx: TransactionSql,
  leadId: string,
  inventoryVersion: string | null,
  excluded: Exclusion[],
): Promise<void> {
  await tx`update leads set status = case when exists (select 1 from matches where lead_id = ${leadId} and withdrawn_at is null)
                                          then case when status = 'assigned' then 'assigned' else 'matched' end
                                          else 'unmatched' end,
                            matched_at = now(), matched_version = ${inventoryVersion}, excluded = ${tx.json(excluded as never)}, updated_at = now()
           where id = ${leadId} and status in ('received', 'indexed', 'matched', 'unmatched', 'assigned')`;
}

/** Live matches on a space, of leads not won or lost (a change to the space may withdraw them). */
export async function liveMatchesOfSpace(tx: TransactionSql, spaceId: string): Promise<{ lead_id: string; lead: Lead }[]> {
  return tx<{ lead_id: string; lead: Lead }[]>`
    select m.lead_id, l.lead from matches m join leads l on l.id = m.lead_id
    where m.space_id = ${spaceId} and m.withdrawn_at is null and l.status not in ('won', 'lost', 'closed')`;
}

/**
 * Open leads (received in the last `days` days, not won or lost) a space of this kind and area could
 * fit: kind equal, the need's minimum area (m²) at most 1.25 × the space's. Every hard constraint is
 * then checked in code. 'received' counts: a lead that arrived a moment ago may have been matched
 * against an older inventory.
 */
export async function openLeadsForSpace(
  tx: TransactionSql,
  space: { kind: SpaceKind; areaSqm: number },
  days: number,
): Promise<{ id: string; lead: Lead }[]> {
  return tx<{ id: string; lead: Lead }[]>`
    select id, lead from leads
    where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned')
      and created_at > now() - make_interval(days => ${days})
      and lead->'need'->>'kind' = ${space.kind}
      and coalesce((lead->'need'->>'areaMinSqm')::float8, 0) * 0.8 <= ${space.areaSqm}`;
}

/** An unmatched lead that a space's reverse match now fits becomes `matched`. */
export async function markLeadMatched(tx: TransactionSql, leadId: string): Promise<void> {
  await tx`update leads set status = 'matched', updated_at = now() where id = ${leadId} and status = 'unmatched'`;
}
