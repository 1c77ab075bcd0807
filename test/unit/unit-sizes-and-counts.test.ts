import { describe, expect, it } from "vitest";

import { type AssignmentDetails, needAreaText, withdrawalScript, withdrawnNeedText } from "~/assignments/assignment-details.server";
import { leadFlags } from "~/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors, type Lead } from "~/domain/lead-schema";
import { parseNeedText } from "~/domain/need-text";
import { describeFlag } from "~/i18n/flag-messages";

import { validLeadJson } from "../support/leads";

// docs/decisions/141 (units33): units of different sizes in the notes (trial M2); each unit's size kept apart from a total
// said ("…，共16000平") and taken with a typed count on every channel (attack L3, count32's leftover); a refused count never
// multiplied into the area (attack L1); the need's area said in the notice's language (count32's leftover).

const read = (notes: string, kind = "factory") => {
  const r = parseNeedText(notes, undefined, [], kind);
  const { areaMinSqm, areaMaxSqm, unitCount, unitAreaMinSqm, unitAreaMaxSqm } = r.hints;
  return { area: [areaMinSqm, areaMaxSqm, unitCount, unitAreaMinSqm, unitAreaMaxSqm], unread: r.unread, sizes: r.unitSizes };
};

describe("units of different sizes: the count, each unit between the sizes, told", () => {
  it.each([
    ["需要两栋厂房，一栋3000平一栋5000平", [6000, 10000, 2, 3000, 5000]],
    ["一栋2000平，另一栋4000平", [4000, 8000, 2, 2000, 4000]],
    ["3000平和5000平各一栋", [6000, 10000, 2, 3000, 5000]],
    ["one 3000 sqm and one 5000 sqm building", [6000, 10000, 2, 3000, 5000]],
    // Beyond the trial's wordings.
    ["一栋3000平，一栋5000平", [6000, 10000, 2, 3000, 5000]],
    ["3000平的一栋，5000平的一栋", [6000, 10000, 2, 3000, 5000]],
    ["两栋厂房，分别3000平和5000平", [6000, 10000, 2, 3000, 5000]],
    ["两栋厂房，面积分别为2000、4000平", [4000, 8000, 2, 2000, 4000]],
    ["要3栋：一栋2000平，一栋3000平，一栋5000平", [6000, 15000, 3, 2000, 5000]],
    ["2000平、3000平、5000平的厂房各一栋", [6000, 15000, 3, 2000, 5000]],
    ["one building of 3000 sqm and another of 5000 sqm", [6000, 10000, 2, 3000, 5000]],
    ["一栋厂房3000平，另外一栋5千平", [6000, 10000, 2, 3000, 5000]],
  ])("%s → %j", (notes, area) => {
    const r = read(notes);
    expect(r.area).toEqual(area);
    expect(r.unread).toEqual([]);
    expect(r.sizes).toHaveLength(1);
  });

  it("a cold store and another warehouse unit (个) on a warehouse lead", () => {
    expect(read("一个冷库约1000平，另一个2000平", "warehouse").area).toEqual([2000, 4000, 2, 1000, 2000]);
  });

  it("a count said that disagrees with the sizes given is told, the sizes read", () => {
    const r = read("需要三栋厂房，一栋3000平一栋5000平");
    expect(r.area).toEqual([6000, 10000, 2, 3000, 5000]);
    expect(r.unread).toEqual(["需要三栋厂房"]);
  });

  it.each([
    // One unit, one size: as before (no count, nothing told of sizes).
    ["一栋5000平", [4500, 5500, undefined, undefined, undefined]],
    ["5000平一栋", [4500, 5500, undefined, undefined, undefined]],
    // Units of one size: ADR 130's count, each unit's bounds kept.
    ["需要3栋厂房，每栋5000平", [13500, 16500, 3, 4500, 5500]],
    ["3栋厂房，每栋5000平，共16000平", [14400, 17600, 3, 4500, 5500]],
    // Either of two sizes, a sum: no units (ADR 112).
    ["3000或5000平", [3000, 5000, undefined, undefined, undefined]],
    ["3000+2000平", [4500, 5500, undefined, undefined, undefined]],
  ])("not units of different sizes: %s → %j", (notes, area) => {
    const r = read(notes);
    expect(r.area).toEqual(area);
    expect(r.sizes).toEqual([]);
  });
});

