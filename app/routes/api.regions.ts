import type { LoaderFunctionArgs } from "@remix-run/node";

import { apiError } from "~/api/errors.server";
import { regionNameMax } from "~/domain/region-name-limit";
import { childDivisions, type Division, divisionByCode, resolveRegion, searchDivisions, searchZones, zoneNamed } from "~/domain/regions";
import { englishDivisionName, englishZoneLabel, searchZonesEnglish } from "~/domain/regions-en";
import { lngFromUrl } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { validationMessage } from "~/i18n/validation-messages";
import { divisionOption, resolvePicked } from "~/leads/region-picker.server";

/**
 * GET /api/regions — the region picker's lists (GB/T 2260 divisions, app/domain/regions.ts):
 * `?parent=320000` the cities of a province (or a city's districts), no parameter the provinces,
 * `?q=高淳` / `?q=gaoc` up to 10 divisions for search-as-you-type, zones after them (`?q=江北新区`: level "zone",
 * path its name, `codes` its districts; ADR 113 amended); each `{code, level, name, label, path}`, `label`
 * in the page's language (`?lng=en`: "Gaochun District (高淳区)", else the name); `?resolve=lishui` the region
 * picker's "add": `{resolved: [path]}` as the lead schema will resolve it, or `{problem: {message,
 * suggestions: [{path, label}]}}` for an unknown or ambiguous name. What answers typed text (`q`, `resolve`) is never
 * stored by a cache (`private, no-store`: the words are what someone typed; ADR 137, 140); the lists by code
 * (`parent`, none) are public (cached an hour).
 * A malformed `parent` → 400 `{errors: {parent: […]}}` (ADR 025).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const typedQ = url.searchParams.get("q") ?? "";
  const q = typedQ.slice(0, regionNameMax(typedQ));
  const parent = url.searchParams.get("parent") ?? "";
  if (parent && !/^\d{6}$/.test(parent)) return apiError(request, 400, "divisionCode", { field: "parent" });
  const lng = lngFromUrl(request.url);
  const typed = (url.searchParams.get("resolve") ?? "").trim();
  const resolve = typed.slice(0, regionNameMax(typed));
  if (resolve) {
    const r = resolvePicked(resolve, lng);
    // What was typed is in the URL, and a word the form's preview sends may be anything the notes hold: no shared
    // cache keeps it (docs/decisions/137, attack 32 M4). The browser asks once per name per page anyway.
    return Response.json(r.ok ? { resolved: r.paths } : { problem: r.problem }, { headers: { "Cache-Control": "private, no-store" } });
  }
  const latin = /[a-z]/i.test(q) && !/\p{Script=Han}/u.test(q);
  let found = q.trim() ? searchDivisions(q, 10) : childDivisions(parent || undefined);
  // Latin words that name a place with zone words no name starts with ("Pukou Industrial Park", "jiangning
  // development zone"): what the regions field will resolve them to (trial 12-05).
  if (q.trim() && latin && found.length === 0) {
    const r = resolveRegion(q);
    if (r.ok) found = r.divisions;
  }
  // Zones (江北新区, 雄安, 苏州高新区: zones.ts, ADR 113 amended) are offered after the divisions, room kept for them: `level`
  // "zone", `path` the zone's name (what the regions field resolves to all its districts), `codes` and
  // `label` the districts it lies in ("南京江北新区（在浦口区、六合区、栖霞区）").
  const list = punctuationMessages.t(lng, "list");
  // In Latin letters, zones also by the words of their English names ("high-tech", "new area", "jiangning";
  // trial 12-05), after those found by their pinyin.
  const zoneHits = q.trim() ? searchZones(q, 5) : [];
  if (latin)
    for (const name of searchZonesEnglish(q, 5)) {
      if (zoneHits.length >= 5 || zoneHits.some((z) => z.name === name)) continue;
      const divisions = (zoneNamed(name)?.codes ?? []).map(divisionByCode).filter((d): d is Division => d !== undefined);
      if (divisions.length) zoneHits.push({ name, divisions });
    }
  const zones = q.trim()
    ? zoneHits.map((z) => ({
        code: z.divisions[0].code,
        codes: z.divisions.map((d) => d.code),
        level: "zone" as const,
        name: z.name,
        path: z.name,
        // English: "Nanjing Jiangbei New Area (南京江北新区), in Pukou District, Qixia District, Luhe District" (ADR 123).
        label: validationMessage(lng, "regionZoneOption", {
          name: lng === "en" ? (englishZoneLabel(z.name) ?? z.name) : z.name,
          districts: z.divisions.map((d) => (lng === "en" ? (englishDivisionName(d.code) ?? d.name) : d.name)).join(list),
        }),
      }))
    : [];
  // Only a search is bounded (10, room kept for zones); a level's list is whole (34 provinces, a city's districts).
  const shown = q.trim() ? found.slice(0, 10 - zones.length) : found;
  const divisions = [...shown.map((d) => ({ ...d, label: divisionOption(d, lng).label })), ...zones];
  // A search answers what someone typed (`q` may be any text: a name, a phone number pasted by mistake): like
  // `resolve`, never kept by a shared cache (ADR 140, privacy32). The lists by code hold nothing typed: public.
  const cache = q.trim() ? "private, no-store" : "public, max-age=3600";
  return Response.json({ divisions }, { headers: { "Cache-Control": cache } });
}
