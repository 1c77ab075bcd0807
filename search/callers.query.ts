import type { CallerQuery } from "~/domain/caller-query";

import { meiliErrorCode, type SearchClient } from "./client";
import type { LeadDocument } from "./leads.index";

/** Which part of what the agent typed found a lead. */
export type CallerPart = "phone" | "creditCode" | "company";
/** Lead id → the parts that found it. */
export type CallerFound = Map<string, Set<CallerPart>>;

/** Most leads shown for one lookup. */
export const CALLER_LIMIT = 8;
/**
 * Digits typed from which a number may also be a landline's local number, without its area code: a
 * mainland local number has 7 or 8 digits, and fewer would list the landlines of every city.
 */
export const LOCAL_NUMBER_MIN = 7;
const RETRIEVE = ["id", "phoneDigits", "phoneLocal", "phoneTails", "creditCode"];

type Hit = Pick<LeadDocument, "id" | "phoneDigits" | "phoneLocal" | "phoneTails" | "creditCode">;

/** Whether a hit's number begins with the typed digits: the whole national number, or a landline's local number. */
function phoneBegins(hit: Hit, digits: string): boolean {
  return hit.phoneDigits?.startsWith(digits) || (digits.length >= LOCAL_NUMBER_MIN && hit.phoneLocal?.startsWith(digits) === true);
}

/**
 * The index side alone of the hotline's caller lookup (app/hotline/caller-search.server.ts): one multi-search with a
 * query per part the agent typed, each restricted to its attribute. A phone or code hit counts only
 * when the digits are a prefix of the stored ones (a landline's also of its local number, LOCAL_NUMBER_MIN), or its end
 * when the agent marked them so (`phoneTail`, "尾号5678") (Meilisearch's typo tolerance would otherwise offer
 * 13912345679 for 13912345678 — another caller). Meilisearch refuses to search on an attribute that
 * no document has yet (an empty index on a new install, before the first lead): such an attribute has
 * nothing to find, so it is left out and the lookup answers with what the others found. Throws when
 * Meilisearch is unreachable or refuses for another reason.
 */
export async function searchCallerIndex(search: SearchClient, indexUid: string, q: CallerQuery): Promise<CallerFound> {
  const queries: CallerSearch[] = [];
  const base = { indexUid, limit: CALLER_LIMIT * 2, attributesToRetrieve: RETRIEVE, matchingStrategy: "all" };
  if (q.phoneDigits) {
    const local = q.phoneDigits.length >= LOCAL_NUMBER_MIN ? ["phoneLocal"] : [];
    queries.push({ part: "phone", body: { ...base, q: q.phoneDigits, attributesToSearchOn: ["phoneDigits", ...local] } });
  }
  if (q.phoneTail) queries.push({ part: "phone", tail: true, body: { ...base, q: q.phoneTail, attributesToSearchOn: ["phoneTails"] } });
  if (q.creditCode) queries.push({ part: "creditCode", body: { ...base, q: q.creditCode, attributesToSearchOn: ["creditCode"] } });
  if (q.company)
    queries.push({
      part: "company",
      body: { ...base, limit: CALLER_LIMIT, q: q.company, attributesToSearchOn: ["companyName", "companyFolded"], locales: ["cmn"] },
    });
  const found: CallerFound = new Map();
  if (queries.length === 0) return found;
  let asked = queries;
  let results: { hits: unknown[] }[];
  try {
    ({ results } = await search.multiSearch({ queries: asked.map((x) => x.body) as never }));
  } catch (error) {
    if (meiliErrorCode(error) !== "invalid_search_attributes_to_search_on") throw error;
    asked = await withAttributesPresent(search, indexUid, queries);
    if (asked.length === 0) return found;
    ({ results } = await search.multiSearch({ queries: asked.map((x) => x.body) as never }));
  }
  results.forEach((r, i) => {
    const part = asked[i].part;
    for (const hit of r.hits as unknown as Hit[]) {
      if (part === "phone" && !(asked[i].tail ? hit.phoneTails?.includes(q.phoneTail!) : phoneBegins(hit, q.phoneDigits!))) continue;
      if (part === "creditCode" && !hit.creditCode?.startsWith(q.creditCode!)) continue;
      (found.get(hit.id) ?? found.set(hit.id, new Set()).get(hit.id)!).add(part);
    }
  });
  return found;
}

type CallerSearch = { part: CallerPart; tail?: boolean; body: Record<string, unknown> & { attributesToSearchOn: string[] } };

/** The searches restricted to the attributes some document of the index has; a search left with none is dropped. */
async function withAttributesPresent(search: SearchClient, indexUid: string, queries: CallerSearch[]): Promise<CallerSearch[]> {
  const { fieldDistribution } = await search.index(indexUid).getStats();
  return queries
    .map((x) => ({ ...x, body: { ...x.body, attributesToSearchOn: x.body.attributesToSearchOn.filter((a) => a in fieldDistribution) } }))
    .filter((x) => x.body.attributesToSearchOn.length > 0);
}
