import { cleanTyped } from "~/domain/format-chars";
import type { AdminOpsKey } from "~/i18n/admin-ops-messages";

// What a staff list did instead of what its address asked (the dashboard's `adjusted`, one notice per
// filter value): a value it could not use is dropped, never an error page — and never silently. Each
// list's reader returns its notices; the page shows them above the list (components/admin.tsx FilterNotices).

/** A message key of admin-ops-messages ("filter.adjusted.*") and its values. */
export type FilterNotice = { key: AdminOpsKey; params: Record<string, string | number> };

/** The most characters of search words a list searches with (longer words: their first this many). */
export const QUERY_MAX = 100;

/** The longest piece of a bad value a notice quotes (an address can carry anything). */
const QUOTE_MAX = 40;

/** A bad value as a notice quotes it: cleaned of format characters, at most 40 characters and "…". */
export function quoteValue(v: string): string {
  const chars = Array.from(cleanTyped(v));
  return chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX).join("")}…` : chars.join("");
}

/**
 * Search words as a list searches with them: cleaned, their first QUERY_MAX characters (whole characters:
 * a character outside the BMP is never cut in half), and the notice when they were cut.
 */
export function searchWords(typed: string): { q: string; notice: FilterNotice | null } {
  const chars = Array.from(cleanTyped(typed));
  if (chars.length <= QUERY_MAX) return { q: chars.join(""), notice: null };
  return { q: chars.slice(0, QUERY_MAX).join(""), notice: { key: "filter.adjusted.qLong", params: { max: QUERY_MAX } } };
}

/**
 * A notice for each name in the address that is no filter of the list (`known`; `lng` is every page's):
 * "industry=ZZ" on the lead list, whose industry filter is `section`, was ignored without a word.
 */
export function unknownFilterNotices(params: URLSearchParams, known: readonly string[]): FilterNotice[] {
  const names = new Set([...params.keys()].filter((k) => k !== "lng" && !known.includes(k)));
  return [...names].map((k) => ({
    key: "filter.adjusted.unknown",
    params: { filter: quoteValue(k), value: quoteValue(params.get(k) ?? "") },
  }));
}
