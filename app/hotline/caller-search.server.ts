import type { Sql } from "~/db/db.server";
import type { CallerQuery } from "~/domain/caller-query";
import { maskPhone } from "~/domain/phone";
import { errorMessage, log } from "~/utils/log.server";

import { CALLER_LIMIT, type CallerFound, type CallerIndexAnswer, type CallerPart, searchCallers } from "../../search/callers.query";
import type { SearchClient } from "../../search/client";

// "Is this caller known?" as the agent types (issue 12 item 2): the leads index answers for partial
// numbers, credit codes and company names (Chinese and Traditional, folded); Postgres answers for an
// exact phone or credit code, so a lead saved a second ago — not indexed yet — is found too. What is
// shown comes from Postgres (status, recruiters; erased leads never), with the phone masked: the list
// is not a view of anybody's full number (that is the lead page, which is logged).

/** Lead statuses no longer worked: listed after the worked ones of as strong a match. */
const ENDED = ["won", "lost", "closed"];

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
  /** The unit the area was given in (need.areaUnit: "sqm" | "mu"; docs/decisions/180). */
  areaUnit?: string | null;
  areaMinSqm: number | null;
  areaMaxSqm: number | null;
  recruiters: string[];
  /**
   * The lead this one was attached to as its repeat, or closed as a duplicate of (ADR 028, 108): the desk
   * opens that lead for it (docs/decisions/116). Null otherwise.
   */
  duplicateOf: { leadId: string; reference: string } | null;
  /**
   * Why it is listed, strongest first: the whole number (`phone`), the credit code, the number's start or
   * its marked end, the company name, the contact.
   */
  matchedBy: CallerPart[];
};

/** The leads shown, and how many more match than are shown (0 when all are). */
/** `partial`: the index could not be searched, so only the whole number and credit code were checked (Postgres). */
export type CallerLeads = { leads: CallerLead[]; more: number; partial?: true };

export type CallerSearchDeps = { sql: Sql; search: SearchClient; leadsIndex: string };

/**
 * Postgres side: leads whose stored phone has `phone`'s main number (E.164-like; the extension typed or
 * stored does not tell them apart, ADR 107) or whose credit code is exactly `creditCode`.
 */
async function exactMatches(sql: Sql, phone: string | null, creditCode: string | null): Promise<CallerFound> {
  const found: CallerFound = new Map();
  if (!phone && (!creditCode || creditCode.length !== 18)) return found;
  const rows = await sql<{ id: string; byPhone: boolean }[]>`
    select id, split_part(phone, ';', 1) = split_part(${phone ?? ""}, ';', 1) as by_phone from leads
    where anonymised_at is null
      and (split_part(phone, ';', 1) = split_part(${phone ?? ""}, ';', 1) or credit_code = ${creditCode ?? ""})
    order by created_at desc limit ${CALLER_LIMIT}`;
  for (const r of rows) found.set(r.id, new Set([r.byPhone ? "phone" : "creditCode"]));
  return found;
}

/**
 * The caller's existing leads for what the agent typed so far: phone (any way of writing it, also
 * partial or its marked end), credit code, company name, contact. Every part typed must match (the
 * index's one search, searchCallers); a lead whose whole number is `exactPhone` (the typed phone
 * normalised, normalizePhone, when it is a whole number) or whose credit code is the whole code typed is
 * listed too, whatever else was typed: the same number is the strongest sign of the caller. When no lead
 * has every part, the leads of the company typed are (matched by the company alone: a partial match). At most
 * CALLER_LIMIT: the same whole number first, then — as strong a match — a lead still worked before one won, lost or
 * closed (a closed duplicate lists after the lead it joined: Alt+1 is the lead being worked, docs/decisions/116),
 * then the newest; `more` says how many matching leads are not shown;
 * `partial` that the index was down and only the whole number / credit code were looked up.
 */
