import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { pacedXml } from "~/inventory/excel/paced-xml.server";
import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { inventoryWorkbook } from "~/inventory/excel/write-workbook.server";
import { validateInventory } from "~/inventory/import.server";

import { generatedSpaces } from "../../fixtures/inventory";
import { turnsDuring } from "../../support/event-loop-turns";

// An uploaded .xlsx is read with turns of the event loop between its pieces (docs/decisions/125): the
// XML parse, the rows ExcelJS builds, and our reading of each row. What is checked: the workbook and the
// rows read are those of the read at once, and the turns happen — counted, not timed.

/** Every cell of every sheet as ExcelJS gives it: address, type, value, text, number format. */
function cellsOf(wb: ExcelJS.Workbook) {
  return wb.worksheets.map((ws) => {
    const cells: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => cells.push([cell.address, cell.type, cell.value, cell.text, cell.numFmt])),
    );
    return { name: ws.name, rowCount: ws.rowCount, actualRowCount: ws.actualRowCount, values: ws.getSheetValues(), cells };
  });
}

/** A workbook with what ExcelJS reads in different ways: shared and rich text, dates, formulas, errors, merged cells. */
async function mixedWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("空间");
  ws.addRow(["编号", "园区编号", "面积（平方米）", "可入驻时间", "备注"]);
  for (let i = 1; i <= 60; i++) {
    ws.addRow([
      `S${i}`,
      i % 2 ? "GC-EDZ" : { richText: [{ text: "GC-" }, { text: "MED", font: { bold: true } }] },
      i % 7 === 0 ? { formula: "1/0", result: { error: "#DIV/0!" } } : i % 5 === 0 ? { formula: `${i}*100`, result: i * 100 } : 1000 + i,
      new Date(Date.UTC(2027, i % 12, 1)),
      i % 3 ? `备注 ${i}` : i % 11 === 0,
    ]);
  }
  ws.getCell("D3").numFmt = "yyyy-mm-dd";
  ws.getCell("C70").value = { sharedFormula: "C10", result: 5 } as never;
  ws.getCell("C10").value = { formula: "A1", result: 5, shareType: "shared", ref: "C10:C10" } as never;
  const merged = wb.addWorksheet("园区");
  merged.addRow(["编号", "名称"]);
  merged.addRow(["P1", "合并的园区"]);
  merged.addRow(["P2", null]);
  merged.mergeCells("B2:B3");
  wb.addWorksheet("说明").addRow(["说明"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("an .xlsx read in slices", () => {
  it("is the workbook ExcelJS's load at once gives, cell by cell, merged sheets included", async () => {
    const bytes = await mixedWorkbook();
    const atOnce = new ExcelJS.Workbook();
    await atOnce.xlsx.load(bytes as unknown as ArrayBuffer);
    const sliced = new ExcelJS.Workbook();
    await pacedXml(0, sliced, bytes);
    expect(cellsOf(sliced)).toEqual(cellsOf(atOnce));
    // And ExcelJS outside pacedXml is its own again (another workbook loaded at once after).
    const after = new ExcelJS.Workbook();
    await after.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(cellsOf(after)).toEqual(cellsOf(atOnce));
  });

  it("gives the event loop a turn before every row it builds and every row it reads, with the same rows and messages", async () => {
    const checked = validateInventory({ spaces: generatedSpaces(300).map((s, i) => ({ ...s, notes: `第 ${i} 号的备注` })) });
    if (!checked.ok) throw new Error("generated spaces refused");
    const bytes = await inventoryWorkbook(checked.value);
    const sliced = await turnsDuring(() => readWorkbook(bytes, "空间.xlsx", { sliceMs: 0 }));
    // 300 rows built by ExcelJS, then 300 rows read: a turn before each (and before each piece of XML).
    expect(sliced.turns).toBeGreaterThanOrEqual(600);
    expect(sliced.value.rows).toHaveLength(300);
    expect(sliced.value.errors).toEqual([]);
    expect(sliced.value).toEqual(await readWorkbook(bytes, "空间.xlsx", { sliceMs: 60_000 }));
  });

  it("reads bad cells with the same messages in slices as at once", async () => {
    const bytes = await mixedWorkbook();
    const sliced = await readWorkbook(bytes, "inventory.xlsx", { sliceMs: 0 });
    expect(sliced.errors.map((e) => e.reason.zh)).toContain("单元格是错误值 #DIV/0!：请改正公式或直接填写数值");
    expect(sliced).toEqual(await readWorkbook(bytes, "inventory.xlsx", { sliceMs: 60_000 }));
  });
});
