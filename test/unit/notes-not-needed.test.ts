import { describe, expect, it } from "vitest";

import type { LeadFlag } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { planAssist } from "../../app/domain/need-assist";
import { parseNeedText } from "../../app/domain/need-text";
import { describeFlag, isReadingFlag } from "../../app/i18n/flag-messages";
import { assistPreview } from "../../app/leads/assist-preview";
import { validLeadJson } from "../support/leads";

// An attack (2026-12-04, F3): notes that say a figure is NOT needed made it a hard minimum —
// "不需要行车，我们自己有10吨行车" stored craneMinT 10, excluding every space without a crane for an
// enterprise that needs none. A negation of the item anywhere in the sentence, or the enterprise's own
// equipment / present site, keeps the figure out of the need; the recruiter is told (docs/decisions/110).

const NOW = () => new Date("2026-12-04T06:00:00Z");

function lead(notes: string) {
  const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown> };
  body.need = { kind: "factory", deal: "lease", areaMin: "3000", notes };
  const r = createLeadSchema("zh", "api", { now: NOW }).safeParse(body);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}

const SPEC = ["craneMinT", "ceilingMinM", "powerMinKva", "floorLoadMinKg"] as const;

describe("a figure the enterprise has of its own or at its present site is no requirement", () => {
  it.each([
    ["不需要行车，我们自己有10吨行车", "我们自己有10吨行车"],
    ["我们自己有10吨行车", "我们自己有10吨行车"],
    ["10吨行车我们自己有", "10吨行车我们自己有"],
    ["不要求层高，原厂房层高12米", "原厂房层高12米"],
    ["原厂房地面承重3吨/平", "原厂房地面承重3吨/平"],
    ["原车间有16/3.2吨行车", "原车间有16/3.2吨行车"],
    ["不需要配电，有自己的变压器800kva", "有自己的变压器800kva"],
    ["自带变压器800kva，不用园区配电", "自带变压器800kva"],
    ["自带两台500kva变压器", "自带两台500kva变压器"],
    ["800kva变压器自备", "800kva变压器自备"],
    ["我们已有1000千伏安的变压器", "我们已有1000千伏安的变压器"],
    ["老厂房层高8米", "老厂房层高8米"],
    ["We already have a 10 t crane", "We already have a 10 t crane"],
    // ADR 101's present premises are told now too, as what they are.
    ["现有设备用电800kva", "现有设备用电800kva"],
    ["现在租的厂房层高6米太矮", "现在租的厂房层高6米太矮"],
  ])("%s → nothing filled; told: %s", (notes, text) => {
    const r = parseNeedText(notes);
    for (const f of SPEC) expect(r.hints[f]).toBeUndefined();
    expect(r.setAside).toContainEqual({ text, why: "own" });
    expect(r.unread).toEqual([]);
  });

  it.each([
    ["我们自己有5000平的厂房，还要租3000平", 2700, 3300],
    ["自有土地30亩，想再租一个3000平的仓库", 2700, 3300],
    ["原厂房8000平，新厂房要5000平以上", 5000, undefined],
  ])("the area: %s → the wanted area only", (notes, min, max) => {
    const r = parseNeedText(notes);
    expect(r.hints.areaMinSqm).toBe(min);
    expect(r.hints.areaMaxSqm).toBe(max);
    expect(r.setAside.map((a) => a.why)).toEqual(["own"]);
  });
});

