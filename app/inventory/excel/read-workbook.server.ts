import { Readable } from "node:stream";

import type ExcelJS from "exceljs";

import { fold } from "~/domain/fold-text";
import { MAX_IMPORT_ROWS } from "~/domain/import-bounds";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";
import { runStepsInSlices, SLICE_MS } from "~/utils/slices.server";
import { excel } from "~/utils/xlsx.server";

import { type Collection, columnByKey, COLUMNS, rentPeriodOf } from "../inventory-columns";
import { pacedXml } from "./paced-xml.server";
import { TEMPLATE_EXAMPLE } from "./template-example";
import { zipInflatedBytes, zipUncompressedBytes } from "./zip-size.server";

// An uploaded .xlsx or .csv → rows of cell texts keyed by column, each with where it came from (sheet,
// row, column letter), so every error can name its cell. exceljs reads both formats.

export const SHEET_NAMES: Record<Collection, Bilingual> = {
  parks: { zh: "园区", en: "parks" },
  spaces: { zh: "空间", en: "spaces" },
  recruiters: { zh: "招商专员", en: "recruiters" },
};

export { MAX_IMPORT_ROWS };

export type SourceRow = {
  collection: Collection;
  sheet: string;
  /** The spreadsheet's row number (1 = the header). */
  row: number;
  /** column key → the cell's value (string or number); blank cells are absent. */
  cells: Record<string, string | number>;
  /** column key → "C" (the letter of the cell). */
  letters: Record<string, string>;
  /** column key → its header as the file wrote it ("租金（元/平方米/月）"): what errors call the column (ADR 096). */
  headers: Record<string, string>;
  /** Column keys of cells already refused here (an error value, a formula without its result): said once. */
  refused?: string[];
  /** column key → the cell's text as the file holds it, before a header's unit is applied: what an error shows as typed. */
  typed?: Record<string, string>;
  /**
   * Column keys of a stored row whose cells were blank and took the stored value (import-plan.server.ts
   * keepStoredCells: blank = as it is, docs/decisions/160): what the preview lists as kept.
   */
  kept?: string[];
  /** Column keys the sheet leaves out, filled with a stored row's values (keepStoredCells, ADR 027). */
  filled?: string[];
};

/**
 * A problem in the upload, at a cell where there is one. `typed`: the cell as the file holds it ("" when
 * blank), for the admin to see what was read (docs/decisions/103); absent when the issue is no cell's. `stored`:
 * the stored row's value the cell holds instead of a blank or a column left out (docs/decisions/160, 169),
 * as the export writes it.
 */
export type SheetIssue = { sheet: string; row: number | null; column: string | null; reason: Bilingual; typed?: string; stored?: string };
export type WorkbookRead = { rows: SourceRow[]; errors: SheetIssue[]; warnings: SheetIssue[] };

const norm = (s: string) =>
  fold(s)
    .toLowerCase()
    .replace(/[\s()（）]/g, "");

function collectionOfSheet(name: string): Collection | null {
  const n = norm(name);
  for (const c of Object.keys(SHEET_NAMES) as Collection[]) {
    const { zh, en } = SHEET_NAMES[c];
    if (n === norm(zh) || n === en || n === norm(`${zh}${en}`)) return c;
  }
  if (/招商|专员/.test(n)) return "recruiters";
  if (/空间|房源|厂房/.test(n)) return "spaces";
  if (/园区/.test(n)) return "parks";
  return null;
}

/**
 * A header cell → its column: the Chinese header, the English one or the key, each with or without the
 * bracket after it. The bracket of a figure's column names the unit its bare cells are in, read by the
 * column's own reader (the lead form's units: 平方米, 平米, m2, m², ㎡ … are one unit): "承重（吨/平方米）"
 * is 承重 in t/㎡, so a cell 3 is 3000 kg/㎡ (`unit`); our own headers' units are the readers' defaults.
 * A unit the reader does not know is `badUnit` (the column is refused, not read in another unit). The
 * bracket of any other column is a note ("名称（必填）"). Null: no column of `collection`.
 */
