import type { Sql, TransactionSql } from "~/db/db.server";

/**
 * SQL: the why-not list of lead `l` (`leads.excluded`, as lead.match stored it; a JSON array of Exclusion,
 * app/domain/matching/why-not.ts) in its stored order, without the entries that no longer hold: a space
 * gone, not available now (let, reserved, retired, or of a retired park), of another kind than the lead's
 * need, or offered to the lead since (a live match). The list is written when the lead is matched; a space
 * that leaves the inventory re-matches the leads naming it (space.match, docs/decisions/127), and until that
 * re-match has run this keeps every page from showing it as a near miss. `where`: a further condition
 * on the entry `x.e` (jsonb), e.g. one park's part. The statement must read `leads` as `l`.
 */
export function listedNearMissesSql(sql: Sql | TransactionSql, where: ReturnType<Sql> = sql``) {
  return sql`coalesce((
    select jsonb_agg(x.e order by x.n)
      from jsonb_array_elements(l.excluded) with ordinality x (e, n)
      join spaces s on s.id = x.e ->> 'spaceId'
      join parks p on p.id = s.park_id
     where s.status = 'available' and s.retired_at is null and p.retired_at is null
       and s.kind = l.lead -> 'need' ->> 'kind'
       and not exists (select 1 from matches m where m.lead_id = l.id and m.space_id = s.id and m.withdrawn_at is null)
       ${where}), '[]')`;
}
