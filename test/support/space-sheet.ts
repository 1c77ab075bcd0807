import ExcelJS from "exceljs";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { readSourceRows } from "~/inventory/import-plan.server";

/** The spaces sheet's header the import tests write (the template's own names). */
export const SPACE_HEAD = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "租金（元/㎡/月）", "可入驻时间", "状态"];
/** A cell as written: a value, or a value with its number format (a date cell's "yyyy年m月"). */
export type SheetCell = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

/** A workbook of one sheet 空间 with SPACE_HEAD and `rows`, read as an upload is: the workbook read and its rows checked. */
export async function spaceSheet(rows: SheetCell[][], { date1904 = false } = {}) {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("空间");
  ws.addRow(SPACE_HEAD);
  for (const cells of rows) {
    const row = ws.addRow(cells.map((c) => (c !== null && typeof c === "object" && "numFmt" in c ? c.value : c)));
    cells.forEach((c, i) => {
      if (c !== null && typeof c === "object" && "numFmt" in c) row.getCell(i + 1).numFmt = c.numFmt;
    });
  }
  const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "空间.xlsx");
  return { read, plan: readSourceRows(read) };
}