type HeaderRead = ({ key: string; unit: string | null } | { key: string; badUnit: string }) & {
  /** 0: one of our own names of the column; n: its n-th alias (Column.aliases, docs/decisions/199). */
  rank: number;
};
function columnOfHeader(collection: Collection, header: string): HeaderRead | null {
  const h = norm(header);
  const bracket = /^(.*?)\s*[（(]\s*(.*?)\s*[)）]\s*$/.exec(fold(header).trim());
  const name = (text: string) => norm(text.replace(/\s*[（(].*$/, ""));
  for (const c of COLUMNS[collection]) {
    if (h === norm(c.header.zh) || h === norm(c.header.en) || h === c.key.toLowerCase()) return { key: c.key, unit: null, rank: 0 };
  }
  const named = (names: string[], c: (typeof COLUMNS)[Collection][number], rank: number): HeaderRead | null => {
    if (names.includes(h)) return { key: c.key, unit: null, rank };
    if (!bracket || !names.includes(norm(bracket[1]))) return null;
    const unit = bracket[2];
    if (!c.figure || unit === "") return { key: c.key, unit: null, rank };
    // 1000 too: one of a small unit ("1mm" = 0.001 m) is finer than the column keeps, a thousand is not.
    return c.read(`1${unit}`).ok || c.read(`1000${unit}`).ok ? { key: c.key, unit, rank } : { key: c.key, badUnit: unit, rank };
  };
  for (const c of COLUMNS[collection]) {
    const found = named([name(c.header.zh), name(c.header.en), c.key.toLowerCase()], c, 0);
    if (found) return found;
  }
  // The names park offices give a column (建筑面积, 净高 …), after every one of ours: "面积" is never an alias's.
  for (const c of COLUMNS[collection]) {
    for (const [i, alias] of (c.aliases ?? []).entries()) {
      const found = named([norm(alias)], c, i + 1);
      if (found) return found;
    }
  }
  return null;
}

/** A plain figure, signed or not, with no unit ("3", "-3", "１２", "五千", "1.5万"): the header's unit applies. */
const PLAIN_FIGURE = /^[-−－+]?\s*[0-9０-９.．,，零〇一二两三四五六七八九十百千万亿]+$/;

/**
 * A figure cell under a header naming its unit: the cell as typed when it writes a unit of its own
 * ("3吨/㎡", "0.8元/㎡/天"), else with the header's unit after it ("3" → "3吨/平方米", "约3" → "约3吨/平方米"),
 * so the column's reader reads it in that unit and its messages quote what it read.
 */
function inHeaderUnit(collection: Collection, key: string, unit: string, v: string | number): string | number {
  const typed = String(v).trim();
  const withUnit = `${typed}${unit}`;
  const read = columnByKey(collection, key)!.read(withUnit);
  return read.ok || PLAIN_FIGURE.test(typed) ? withUnit : v;
}

/** A CSV's sheet is known from its headers: 园区编号 → spaces, 姓名/负责园区 → recruiters, else parks. */
function collectionOfHeaders(headers: string[]): Collection {
  const keys = (c: Collection) => headers.map((h) => columnOfHeader(c, h)).filter(Boolean).length;
  const best = (["spaces", "recruiters", "parks"] as const).map((c) => [c, keys(c)] as const).sort((a, b) => b[1] - a[1]);
  if (headers.some((h) => columnOfHeader("spaces", h)?.key === "parkId")) return "spaces";
  if (headers.some((h) => columnOfHeader("recruiters", h)?.key === "capacity")) return "recruiters";
  return best[0][0];
}

/** One cell's value as text or number: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
function cellValue(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "boolean") return v ? "是" : "否";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return cellValue(v.richText.map((t) => t.text).join(""));
    if ("result" in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in v && typeof (v as { text?: unknown }).text === "string") return cellValue((v as { text: string }).text);
    if ("error" in v) return null;
  }
  return null;
}

/** Day 0 of Excel's serial dates: 1899-12-30 in the 1900 system (its phantom 1900-02-29 included), 1904-01-01 in the other. */
const EXCEL_DAY_ZERO = { 1900: Date.UTC(1899, 11, 30), 1904: Date.UTC(1904, 0, 1) } as const;
const DAY_MS = 86_400_000;

/**
 * A date column's cell (Column.date: 可入驻时间, 休假开始/结束) as the text its reader takes, or null for any other cell
 * (read as typed). A date cell is its day ("2027-03-01"), or its month ("2027-03") when its format shows no day and the
 * column takes a month (`month`)
 * (yyyy"年"m"月") and it holds the month's 1st — another day under such a format is read as that day (dayUnderMonth says so); a number that is the serial of a day of 2000–2099 is that day: Chinese Excel's own date formats
 * (numFmtId 27–36 and 50–58: 2027年3月, 2027年3月1日, 3月1日) are unknown to exceljs, which hands over the serial (46447),
 * refused as no date (forms41). A formula's result is read alike.
 */
function dateCellText(cell: ExcelJS.Cell, date1904: boolean, month: boolean): string | null {
  const raw = cell.value;
  const v = raw !== null && typeof raw === "object" && !(raw instanceof Date) && "result" in raw ? raw.result : raw;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // A format showing the month alone ("2027年3月") over a date of another day than the 1st (readers42: the 15th was stored
    // as March, a fortnight before it is true): the day the cell holds, said (`dayUnderMonth`); the 1st is the month shown.
    const shownAsMonth = month && monthOnlyFormat(cell);
    if (shownAsMonth && v.getUTCDate() === 1) return v.toISOString().slice(0, 7);
    return v.toISOString().slice(0, 10);
  }
  if (typeof v !== "number" || !Number.isFinite(v)) return null;
  const day = new Date(EXCEL_DAY_ZERO[date1904 ? 1904 : 1900] + Math.floor(v) * DAY_MS);
  const year = day.getUTCFullYear();
  return year >= 2000 && year <= 2099 ? day.toISOString().slice(0, 10) : null;
}