export async function findCallers(deps: CallerSearchDeps, q: CallerQuery, exactPhone: string | null = null): Promise<CallerLeads> {
  // Postgres alone still answers for an exact number or code when the index is down or not built yet —
  // and says it did (`partial`): the company, contact and number's start were not searched, so "no
  // lead" would be a guess (an attack, 2026-12-04: a known company from a new number read "新来电").
  let partial = false;
  const [index, exact] = await Promise.all([
    searchCallers(deps.search, deps.leadsIndex, q).catch((error: unknown): CallerIndexAnswer => {
      if (!exactPhone && q.creditCode?.length !== 18) throw error;
      partial = true;
      log.warn("caller lookup: search index unavailable, exact matches only", {
        error: errorMessage(error),
        cause: errorMessage((error as Error).cause),
      });
      return { found: new Map(), total: 0 };
    }),
    exactMatches(deps.sql, exactPhone, q.creditCode ?? null),
  ]);
  let indexed = index.found;
  // Nothing has every part typed, but the company typed beside a number or contact has leads: a known
  // company calling from a new number (or another person of it) — shown as a partial match to check,
  // never as "new caller" (a trial, 2026-12-04: 蘇州恆達 found alone, lost once its new number was typed).
  if (indexed.size === 0 && exact.size === 0 && q.company && (q.phoneDigits || q.phoneTail || q.creditCode || q.contact)) {
    const byCompany = await searchCallers(deps.search, deps.leadsIndex, { company: q.company }).catch(() => {
      partial = true;
      return null;
    });
    if (byCompany) {
      indexed = byCompany.found;
      index.total = byCompany.total;
    }
  }
  let exactOnly = 0;
  for (const [id, parts] of exact) {
    if (!indexed.has(id)) exactOnly++;
    for (const p of parts) (indexed.get(id) ?? indexed.set(id, new Set()).get(id)!).add(p);
  }
  const said = partial ? { partial: true as const } : {};
  if (indexed.size === 0) return { leads: [], more: 0, ...said };
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
      areaUnit: string | null;
      areaMin: number | null;
      areaMax: number | null;
      recruiters: string[];
      duplicateOf: string | null;
      duplicateOfReference: string | null;
    }[]
  >`
    select l.id, l.reference, l.company_name, l.lead->'contact'->>'name' as contact_name, l.phone, l.status, l.created_at,
           l.lead->'need'->>'kind' as kind, l.lead->'need'->>'areaUnit' as area_unit, (l.lead->'need'->>'areaMinSqm')::float8 as area_min, (l.lead->'need'->>'areaMaxSqm')::float8 as area_max,
           coalesce((select array_agg(distinct r.name) from assignments a join recruiters r on r.id = a.recruiter_id where a.lead_id = l.id), '{}') as recruiters,
           l.duplicate_of, d.reference as duplicate_of_reference
    from leads l left join leads d on d.id = l.duplicate_of and l.status = 'closed'
    where l.id in ${deps.sql([...indexed.keys()])} and l.anonymised_at is null`;
  const order: Record<CallerPart, number> = { phone: 0, creditCode: 1, phoneStart: 2, phoneTail: 2, company: 3, contact: 4 };
  const leads = rows
    .map((r) => ({
      leadId: r.id,
      reference: r.reference,
      company: r.companyName,
      contactName: r.contactName ?? "",
      phoneMasked: maskPhone(r.phone),
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      needKind: r.kind,
      areaUnit: r.areaUnit,
      areaMinSqm: r.areaMin,
      areaMaxSqm: r.areaMax,
      recruiters: r.recruiters,
      duplicateOf: r.duplicateOf && r.duplicateOfReference ? { leadId: r.duplicateOf, reference: r.duplicateOfReference } : null,
      worked: !ENDED.includes(r.status),
      // The whole number equal says more than its start does: a lead found both ways is "the same number".
      matchedBy: [...indexed.get(r.id)!]
        .filter((p, _, all) => p !== "phoneStart" || !all.includes("phone"))
        .sort((a, b) => order[a] - order[b]),
    }))
    .sort(
      (a, b) =>
        order[a.matchedBy[0]] - order[b.matchedBy[0]] || Number(b.worked) - Number(a.worked) || b.createdAt.localeCompare(a.createdAt),
    )
    .slice(0, CALLER_LIMIT)
    .map(({ worked: _worked, ...lead }) => lead);
  // The index's count of its matches, with the exact ones it did not hold; the rows Postgres no longer shows (anonymised) left out.
  const gone = indexed.size - rows.length;
  const total = Math.max(indexed.size, index.total + exactOnly) - gone;
  return { leads, more: Math.max(0, total - leads.length), ...said };
}

/** The caller's existing leads (findCallers without the count of those not shown). */
export async function findCallerLeads(deps: CallerSearchDeps, q: CallerQuery, exactPhone: string | null = null): Promise<CallerLead[]> {
  return (await findCallers(deps, q, exactPhone)).leads;
}
