import { data } from "@remix-run/node";

import { requireAdmin } from "~/auth/session.server";
import { withoutBidiControls } from "~/domain/display-text";
import { type FilterNotice, quoteValue, searchWords, unknownFilterNotices } from "~/domain/filter-notices";
import type { Flash } from "~/http/flash.server";
import { readFlash } from "~/http/flash.server";
import { type Lng, lngFromUrl } from "~/i18n/lng";

import { type ListState, readListState } from "./retire-form";

/**
 * What every inventory list page (/admin/parks, /admin/spaces, /admin/recruiters) reads first: an admin
 * (else the sign-in redirect is thrown), the page's language, the search words `q` (their first 100
 * characters) and `typedQ` (as typed, for the box), the in-use/retired `state`, and the flash the last
 * step left — with the `headers` that clear it, for the loader's answer. `params`: the address's other
 * filters. `adjusted`: a notice for each value not used as given (domain/filter-notices.ts); a page that
 * reads more filters from `params` adds its own.
 */
export async function readInventoryListRequest(
  request: Request,
  /** The address's other filters this page reads (the spaces': park, kind, status, stale). */
  filters: readonly string[] = [],
): Promise<{
  lng: Lng;
  q: string;
  typedQ: string;
  state: ListState;
  flash: Flash | null;
  headers: Headers;
  params: URLSearchParams;
  adjusted: FilterNotice[];
}> {
  await requireAdmin(request);
  const url = new URL(request.url);
  const { flash, headers } = await readFlash(request);
  const typedQ = url.searchParams.get("q") ?? "";
  const words = searchWords(typedQ.trim());
  const state = readListState(url);
  const givenState = url.searchParams.get("state") ?? "";
  const adjusted: FilterNotice[] = [];
  if (words.notice) adjusted.push(words.notice);
  if (givenState !== "" && givenState !== state) adjusted.push({ key: "filter.adjusted.state", params: { value: quoteValue(givenState) } });
  adjusted.push(...unknownFilterNotices(url.searchParams, ["q", "state", ...filters]));
  return { lng: lngFromUrl(request.url), q: words.q.trim(), typedQ, state, flash, headers, params: url.searchParams, adjusted };
}

/**
 * The loader of a list filtered by `q` and `state` alone (parks, recruiters): the request read, the rows
 * `list` gives for them, the words as typed for the box and the notices, names people typed without bidi
 * controls (ADR 021).
 */
export async function inventoryListLoader<L>(request: Request, list: (f: { q: string; state: ListState }) => Promise<L>) {
  const { lng, q, typedQ, state, flash, headers, adjusted } = await readInventoryListRequest(request);
  const body = {
    lng,
    q: typedQ,
    state,
    adjusted: withoutBidiControls(adjusted),
    flash,
    list: withoutBidiControls(await list({ q, state })),
  };
  return data(body, { headers });
}