/** Whether a date cell's format shows its month alone and the date it holds is not the month's 1st (dateCellText reads that day). */
function dayUnderMonth(cell: ExcelJS.Cell): boolean {
  const raw = cell.value;
  const v = raw !== null && typeof raw === "object" && !(raw instanceof Date) && "result" in raw ? raw.result : raw;
  return v instanceof Date && !Number.isNaN(v.getTime()) && v.getUTCDate() !== 1 && monthOnlyFormat(cell);
}

/** Whether a cell's number format shows a year and no day ("yyyy\"年\"m\"月\"", "mmm yyyy"): its words and locale marks aside. */
function monthOnlyFormat(cell: ExcelJS.Cell): boolean {
  const format = String(cell.numFmt ?? "")
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "");
  return /y/i.test(format) && !/d/i.test(format);
}

/**
 * Why a cell holds no value although it is not blank: an error value Excel shows (#DIV/0!, #REF!, #N/A —
 * a broken formula), or a formula kept without its result (a file written by a script, never opened in
 * Excel). Read as blank, either let a space in as "unknown" or cleared a stored figure unseen. Null: none.
 */
function cellProblem(v: ExcelJS.CellValue): Bilingual | null {
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  const error = errorValueOf(v);
  if (error)
    return {
      zh: `单元格是错误值 ${error}：请改正公式或直接填写数值`,
      en: `the cell holds the error ${error}: fix the formula or type the value`,
    };
  const formula = "formula" in v ? v.formula : "sharedFormula" in v ? v.sharedFormula : null;
  if (formula && (!("result" in v) || v.result === undefined))
    return {
      zh: `公式 =${formula} 没有计算结果：请在 Excel 中打开并保存后再上传，或直接填写数值`,
      en: `the formula =${formula} has no result saved: open and save the file in Excel, or type the value`,
    };
  return null;
}

/** The error value a cell holds or its formula gave ("#DIV/0!"); null when none. */
function errorValueOf(v: ExcelJS.CellValue): string | null {
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  const error =
    "error" in v ? v.error : "result" in v && v.result && typeof v.result === "object" && "error" in v.result ? v.result.error : null;
  return error ? String(error) : null;
}

/** The rows of `ws` that hold a value, in order (as `ws.eachRow({ includeEmpty: false })`), from row `from`. */
function* rowsWithValues(ws: ExcelJS.Worksheet, from = 1): Generator<ExcelJS.Row, void> {
  for (let n = from; n <= ws.rowCount; n++) {
    const row = ws.findRow(n);
    if (row && row.hasValues) yield row;
  }
}

