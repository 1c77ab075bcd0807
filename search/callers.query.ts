import type { CallerQuery } from "~/domain/caller-query";

import { meiliErrorCode, type SearchClient } from "./client";
import type { LeadDocument } from "./leads.index";

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
/**
 * Digits typed from which a number may also be a landline's local number, without its area code: a
 * mainland local number has 7 or 8 digits, and fewer would list the landlines of every city.
 */
export const LOCAL_NUMBER_MIN = 7;
/** Digits from which the typed number is taken as whole (a mobile's 11): it need not be the query's prefix word. */
const WHOLE_NUMBER_DIGITS = 11;
const RETRIEVE = ["id", "phoneDigits", "phoneLocal", "phoneTails", "creditCode"];
const COMPANY_ATTRIBUTES = ["companyName", "companyFolded"];
const CONTACT_ATTRIBUTES = ["contactName", "contactFolded"];
/** Newest lead first among equally good matches: the caller on the line most likely called lately (ADR 088). */
const NEWEST_FIRST = ["createdAt:desc"];
/** Pages of hits asked at most when checks turn hits away (see searchCallers). */
const PAGES = 3;

type Hit = Pick<LeadDocument, "id" | "phoneDigits" | "phoneLocal" | "phoneTails" | "creditCode"> & {
  _matchesPosition?: Record<string, unknown>;
};

/** Whether a hit's number begins with the typed digits: the whole national number, or a landline's local number. */
function phoneBegins(hit: Hit, digits: string): boolean {
  return hit.phoneDigits?.startsWith(digits) || (digits.length >= LOCAL_NUMBER_MIN && hit.phoneLocal?.startsWith(digits) === true);
}

/** A typed word as a plain query word: Meilisearch reads a double quote as a phrase and a leading "-" as "not". */
const plainWords = (text: string) =>
  text
    .replace(/["“”]/g, " ")
    .replace(/(^|\s)-+/g, "$1")
    .trim();

/** One part of the query: its words, the attributes it may match in, and how much it needs to be the last (prefix) word. */
type Term = { part: "phone" | "tail" | "creditCode" | "company" | "contact"; words: string; attributes: string[]; prefixNeed: number };

/**
 * The query's parts, the one that most needs prefix search last: Meilisearch matches only the query's
 * last word by its beginning, and a number, a code or a contact's surname ("张") is often typed in part,
 * while a number's marked end is matched whole (a phrase: "5678" never finds a number ending 56781234).
 */
function termsOf(q: CallerQuery): Term[] {
  const terms: Term[] = [];
  if (q.phoneDigits) {
    const local = q.phoneDigits.length >= LOCAL_NUMBER_MIN ? ["phoneLocal"] : [];
    const whole = q.phoneDigits.length >= WHOLE_NUMBER_DIGITS;
    terms.push({ part: "phone", words: q.phoneDigits, attributes: ["phoneDigits", ...local], prefixNeed: whole ? 1 : 4 });
  }
  if (q.phoneTail) terms.push({ part: "tail", words: `"${q.phoneTail}"`, attributes: ["phoneTails"], prefixNeed: 0 });
  const company = q.company && plainWords(q.company);
  const contact = q.contact && plainWords(q.contact);
  if (q.creditCode) {
    // Beside Chinese words Meilisearch cuts a typed code in several (91320100 | ma1x…), none of them the
    // one word the document holds, and a part of a code is found only as the query's last word (a
    // number's start goes last): the code is then not searched, only checked on the hits (words "").
    const prefixNeed = q.creditCode.length < 18 ? 3 : 1;
    const beside = Boolean(company || (contact && terms.length > 0) || (prefixNeed > 1 && terms.some((t) => t.prefixNeed > prefixNeed)));
    terms.push({ part: "creditCode", words: beside ? "" : q.creditCode, attributes: beside ? [] : ["creditCode"], prefixNeed });
  }
  if (company) terms.push({ part: "company", words: company, attributes: COMPANY_ATTRIBUTES, prefixNeed: 1 });
  if (contact && terms.length > 0) terms.push({ part: "contact", words: contact, attributes: CONTACT_ATTRIBUTES, prefixNeed: 2 });
  return terms.sort((a, b) => a.prefixNeed - b.prefixNeed);
}

/**
 * The index side of the hotline's caller lookup (app/hotline/caller-search.server.ts): ONE search over
 * the attributes of every part the agent typed, every word required (`matchingStrategy: "all"`), so the
 * parts narrow the list: 尾号5678 with 华为 is the leads of 华为 whose number ends 5678, not either.
 * Equally good matches come newest first (`sort` on createdAt, the index's one sortable attribute,
 * docs/decisions/088), so of the ~100 leads whose number ends 5678 in a million the recent ones show,
 * and `total` says how many there are. Each hit is checked part by part, because a word may match in
 * another part's attribute: a number only when the digits begin the stored one (a landline's also its
 * local number, LOCAL_NUMBER_MIN) or are its marked end, a code when it begins the stored one, a company
 * or a contact when its words matched in the company's or the contact's own attributes (张 typed as the
 * contact is not the 张 of 张家港…). Meilisearch's typo tolerance is off on numbers and codes (it would
 * offer 13912345679 for 13912345678: another caller). A contact alone is no query (a surname lists half
 * the base): it only narrows another part.
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
  const text = terms.some((t) => t.part === "company" || t.part === "contact");
  const body = (ts: Term[], sort: boolean, offset: number) => ({
    indexUid,
    q: ts
      .map((t) => t.words)
      .filter(Boolean)
      .join(" "),
    attributesToSearchOn: [...new Set(ts.flatMap((t) => t.attributes))],
    offset,
    limit: CALLER_LIMIT * 2,
    attributesToRetrieve: RETRIEVE,
    matchingStrategy: "all",
    ...(sort ? { sort: NEWEST_FIRST } : {}),
    ...(text ? { locales: ["cmn"], showMatchesPosition: true } : {}),
  });
  let sorted = true;
  const ask = async (offset: number): Promise<{ hits: Hit[]; estimatedTotalHits?: number } | null> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const { results } = await search.multiSearch({ queries: [body(terms, sorted, offset)] as never });
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
  // A hit the checks turn away (a contact's 张 matched in 张家港… of a company) may leave the page
  // short: the next page is asked, up to PAGES in all.
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
  // those were all among the pages seen, else too high by those beyond (the desk says "N 条以上" anyway).
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
      default:
        if (!t.attributes.some((a) => hit._matchesPosition?.[a] !== undefined)) return null;
        parts.add(t.part);
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
