import { describe, expect, it } from "vitest";

import { figureParts } from "~/utils/figure-text";

// ADR 149 (trial of 12-05): "3000㎡–5000 / ㎡" — a figure split from its unit across lines. Each figure with
// its unit becomes a run of its own (span.fig, nowrap); the text is never changed.
const figs = (text: string) =>
  figureParts(text)
    .filter((p) => p.fig)
    .map((p) => p.text);

describe("figureParts", () => {
  it.each<[string, string[]]>([
    ["面积 3000㎡–5000㎡", ["3000㎡", "5000㎡"]],
    ["面积 30亩（20000㎡）–50亩（33333.33㎡）", ["30亩", "20000㎡", "50亩", "33333.33㎡"]],
    ["area 30 mu (20000㎡)", ["30 mu", "20000㎡"]],
    ["层高 ≥ 8 m，配电 ≥ 500 kVA", ["8 m", "500 kVA"]],
    ["ceiling ≥ 8.5 m, crane ≥ 10t", ["8.5 m", "10t"]],
    ["年纳税 300万元", ["300万元"]],
    ["“大概三千平吧” is read as about it — 2700–3300㎡ (10% either side)", ["3300㎡"]],
    ["要3000平单层厂房，层高8米以上", ["3000平", "8米"]],
    ["1,500㎡", ["1,500㎡"]],
  ])("%j", (text, want) => {
    expect(figs(text)).toEqual(want);
    expect(
      figureParts(text)
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });

  it("no figure with a unit: the text whole; no unit words inside English words", () => {
    for (const text of ["", "places 江宁, 浦口", "2027年3月", "3 million yuan", "3 months"])
      expect(figureParts(text)).toEqual([{ text, fig: false }]);
  });
});
