import { describe, expect, it } from "vitest";

import type { LeadFlag } from "~/domain/lead-flags";
import { correctedFields, correctNeed, storedCorrections } from "~/domain/need-corrections";
import { describeFlag, isCorrectionFlag, isDoubtFlag, isReadingFlag } from "~/i18n/flag-messages";

// docs/decisions/150: a box staff corrected on a call is said as the correction, not as a doubt to check again.

const WHO = { by: "王芳", source: "hotline" as const, at: "2026-12-05T06:03:00.000Z" };
const doubt = (field: string, text: string, code: LeadFlag["code"] = "notesDiffer"): LeadFlag => ({ field, code, text });

describe("correctedFields", () => {
  it("names each box an edit changed by the field its doubt sits on (the area's on the notes); null, missing and false alike", () => {
    const before = { areaMinSqm: 4500, areaMaxSqm: 5500, ceilingMinM: 8, regions: ["江宁", "浦口"], singleStorey: false, deal: "lease" };
    expect(correctedFields(before, { ...before })).toEqual([]);
    expect(correctedFields(before, { ...before, singleStorey: undefined, craneMinT: null })).toEqual([]);
    expect(
      correctedFields(before, { ...before, areaMaxSqm: 6000, ceilingMinM: 7.5, regions: ["江宁"], singleStorey: true, unitCount: 2 }),
    ).toEqual(["need.notes", "need.ceilingMinM", "need.singleStorey", "need.unitCount", "need.regions"]);
    for (const [k, v] of Object.entries({ floorLoadMinKg: 2000, powerMinKva: 400, craneMinT: 5, moveInBy: "2027-06", deal: "buy" }))
      expect(correctedFields(before, { ...before, [k]: v })).toEqual([`need.${k}`]);
    // Not a box a doubt sits on: nothing.
    expect(correctedFields(before, { ...before, notes: "改了备注", kind: "warehouse" })).toEqual([]);
  });
});

