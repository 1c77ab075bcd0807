import type { Sql } from "~/db/db.server";
import { hasSearchableText, likeContains, likePrefix } from "~/db/like-pattern";
import { phonePrefixDigits } from "~/domain/caller-query";
import { toHalfWidth } from "~/domain/numbers";
import { referenceTyped } from "~/domain/reference-typed";
import { searchText } from "~/domain/search-text.server";
import { getWebEnv } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";

import { createSearchClient, type SearchClient } from "../../search/client";
import { PERSON_WAIT_MS } from "../../search/http-client";
import { webIndexNames } from "../../search/web-index-names";
import { LEAD_CHANNELS, LEAD_STATUSES } from "./lead-forms";

// The admin's lead list (/admin/leads, ADR 028): search words go to Meilisearch (company, product,
// reference, phone digits, Chinese text; the words in their search form, which finds text typed in
// either script: ADR 078), everything
// else is a Postgres filter on the truth, so a lead the index has not caught up with still shows and
// its status is never stale. Only what an admin list needs leaves here (no contact name, no phone).

export const LEAD_PAGE_SIZE = 25;
/** At most this many search hits are considered (a search that finds more is too broad to page through). */
export const SEARCH_HIT_LIMIT = 1000;

export type LeadFilters = {
  q?: string;
  status?: (typeof LEAD_STATUSES)[number];
  park?: string;
  /** GB/T 4754 section letter (A–T). */
  section?: string;
  channel?: (typeof LEAD_CHANNELS)[number];
  /** YYYY-MM-DD, China time, inclusive. */
  from?: string;
  to?: string;
  unmatched?: boolean;
  breached?: boolean;
  page?: number;
};

export type LeadListRow = {
  id: string;
  reference: string;
  company: string;
  product: string;
  status: string;
  source: string;
  parks: string[];
  createdAt: string;
  acceptBy: string | null;
  breached: boolean;
};

/** `total` is at most LEAD_COUNT_CAP; `totalCapped` when the filters select more than that. */
export type LeadList = { rows: LeadListRow[]; total: number; totalCapped: boolean; page: number; pages: number; searchDown: boolean };

/**
 * Ids of leads the words find: Meilisearch over the words' search form, plus (in Postgres) references that
 * start with them and phones that contain their digits (a partial number, however it was typed).
 * `searchDown` when Meilisearch did not answer: then company and product are matched in Postgres, on
 * their search copies (migration 062).
 */
async function searchIds(sql: Sql, search: SearchClient | null, q: string): Promise<{ ids: string[]; searchDown: boolean }> {
  const folded = searchText(q);
  // Digits as typed (a middle part of a mobile may begin with 0: "0123") and as the caller lookup reads
  // a number's start: the stored E.164 number holds no trunk 0, so "025-8456" is looked up as 258456.
  const digits = [...new Set([toHalfWidth(q).replace(/\D/g, ""), phonePrefixDigits(q)])].filter((d) => d.length >= 4);
  const ids = new Set<string>();
  let searchDown = search === null;
  // Punctuation alone ("%", "_") is no query: Meilisearch would answer it with every lead.
  if (search && hasSearchableText(folded)) {
    try {
      const result = await search
        .index(webIndexNames().leads)
        .search(folded, { limit: SEARCH_HIT_LIMIT, attributesToRetrieve: ["id"], locales: ["cmn"], matchingStrategy: "all" });
      for (const hit of result.hits) ids.add(String(hit.id));
    } catch (error) {
      searchDown = true;
      log.warn("lead search unavailable; listing from Postgres", { error: errorMessage(error) });
    }
  }
  const like = likeContains(folded);
  const rows = await sql<{ id: string }[]>`
    select id from leads
    where upper(reference) like ${likePrefix(referenceTyped(q) ?? folded.toUpperCase())}
       ${digits[0] ? sql`or phone like ${`%${digits[0]}%`}` : sql``}
       ${digits[1] ? sql`or phone like ${`%${digits[1]}%`}` : sql``}
       ${searchDown ? sql`or company_search like ${like} or product_search like ${like}` : sql``}
    limit ${SEARCH_HIT_LIMIT}`;
  for (const r of rows) ids.add(r.id);
  return { ids: [...ids], searchDown };
}

/** The web process's Meilisearch client for the lead search (MEILI_URL, MEILI_MASTER_KEY): a person waits, PERSON_WAIT_MS at most. */
export function leadSearchClient(): SearchClient {
  const env = getWebEnv();
  return createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY, { timeoutMs: PERSON_WAIT_MS });
}

