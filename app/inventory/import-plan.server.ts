import { createHash } from "node:crypto";

import type { Sql, TransactionSql } from "~/db/db.server";
import { cleanTyped } from "~/domain/format-chars";
import { isUuid } from "~/domain/ids";
import { availableSaid } from "~/domain/move-in";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";
import type { Lng } from "~/i18n/lng";
import { runSteps, runStepsInSlices, type SliceClock, sliceClock } from "~/utils/slices.server";

import { isClearWord } from "./cell-clear";
import { readDay } from "./cell-dates";
import type { SheetIssue, SourceRow, WorkbookRead } from "./excel/read-workbook.server";
import {
  applyInventory,
  type ImportCounts,
  unknownParkList,
  type UnknownParkRef,
  unknownParkRefs,
  unknownParks,
  validateInventoryInSlices,
} from "./import.server";
import { cellReadings, cellsCleaned, checkTextRow } from "./inventory-check";
import { foldKey, inventoryClashes } from "./inventory-clashes.server";
import { type CellValue, type Collection, columnByKey, COLUMNS, writeCells } from "./inventory-columns";
import { type DbRow, dbRow, fromDbRow, type InventoryValue, loadDbRows, stableJson } from "./inventory-rows.server";
import type { Collections } from "./inventory-schema";
import { type RowSummary, rowSummary } from "./row-summary";
import { type UncoveredPark, uncoveredParks } from "./uncovered-parks.server";

// An Excel/CSV import in two steps (ADR 027): the plan (what would be created, changed field by field,
// left unchanged; every bad cell), shown to the admin; then the apply, in one transaction, only if the
// plan is still the one they saw (its hash).

export const COLLECTIONS: readonly Collection[] = ["parks", "spaces", "recruiters"];

export type FieldChange = { key: string; header: Bilingual; old: CellValue; new: CellValue };
/** A stored value a blank cell leaves as it is (docs/decisions/160), as the export writes it. */
export type KeptCell = { key: string; header: Bilingual; value: CellValue };
export type PlanRow = {
  collection: Collection;
  id: string;
  label: string;
  sheet: string | null;
  row: number | null;
  action: "create" | "change" | "unchanged";
  changes: FieldChange[];
  /** The key values the row will be written with, as the preview shows them (created and changed rows; row-summary.ts). */
  values?: RowSummary;
  /** A changed row's blank cells that keep the stored value (docs/decisions/160); absent when none. */
  kept?: KeptCell[];
};
export type ImportPlan = {
  rows: PlanRow[];
  errors: SheetIssue[];
  warnings: SheetIssue[];
  counts: Record<Collection, { create: number; change: number; unchanged: number }>;
  /** sha256 of the rows to write and the stored rows they replace: the apply refuses another. */
  hash: string;
  /**
   * The parks the import leaves without a working recruiter (uncovered-parks.server.ts): their leads will go
   * to the admins' unassigned queue, which the preview says. Absent in a plan made before this field.
   */
  uncovered?: UncoveredPark[];
  /** How many blank cells of stored rows keep their stored values, over every row (unchanged ones too; docs/decisions/160). */
  keptCells?: number;
};

/** Where each row of a collection came from (same order as the rows). */
export type Origins = Record<
  Collection,
  (Pick<SourceRow, "sheet" | "row" | "letters" | "headers" | "typed" | "kept" | "filled" | "cells"> | null)[]
>;

type CellSource = Pick<SourceRow, "letters" | "typed" | "kept" | "filled" | "cells">;

/**
 * The cell `key` of a source row as an error shows it: `typed`, its text ("" when the file has the column and
 * the cell is blank; absent when the file has no such column); `stored`, the stored row's value the cell holds
 * instead (a blank cell kept, a column left out: keepStoredCells), as the export writes it — an error about it
 * is about that value, not about a blank (docs/decisions/169).
 */
function typedCell(key: string | null, where?: Partial<CellSource> | null): Pick<SheetIssue, "typed" | "stored"> {
  if (!key || !where?.letters) return {};
  const fromStored = where.kept?.includes(key) || where.filled?.includes(key);
  const stored = fromStored && where.cells?.[key] !== undefined ? { stored: String(where.cells[key]) } : {};
  return key in where.letters ? { typed: where.typed?.[key] ?? "", ...stored } : stored;
}

