import { describe, expect, it } from "vitest";

import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";
import { assistPreview } from "~/leads/assist-preview";
import { notRead } from "~/leads/lead-view.server";

// ADR 180.
// fixes37 (rent per ㎡): "租金两块一平" gave no budget — worse, the area reader took "一平" for an area of 1 ㎡ and "两块" for two
// plots (块 counts land), so the notes filled 2 × 1 ㎡. A money figure (块, 元) beside 一平 / 每平 is a price per ㎡ (元/㎡, per
// month when a month is said): read out with the budgets, neither figure an area or a count.
// fixes37 (live not-read): the form's live reading listed no clause it did not read while the confirmation page and the desk
// did: one rule now (notes-clauses-not-read.ts), the live reading lists what the confirmation page will.
const at = new Date("2026-12-05T00:00:00Z");
const read = (notes: string, kind = "factory") => parseNeedText(notes, at, [extractMoney], kind);

const RENTS = [
  "租金两块一平",
  "一平两块五",
  "每平米每月2块",
  "租金两块一平米",
  "租金2块钱一平",
  "一平米一个月2块5",
  "一平方两块五一个月",
  "单价两块五一平",
  "两块一平",
  "2元一平",
  "租金两块一一平",
  "一平米十五块",
  "厂房一平二十块钱一个月",
  "租金每平米两块",
  "租金2.5元/平/月",
  "一平1块8",
  "房租一平米一个月十二块左右",
];

describe("a rent per ㎡ said as people speak it is a budget, never an area (ADR 180)", () => {
  it.each(RENTS)("%j → a budget, no area, no count", (notes) => {
    const r = read(notes);
    expect(r.budget.length, JSON.stringify(r.budget)).toBe(1);
    expect(notes).toContain(r.budget[0]);
    expect(r.budget[0]).toMatch(/[块元]/);
    expect(r.hints.areaMinSqm).toBeUndefined();
    expect(r.hints.areaMaxSqm).toBeUndefined();
    expect(r.hints.unitCount).toBeUndefined();
    // Said back live, and not listed as not read on the confirmation page.
    const p = assistPreview(notes, new Set(), "zh", "factory", [extractMoney]);
    expect(p.understood).toContain(`预算/价格：${r.budget[0]}`);
    expect(notRead({ notes, kind: "factory" }, [], at)).toEqual([]);
  });

  it("the same reading without the money reader (the form's first load): never an area", () => {
    for (const notes of RENTS) expect(parseNeedText(notes, at, [], "factory").hints.areaMinSqm, notes).toBeUndefined();
  });

  it("areas and counts beside a rent are still read", () => {
    expect(read("要5000平，租金两块一平").hints).toMatchObject({ areaMinSqm: 4500, areaMaxSqm: 5500 });
    expect(read("要5000平，租金两块一平").budget).toEqual(["租金两块一平"]);
    expect(read("要两块地，每块50亩", "land").hints.unitCount).toBe(2);
    expect(read("3000平的厂房，一平两块五").hints).toMatchObject({ areaMinSqm: 2700, areaMaxSqm: 3300 });
  });
});

describe("the live reading lists the clauses not read, as the confirmation page does (ADR 180)", () => {
  const NOTES = [
    "要5000平厂房，需要带月台的仓库，双回路供电",
    "要有5吨行车，带月台",
    "江宁浦口都行，要有环评",
    "不要六合区，要10吨行车",
    "预算300万，年纳税500万，要独门独院",
    "Need 5000 sqm in Jiangning, with a loading dock",
    "在江宁，哦不，在浦口，要有食堂",
    "需要2臺630千伏安變壓器，雙迴路供電",
    "只租不买，要有员工宿舍",
    "租金两块一平，需要办公楼",
    "层高8米，承重3吨，要靠近高速口",
    "谢谢，电话13812345678",
  ];
  it.each(NOTES)("%j: the same clauses live and on the confirmation page", (notes) => {
    // The resolver's answers (the form's script asks the server for the names it cannot settle itself): places named, others not.
    const known = (name: string) => ["江宁", "浦口", "江宁浦口", "六合区", "Jiangning"].includes(name);
    const live = assistPreview(notes, new Set(), "zh", "factory", [extractMoney], undefined, known).notRead;
    expect(live).toBe(notRead({ notes, kind: "factory" }, [], at).join("；"));
  });

  it("says something for a clause no reader used, and nothing before the money reader has come", () => {
    expect(assistPreview("要有5吨行车，带月台", new Set(), "zh", "factory", [extractMoney]).notRead).toBe("带月台");
    expect(assistPreview("要有5吨行车，带月台", new Set(), "zh", "factory").notRead).toBe("");
  });
});
