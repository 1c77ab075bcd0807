// The web layer's refusal page (app/http/refusal.server.tsx) as a test reads it: its message, and the
// hidden fields its "send again" button posts back.

/** The page's message (`<p role="alert">`), HTML entities as sent. */
export function refusalAlert(page: string): string {
  return /<p role="alert">([^<]*)<\/p>/.exec(page)?.[1] ?? "";
}

/** The hidden fields of the page's button, in order, unescaped. */
export function resendFields(page: string): [string, string][] {
  const unescape = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)].map(([, n, v]) => [unescape(n), unescape(v)]);
}