/**
 * An issue at the cell `key` of a source row: its name (cellName), the cell as typed (typedCell) and the reason —
 * with, when the cell holds a stored value, which value and how to change or clear it: a stored row's value that
 * fails a rule made after it was stored (land with a ceiling, ADR 103) was said as a blank cell's problem, "（空）"
 * under "leave it blank" (docs/decisions/169).
 */
function atCell(
  collection: Collection,
  key: string | null,
  where: (Partial<CellSource> & Pick<SourceRow, "letters" | "headers">) | null | undefined,
  reason: Bilingual,
): Pick<SheetIssue, "column" | "reason" | "typed" | "stored"> {
  const cell = typedCell(key, where);
  const column = cellName(collection, key, where ?? undefined);
  if (cell.stored === undefined) return { column, reason, ...cell };
  const fix = cell.typed === undefined ? "import.storedFixAbsent" : "import.storedFixBlank";
  const said = (lng: Lng) => inventoryText(lng, fix, { value: cell.stored! });
  return { column, reason: { zh: `${reason.zh}（${said("zh")}）`, en: `${reason.en} (${said("en")})` }, ...cell };
}

/**
 * A cell as an error names it: its letter and its column's header as the file wrote it ("F（租金（元/平方米/月））"),
 * our header where the file has no such column (a required column left out; ADR 096).
 */
function cellName(collection: Collection, key: string | null, where?: Pick<SourceRow, "letters" | "headers">): string | null {
  if (!key) return null;
  const header = where?.headers?.[key] ?? columnByKey(collection, key)?.header.zh ?? key;
  const letter = where?.letters[key];
  return letter ? `${letter}（${header}）` : header;
}

/**
 * A note's cell as Excel names it, its row in it ("I3（状态）"): the preview lists notes by sheet and cell, with no column of
 * rows as the errors' table has (readers42: "空间 I（状态）：状态“可租”读作“可租售”" named no row). Without a letter, the header and row.
 */
function noteCell(collection: Collection, key: string | null, where: Pick<SourceRow, "letters" | "headers">, row: number): string | null {
  if (!key) return null;
  const letter = where.letters[key];
  const header = where.headers?.[key] ?? columnByKey(collection, key)?.header.zh ?? key;
  return letter ? `${letter}${row}（${header}）` : `${header}（${row}）`;
}

/**
 * Rows of cell texts → the import format, checked by the one inventory schema. Every bad cell is an
 * issue naming its sheet, row, column and reason (in zh and en); a bad row is left out of the value.
 */
export function readSourceRows(read: WorkbookRead): SourceRowsRead {
  return runSteps(sourceRowsSteps(read));
}

/**
 * readSourceRows in slices of a few milliseconds with a turn of the event loop between them (sliceClock),
 * for the web's upload preview: 20,000 rows checked at once held every other request of the process
 * (docs/decisions/120). Same answer.
 */
export function readSourceRowsInSlices(read: WorkbookRead): Promise<SourceRowsRead> {
  return runStepsInSlices(sourceRowsSteps(read));
}

/** What readSourceRows read. */
export type SourceRowsRead = {
  value: Collections;
  origins: Origins;
  errors: SheetIssue[];
  refused: RefusedRef[];
  /** Every park row's id, good or bad: a space in a park whose row has an error of its own is not "in an unknown park". */
  parkIds: string[];
  /** What words were read as, for the admin to check before applying (可入驻时间 "下半年" → 2027-07). */
  notes: SheetIssue[];
};

