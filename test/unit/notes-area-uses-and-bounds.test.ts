import { describe, expect, it } from "vitest";

import { leadFlags } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { planAssist, planHints } from "../../app/domain/need-assist";
import { describeNeedHints } from "../../app/domain/need-hints-text";
import { parseNeedText } from "../../app/domain/need-text";
import { describeFlag, isReadingFlag } from "../../app/i18n/flag-messages";
import { assistPreview } from "../../app/leads/assist-preview";
import { validLeadJson } from "../support/leads";

// An attack (2026-12-04) on the notes' area (docs/decisions/112):
// 1. "需要1000平办公楼+5000平厂房" on a factory lead filled 1000: the figure of another use was the lead's;
// 2. "至少5000平，最多一万平" filled the minimum only, the maximum was "could not read";
// 4. "5000平，3000平也行" read 5000 (±10 %) and left the accepted 3000 unread.
// (3: a lone figure stays "about" it, ±10 %, ADR 070 — kept, pinned below.)

const NOW = () => new Date("2026-12-04T06:00:00Z");
const MU = 2000 / 3;
const r2 = (n: number) => Math.round(n * 100) / 100;

/** The area the reader fills for `notes` on a lead of `kind`: [min, max] in ㎡ (null: not filled). */
function area(notes: string, kind?: string): [number | null, number | null] {
  const { hints } = parseNeedText(notes, undefined, [], kind);
  return [hints.areaMinSqm ?? null, hints.areaMaxSqm ?? null];
}

function lead(notes: string, kind = "factory", need: Record<string, unknown> = {}) {
  const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown> };
  body.need = { kind, deal: "lease", areaUnit: "sqm", notes, ...need };
  const r = createLeadSchema("zh", "api", { now: NOW }).safeParse(body);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}

