import { describe, expect, it } from "vitest";

import { leadFlags } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { planAssist, planHints } from "../../app/domain/need-assist";
import { describeNeedHints } from "../../app/domain/need-hints-text";
import { parseNeedText } from "../../app/domain/need-text";
import { describeFlag, isReadingFlag } from "../../app/i18n/flag-messages";
import { assistPreview } from "../../app/leads/assist-preview";
import { validLeadJson } from "../support/leads";

// An attack (2026-12-04, after ADR 112) on the notes' area (docs/decisions/112, amended):
// 1. "厂房，含办公1000平，共5000平" on a factory lead stored 900–1100: the included use's figure was the lead's;
// 2. "不要5000平，3000平就行" stored 4500–5500: a figure the person rules out filled the area;
// 3. "3000+2000平" stored ~2000, "3000或5000平" 5000, "5000平以上，4000平以下也行" a minimum of 4000.

const NOW = () => new Date("2026-12-04T06:00:00Z");

/** The area the reader fills for `notes` on a lead of `kind`: [min, max] in ㎡ (null: not filled). */
function area(notes: string, kind = "factory"): [number | null, number | null] {
  const { hints } = parseNeedText(notes, undefined, [], kind);
  return [hints.areaMinSqm ?? null, hints.areaMaxSqm ?? null];
}
function aside(notes: string, kind = "factory") {
  return parseNeedText(notes, undefined, [], kind).setAside;
}

/** The schema's reading of a lead whose notes are `notes` (area boxes blank unless `need` types them). */
function parseLead(notes: string, kind = "factory", need: Record<string, unknown> = {}) {
  const need0 = { kind, deal: "lease", areaUnit: "sqm", notes, ...need };
  return createLeadSchema("zh", "api", { now: NOW }).safeParse({ ...(validLeadJson() as object), need: need0 });
}
function lead(notes: string, kind = "factory", need: Record<string, unknown> = {}) {
  const r = parseLead(notes, kind, need);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}

describe("an included use's figure is that use's when the lead's total is given (like 其中)", () => {
  it.each([
    // [notes, kind, [min, max], set aside as otherUse]
    ["厂房，含办公1000平，共5000平", "factory", [4500, 5500], "办公1000平"],
    ["厂房，带办公1000平，总共5000平", "factory", [4500, 5500], "办公1000平"],
    ["厂房，包括办公1000平，合计5000平", "factory", [4500, 5500], "办公1000平"],
    ["厂房包含办公1000平，总面积5000平", "factory", [4500, 5500], "办公1000平"],
    ["厂房附带办公1000平，一共5000平", "factory", [4500, 5500], "办公1000平"],
    ["厂房配办公1000平，总计5000平", "factory", [4500, 5500], "办公1000平"],
    ["厂房，含宿舍800平，总建筑面积6000平", "factory", [5400, 6600], "宿舍800平"],
    ["仓库带办公300平，共3000平左右", "warehouse", [2700, 3300], "办公300平"],
    ["厂房（含办公1000平）5000平", "factory", [4500, 5500], "办公1000平"],
    ["厂房(带办公1000平)，至少5000平", "factory", [5000, null], "办公1000平"],
    ["5000平厂房(带1000平办公)", "factory", [4500, 5500], "1000平办公"],
    ["厂房5000平，其中办公1000平", "factory", [4500, 5500], "办公1000平"],
    ["factory including 1000 sqm office, 5000 sqm in total", "factory", [4500, 5500], "1000 sqm office"],
  ] as const)("%s (%s) → %j, %s set aside", (notes, kind, want, words) => {
    expect(area(notes, kind)).toEqual(want);
    expect(aside(notes, kind)).toEqual([{ text: words, why: "otherUse" }]);
    expect(parseNeedText(notes, undefined, [], kind).unread).toEqual([]);
  });

  it.each([
    // Without a total said apart, "厂房带办公5000平" stays one figure for both (ADR 112).
    ["厂房带办公5000平", [4500, 5500]],
    ["办公楼和厂房一共5000平", [4500, 5500]],
    ["厂房含办公5000平以上", [5000, null]],
  ] as const)("%s on a factory lead → %j (joined uses, no total apart)", (notes, want) => {
    expect(area(notes)).toEqual(want);
    expect(aside(notes)).toEqual([]);
  });
});