/** A sheet's rows read into `out`, pausing (yield) before each row. */
function* readSheet(ws: ExcelJS.Worksheet, collection: Collection, out: WorkbookRead): Generator<void, void> {
  const sheet = ws.name;
  const rows = rowsWithValues(ws);
  const first = rows.next();
  if (first.done) return;
  let header: ExcelJS.Row = first.value;
  // A title above the header ("2026年园区空间清单", merged across the columns): the header is the row below it, said so.
  // Read as the header, its text made every column unknown and 编号 missing, the file refused in words about columns (import40).
  const title = titleOf(header, collection);
  if (title !== null) {
    const next = rows.next();
    if (next.done) return;
    out.warnings.push({ sheet, row: header.number, column: null, reason: titleRowSkipped(title, next.value.number) });
    header = next.value;
  }
  const byIndex = new Map<number, { key: string; letter: string; unit: string | null; text: string }>();
  const seen = new Set<string>();
  const named: { col: number; letter: string; text: string; key: string; unit: string | null; rank: number }[] = [];
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = String(cellValue(cell.value) ?? "").trim();
    if (!text) return;
    const found = columnOfHeader(collection, text);
    const letter = cell.address.replace(/\d+$/, "");
    if (found && "badUnit" in found) {
      out.errors.push({
        sheet,
        row: header.number,
        column: letter,
        reason: inventoryRuleMessages.both("headerUnitUnknown", (lng) => ({
          header: text,
          unit: found.badUnit,
          own: columnByKey(collection, found.key)!.header[lng],
        })),
      });
      return;
    }
    if (!found) {
      out.warnings.push({
        sheet,
        row: header.number,
        column: letter,
        reason: { zh: `未知列“${text}”，已忽略`, en: `unknown column “${text}”, ignored` },
      });
      return;
    }
    named.push({ col, letter, text, key: found.key, unit: found.unit, rank: found.rank });
  });
  // One field named by two headers: by two of its names (建筑面积 and 占地面积, or 面积 beside 建筑面积) the better name is
  // read — ours, then the aliases' order — and the other said not read (docs/decisions/199); by one name twice, refused.
  const best = new Map<string, number>();
  for (const n of named) best.set(n.key, Math.min(best.get(n.key) ?? Infinity, n.rank));
  for (const { col, letter, text, key, unit, rank } of named) {
    const own = columnByKey(collection, key)!.header;
    if (rank > best.get(key)!) {
      const read = named.find((n) => n.key === key && n.rank === best.get(key))!;
      out.warnings.push({ sheet, row: header.number, column: letter, reason: aliasNotRead(text, read.text, own) });
      continue;
    }
    if (seen.has(key)) {
      out.errors.push({
        sheet,
        row: header.number,
        column: letter,
        reason: { zh: `列“${text}”重复`, en: `column “${text}” appears twice` },
      });
      continue;
    }
    seen.add(key);
    byIndex.set(col, { key, letter, unit, text });
    if (rank > 0) out.warnings.push({ sheet, row: header.number, column: letter, reason: aliasRead(text, own) });
    // A rent column in 元/㎡ per day or per year: its ×30 or ÷12 said once at its header, not at each row (import40).
    const per = key === "rentYuanPerSqmMonth" && unit ? rentPeriodOf(`1${unit}`) : null;
    if (per)
      out.warnings.push({
        sheet,
        row: header.number,
        column: letter,
        reason: inventoryRuleMessages.both(`rentColumn.${per}`, { header: text }),
      });
  }
  // Only 编号 must be a column: other absent columns keep the stored values of existing rows, and a
  // new row without a required one is named row by row (import-plan.server.ts).
  for (const c of COLUMNS[collection]) {
    if (c.key === "id" && !seen.has(c.key))
      out.errors.push({
        sheet,
        row: header.number,
        column: c.header.zh,
        reason: { zh: `缺少必填列“${c.header.zh}”`, en: `the required column “${c.header.zh}” (${c.header.en}) is missing` },
      });
  }
  // Each date column, and whether it takes a month (可入驻时间 does, a day away does not).
  const dated = new Map(COLUMNS[collection].filter((c) => c.date).map((c) => [c.key, c.read("2027-03").ok] as const));
  const date1904 = ws.workbook?.properties?.date1904 === true;
  for (const row of rowsWithValues(ws, header.number + 1)) {
    yield;
    const number = row.number;
    const cells: SourceRow["cells"] = {};
    const letters: SourceRow["letters"] = {};
    const headers: SourceRow["headers"] = {};
    const refused: string[] = [];
    const typed: Record<string, string> = {};
    for (const [index, { key, letter, unit, text }] of byIndex) {
      letters[key] = letter;
      headers[key] = text;
      const merged = mergedAcross(row.getCell(index), byIndex);
      if (merged) {
        out.errors.push({ sheet, row: number, column: `${letter}（${text}）`, reason: merged, typed: shownText(row.getCell(index)) });
        refused.push(key);
        continue;
      }
      const problem = cellProblem(row.getCell(index).value);
      if (problem) {
        out.errors.push({ sheet, row: number, column: `${letter}（${text}）`, reason: problem, typed: shownText(row.getCell(index)) });
        refused.push(key);
      }
      const v =
        (dated.has(key) ? dateCellText(row.getCell(index), date1904, dated.get(key)!) : null) ?? cellValue(row.getCell(index).value);
      if (v !== null && dated.get(key) && dayUnderMonth(row.getCell(index)))
        out.warnings.push({
          sheet,
          row: number,
          column: `${letter}${number}（${text}）`,
          reason: inventoryRuleMessages.both("availableCellDay", { day: String(v), month: String(v).slice(0, 7) }),
        });
      if (v !== null) {
        typed[key] = String(v);
        cells[key] = unit ? inHeaderUnit(collection, key, unit, v) : v;
      }
    }
    if (Object.keys(cells).length === 0 && refused.length === 0) continue;
    // A totals row under the list (合计 / 总计 / 小计, its 面积 a SUM): no park, space or recruiter. It was refused
    // cell by cell (编号只能用字母…, 园区编号必填 …) as if it were one; left out now, said so (import40).
    const total = totalsWordOf(row, typed.id);
    if (total) {
      out.warnings.push({ sheet, row: number, column: null, reason: totalsRowLeftOut(total) });
      continue;
    }
    // The template's grey example row left in a sheet the admin did not fill: not their park, space or
    // recruiter (a trial imported 示例经济开发区 and a recruiter at recruiter@example.cn). Left out, said so.
    if (cells.id === TEMPLATE_EXAMPLE[collection][0]?.id) {
      out.warnings.push({ sheet, row: number, column: null, reason: exampleRowLeftOut(String(cells.id)) });
      continue;
    }
    out.rows.push({ collection, sheet, row: number, cells, letters, headers, refused, typed });
  }
}

