import type { LoaderFunctionArgs } from "@remix-run/node";

import { apiError } from "~/api/errors.server";
import { childDivisions, searchDivisions } from "~/domain/regions";

/**
 * GET /api/regions — the region picker's lists (GB/T 2260 divisions, app/domain/regions.ts):
 * `?parent=320000` the cities of a province (or a city's districts), no parameter the provinces,
 * `?q=高淳` / `?q=gaoc` up to 10 divisions for search-as-you-type. Public: no personal data.
 * A malformed `parent` → 400 `{errors: {parent: […]}}` (ADR 025).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 40);
  const parent = url.searchParams.get("parent") ?? "";
  if (parent && !/^\d{6}$/.test(parent)) return apiError(request, 400, "divisionCode", { field: "parent" });
  const divisions = q.trim() ? searchDivisions(q, 10) : childDivisions(parent || undefined);
  return Response.json({ divisions }, { headers: { "Cache-Control": "public, max-age=3600" } });
}
