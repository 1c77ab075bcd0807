import { describe, expect, it } from "vitest";

import { SQM_PER_MU } from "~/domain/area";
import { writtenAreaUnit } from "~/domain/area-bounds";
import { leadFlags } from "~/domain/lead-flags";
import { createLeadSchema, type LeadChannel } from "~/domain/lead-schema";
import { describeFlag } from "~/i18n/flag-messages";

import { validLeadJson } from "../support/leads";

// A bare figure beside a bound written with its unit takes that unit, as people write "50-80亩": the
// unit choice (平方米 by default) used to turn min "50", max "80亩" into 50–53,333 ㎡ without a word.
const read = (need: Record<string, unknown>, channel: LeadChannel = "api") => {
  const r = createLeadSchema("zh", channel).safeParse({
    ...validLeadJson(),
    need: { kind: "land", deal: "buy", areaUnit: "sqm", ...need },
  });
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data.lead;
};
const sqm = (need: Record<string, unknown>, channel?: LeadChannel) => {
  const n = read(need, channel).need;
  return [n.areaMinSqm, n.areaMaxSqm];
};
const mu = (n: number) => Math.round(n * SQM_PER_MU * 100) / 100;

describe("writtenAreaUnit: the unit written after a bound's figure", () => {
  it.each<[string, { perUnit: number; magnitude: number } | null]>([
    ["80亩", { perUnit: SQM_PER_MU, magnitude: 1 }],
    ["80畝", { perUnit: SQM_PER_MU, magnitude: 1 }],
    ["８０亩地", { perUnit: SQM_PER_MU, magnitude: 1 }],
    ["80亩以上", { perUnit: SQM_PER_MU, magnitude: 1 }],
    ["约80亩", { perUnit: SQM_PER_MU, magnitude: 1 }],
    ["2万平方米", { perUnit: 1, magnitude: 10_000 }],
    ["1.5万方", { perUnit: 1, magnitude: 10_000 }],
    ["3千平", { perUnit: 1, magnitude: 1000 }],
    ["5公顷", { perUnit: 10_000, magnitude: 1 }],
    ["5000m2", { perUnit: 1, magnitude: 1 }],
    ["５０００㎡", { perUnit: 1, magnitude: 1 }],
    ["5万", null],
    ["80", null],
    ["八十", null],
    ["", null],
  ])("%s", (typed, unit) => {
    expect(writtenAreaUnit(typed)).toEqual(unit);
  });
});

