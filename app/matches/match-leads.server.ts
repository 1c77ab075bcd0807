import type { RoutingLead } from "~/assignments/route-lead.server";
import { ENDABLE_STEPS } from "~/assignments/unfit-assignments.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { outboxDoneCte } from "~/db/outbox.server";
import { isUuid } from "~/domain/ids";
import type { Lead } from "~/domain/lead-schema";
import { reverseLeadBounds } from "~/domain/matching/hard";
import type { Standing } from "~/domain/matching/top-matches";
import type { MatchNeed, SpaceCandidate } from "~/domain/matching/types";
import type { Exclusion } from "~/domain/matching/why-not";
import type { LeadStatus } from "~/domain/statuses";

// What the matching jobs (worker/lead-match.job.ts, worker/space-match.job.ts) read and write of a lead
// and its live matches (docs/decisions/018).

/** A lead.match row still to do, with its lead as first read (without a lock); `lead` null when the lead does not exist. */
export type LeadToMatch = { outboxId: number; id: string; lead: Lead | null; status: LeadStatus | null; anonymised: boolean };

/**
 * The lead.match rows of `items` not done yet, each with its lead as the job first reads it (without a
 * lock), in outbox id order: one statement for a whole group (docs/decisions/073). An id that is not a
 * row id (isUuid) is a lead that does not exist, not an error for the group. A row done already (a group
 * retried after some of its leads were matched, a job relayed twice) or dead (docs/decisions/077) is left out.
 */
export async function leadsToMatch(sql: Sql, items: readonly { outboxId: number; id: string }[]): Promise<LeadToMatch[]> {
  // One JSON parameter, not two arrays: an array's length is known to a custom plan only, so Postgres planned
  // this anew for every group (0.4–0.8 ms, issue 14). A record set is estimated at 100 rows either way, so
  // each row's lookups sit in a LATERAL … LIMIT 1 (the primary keys: one row at most) to stay index scans.
  // Each row once, as `o.id = any(…)` read it, whatever the items repeat.
  const keys = [...new Map(items.map((i) => [i.outboxId, { outbox_id: i.outboxId, lead_id: isUuid(i.id) ? i.id : null }])).values()];
  const rows = await sql<{ outboxId: string; id: string; lead: Lead | null; status: LeadStatus | null; anonymised: boolean }[]>`
    select r.outbox_id, r.id, r.lead, r.status, r.anonymised
    from jsonb_to_recordset(${sql.json(keys)}) k (outbox_id bigint, lead_id uuid)
    cross join lateral (
      select o.id as outbox_id, o.aggregate_id as id, l.lead, l.status, l.anonymised_at is not null as anonymised
        from outbox o left join leads l on l.id = k.lead_id and l.id::text = o.aggregate_id
       where o.id = k.outbox_id and o.done_at is null and o.dead_at is null
       limit 1) r
    order by r.outbox_id`;
  return rows.map((r) => ({ ...r, outboxId: Number(r.outboxId) }));
}

/**
 * The lead locked for this transaction (an edit committed since the search is seen); null when gone.
 * `anonymised`: erased since the job first read it (a group waits for its search and the leads ahead
 * of it: docs/decisions/074), so nobody is to be told about it.
 * `routing` is what routeLead reads of the lead, from the same locked row (routeLead's `inMatch.lead`).
 * The statement is sent when this is called, so statements started after it on the same transaction
 * run once the lock is held and see what was committed before it (lead.match sends its reads with it).
 */
export function lockLeadForMatching(
  tx: TransactionSql,
  leadId: string,
): Promise<{ lead: Lead; status: LeadStatus; anonymised: boolean; routing: RoutingLead } | null> {
  return tx<(RoutingLead & { lead: Lead; anonymised: boolean })[]>`
    select id, lead, status, industry, phone, reference, anonymised_at is not null as anonymised from leads where id = ${leadId} for update`
    .execute()
    .then(([row]) => {
      if (!row) return null;
      const { lead, anonymised, ...routing } = row;
      return { lead, status: row.status, anonymised, routing };
    });
}

/**
 * Whether a later lead.match row of the lead (outbox id above `outboxId`) is still to do: an edit's
 * re-match, queued in the edit's transaction (app/matches/rematch.server.ts), which will match the lead
 * as it is then (docs/decisions/074). One index lookup (outbox_aggregate).
 */
