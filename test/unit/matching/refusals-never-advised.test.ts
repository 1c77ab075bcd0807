import { describe, expect, it } from "vitest";

import { callbackScript } from "../../../app/assignments/route-lead.server";
import type { LeadFlag } from "../../../app/domain/lead-flags";
import type { MatchNeed } from "../../../app/domain/matching/types";
import { explainExclusions, nearestMisses } from "../../../app/domain/matching/why-not";
import { lead, space } from "../../fixtures/match-eval";

// Trial 35, H1 (docs/decisions/158): "不考虑高淳，溧水江宁都可以" stored placeExcluded 高淳, and the call-back task told
// the hotline "意向区域加上 高淳区 可匹配" — advice toward what the enterprise refused. No advice (suggestion, near miss,
// call-back line) may widen the need toward a refusal; the why-not says the refusal instead.

const refusing = (n: MatchNeed, ...flags: [LeadFlag["code"], string][]): MatchNeed => ({
  ...n,
  flags: flags.map(([code, text]) => ({ field: "need.notes", code, text })),
});

const gaochun = { id: "GC", name: "高淳经济开发区", district: "高淳区", districtCode: "320118" };
const pukou = { id: "PK", name: "浦口园区", district: "浦口区", districtCode: "320111" };
const jiangning = { id: "JN", name: "江宁园区", district: "江宁区", districtCode: "320115" };
const gulou = { id: "GL", name: "鼓楼园区", district: "鼓楼区", districtCode: "320106" };
const suzhou = { id: "SZ", name: "苏州园区", district: "虎丘区", districtCode: "320505" };

const base = { kind: "factory", deal: "lease", industry: "C29", min: 3000, max: 5000, tax: 50 } as const;

function advice(n: MatchNeed, spaces: ReturnType<typeof space>[]) {
  const excluded = explainExclusions(n, spaces, new Set(), { perPark: 5 });
  const scripts = (["zh", "en"] as const).map((lng) => callbackScript("PM-20261205-0003", excluded, lng)).join("\n");
  return { excluded, scripts, near: nearestMisses(excluded, 10).map((e) => e.spaceId) };
}

describe("a refused place is never advised", () => {
  const spaces = [
    space({ id: "GC-1", title: "单层厂房1号", areaSqm: 4000, park: gaochun }), // fits but for the place refused
    space({ id: "PK-1", title: "浦口车间", areaSqm: 4000, park: pukou }), // fits but for the place, not refused
  ];

  // [label, the flag's text, the name said in the reason: the refused place that covers the park]
  for (const [label, typed, said] of [
    ["zh, as typed (高淳)", "高淳", "高淳"],
    ["zh, with its kind (高淳区)", "高淳区", "高淳区"],
    ["en (Gaochun)", "Gaochun", "Gaochun"],
    ["a list (六合、高淳)", "六合、高淳", "高淳"],
  ] as const) {
    it(`regions filled, placeExcluded ${label}: no "add 高淳", not a near miss, the refusal said`, () => {
      const n = refusing(lead({ ...base, regions: ["溧水区", "江宁区"] }), ["placeExcluded", typed]);
      const { excluded, scripts, near } = advice(n, spaces);
      const gc = excluded.find((e) => e.spaceId === "GC-1")!;
      expect(gc.suggestion).toBeNull();
      expect(gc.near).toBe(false);
      expect(gc.reasons[0].zh).toBe(`园区位于 高淳区，企业已明确不考虑${said}`);
      expect(gc.reasons[0].en).toContain("ruled out");
      expect(near).toEqual(["PK-1"]);
      expect(scripts).not.toContain("单层厂房1号");
      expect(scripts).not.toMatch(/高淳区 可匹配|Add Gaochun/);
      // A place not refused is still offered as before; without the refusal 高淳 is too.
      expect(scripts).toContain("意向区域加上 浦口区 可匹配");
      expect(advice(lead({ ...base, regions: ["溧水区", "江宁区"] }), spaces).near.sort()).toEqual(["GC-1", "PK-1"]);
      expect(scripts).toContain("Add Pukou District (浦口区) to the wanted districts");
    });
  }

  it("regions blank (placeExcludedOpen): a space in the refused place is offered no other change either", () => {
    const n = refusing(lead({ ...base, ceiling: 8 }), ["placeExcludedOpen", "高淳"]);
    const low = [
      space({ id: "GC-LOW", title: "高淳低车间", areaSqm: 4000, ceilingM: 7, park: gaochun }),
      space({ id: "JN-LOW", title: "江宁低车间", areaSqm: 4000, ceilingM: 7, park: jiangning }),
    ];
    const { excluded, scripts, near } = advice(n, low);
    const gc = excluded.find((e) => e.spaceId === "GC-LOW")!;
    expect(gc.suggestion).toBeNull();
    expect(gc.reasons.map((r) => r.zh)).toEqual(["层高 7m < 需求 8m", "园区位于 高淳区，企业已明确不考虑高淳"]);
    expect(near).toEqual(["JN-LOW"]);
    expect(scripts).not.toContain("高淳低车间");
    expect(scripts).toContain("层高要求放宽到 7m 可匹配 江宁园区 江宁低车间");
  });

  it("a refused city covers its districts; a refused name of several cities covers a district of that name", () => {
    const low = [
      space({ id: "SZ-LOW", title: "苏州低车间", areaSqm: 4000, ceilingM: 7, park: suzhou }),
      space({ id: "GL-LOW", title: "鼓楼低车间", areaSqm: 4000, ceilingM: 7, park: gulou }),
      space({ id: "JN-LOW", title: "江宁低车间", areaSqm: 4000, ceilingM: 7, park: jiangning }),
    ];
    const n = refusing(lead({ ...base, ceiling: 8 }), ["placeExcludedOpen", "苏州"], ["placeExcludedOpen", "鼓楼"]);
    const { excluded, near } = advice(n, low);
    expect(near).toEqual(["JN-LOW"]);
    expect(excluded.find((e) => e.spaceId === "SZ-LOW")!.reasons.at(-1)!.zh).toBe("园区位于 虎丘区，企业已明确不考虑苏州");
    expect(excluded.find((e) => e.spaceId === "GL-LOW")!.reasons.at(-1)!.zh).toBe("园区位于 鼓楼区，企业已明确不考虑鼓楼");
  });
});

describe("a refused side of the area is never advised", () => {
  // "6000平以上不要" (ADR 132): the stored maximum is the edge of a refusal, flagged areaCeilingOnly.
  const n = lead({ kind: "factory", deal: "lease", industry: "C29", max: 6000, regions: ["江宁区"], tax: 50 });
  const big = [space({ id: "JN-BIG", title: "江宁大车间", areaSqm: 8000, park: jiangning })];

  it("no 'raise the maximum' for a maximum the enterprise set by refusing above it (zh and en)", () => {
    const { excluded, scripts, near } = advice(refusing(n, ["areaCeilingOnly", "6000平以上不要"]), big);
    expect(excluded[0].suggestion).toBeNull();
    expect(near).toEqual([]);
    expect(scripts).not.toMatch(/面积上限放宽|Raise the maximum/);
    // A maximum that is a wish keeps its advice.
    const wish = advice(n, big);
    expect(wish.excluded[0].suggestion?.zh).toContain("面积上限放宽到");
    expect(wish.near).toEqual(["JN-BIG"]);
  });

  it("an English refusal flag works the same", () => {
    const { excluded } = advice(refusing(n, ["areaCeilingOnly", "anything above 6000 sqm is a no-go"]), big);
    expect(excluded[0].suggestion).toBeNull();
  });
});
