import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

import type ExcelJS from "exceljs";

import { sliceClock } from "~/utils/slices.server";

// ExcelJS loads an .xlsx whole (`wb.xlsx.load`) in three stretches that each held every other request of
// the web process (a sheet of 20,000 rows, a loaded machine; docs/decisions/125):
//   1. the parse: it unzips a part, cuts its XML into 16 KB pieces and parses them one after another —
//      but the pieces are all there already, so the parse ran as one chain of promise callbacks (~1 s);
//   2. `reconcile`: shared strings, styles and merges put into the parsed model (~0.17 s, left as it is);
//   3. `workbook.model = model`: a Row and its Cells built for every row of every sheet (~0.6 s).
// ExcelJS 4.4.0 (pinned) parses every part through `BaseXform.prototype.parseStream(stream)` →
// `this.parse(parseSax(stream))`, and builds a sheet's rows in `Worksheet._parseRows` (`new Row(ws,
// number)`, `row.model = rowModel`). Within `pacedXml(…)`: (1) the pieces reach the parser with a turn of
// the event loop every few ms, (3) a sheet without merged cells gets its rows after the load, built the
// way _parseRows builds them, with the same turns. The parse and the cells are ExcelJS's own (formulas,
// error values, dates, shared strings read as before); only when the work is done changes. A sheet with
// merged cells is built at once (its merges are made on its rows). Outside `pacedXml`, ExcelJS is as it is.

type Chunk = string | Uint8Array;
type Xform = { parse: (events: AsyncIterable<unknown>) => Promise<unknown> };
type RowModel = { number: number };
type SheetModel = { id: number; rows: RowModel[]; mergeCells?: unknown[] } | undefined;

const require = createRequire(import.meta.url);

/** The load running in this async context: its slice length (ms) and the rows of its sheets set aside (sheet id → rows). */
type Pace = { sliceMs: number; rows: Map<number, RowModel[]> };
const pace = new AsyncLocalStorage<Pace>();

async function* paced(stream: AsyncIterable<Chunk>, sliceMs: number): AsyncGenerator<Chunk> {
  const clock = sliceClock(sliceMs);
  for await (const chunk of stream) {
    await clock.pause();
    yield chunk;
  }
}

type RowClass = new (ws: ExcelJS.Worksheet, number: number) => { model: RowModel };
let Row: RowClass | undefined;

/**
 * ExcelJS's own modules (the instances `excel()` uses: one require cache), patched once, at the first paced
 * load: ExcelJS is loaded on first use, not at the web's start (docs/decisions/175). Synchronous, so no load
 * runs with half the patches in place.
 */
function patchedRow(): RowClass {
  if (Row) return Row;
  const BaseXform = require("exceljs/lib/xlsx/xform/base-xform.js") as {
    prototype: { parseStream: (stream: unknown) => Promise<unknown> };
  };
  const parseSax = require("exceljs/lib/utils/parse-sax.js") as (iterable: AsyncIterable<Chunk>) => AsyncIterable<unknown>;
  const XLSX = require("exceljs/lib/xlsx/xlsx.js") as { prototype: { reconcile: (model: unknown, options: unknown) => void } };
  const loadedRow = require("exceljs/lib/doc/row.js") as RowClass; // all loaded before anything is patched

  const ownParseStream = BaseXform.prototype.parseStream;
  BaseXform.prototype.parseStream = function parseStream(this: Xform, stream: unknown) {
    const current = pace.getStore();
    if (!current) return ownParseStream.call(this, stream);
    return this.parse(parseSax(paced(stream as AsyncIterable<Chunk>, current.sliceMs)));
  };

  const ownReconcile = XLSX.prototype.reconcile;
  XLSX.prototype.reconcile = function reconcile(model: unknown, options: unknown) {
    ownReconcile.call(this, model, options);
    const current = pace.getStore();
    if (!current) return;
    for (const sheet of (model as { worksheets: SheetModel[] }).worksheets) {
      if (!sheet || sheet.mergeCells?.length) continue;
      current.rows.set(sheet.id, sheet.rows);
      sheet.rows = []; // the workbook's model setter builds an empty sheet; its rows follow in pacedXml
    }
  };
  return (Row = loadedRow);
}

/**
 * Loads `bytes` into `wb` (ExcelJS's `wb.xlsx.load`) with its XML parsed, and its sheets' rows built, in
 * slices of `sliceMs` (0: a turn of the event loop before every 16 KB piece of XML and every row): the
 * same workbook as ExcelJS's load at once.
 */
export async function pacedXml(sliceMs: number, wb: ExcelJS.Workbook, bytes: Buffer): Promise<void> {
  const Row = patchedRow();
  const current: Pace = { sliceMs, rows: new Map() };
  await pace.run(current, () => wb.xlsx.load(bytes as unknown as ArrayBuffer));
  const clock = sliceClock(sliceMs);
  for (const ws of wb.worksheets) {
    const rows = current.rows.get(ws.id);
    if (!rows) continue;
    // As Worksheet._parseRows builds them (its `_rows`: the row numbered n at n − 1).
    const built = (ws as unknown as { _rows: unknown[] })._rows;
    for (const model of rows) {
      await clock.pause();
      const row = new Row(ws, model.number);
      built[model.number - 1] = row;
      row.model = model;
    }
  }
}