describe("an area tied to another use than the lead's kind is set aside (docs/decisions/112)", () => {
  it.each([
    // [notes, kind, [min, max], set aside (its words)]
    ["需要1000平办公楼+5000平厂房", "factory", [4500, 5500], ["1000平办公楼"]],
    ["需要1000平办公楼+5000平厂房", "office", [900, 1100], ["5000平厂房"]],
    ["需要1000平办公室和5000平厂房", "factory", [4500, 5500], ["1000平办公室"]],
    ["厂房5000平，其中办公1000平", "factory", [4500, 5500], ["办公1000平"]],
    ["厂房5000平，其中办公1000平", "office", [900, 1100], ["厂房5000平"]],
    ["需要5000平，其中办公1000平", "factory", [4500, 5500], ["办公1000平"]],
    ["5000平厂房，配套1000平宿舍", "factory", [4500, 5500], ["配套1000平宿舍"]],
    ["需要5000平左右的单层厂房，另外要1000平的员工宿舍", "factory", [4500, 5500], ["1000平的员工宿舍"]],
    ["宿舍1000平，厂房至少5000平，最多8000平", "factory", [5000, 8000], ["宿舍1000平"]],
    ["食堂500平，仓库3000平", "warehouse", [2700, 3300], ["食堂500平"]],
    ["1000平仓库，3000平厂房", "factory", [2700, 3300], ["1000平仓库"]],
    ["厂房3000平+仓库2000平", "warehouse", [1800, 2200], ["厂房3000平"]],
    ["厂房3000平+仓库2000平", "factory", [2700, 3300], ["仓库2000平"]],
    ["厂房5000平办公1000平", "factory", [4500, 5500], ["办公1000平"]],
    ["5000平厂房1000平办公", "factory", [4500, 5500], ["1000平办公"]],
    ["5000平（含办公1000平）", "factory", [4500, 5500], ["办公1000平"]],
    ["需要厂房，5000平，带1000平办公", "factory", [4500, 5500], ["1000平办公"]],
    ["需要5000平的厂房和2000平的仓库", "warehouse", [1800, 2200], ["5000平的厂房"]],
    ["5000平以上的厂房，办公最多1000平", "factory", [5000, null], ["办公最多1000平"]],
    ["需要20亩左右的工业用地，厂房建筑面积1.5万平", "land", [r2(18 * MU), r2(22 * MU)], ["厂房建筑面积1.5万平"]],
    ["拿地30亩，建厂房2万平", "land", [18000, 22000], ["厂房2万平"]],
    ["需要1000平宿舍", "factory", [null, null], ["1000平宿舍"]],
    ["5000 sqm factory and 1000 sqm office", "factory", [4500, 5500], ["1000 sqm office"]],
    ["office 1000 sqm, factory 5000 sqm", "factory", [4500, 5500], ["office 1000 sqm"]],
    ["factory 5000 sqm plus a 800 sqm dormitory", "factory", [4500, 5500], ["800 sqm dormitory"]],
  ] as const)("%s (%s) → %j, set aside %j", (notes, kind, bounds, aside) => {
    const r = parseNeedText(notes, undefined, [], kind);
    expect([r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null]).toEqual(bounds);
    expect(r.setAside).toEqual(aside.map((text) => ({ text, why: "otherUse" })));
    expect(r.unread).toEqual([]); // said as what it is, not "could not read"
  });

  it.each([
    // The lead's own use, or a use joined to it, or none: the figure is the lead's.
    ["厂房带办公5000平", "factory", [4500, 5500]],
    ["办公楼和厂房一共5000平", "office", [4500, 5500]],
    ["需要5000平的车间", "factory", [4500, 5500]],
    ["研发办公1000平", "office", [900, 1100]],
    ["物流仓库需要5000平", "warehouse", [4500, 5500]],
    ["我们是做物流的，需要5000平", "factory", [4500, 5500]],
    ["需要30亩建厂房", "land", [18000, 22000]],
    ["要30亩地", "factory", [18000, 22000]], // 亩地 is a plot's measure, no use of its own
    ["至少5000平，最多一万平的厂房", "factory", [5000, 10000]],
    ["面积5000平，办公楼另算", "factory", [4500, 5500]],
  ] as const)("%s (%s) → %j, nothing set aside", (notes, kind, bounds) => {
    const r = parseNeedText(notes, undefined, [], kind);
    expect([r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null]).toEqual(bounds);
    expect(r.setAside.filter((a) => a.why === "otherUse")).toEqual([]);
  });

  it("with no kind chosen nothing is set aside for its use: the first figure, as before", () => {
    expect(area("需要1000平办公楼+5000平厂房")).toEqual([900, 1100]);
    // The kind the notes name first may be the enterprise's own: never stands in for the lead's.
    expect(area("自有土地30亩，想再租一个3000平的仓库")).toEqual([2700, 3300]);
  });

  it("the lead stores the lead's figure and tells the recruiter what was set aside, zh and en", () => {
    const l = lead("需要1000平办公楼+5000平厂房");
    expect([l.need.areaMinSqm, l.need.areaMaxSqm]).toEqual([4500, 5500]);
    const flag = leadFlags(l).find((f) => f.code === "otherUse")!;
    expect(flag).toEqual({ field: "need.notes", code: "otherUse", text: "1000平办公楼" });
    expect(isReadingFlag(flag)).toBe(true);
    expect(describeFlag("zh", flag)).toBe("备注中其他用途的面积（未作为所选类型的面积）：1000平办公楼");
    expect(describeFlag("en", flag)).toBe("An area the notes give for another use (not used as the area of the kind chosen): 1000平办公楼");
    expect(leadFlags(l).some((f) => f.code === "unread")).toBe(false);
  });

  it("an area box typed keeps the box; the notes' own figure is compared, the other use's still told", () => {
    const l = lead("需要1000平办公楼+5000平厂房", "factory", { areaMin: "5000", areaMax: "6000" });
    expect([l.need.areaMinSqm, l.need.areaMaxSqm]).toEqual([5000, 6000]);
    expect(leadFlags(l).map((f) => f.code)).toContain("otherUse");
  });

  it("the form's preview says it too, and follows the kind chosen", () => {
    expect(assistPreview("需要1000平办公楼+5000平厂房", new Set(), "zh", "factory").understood).toBe(
      "面积 4500㎡–5500㎡；其他用途的面积（不作为所选类型的面积）：1000平办公楼",
    );
    expect(assistPreview("需要1000平办公楼+5000平厂房", new Set(), "en", "office").understood).toMatch(
      /area for another use \(not the area of the kind chosen\): 5000平厂房$/,
    );
  });
});

