export const LNGS = ["zh", "en"] as const;
export type Lng = (typeof LNGS)[number];

/** zh-CN first: English only when asked for by `?lng=en` or, for the JSON API, Accept-Language. */
export function lngFromRequest(request: Request): Lng {
  const url = new URL(request.url);
  const q = url.searchParams.get("lng");
  if (q) return q.toLowerCase().startsWith("en") ? "en" : "zh";
  const accept = request.headers.get("accept-language") ?? "";
  const first = accept.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh";
}

/** Only the query string decides for pages, so a link is always the same page. */
export function lngFromUrl(url: string): Lng {
  return new URL(url).searchParams.get("lng")?.toLowerCase().startsWith("en") ? "en" : "zh";
}
