import type { Sql } from "~/db/db.server";
import { hasSearchableText, likeContains, likePrefix } from "~/db/like-pattern";
import { fold } from "~/domain/fold-text";
import { getWebEnv } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";

import { createSearchClient, type SearchClient } from "../../search/client";
import { LEADS_INDEX } from "../../search/leads.index";
import { LEAD_CHANNELS, LEAD_STATUSES } from "./lead-forms";

// The admin's lead list (/admin/leads, ADR 028): search words go to Meilisearch (company, product,
// reference, phone digits, Chinese text; Traditional input folded to Simplified first), everything
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

export type LeadList = { rows: LeadListRow[]; total: number; page: number; pages: number; searchDown: boolean };

/**
 * Ids of leads the words find: Meilisearch over the folded words, plus (in Postgres) references that
 * start with them and phones that contain their digits (a partial number, however it was typed).
 * `searchDown` when Meilisearch did not answer: then company and product are matched in Postgres.
 */
async function searchIds(sql: Sql, search: SearchClient | null, q: string): Promise<{ ids: string[]; searchDown: boolean }> {
  const folded = fold(q).trim();
  const digits = q.replace(/\D/g, "");
  const ids = new Set<string>();
  let searchDown = search === null;
  // Punctuation alone ("%", "_") is no query: Meilisearch would answer it with every lead.
  if (search && hasSearchableText(folded)) {
    try {
      const result = await search
        .index(LEADS_INDEX)
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
    where upper(reference) like ${likePrefix(folded.toUpperCase())}
       ${digits.length >= 4 ? sql`or phone like ${`%${digits}%`}` : sql``}
       ${searchDown ? sql`or company_name ilike ${like} or lead->'use'->>'product' ilike ${like}` : sql``}
    limit ${SEARCH_HIT_LIMIT}`;
  for (const r of rows) ids.add(r.id);
  return { ids: [...ids], searchDown };
}

/** The web process's Meilisearch client for the lead search (MEILI_URL, MEILI_MASTER_KEY). */
export function leadSearchClient(): SearchClient {
  const env = getWebEnv();
  return createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY);
}

/** The SQL condition the filters make (every filter but `page`), and whether the search fell back to Postgres. */
async function leadWhere(sql: Sql, search: SearchClient | null, f: LeadFilters) {
  const q = (f.q ?? "").trim();
  const found = q ? await searchIds(sql, search, q) : null;
  const conditions = [
    found ? sql`l.id = any(${found.ids}::uuid[])` : null,
    f.status ? sql`l.status = ${f.status}` : null,
    f.channel ? sql`l.source = ${f.channel}` : null,
    f.section ? sql`left(l.industry, 1) = ${f.section}` : null,
    f.from ? sql`l.created_at >= (${f.from}::date::timestamp at time zone 'Asia/Shanghai')` : null,
    f.to ? sql`l.created_at < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')` : null,
    f.unmatched ? sql`l.status = 'unmatched'` : null,
    // The park and breach filters as `id in (… union …)`, not `exists … or exists …`: Postgres cannot
    // turn an OR of EXISTS into a join, and read every lead to test it (test/integration/indexes.test.ts).
    f.park
      ? sql`l.id in (select m.lead_id from matches m where m.park_id = ${f.park} and m.withdrawn_at is null
                     union select a.lead_id from assignments a where a.park_id = ${f.park})`
      : null,
    f.breached
      ? sql`l.id in (select a.lead_id from assignments a where a.status = 'offered' and a.accept_by < now()
                     union select e.lead_id from routing_events e where e.event in ('sla-missed', 'escalated'))`
      : null,
  ].filter((c) => c !== null);
  const where = conditions.length ? conditions.reduce((acc, c) => sql`${acc} and ${c}`, sql`true`) : sql`true`;
  return { where, searchDown: found?.searchDown ?? false };
}

/** One page of leads, newest first, with the filters; `total` counts every lead they select. */
export async function listLeads(sql: Sql, search: SearchClient | null, f: LeadFilters): Promise<LeadList> {
  const { where, searchDown } = await leadWhere(sql, search, f);
  const page = Math.max(1, Math.floor(f.page ?? 1));
  const [[{ total }], rows] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from leads l where ${where}`,
    sql<
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
      select l.id, l.reference, l.company_name, l.lead->'use'->>'product' as product, l.status, l.source, l.created_at,
             coalesce((select array_agg(distinct p.name) from assignments a join parks p on p.id = a.park_id where a.lead_id = l.id), '{}') as parks,
             (select min(a.accept_by) from assignments a where a.lead_id = l.id and a.status = 'offered') as accept_by,
             (${breachedSql(sql)}) as breached
      from leads l where ${where}
      order by l.created_at desc, l.id
      limit ${LEAD_PAGE_SIZE} offset ${(page - 1) * LEAD_PAGE_SIZE}`,
  ]);
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
    page,
    pages: Math.max(1, Math.ceil(total / LEAD_PAGE_SIZE)),
    searchDown,
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
  /** The places as typed ("南京市高淳区"). */
  regions: string[];
  status: string;
  source: string;
  /** Park names the lead was assigned to, and the recruiters holding them. */
  parks: string[];
  recruiters: string[];
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
  const { where, searchDown } = await leadWhere(sql, search, f);
  const [[{ total }], rows] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from leads l where ${where}`,
    sql<
      (Pick<LeadExportRow, "reference" | "status" | "source" | "parks" | "recruiters" | "createdAt" | "acceptBy" | "breached"> & {
        companyName: string;
        product: string | null;
        industry: string | null;
        kind: string | null;
        areaMin: string | null;
        areaMax: string | null;
        regions: string[] | null;
      })[]
    >`
      select l.reference, l.company_name, l.lead->'use'->>'product' as product, l.industry,
             l.lead->'need'->>'kind' as kind, l.lead->'need'->>'areaMinSqm' as area_min, l.lead->'need'->>'areaMaxSqm' as area_max,
             (select array_agg(x) from jsonb_array_elements_text(case when jsonb_typeof(l.lead->'need'->'regions') = 'array'
                                                                      then l.lead->'need'->'regions' else '[]'::jsonb end) x) as regions,
             l.status, l.source, l.created_at,
             coalesce((select array_agg(distinct p.name) from assignments a join parks p on p.id = a.park_id where a.lead_id = l.id), '{}') as parks,
             coalesce((select array_agg(distinct r.name) from assignments a join recruiters r on r.id = a.recruiter_id
                       where a.lead_id = l.id and a.status in ('offered', 'accepted', 'contacted', 'visit', 'signed')), '{}') as recruiters,
             (select min(a.accept_by) from assignments a where a.lead_id = l.id and a.status = 'offered') as accept_by,
             (${breachedSql(sql)}) as breached
      from leads l where ${where}
      order by l.created_at desc, l.id
      limit ${limit}`,
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
      regions: r.regions ?? [],
      status: r.status,
      source: r.source,
      parks: r.parks,
      recruiters: r.recruiters,
      createdAt: r.createdAt,
      acceptBy: r.acceptBy,
      breached: r.breached,
    })),
    total,
    truncated: total > rows.length,
    searchDown,
  };
}

/**
 * A lead breached the acceptance SLA when one of its offers is past its deadline now, or the SLA job
 * once found an offer of it not accepted in time (its 'sla-missed' and 'escalated' audit lines).
 * The `breached` filter of listLeads says the same as a set of lead ids; keep the two together.
 */
function breachedSql(sql: Sql) {
  return sql`exists (select 1 from assignments a where a.lead_id = l.id and a.status = 'offered' and a.accept_by < now())
             or exists (select 1 from routing_events e where e.lead_id = l.id and e.event in ('sla-missed', 'escalated'))`;
}

/** The counts the overview links to: the unassigned queue and the unmatched leads. */
export async function leadQueueCounts(sql: Sql): Promise<{ unassigned: number; unmatched: number }> {
  const [row] = await sql<{ unassigned: number; unmatched: number }[]>`
    select (select count(*)::int from assignments where status = 'unassigned') as unassigned,
           (select count(*)::int from leads where status = 'unmatched') as unmatched`;
  return row;
}
