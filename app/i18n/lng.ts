export const LNGS = ["zh", "en"] as const;
export type Lng = (typeof LNGS)[number];

/** zh-CN first: English only when asked for by `?lng=en` or, for the JSON API, Accept-Language. */
export function lngFromRequest(request: Request): Lng {
  return lngFrom(request.url, request.headers.get("accept-language"));
}

/** The same rule from a URL (absolute, or a path with its query) and the Accept-Language header. */
export function lngFrom(url: string, acceptLanguage: string | null | undefined): Lng {
  let q: string | null = null;
  // Without a "?" there is no query to read (every API request's case): no URL parse.
  if (url.includes("?")) {
    try {
      q = new URL(url, "http://x.invalid").searchParams.get("lng");
    } catch {
      // a malformed address: the header decides
    }
  }
  if (q) return q.toLowerCase().startsWith("en") ? "en" : "zh";
  const accept = acceptLanguage ?? "";
  const first = accept.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh";
}

/** Only the query string decides for pages, so a link is always the same page. */
export function lngFromUrl(url: string): Lng {
  return new URL(url).searchParams.get("lng")?.toLowerCase().startsWith("en") ? "en" : "zh";
}