describe("correctNeed", () => {
  const flags = [
    doubt("need.ceilingMinM", "层高8米以上 ≠ 7.5 m"),
    doubt("need.notes", "5000平左右 ≠ 2000–2500㎡"),
    doubt("need.moveInBy", "2027年3月前入驻（2027-03） ≠ 2027-06"),
    doubt("need.unitCount", "3栋 ≠ 2栋"),
    doubt("need.singleStorey", "多层也行"),
    doubt("need.regions", "浦口 ≠ 江宁", "placesNotInBox"),
    doubt("need.deal", "只租（lease） ≠ 购买（buy）"),
    { field: "need.notes", code: "budget", text: "预算300万" } as LeadFlag,
  ];
  const before = {
    ceilingMinM: 8,
    areaMinSqm: 4500,
    areaMaxSqm: 5500,
    moveInBy: "2027-03",
    unitCount: 3,
    regions: ["江宁", "浦口"],
    deal: "lease",
  };
  const after = {
    ceilingMinM: 7.5,
    areaMinSqm: 2000,
    areaMaxSqm: 2500,
    moveInBy: "2027-06",
    unitCount: 2,
    singleStorey: true,
    regions: ["江宁"],
    deal: "buy",
  };

  it("every doubt about a box this edit changed becomes the correction, who and when with it; other flags stay", () => {
    const out = correctNeed({ stored: [], before, after, flags, added: "", who: WHO });
    expect(out.flags.map((f) => f.code)).toEqual([...Array(7).fill("staffCorrected"), "budget"]);
    expect(out.flags[0]).toEqual({ field: "need.ceilingMinM", code: "staffCorrected", text: "层高8米以上 ≠ 7.5 m", ...WHO });
    expect(out.corrections.find((c) => c.field === "need.regions")).toEqual({ field: "need.regions", ...WHO, answers: ["浦口"] });
    expect(out.flags.filter(isDoubtFlag).map((f) => f.code)).toEqual([]);
    expect(out.flags.filter(isCorrectionFlag)).toHaveLength(7);
    expect(out.flags.filter(isReadingFlag).map((f) => f.code)).toEqual(["budget"]);
  });

  it("a box not changed keeps its doubt; a later save keeps the correction (and its who and when) for the same words only", () => {
    const first = correctNeed({
      stored: [],
      before,
      after: { ...before, ceilingMinM: 7.5 },
      flags: flags.slice(0, 2),
      added: "",
      who: WHO,
    });
    expect(first.flags.map((f) => f.code)).toEqual(["staffCorrected", "notesDiffer"]);
    const stored = storedCorrections({ corrections: JSON.parse(JSON.stringify(first.corrections)) });
    expect(stored).toEqual(first.corrections);
    const later = { by: "周敏", source: "recruiter" as const, at: "2026-12-06T01:00:00.000Z" };
    const second = correctNeed({
      stored,
      before: { ...before, ceilingMinM: 7.5 },
      after: { ...before, ceilingMinM: 7.5, moveInBy: "2027-09" },
      flags: [doubt("need.ceilingMinM", "层高8米以上 ≠ 7.5 m"), doubt("need.moveInBy", "2027年3月前入驻（2027-03） ≠ 2027-09")],
      added: "",
      who: later,
    });
    expect(second.flags).toEqual([
      { field: "need.ceilingMinM", code: "staffCorrected", text: "层高8米以上 ≠ 7.5 m", ...WHO },
      { field: "need.moveInBy", code: "staffCorrected", text: "2027年3月前入驻（2027-03） ≠ 2027-09", ...later },
    ]);
    // Other words of the notes against the corrected box (added later): a new doubt.
    const third = correctNeed({
      stored: second.corrections,
      before: { ...before, ceilingMinM: 7.5 },
      after: { ...before, ceilingMinM: 7.5 },
      flags: [doubt("need.ceilingMinM", "层高要10米 ≠ 7.5 m")],
      added: "",
      who: later,
    });
    expect(third.flags.map((f) => f.code)).toEqual(["notesDiffer"]);
  });

  it("words added to the notes in the same edit are not answered by it (the staff's own words disagree with their box)", () => {
    const out = correctNeed({
      stored: [],
      before,
      after: { ...before, ceilingMinM: 6, moveInBy: "2027-06", regions: ["江宁"] },
      flags: [
        doubt("need.ceilingMinM", "层高要10米 ≠ 6 m"),
        doubt("need.moveInBy", "年底前（2027-12） ≠ 2027-06"),
        doubt("need.regions", "浦口、六合 ≠ 江宁", "placesNotInBox"),
      ],
      added: "电话：层高要10米，年底前，六合也行",
      who: WHO,
    });
    expect(out.flags.map((f) => f.code)).toEqual(["notesDiffer", "notesDiffer", "placesNotInBox"]);
    expect(out.corrections.map((c) => c.answers)).toEqual([[], [], []]);
  });

  it("stored corrections that are malformed are left out", () => {
    expect(storedCorrections(null)).toEqual([]);
    expect(storedCorrections({ corrections: "x" })).toEqual([]);
    const ok = { field: "need.ceilingMinM", ...WHO, answers: ["层高8米以上"] };
    expect(
      storedCorrections({
        corrections: [ok, { ...ok, field: "need.kind" }, { ...ok, source: "robot" }, { ...ok, answers: [1] }, { ...ok, at: 5 }, null],
      }),
    ).toEqual([ok]);
  });
});