/**
 * Why a cell merged from another column is not read (attack40 #3): Excel keeps a merged range's value in its top-left
 * cell only, and ExcelJS hands that value to every cell of the range — a 5000 typed in 面积 merged over 最小可分割面积
 * was stored as both. Merged down one column (园区编号 over a block of rows) each row reads the value, as it shows; merged
 * across columns, which column the value is for only the person knows. Null: not so merged.
 */
function mergedAcross(cell: ExcelJS.Cell, byIndex: ReadonlyMap<number, { text: string }>): Bilingual | null {
  if (!cell.isMerged) return null;
  const master = cell.master;
  // Cell.col is the column's number at run time (ExcelJS's typings say string).
  if (master === cell || Number(master.col) === Number(cell.col)) return null;
  const from = byIndex.get(Number(master.col))?.text;
  return {
    zh: `单元格与 ${master.address}${from ? `（${from}）` : ""} 合并在一起，跨了不同的列，无法判断数值属于哪一列：请取消合并，把值分别填在各自的列里`,
    en: `the cell is merged with ${master.address}${from ? ` (${from})` : ""} across columns, so which column the value is for cannot be told: unmerge the cells and type each value in its own column`,
  };
}

/**
 * A sheet's title row: every cell it fills holds one same text (a merged cell's text repeats in each of its cells), and
 * that text names none of the collection's columns. Null for a header row.
 */
function titleOf(row: ExcelJS.Row, collection: Collection): string | null {
  const texts = new Set<string>();
  row.eachCell({ includeEmpty: false }, (cell) => {
    const v = cellValue(cell.value);
    if (v !== null && String(v).trim() !== "") texts.add(String(v).trim());
  });
  if (texts.size !== 1) return null;
  const [text] = texts;
  return columnOfHeader(collection, text) ? null : text;
}

/** A header read by another name of its column (docs/decisions/199): "列“建筑面积（㎡）”读作“面积”". */
function aliasRead(text: string, own: Bilingual): Bilingual {
  return { zh: `列“${text}”读作“${own.zh}”`, en: `column “${text}” read as “${own.en}”` };
}

/** A second header of one field, not read: the better name's column is (docs/decisions/199). */
function aliasNotRead(text: string, read: string, own: Bilingual): Bilingual {
  return {
    zh: `列“${text}”未读：“${own.zh}”读自“${read}”列`,
    en: `column “${text}” not read: “${own.en}” is read from the column “${read}”`,
  };
}

function titleRowSkipped(title: string, headerRow: number) {
  return {
    zh: `“${title}”是标题行，未作表头：表头读自第 ${headerRow} 行`,
    en: `“${title}” is a title row, not the header: the header is read from row ${headerRow}`,
  };
}

/** The words of a totals row, alone in a cell ("合计", "合 计：", "Total"). */
const TOTALS_WORD = /^(?:合计|总计|小计|共计|总合计|汇总|累计|total|totals|subtotal|grandtotal|sum)[:：]?$/i;

/**
 * The totals word a row is marked with, when it is a totals row: its 编号 blank or that word itself (an id holds no
 * Chinese, so no id is 合计), and one of its cells — any column, 序号 too — holding only such a word.
 */
function totalsWordOf(row: ExcelJS.Row, id: string | undefined): string | null {
  const compact = (v: string) => fold(v).replace(/\s+/g, "");
  if (id !== undefined && id.trim() !== "" && !TOTALS_WORD.test(compact(id))) return null;
  let word: string | null = null;
  row.eachCell({ includeEmpty: false }, (cell) => {
    const v = cellValue(cell.value);
    if (word === null && typeof v === "string" && TOTALS_WORD.test(compact(v))) word = v.trim();
  });
  return word;
}

function totalsRowLeftOut(word: string) {
  return {
    zh: `“${word}”行是合计行，不是一条记录，未导入`,
    en: `the row “${word}” is a totals row, not a record, and was not imported`,
  };
}

function exampleRowLeftOut(id: string) {
  return {
    zh: `模板的示例行（编号 ${id}）不导入：请删除它，或改成您自己的编号和内容`,
    en: `the template's example row (id ${id}) is not imported: delete it, or give it your own id and values`,
  };
}