export async function laterMatchQueued(tx: TransactionSql, leadId: string, outboxId: number): Promise<boolean> {
  const [{ later }] = await tx<{ later: boolean }[]>`
    select exists (select 1 from outbox where aggregate_id = ${leadId} and topic = 'lead.match' and id > ${outboxId} and done_at is null and dead_at is null) as later`;
  return later;
}

/**
 * What lead.match reads of a lead besides its row, in one statement (issue 14: three before): the
 * inventory's current version (`inventory_version` as text, docs/decisions/018), the lead's live (not
 * withdrawn) matches — which space, and whether the lead's own match or a space's reverse match found
 * it — and the parks of its open assignments (ENDABLE_STEPS, app/assignments/unfit-assignments.server.ts:
 * their spaces that still fit stay live). A pending query: sent after lockLeadForMatching on the same
 * transaction, it runs once the lock is held and sees what was committed before it.
 */
export function leadMatchState(tx: TransactionSql, leadId: string) {
  return tx<{ version: string | null; live: { spaceId: string; foundBy: "lead" | "space" }[]; heldParks: string[] }[]>`
    select (select last_value::text from inventory_version) as version,
           coalesce((select json_agg(json_build_object('spaceId', space_id, 'foundBy', found_by))
                     from matches where lead_id = ${leadId} and withdrawn_at is null), '[]') as live,
           coalesce((select json_agg(park_id) from assignments where lead_id = ${leadId} and status in ${tx(ENDABLE_STEPS)}), '[]') as held_parks`;
}

/**
 * For each of `leadIds`: its live matches with their parks and scores, and the parks of its open assignments
 * (ENDABLE_STEPS), as reverse matching weighs a found space against them (placeAmongTop, docs/decisions/152).
 * Two statements for all. The leads are locked (`for update`, in id order, as lead.match locks its one): two
 * space.match jobs adding to one lead at once each saw room in its top and both added (8 live of 5).
 */
export async function liveStandings(
  tx: TransactionSql,
  leadIds: readonly string[],
): Promise<Map<string, { live: Standing[]; heldParks: Set<string> }>> {
  const out = new Map<string, { live: Standing[]; heldParks: Set<string> }>();
  if (leadIds.length === 0) return out;
  // The lock first, on its own: a statement that waited for a lock still reads from the snapshot it started with,
  // so the read must be the next statement to see what the job before it committed.
  await tx`select 1 from leads where id = any(${leadIds as string[]}::uuid[]) order by id for update`;
  const rows = await tx<{ leadId: string; live: Standing[]; heldParks: string[] }[]>`
    select l.id as lead_id,
           coalesce((select json_agg(json_build_object('spaceId', m.space_id, 'parkId', m.park_id, 'score', m.score))
                     from matches m where m.lead_id = l.id and m.withdrawn_at is null), '[]') as live,
           coalesce((select json_agg(a.park_id) from assignments a where a.lead_id = l.id and a.status in ${tx(ENDABLE_STEPS)}), '[]') as held_parks
    from unnest(${leadIds as string[]}::uuid[]) as l(id)`;
  for (const r of rows) out.set(r.leadId, { live: r.live, heldParks: new Set(r.heldParks) });
  return out;
}

/**
 * Records a lead's matching outcome: `assigned` when a live match remains and a recruiter has an offer
 * (routed before this, in the same transaction), `matched` when a live match remains, else `unmatched`; the inventory version it was computed against and the why-not `excluded` list. Only a
 * lead still open (not won or lost) changes. In the same statement (lead.match's last write, one
 * statement instead of four: docs/benchmarks.md, End to end, "Postgres work per lead"): the job's
 * outbox row `outboxId` is marked done. No `lead.index` row: the search document holds no status, and
 * a match changes nothing else of it (an edit of the need queues its own row; docs/decisions/209).
 */
