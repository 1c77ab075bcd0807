import type { CallerQuery } from "~/domain/caller-query";
import { searchText } from "~/domain/search-text.server";

import { meiliErrorCode, type SearchClient } from "./client";
import type { LeadDocument } from "./leads.index";
import { companyHolds, companyPhrases, contactWord, LOCAL_NUMBER_MIN } from "./lookup-words";

/**
 * Which part of what the agent typed found a lead, and how: `phone` the whole number is the lead's,
 * `phoneStart` the lead's number begins with the digits typed (or its local number does), `phoneTail` it
 * ends with the digits the agent marked as its end (尾号…), then the credit code, the company, the contact.
 */
export type CallerPart = "phone" | "phoneStart" | "phoneTail" | "creditCode" | "company" | "contact";
/** Lead id → the parts that found it. */
export type CallerFound = Map<string, Set<CallerPart>>;
/** The leads found (newest first, at most CALLER_LIMIT × 2) and how many match in the whole index (Meilisearch's estimate). */
export type CallerIndexAnswer = { found: CallerFound; total: number };

/** Most leads shown for one lookup. */
export const CALLER_LIMIT = 8;
export { LOCAL_NUMBER_MIN } from "./lookup-words";
const RETRIEVE = ["id", "phoneDigits", "phoneLocal", "phoneTails", "creditCode"];
/** Newest lead first among equally good matches: the caller on the line most likely called lately (ADR 088). */
const NEWEST_FIRST = ["createdAt:desc"];
/** Pages of hits asked at most when checks turn hits away (see searchCallers). */
const PAGES = 3;

type Hit = Pick<LeadDocument, "id" | "phoneDigits" | "phoneLocal" | "phoneTails" | "creditCode"> &
  Partial<Pick<LeadDocument, "companyName" | "companyFolded" | "contactHeads">>;

/** Whether a hit's number begins with the typed digits: the whole national number, or a landline's local number. */
function phoneBegins(hit: Hit, digits: string): boolean {
  return hit.phoneDigits?.startsWith(digits) || (digits.length >= LOCAL_NUMBER_MIN && hit.phoneLocal?.startsWith(digits) === true);
}

/** One part of the query: its words, the attributes it may match in, and whether it is the query's last (prefix) word. */
type Term = { part: "phone" | "tail" | "creditCode" | "company" | "contact"; words: string; attributes: string[]; last?: boolean };

/**
 * The query's parts. Meilisearch matches only the query's last word by its beginning, and searches
 * every word in every attribute searched (docs/decisions/094). So the company and the contact, which
 * are typed in part, are matched as whole words the document keeps for them alone (search/lookup-words.ts):
 * the company as phrases of its characters over companyChars (the name holds what was typed), the
 * contact as the code word of its start over contactHeads; a number's marked end is a phrase too ("5678"
 * never finds a number ending 56781234). The last, prefix, word is a number's start or a code's start.
 */
function termsOf(q: CallerQuery): Term[] {
  const terms: Term[] = [];
  const company = q.company ? companyPhrases(q.company) : "";
  if (q.phoneDigits) {
    const local = q.phoneDigits.length >= LOCAL_NUMBER_MIN ? ["phoneLocal"] : [];
    terms.push({ part: "phone", words: q.phoneDigits, attributes: ["phoneDigits", ...local], last: true });
  }
  if (q.phoneTail) terms.push({ part: "tail", words: `"${q.phoneTail}"`, attributes: ["phoneTails"] });
  if (q.creditCode) {
    // Beside Chinese words Meilisearch cuts a typed code in several (91320100 | ma1x…), none of them the
    // one word the document holds, and a code's start is found only as the query's last word, which a
    // number's start takes: the code is then not searched, only checked on the hits (words ""). With a
    // company that has many leads, a code's lead past the pages read is missed until the code is whole
    // (then Postgres's exact match lists it, app/hotline/caller-search.server.ts).
    const whole = q.creditCode.length === 18;
    terms.push(
      company || (q.phoneDigits && !whole)
        ? { part: "creditCode", words: "", attributes: [] }
        : { part: "creditCode", words: q.creditCode, attributes: ["creditCode"], last: !whole },
    );
  }
  if (company) terms.push({ part: "company", words: company, attributes: ["companyChars"] });
  if (q.contact && terms.length > 0) terms.push({ part: "contact", words: `"${contactWord(q.contact)}"`, attributes: ["contactHeads"] });
  return terms.sort((a, b) => Number(a.last ?? false) - Number(b.last ?? false));
}

/** The search the lookup sends for its terms: one page, every word required, newest first (`sort`) unless refused. */
function searchBody(indexUid: string, terms: Term[], sort: boolean, offset: number) {
  const parts = new Set(terms.map((t) => t.part));
  return {
    indexUid,
    q: terms
      .map((t) => t.words)
      .filter(Boolean)
      .join(" "),
    attributesToSearchOn: [...new Set(terms.flatMap((t) => t.attributes))],
    offset,
    limit: CALLER_LIMIT * 2,
    attributesToRetrieve: [
      ...RETRIEVE,
      ...(parts.has("company") ? ["companyName", "companyFolded"] : []),
      ...(parts.has("contact") ? ["contactHeads"] : []),
    ],
    matchingStrategy: "all",
    ...(sort ? { sort: NEWEST_FIRST } : {}),
    ...(parts.has("company") ? { locales: ["cmn"] } : {}),
  };
}

/**
 * The first search searchCallers sends for `q` (a multi-search query: indexUid, q, attributesToSearchOn,
 * limit, sort …), null when `q` asks nothing of the index: the benchmark's raw query (test/bench/lookup.bench.ts).
 */
