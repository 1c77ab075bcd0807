import { searchText } from "./search-text.server";

// What a recruiter's search box is compared with (issue 12 item 5, docs/decisions/030 and 078). Names
// are stored as people typed them, in Simplified or Traditional characters, or both at once; each lead
// row also keeps their search form (leads.company_search, leads.product_search: Traditional →
// Simplified character by character, full-width folded, lower case). The query is put into the same
// form, and a lead matches when its copy contains it: 冲压 finds 衝壓件 and 沖壓 alike, which no
// guessed Traditional spelling of the query could (冲 is 沖 or 衝). Digits alone are a phone search.

export type SearchTerms = {
  /** The query's search form (search-text.server.ts), white space collapsed; "" for a blank query. */
  text: string;
  /**
   * The query's digits in the national form with its trunk 0 (`0139…`, `025…`), when the query is a
   * phone number or part of one (at least 3 digits, nothing but digits, spaces, + - ( )); else null.
   * Compare with a stored number written the same way (`+86` → `0`).
   */
  digits: string | null;
};

/** Reads a search box's text. An empty or blank query gives `text: ""`. */
export function searchTerms(query: string): SearchTerms {
  const text = searchText(query);
  if (text === "") return { text: "", digits: null };
  const onlyPhone = /^[\d\s+()-]+$/.test(text);
  let digits = onlyPhone ? text.replace(/\D/g, "") : "";
  // +86 / 0086 / 86 before a number: the country code, written as the trunk 0 instead.
  if (/^(\+|00)?86/.test(text.replace(/\s/g, "")) && digits.replace(/^(00)?86/, "").length >= 4)
    digits = `0${digits.replace(/^(00)?86/, "")}`;
  return { text, digits: digits.length >= 3 ? digits : null };
}
