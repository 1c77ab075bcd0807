import { expect } from "vitest";

/**
 * One form of a page as a browser sends it — its hidden fields, texts, the checked radio, the selected option — found
 * by a `marker` it holds (`'name="start"'`, `'value="role"'`): field name → value.
 */
export function formOf(html: string, marker: string): Record<string, string> {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map(([f]) => f).find((f) => f.includes(marker));
  expect(form, marker).toBeTruthy();
  const sent: Record<string, string> = {};
  for (const [tag] of form!.matchAll(/<input\b[^>]*>/g)) {
    const attr = (a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(tag)?.[1];
    const name = attr("name");
    if (!name || (/type="(?:radio|checkbox)"/.test(tag) && !/checked=""/.test(tag))) continue;
    sent[name] = attr("value") ?? "on";
  }
  for (const [, name, options] of form!.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    sent[name] = /<option value="([^"]*)" selected="">/.exec(options)?.[1] ?? "";
  return sent;
}