/** At most this many leads are counted for the list: past it the page says "more than 10,000" (ADR 045). */
export const LEAD_COUNT_CAP = 10_000;
/** The deepest page the list serves (LEAD_COUNT_CAP / LEAD_PAGE_SIZE = 400); a deeper `page` is read as this one. */
export const LEAD_PAGE_CAP = Math.ceil(LEAD_COUNT_CAP / LEAD_PAGE_SIZE);

/**
 * The leads the filters select (every filter but `page`) as SQL: `from` and `where` of a read whose
 * rows are keyed by `id` (the lead's id) and `at` (its created_at), and whether the search fell back
 * to Postgres. The read starts from the table that holds the filter in arrival order (ADR 045), so
 * "newest first" is an index range read whatever the filter: lead_parks for a park, lead_sla for
 * "SLA breached" (one row per lead by GROUP BY in index order), leads otherwise (and for search
 * words, whose ids are few); the other filters test each row. A park with "SLA breached" reads the
 * park's pairs that carry a deadline (lead_parks.sla_due_at, migration 048, ADR 051), not lead_sla.
 */
async function leadSelection(sql: Sql, search: SearchClient | null, f: LeadFilters) {
  const q = (f.q ?? "").trim();
  // An offer's lead_sla row is written when its deadline comes (migration 074, ADR 100): the rows of
  // the offers whose deadline passed since the last pass, before "breached" reads them.
  if (f.breached) await catchUpOfferDeadlines(sql);
  const found = q ? await searchIds(sql, search, q) : null;
  // (Search words need no condition here: with them `l` is the found leads themselves, below.)
  // What leads the read: the found ids (at most SEARCH_HIT_LIMIT and a few), else lead_parks for a park
  // (kept by migration 045's triggers: a live match in the park or an assignment in it), else lead_sla
  // for SLA breached (breachedSql below says the same per lead), else leads. `l` is joined only when a
  // condition is about the lead itself. lead_sla rows carry their lead's channel (migration 054, ADR 059):
  // "breached" with a channel reads that channel's range of lead_sla and joins no leads for it.
  const by = found ? "leads" : f.park ? "park" : f.breached ? "breached" : "leads";
  const slaChannel = by === "breached" && f.channel ? sql`and s.channel = ${f.channel}` : sql``;
  const aboutLead = [
    f.status ? sql`l.status = ${f.status}` : null,
    f.channel && by !== "breached" ? sql`l.source = ${f.channel}` : null,
    f.section ? sql`left(l.industry, 1) = ${f.section}` : null,
    f.unmatched ? sql`l.status = 'unmatched'` : null,
  ].filter((c) => c !== null);
  const joinLeads = aboutLead.length > 0 ? sql`join leads l on l.id = k.lead_id` : sql``;
  const key =
    by === "park"
      ? { from: sql`lead_parks k ${joinLeads}`, id: sql`k.lead_id`, at: sql`k.created_at` }
      : by === "breached"
        ? {
            from: sql`(select s.lead_id, s.created_at from lead_sla s where s.due_at < now() ${slaChannel}
                       group by s.created_at, s.lead_id order by s.created_at desc, s.lead_id desc) k ${joinLeads}`,
            id: sql`k.lead_id`,
            at: sql`k.created_at`,
          }
        : found
          ? // The found leads by primary key, then sorted (≤ SEARCH_HIT_LIMIT and a few rows): left to
            // itself the planner walks leads_created backward testing each entry against the ids, which
            // for hits a year old read 958,361 index entries (674 ms at 1,000,000 leads). A materialized
            // CTE has no order to offer, so the page sorts these rows. Its columns: what the filters test.
            {
              from: sql`(with f as materialized (select id, created_at, status, source, industry from leads where id = any(${found.ids}::uuid[]))
                         select * from f) l`,
              id: sql`l.id`,
              at: sql`l.created_at`,
            }
          : { from: sql`leads l`, id: sql`l.id`, at: sql`l.created_at` };
  // The arrival range (China days, inclusive) on a created_at column.
  const range = (at: typeof key.at) => [
    f.from ? sql`${at} >= (${f.from}::date::timestamp at time zone 'Asia/Shanghai')` : null,
    f.to ? sql`${at} < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')` : null,
  ];
  const conditions = [
    ...aboutLead,
    f.park
      ? by === "park"
        ? sql`k.park_id = ${f.park}`
        : sql`exists (select 1 from lead_parks p where p.lead_id = ${key.id} and p.park_id = ${f.park})`
      : null,
    // With a park, the pair's own earliest deadline (migration 048): the park's range of lead_parks_park_sla.
    f.breached && by === "park" ? sql`k.sla_due_at < now()` : null,
    f.breached && by === "leads" ? sql`exists (select 1 from lead_sla s where s.lead_id = ${key.id} and s.due_at < now())` : null,
    ...range(key.at),
  ].filter((c) => c !== null);
  const and = (cs: typeof conditions) => cs.reduce((acc, c) => sql`${acc} and ${c}`, sql`true`);
  // For the total, the range on the joined leads too (the same value): the planner may then join a
  // status's range of leads_status_created_id to the park's range by hash, both from the index alone,
  // instead of a heap probe of leads per park row. (The page keeps the ordered read that stops at 25.)
  const leadRange = by !== "leads" && aboutLead.length > 0 ? range(sql`l.created_at`).filter((c) => c !== null) : [];
  return { ...key, where: and(conditions), countWhere: and([...conditions, ...leadRange]), searchDown: found?.searchDown ?? false };
}

