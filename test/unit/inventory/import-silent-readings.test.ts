import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { validateInventory } from "~/inventory/import.server";
import { readSourceRows } from "~/inventory/import-plan.server";
import { checkTextRow } from "~/inventory/inventory-check";
import { COLUMNS, readCell } from "~/inventory/inventory-columns";

// Import40 item 6: import inputs that changed meaning unsaid.
// (a) 承重 "3" (a bare figure, the way 承重3吨 is said) was stored as 3 kg/㎡ — no floor — and the space then failed every
//     lead asking for a load, nothing said. A bare floor load under 100 is refused asking for its unit, in the admin form,
//     the Excel/CSV import and the JSON import's strings alike; "3吨", "3公斤" or a header's unit say which.
// (b) A totals row under the list (合计, its 面积 a SUM) was refused as a record, six messages long (编号只能用字母…, 园区编号
//     必填 …). It is left out and said so, as the template's example row is.
const FIXED = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", title: "1号厂房", areaSqm: "5000", status: "可租售" };
const load = COLUMNS.spaces.find((c) => c.key === "floorLoadKg")!;

describe("a bare floor load under 100", () => {
  it.each(["3", "2.5", "五", "0.8", "99", "３"])("%s is refused asking for its unit, in both languages", (typed) => {
    const r = readCell(load, typed);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.zh).toContain(`承重“${typed}”没有单位`);
    expect(r.reason.zh).toContain("吨");
    expect(r.reason.en).toContain("has no unit");
    const row = checkTextRow("spaces", { ...FIXED, floorLoadKg: typed });
    expect(row.ok).toBe(false);
  });

  it.each([
    ["3吨", 3000],
    ["3吨/㎡", 3000],
    ["3t", 3000],
    ["3公斤", 3],
    ["50kg/㎡", 50],
    ["100", 100],
    ["800", 800],
    ["3000", 3000],
    ["0", 0],
  ])("%s is read as %s kg/㎡ (its unit written, or a figure a floor takes)", (typed, kg) => {
    expect(readCell(load, typed)).toMatchObject({ ok: true, value: kg });
  });

  it("under a header in tonnes the bare cells are tonnes; the JSON import's string is refused, its number is kilograms", async () => {
    const text = "编号,园区编号,类型,交易方式,名称,面积,状态,承重(吨/平方米)\r\nS1,P1,厂房,出租,1号厂房,5000,可租售,3\r\n";
    const read = await readWorkbook(Buffer.from(text), "空间.csv");
    expect(readSourceRows(read).value.spaces[0].floorLoadKg).toBe(3000);
    const bare = await readWorkbook(Buffer.from(text.replace("承重(吨/平方米)", "承重")), "空间.csv");
    const rows = readSourceRows(bare);
    expect(rows.value.spaces).toEqual([]);
    expect(rows.errors.map((e) => [e.row, e.column])).toEqual([[2, "H（承重）"]]);
    const park = { id: "P1", name: "园", province: "江苏省", city: "南京市", district: "六合区", industries: [], excludedIndustries: [] };
    const space = { id: "S1", parkId: "P1", kind: "factory", deals: ["lease"], title: "1号", areaSqm: 5000, status: "available" };
    const json = validateInventory({ parks: [park], spaces: [{ ...space, floorLoadKg: "3" }] }, "zh");
    expect(json.ok ? [] : json.errors[0].errors).toEqual([expect.stringMatching(/^floorLoadKg：承重“3”没有单位/)]);
    expect(validateInventory({ parks: [park], spaces: [{ ...space, floorLoadKg: 3000 }] }, "zh").ok).toBe(true);
  });
});

async function sheet(rows: (string | number | { formula: string; result: number } | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("空间");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const HEAD = ["序号", "编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"];

describe("a totals row under the list", () => {
  it.each([
    ["合计", null],
    ["合 计：", null],
    ["总计", null],
    ["小计", null],
    ["Total", null],
    [3, "合计"], // 合计 in the 编号 column
  ])("%s / %s: left out and said, the rows above imported", async (first, id) => {
    const read = await readWorkbook(
      await sheet([
        HEAD,
        [1, "S1", "P1", "厂房", "出租", "一号厂房", 5000, "可租售"],
        [2, "S2", "P1", "厂房", "出租", "二号厂房", 3000, "可租售"],
        [first, id, null, null, null, null, { formula: "SUM(G2:G3)", result: 8000 }, null],
      ]),
      "inventory.xlsx",
    );
    expect(read.errors).toEqual([]);
    expect(read.rows.map((r) => r.cells.id)).toEqual(["S1", "S2"]);
    expect(read.warnings).toHaveLength(2); // 序号 is no column of ours: said as before
    const said = read.warnings.find((w) => w.row === 4)!;
    expect(said.reason.zh).toContain("是合计行，不是一条记录，未导入");
    expect(said.reason.en).toContain("is a totals row");
    expect(readSourceRows(read).errors).toEqual([]);
  });

  it("a row with an id of its own is a record, whatever its name says; a row with no id and no totals word is still refused", async () => {
    const read = await readWorkbook(
      await sheet([
        HEAD,
        [1, "S1", "P1", "厂房", "出租", "合计", 5000, "可租售"],
        [2, null, "P1", "厂房", "出租", "二号厂房", 3000, "可租售"],
      ]),
      "inventory.xlsx",
    );
    expect(read.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(readSourceRows(read).errors.map((e) => e.row)).toEqual([3]);
  });
});

// (c) A title row above the header ("2026年园区空间清单", merged across the columns), as Chinese lists are laid out: read as
//     the header, it made every column "unknown" (once per merged cell) and 编号 "missing". The row below is the header.
describe("a title row above the header", () => {
  it("is said and skipped, in an .xlsx (merged) and a CSV; the rows under the header below it are read", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow(["2026年园区空间清单"]);
    ws.mergeCells("A1:G1");
    ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"]);
    ws.addRow(["S1", "P1", "厂房", "出租", "一号", 5000, "可租售"]);
    const xlsx = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "x.xlsx");
    const csv = await readWorkbook(
      Buffer.from("2026年园区空间清单,,,,,,\r\n编号,园区编号,类型,交易方式,名称,面积,状态\r\nS1,P1,厂房,出租,一号,5000,可租售\r\n"),
      "清单.csv",
    );
    for (const read of [xlsx, csv]) {
      expect(read.errors).toEqual([]);
      expect(read.rows.map((r) => [r.collection, r.row, r.cells.id])).toEqual([["spaces", 3, "S1"]]);
      expect(read.warnings.map((w) => [w.row, w.reason.zh])).toEqual([[1, "“2026年园区空间清单”是标题行，未作表头：表头读自第 2 行"]]);
      expect(readSourceRows(read).errors).toEqual([]);
    }
  });

  it("a header of one known column is a header, not a title", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow(["编号"]);
    ws.addRow(["S1"]);
    const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "x.xlsx");
    expect(read.warnings).toEqual([]);
    expect(read.rows.map((r) => r.cells.id)).toEqual(["S1"]);
  });
});