/** readSourceRows' checks, pausing (yield) before each row. */
function* sourceRowsSteps(read: WorkbookRead): Generator<void, SourceRowsRead> {
  const notes: SheetIssue[] = [];
  const refused: RefusedRef[] = [];
  const parkIds: string[] = [];
  const value: Collections = { parks: [], spaces: [], recruiters: [] };
  const origins: Origins = { parks: [], spaces: [], recruiters: [] };
  const errors: SheetIssue[] = [];
  const seen: Record<Collection, Map<string, { id: string; row: number }>> = { parks: new Map(), spaces: new Map(), recruiters: new Map() };
  for (const src of read.rows) {
    yield;
    const { collection, sheet, row, letters, headers } = src;
    const issue = (key: string | null, reason: Bilingual) => errors.push({ sheet, row, ...atCell(collection, key, src, reason) });
    const checked = checkTextRow(collection, src.cells, undefined, [...(src.kept ?? []), ...(src.filled ?? [])]);
    // An id seen on an earlier row is a duplicate whether either row is otherwise good or not.
    const id = src.cells.id === undefined ? "" : cleanTyped(String(src.cells.id));
    // Ids ignore case (ADR 107): "r3" below "R3" is the same id again.
    const first = id ? seen[collection].get(foldKey(id)) : undefined;
    if (first !== undefined)
      issue(
        "id",
        first.id === id
          ? { zh: `编号 ${id} 与第 ${first.row} 行重复`, en: `id ${id} repeats row ${first.row}` }
          : inventoryRuleMessages.both("idCaseInFile", { id, first: first.id }),
      );
    else if (id) seen[collection].set(foldKey(id), { id, row });
    if (id && collection === "parks") parkIds.push(id);
    // A cell the reader refused already (an Excel error value) is not "blank" too.
    if (!checked.ok) for (const i of checked.issues) if (!(i.key && src.refused?.includes(i.key))) issue(i.key, i.reason);
    if (checked.ok && first === undefined) {
      const typed = collection === "spaces" && src.cells.availableFrom !== undefined ? cleanTyped(String(src.cells.availableFrom)) : "";
      const month = (checked.value as { availableFrom?: string | null }).availableFrom;
      const said = typed && month && readDay(typed, true) === null ? availableSaid(typed, new Date()) : null;
      // 现房 is no period (readers42: "时段按其第一个月" was said of it): each reading said as what it is.
      if (said && month)
        notes.push({
          sheet,
          row,
          column: noteCell(collection, "availableFrom", src, row),
          reason: inventoryRuleMessages.both(said === "period" ? "availableRead" : `availableRead.${said}`, { id, typed, month }),
        });
      // A cell given its header's unit (租金(元/平方米/天) over a bare 0.8): its reading was said once at the header.
      const headerUnit = Object.keys(src.cells).filter((k) => src.typed?.[k] !== undefined && String(src.cells[k]) !== src.typed[k]);
      for (const d of cellReadings(collection, src.cells, checked.value, headerUnit))
        notes.push({ sheet, row, column: noteCell(collection, d.key, src, row), reason: d.reason });
      (value[collection] as unknown[]).push(checked.value);
      origins[collection].push({ sheet, row, letters, headers, typed: src.typed, kept: src.kept, filled: src.filled, cells: src.cells });
      continue;
    }
    // A refused row's cleaned cells are said too: what its cells were read as explains some of its errors.
    for (const d of cellsCleaned(collection, src.cells))
      notes.push({ sheet, row, column: noteCell(collection, d.key, src, row), reason: d.reason });
    // A row left out still has its park reference checked (parkRefsOfRefusedRows), so one upload names every bad cell.
    const field = collection === "spaces" ? "parkId" : collection === "recruiters" ? "parks" : null;
    const cell = field ? src.cells[field] : undefined;
    if (field && cell !== undefined && (checked.ok || !checked.issues.some((i) => i.key === field)))
      refused.push({
        sheet,
        row,
        letters,
        headers,
        typed: src.typed,
        kept: src.kept,
        filled: src.filled,
        cells: src.cells,
        collection,
        field,
        parks: String(cell)
          .split(PARK_LIST)
          .map(cleanTyped)
          .filter((x) => x !== ""),
      });
  }
  return { value, origins, errors, refused, parkIds, notes };
}

/** The park a refused row names (a space's park, a recruiter's parks), as typed. */
type RefusedRef = Pick<SourceRow, "sheet" | "row" | "letters" | "headers" | "typed" | "kept" | "filled" | "cells"> & {
  collection: Collection;
  field: string;
  parks: string[];
};
/** As the 招商专员 sheet's parks column separates its ids (inventory-columns.ts). */
const PARK_LIST = /[、,，;；/\s]+/;

const unknownParkReason = (ref: Pick<UnknownParkRef, "parks" | "asStored">): Bilingual => ({
  zh: `未知园区编号 ${unknownParkList("zh", ref)}`,
  en: `unknown park ${unknownParkList("en", ref)}`,
});

