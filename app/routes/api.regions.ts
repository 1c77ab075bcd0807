import type { LoaderFunctionArgs } from "@remix-run/node";

import { apiError } from "~/api/errors.server";
import { childDivisions, searchDivisions } from "~/domain/regions";
import { lngFromUrl } from "~/i18n/lng";
import { divisionOption, resolvePicked } from "~/leads/region-picker.server";

/**
 * GET /api/regions — the region picker's lists (GB/T 2260 divisions, app/domain/regions.ts):
 * `?parent=320000` the cities of a province (or a city's districts), no parameter the provinces,
 * `?q=高淳` / `?q=gaoc` up to 10 divisions for search-as-you-type; each `{code, level, name, label, path}`, `label`
 * in the page's language (`?lng=en`: "Gaochun District (高淳区)", else the name); `?resolve=lishui` the region
 * picker's "add": `{resolved: [path]}` as the lead schema will resolve it, or `{problem: {message,
 * suggestions: [{path, label}]}}` for an unknown or ambiguous name. Public: no personal data.
 * A malformed `parent` → 400 `{errors: {parent: […]}}` (ADR 025).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 40);
  const parent = url.searchParams.get("parent") ?? "";
  if (parent && !/^\d{6}$/.test(parent)) return apiError(request, 400, "divisionCode", { field: "parent" });
  const lng = lngFromUrl(request.url);
  const resolve = (url.searchParams.get("resolve") ?? "").trim().slice(0, 40);
  if (resolve) {
    const r = resolvePicked(resolve, lng);
    return Response.json(r.ok ? { resolved: r.paths } : { problem: r.problem }, { headers: { "Cache-Control": "public, max-age=3600" } });
  }
  const found = q.trim() ? searchDivisions(q, 10) : childDivisions(parent || undefined);
  const divisions = found.map((d) => ({ ...d, label: divisionOption(d, lng).label }));
  return Response.json({ divisions }, { headers: { "Cache-Control": "public, max-age=3600" } });
}
