import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { describeNeedHints } from "~/domain/need-hints-text";
import { parseNeedText } from "~/domain/need-text";

import { validLeadJson } from "../support/leads";

// The need's unit count (need.unitCount, docs/decisions/130): "需要3栋厂房，每栋5000平" keeps the total as the
// area (about 15,000 ㎡) and now says 3 units. The notes' reader sets it when it multiplied each unit's figure
// by a count (eachCount, ADR 122); the schema takes it typed — a whole number 2–99 — and refuses anything
// else on the field, in both languages.

describe("the notes' reader gives the count it multiplied by", () => {
  it.each([
    ["需要3栋厂房，每栋5000平", { areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }],
    ["两个冷库各1000平", { areaMinSqm: 1800, areaMaxSqm: 2200, unitCount: 2 }],
    ["每栋5000平，共3栋", { areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }],
    ["两栋厂房每栋5000平以上", { areaMinSqm: 10000, unitCount: 2 }],
    ["need 3 buildings, 5000 sqm each", { areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }],
    // A count right before the figure, or × (ADR 128's readings): the same.
    ["三栋5000平的厂房", { areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }],
    ["2×5000平", { areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2 }],
    // A total said apart is the area; the count still the buildings'.
    ["3栋厂房，每栋5000平，共16000平", { areaMinSqm: 14400, areaMaxSqm: 17600, unitCount: 3 }],
  ])("%s", (text, hints) => {
    const read = parseNeedText(text).hints;
    expect({ areaMinSqm: read.areaMinSqm, areaMaxSqm: read.areaMaxSqm, unitCount: read.unitCount }).toEqual({
      areaMaxSqm: undefined,
      ...hints,
    });
  });

  it.each([
    ["三层楼，每层1000平", { areaMinSqm: 2700, areaMaxSqm: 3300 }], // one building's floors, no units (ADR 122)
    ["3栋厂房共15000平", { areaMinSqm: 13500, areaMaxSqm: 16500 }], // no figure of each: the total, no count read
    ["每栋5000平", { areaMinSqm: 4500, areaMaxSqm: 5500 }], // no count
    ["每层1000平，共5层，但我们只要2层", { areaMinSqm: 1800, areaMaxSqm: 2200 }], // floors wanted (ADR 128), no units
    ["去年租了3栋，每栋5000平，现在要再找2000平", { areaMinSqm: 1800, areaMaxSqm: 2200 }], // the premises it has (ADR 128)
  ])("no count: %s", (text, hints) => {
    const read = parseNeedText(text).hints;
    expect(read).toMatchObject(hints);
    expect(read.unitCount).toBeUndefined();
  });
});

const schema = (lng: "zh" | "en", channel: "api" | "web" | "hotline" = "api") => createLeadSchema(lng, channel);
const withNeed = (need: Record<string, unknown>) => {
  const l = validLeadJson();
  return { ...l, need: { ...l.need, ...need } };
};

describe("need.unitCount in the schema", () => {
  it.each([
    [3, 3],
    ["3", 3],
    ["３", 3],
    ["3栋", 3],
    [" 12 ", 12],
    [99, 99],
    ["", undefined],
    [null, undefined],
  ])("takes %j as %j", (typed, stored) => {
    const r = schema("zh").safeParse(withNeed({ unitCount: typed }));
    expect(r.success).toBe(true);
    expect(r.data?.lead.need.unitCount).toBe(stored);
    // The area stays the total.
    expect(r.data?.lead.need).toMatchObject({ areaMinSqm: 4000, areaMaxSqm: 6000 });
  });

  it.each([0, 1, 1.5, 100, 1000, "一", "一栋", "零", "一百", "两百", "几栋", "三四栋", "三点五", "3.5", "-2", true, [3]])(
    "refuses %j on the field, in zh-CN and English",
    (typed) => {
      for (const [lng, message] of [
        ["zh", "请填写需要几栋（几处）：2 到 99 的整数，例如 3；只要一处请留空"],
        ["en", "Enter how many buildings (units) are needed: a whole number from 2 to 99, e.g. 3; leave it blank for one"],
      ] as const) {
        const r = schema(lng).safeParse(withNeed({ unitCount: typed }));
        expect(r.success).toBe(false);
        expect(issuesToFieldErrors(r.error!)["need.unitCount"]).toEqual([message]);
      }
    },
  );

  it("is filled from the notes with the area they give, on every channel", () => {
    for (const channel of ["api", "web", "hotline"] as const) {
      const r = schema("zh", channel).parse(withNeed({ areaMin: "", areaMax: "", notes: "需要3栋厂房，每栋5000平" }));
      expect(r.lead.need).toMatchObject({ areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 });
      expect(r.assist).toContainEqual({ field: "need.unitCount", value: 3, text: "3栋厂房，每栋5000平" });
    }
  });

  it("is filled from the notes beside typed area boxes too, the boxes kept as the area (docs/decisions/165)", () => {
    const r = schema("zh").parse(withNeed({ areaMin: 15000, areaMax: "", notes: "需要3栋厂房，每栋5000平" }));
    expect(r.lead.need.unitCount).toBe(3);
    expect(r.lead.flags.filter((f) => f.code === "notesDiffer")).toEqual([]);
    expect(r.lead.need.areaMinSqm).toBe(15000);
  });

  it("keeps a typed count over the notes', and flags the two when they differ", () => {
    const r = schema("zh").parse(withNeed({ areaMin: "", areaMax: "", unitCount: 2, notes: "需要3栋厂房，每栋5000平" }));
    expect(r.lead.need.unitCount).toBe(2);
    // The notes' units keep their size: 2 × 5000, not 2 × 7500 (docs/decisions/135).
    expect(r.lead.need).toMatchObject({ areaMinSqm: 9000, areaMaxSqm: 11000 });
    expect(r.lead.flags).toContainEqual({ field: "need.unitCount", code: "notesDiffer", text: "3栋 ≠ 2栋" });
  });

  it("is told in the assist's preview", () => {
    expect(describeNeedHints({ areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }, "zh", "factory")).toEqual([
      "面积 13500㎡–16500㎡",
      "共3栋",
    ]);
    expect(describeNeedHints({ unitCount: 3 }, "en", "factory")).toEqual(["3 buildings"]);
  });
});
