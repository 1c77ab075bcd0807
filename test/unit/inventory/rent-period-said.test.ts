import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { validateInventory } from "~/inventory/import.server";
import { readSourceRows } from "~/inventory/import-plan.server";
import { cellReadings, checkTextRow } from "~/inventory/inventory-check";

import { CSV_FIXED, PARK, space } from "./json-row-fixtures";

// Import40: a rent written per day (元/平米/天) is stored per month ×30 (DESIGN.md's units), per year ÷12, but the
// import's preview listed no note of it — only "租金 24 元/㎡·月" in the row's summary, which an admin who typed 0.8 may
// take for a misread. Said now as the other readings are: per cell in the preview's 提示 (the admin form and the JSON
// import alike), once per column when the header names the period.

async function csv(headers: string[], rows: string[][]) {
  const text = [headers, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";
  const read = await readWorkbook(Buffer.from(text), "空间.csv");
  return { read, rows: readSourceRows(read) };
}
const HEAD = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"];
const row = (id: string, rent: string) => [id, "P1", "厂房", "出租", "1号厂房", "5000", "可租售", rent];

describe("a rent per day or per year is said with the monthly figure it became", () => {
  it.each([
    ["0.8元/㎡/天", 24, "日租金，按每月 30 天换算为 24 元/平方米/月", "per day: read as 24 yuan/㎡ a month"],
    ["0.8元/平/日", 24, "日租金", "per day"],
    ["约1元每平方米每天", 30, "日租金，按每月 30 天换算为 30 元/平方米/月", "read as 30 yuan"],
    ["300元/㎡/年", 25, "年租金，按每年 12 个月换算为 25 元/平方米/月", "per year: read as 25 yuan/㎡ a month"],
    ["310元/㎡/年", 25.833333333333, "换算为 25.83 元/平方米/月", "read as 25.83 yuan"],
  ])("the admin form's cell %s", (typed, value, zh, en) => {
    const checked = checkTextRow("spaces", { ...CSV_FIXED, rentYuanPerSqmMonth: typed });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect((checked.value as { rentYuanPerSqmMonth: number }).rentYuanPerSqmMonth).toBeCloseTo(value, 6);
    const said = cellReadings("spaces", { ...CSV_FIXED, rentYuanPerSqmMonth: typed }, checked.value).filter(
      (r) => r.key === "rentYuanPerSqmMonth",
    );
    expect(said.map((s) => s.reason.zh).join("|")).toContain(zh);
    expect(said.map((s) => s.reason.zh).join("|")).toContain(`“${typed}”`);
    expect(said.map((s) => s.reason.en).join("|")).toContain(en);
  });

  it("a monthly rent, or one with no period, says nothing", () => {
    for (const typed of ["25", "25元/㎡/月", "¥18/㎡·月"]) {
      const checked = checkTextRow("spaces", { ...CSV_FIXED, rentYuanPerSqmMonth: typed });
      expect(checked.ok).toBe(true);
      expect(cellReadings("spaces", { ...CSV_FIXED, rentYuanPerSqmMonth: typed }, checked.ok ? checked.value : null)).toEqual([]);
    }
  });

  it("in the Excel/CSV preview: at each row when the cell writes the period, the value stored per month", async () => {
    const { read, rows } = await csv([...HEAD, "租金"], [row("S1", "0.8元/平/天"), row("S2", "25")]);
    expect(read.warnings).toEqual([]);
    expect(rows.errors).toEqual([]);
    expect(rows.value.spaces.map((s) => s.rentYuanPerSqmMonth)).toEqual([24, 25]);
    expect(rows.notes.map((n) => [n.row, n.column, n.reason.zh])).toEqual([
      [2, "H2（租金）", "租金（元/㎡/月）“0.8元/平/天”是日租金，按每月 30 天换算为 24 元/平方米/月"],
    ]);
  });

  it("once at the header when the column's header names the period, not at each of its rows", async () => {
    const { read, rows } = await csv([...HEAD, "租金(元/平米/天)"], [row("S1", "0.8"), row("S2", "1.2"), row("S3", "25元/㎡/月")]);
    expect(rows.errors).toEqual([]);
    expect(rows.value.spaces.map((s) => s.rentYuanPerSqmMonth)).toEqual([24, 36, 25]);
    expect(read.warnings.map((w) => [w.row, w.column, w.reason.zh])).toEqual([
      [1, "H", "列“租金(元/平米/天)”是日租金：每格按每月 30 天换算为元/平方米/月（例如 0.8 → 24）"],
    ]);
    expect(read.warnings[0].reason.en).toContain("rents per day");
    expect(rows.notes).toEqual([]);
    const year = await csv([...HEAD, "租金（元/平方米/年）"], [row("S1", "300")]);
    expect(year.read.warnings.map((w) => w.reason.zh)).toEqual([
      "列“租金（元/平方米/年）”是年租金：每格按每年 12 个月换算为元/平方米/月（例如 300 → 25）",
    ]);
  });

  it("in the JSON import's readAs notes, in the caller's language", () => {
    const r = validateInventory({ parks: [PARK], spaces: [space({ rentYuanPerSqmMonth: "0.8元/㎡/天" })] }, "en");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.spaces[0].rentYuanPerSqmMonth).toBe(24);
    expect(r.notes).toEqual([
      {
        collection: "spaces",
        index: 0,
        id: "S1",
        notes: ["rentYuanPerSqmMonth: rent (CNY/㎡/month) “0.8元/㎡/天” is a rent per day: read as 24 yuan/㎡ a month (30 days a month)"],
      },
    ]);
  });
});
