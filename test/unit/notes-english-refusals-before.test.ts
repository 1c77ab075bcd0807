import { describe, expect, it } from "vitest";

import { parseNeedText } from "~/domain/need-text";
import { planNoteRegions } from "~/domain/note-regions";

// Attack 31 (2026-12-05, F1 and F6): English refusals said BEFORE what they refuse — "we don't want anything above
// 5000 sqm", "we don't want Jiangning" — and Chinese refusal words after a bound the reader did not know (不予考虑,
// 吃不下, 对我们来说…太大) were stored as the opposite of what was said, unflagged (ADR 128 and 129, amended by fix31).

/** The area the reader fills for `notes` on a factory lead: [min, max] in ㎡ (null: not filled), and what it tells unread. */
function area(notes: string): { min: number | null; max: number | null; told: boolean } {
  const r = parseNeedText(notes, undefined, [], "factory");
  return { min: r.hints.areaMinSqm ?? null, max: r.hints.areaMaxSqm ?? null, told: r.unread.length > 0 };
}

describe("an area bound refused is the other bound, the refusal said before it in English or after it in Chinese", () => {
  it.each([
    // [notes, min, max] — the attack's words
    ["we don't want anything above 5000 sqm", null, 5000],
    ["nothing above 5000 sqm", null, 5000],
    ["avoid anything above 4000 sqm", null, 4000],
    ["we can't take anything over 6000 sqm", null, 6000],
    ["we do not need more than 5000 sqm", null, 5000],
    ["not interested in anything under 2000 sqm", 2000, null],
    ["spaces over 5000 sqm are not an option", null, 5000],
    ["under 3000 sqm is useless to us", 3000, null],
    ["5000平以上的不予考虑", null, 5000],
    ["5000平以上的暂不考虑", null, 5000],
    ["5000平以上没法要", null, 5000],
    ["1万平以上的我们吃不下", null, 10000],
    ["3000平以下的我们看不上", 3000, null],
    ["5000平以上的太浪费了", null, 5000],
    ["5000平以上的用不完", null, 5000],
    ["10000平以上对我们来说太大", null, 10000],
    ["5000平以上对我们而言太大了", null, 5000],
    ["5000平以上的对咱们来说太贵", null, 5000],
    // fix31's own: other words of the same kinds
    ["we won't consider anything above 8000 sqm", null, 8000],
    ["we cannot afford anything over 6000 sqm", null, 6000],
    ["we really don't need a factory below 1000 sqm", 1000, null],
    ["anything above 6000 sqm won't work for us", null, 6000],
    ["8000平以上的先不考虑", null, 8000],
    ["2万平以上的要不了", null, 20000],
    ["5000平以上对于我们来讲太大了", null, 5000],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(area(notes)).toEqual({ min, max, told: false });
  });

  it.each([
    // A negation the reader cannot place is told, never stored as the bound said.
    "we never really go above 5000 sqm",
    "above 5000 sqm doesn't suit our budget",
    // "Below 3000 is too big to use up" says the other side: no bound can be read (ADR 128's TOO).
    "3000平以下用不完",
  ])("%s → told, nothing stored", (notes) => {
    expect(area(notes)).toEqual({ min: null, max: null, told: true });
  });

  it.each([
    ["above 5000 sqm please", 5000, null],
    ["over 3000 sqm without columns", 3000, null],
    ["at least 3000 sqm, no columns", 3000, null],
    ["no more than 5000 sqm", null, 5000],
    ["not less than 3000 sqm", 3000, null],
    ["3000平以上无柱厂房", 3000, null],
    ["5000平以上，不要靠近居民区", 5000, null],
  ] as const)("a bound wanted stays wanted: %s → [%s, %s]", (notes, min, max) => {
    expect(area(notes)).toEqual({ min, max, told: false });
  });
});

const JIANGNING = "320115";
const PUKOU = "320111";

/** What the notes fill (codes) and the ruled flags' codes. */
function places(notes: string) {
  const p = planNoteRegions(notes, [])!;
  return { codes: p.fill?.codes ?? [], ruled: p.ruled.map((r) => `${r.code}:${r.text}`) };
}

describe("an English place refused with the negation before its marker word is ruled out, never wished", () => {
  it.each([
    ["we don't want Jiangning", "Jiangning"],
    ["we prefer not to be in Jiangning", "Jiangning"],
    ["we never want to move to Jiangning", "Jiangning"],
    ["don't consider Pukou", "Pukou"],
    // fix31's own
    ["we do not want to be located in Jiangning", "Jiangning"],
    ["we would rather not relocate to Pukou", "Pukou"],
    ["we don't plan to expand to Pukou", "Pukou"],
    ["we are not considering Pukou", "Pukou"],
  ])("%s → %s ruled out, nothing filled", (notes, place) => {
    expect(places(notes)).toEqual({ codes: [], ruled: [`placeExcludedOpen:${place}`] });
  });

  it("a place refused beside one wanted: the wanted one fills, the other is ruled out", () => {
    expect(places("we don't want Jiangning. we want Pukou")).toEqual({ codes: [PUKOU], ruled: ["placeExcluded:Jiangning"] });
  });

  it.each([
    // A negation that governs another verb does not reach the place.
    ["we need a site that doesn't flood in Jiangning", [JIANGNING]],
    ["not sure yet, we want Jiangning", [JIANGNING]],
    ["we want something in Jiangning or Pukou", [JIANGNING, PUKOU].sort()],
  ])("%s → %j", (notes, codes) => {
    expect(places(notes).codes).toEqual(codes);
  });
});
