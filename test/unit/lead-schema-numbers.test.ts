import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors, type Lead } from "../../app/domain/lead-schema";
import { validLeadJson } from "../support/leads";

// The number fields of the one lead schema take what the notes parser takes (issue 9, items 12, 13, 17).
const NOW = new Date("2026-12-01T02:00:00Z"); // 2026-12-01 10:00 in China
const schema = (lng: "zh" | "en" = "zh") => createLeadSchema(lng, "api", { now: () => NOW });

function parse(patch: { need?: Record<string, unknown>; tax?: Record<string, unknown> }, lng: "zh" | "en" = "zh") {
  const base = validLeadJson();
  return schema(lng).safeParse({ ...base, need: { ...base.need, ...patch.need }, tax: { ...base.tax, ...patch.tax } });
}

function value<T>(patch: Parameters<typeof parse>[0], pick: (lead: Lead) => T): T {
  const r = parse(patch);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return pick(r.data.lead);
}

function errors(patch: Parameters<typeof parse>[0], lng: "zh" | "en" = "zh") {
  const r = parse(patch, lng);
  return r.success ? {} : issuesToFieldErrors(r.error);
}

describe("money fields (万元): the written unit wins, a currency sign means 元", () => {
  it.each<[string, number]>([
    // issue examples
    ["¥5,000,000", 500],
    ["￥5,000,000", 500],
    ["一个亿", 10000],
    ["两个亿", 20000],
    ["1.5个亿", 15000],
    ["一亿一千万", 11000],
    ["五萬", 5],
    ["1000萬", 1000],
    ["8千3万", 8300],
    ["约3000万元", 3000],
    // more of each kind
    ["¥300万", 300],
    ["RMB 2,500,000", 250],
    ["人民币80万元", 80],
    ["5000000元", 500],
    ["三个亿", 30000],
    ["0.5个亿", 5000],
    ["1個億", 10000],
    ["两亿三千万", 23000],
    ["三亿零五百万", 30500],
    ["5千万", 5000],
    ["1.2億", 12000],
    ["三千萬", 3000],
    ["2千5万", 2500],
    ["大约300万", 300],
    ["300万左右", 300],
    ["300万以上", 300],
    ["300多万", 300],
    ["300", 300],
    ["5千", 5000],
    ["345 萬", 345],
  ])("annualTaxWan %j → %d", (typed, expected) => {
    expect(value({ tax: { annualTaxWan: typed } }, (l) => l.tax.annualTaxWan)).toBe(expected);
  });

  it.each(["几百万", "很多", "-5"])("annualTaxWan %j is refused with a field message", (typed) => {
    expect(errors({ tax: { annualTaxWan: typed } })["tax.annualTaxWan"]?.[0]).toMatch(/金额（万元）|负数/);
  });

  // A written range in the tax box is its lower figure (docs/decisions/168; it was refused as a range, ADR 162); in the other
  // money boxes too (docs/decisions/189: one rule for every money box; they refused it with the range's message).
  it.each(["三百万-五百万元", "300到500万", "300~500万元"])("annualTaxWan %j is its lower figure, 300", (typed) => {
    expect(value({ tax: { annualTaxWan: typed } }, (l) => l.tax.annualTaxWan)).toBe(300);
    expect(value({ tax: { investmentWan: typed } }, (l) => l.tax.investmentWan)).toBe(300);
  });

  it("a tax figure above the field's limit is refused, not stored", () => {
    expect(errors({ tax: { annualTaxWan: "2万亿元" } })["tax.annualTaxWan"]).toEqual(["数值过大，请核对"]);
  });
});

describe("implausible figures are kept and flagged for the recruiter", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["500 亿元 of annual tax", { annualTaxWan: "500亿元" }, "tax.annualTaxWan"],
    ["¥ read as 万 would have been 500 亿", { annualTaxWan: 5_000_000 }, "tax.annualTaxWan"],
    ["20 亿元 of annual tax", { annualTaxWan: "20亿" }, "tax.annualTaxWan"],
    ["a million employees", { employees: "100万人" }, "tax.employees"],
  ])("%s", (_, tax, field) => {
    const flags = value({ tax }, (l) => l.flags) as Array<{ field: string; code: string }>;
    expect(flags).toContainEqual(expect.objectContaining({ field, code: "implausible" }));
  });

  it("an ordinary SME is not flagged", () => {
    expect(value({ tax: { annualTaxWan: "800万", employees: "200余人", investmentWan: "1.5个亿" } }, (l) => l.flags)).toEqual([]);
  });
});

