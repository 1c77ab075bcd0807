import type { Sql, TransactionSql } from "~/db/db.server";
import { isUuid } from "~/domain/ids";

// A lead closed as a duplicate — a repeat attached by lead.match (ADR 108) or an admin's closing as a
// duplicate (ADR 028) — is not where the enterprise is worked: its first lead is. Every desk that can
// open such a lead sends work to the first lead (docs/decisions/116).

/** The lead a closed duplicate belongs to: `id`/`reference` of the lead worked, `from` the duplicate's reference. */
export type WorkedLead = { id: string; reference: string; from: string };

/**
 * When `leadId` is a lead closed as a duplicate (`status 'closed'`, `closed_as 'duplicate'`, `duplicate_of`
 * set) of a lead not erased: that lead — following a duplicate of a duplicate, at most 10 steps, to the
 * first one not itself closed as a duplicate — with the duplicate's reference. Null for any other lead
 * (not a duplicate, unknown, malformed id, erased, or a chain without an end within 10 steps). The lead
 * found may itself be won, lost or closed otherwise: its page says so.
 */
export async function workedLeadOf(sql: Sql | TransactionSql, leadId: string): Promise<WorkedLead | null> {
  if (!isUuid(leadId)) return null;
  const [row] = await sql<{ id: string; reference: string; from: string }[]>`
    with recursive up (id, depth) as (
      select l.duplicate_of, 1 from leads l
      where l.id = ${leadId} and l.status = 'closed' and l.closed_as = 'duplicate' and l.duplicate_of is not null
      union all
      select l.duplicate_of, u.depth + 1 from up u join leads l on l.id = u.id
      where u.depth < 10 and l.status = 'closed' and l.closed_as = 'duplicate' and l.duplicate_of is not null
    )
    select f.id, f.reference, (select reference from leads where id = ${leadId}) as from
    from up u join leads f on f.id = u.id
    where f.anonymised_at is null and not (f.status = 'closed' and f.closed_as = 'duplicate' and f.duplicate_of is not null)
    order by u.depth desc limit 1`;
  return row ?? null;
}
