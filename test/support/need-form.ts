import { expect } from "vitest";

// The need form of a stored lead (hotline lead page, recruiter's correction page) as a browser sends it.

/** HTML text of an attribute or element decoded as the browser reads it. */
export const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The fields the page's need form (intent=need) sends as rendered: inputs, ticked boxes, selected options, textareas but the call note. */
export function needFormOf(html: string): Record<string, string> {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map(([f]) => f).find((f) => /name="intent" value="need"/.test(f))!;
  expect(form).toBeTruthy();
  const sent: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const attr = (a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(tag)?.[1];
    const name = attr("name");
    if (!name || (/type="(?:radio|checkbox)"/.test(tag) && !/checked=""/.test(tag))) continue;
    sent[name] = decodeEntities(attr("value") ?? "on");
  }
  for (const [, name, options] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    sent[name] = decodeEntities(/<option value="([^"]*)" selected="">/.exec(options)?.[1] ?? "");
  for (const [, name, text] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    if (name !== "note") sent[name] = decodeEntities(text);
  return sent;
}