type Selection = Awaited<ReturnType<typeof leadSelection>>;

/** The selected leads' ids, newest first (created_at, then id, both descending: the indexes' order). */
function selectedIds(sql: Sql, s: Selection, limit: number, offset = 0) {
  return sql`select ${s.id} as id, ${s.at} as created_at from ${s.from} where ${s.where}
             order by ${s.at} desc, ${s.id} desc limit ${limit} offset ${offset}`;
}

/** How many leads are selected, counting at most `cap + 1` (more than `cap` means "more than cap"). */
async function countSelected(sql: Sql, s: Selection, cap: number): Promise<number> {
  const [{ total }] = await sql<{ total: number }[]>`
    select count(*)::int as total from (select 1 from ${s.from} where ${s.countWhere} ${Number.isFinite(cap) ? sql`limit ${cap + 1}` : sql``}) c`;
  return total;
}

/**
 * The selected leads read once, unordered, at most `cap + 1` of them: how many (more than `cap` means
 * "more than cap"), and — when there are at most `cap` — the page's ids in list order, sorted from that
 * set. Why the page comes from the set: filters that select few leads out of many (two filters together,
 * or none found) made the ordered read walk the arrival-order index past nearly every lead looking for 25
 * (status "won" + section F, which finds nothing: 1,000,000 index entries, 811 ms at 1,000,000 leads),
 * while the set, read through the filters' own keys, is at most `cap` rows. `page` is null when the
 * selection is larger than `cap`: its rows are dense enough for the ordered read (selectedIds).
 */
async function selectedSet(sql: Sql, s: Selection, cap: number, limit: number, offset: number) {
  const [row] = await sql<{ total: number; ids: string[]; ats: string[] }[]>`
    with s as materialized (select ${s.id} as id, ${s.at} as created_at from ${s.from} where ${s.countWhere} limit ${cap + 1}),
         p as (select id, created_at from s order by created_at desc, id desc limit ${limit} offset ${offset})
    select (select count(*)::int from s) as total,
           coalesce((select array_agg(id order by created_at desc, id desc) from p), '{}') as ids,
           -- as text: the exact instants (microseconds) back into the page's statement, not the driver's Dates (ms)
           coalesce((select array_agg(created_at::text order by created_at desc, id desc) from p), '{}') as ats`;
  return { total: row.total, page: row.total > cap ? null : { ids: row.ids, ats: row.ats } };
}

/**
 * One page of leads, newest first (created_at, then id, descending), with the filters. `total` counts
 * the leads they select up to LEAD_COUNT_CAP; `totalCapped` when there are more (the page then says
 * "more than 10,000" and asks to narrow the filters; ADR 045). `page` is 1..`pages` (a deeper one is
 * read as the last page there is); `pages` is at most LEAD_PAGE_CAP.
 */