describe("qualifiers in number fields", () => {
  it.each<[string, Record<string, unknown>, (l: Lead) => unknown, unknown]>([
    ["employees 200余人", { tax: { employees: "200余人" } } as never, (l) => l.tax.employees, 200],
    ["employees 约150人", { tax: { employees: "约150人" } } as never, (l) => l.tax.employees, 150],
    ["employees 三百多名", { tax: { employees: "三百多名" } } as never, (l) => l.tax.employees, 300],
    ["ceilingMinM 9米以上", { need: { ceilingMinM: "9米以上" } }, (l) => l.need.ceilingMinM, 9],
    ["ceilingMinM ≥9", { need: { ceilingMinM: "≥9" } }, (l) => l.need.ceilingMinM, 9],
    ["ceilingMinM 不低于8.5米", { need: { ceilingMinM: "不低于8.5米" } }, (l) => l.need.ceilingMinM, 8.5],
    ["ceilingMinM 至少十米", { need: { ceilingMinM: "至少十米" } }, (l) => l.need.ceilingMinM, 10],
    ["ceilingMinM 樓高12米", { need: { ceilingMinM: "12米" } }, (l) => l.need.ceilingMinM, 12],
    ["ceilingMinM 32 ft", { need: { ceilingMinM: "32 ft" } }, (l) => l.need.ceilingMinM, 9.7536],
    ["ceilingMinM 9000 (mm)", { need: { ceilingMinM: "9000" } }, (l) => l.need.ceilingMinM, 9],
    ["ceilingMinM 9000（毫米）", { need: { ceilingMinM: "9000（毫米）" } }, (l) => l.need.ceilingMinM, 9],
    ["powerMinKva 1000kVA以上", { need: { powerMinKva: "1000kVA以上" } }, (l) => l.need.powerMinKva, 1000],
    ["powerMinKva 起码800千伏安", { need: { powerMinKva: "起码800千伏安" } }, (l) => l.need.powerMinKva, 800],
    ["craneMinT 10吨以上", { need: { craneMinT: "10吨以上" } }, (l) => l.need.craneMinT, 10],
    ["craneMinT 16/3.2t", { need: { craneMinT: "16/3.2t" } }, (l) => l.need.craneMinT, 16],
    ["craneMinT 20/5吨", { need: { craneMinT: "20/5吨" } }, (l) => l.need.craneMinT, 20],
    ["craneMinT 5噸", { need: { craneMinT: "5噸" } }, (l) => l.need.craneMinT, 5],
    ["floorLoadMinKg 3吨/㎡以上", { need: { floorLoadMinKg: "3吨/㎡以上" } }, (l) => l.need.floorLoadMinKg, 3000],
    ["areaMin 1w平", { need: { areaMin: "1w平", areaMax: undefined } }, (l) => l.need.areaMinSqm, 10000],
    ["areaMin 1W㎡", { need: { areaMin: "1W㎡", areaMax: undefined } }, (l) => l.need.areaMinSqm, 10000],
    ["areaMin 5000平以上", { need: { areaMin: "5000平以上", areaMax: undefined } }, (l) => l.need.areaMinSqm, 5000],
    ["areaMin 一亩半", { need: { areaMin: "一亩半", areaMax: undefined } }, (l) => l.need.areaMinSqm, 1000],
    ["areaMin 十八亩半", { need: { areaMin: "十八亩半", areaMax: undefined } }, (l) => l.need.areaMinSqm, 12333.33],
    ["areaMin 50亩地", { need: { areaMin: "50亩地", areaMax: undefined } }, (l) => l.need.areaMinSqm, 33333.33],
    ["areaMin 30畝", { need: { areaMin: "30畝", areaMax: undefined } }, (l) => l.need.areaMinSqm, 20000],
    // About a figure alone in a box is ±10 % (ADR 101).
    ["areaMin 约3000平", { need: { areaMin: "约3000平", areaMax: undefined } }, (l) => l.need.areaMinSqm, 2700],
    ["areaMin 约3000平 (its upper end)", { need: { areaMin: "约3000平", areaMax: undefined } }, (l) => l.need.areaMaxSqm, 3300],
    ["areaMax 5000平以内", { need: { areaMin: undefined, areaMax: "5000平以内" } }, (l) => l.need.areaMaxSqm, 5000],
    ["areaMax 不超过8千平", { need: { areaMin: undefined, areaMax: "不超过8千平" } }, (l) => l.need.areaMaxSqm, 8000],
    ["areaMax 10,000 sq ft", { need: { areaMin: undefined, areaMax: "10,000 sq ft" } }, (l) => l.need.areaMaxSqm, 929.03],
  ])("%s", (_, patch, pick, expected) => {
    expect(value(patch as never, pick)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      "an upper limit in a minimum field",
      { ceilingMinM: "6米以下" },
      "need.ceilingMinM",
      "此项填最低要求；“以下”“不超过”这样的上限请写在补充说明里",
    ],
    [
      "不超过 in a minimum field",
      { powerMinKva: "不超过500kva" },
      "need.powerMinKva",
      "此项填最低要求；“以下”“不超过”这样的上限请写在补充说明里",
    ],
    ["以上 in areaMax", { areaMin: "1000", areaMax: "5000平以上" }, "need.areaMax", "此项填上限；“以上”“至少”这样的下限请填在最小面积里"],
    ["至少 in areaMax", { areaMin: "1000", areaMax: "至少3000平" }, "need.areaMax", "此项填上限；“以上”“至少”这样的下限请填在最小面积里"],
    [
      "以下 in areaMin",
      { areaMin: "3000平以下", areaMax: "9000" },
      "need.areaMin",
      "此项填最小面积；“以下”“不超过”这样的上限请填在最大面积里",
    ],
  ])("%s is refused, not inverted", (_, need, field, message) => {
    expect(errors({ need })[field]).toEqual([message]);
  });

  it("a height only meaningful in another unit is never stored outside the field's limits", () => {
    expect(errors({ need: { ceilingMinM: "500米" } })["need.ceilingMinM"]).toEqual(["数值过大，请核对"]);
    expect(errors({ need: { craneMinT: "5000吨" } })["need.craneMinT"]).toEqual(["数值过大，请核对"]);
  });
});

