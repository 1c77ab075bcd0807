import type { Sql } from "~/db/db.server";
import type { CallerQuery } from "~/domain/caller-query";
import { maskPhone } from "~/domain/phone";
import { errorMessage, log } from "~/utils/log.server";

import { CALLER_LIMIT, type CallerFound, searchCallerIndex } from "../../search/callers.query";
import type { SearchClient } from "../../search/client";

// "Is this caller known?" as the agent types (issue 12 item 2): the leads index answers for partial
// numbers, credit codes and company names (Chinese and Traditional, folded); Postgres answers for an
// exact phone or credit code, so a lead saved a second ago — not indexed yet — is found too. What is
// shown comes from Postgres (status, recruiters; erased leads never), with the phone masked: the list
// is not a view of anybody's full number (that is the lead page, which is logged).

export type CallerLead = {
  leadId: string;
  reference: string;
  company: string;
  contactName: string;
  /** "+86 139****5678": enough to recognise, not a full number. */
  phoneMasked: string;
  status: string;
  createdAt: string;
  needKind: string | null;
  areaMinSqm: number | null;
  areaMaxSqm: number | null;
  recruiters: string[];
  /** Why it is listed, strongest first: the phone, the credit code, the company name. */
  matchedBy: ("phone" | "creditCode" | "company")[];
};

export type CallerSearchDeps = { sql: Sql; search: SearchClient; leadsIndex: string };

/** Postgres side: leads whose stored phone is exactly `phone` (E.164-like) or whose credit code is exactly `creditCode`. */
async function exactMatches(sql: Sql, phone: string | null, creditCode: string | null): Promise<CallerFound> {
  const found: CallerFound = new Map();
  if (!phone && (!creditCode || creditCode.length !== 18)) return found;
  const rows = await sql<{ id: string; byPhone: boolean }[]>`
    select id, phone = ${phone ?? ""} as by_phone from leads
    where anonymised_at is null
      and (phone = ${phone ?? ""} or credit_code = ${creditCode ?? ""})
    order by created_at desc limit ${CALLER_LIMIT}`;
  for (const r of rows) found.set(r.id, new Set([r.byPhone ? "phone" : "creditCode"]));
  return found;
}

/**
 * The caller's existing leads for what the agent typed so far: phone (any way of writing it, also
 * partial), credit code, company name. `exactPhone`: the typed phone normalised (normalizePhone), when
 * it is a whole number. At most CALLER_LIMIT, phone matches first, then newest.
 */
export async function findCallerLeads(deps: CallerSearchDeps, q: CallerQuery, exactPhone: string | null = null): Promise<CallerLead[]> {
  // Postgres alone still answers for an exact number or code when the index is down or not built yet.
  const [indexed, exact] = await Promise.all([
    searchCallerIndex(deps.search, deps.leadsIndex, q).catch((error: unknown) => {
      if (!exactPhone && q.creditCode?.length !== 18) throw error;
      log.warn("caller lookup: search index unavailable, exact matches only", {
        error: errorMessage(error),
        cause: errorMessage((error as Error).cause),
      });
      return new Map() as CallerFound;
    }),
    exactMatches(deps.sql, exactPhone, q.creditCode ?? null),
  ]);
  for (const [id, parts] of exact) for (const p of parts) (indexed.get(id) ?? indexed.set(id, new Set()).get(id)!).add(p);
  if (indexed.size === 0) return [];
  const rows = await deps.sql<
    {
      id: string;
      reference: string;
      companyName: string;
      contactName: string | null;
      phone: string;
      status: string;
      createdAt: Date;
      kind: string | null;
      areaMin: number | null;
      areaMax: number | null;
      recruiters: string[];
    }[]
  >`
    select l.id, l.reference, l.company_name, l.lead->'contact'->>'name' as contact_name, l.phone, l.status, l.created_at,
           l.lead->'need'->>'kind' as kind, (l.lead->'need'->>'areaMinSqm')::float8 as area_min, (l.lead->'need'->>'areaMaxSqm')::float8 as area_max,
           coalesce((select array_agg(distinct r.name) from assignments a join recruiters r on r.id = a.recruiter_id where a.lead_id = l.id), '{}') as recruiters
    from leads l
    where l.id in ${deps.sql([...indexed.keys()])} and l.anonymised_at is null`;
  const order = { phone: 0, creditCode: 1, company: 2 } as const;
  return rows
    .map((r) => ({
      leadId: r.id,
      reference: r.reference,
      company: r.companyName,
      contactName: r.contactName ?? "",
      phoneMasked: maskPhone(r.phone),
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      needKind: r.kind,
      areaMinSqm: r.areaMin,
      areaMaxSqm: r.areaMax,
      recruiters: r.recruiters,
      matchedBy: [...indexed.get(r.id)!].sort((a, b) => order[a] - order[b]),
    }))
    .sort((a, b) => order[a.matchedBy[0]] - order[b.matchedBy[0]] || b.createdAt.localeCompare(a.createdAt))
    .slice(0, CALLER_LIMIT);
}
