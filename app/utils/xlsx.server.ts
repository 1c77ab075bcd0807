import { PassThrough } from "node:stream";

import type ExcelJS from "exceljs";

import { loadOnUse } from "~/domain/load-on-use.server";

// The one way to write an .xlsx download (inventory export, template, lead export): sheets of a header
// row and value rows, the header bold and frozen, column widths from the content. exceljs, not a
// hand-written format. Loaded on the first download (ADR 175): most web processes never write one.
/** ExcelJS, loaded on first use (the import reads .xlsx and .csv with it too). */
export const excel = loadOnUse<typeof ExcelJS>("exceljs");

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

/**
 * Builds the workbook; returns the .xlsx bytes. Written row by row with exceljs's streaming writer, each row
 * committed (serialised and compressed) as it is added: the whole-workbook model kept ~1 KB of objects a cell, so
 * an export of 10,000 spaces (two at once) or of 20,000 (one) ran the web's 256 MB heap out and the process aborted
 * (attack 12-05g H1). Now what is held is the rows as given and the compressed bytes so far.
 */
export async function buildXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = "parkmatch";
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    // Widths and column styles before any row: a committed row is written as it was.
    sheet.columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      const widest = Math.max(displayWidth(c.header), ...sheet.rows.map((r) => displayWidth(r[i])));
      column.width = Math.min(60, Math.max(8, widest + 2));
      if (c.lines) column.alignment = { wrapText: true, vertical: "top" };
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
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    sheet.columns.forEach((c, i) => {
      if (c.note) header.getCell(i + 1).note = c.note;
    });
    header.commit();
    sheet.rows.forEach((values, r) => {
      const row = ws.addRow(values);
      if (r < (sheet.exampleRows ?? 0)) row.font = { italic: true, color: { argb: "FF666666" } };
      row.commit();
    });
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
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

/**
 * A download response: `fileName` (the person's language) in UTF-8 (RFC 6266/5987), and `asciiName` — the
 * same file's English name — as the plain `filename` for clients that read only that one. A Chinese name
 * with its characters replaced ("________-20261205.xlsx", trial 12-05) named nothing.
 */
export function xlsxResponse(bytes: Buffer, fileName: string, asciiName: string): Response {
  const ascii = asciiName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