/** Unknown parks named by rows refused for other cells: the same error a good row gets. */
async function parkRefsOfRefusedRows(sql: Sql, refused: RefusedRef[], parkIds: string[]): Promise<SheetIssue[]> {
  return (await unknownParks(sql, parkIds, refused)).map((r) => ({
    sheet: r.sheet,
    row: r.row,
    ...atCell(r.collection, r.field, r, unknownParkReason(r)),
  }));
}

const label = (collection: Collection, v: Record<string, unknown>) => String(v[collection === "spaces" ? "title" : "name"] ?? v.id);

/**
 * The plan for `value` against the tables as they are now: per row create / change (old → new per
 * column, as the cells read) / unchanged, plus references to unknown parks as errors. The hash covers
 * the new rows and the stored rows they would replace. Made row by row with a turn of the event loop every
 * `sliceMs` (SLICE_MS unless told; 0: before every row and every row hashed).
 */
export async function planImport(
  sql: Sql | TransactionSql,
  value: Collections,
  origins?: Origins,
  parkIds: string[] = [],
  sliceMs?: number,
): Promise<ImportPlan> {
  const rows: PlanRow[] = [];
  const errors: SheetIssue[] = [];
  const counts = { parks: tally(), spaces: tally(), recruiters: tally() };
  const stored: Record<Collection, DbRow[]> = { parks: [], spaces: [], recruiters: [] };
  // A row naming a park there is none of is an error, not a row to create or change: it is listed among
  // the errors only, like a row its cells refused (a trial saw it under 将新建 beside its error).
  const refs = await unknownParkRefs(sql, value, parkIds);
  // An id written in another case than a stored row's, a recruiter email another has: errors too (ADR 107).
  const clashes = await inventoryClashes(sql, value);
  const refused = new Set([...refs, ...clashes].map((r) => `${r.collection}:${r.index}`));
  // Row by row with a turn of the event loop every few ms: 20,000 rows compared, summed up and hashed
  // at once held every other request of the web for 1.6–3.4 s (docs/decisions/125).
  const clock = sliceClock(sliceMs);
  let keptCells = 0;
  for (const collection of COLLECTIONS) {
    const list = value[collection] as InventoryValue[typeof collection][];
    stored[collection] = await loadDbRows(
      sql,
      collection,
      list.map((v) => v.id),
    );
    const byId = new Map(stored[collection].map((r) => [r.id, r]));
    for (let index = 0; index < list.length; index++) {
      await clock.pause();
      const v = list[index];
      if (refused.has(`${collection}:${index}`)) continue;
      const origin = origins?.[collection][index] ?? null;
      const old = byId.get(v.id);
      const base = { collection, id: v.id, label: label(collection, v as never), sheet: origin?.sheet ?? null, row: origin?.row ?? null };
      if (!old) {
        counts[collection].create++;
        rows.push({ ...base, action: "create", changes: [], values: rowSummary(collection, v) });
        continue;
      }
      const [a, b] = [dbRow(collection, v), old];
      const same = Object.keys(a).every((k) => stableJson(a[k]) === stableJson(b[k]));
      keptCells += origin?.kept?.length ?? 0;
      if (same) {
        counts[collection].unchanged++;
        rows.push({ ...base, action: "unchanged", changes: [] });
        continue;
      }
      const [oldCells, newCells] = [writeCells(collection, fromDbRow(collection, old)), writeCells(collection, v)];
      const changes = Object.keys(newCells)
        .filter((k) => stableJson(oldCells[k]) !== stableJson(newCells[k]))
        .map((k) => ({ key: k, header: columnByKey(collection, k)!.header, old: oldCells[k], new: newCells[k] }));
      // What the row's blank cells keep, said beside what changes (the stored value, as the export writes it).
      const kept = (origin?.kept ?? []).map((k) => ({ key: k, header: columnByKey(collection, k)!.header, value: oldCells[k] }));
      counts[collection].change++;
      rows.push({ ...base, action: "change", changes, values: rowSummary(collection, v), ...(kept.length ? { kept } : {}) });
    }
  }
  for (const ref of refs) {
    const origin = origins?.[ref.collection][ref.index];
    errors.push({
      sheet: origin?.sheet ?? ref.collection,
      row: origin?.row ?? ref.index + 1,
      ...atCell(ref.collection, ref.field, origin, unknownParkReason(ref)),
    });
  }
  for (const clash of clashes) {
    const origin = origins?.[clash.collection][clash.index];
    errors.push({
      sheet: origin?.sheet ?? clash.collection,
      row: origin?.row ?? clash.index + 1,
      ...atCell(clash.collection, clash.field, origin, clash.reason),
    });
  }
  const hash = await planHash(value, stored, clock);
  // The parks the import names that no recruiter covers after it (uncovered-parks.server.ts, ADR 134).
  const uncovered = errors.length ? [] : await uncoveredParks(sql, value);
  return { rows, errors, warnings: [], counts, hash, uncovered, keptCells };
}