describe("need.moveInBy: dates and words relative to the submission date (clock injected)", () => {
  it.each<[string, string]>([
    ["2027-03", "2027-03"],
    ["2027-3", "2027-03"],
    ["2027.3", "2027-03"],
    ["2027/03", "2027-03"],
    ["2027年3月", "2027-03"],
    ["２０２７年３月", "2027-03"],
    ["2027年三月", "2027-03"],
    ["2027年十二月底", "2027-12"],
    ["27年3月", "2027-03"],
    ["2027-03-15", "2027-03"],
    ["2027年3月15日前", "2027-03"],
    ["2027/3/15", "2027-03"],
    ["尽快", "2026-12"],
    ["越快越好", "2026-12"],
    ["ASAP", "2026-12"],
    ["年底", "2026-12"],
    ["今年年底", "2026-12"],
    ["明年年底", "2027-12"],
    ["明年3月", "2027-03"],
    ["明年三月份", "2027-03"],
    ["明年初", "2027-01"],
    ["下个月", "2027-01"],
    ["下月", "2027-01"],
    ["next month", "2027-01"],
    ["三个月内", "2027-03"],
    ["3个月以内", "2027-03"],
    ["半年内", "2027-06"],
    ["一年内", "2027-12"],
    ["within 3 months", "2027-03"],
    ["3月", "2027-03"], // March already passed this year
    ["十二月", "2026-12"],
  ])("%j → %s", (typed, expected) => {
    expect(value({ need: { moveInBy: typed } }, (l) => l.need.moveInBy)).toBe(expected);
  });

  it("counts from the injected clock, not from the machine's", () => {
    const base = validLeadJson();
    const july = createLeadSchema("zh", "api", { now: () => new Date("2027-07-15T00:00:00Z") });
    const r = july.parse({ ...base, need: { ...base.need, moveInBy: "三个月内" } });
    expect(r.lead.need.moveInBy).toBe("2027-10");
  });

  it.each(["下辈子", "很久以后"])("%j → the month message in zh and en", (typed) => {
    expect(errors({ need: { moveInBy: typed } })["need.moveInBy"]?.[0]).toBe(`没能从“${typed}”读出月份：请写年-月，例如 2027-06`); // the words typed, not the hint again (ADR 173)
    expect(errors({ need: { moveInBy: typed } }, "en")["need.moveInBy"]?.[0]).toBe(
      `“${typed}” could not be read as a month: write the year and month, e.g. 2027-06`,
    );
  });

  // A month that does not exist is said as such (ADR 093), not as "write year-month".
  it.each<[string, string]>([
    ["2027-13", "13"],
    ["2027-00", "0"],
    ["2027年十三月", "13"],
  ])("%j → no month %s, in zh and en", (typed, month) => {
    expect(errors({ need: { moveInBy: typed } })["need.moveInBy"]?.[0]).toContain(`没有${month}月，月份是 1 到 12`);
    expect(errors({ need: { moveInBy: typed } }, "en")["need.moveInBy"]?.[0]).toMatch(/month|1 to 12/i);
  });
});