describe("a bare bound takes the unit written in the other bound, over the unit choice", () => {
  it.each<[string, Record<string, unknown>, [number, number]]>([
    ["min 50, max 80亩 (平方米 chosen)", { areaMin: "50", areaMax: "80亩" }, [mu(50), mu(80)]],
    ["min 30亩, max 50 (平方米 chosen)", { areaMin: "30亩", areaMax: "50" }, [mu(30), mu(50)]],
    ["JSON number beside 80亩", { areaMin: 50, areaMax: "80亩" }, [mu(50), mu(80)]],
    ["full-width ５０ beside ８０畝 (Traditional)", { areaMin: "５０", areaMax: "８０畝" }, [mu(50), mu(80)]],
    ["五十 beside 八十亩", { areaMin: "五十", areaMax: "八十亩" }, [mu(50), mu(80)]],
    ["min 50 beside 80亩地", { areaMin: "50", areaMax: "80亩地" }, [mu(50), mu(80)]],
    ["亩 chosen, min 2000, max 3000平方米", { areaUnit: "mu", areaMin: "2000", areaMax: "3000平方米" }, [2000, 3000]],
    ["亩 chosen, min 1, max 2万平方米: 1万 like '1-2万平方米'", { areaUnit: "mu", areaMin: "1", areaMax: "2万平方米" }, [10_000, 20_000]],
    ["min 1.5, max 3万方", { areaMin: "1.5", areaMax: "3万方" }, [15_000, 30_000]],
    ["min 8000, max 1万平: 8000万 is not below 1万, so 8000 ㎡", { areaMin: "8000", areaMax: "1万平" }, [8000, 10_000]],
    ["min 2万平方米, max 3", { areaMin: "2万平方米", areaMax: "3" }, [20_000, 30_000]],
    ["min 5, max 8公顷", { areaMin: "5", areaMax: "8公顷" }, [50_000, 80_000]],
    ["min 2千平, max 3 (亩 chosen)", { areaUnit: "mu", areaMin: "2千平", areaMax: "3" }, [2000, 3000]],
  ])("%s", (_, need, expected) => {
    expect(sqm(need)).toEqual(expected);
  });

  it("the written unit that cannot keep the order leaves the unit choice (as one box reads '500-1亩')", () => {
    // 500亩 > 1亩: the 500 is read in the unit chosen, 平方米.
    expect(sqm({ areaMin: "500", areaMax: "1亩" })).toEqual([500, mu(1)]);
  });

  it("two written units, or none, read as before", () => {
    expect(sqm({ areaMin: "30亩", areaMax: "3万平方米" })).toEqual([mu(30), 30_000]);
    expect(sqm({ areaMin: "50", areaMax: "80" })).toEqual([50, 80]);
    expect(sqm({ areaUnit: "mu", areaMin: "50", areaMax: "80" })).toEqual([mu(50), mu(80)]);
    expect(sqm({ areaMin: "0", areaMax: "80亩" })).toEqual([0, mu(80)]);
    expect(sqm({ areaMax: "80亩" })).toEqual([undefined, mu(80)]);
  });

  it("the stored bounds are in the unit chosen, and the reading is the same on the hotline's channel and the web's", () => {
    const lead = read({ areaMin: "50", areaMax: "80亩" });
    expect(lead.need).toMatchObject({ areaUnit: "sqm", areaMin: mu(50), areaMax: mu(80) });
    expect(sqm({ areaMin: "50", areaMax: "80亩" }, "hotline")).toEqual([mu(50), mu(80)]);
    const web = createLeadSchema("zh", "web").safeParse({
      ...validLeadJson(),
      need: { kind: "land", deal: "buy", areaUnit: "sqm", areaMin: "50", areaMax: "80亩" },
    });
    expect(web.success && [web.data.lead.need.areaMinSqm, web.data.lead.need.areaMaxSqm]).toEqual([mu(50), mu(80)]);
  });

  it("a range typed in one box goes to both when the other is blank, and is refused with where each end goes when it is not", () => {
    const alone = createLeadSchema("zh", "api").safeParse({ ...validLeadJson(), need: { kind: "land", deal: "buy", areaMin: "50-80亩" } });
    expect(alone.success && [alone.data.lead.need.areaMinSqm, alone.data.lead.need.areaMaxSqm]).toEqual([mu(50), mu(80)]);
    const r = createLeadSchema("zh", "api").safeParse({
      ...validLeadJson(),
      need: { kind: "land", deal: "buy", areaMin: "50-80亩", areaMax: "100亩" },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain("这是一个范围：请在最小面积填“50亩”，最大面积填“80亩”");
  });
});

describe("of the readings that keep min ≤ max, the one the kind of space takes wins", () => {
  // A tester: 亩 chosen on the phone form, land of "30" to "2万平" was stored as 30 ㎡ – 2万 ㎡ (the written
  // unit alone kept the order), while 30 亩 (= 2万 ㎡) was what was chosen and meant.
  const range = (kind: string, need: Record<string, unknown>) => sqm({ kind, ...need }).map((v) => (v === undefined ? v : Math.round(v)));
  it.each<[string, string, Record<string, unknown>, [number, number]]>([
    ["亩 chosen, land 30 – 2万平: 30 亩", "land", { areaUnit: "mu", areaMin: "30", areaMax: "2万平" }, [20_000, 20_000]],
    ["亩 chosen, land 20 – 3万平方米: 20 亩", "land", { areaUnit: "mu", areaMin: "20", areaMax: "3万平方米" }, [13_333, 30_000]],
    ["亩 chosen, factory 5 – 1万平方米: 5 亩", "factory", { areaUnit: "mu", areaMin: "5", areaMax: "1万平方米" }, [3333, 10_000]],
    [
      "亩 chosen, land 1 – 2万平方米: still 1万 ㎡ ('1-2万平方米' fits land)",
      "land",
      { areaUnit: "mu", areaMin: "1", areaMax: "2万平方米" },
      [10_000, 20_000],
    ],
    ["平方米 chosen, land 50 – 80亩: still 50 亩", "land", { areaMin: "50", areaMax: "80亩" }, [33_333, 53_333]],
    ["平方米 chosen, factory 3000 – 5亩: 3000 ㎡", "factory", { areaMin: "3000", areaMax: "5亩" }, [3000, 3333]],
  ])("%s", (_, kind, need, expected) => {
    expect(range(kind, need)).toEqual(expected);
  });

  it("when no reading fits the kind, the first that keeps the order is taken, and flagged", () => {
    // 平方米 chosen, a factory of "30" to "2万平": 30万 ㎡ breaks the order, 30 ㎡ is no factory, nothing else to try.
    const lead = read({ kind: "factory", areaMin: "30", areaMax: "2万平" });
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([30, 20_000]);
    expect(leadFlags(lead).map((f) => [f.field, f.code])).toContainEqual(["need.areaMin", "areaForKind"]);
  });
});

describe("an area implausible for the kind asked for is kept and flagged", () => {
  const flagsOf = (need: Record<string, unknown>) => leadFlags(read(need)).filter((f) => f.field.startsWith("need.area"));

  it.each<[string, Record<string, unknown>, string[]]>([
    ["a factory of 5000–8000 亩", { kind: "factory", areaUnit: "mu", areaMin: "5000", areaMax: "8000" }, ["need.areaMin", "need.areaMax"]],
    ["a factory of 30 ㎡", { kind: "factory", areaMin: "30" }, ["need.areaMin"]],
    ["a warehouse of 3000 亩", { kind: "warehouse", areaUnit: "mu", areaMax: "3000" }, ["need.areaMax"]],
    ["an office of 500 亩", { kind: "office", areaUnit: "mu", areaMin: "500" }, ["need.areaMin"]],
    ["land of 50 ㎡", { kind: "land", areaMin: "50" }, ["need.areaMin"]],
  ])("%s", (_, need, fields) => {
    const flags = flagsOf(need);
    expect(flags.map((f) => f.field)).toEqual(fields);
    for (const f of flags) {
      expect(f.code).toBe("areaForKind");
      expect(describeFlag("zh", f)).toMatch(/^面积与需求类型不符，可能填错了单位（亩\/平方米），请与企业核实：/);
      expect(describeFlag("en", f)).toMatch(/^The area does not fit the kind of space asked for .*please check with the enterprise: /);
    }
  });

  it("the flag names the figure in the unit typed and in ㎡", () => {
    const [f] = flagsOf({ kind: "factory", areaUnit: "mu", areaMin: "5000" });
    expect(f.text).toBe("5000亩 = 3333333.33㎡");
    const [g] = flagsOf({ kind: "factory", areaMin: "30" });
    expect(g.text).toBe("30㎡");
  });

  it.each<[string, Record<string, unknown>]>([
    ["a factory of 2000–3000 ㎡", { kind: "factory", areaMin: "2000", areaMax: "3000" }],
    ["a factory of 100 ㎡", { kind: "factory", areaMin: "100" }],
    ["land of 50–80 亩", { kind: "land", areaMin: "50", areaMax: "80亩" }],
    ["land of 3 亩", { kind: "land", areaUnit: "mu", areaMin: "3" }],
    ["land of 5000 亩", { kind: "land", areaUnit: "mu", areaMin: "5000" }],
    ["an office of 20–200 ㎡", { kind: "office", areaMin: 20, areaMax: 200 }],
    ["a warehouse of 1–2万平方米", { kind: "warehouse", areaMin: "1", areaMax: "2万平方米" }],
    ["a factory from 0", { kind: "factory", areaMin: 0, areaMax: 3000 }],
  ])("%s: no flag", (_, need) => {
    expect(flagsOf(need)).toEqual([]);
  });
});

describe("an area in the notes that contradicts the area fields is flagged on the notes", () => {
  const notesFlags = (need: Record<string, unknown>) => leadFlags(read(need)).filter((f) => f.code === "notesDiffer");

  it("notes 其实要50亩地, fields 2000–3000 ㎡: the fields are kept, the contradiction flagged", () => {
    const lead = read({ kind: "factory", areaMin: "2000", areaMax: "3000", notes: "其实要50亩地" });
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([2000, 3000]);
    const flags = leadFlags(lead).filter((f) => f.code === "notesDiffer");
    expect(flags).toEqual([{ field: "need.notes", code: "notesDiffer", text: "50亩 ≠ 2000–3000㎡" }]);
    expect(describeFlag("zh", flags[0])).toBe("备注中的面积与所填面积不一致，请与企业核实：50亩 ≠ 2000–3000㎡");
    expect(describeFlag("en", flags[0])).toBe(
      "The notes give another area than the area fields, please check with the enterprise: 50亩 ≠ 2000–3000㎡",
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ["land: notes 至少2万平 beside 5–8 亩", { kind: "land", areaUnit: "mu", areaMin: "5", areaMax: "8", notes: "至少2万平" }],
    ["notes 两三千平 beside min 1万平", { kind: "warehouse", areaMin: "1万平", notes: "需要两三千平" }],
  ])("%s", (_, need) => {
    expect(notesFlags(need)).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>]>([
    ["notes 5000平米 beside 4000–6000 ㎡", { kind: "factory", areaMin: "4000", areaMax: "6000", notes: "要5000平米的厂房" }],
    [
      "notes 3000平 beside 2000–2500 ㎡ (inside the match window)",
      { kind: "factory", areaMin: "2000", areaMax: "2500", notes: "3000平左右" },
    ],
    ["notes 50亩 beside 50–80 (亩 from the max)", { kind: "land", areaMin: "50", areaMax: "80亩", notes: "50亩地" }],
    ["notes without an area", { kind: "factory", areaMin: "2000", notes: "层高8米" }],
    ["the notes fill blank fields", { kind: "factory", notes: "其实要50亩地" }],
  ])("%s: no flag", (_, need) => {
    expect(notesFlags(need)).toEqual([]);
  });
});