export async function listLeads(sql: Sql, search: SearchClient | null, f: LeadFilters): Promise<LeadList> {
  const selection = await leadSelection(sql, search, f);
  let page = Math.min(LEAD_PAGE_CAP, Math.max(1, Math.floor(f.page ?? 1)));
  let set = await selectedSet(sql, selection, LEAD_COUNT_CAP, LEAD_PAGE_SIZE, (page - 1) * LEAD_PAGE_SIZE);
  const last = Math.min(LEAD_PAGE_CAP, Math.max(1, Math.ceil(Math.min(set.total, LEAD_COUNT_CAP) / LEAD_PAGE_SIZE)));
  if (page > last) {
    // Past the end (an old link, leads closed or filtered away meanwhile, a page typed into the
    // address): the last page there is, not an empty one under a pager that leads nowhere.
    page = last;
    set = await selectedSet(sql, selection, LEAD_COUNT_CAP, LEAD_PAGE_SIZE, (page - 1) * LEAD_PAGE_SIZE);
  }
  const offset = (page - 1) * LEAD_PAGE_SIZE;
  const counted = set.total;
  const pageIds = set.page
    ? sql`select * from unnest(${set.page.ids}::uuid[], ${set.page.ats}::timestamptz[]) as p (id, created_at)`
    : selectedIds(sql, selection, LEAD_PAGE_SIZE, offset);
  const rows = await sql<
    {
      id: string;
      reference: string;
      companyName: string;
      product: string | null;
      status: string;
      source: string;
      parks: string[];
      createdAt: Date;
      acceptBy: Date | null;
      breached: boolean;
    }[]
  >`
      with page as materialized (${pageIds})
      select l.id, l.reference, l.company_name, l.lead->'use'->>'product' as product, l.status, l.source, l.created_at,
             coalesce((select array_agg(distinct p.name) from assignments a join parks p on p.id = a.park_id where a.lead_id = l.id), '{}') as parks,
             (select min(a.accept_by) from assignments a where a.lead_id = l.id and a.status = 'offered') as accept_by,
             (${breachedSql(sql)}) as breached
      from page join leads l on l.id = page.id
      order by page.created_at desc, page.id desc`;
  const total = Math.min(counted, LEAD_COUNT_CAP);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      company: r.companyName,
      product: r.product ?? "",
      status: r.status,
      source: r.source,
      parks: r.parks,
      createdAt: r.createdAt.toISOString(),
      acceptBy: r.acceptBy?.toISOString() ?? null,
      breached: r.breached,
    })),
    total,
    totalCapped: counted > LEAD_COUNT_CAP,
    page,
    pages: Math.min(LEAD_PAGE_CAP, Math.max(1, Math.ceil(total / LEAD_PAGE_SIZE))),
    searchDown: selection.searchDown,
  };
}

/** At most this many leads go into one export (a wider filter is cut, and the file says so). */
export const LEAD_EXPORT_LIMIT = 20_000;

export type LeadExportRow = {
  reference: string;
  company: string;
  product: string;
  /** GB/T 4754 code, e.g. "C3670". */
  industry: string;
  /** factory | land | office | warehouse */
  kind: string;
  /** m², as the lead resolved them; null when not given. */
  areaMinSqm: number | null;
  areaMaxSqm: number | null;
  /** How many buildings or units the area is the total of (need.unitCount, docs/decisions/130); null: one. */
  unitCount: number | null;
  /** The places as typed ("高淳"), and the GB/T 2260 codes they resolved to (the export says their standard names, ADR 143). */
  regions: string[];
  regionCodes: string[] | null;
  status: string;
  /** Why a closed lead was closed (spam | duplicate), and for a duplicate the reference of the lead it repeats. */
  closedAs: string | null;
  duplicateOf: string | null;
  source: string;
  /** The lead's assignments, one a park, by park name: the park, who holds it (null: nobody), its status. */
  assignments: { park: string; recruiter: string | null; status: string }[];
  createdAt: Date;
  /** Earliest deadline of a live offer, if any. */
  acceptBy: Date | null;
  breached: boolean;
};

/**
 * Every lead the filters select (the list's own conditions; `page` ignored), newest first, at most
 * `limit` (LEAD_EXPORT_LIMIT). Like the list, no contact name or phone leaves here: the export is a
 * work list, not a personal-data extract (that is /admin/privacy, ADR 022). `truncated` when more matched.
 */