/**
 * sha256 (hex) of `stableJson({ value: COLLECTIONS.map((c) => value[c].map(dbRow)), stored })`, fed to the
 * hash a row at a time with a pause of `clock` before each (the whole text at once was one call of a
 * second for 20,000 rows, docs/decisions/125): the same digest as the one string, so a preview made
 * before this change still applies.
 */
async function planHash(value: Collections, stored: Record<Collection, DbRow[]>, clock: SliceClock): Promise<string> {
  const hash = createHash("sha256");
  const rows = async (list: unknown[]) => {
    hash.update("[");
    for (let i = 0; i < list.length; i++) {
      await clock.pause();
      hash.update(`${i ? "," : ""}${stableJson(list[i])}`);
    }
    hash.update("]");
  };
  // stableJson writes an object's keys sorted: "stored" before "value", and stored's collections by name.
  hash.update('{"stored":{');
  const names = Object.keys(stored).sort() as Collection[];
  for (const [i, c] of names.entries()) {
    hash.update(`${i ? "," : ""}${JSON.stringify(c)}:`);
    await rows(stored[c]);
  }
  hash.update('},"value":[');
  for (const [i, c] of COLLECTIONS.entries()) {
    if (i) hash.update(",");
    await rows(value[c].map((v) => dbRow(c, v as never)));
  }
  hash.update("]}");
  return hash.digest("hex");
}

const tally = () => ({ create: 0, change: 0, unchanged: 0 });

/**
 * What a stored row's cells mean (docs/decisions/160; a sheet without some column: ADR 027): a column left
 * out of the sheet, and a cell left blank, leave that field as it is — the stored value is filled in, written
 * as the export writes it, and a blank cell's key noted in `kept` for the preview; a cell holding the clear
 * word (清空, "-": cell-clear.ts) empties the field. A new row's clear word is a blank cell. The rows are
 * changed in place, before they are read, so the preview and the apply (which writes the previewed payload)
 * read the same cells.
 */
async function keepStoredCells(sql: Sql, read: WorkbookRead): Promise<void> {
  const clock = sliceClock(); // a turn of the event loop every few ms (docs/decisions/125)
  const idOf = (src: SourceRow) => (src.cells.id === undefined ? "" : cleanTyped(String(src.cells.id)));
  for (const collection of COLLECTIONS) {
    // An id written as a number (an Excel number cell: 101) is an id too.
    const rows = read.rows.filter((r) => r.collection === collection && idOf(r) !== "");
    // Ids ignore case (ADR 107): "s1" is the stored S1 — its blank cells read as kept, so the row's one error is
    // that it is S1 written in another case (inventoryClashes), not "required" on every blank cell (trial38 M8).
    const stored = new Map(
      (await loadDbRows(sql, collection, [...new Set(rows.map(idOf))], { anyCase: true })).map((r) => [foldKey(r.id), r]),
    );
    for (const src of read.rows.filter((r) => r.collection === collection)) {
      await clock.pause();
      const cleared = new Set(Object.keys(src.cells).filter((k) => k !== "id" && isClearWord(src.cells[k])));
      for (const k of cleared) delete src.cells[k];
      const old = stored.get(foldKey(idOf(src)));
      if (!old) continue;
      const cells = writeCells(collection, fromDbRow(collection, old));
      const kept: string[] = [];
      const filled: string[] = [];
      for (const c of COLUMNS[collection]) {
        const v = cells[c.key];
        if (v === null || v === undefined || cleared.has(c.key) || src.refused?.includes(c.key)) continue;
        const present = c.key in src.letters;
        if (present && src.cells[c.key] !== undefined && cleanTyped(String(src.cells[c.key])) !== "") continue;
        src.cells[c.key] = v;
        (present ? kept : filled).push(c.key);
      }
      if (kept.length) src.kept = kept;
      if (filled.length) src.filled = filled;
    }
  }
}

