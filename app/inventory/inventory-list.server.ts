import { requireAdmin } from "~/auth/session.server";
import type { Flash } from "~/http/flash.server";
import { readFlash } from "~/http/flash.server";
import { type Lng, lngFromUrl } from "~/i18n/lng";

import { type ListState, readListState } from "./retire-form";

/**
 * What every inventory list page (/admin/parks, /admin/spaces, /admin/recruiters) reads first: an admin
 * (else the sign-in redirect is thrown), the page's language, the search words `q` (≤ 100 characters),
 * the in-use/retired `state`, and the flash the last step left — with the `headers` that clear it, for
 * the loader's answer. `params`: the address's other filters.
 */
export async function readInventoryListRequest(
  request: Request,
): Promise<{ lng: Lng; q: string; state: ListState; flash: Flash | null; headers: Headers; params: URLSearchParams }> {
  await requireAdmin(request);
  const url = new URL(request.url);
  const { flash, headers } = await readFlash(request);
  return {
    lng: lngFromUrl(request.url),
    q: (url.searchParams.get("q") ?? "").trim().slice(0, 100),
    state: readListState(url),
    flash,
    headers,
    params: url.searchParams,
  };
}
