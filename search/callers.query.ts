import type { CallerQuery } from "~/domain/caller-query";

import type { SearchClient } from "./client";
import type { LeadDocument } from "./leads.index";

/** Which part of what the agent typed found a lead. */
export type CallerPart = "phone" | "creditCode" | "company";
/** Lead id → the parts that found it. */
export type CallerFound = Map<string, Set<CallerPart>>;

/** Most leads shown for one lookup. */
export const CALLER_LIMIT = 8;
const RETRIEVE = ["id", "phoneDigits", "creditCode"];

type Hit = Pick<LeadDocument, "id" | "phoneDigits" | "creditCode">;

/**
 * The index side alone of the hotline's caller lookup (app/hotline/caller-search.server.ts): one multi-search with a
 * query per part the agent typed, each restricted to its attribute. A phone or code hit counts only
 * when the digits are a prefix of the stored ones (Meilisearch's typo tolerance would otherwise offer
 * 13912345679 for 13912345678 — another caller).
 */
export async function searchCallerIndex(search: SearchClient, indexUid: string, q: CallerQuery): Promise<CallerFound> {
  const queries: { part: CallerPart; body: Record<string, unknown> }[] = [];
  const base = { indexUid, limit: CALLER_LIMIT * 2, attributesToRetrieve: RETRIEVE, matchingStrategy: "all" };
  if (q.phoneDigits) queries.push({ part: "phone", body: { ...base, q: q.phoneDigits, attributesToSearchOn: ["phoneDigits"] } });
  if (q.creditCode) queries.push({ part: "creditCode", body: { ...base, q: q.creditCode, attributesToSearchOn: ["creditCode"] } });
  if (q.company)
    queries.push({
      part: "company",
      body: { ...base, limit: CALLER_LIMIT, q: q.company, attributesToSearchOn: ["companyName", "companyFolded"], locales: ["cmn"] },
    });
  const found: CallerFound = new Map();
  if (queries.length === 0) return found;
  const { results } = await search.multiSearch({ queries: queries.map((x) => x.body) as never });
  results.forEach((r, i) => {
    const part = queries[i].part;
    for (const hit of r.hits as unknown as Hit[]) {
      if (part === "phone" && !hit.phoneDigits?.startsWith(q.phoneDigits!)) continue;
      if (part === "creditCode" && !hit.creditCode?.startsWith(q.creditCode!)) continue;
      (found.get(hit.id) ?? found.set(hit.id, new Set()).get(hit.id)!).add(part);
    }
  });
  return found;
}