export async function exportLeads(
  sql: Sql,
  search: SearchClient | null,
  f: LeadFilters,
  limit = LEAD_EXPORT_LIMIT,
): Promise<{ rows: LeadExportRow[]; total: number; truncated: boolean; searchDown: boolean }> {
  const selection = await leadSelection(sql, search, f);
  const [total, rows] = await Promise.all([
    countSelected(sql, selection, Infinity),
    sql<
      (Pick<
        LeadExportRow,
        "reference" | "status" | "closedAs" | "duplicateOf" | "source" | "assignments" | "createdAt" | "acceptBy" | "breached"
      > & {
        companyName: string;
        product: string | null;
        industry: string | null;
        kind: string | null;
        areaMin: string | null;
        areaMax: string | null;
        unitCount: string | null;
        regions: string[] | null;
        regionCodes: string[] | null;
      })[]
    >`
      select l.reference, l.company_name, l.lead->'use'->>'product' as product, l.industry,
             l.lead->'need'->>'kind' as kind, l.lead->'need'->>'areaMinSqm' as area_min, l.lead->'need'->>'areaMaxSqm' as area_max,
             case when jsonb_typeof(l.lead->'need'->'unitCount') = 'number' then l.lead->'need'->>'unitCount' end as unit_count,
             (select array_agg(x) from jsonb_array_elements_text(case when jsonb_typeof(l.lead->'need'->'regions') = 'array'
                                                                      then l.lead->'need'->'regions' else '[]'::jsonb end) x) as regions,
             case when jsonb_typeof(l.lead->'need'->'regionCodes') = 'array'
                  then array(select jsonb_array_elements_text(l.lead->'need'->'regionCodes')) end as region_codes,
             l.status, l.closed_as, (select d.reference from leads d where d.id = l.duplicate_of) as duplicate_of, l.source, l.created_at,
             -- One entry an assignment, park and holder together: the parks and recruiters columns line up (ADR 143).
             coalesce((select json_agg(json_build_object('park', p.name, 'recruiter', r.name, 'status', a.status) order by p.name, a.park_id)
                       from assignments a join parks p on p.id = a.park_id left join recruiters r on r.id = a.recruiter_id
                       where a.lead_id = l.id), '[]'::json) as assignments,
             (select min(a.accept_by) from assignments a where a.lead_id = l.id and a.status = 'offered') as accept_by,
             (${breachedSql(sql)}) as breached
      from (${selectedIds(sql, selection, limit)}) page join leads l on l.id = page.id
      order by page.created_at desc, page.id desc`,
  ]);
  const num = (v: string | null) => (v === null || v === "" || !Number.isFinite(Number(v)) ? null : Number(v));
  return {
    rows: rows.map((r) => ({
      reference: r.reference,
      company: r.companyName,
      product: r.product ?? "",
      industry: r.industry ?? "",
      kind: r.kind ?? "",
      areaMinSqm: num(r.areaMin),
      areaMaxSqm: num(r.areaMax),
      unitCount: num(r.unitCount),
      regions: r.regions ?? [],
      regionCodes: r.regionCodes,
      status: r.status,
      closedAs: r.closedAs,
      duplicateOf: r.duplicateOf,
      source: r.source,
      assignments: r.assignments,
      createdAt: r.createdAt,
      acceptBy: r.acceptBy,
      breached: r.breached,
    })),
    total,
    truncated: total > rows.length,
    searchDown: selection.searchDown,
  };
}

/**
 * A lead breached the acceptance SLA when one of its offers is past its deadline now, or the SLA job
 * once found an offer of it not accepted in time (its 'sla-missed' and 'escalated' audit lines).
 * The `breached` filter of listLeads reads the same from lead_sla (migration 045: a row per offer with
 * its deadline — written once the deadline comes, catchUpOfferDeadlines, migration 074 — and one while
 * the lead has such audit lines); keep the two together.
 */
function breachedSql(sql: Sql) {
  return sql`exists (select 1 from assignments a where a.lead_id = l.id and a.status = 'offered' and a.accept_by < now())
             or exists (select 1 from routing_events e where e.lead_id = l.id and e.event in ('sla-missed', 'escalated'))`;
}

/**
 * Writes the lead_sla row (and so the lead's pairs' sla_due_at) of every open offer whose deadline has
 * come, due within the next minute, that has none yet: the offer triggers write it only for an offer
 * already due (migration 074, docs/decisions/100). Run before "breached" is read, and by the worker's
 * dashboard pass. Returns the rows written.
 */
export async function catchUpOfferDeadlines(sql: Sql): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`select lead_sla_catch_up() as n`;
  return n;
}

/** The counts the overview links to: the unassigned queue and the unmatched leads. */
export async function leadQueueCounts(sql: Sql): Promise<{ unassigned: number; unmatched: number }> {
  const [row] = await sql<{ unassigned: number; unmatched: number }[]>`
    select (select count(*)::int from assignments where status = 'unassigned') as unassigned,
           (select count(*)::int from leads where status = 'unmatched') as unmatched`;
  return row;
}