/** A column's letters ("AB" in "AB（备注）") as a number, for ordering cells left to right; none → before A. */
function columnNumber(column: string | null): number {
  const letters = /^[A-Z]+(?=（|$)/.exec(column ?? "")?.[0] ?? "";
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** The errors as the admin reads the file: sheet by sheet as they first appear, row by row, left to right. */
function inFileOrder(errors: SheetIssue[]): SheetIssue[] {
  const sheets = [...new Set(errors.map((e) => e.sheet))];
  return errors
    .map((e, n) => ({ e, n }))
    .sort(
      (a, b) =>
        sheets.indexOf(a.e.sheet) - sheets.indexOf(b.e.sheet) ||
        (a.e.row ?? 0) - (b.e.row ?? 0) ||
        columnNumber(a.e.column) - columnNumber(b.e.column) ||
        a.n - b.n,
    )
    .map(({ e }) => e);
}

/** An upload read, checked and planned; the payload (valid rows only) is kept for the apply. */
export async function previewUpload(
  sql: Sql,
  read: WorkbookRead,
  input: { fileName: string; actor: string },
): Promise<{ plan: ImportPlan; previewId: string | null }> {
  await keepStoredCells(sql, read);
  const parsed = await readSourceRowsInSlices(read);
  const plan = await planImport(sql, parsed.value, parsed.origins, parsed.parkIds);
  plan.errors = inFileOrder([
    ...read.errors,
    ...parsed.errors,
    ...(await parkRefsOfRefusedRows(sql, parsed.refused, parsed.parkIds)),
    ...plan.errors,
  ]);
  plan.warnings = [...read.warnings, ...parsed.notes];
  if (plan.errors.length) return { plan, previewId: null };
  // One pending preview per admin: older ones are dropped (they could never apply after a newer import anyway).
  const [row] = await sql.begin(async (tx) => {
    await tx`delete from import_previews where created_by = ${input.actor} and applied_at is null`;
    await tx`delete from import_previews where created_at < now() - interval '7 days'`;
    return tx<{ id: string }[]>`
      insert into import_previews (file_name, payload, plan_hash, created_by)
      values (${input.fileName.slice(0, 200)}, ${tx.json(parsed.value as never)}, ${plan.hash}, ${input.actor}) returning id`;
  });
  return { plan, previewId: row.id };
}

export type ApplyOutcome =
  | { ok: true; counts: ImportCounts; changedRecruiterIds: string[]; uncovered: UncoveredPark[] }
  | { ok: false; reason: "gone" | "changed" | "invalid"; plan?: ImportPlan };

/**
 * Applies a preview in one transaction, all or nothing. The inventory tables are locked against other
 * writers, the plan is made again and must hash to what the admin saw (`hash`), else nothing is
 * written ("changed": preview again). `after` runs in the same transaction (re-routing the offers of
 * recruiters who are now away).
 */
export async function applyPreview(
  sql: Sql,
  input: { previewId: string; hash: string },
  after?: (tx: TransactionSql, changedRecruiterIds: string[]) => Promise<void>,
): Promise<ApplyOutcome> {
  if (!isUuid(input.previewId)) return { ok: false, reason: "gone" };
  return sql.begin(async (tx): Promise<ApplyOutcome> => {
    await tx`lock table parks, spaces, recruiters in share row exclusive mode`;
    const [preview] = await tx<{ payload: unknown }[]>`
      select payload from import_previews where id = ${input.previewId} and applied_at is null for update`;
    if (!preview) return { ok: false, reason: "gone" };
    const checked = await validateInventoryInSlices(preview.payload);
    if (!checked.ok) return { ok: false, reason: "invalid" };
    const plan = await planImport(tx, checked.value);
    if (plan.hash !== input.hash || plan.errors.length) return { ok: false, reason: "changed", plan };
    const result = await applyInventory(tx, checked.value);
    if (!result.ok) throw new Error("the planned import failed its references"); // cannot happen: the plan checked them under the lock
    if (after) await after(tx, result.changedRecruiterIds);
    await tx`update import_previews set applied_at = now() where id = ${input.previewId}`;
    return { ok: true, counts: result.counts, changedRecruiterIds: result.changedRecruiterIds, uncovered: result.uncovered ?? [] };
  });
}