/**
 * A cell as Excel shows it (an error value's "#N/A", a formula's text), cut to 200 characters; "" when exceljs
 * has none. An error a formula gave is shown as its error: exceljs's `text` of such a cell is "[object Object]"
 * (an attack, 12-05).
 */
function shownText(cell: { text?: unknown; value?: ExcelJS.CellValue }): string {
  const error = errorValueOf(cell.value ?? null);
  if (error) return error.slice(0, 200);
  try {
    const text = typeof cell.text === "string" ? cell.text : "";
    return text === "[object Object]" ? "" : text.slice(0, 200);
  } catch {
    return "";
  }
}

/** The texts Excel writes into a CSV for a cell holding an error value (its "#N/A" is that error, not words). */
const CSV_ERROR_VALUES = new Set(["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!"]);

/**
 * One CSV field → the cell: its text as typed, read later by its column (inventory-columns.ts). exceljs's
 * own reading made a number of every field `Number()` takes — `Number("   ")` and `Number("　")` are 0, so a
 * blank name became "0"; "0100" became 100, "1e3" 1000 — and a local-midnight Date of "2026-03-15",
 * written back a day early east of UTC. Only an empty field is no value, and Excel's error texts stay
 * errors (ADR 058).
 */
function csvCell(field: string): ExcelJS.CellValue {
  if (field === "") return null;
  return CSV_ERROR_VALUES.has(field) ? ({ error: field } as ExcelJS.CellErrorValue) : field;
}

/**
 * A CSV file's text: UTF-8 when its bytes are valid UTF-8, else GB18030 (a superset of GBK, the encoding
 * Chinese Windows and Excel save CSV in by default). Bytes valid in neither throw (the file cannot be read).
 */
function csvText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
  }
}

/**
 * Reads an upload: `.csv` (UTF-8 with or without BOM, or GBK/GB18030 as Chinese Excel saves "CSV (逗号分隔)";
 * one sheet, known from its headers) or `.xlsx`
 * (sheets 园区 / 空间 / 招商专员, or parks / spaces / recruiters; other sheets such as 说明 are skipped).
 * A file that is not a readable workbook, or with more than MAX_IMPORT_ROWS rows, gives one error.
 * Read in slices of `sliceMs` (SLICE_MS unless told; 0: a turn before every piece of XML and every row)
 * with a turn of the event loop between them: the web reads uploads with it (docs/decisions/125).
 */
export async function readWorkbook(
  bytes: Buffer,
  fileName: string,
  { sliceMs = SLICE_MS }: { sliceMs?: number } = {},
): Promise<WorkbookRead> {
  const out: WorkbookRead = { rows: [], errors: [], warnings: [] };
  const wb = new (excel().Workbook)();
  const isCsv = /\.csv$/i.test(fileName);
  let csv: string | null = null;
  try {
    if (isCsv) {
      const text = (csv = csvText(bytes));
      const ws = await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter: "," }, map: csvCell } as never);
      const headersOf = (n: number) => {
        const out: string[] = [];
        ws.getRow(n).eachCell({ includeEmpty: false }, (cell) => void out.push(String(cellValue(cell.value) ?? "")));
        return out;
      };
      // A title row above the header (one text, read by readSheet as a title): the kind is known from the header below it.
      let headers = headersOf(1);
      const texts = new Set(headers.map((h) => h.trim()).filter(Boolean));
      const [only] = texts;
      const titled = texts.size === 1 && (["parks", "spaces", "recruiters"] as const).every((c) => !columnOfHeader(c, only));
      if (titled && ws.rowCount > 1) {
        const below = headersOf(2);
        if (below.length > 1) headers = below;
      }
      ws.name = fileName.replace(/\.csv$/i, "").slice(0, 31) || "csv";
      if (ws.rowCount > MAX_IMPORT_ROWS + 1) return tooMany(out, ws.name);
      await runStepsInSlices(readSheet(ws, collectionOfHeaders(headers), out), sliceMs);
      return out;
    }
    const unzipped = zipUncompressedBytes(bytes);
    if (unzipped === null || unzipped > MAX_UNZIPPED_BYTES) return tooLarge(out, fileName, unzipped);
    // The directory's sizes are the file's word; counted while inflating, a lie stops at the bound too.
    const inflated = await zipInflatedBytes(bytes, MAX_UNZIPPED_BYTES);
    if (inflated === null || inflated > MAX_UNZIPPED_BYTES) return tooLarge(out, fileName, inflated, "atLeast");
    await pacedXml(sliceMs, wb, bytes);
  } catch {
    // Decoded but not parsed: a quote out of place, not the file's encoding (ADR 102). Named by its row.
    const quote = csv === null ? null : csvQuoteProblem(csv);
    out.errors.push({
      sheet: fileName,
      row: quote?.row ?? null,
      column: null,
      reason: quote ? quoteReason(quote) : UNREADABLE,
    });
    return out;
  }
  const total = wb.worksheets.reduce((n, ws) => n + ws.actualRowCount, 0);
  if (total > MAX_IMPORT_ROWS + wb.worksheets.length) return tooMany(out, fileName);
  let known = 0;
  const hidden: string[] = [];
  const visible = wb.worksheets.filter((ws) => ws.state !== "hidden" && ws.state !== "veryHidden");
  for (const ws of wb.worksheets) {
    const collection = collectionOfSheet(ws.name);
    if (!collection) continue;
    // What Excel does not show is not read (docs/decisions/192): a hidden sheet is an old copy or a scratch one.
    if (!visible.includes(ws)) {
      hidden.push(ws.name);
      out.warnings.push({ sheet: ws.name, row: null, column: null, reason: hiddenSheetNotRead(ws.name) });
      continue;
    }
    const original = copiedFrom(ws.name, collection, visible);
    if (original) {
      out.errors.push({ sheet: ws.name, row: null, column: null, reason: copySheetRefused(ws.name, original) });
      continue;
    }
    known++;
    await runStepsInSlices(readSheet(ws, collection, out), sliceMs);
  }
  // Every sheet of a kind hidden: one refusal that says so, not "hidden, not read" beside "no sheet named 空间" (import40).
  if (known === 0 && hidden.length) {
    out.warnings = out.warnings.filter((w) => !(w.row === null && hidden.includes(w.sheet)));
    out.errors.push({ sheet: fileName, row: null, column: null, reason: everySheetHidden(hidden) });
  } else if (known === 0)
    out.errors.push({
      sheet: fileName,
      row: null,
      column: null,
      reason: { zh: "没有名为 园区、空间 或 招商专员 的工作表", en: "no sheet named 园区 (parks), 空间 (spaces) or 招商专员 (recruiters)" },
    });
  return out;
}

