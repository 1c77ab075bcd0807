import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";

// A cell Excel shows as #DIV/0!, #REF! or #N/A (a broken formula, a deleted sheet it pointed at), or a
// formula the file keeps without its result (written by a script, never opened in Excel): each was
// read as a blank cell — the space then went in as "unknown", or an existing one's figure was cleared —
// without a word in the preview. Each is now an error at its sheet, row and column.
async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("空间");
  ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "面积", "层高（米）", "状态"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const row = (area: ExcelJS.CellValue, ceiling: ExcelJS.CellValue) => ["X1", "GC-DB", "厂房", "出租", "一号厂房", area, ceiling, "可租售"];

describe("Excel cells that hold no value", () => {
  it.each([
    ["an error value", row(5000, { error: "#DIV/0!" }), "G（层高（米））", "#DIV/0!"],
    ["a formula whose result is an error", row(5000, { formula: "1/0", result: { error: "#REF!" } }), "G（层高（米））", "#REF!"],
    ["#N/A", row({ error: "#N/A" }, 9), "F（面积）", "#N/A"],
    ["a formula kept without its result", row({ formula: "A1*2" }, 9), "F（面积）", "A1*2"],
  ] as const)("%s is an error at its cell, said in zh and en", async (_what, cells, column, shown) => {
    const read = await readWorkbook(await workbook([cells as ExcelJS.CellValue[]]), "inventory.xlsx");
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ sheet: "空间", row: 2, column });
    expect(read.errors[0].reason.zh).toContain(shown);
    expect(read.errors[0].reason.en).toContain(shown);
    // What the preview shows as typed: the error itself, never exceljs's "[object Object]" (an attack, 12-05).
    expect(read.errors[0].typed).not.toContain("[object Object]");
    if (_what !== "a formula kept without its result") expect(read.errors[0].typed).toBe(shown);
  });

  it("a formula with its result and a blank cell read as before", async () => {
    const read = await readWorkbook(await workbook([row({ formula: "1000*5", result: 5000 }, null)]), "inventory.xlsx");
    expect(read.errors).toEqual([]);
    expect(read.rows[0].cells).toMatchObject({ areaSqm: 5000 });
    expect(read.rows[0].cells).not.toHaveProperty("ceilingM");
  });
});
