import { describe, expect, it } from "vitest";

import { callbackScript } from "../../../app/assignments/route-lead.server";
import { explainExclusions } from "../../../app/domain/matching/why-not";
import { lead, space } from "../../fixtures/match-eval";

// Trial39 L1: the hotline's call-back card named each near miss twice — "1. 高淳医疗器械产业园（示例） 多层厂房第2层（整栋4层）：配电要求放宽到
// 250kVA 可匹配 高淳医疗器械产业园（示例） 多层厂房第2层（整栋4层）" (en alike): the card put the park and space before the advice, and the
// advice names them itself. The kind: every suggestion the near miss carries (area, a figure, single storey, region, deal), each
// line of the script names its space once; a near miss without advice still names it.

const park = { id: "GC", name: "高淳测试园", district: "高淳区", districtCode: "320118" };
const need = lead({
  kind: "factory",
  deal: "lease",
  industry: "C35",
  min: 2000,
  max: 2400,
  ceiling: 8,
  power: 600,
  crane: 5,
  regions: ["高淳区"],
  tax: 300,
});

const spaces = [
  space({ id: "LOW-POWER", title: "甲车间", areaSqm: 2200, ceilingM: 9, powerKva: 400, craneT: 10, park }),
  space({ id: "LOW-CEILING", title: "乙车间", areaSqm: 2200, ceilingM: 7, powerKva: 800, craneT: 10, park }),
  space({ id: "TOO-BIG", title: "丙车间", areaSqm: 3600, ceilingM: 9, powerKva: 800, craneT: 10, park }),
];

describe("the call-back script's near misses", () => {
  const excluded = explainExclusions(need, spaces, new Set(), { perPark: 5 });

  it.each(["zh", "en"] as const)("%s: each names its park and space once, with the advice", (lng) => {
    const script = callbackScript("PM-20261206-0099", excluded, lng);
    const lines = script.split("\n").filter((l) => /^\d\. /.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const title = ["甲车间", "乙车间", "丙车间"].find((t) => line.includes(t))!;
      expect(title, line).toBeDefined();
      expect(line.split(title).length - 1, line).toBe(1);
      expect(line.split("高淳测试园").length - 1, line).toBe(1);
    }
    expect(script).toContain(
      lng === "zh" ? "配电要求放宽到 400kVA 可匹配 高淳测试园 甲车间" : "Accept power of 400kVA to match 高淳测试园 甲车间",
    );
  });

  it("a near miss with no advice still says which space and why", () => {
    const noAdvice = excluded.map((e) => ({ ...e, suggestion: null }));
    const script = callbackScript("PM-20261206-0099", noAdvice, "zh");
    expect(script).toMatch(/1\. 高淳测试园 \S+车间：/);
  });
});