/**
 * The visible sheet `name` is Excel's copy of ("空间 (2)", "Spaces (3)": the name Excel gives a sheet copied beside
 * its original), when that original is a visible sheet of the same collection too; null otherwise. Both would be
 * read, the copy's rows over the original's or beside them — which of the two is meant only the person knows.
 */
function copiedFrom(name: string, collection: Collection, visible: ExcelJS.Worksheet[]): string | null {
  const m = /^(.*\S)\s*[(（]\s*\d+\s*[)）]\s*$/.exec(fold(name));
  if (!m) return null;
  const base = norm(m[1]);
  const original = visible.find((ws) => ws.name !== name && norm(ws.name) === base && collectionOfSheet(ws.name) === collection);
  return original?.name ?? null;
}

function hiddenSheetNotRead(name: string): Bilingual {
  return {
    zh: `工作表“${name}”是隐藏的，未读取：要导入它，请在 Excel 中取消隐藏（右键工作表标签 → 取消隐藏）后再上传`,
    en: `the sheet “${name}” is hidden and was not read: to import it, unhide it in Excel (right-click a sheet tab → Unhide) and upload again`,
  };
}

function everySheetHidden(names: string[]): Bilingual {
  const zh = names.map((n) => `“${n}”`).join("、");
  const en = names.map((n) => `“${n}”`).join(", ");
  return names.length === 1
    ? {
        zh: `工作表${zh}是隐藏的，文件中没有可导入的工作表：请在 Excel 中取消隐藏（右键工作表标签 → 取消隐藏）后再上传`,
        en: `the sheet ${en} is hidden, so the file has no sheet to import: unhide it in Excel (right-click a sheet tab → Unhide) and upload again`,
      }
    : {
        zh: `工作表${zh}都是隐藏的，文件中没有可导入的工作表：请在 Excel 中取消隐藏要导入的工作表（右键工作表标签 → 取消隐藏）后再上传`,
        en: `the sheets ${en} are all hidden, so the file has no sheet to import: unhide the ones to import in Excel (right-click a sheet tab → Unhide) and upload again`,
      };
}

function copySheetRefused(name: string, original: string): Bilingual {
  return {
    zh: `工作表“${name}”是“${original}”的副本，两张都会按同一类导入：请删除不用的一张，或把要导入的行合并到一张后再上传`,
    en: `the sheet “${name}” is a copy of “${original}”, and both would be imported as the same kind: delete the one not meant, or move the rows into one sheet, and upload again`,
  };
}

/** Where a CSV's quotes break RFC 4180: the row (record, 1 = the header row) and the file's line where it shows. */
export type CsvQuoteProblem = { kind: "afterClosing" | "unclosed"; row: number; line: number };