const schema = (channel: "api" | "web" | "hotline", lng: "zh" | "en" = "zh") => createLeadSchema(lng, channel);
const withNeed = (need: Record<string, unknown>) => {
  const l = validLeadJson();
  return { ...l, need: { ...l.need, areaMin: "", areaMax: "", ...need } };
};

describe("a typed count beside the notes' units: each unit's size as said, on every channel", () => {
  it.each([
    [
      { notes: "要3栋，每栋5000平", unitCount: 5 },
      { areaMinSqm: 22500, areaMaxSqm: 27500, unitCount: 5 },
    ],
    [
      { notes: "3栋厂房，每栋5000平，共16000平", unitCount: 2 },
      { areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2 },
    ],
    [
      { notes: "3栋厂房，每栋5000平，共16000平", unitCount: "四栋" },
      { areaMinSqm: 18000, areaMaxSqm: 22000, unitCount: 4 },
    ],
    [
      { notes: "两栋，每栋3000平以上，共8000平", unitCount: 3 },
      { areaMinSqm: 9000, unitCount: 3 },
    ],
    [
      { notes: "一栋3000平一栋5000平", unitCount: 3 },
      { areaMinSqm: 9000, areaMaxSqm: 15000, unitCount: 3 },
    ],
  ])("%j → %j", (need, stored) => {
    for (const channel of ["api", "web", "hotline"] as const) {
      const r = schema(channel).safeParse(withNeed(need));
      expect(r.success, channel).toBe(true);
      expect(r.data!.lead.need, channel).toMatchObject(stored);
    }
  });

  it.each([Infinity, -Infinity, "Infinity", -1, 2.5, "abc", 100, NaN])("a refused count (%j) is said on its field alone", (unitCount) => {
    for (const channel of ["api", "web", "hotline"] as const) {
      const r = schema(channel).safeParse(withNeed({ notes: "要3栋，每栋5000平", unitCount }));
      expect(r.success).toBe(false);
      expect(Object.keys(issuesToFieldErrors(r.error!)), channel).toEqual(["need.unitCount"]);
    }
  });

  it("units of different sizes are flagged for the recruiter, zh and en; not beside typed area boxes", () => {
    const r = schema("api").parse(withNeed({ notes: "需要两栋厂房，一栋3000平一栋5000平" }));
    const flag = r.lead.flags.find((f) => f.code === "unitSizesDiffer")!;
    expect(flag).toEqual({ field: "need.notes", code: "unitSizesDiffer", text: "两栋厂房，一栋3000平一栋5000平" });
    expect(leadFlags({ flags: [flag] })).toEqual([flag]);
    expect(describeFlag("zh", flag)).toContain("各栋（各处）面积不同：两栋厂房，一栋3000平一栋5000平；已按每栋在最小与最大面积之间匹配");
    expect(describeFlag("en", flag)).toContain("The units differ in size: 两栋厂房，一栋3000平一栋5000平; each unit was matched between");
    const typed = schema("api").parse(withNeed({ areaMin: 8000, notes: "需要两栋厂房，一栋3000平一栋5000平" }));
    expect(typed.lead.flags.map((f) => f.code)).not.toContain("unitSizesDiffer");
    expect(typed.lead.need.unitCount).toBe(2); // the count fills the blank count box (docs/decisions/165)
  });
});

describe("the need's area in the notice's language", () => {
  const lead = { need: { kind: "factory", areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3, regions: ["六合区"] } } as unknown as Lead;
  it("needAreaText and withdrawnNeedText say it in the language asked", () => {
    expect(needAreaText(lead, "en")).toBe("3 buildings × about 5000㎡ (about 15000㎡ in all)");
    expect(withdrawnNeedText(lead, "en")).toBe("3 buildings × about 5000㎡ (about 15000㎡ in all) · 六合区");
    expect(withdrawnNeedText(lead, "zh")).toBe("3栋 × 约5000㎡（共约15000㎡） · 六合区");
  });
  it("the hotline's English withdrawal script says buildings, not 栋", () => {
    const d = {
      reference: "PM-20261205-0001",
      parkName: "六合园",
      lead: { ...lead, company: { name: "南京甲公司" } },
    } as unknown as AssignmentDetails;
    const en = withdrawalScript(d, { name: "吴昊", phone: "13900000000" }, "en");
    expect(en).toContain("3 buildings × about 5000㎡");
    expect(en).not.toContain("栋");
  });
});
