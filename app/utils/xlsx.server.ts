import ExcelJS from "exceljs";

// The one way to write an .xlsx download (inventory export, template, lead export): sheets of a header
// row and value rows, the header bold and frozen, column widths from the content. exceljs, not a
// hand-written format.

export type XlsxCell = string | number | boolean | Date | null;
export type XlsxColumn = {
  header: string;
  /** Cells of several lines ("\n"): wrapped, from the top, so the lines of two such columns of a row line up. */
  lines?: boolean;
  /** A note on the header cell (units, allowed values): shown when the cell is pointed at. */
  note?: string;
  /** Allowed values: the column gets a drop-down list (Excel data validation). */
  choices?: string[];
};
export type XlsxSheet = {
  name: string;
  columns: XlsxColumn[];
  rows: XlsxCell[][];
  /** rows styled as examples (grey italics) */ exampleRows?: number;
};

/** exceljs 4.4 has worksheet.dataValidations at run time; its type declarations leave it out. */
type DataValidations = { dataValidations: { add(range: string, validation: Record<string, unknown>): void } };

/** Max rows a sheet's drop-down list covers. */
const VALIDATION_ROWS = 5000;

function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Builds the workbook; returns the .xlsx bytes. */
export async function buildXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "parkmatch";
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(sheet.columns.map((c) => c.header));
    for (const row of sheet.rows) ws.addRow(row);
    const header = ws.getRow(1);
    header.font = { bold: true };
    sheet.columns.forEach((c, i) => {
      if (c.note) header.getCell(i + 1).note = c.note;
      const widest = Math.max(displayWidth(c.header), ...sheet.rows.map((r) => displayWidth(r[i])));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
      if (c.lines) ws.getColumn(i + 1).alignment = { wrapText: true, vertical: "top" };
      if (c.choices?.length) {
        const letter = columnLetter(i);
        (ws as unknown as DataValidations).dataValidations.add(`${letter}2:${letter}${VALIDATION_ROWS}`, {
          type: "list",
          allowBlank: true,
          showErrorMessage: false,
          formulae: [`"${c.choices.join(",")}"`],
        });
      }
    });
    for (let r = 0; r < (sheet.exampleRows ?? 0); r++) ws.getRow(r + 2).font = { italic: true, color: { argb: "FF666666" } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Columns count CJK characters double; a cell of several lines is as wide as its widest line. */
function displayWidth(v: XlsxCell | undefined): number {
  if (v === null || v === undefined) return 0;
  const s = v instanceof Date ? v.toISOString().slice(0, 16) : String(v);
  return Math.max(
    0,
    ...s.split("\n").map((line) => {
      let w = 0;
      for (const ch of line) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
      return w;
    }),
  );
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A download response: the file name in UTF-8 (RFC 6266/5987) with an ASCII fallback. */
export function xlsxResponse(bytes: Buffer, fileName: string): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