/**
 * The first quote out of place in a CSV text, as the CSV reader (fast-csv, in exceljs) refuses it: text
 * after a quoted cell's closing quote (`"abc"d`, a quote inside a quoted cell not doubled), or a quoted
 * cell never closed (its row and line are where it opened). A quote inside an unquoted cell (`ab"c`) is
 * read as a character and is no problem. Null when the quotes are in order.
 */
export function csvQuoteProblem(text: string): CsvQuoteProblem | null {
  let line = 1;
  let row = 1;
  let atCellStart = true;
  let quoted: { row: number; line: number } | null = null;
  let closed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else [quoted, closed] = [null, true];
      } else if (c === "\n") line++;
      continue;
    }
    if (closed && c !== "," && c !== "\n" && c !== "\r") return { kind: "afterClosing", row, line };
    closed = false;
    if (c === '"' && atCellStart) {
      quoted = { row, line };
      atCellStart = false;
    } else if (c === ",") atCellStart = true;
    else if (c === "\n") {
      line++;
      row++;
      atCellStart = true;
    } else if (c !== "\r") atCellStart = false;
  }
  return quoted ? { kind: "unclosed", ...quoted } : null;
}

function quoteReason(p: CsvQuoteProblem): Bilingual {
  const where = { zh: p.line === p.row ? "" : `（文件第 ${p.line} 行）`, en: p.line === p.row ? "" : ` (line ${p.line} of the file)` };
  return p.kind === "unclosed"
    ? {
        zh: `第 ${p.row} 行${where.zh}有一个引号没有配对：以引号开头的格子要以引号结束；格子里的引号请写成两个（""）`,
        en: `row ${p.row}${where.en} opens a quote that is never closed: a cell that starts with a quote must end with one; write a quote inside a cell as two ("")`,
      }
    : {
        zh: `第 ${p.row} 行${where.zh}的引号位置不对：引号结束后紧跟了其他文字；格子里的引号请写成两个（""），或去掉多余的引号`,
        en: `row ${p.row}${where.en} has text right after a closing quote: write a quote inside a cell as two (""), or remove the stray quote`,
      };
}

/** A file that is no workbook this reader can open. */
const UNREADABLE: Bilingual = {
  zh: "无法读取文件：请上传 .xlsx 或 .csv（UTF-8 或 GBK 编码）",
  en: "the file cannot be read: upload an .xlsx or a .csv (UTF-8 or GBK)",
};

/**
 * An .xlsx holds at most this many bytes once unzipped. ExcelJS loads a workbook whole: 20,000 rows of the
 * space template unzip to ~14 MB and load in the web's 256 MB heap (265 MB RSS, 11 s); 60,000 (43 MB)
 * ran it out of memory (measured 2026-12-04, docs/decisions/097). 24 MB keeps MAX_IMPORT_ROWS of
 * ordinary rows with room to spare, and a file past it is refused before it is loaded.
 */
export const MAX_UNZIPPED_BYTES = 24 * 1024 * 1024;

/**
 * A workbook refused unread: too large once unzipped (or not a ZIP whose size can be told). `atLeast`:
 * inflating stopped at the bound, so only "more than" is known, not the whole size.
 */
function tooLarge(out: WorkbookRead, fileName: string, unzipped: number | null, atLeast?: "atLeast"): WorkbookRead {
  const mb = unzipped === null ? null : Math.ceil(unzipped / (1024 * 1024));
  const max = MAX_UNZIPPED_BYTES / (1024 * 1024);
  out.errors.push({
    sheet: fileName,
    row: null,
    column: null,
    reason:
      mb === null
        ? UNREADABLE
        : atLeast
          ? {
              zh: `文件解压后超过 ${max} MB：请分批导入（每次最多 ${MAX_IMPORT_ROWS} 行）`,
              en: `the file holds more than ${max} MB once unzipped: import it in parts (at most ${MAX_IMPORT_ROWS} rows at a time)`,
            }
          : {
              zh: `文件解压后有 ${mb} MB，超过 ${max} MB：请分批导入（每次最多 ${MAX_IMPORT_ROWS} 行）`,
              en: `the file holds ${mb} MB once unzipped, more than ${max} MB: import it in parts (at most ${MAX_IMPORT_ROWS} rows at a time)`,
            },
  });
  return out;
}

function tooMany(out: WorkbookRead, sheet: string): WorkbookRead {
  out.errors.push({
    sheet,
    row: null,
    column: null,
    reason: { zh: `行数超过 ${MAX_IMPORT_ROWS} 行，请分批导入`, en: `more than ${MAX_IMPORT_ROWS} rows; import in parts` },
  });
  return out;
}