describe("both bounds said apart are read together (docs/decisions/112)", () => {
  it.each([
    ["至少5000平，最多一万平", [5000, 10000]],
    ["不少于5000平，不超过8000平", [5000, 8000]],
    ["不低于5000平，不大于8000平", [5000, 8000]],
    ["5000平以上，一万平以内", [5000, 10000]],
    ["5000平以上，8000平以下", [5000, 8000]],
    ["5000平以上8000平以下", [5000, 8000]],
    ["最少5000平最多8000平", [5000, 8000]],
    ["5000平起，封顶8000平", [5000, 8000]],
    ["大于5000平小于8000平", [5000, 8000]],
    ["至少五千平，最多八千平", [5000, 8000]],
    ["五千平以上，八千平以下", [5000, 8000]],
    ["至少1.2万平，最多1.5万平", [12000, 15000]],
    ["至少5000平；最多一万平", [5000, 10000]],
    ["5000平以上，层高9米以上，最多8000平", [5000, 8000]],
    ["最多8000平，至少5000平", [5000, 8000]],
    ["不低于30亩，不超过50亩", [20000, r2(50 * MU)]],
    ["30亩以上，50亩以内", [20000, r2(50 * MU)]],
    // The other bound written bare takes the unit of the figure beside it.
    ["至少5000平，最多一万", [5000, 10000]],
    ["面积至少5000，最多10000平", [5000, 10000]],
    ["面积5000以上，8000以内", [5000, 8000]],
    ["5000平以上，8000以内", [5000, 8000]],
    ["至少30亩，最多50", [20000, r2(50 * MU)]],
    // English.
    ["at least 5000 sqm, at most 10000 sqm", [5000, 10000]],
    ["at least 5000 sqm and at most 8000 sqm", [5000, 8000]],
    ["min 5000 sqm, max 8000 sqm", [5000, 8000]],
    ["5000 sqm or more, up to 10000 sqm", [5000, 10000]],
    ["At least 5000 sqm, no more than 8000 sqm", [5000, 8000]],
  ] as const)("%s → %j", (notes, bounds) => {
    const r = parseNeedText(notes);
    expect([r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null]).toEqual(bounds);
    expect(r.unread).toEqual([]);
  });

  it("the words of both bounds are what staff see", () => {
    const r = parseNeedText("需要至少5000平，最多一万平的厂房");
    expect(r.found.filter((f) => f.field.startsWith("area")).map((f) => f.text)).toEqual([
      "至少5000平，最多一万平",
      "至少5000平，最多一万平",
    ]);
  });

  it.each([
    // Not one area's two bounds: what they were before.
    ["5000平以上，预算一万以内", [5000, null], []],
    ["至少5000平，最多3个月入驻", [5000, null], []],
    ["至少5000平，最多3层", [5000, null], []],
    ["最多5000平，至少8000平", [null, 5000], ["8000平"]], // contradictory: the first, the second told
    ["需要5000平，6000平", [4500, 5500], ["6000平"]],
    // A wish after the lone figure: at least it, the wish told apart (r.wished), nothing unread (docs/decisions/161).
    ["需要5000平，最好6000平", [5000, null], []],
    ["5000平，3000万投资", [4500, 5500], []],
  ] as const)("%s → %j, unread %j", (notes, bounds, unread) => {
    const r = parseNeedText(notes);
    expect([r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null]).toEqual(bounds);
    expect(r.unread).toEqual(unread);
  });
});

describe("a figure accepted beside the first widens it to both (docs/decisions/112)", () => {
  it.each([
    ["5000平，3000平也行", [3000, 5000]],
    ["5000平，3000也行", [3000, 5000]],
    ["5000平左右，3000平也可以", [3000, 5000]],
    ["3000平，5000平也可以", [3000, 5000]],
    ["5000平，或者3000平也行", [3000, 5000]],
    ["需要一万平左右，八千平也可以", [8000, 10000]],
    ["要5000平，3000到5000都可以", [3000, 5000]],
    ["5000平，3000到4000也行", [3000, 5000]],
    ["3000到5000平都可以", [3000, 5000]],
    ["5000平以上，3000平也行", [3000, null]],
    ["8000平以内，一万平也可以", [null, 10000]],
    ["5000-6000平，4000平也能接受", [4000, 6000]],
    ["30亩，20亩也行", [r2(20 * MU), 20000]],
    ["5000 sqm, 3000 sqm would also do", [3000, 5000]],
    ["5000 sqm, 3000 sqm is fine", [3000, 5000]],
  ] as const)("%s → %j", (notes, bounds) => {
    const r = parseNeedText(notes);
    expect([r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null]).toEqual(bounds);
    expect(r.unread).toEqual([]);
  });

  it("a bare range with nothing of area beside it is not guessed to be one: 3000到5000都可以", () => {
    expect(area("3000到5000都可以")).toEqual([null, null]);
  });
});

