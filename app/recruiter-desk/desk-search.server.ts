import { needAreaText } from "~/assignments/assignment-details.server";
import { NEED_CHANGED } from "~/assignments/unfit-assignments.server";
import type { Sql } from "~/db/db.server";
import { likeContains, likePrefix } from "~/db/like-pattern";
import type { Lead } from "~/domain/lead-schema";
import { referenceTyped } from "~/domain/reference-typed";
import { searchTerms } from "~/domain/search-variants.server";
import type { Lng } from "~/i18n/lng";
import { PARK_RETIRED } from "~/inventory/retired-park-offers.server";

import type { AdminClosing } from "./admin-closing";
import { OPEN_STATUSES } from "./desk-forms";

// The recruiter's desk at /queue: their open assignments (follow-ups due and offers waiting first), or
// the history of what left their hands (signed, lost, declined, re-routed away), searched and filtered,
// a page at a time (issue 12 item 5, docs/decisions/030). Postgres, not the search index: a
// recruiter's own leads are a few thousand rows at most, behind an index on recruiter_id, and the
// answer must be exact right after a step (the index lags by design).

export const PAGE_SIZE = 20;

export type DeskView = "open" | "history";
export type DeskFilters = {
  view: DeskView;
  /** Free text: company, product, reference, in either script; or phone digits (see search-variants.server.ts). */
  q?: string;
  /** An open status in the open view, an outcome in the history view. */
  status?: string;
  parkId?: string;
  kind?: string;
  /** Only assignments whose follow-up date is today or past (Asia/Shanghai). */
  followUpDue?: boolean;
  /** 1-based. */
  page?: number;
};

export type DeskRow = {
  assignmentId: string;
  reference: string;
  company: string;
  product: string;
  need: { kind: string; deal: string; area: string };
  parkName: string;
  /** Open view: the assignment's status; history view: the outcome (signed, lost, declined, rerouted). */
  status: string;
  /** The lead was closed by an admin (spam, a duplicate of `duplicateOf`): shown instead of "lost" (ADR 107). */
  closedByAdmin: AdminClosing | null;
  acceptBy: string | null;
  /** YYYY-MM-DD, or null. */
  followUpOn: string | null;
  followUpDue: boolean;
  visitOn: string | null;
  spaces: number;
  /** Likely repeats attached to the lead (ADR 108): the same enterprise sent the same need again. */
  repeats: number;
  since: string;
};

export type DeskPage = { rows: DeskRow[]; total: number; page: number; pages: number };

type Row = {
  id: string;
  reference: string;
  lead: Lead;
  parkName: string;
  outcome: string;
  closedAs: "spam" | "duplicate" | null;
  duplicateRef: string | null;
  acceptBy: Date | null;
  followUpOn: string | null;
  followUpDue: boolean;
  visitOn: string | null;
  spaces: number;
  repeats: number;
  at: Date;
  total: number;
};

const likePattern = likeContains;

/**
 * One page of the recruiter's desk. Open view order: follow-ups due first (oldest date first), then
 * offers waiting for an answer (earliest deadline first), then the most recently changed. History:
 * the most recently closed first. Unknown filter values match nothing rather than everything.
 */