describe("a figure the person rules out never fills a bound; the wanted one does", () => {
  it.each([
    // [notes, [min, max], the ruled-out words told]
    ["不要5000平，3000平就行", [2700, 3300], "不要5000平"],
    ["5000平的不要，要3000平", [2700, 3300], "5000平的不要"],
    ["5000平的不行，3000平左右", [2700, 3300], "5000平的不行"],
    // An open side refused ("不考虑5000平以上的") is now the other bound (ADR 117): test/unit/notes-area-how-people-type.test.ts.
    ["不考虑5000平的，3000到4000平", [3000, 4000], "不考虑5000平的"],
    ["要3000平，不要5000平", [2700, 3300], "不要5000平"],
    ["别给我推5000平的，至少3000平", [3000, null], "别给我推5000平的"],
    ["不是5000平，是3000平", [2700, 3300], "不是5000平"],
    ["not 5000 sqm, 3000 sqm is fine", [2700, 3300], "not 5000 sqm"],
    ["5000 sqm won't do, we need 3000 sqm", [2700, 3300], "5000 sqm won't do"],
  ] as const)("%s → %j, %s told", (notes, want, words) => {
    expect(area(notes)).toEqual(want);
    expect(aside(notes)).toEqual([{ text: words, why: "ruledOut" }]);
  });

  it.each([
    ["别给我推5000平的", "别给我推5000平的"],
    ["不考虑5000平", "不考虑5000平"], // "不考虑5000平以上" is at most 5000 (ADR 117)
    ["5000平的不行", "5000平的不行"],
    ["非5000平", "非5000平"],
    ["不要5000平", "不要5000平"],
    ["5000平不考虑", "5000平不考虑"],
    ["don't want 5000 sqm", "don't want 5000 sqm"],
  ] as const)("only a ruled-out figure: %s → nothing filled, told", (notes, words) => {
    expect(area(notes)).toEqual([null, null]);
    expect(aside(notes)).toEqual([{ text: words, why: "ruledOut" }]);
  });

  it.each([
    // Comparisons built on a negation are bounds, not rule-outs.
    ["不要超过5000平", [null, 5000]],
    ["不超过5000平", [null, 5000]],
    ["不少于3000平", [3000, null]],
    ["不低于3000平", [3000, null]],
    ["不能低于3000平，不要超过5000平", [3000, 5000]],
    ["no more than 5000 sqm", [null, 5000]],
    ["not less than 3000 sqm", [3000, null]],
    ["5000平不要了，现在要3000平", [2700, 3300]], // taken back (ADR 109), as before
    ["非常急，需要5000平", [4500, 5500]],
    ["不需要行车，5000平", [4500, 5500]],
  ] as const)("%s → %j (a bound or another field's no: nothing ruled out)", (notes, want) => {
    expect(area(notes)).toEqual(want);
    expect(aside(notes).filter((a) => a.why === "ruledOut")).toEqual([]);
  });

  it("only a ruled-out figure fills no area: the schema asks for one, as with no figure (an area is required)", () => {
    expect(parseLead("别给我推5000平的").success).toBe(false);
  });

  it("the lead keeps the box typed and the recruiter is told, zh and en; the form's preview says it", () => {
    const l = lead("别给我推5000平的", "factory", { areaMin: 2000, areaMax: 3000 });
    expect([l.need.areaMinSqm, l.need.areaMaxSqm]).toEqual([2000, 3000]);
    const flag = leadFlags(l).find((f) => f.code === "areaRuledOut")!;
    expect(flag).toBeDefined();
    expect(isReadingFlag(flag)).toBe(true);
    expect(describeFlag("zh", flag)).toBe("备注中企业说不要的面积（未作为需求的面积）：别给我推5000平的");
    expect(describeFlag("en", flag)).toBe("An area the notes rule out (not used as the area of the need): 别给我推5000平的");
    expect(assistPreview("不要5000平，3000平就行", new Set(), "zh", "factory").understood).toBe(
      "面积 2700㎡–3300㎡；不要的面积（不作为需求）：不要5000平",
    );
    expect(assistPreview("不要5000平", new Set(), "en", "factory").understood).toBe("area ruled out (not used as the need): 不要5000平");
  });
});

describe("a sum, an either, and a fallback downward", () => {
  it.each([
    ["3000+2000平", [4500, 5500]],
    ["3000加2000平", [4500, 5500]],
    ["3000平+2000平", [4500, 5500]],
    ["3000或5000平", [3000, 5000]],
    ["3000或者5000平", [3000, 5000]],
    ["3000平或5000平", [3000, 5000]],
    ["3000 or 5000 sqm", [3000, 5000]],
    ["4000平以下也行", [null, 4000]],
    ["要5000平，4000平以下也行", [null, 5000]],
    ["3000到5000平，2000平以下也可以", [null, 5000]],
    ["5000平，6000平以上也行", [5000, null]],
    ["5000平，3000平也行", [3000, 5000]], // ADR 112, unchanged
    ["5000平以上，3000平也行", [3000, null]], // ADR 112, unchanged
  ] as const)("%s → %j", (notes, want) => {
    expect(area(notes)).toEqual(want);
  });

  it("a fallback that opens the only side said leaves nothing bounded: told as unread", () => {
    expect(area("5000平以上，4000平以下也行")).toEqual([null, null]);
    expect(parseNeedText("5000平以上，4000平以下也行", undefined, [], "factory").unread).toEqual(["5000平以上，4000平以下"]);
  });

  it("厂房3000平+仓库2000平 stays two uses, not a sum (ADR 112)", () => {
    expect(area("厂房3000平+仓库2000平", "factory")).toEqual([2700, 3300]);
  });
});

describe("the schema stores what the form shows", () => {
  it.each(["厂房，含办公1000平，共5000平", "不要5000平，3000平就行", "3000+2000平", "3000或5000平", "要5000平，4000平以下也行"])(
    "%s",
    (notes) => {
      const l = lead(notes);
      const shown = describeNeedHints(planHints(planAssist(notes, new Set(["deal"]), NOW(), undefined, "factory")), "zh");
      expect(shown).toEqual(describeNeedHints({ areaMinSqm: l.need.areaMinSqm, areaMaxSqm: l.need.areaMaxSqm }, "zh"));
      expect(assistPreview(notes, new Set(["deal"]), "zh", "factory").understood).toMatch(new RegExp(`^${shown[0]}`));
    },
  );
});