describe("an area far too large is said once (the field's check, not again by the cross-field check)", () => {
  it.each<string | number>(["10亿", "2亿平", 1e9])("%j → one message", (areaMin) => {
    expect(errors({ need: { areaMin, areaMax: undefined } })["need.areaMin"]).toEqual(["数值过大，请核对"]);
  });
});

describe("need.moveInBy: a month in the past is refused as such, on every channel", () => {
  // NOW is 2026-12-01 in China: December 2026 is the current month.
  it.each(["1999-01", "2020-01", "2026-11", "2026年1月", "今年3月", "1999.12"])("%j → 'cannot be in the past' in zh and en", (typed) => {
    expect(errors({ need: { moveInBy: typed } })["need.moveInBy"]).toEqual(["入驻时间不能早于本月"]);
    expect(errors({ need: { moveInBy: typed } }, "en")["need.moveInBy"]).toEqual(["The move-in month cannot be in the past"]);
  });

  it.each([["2026-12"], ["2026年12月"], ["尽快"], ["2027-01"], ["2100-06"]])("%j → accepted (the current month or later)", (typed) => {
    expect(errors({ need: { moveInBy: typed } })["need.moveInBy"]).toBeUndefined();
  });

  it("the month turns at midnight in China, not in UTC", () => {
    const base = validLeadJson();
    const at = (iso: string) => createLeadSchema("zh", "api", { now: () => new Date(iso) });
    const lead = { ...base, need: { ...base.need, moveInBy: "2026-11" } };
    expect(at("2026-11-30T15:59:00Z").safeParse(lead).success).toBe(true); // 23:59 on 30 Nov in China
    expect(at("2026-11-30T16:00:00Z").safeParse(lead).success).toBe(false); // 00:00 on 1 Dec in China
  });

  it("reads the clock once a lead: 尽快 read as November at 23:59:59.999 is not refused as past by a later reading", () => {
    const base = validLeadJson();
    const readings = [new Date("2026-11-30T15:59:59.999Z"), new Date("2026-11-30T16:00:00.000Z")];
    let read = 0;
    const schema = createLeadSchema("zh", "api", { now: () => readings[Math.min(read++, readings.length - 1)] });
    const parsed = schema.safeParse({ ...base, need: { ...base.need, moveInBy: "尽快" } });
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data?.lead.need.moveInBy).toBe("2026-11");
    expect(read).toBe(1);
  });

  it.each(["web", "hotline"] as const)("the %s form follows the same rule", (channel) => {
    const base = validLeadJson();
    const schema = createLeadSchema("zh", channel, { now: () => NOW });
    const past = schema.safeParse({ ...base, need: { ...base.need, moveInBy: "2020-01" } });
    expect(past.success).toBe(false);
    expect(past.error?.issues.find((i) => i.path.join(".") === "need.moveInBy")?.message).toBe("入驻时间不能早于本月");
    const current = schema.safeParse({ ...base, need: { ...base.need, moveInBy: "2026-12" } });
    expect(current.error?.issues.find((i) => i.path.join(".") === "need.moveInBy")).toBeUndefined();
  });
});

describe("free-text assist inside the schema", () => {
  it("fills blanks from the notes and never a field the person filled", () => {
    const r = value({ need: { ceilingMinM: "12", notes: "层高9米，10吨行车，配电800kva" } }, (l) => l.need);
    expect(r.ceilingMinM).toBe(12);
    expect(r.craneMinT).toBe(10);
    expect(r.powerMinKva).toBe(800);
  });

  it("reports what it saw a number in but could not use (未能识别)", () => {
    const flags = value({ need: { notes: "面积大概几千平，层高不能超过6米，要200米层高" } }, (l) => l.flags) as Array<{
      field: string;
      code: string;
      text: string;
    }>;
    // The area boxes are typed (4000–6000): the notes' area words they cannot read are no doubt (ADR 117).
    expect(flags.filter((f) => f.code === "unread").map((f) => f.text)).toEqual(["层高不能超过6米", "200米层高"]);
    expect(flags.every((f) => f.field === "need.notes")).toBe(true);
  });

  it("keeps the notes as typed (Traditional stays Traditional in the record)", () => {
    expect(value({ need: { notes: "樓高9米，單層" } }, (l) => l.need.notes)).toBe("樓高9米，單層");
    expect(
      value({ need: { ceilingMinM: undefined, notes: "樓高9米，單層，5噸行車" } }, (l) => [
        l.need.ceilingMinM,
        l.need.singleStorey,
        l.need.craneMinT,
      ]),
    ).toEqual([9, true, 5]);
  });
});