describe("a lone figure stays about it, ±10 % (ADR 070, unchanged)", () => {
  it.each([
    ["5000平", [4500, 5500]],
    ["5000平左右", [4500, 5500]],
    ["五千平", [4500, 5500]],
    ["一万平", [9000, 11000]],
    ["1.2万平", [10800, 13200]],
    ["5千至8千平米", [5000, 8000]],
    ["5000-8000平", [5000, 8000]],
    ["5000到8000平", [5000, 8000]],
    ["3~5亩", [2000, r2(5 * MU)]],
    ["厂房5000平+，层高8米", [5000, null]],
  ] as const)("%s → %j", (notes, bounds) => {
    expect(area(notes)).toEqual(bounds);
  });
});

describe("the schema stores what the form shows (one reader for both)", () => {
  it.each([
    ["需要1000平办公楼+5000平厂房", "factory", [4500, 5500]],
    ["需要1000平办公楼+5000平厂房", "office", [900, 1100]],
    ["至少5000平，最多一万平", "factory", [5000, 10000]],
    ["面积至少5000，最多10000平", "warehouse", [5000, 10000]],
    ["5000平，3000平也行", "factory", [3000, 5000]],
    ["不低于30亩，不超过50亩", "land", [20000, r2(50 * MU)]],
    ["拿地30亩，建厂房2万平", "land", [18000, 22000]],
    ["at least 5000 sqm, at most 10000 sqm", "office", [5000, 10000]],
  ] as const)("%s (%s) → %j", (notes, kind, bounds) => {
    const l = lead(notes, kind);
    expect([l.need.areaMinSqm, l.need.areaMaxSqm]).toEqual(bounds);
    const land = kind === "land" ? "land" : undefined; // land is shown in 亩 too, as the preview shows it
    const shown = describeNeedHints(planHints(planAssist(notes, new Set(["deal"]), NOW(), undefined, kind)), "zh", land);
    expect(shown).toEqual(describeNeedHints({ areaMinSqm: l.need.areaMinSqm, areaMaxSqm: l.need.areaMaxSqm }, "zh", land));
    expect(assistPreview(notes, new Set(["deal"]), "zh", kind).understood).toMatch(new RegExp(`^${shown[0]}`));
  });
});

// A new user's trial (2026-12-04): "5000平左右…最多6000平" read 4500–5500 and left 6000 unread — a bound said
// after an "about" figure keeps its side, the about figure gives the other.
describe("an about figure, then one bound: each side from what was said of it", () => {
  it.each([
    ["5000平左右，最多6000平", [4500, 6000]],
    ["约5000平，不超过6000平", [4500, 6000]],
    ["5000平，最多6000平", [4500, 6000]],
    ["需要厂房5000平左右，其中办公1000平，最多6000平", [4500, 6000]],
    ["5000平左右，至少4800平", [4800, 5500]],
    ["30亩左右，最多35亩", [18000, r2(35 * MU)]],
    ["about 5000 sqm, at most 6000 sqm", [4500, 6000]],
  ])("%s → %j", (notes, bounds) => {
    expect(area(notes, "factory").map((v) => (v === null ? null : r2(v)))).toEqual(bounds);
  });
  it("a bound that contradicts the about figure is told, not taken", () => {
    expect(area("5000平左右，最多4000平", "factory")).toEqual([4500, 5500]);
    expect(planAssist("5000平左右，最多4000平", new Set(), undefined, [], "factory").unread.map((u) => u.text)).toEqual(["4000平"]);
  });
});
