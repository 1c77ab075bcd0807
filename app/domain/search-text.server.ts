import { stripFormatChars } from "./format-chars";
import type { Lead } from "./lead-schema";
import { openccT2cn } from "./traditional.server";

// The one form every staff search compares (docs/decisions/078): the stored text and the query are
// both turned into it, and a text matches when its search form contains the query's. Stored text keeps
// what the person typed; this form lives only in search copies (leads.company_search/product_search,
// the leads index's *Folded attributes).
//
// Traditional → Simplified one CHARACTER at a time (OpenCC's Taiwan, then Hong Kong, character tables),
// never phrase by phrase: then the form of a part is the part of the form — searchText(a + b) ===
// searchText(a) + searchText(b) — so a query found inside a text is found inside its search form too,
// whatever script either was typed in, mixed ones included. OpenCC's phrases would turn 乾隆 into 乾隆
// but 乾 alone into 干, and a search for 乾 would miss it; character by character both read 干. The
// one-to-many Simplified → Traditional mappings (冲 → 沖/衝, 面 → 面/麵, 干 → 干/乾/幹, 发 → 發/髮)
// need no guess: every Traditional form folds to its one Simplified character.
//
// Server only: the two tables are ~4 MB of heap; the browser never searches. Built at the first search form
// made, not at the web's start (~0.4 s of CPU; docs/decisions/175).
let tables: { tw: (text: string) => string; hk: (text: string) => string } | undefined;
function opencc(): NonNullable<typeof tables> {
  if (tables) return tables;
  const OpenCC = openccT2cn();
  return (tables = { tw: OpenCC.Converter({ from: "tw", to: "cn" }), hk: OpenCC.Converter({ from: "hk", to: "cn" }) });
}
const simplifiedOf = new Map<string, string>();

function simplifiedChar(c: string): string {
  let s = simplifiedOf.get(c);
  if (s === undefined) {
    const { tw, hk } = opencc();
    const out = hk(tw(c));
    // A character whose table entry is not one character (none in OpenCC 1.4.2) stays as it is.
    s = [...out].length === 1 ? out : c;
    simplifiedOf.set(c, s);
  }
  return s;
}

/**
 * The search form of a text: NFKC (full-width → ASCII, ideographic space → space, compatibility
 * ideographs → unified), invisible format characters dropped, Traditional → Simplified character by
 * character, lower-cased, runs of white space as one space, trimmed. ASCII text is only lower-cased.
 */
export function searchText(text: string): string {
  let out = "";
  for (const c of stripFormatChars(text.normalize("NFKC"))) out += c.charCodeAt(0) < 0x3000 ? c : simplifiedChar(c);
  return out.toLowerCase().replace(/\s+/g, " ").trim();
}

/** The search form of a stored value, or null when it is the value itself lower-cased (nothing to add). */
export function searchCopyIfDifferent(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = searchText(text);
  return s === text.toLowerCase() ? null : s;
}

/**
 * The search copies a lead row carries (leads.company_search, leads.product_search; migration 062):
 * company name and product in their search form. Every write of a lead's company or product writes them.
 */
export function leadSearchCopies(lead: Pick<Lead, "company" | "use">): { company: string; product: string } {
  // Optional chains: a stored lead read back by the fill (app/db/lead-search-copies.server.ts) is JSON
  // from the database, and one malformed row must not stop the fill of the others.
  return { company: searchText(lead.company?.name ?? ""), product: searchText(lead.use?.product ?? "") };
}

/**
 * True when some text of the lead a staff member searches (company, contact, product, regions, notes)
 * has a search form other than itself (Traditional or full-width characters in it): the leads whose
 * search document a change of the search form rewrites (search/lead-document.ts).
 */
export function leadHasFoldedText(lead: Pick<Lead, "company" | "contact" | "use" | "need">): boolean {
  const texts = [lead.company?.name, lead.contact?.name, lead.use?.product, lead.need?.notes, ...(lead.need?.regions ?? [])];
  return texts.some((t) => searchCopyIfDifferent(t) !== null);
}
