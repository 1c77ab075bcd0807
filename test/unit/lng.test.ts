import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { type Lng, lngFrom } from "../../app/i18n/lng";

// lngFrom parses the URL only when it holds a "?": these hold it to the rule that always parsed it.
function parsedEveryTime(url: string, acceptLanguage: string | null | undefined): Lng {
  let q: string | null = null;
  try {
    q = new URL(url, "http://x.invalid").searchParams.get("lng");
  } catch {
    // the header decides
  }
  if (q) return q.toLowerCase().startsWith("en") ? "en" : "zh";
  return ((acceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "").startsWith("en") ? "en" : "zh";
}

describe("lngFrom", () => {
  it.each<[string, string | null, Lng]>([
    ["/api/leads", null, "zh"],
    ["/api/leads", "en-US,en;q=0.9", "en"],
    ["/api/leads", "zh-CN,en;q=0.8", "zh"],
    ["/api/leads?lng=en", "zh-CN", "en"],
    ["/api/leads?lng=zh", "en", "zh"],
    ["/api/leads?lng=EN-gb", null, "en"],
    ["/api/leads?%6Cng=en", null, "en"],
    ["/api/leads?x=1&lng=en", null, "en"],
    ["/api/leads?lng=", "en", "en"],
    ["/api/leads#?lng=en", null, "zh"],
    ["/api/leads%3Flng=en", null, "zh"],
    ["/api/le\tads?lng=en", null, "en"],
    ["https://parkmatch.example/?lng=en", null, "en"],
    ["http://[::1", "en", "en"],
    ["http://[::1?lng=zh", "en", "en"],
  ])("%s with Accept-Language %s → %s", (url, accept, lng) => {
    expect(lngFrom(url, accept)).toBe(lng);
    expect(parsedEveryTime(url, accept)).toBe(lng);
  });

  it("answers as parsing every URL would", () => {
    const part = fc.constantFrom("/", "/api/leads", "?", "#", "lng", "=", "en", "zh", "&", "%3F", "%6C", "\t", "http://h", "[", " ", "x");
    const url = fc.array(part, { maxLength: 8 }).map((p) => p.join(""));
    fc.assert(
      fc.property(url, fc.constantFrom(null, undefined, "", "en", "zh-CN,en", " EN-us "), (u, accept) => {
        expect(lngFrom(u, accept)).toBe(parsedEveryTime(u, accept));
      }),
      { numRuns: 5000 },
    );
  });
});
