import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { checkTextRow } from "~/inventory/inventory-check";

import { encodeGbk } from "../../support/gbk";

// A header's unit is read by its column's reader, the lead form's units: 平方米, 平米, m2, m² and ㎡ name one
// column, and a unit other than the column's own (吨/平方米 for 承重 in 公斤/㎡) applies to its bare cells.
const FIXED = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"];
const fixedCells = ["S1", "P1", "厂房", "出租", "1号厂房", "5000", "可租售"];

async function spaceFrom(headers: string[], cells: string[], gbk = true) {
  const text = `${[...FIXED, ...headers].join(",")}\r\n${[...fixedCells, ...cells].join(",")}\r\n`;
  const read = await readWorkbook(gbk ? encodeGbk(text) : Buffer.from(text), "空间.csv");
  return { read, row: read.rows[0] && checkTextRow("spaces", read.rows[0].cells) };
}

describe("header units of a GBK CSV", () => {
  it.each([
    ["承重(吨/平方米)", "3", { floorLoadKg: 3000 }],
    ["承重（吨/平米）", "2.5", { floorLoadKg: 2500 }],
    ["承重(公斤/平方米)", "3000", { floorLoadKg: 3000 }],
    ["承重(kg/m2)", "800", { floorLoadKg: 800 }],
    ["租金(元/平方米/月)", "25", { rentYuanPerSqmMonth: 25 }],
    ["租金(元/平米/天)", "0.8", { rentYuanPerSqmMonth: 24 }],
    ["租金（元/㎡·月）", "18", { rentYuanPerSqmMonth: 18 }],
    ["售价(元/平方米)", "4500", { priceYuanPerSqm: 4500 }],
    ["售价(元/m2)", "5千", { priceYuanPerSqm: 5000 }],
    ["最小可分割面积(平米)", "1000", { divisibleMinSqm: 1000 }],
    ["最小可分割面积(亩)", "1.5", { divisibleMinSqm: 1000 }],
    ["配电(KVA)", "1250", { powerKva: 1250 }],
    ["层高(mm)", "9000", { ceilingM: 9 }],
  ])("%s with %s", async (header, cell, expected) => {
    const { read, row } = await spaceFrom([header], [cell]);
    // A rent per day's column says its ×30 once at its header (import40); no other header says anything.
    expect(read.warnings.map((w) => w.reason.zh)).toEqual(/天/.test(header) ? [expect.stringContaining("按每月 30 天换算")] : []);
    expect(read.errors).toEqual([]);
    expect(row?.ok && row.value).toMatchObject(expected);
  });

  it("面积(亩) reads its bare cells in 亩, and a cell in 平米 as written", async () => {
    const text = `编号,园区编号,类型,交易方式,名称,面积(亩),状态\r\nS1,P1,土地,出售,地块,30,可租售\r\nS2,P1,土地,出售,地块,3000平米,可租售\r\n`;
    const read = await readWorkbook(encodeGbk(text), "空间.csv");
    expect(read.rows.map((r) => checkTextRow("spaces", r.cells)).map((r) => r.ok && r.value.areaSqm)).toEqual([20000, 3000]);
  });

  it("a cell writing its own unit is read as written", async () => {
    const { row } = await spaceFrom(["承重(吨/平方米)", "租金(元/平方米/月)"], ["800公斤", "0.8元/㎡/天"]);
    expect(row?.ok && row.value).toMatchObject({ floorLoadKg: 800, rentYuanPerSqmMonth: 24 });
  });

  it("m² (UTF-8) names the same column", async () => {
    const { read, row } = await spaceFrom(["售价(元/m²)"], ["4500"], false);
    expect(read.warnings).toEqual([]);
    expect(row?.ok && row.value).toMatchObject({ priceYuanPerSqm: 4500 });
  });

  it("a negative figure under a header unit says it is negative", async () => {
    const { row } = await spaceFrom(["承重(吨/平方米)"], ["-3"]);
    expect(row?.ok).toBe(false);
    if (row && !row.ok)
      expect(row.issues).toEqual([
        { key: "floorLoadKg", reason: expect.objectContaining({ zh: "“-3吨/平方米”是负数：承重不能为负数，不清楚请留空" }) },
      ]);
  });

  it("a unit the column does not know is an error at the header, never read in another unit", async () => {
    const { read } = await spaceFrom(["承重(磅/平方英寸)"], ["3"]);
    expect(read.errors).toEqual([
      expect.objectContaining({
        row: 1,
        reason: {
          zh: "列“承重(磅/平方英寸)”的单位“磅/平方英寸”无法识别：请把表头写成“承重（公斤/㎡）”，或把单位写在每个单元格里",
          en: "column “承重(磅/平方英寸)”: the unit “磅/平方英寸” is not understood; name the column “floor load (kg/㎡)”, or write the unit in each cell",
        },
      }),
    ]);
  });

  it("our own headers still read their cells in the column's unit", async () => {
    const { read, row } = await spaceFrom(["承重（公斤/㎡）", "租金（元/㎡/月）", "层高（米）"], ["3000", "25", "9"]);
    expect(read.warnings).toEqual([]);
    expect(row?.ok && row.value).toMatchObject({ floorLoadKg: 3000, rentYuanPerSqmMonth: 25, ceilingM: 9 });
  });

  it("an .xlsx numeric cell takes the header's unit too", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow([...FIXED, "承重(吨/平方米)"]);
    ws.addRow([...fixedCells, 3]);
    const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "inventory.xlsx");
    const row = checkTextRow("spaces", read.rows[0].cells);
    expect(row.ok && row.value).toMatchObject({ floorLoadKg: 3000 });
  });
});