export async function recordMatchOutcome(
  tx: TransactionSql,
  leadId: string,
  inventoryVersion: string | null,
  excluded: Exclusion[],
  outboxId: number,
): Promise<void> {
  // Routed in the same transaction (routeLead with `inMatch`): `assigned` is set here, so the
  // lead row gets one update per match, not two (each moves all of the leads indexes: docs/decisions/050).
  await tx`
    with outcome as (
      update leads set status = case when exists (select 1 from matches where lead_id = ${leadId} and withdrawn_at is null)
                                     then case when status = 'assigned'
                                                 or exists (select 1 from assignments where lead_id = ${leadId} and recruiter_id is not null)
                                               then 'assigned' else 'matched' end
                                     -- No live match, but a recruiter still holds an assignment (a space let under them,
                                     -- ADR 108): still theirs to work, not unmatched (docs/decisions/215).
                                     when exists (select 1 from assignments where lead_id = ${leadId} and recruiter_id is not null
                                                                             and status in ${tx(ENDABLE_STEPS)})
                                     then 'assigned'
                                     else 'unmatched' end,
                       matched_at = now(), matched_version = ${inventoryVersion}, excluded = ${tx.json(excluded as never)}, updated_at = now()
      where id = ${leadId} and status in ('received', 'indexed', 'matched', 'unmatched', 'assigned'))
    ${outboxDoneCte(tx, outboxId)}`;
}

/** Live matches on a space, of leads not won or lost (a change to the space may withdraw them). */
export async function liveMatchesOfSpace(tx: TransactionSql, spaceId: string): Promise<{ leadId: string; lead: Lead }[]> {
  return tx<{ leadId: string; lead: Lead }[]>`
    select m.lead_id, l.lead from matches m join leads l on l.id = m.lead_id
    where m.space_id = ${spaceId} and m.withdrawn_at is null and l.status not in ('won', 'lost', 'closed')`;
}

/**
 * Open leads (received in the last `days` days, not won or lost) that could pass hardCheck against this
 * space: narrowed in SQL by every hard constraint a lead's stored fields can be compared with cheaply
 * (reverseLeadBounds, app/domain/matching/hard.ts: kind, deal, area window, the *Min figures the space
 * states, single storey, district), through index leads_reverse_match (migration 042) — and, for a lead of
 * several units (need.unitCount, docs/decisions/130), each unit's area window, through leads_reverse_match_units
 * (migration 100). A pre-filter only
 * — never narrower than hardCheck (test/integration/reverse-prefilter.test.ts); the caller checks every
 * hard constraint in code. Only what matching reads of a lead (need without its notes, use, tax) is sent.
 * 'received' counts: a lead that arrived a moment ago may have been matched against an older inventory.
 */
export async function openLeadsForSpace(
  tx: TransactionSql | Sql,
  space: SpaceCandidate,
  days: number,
): Promise<{ id: string; lead: MatchNeed }[]> {
  const read = tx`jsonb_build_object('need', (lead -> 'need') - 'notes', 'use', lead -> 'use', 'tax', lead -> 'tax')`;
  // Two arms, each a range read of its own index: an OR of the two made Postgres read every open lead of the kind.
  return tx<{ id: string; lead: MatchNeed }[]>`
    select id, ${read} as lead from leads where ${openLeadsWhere(tx, space, days, "total")}
    union all
    select id, ${read} as lead from leads where ${openLeadsWhere(tx, space, days, "unit")}`;
}

/** How many leads openLeadsForSpace would return (the benchmark's baseline: the same SQL, no rows sent). */
export async function countOpenLeadsForSpace(sql: TransactionSql | Sql, space: SpaceCandidate, days: number): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`
    select (select count(*) from leads where ${openLeadsWhere(sql, space, days, "total")})::int
         + (select count(*) from leads where ${openLeadsWhere(sql, space, days, "unit")})::int as n`;
  return n;
}

/**
 * The open leads the space may fit: `total`, by the lead's own area bounds (index leads_reverse_match); `unit`,
 * the leads of several units (need.unitCount, docs/decisions/130) it fits as one of them only — each unit's
 * bounds, the total's over the count, and not the total's (index leads_reverse_match_units, migration 100).
 */