export function callerSearchQuery(indexUid: string, q: CallerQuery): ReturnType<typeof searchBody> | null {
  const terms = termsOf(q);
  return terms.length === 0 ? null : searchBody(indexUid, terms, true, 0);
}

/**
 * The index side of the hotline's caller lookup (app/hotline/caller-search.server.ts): ONE search over
 * the attributes of every part the agent typed, every word required (`matchingStrategy: "all"`), so the
 * parts narrow the list: 尾号5678 with 华为 is the leads of 华为 whose number ends 5678, not either.
 * Equally good matches come newest first (`sort` on createdAt, the index's one sortable attribute,
 * docs/decisions/088), so of the ~100 leads whose number ends 5678 in a million the recent ones show,
 * and `total` says how many there are. Each part is matched as a whole word the document keeps for it
 * but the company's (termsOf), so a half-typed company name finds its leads beside a number or a
 * contact, and the contact's word is one only its own attribute holds: the 张 of 张家港… no longer
 * counts for a contact 张 (docs/decisions/094). Each hit is still checked part by part: a number when the
 * digits begin the stored one (a landline's also its local number, LOCAL_NUMBER_MIN) or are its marked
 * end, a code when it begins the stored one, a contact when it is among the contact's starts, a company
 * when its words matched in the company's own attributes. Meilisearch's typo tolerance is off on
 * numbers, codes and contact words (it would offer 13912345679 for 13912345678: another caller). A
 * contact alone is no query (a surname lists a twentieth of the base): it only narrows another part.
 *
 * Meilisearch refuses to search on an attribute that no document has yet (an empty index on a new
 * install, before the first lead): a part whose attributes no document has matches nothing, and then
 * neither does the whole query. It refuses the sort while the settings naming createdAt sortable are
 * still being applied (the first start after the upgrade): the lookup then asks unsorted. Throws when
 * Meilisearch is unreachable or refuses for another reason.
 */
export async function searchCallers(search: SearchClient, indexUid: string, q: CallerQuery): Promise<CallerIndexAnswer> {
  const found: CallerFound = new Map();
  let terms = termsOf(q);
  if (terms.length === 0) return { found, total: 0 };
  let sorted = true;
  const ask = async (offset: number): Promise<{ hits: Hit[]; estimatedTotalHits?: number } | null> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const { results } = await search.multiSearch({ queries: [searchBody(indexUid, terms, sorted, offset)] as never });
        return results[0] as never;
      } catch (error) {
        const code = meiliErrorCode(error);
        if (attempt > 2) throw error;
        if (code === "invalid_search_sort" && sorted) sorted = false;
        else if (code === "invalid_search_attributes_to_search_on") {
          const present = await attributesPresent(search, indexUid);
          if (terms.some((t) => t.words && !t.attributes.some((a) => present.has(a)))) return null;
          terms = terms.map((t) => ({ ...t, attributes: t.attributes.filter((a) => present.has(a)) }));
        } else throw error;
      }
    }
  };
  // A hit the checks turn away (a company's word matched only among another part's digits) may leave
  // the page short: the next page is asked, up to PAGES in all.
  let seen = 0;
  let estimated = 0;
  for (let page = 0; page < PAGES; page++) {
    const result = await ask(page * CALLER_LIMIT * 2);
    if (!result) return { found, total: 0 };
    const hits = result.hits;
    seen += hits.length;
    estimated = result.estimatedTotalHits ?? seen;
    for (const hit of hits) {
      const parts = partsFound(terms, q, hit);
      if (parts) found.set(hit.id, parts);
    }
    if (found.size >= CALLER_LIMIT || found.size === seen || hits.length < CALLER_LIMIT * 2) break;
  }
  // Meilisearch's count without the hits the checks turned away: exact when it turned none away or
  // those were all among the pages seen; each part's words match in its own attributes (termsOf), so
  // the checks turn away only a company word found among a number's digits.
  const total = Math.max(found.size, estimated - (seen - found.size));
  return { found, total };
}

/** The parts a hit matches, each checked in its own attributes; null when one does not. */
function partsFound(terms: Term[], q: CallerQuery, hit: Hit): Set<CallerPart> | null {
  const parts = new Set<CallerPart>();
  for (const t of terms) {
    switch (t.part) {
      case "phone":
        if (!phoneBegins(hit, q.phoneDigits!)) return null;
        parts.add(hit.phoneDigits === q.phoneDigits ? "phone" : "phoneStart");
        break;
      case "tail":
        if (!hit.phoneTails?.includes(q.phoneTail!)) return null;
        parts.add("phoneTail");
        break;
      case "creditCode":
        if (!hit.creditCode?.startsWith(q.creditCode!)) return null;
        parts.add("creditCode");
        break;
      case "contact":
        if (!hit.contactHeads?.includes(contactWord(q.contact!))) return null;
        parts.add("contact");
        break;
      case "company":
        // A document written before companyFolded existed (docs/decisions/078) has the name only.
        if (!companyHolds(hit.companyFolded ?? searchText(hit.companyName ?? ""), q.company!)) return null;
        parts.add("company");
    }
  }
  return parts;
}

/** The index side alone, its leads and how they were found (searchCallers without the total). */
export async function searchCallerIndex(search: SearchClient, indexUid: string, q: CallerQuery): Promise<CallerFound> {
  return (await searchCallers(search, indexUid, q)).found;
}

/** The attributes some document of the index has. */
async function attributesPresent(search: SearchClient, indexUid: string): Promise<Set<string>> {
  const { fieldDistribution } = await search.index(indexUid).getStats();
  return new Set(Object.keys(fieldDistribution));
}