export async function loadDesk(sql: Sql, recruiterId: string, filters: DeskFilters, lng: Lng): Promise<DeskPage> {
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const terms = searchTerms(filters.q ?? "");
  const pattern = likePattern(terms.text);
  const digits = terms.digits ? likePattern(terms.digits) : null;
  // A reference typed without its dashes ("pm202612060008", read out on the phone): PM-20261206-0008.
  const reference = referenceTyped(filters.q ?? "");
  const today = sql`(now() at time zone 'Asia/Shanghai')::date`;
  // The search copies are in the query's form (lower case included): `like`, not `ilike`.
  const search =
    terms.text === ""
      ? sql``
      : sql`and (l.company_search like ${pattern} or l.product_search like ${pattern} or l.reference ilike ${pattern}
                 ${reference ? sql`or l.reference like ${likePrefix(reference)}` : sql``}
                 ${digits ? sql`or regexp_replace(regexp_replace(l.phone, '^\\+86', '0'), '\\D', '', 'g') like ${digits}` : sql``})`;
  const park = filters.parkId ? sql`and a.park_id = ${filters.parkId}` : sql``;
  const kind = filters.kind ? sql`and l.lead->'need'->>'kind' = ${filters.kind}` : sql``;
  const due = filters.followUpDue ? sql`and a.follow_up_on <= ${today}` : sql``;
  const status = filters.status ? sql`and outcome = ${filters.status}` : sql``;

  const base =
    filters.view === "open"
      ? sql`select a.*, a.status as outcome, a.updated_at as at from assignments a
            where a.recruiter_id = ${recruiterId} and a.status in ${sql(OPEN_STATUSES)}`
      : // Two disjoint sets, each through its own index (one query with "mine or routed away from me"
        // read every assignment: test/integration/indexes.test.ts): what I closed, and what left my hands.
        // An assignment a need edit ended (ADR 108) is `withdrawn` here, not "lost": the recruiter lost nothing.
        // An offer its park's retirement ended (ADR 157) is `parkRetired`, said with the reason (ADR 163).
        sql`select a.*, case when a.close_reason = ${NEED_CHANGED} then 'withdrawn'
                             when a.close_reason = ${PARK_RETIRED} then 'parkRetired' else a.status end as outcome,
                   coalesce(a.closed_at, a.updated_at) as at
            from assignments a
            where a.recruiter_id = ${recruiterId} and a.status in ('signed', 'lost')
            union all
            select a.*,
                   case when exists (select 1 from routing_events d where d.assignment_id = a.id and d.recruiter_id = ${recruiterId} and d.event = 'declined')
                        then 'declined'
                        when exists (select 1 from routing_events d where d.assignment_id = a.id and d.recruiter_id = ${recruiterId} and d.event = 'withdrawn')
                        then 'withdrawn' else 'rerouted' end as outcome,
                   (select max(e.at) from routing_events e where e.assignment_id = a.id and e.recruiter_id = ${recruiterId}) as at
            from assignments a
            where a.recruiter_id is distinct from ${recruiterId} and a.id in (
                    select e.assignment_id from routing_events e
                    where e.recruiter_id = ${recruiterId} and e.event in ('assigned', 'rerouted', 'declined') and e.assignment_id is not null)`;
  const order =
    filters.view === "open"
      ? // Follow-ups due today or earlier, then offers waiting for acceptance (their deadline first), then the
        // follow-ups to come by date (trial 36: one four days away sat above the offers), then the rest.
        sql`order by (a.follow_up_on <= ${today}) is true desc, (a.outcome = 'offered') desc, a.follow_up_on nulls last, a.accept_by nulls last, a.at desc, a.id`
      : sql`order by a.at desc, a.id`;

  const rows = await sql<Row[]>`
    with a as (${base})
    select a.id, l.reference, l.lead, p.name as park_name, a.outcome, a.accept_by,
           case when l.status = 'closed' then l.closed_as end as closed_as,
           (select d.reference from leads d where d.id = l.duplicate_of and l.status = 'closed') as duplicate_ref,
           to_char(a.follow_up_on, 'YYYY-MM-DD') as follow_up_on, coalesce(a.follow_up_on <= ${today}, false) as follow_up_due,
           to_char(a.visit_on, 'YYYY-MM-DD') as visit_on, a.at,
           (select count(*)::int from matches m where m.lead_id = a.lead_id and m.park_id = a.park_id and m.withdrawn_at is null) as spaces,
           (select count(*)::int from leads r where r.duplicate_of = a.lead_id and r.closed_as = 'duplicate') as repeats,
           count(*) over ()::int as total
    from a join leads l on l.id = a.lead_id join parks p on p.id = a.park_id
    where true ${search} ${park} ${kind} ${due} ${status}
    ${order}
    limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`;
  if (rows.length === 0 && page > 1) {
    // Past the end (the last page's leads were closed meanwhile, an old link): the last page there is.
    const first = await loadDesk(sql, recruiterId, { ...filters, page: 1 }, lng);
    return first.pages > 1 ? loadDesk(sql, recruiterId, { ...filters, page: first.pages }, lng) : first;
  }
  const total = rows[0]?.total ?? 0;
  return {
    rows: rows.map((r) => ({
      assignmentId: r.id,
      reference: r.reference,
      company: r.lead.company.name,
      product: r.lead.use.product ?? "",
      need: { kind: r.lead.need.kind, deal: r.lead.need.deal, area: needAreaText(r.lead, lng) },
      parkName: r.parkName,
      status: r.outcome,
      closedByAdmin: r.closedAs ? { as: r.closedAs, duplicateOf: r.duplicateRef } : null,
      acceptBy: r.acceptBy?.toISOString() ?? null,
      followUpOn: r.followUpOn,
      followUpDue: r.followUpDue,
      visitOn: r.visitOn,
      spaces: r.spaces,
      repeats: r.repeats,
      since: r.at.toISOString(),
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** The parks a recruiter works for, for the park filter: `[{id, name}]` by name. */
export async function recruiterParks(sql: Sql, recruiterId: string): Promise<{ id: string; name: string }[]> {
  return sql<{ id: string; name: string }[]>`
    select p.id, p.name from parks p where p.id = any((select parks from recruiters where id = ${recruiterId})::text[]) order by p.name, p.id`;
}