function openLeadsWhere(sql: TransactionSql | Sql, space: SpaceCandidate, days: number, arm: "total" | "unit") {
  const b = reverseLeadBounds(space);
  // A figure the lead did not give (or not as a number) asks nothing: 0 as a minimum, ∞ as a maximum.
  const need = (field: string, absent: "0" | "infinity") =>
    sql`case when jsonb_typeof(lead -> 'need' -> ${sql.unsafe(`'${field}'`)}) = 'number' then (lead -> 'need' -> ${sql.unsafe(`'${field}'`)})::float8 else ${sql.unsafe(`'${absent}'`)} end`;
  const specs = Object.entries(b.specMax).map(([field, max]) => sql`and ${need(field, "0")} <= ${max}`);
  // A lead of several units (docs/decisions/130) fits the space as one of them when each unit's bounds (the
  // total's over the count) do: the `unit` arm, served by index leads_reverse_match_units (migration 100).
  const count = sql.unsafe(
    `(case when jsonb_typeof(lead -> 'need' -> 'unitCount') = 'number' then greatest((lead -> 'need' -> 'unitCount')::float8, 1) else 1 end)`,
  );
  // An erased lead keeps its status for the statistics, but nobody may be told about it again.
  return sql`status in ('received', 'indexed', 'matched', 'unmatched', 'assigned')
      and anonymised_at is null
      and created_at > now() - make_interval(days => ${days})
      and lead -> 'need' ->> 'kind' = ${b.kind}
      ${
        arm === "total"
          ? sql`and ${need("areaMinSqm", "0")} <= ${b.areaMinAtMost} and ${need("areaMaxSqm", "infinity")} >= ${b.areaMaxAtLeast}`
          : sql`and jsonb_typeof(lead -> 'need' -> 'unitCount') = 'number'
                and ${need("areaMinSqm", "0")} / ${count} <= ${b.areaMinAtMost}
                and ${need("areaMaxSqm", "infinity")} / ${count} >= ${b.areaMaxAtLeast}
                and not (${need("areaMinSqm", "0")} <= ${b.areaMinAtMost} and ${need("areaMaxSqm", "infinity")} >= ${b.areaMaxAtLeast})`
      }
      and lead -> 'need' ->> 'deal' = any(${b.deals}::text[])
      ${specs.reduce((acc, f) => sql`${acc} ${f}`, sql``)}
      ${b.rejectsSingleStorey ? sql`and (lead -> 'need' -> 'singleStorey') is distinct from 'true'::jsonb` : sql``}
      and (jsonb_typeof(lead -> 'need' -> 'regionCodes') is distinct from 'array'
           or jsonb_array_length(lead -> 'need' -> 'regionCodes') = 0
           or (lead -> 'need' -> 'regionCodes') ?| ${b.districtCodes}::text[])`;
}

/**
 * The open leads (not won, lost or closed, not erased) whose stored why-not list (`leads.excluded`, the
 * near misses lead.match wrote: recordMatchOutcome) names space `spaceId`: space.match asks it for a space
 * that is no longer available — let, reserved, retired, its park retired, or gone — and matches them again
 * (docs/decisions/127). Leads in `except` (re-matched already by the caller) and leads with a lead.match
 * row still to do (it lists the space as it is then) are left out. Ids in id order. Through index
 * leads_near_miss_spaces (migration 098): about 6 µs a lead that names the space (each list is read to
 * check it), nothing for the others (test/integration/near-miss-lookup-plan.test.ts).
 * Run under the space's exclusive lock (space.match): lead.match holds the shared lock of every space it
 * lists while it writes the list, so a lead being matched right now has committed before this looks.
 */
export async function openLeadsNamingNearMiss(tx: TransactionSql, spaceId: string, except: readonly string[]): Promise<string[]> {
  // The queued row looked up lead by lead (outbox_aggregate) in a LATERAL … LIMIT 1: as an anti join, Postgres
  // hashed every unfinished outbox row — 20,000 of them while an import's space.match rows wait.
  const rows = await tx<{ id: string }[]>`
    select l.id from leads l
    left join lateral (select 1 as queued from outbox o
                        where o.aggregate_id = l.id::text and o.topic = 'lead.match' and o.done_at is null and o.dead_at is null
                        limit 1) q on true
    where l.status in ('received', 'indexed', 'matched', 'unmatched', 'assigned')
      and jsonb_path_query_array(l.excluded, '$[*].spaceId') @> jsonb_build_array(${spaceId}::text)
      and l.anonymised_at is null
      and l.id <> all(${except as string[]}::uuid[])
      and q.queued is null
    order by l.id`;
  return rows.map((r) => r.id);
}

/** An unmatched lead that a space's reverse match now fits becomes `matched`. */
export async function markLeadMatched(tx: TransactionSql, leadId: string): Promise<void> {
  await tx`update leads set status = 'matched', updated_at = now() where id = ${leadId} and status = 'unmatched'`;
}