describe("describeFlag of a correction", () => {
  const flag = (field: string, text: string, extra: Partial<LeadFlag> = {}): LeadFlag => ({
    field,
    code: "staffCorrected",
    text,
    ...WHO,
    ...extra,
  });
  it("zh: the box, who at which desk and when (China time, full-width brackets), the box now and the notes' words", () => {
    expect(describeFlag("zh", flag("need.ceilingMinM", "层高8米以上 ≠ 7.5 m"))).toBe(
      "层高已由热线王芳（2026-12-05 14:03）更正为 7.5 m（备注原写：层高8米以上），以更正为准，不必再核实",
    );
    expect(describeFlag("zh", flag("need.notes", "5000平左右 ≠ 2000–2500㎡", { source: "recruiter", by: "周敏" }))).toBe(
      "面积已由招商专员周敏（2026-12-05 14:03）更正为 2000–2500㎡（备注原写：5000平左右），以更正为准，不必再核实",
    );
    expect(describeFlag("zh", flag("need.deal", "只租（lease） ≠ 购买（buy）"))).toContain("更正为 购买（备注原写：只租（租赁））");
    expect(describeFlag("zh", flag("need.unitCount", "3栋 ≠ 2栋"))).toContain(
      "数量已由热线王芳（2026-12-05 14:03）更正为 2栋（备注原写：3栋）",
    );
    expect(describeFlag("zh", flag("need.singleStorey", "多层也行"))).toContain(
      "单层要求已由热线王芳（2026-12-05 14:03）更正为 只要单层（备注原写：多层也行）",
    );
    // Without a name (a staff account since removed): the desk and the time.
    expect(describeFlag("zh", flag("need.craneMinT", "行车10吨 ≠ 5 t", { by: "" }))).toBe(
      "行车吨位已由热线（2026-12-05 14:03）更正为 5 t（备注原写：行车10吨），以更正为准，不必再核实",
    );
  });
  it("en: in English words, the notes' words as written", () => {
    expect(describeFlag("en", flag("need.ceilingMinM", "层高8米以上 ≠ 7.5 m"))).toBe(
      "Ceiling height corrected by the hotline 王芳 (2026-12-05 14:03) to 7.5 m (the notes said: 层高8米以上); the correction stands, no need to check again",
    );
    expect(describeFlag("en", flag("need.deal", "只租（lease） ≠ 购买（buy）", { source: "admin", by: "Ann" }))).toBe(
      "Lease or buy corrected by an admin Ann (2026-12-05 14:03) to buy (the notes said: 只租 (lease)); the correction stands, no need to check again",
    );
    expect(describeFlag("en", flag("need.unitCount", "3栋 ≠ 2栋"))).toContain("to 2 buildings (the notes said: 3 buildings)");
  });
  // The trial's "热线热线坐席": the demo desk account is called 热线坐席 and the line put 热线 before it. A name
  // without its desk's word keeps the prefix (王芳, 周敏 above).
  it.each([
    ["hotline", "热线坐席", "热线坐席（2026-12-05 14:03）", "热线坐席 (2026-12-05 14:03)"],
    ["hotline", "夜班热线2号", "夜班热线2号（2026-12-05 14:03）", "夜班热线2号 (2026-12-05 14:03)"],
    ["hotline", "Hotline Desk 2", "Hotline Desk 2（2026-12-05 14:03）", "Hotline Desk 2 (2026-12-05 14:03)"],
    ["recruiter", "招商专员周敏", "招商专员周敏（2026-12-05 14:03）", "招商专员周敏 (2026-12-05 14:03)"],
    ["admin", "系统管理员", "系统管理员（2026-12-05 14:03）", "系统管理员 (2026-12-05 14:03)"],
    ["admin", " admin Li ", "admin Li（2026-12-05 14:03）", "admin Li (2026-12-05 14:03)"],
  ] as const)("a %s account called %j is named once with its desk, zh and en", (source, by, zh, en) => {
    const zhLine = describeFlag("zh", flag("need.ceilingMinM", "层高8米以上 ≠ 7.5 m", { source, by }));
    expect(zhLine).toBe(`层高已由${zh}更正为 7.5 m（备注原写：层高8米以上），以更正为准，不必再核实`);
    expect(zhLine).not.toMatch(/(热线|管理员|招商专员)\1/);
    expect(describeFlag("en", flag("need.ceilingMinM", "层高8米以上 ≠ 7.5 m", { source, by }))).toBe(
      `Ceiling height corrected by ${en} to 7.5 m (the notes said: 层高8米以上); the correction stands, no need to check again`,
    );
  });
});