describe("an item said not to be needed anywhere in the sentence is no requirement", () => {
  it.each([
    ["行车不需要，厂房里有10吨行车也没关系", "craneMinT"],
    ["不需要行车，10吨行车有也行", "craneMinT"],
    ["层高没要求，8米高左右就行", "ceilingMinM"],
    ["层高不限，9米高也可以", "ceilingMinM"],
    ["配电无所谓，800kva左右", "powerMinKva"],
    ["不用园区配电，800kva够了", "powerMinKva"],
    ["承重不要求，2吨/平就可以", "floorLoadMinKg"],
    ["无需额外的起重设备，5吨行车就行", "craneMinT"],
    ["no crane needed, 10 t crane would be fine", "craneMinT"],
    ["不需要10吨行车", "craneMinT"],
  ])("%s → %s not filled, told as not needed", (notes, field) => {
    const r = parseNeedText(notes);
    expect(r.hints[field as (typeof SPEC)[number]]).toBeUndefined();
    expect(r.setAside.map((a) => a.why)).toContain("notNeeded");
    expect(r.unread).toEqual([]);
  });

  it.each([
    ["层高9米以上，不需要行车", { ceilingMinM: 9 }],
    ["不需要行车，层高要9米，配电800kva", { ceilingMinM: 9, powerMinKva: 800 }],
    ["现在没有行车，需要10吨行车", { craneMinT: 10 }],
    ["不用太大的变压器，500kva就够", { powerMinKva: 500 }],
    ["配电不用太多，500kva就够", { powerMinKva: 500 }],
    ["层高不要低于9米", { ceilingMinM: 9 }],
    ["不要求单层，层高9米", { ceilingMinM: 9 }],
    ["不要求单层层高9米", { ceilingMinM: 9 }],
    ["自己有一台5吨行车，还需要一台10吨行车", { craneMinT: 10 }],
    ["老厂房层高8米，新厂房层高要10米以上", { ceilingMinM: 10 }],
    ["原来的厂房太小，需要层高9米", { ceilingMinM: 9 }],
    ["1号车间不需要行车。2号车间需要10吨行车", { craneMinT: 10 }],
    ["自有变压器1000kva不够，还需要500kva", { powerMinKva: 500 }],
  ])("still a requirement: %s → %j", (notes, hints) => {
    expect(parseNeedText(notes).hints).toMatchObject(hints);
  });

  it("the area is never said 'not needed' away: 不需要太大面积，3000平就够 is the need", () => {
    expect(parseNeedText("不需要太大面积，3000平就够").hints).toMatchObject({ areaMinSqm: 2700, areaMaxSqm: 3300 });
  });
});

describe("through the lead schema (every channel's reader): stored as no requirement, told as a reading", () => {
  it.each([
    ["不需要行车，我们自己有10吨行车", "ownPremises"],
    ["不要求层高，原厂房层高12米", "ownPremises"],
    ["不需要配电，有自己的变压器800kva", "ownPremises"],
    ["自带变压器800kva，不用园区配电", "ownPremises"],
    ["行车不需要，有10吨行车也没关系", "notNeeded"],
  ])("%s → no spec figure stored, a %s reading", (notes, code) => {
    const l = lead(notes);
    for (const f of SPEC) expect(l.need[f]).toBeUndefined();
    const flag = l.flags.find((f: LeadFlag) => f.code === code)!;
    expect(flag).toMatchObject({ field: "need.notes" });
    expect(isReadingFlag(flag)).toBe(true);
    expect(describeFlag("zh", flag)).toMatch(/未作为需求/);
    expect(describeFlag("en", flag)).toMatch(/not used as a requirement/);
    expect(l.flags.filter((f: LeadFlag) => f.code === "unread")).toEqual([]);
  });

  it("the form's preview says the same before sending (zh and en)", () => {
    const notes = "不需要行车，我们自己有10吨行车";
    expect(planAssist(notes, new Set()).fills).toEqual([]);
    expect(assistPreview(notes, new Set(), "zh", "factory").understood).toBe("自有/现有（不作为需求）：我们自己有10吨行车");
    expect(assistPreview(notes, new Set(), "en", "factory").understood).toBe(
      "own or present premises (not a requirement): 我们自己有10吨行车",
    );
    expect(assistPreview("行车不需要，有10吨行车也没关系", new Set(), "zh", "factory").understood).toMatch(/^说不需要（不作为需求）：/);
  });
});
