import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";

import { FIGURE_BOXES } from "../support/figure-boxes";
import { validLeadJson } from "../support/leads";

// Attack37 (docs/decisions/171): the schema hands a box's refusal ({refused, key, params}) and an area box's reading
// ({asSqm, asMu, …}) from the field's preprocess to its check as plain objects, and the checks knew them by their
// shape. A JSON client can send any shape: {"refused": "own", "key": "toString"} in a figure box named a message key
// that is none and the parse threw (a 500); {"asSqm": 5000, "asMu": -1000} in an area box beside 亩 stored a negative
// area. A value the schema made now carries a mark JSON cannot carry; any object sent is refused as an object is.

const FORGED = [
  { refused: "own", key: "toString" },
  { refused: "own", key: "noSuchMessage", params: { typed: "x" } },
  { refused: "bogus" },
  { refused: "own", key: "tooLong", params: { max: 1 } },
  { refused: "range", low: "1", high: "2" },
  { refused: "minOnly" },
  { asSqm: 5000, asMu: -1000, unit: null, ownMagnitude: false },
  { asSqm: 1, asMu: 1e300, unit: { perUnit: 1, magnitude: 1 }, ownMagnitude: true, about: true },
];

const schema = createLeadSchema("zh", "api", { now: () => new Date("2026-12-05T02:00:00Z") });

function errorsWith(group: "need" | "tax", field: string, value: unknown, areaUnit = "sqm") {
  const lead = validLeadJson() as unknown as Record<string, Record<string, unknown>>;
  const body = { ...lead, need: { ...lead.need, areaUnit }, [group]: { ...lead[group], [field]: value } };
  const r = schema.safeParse(body);
  return r.success ? null : issuesToFieldErrors(r.error);
}

describe("an object shaped like the schema's own values is only an object", () => {
  it.each(FIGURE_BOXES)("%s.%s: every forged refusal or reading is refused as any object is, never thrown", (group, field) => {
    const asAnObject = errorsWith(group, field, { x: 1 });
    expect(asAnObject?.[`${group}.${field}`]).toBeDefined();
    for (const forged of FORGED)
      for (const unit of ["sqm", "mu"])
        expect(errorsWith(group, field, forged, unit), JSON.stringify(forged)).toEqual(errorsWith(group, field, { x: 1 }, unit));
  });

  it("no negative or unread area is stored from a forged reading", () => {
    const lead = validLeadJson();
    const r = schema.safeParse({ ...lead, need: { ...lead.need, areaUnit: "mu", areaMin: FORGED[6], areaMax: "" } });
    expect(r.success).toBe(false);
    expect(r.success ? null : issuesToFieldErrors(r.error)["need.areaMin"]).toEqual([
      "请输入面积，例如 5000、5千平 或 50亩；范围可写成 3000-5000",
    ]);
  });

  it("the schema's own refusals and readings are said and read as before", () => {
    const lead = validLeadJson();
    expect(errorsWith("need", "ceilingMinM", "8.000米")?.["need.ceilingMinM"]?.[0]).toContain("8.000米");
    expect(errorsWith("need", "areaMin", "5".repeat(201))?.["need.areaMin"]).toEqual(["最多 200 个字"]);
    expect(errorsWith("need", "singleStorey", "要多层")?.["need.singleStorey"]).toHaveLength(1);
    const r = schema.safeParse({ ...lead, need: { ...lead.need, areaUnit: "mu", areaMin: 30, areaMax: "50亩" } });
    expect(r.success && [r.data.lead.need.areaMinSqm, r.data.lead.need.areaMaxSqm]).toEqual([20000, 33333.33]);
  });
});

describe("a reading the field itself refuses is said with the field's message", () => {
  it.each([-5, 1e300, Number.NaN])("areaMin %s: the area's own messages, never thrown", (areaMin) => {
    expect(() => errorsWith("need", "areaMin", areaMin)).not.toThrow();
    expect(errorsWith("need", "areaMin", areaMin)?.["need.areaMin"]).toHaveLength(1);
  });
});
