import { describe, expect, it } from "vitest";

import { readDay } from "~/inventory/cell-dates";
import { COLUMNS, parseRentPerMonth, readTextRow, readWorkingHours, writeCells, writeWorkingHours } from "~/inventory/inventory-columns";

// Cells as people write them in the inventory workbook and the admin forms.
describe("inventory cells", () => {
  it("reads areas, money and specs with their units through the lead form's normalisers", () => {
    const { value, errors } = readTextRow("spaces", {
      areaSqm: "5千平",
      divisibleMinSqm: "1.5亩",
      ceilingM: "9米",
      floorLoadKg: "3吨/㎡",
      powerKva: "1250KVA",
      rentYuanPerSqmMonth: "0.8元/㎡/天",
      landPriceWanPerMu: "30万元/亩",
      deals: "租售",
      kind: "标准厂房",
      status: "已出租",
      singleStorey: "是",
      availableFrom: "2027年3月",
    });
    expect(errors).toEqual([]);
    expect(value).toMatchObject({
      areaSqm: 5000,
      divisibleMinSqm: 1000,
      ceilingM: 9,
      floorLoadKg: 3000,
      powerKva: 1250,
      rentYuanPerSqmMonth: 24,
      landPriceWanPerMu: 30,
      deals: ["lease", "buy"],
      kind: "factory",
      status: "let",
      singleStorey: true,
      availableFrom: "2027-03",
    });
  });

  it("reads past the figure's own name typed before it, as the lead form does (层高九米)", () => {
    const cases: [string, string, number][] = [
      ["ceilingM", "层高九米", 9],
      ["ceilingM", "净高：8.5米", 8.5],
      ["ceilingM", "clear height 12 m", 12],
      ["floorLoadKg", "承重3吨/㎡", 3000],
      ["powerKva", "配电 1250KVA", 1250],
      ["craneT", "行车十吨", 10],
      ["areaSqm", "面积5千平", 5000],
      ["divisibleMinSqm", "建筑面积：1.5亩", 1000],
      ["rentYuanPerSqmMonth", "租金25元/㎡/月", 25],
      ["priceYuanPerSqm", "售价4500", 4500],
      ["landPriceWanPerMu", "地价30万元/亩", 30],
    ];
    for (const [key, typed, expected] of cases) {
      const { value, errors } = readTextRow("spaces", { [key]: typed });
      expect(
        errors.filter((e) => e.key === key),
        `${key} ${typed}`,
      ).toEqual([]);
      expect((value as Record<string, unknown>)[key], `${key} ${typed}`).toBeCloseTo(expected, 6);
    }
    // A label alone is still no figure, and says what was typed.
    const { errors } = readTextRow("spaces", { ceilingM: "层高" });
    expect(errors.find((e) => e.key === "ceilingM")?.reason.zh).toContain("层高");
  });

  it("names each cell it cannot read, in zh and en", () => {
    const { errors } = readTextRow("spaces", { areaSqm: "很大", kind: "飞船", availableFrom: "看情况" });
    expect(errors.map((e) => e.key)).toEqual(["kind", "areaSqm", "availableFrom"]);
    expect(errors[0].reason.zh).toContain("厂房、土地、办公、仓库");
    expect(errors[1].reason.en).toContain("很大");
  });

  it("reads working hours and writes them back to the same value", () => {
    expect(readWorkingHours("周一至周五 9:00-18:00")).toEqual({ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" });
    expect(readWorkingHours("工作日 08:30～17:30")).toEqual({ days: [1, 2, 3, 4, 5], start: "08:30", end: "17:30" });
    expect(readWorkingHours("Mon-Sat 9-17")).toEqual({ days: [1, 2, 3, 4, 5, 6], start: "09:00", end: "17:00" });
    expect(readWorkingHours("周一、周三、周五 9:00-12:00")).toEqual({ days: [1, 3, 5], start: "09:00", end: "12:00" });
    expect(readWorkingHours("随时")).toBeNull();
    for (const h of [
      { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" },
      { days: [1, 3, 5, 6, 7], start: "08:00", end: "12:00" },
      { days: [2, 3], start: "10:00", end: "16:00" },
    ])
      expect(readWorkingHours(writeWorkingHours(h))).toEqual(h);
  });

  it("reads days and rents", () => {
    expect(readDay("2026/3/1")).toBe("2026-03-01");
    expect(readDay("2026年12月7日")).toBe("2026-12-07");
    expect(readDay("2026-02-30")).toBeNull();
    expect(readDay("2026-03")).toBeNull();
    expect(readDay("2026-03", true)).toBe("2026-03");
    expect(parseRentPerMonth("25元/平米/月")).toBe(25);
    // A currency mark before, 元/块 after, the units in either order or per year (a trial's ¥18/㎡·月 was refused).
    for (const typed of [
      "¥18/㎡·月",
      "￥18/平方米/月",
      "RMB 18元/㎡/月",
      "人民币18元每平方米每月",
      "18元/月/平",
      "18块/平/月",
      "216元/㎡/年",
    ])
      expect(parseRentPerMonth(typed), typed).toBe(18);
    expect(parseRentPerMonth("0.6元/㎡·日")).toBe(18);
    for (const typed of ["25元/天/月", "¥", "元/㎡/月", "-3元/㎡/月"]) expect(parseRentPerMonth(typed), typed).toBeNull();
    expect(parseRentPerMonth("１．２元/㎡/天")).toBe(36);
  });

  it("every column writes a value the same column reads back", () => {
    const value = {
      id: "R1",
      name: "周敏",
      email: "a@example.cn",
      phone: "+8613900000001",
      channel: "hotline",
      parks: ["GC-EDZ", "GC-MED"],
      industries: ["C35"],
      capacity: 12,
      active: false,
      away: [{ from: "2026-12-01", to: "2026-12-07" }],
      workingHours: { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" },
    };
    const cells = writeCells("recruiters", value);
    expect(Object.keys(cells)).toEqual(COLUMNS.recruiters.map((c) => c.key));
    const back = readTextRow("recruiters", cells);
    expect(back.errors).toEqual([]);
    expect(back.value).toEqual(value);
  });
});
