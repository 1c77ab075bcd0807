import * as ToTraditional from "opencc-js/cn2t";

import { foldText } from "./fold-text";

// What a recruiter's search box is compared with (issue 12 item 5, docs/decisions/030). Names are
// stored as people typed them, in Simplified or Traditional characters; the query is folded to
// Simplified (fold-text.ts) and also written in Traditional (Taiwan and Hong Kong forms), and a
// stored value matches when it contains any of these forms. Digits alone are a phone search.

// Built on the first search, not at import: the two converters' dictionaries hold ~120 MB, which every
// web process paid at start whether or not anyone searched (bench:memory, docs/benchmarks.md).
let converters: { tw: (s: string) => string; hk: (s: string) => string } | undefined;
function traditional() {
  converters ??= {
    tw: ToTraditional.Converter({ from: "cn", to: "tw" }),
    hk: ToTraditional.Converter({ from: "cn", to: "hk" }),
  };
  return converters;
}

export type SearchTerms = {
  /** The query in every written form to look for (lower-case, trimmed, at most 4 distinct strings). */
  texts: string[];
  /**
   * The query's digits in the national form with its trunk 0 (`0139…`, `025…`), when the query is a
   * phone number or part of one (at least 3 digits, nothing but digits, spaces, + - ( )); else null.
   * Compare with a stored number written the same way (`+86` → `0`).
   */
  digits: string | null;
};

/** Splits a search box's text into the forms to compare with. An empty or blank query gives `texts: []`. */
export function searchTerms(query: string): SearchTerms {
  const folded = foldText(query.normalize("NFKC")).s.trim().replace(/\s+/g, " ").toLowerCase();
  if (folded === "") return { texts: [], digits: null };
  const { tw, hk } = traditional();
  const texts = [...new Set([folded, tw(folded), hk(folded), query.trim().toLowerCase()])].filter((t) => t !== "");
  const onlyPhone = /^[\d\s+()-]+$/.test(folded);
  let digits = onlyPhone ? folded.replace(/\D/g, "") : "";
  // +86 / 0086 / 86 before a number: the country code, written as the trunk 0 instead.
  if (/^(\+|00)?86/.test(folded.replace(/\s/g, "")) && digits.replace(/^(00)?86/, "").length >= 4)
    digits = `0${digits.replace(/^(00)?86/, "")}`;
  return { texts, digits: digits.length >= 3 ? digits : null };
}
