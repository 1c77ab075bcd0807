import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { importInventory } from "~/inventory/import.server";
import { applyPreview, previewUpload } from "~/inventory/import-plan.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { encodeGbk } from "../support/gbk";

// A cell of only blanks (spaces, a tab, the full-width space 　) is a blank cell in every column and in
// every file kind: a required one says "必填，不能为空", an optional one is absent. exceljs's CSV reader
// turned such a cell into the number 0 (Number("   ") === 0): a space titled "0", a park named "0",
// "未知园区编号 0" for a blank park id and "应大于 0" for a blank area.
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("import_blank_cells");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});

type Rows = string[][];
type FileKind = "csv" | "csv-bom" | "csv-gbk" | "xlsx";
const FILE_KINDS: FileKind[] = ["csv", "csv-bom", "csv-gbk", "xlsx"];
const BLANKS = ["   ", "\u3000", " \t\u3000 "];

/** The rows as an upload of `kind`: a CSV (UTF-8, with a BOM, or GBK as Chinese Excel saves it) or a sheet named `sheet`. */
async function upload(kind: FileKind, sheet: string, rows: Rows): Promise<{ bytes: Buffer; fileName: string }> {
  if (kind === "xlsx") {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
    return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${sheet}.xlsx` };
  }
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = rows.map((r) => r.map(quote).join(",")).join("\r\n");
  const bytes = kind === "csv-gbk" ? encodeGbk(text) : Buffer.from(kind === "csv-bom" ? `\uFEFF${text}` : text);
  return { bytes, fileName: `${sheet}.csv` };
}

async function preview(kind: FileKind, sheet: string, rows: Rows) {
  const { bytes, fileName } = await upload(kind, sheet, rows);
  return previewUpload(db.sql, await readWorkbook(bytes, fileName), { fileName, actor: "blank-cells" });
}

/** "row column" → the reason, for comparing a whole plan's errors at once. */
const errorsByCell = (errors: { row: number | null; column: string | null; reason: { zh: string; en: string } }[]) =>
  Object.fromEntries(errors.map((e) => [`${e.row} ${e.column}`, e.reason]));

const REQUIRED = { zh: "必填，不能为空", en: "required, must not be blank" };

const SPACE_HEADERS = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "层数", "层高（米）", "可入驻时间", "状态", "备注"];
const PARK_HEADERS = ["编号", "名称", "省", "市", "区县", "地址", "纬度", "经度", "亩均税收门槛（万元/亩）", "优惠政策"];

describe.each(FILE_KINDS)("blank cells in a %s upload", (kind) => {
  it.each(BLANKS.map((b) => [JSON.stringify(b), b]))("a space's required cells of %s say 必填, never 0", async (_, blank) => {
    const { plan, previewId } = await preview(kind, "空间", [
      SPACE_HEADERS,
      ["T-E1", "GC-EDZ", "厂房", "出租", blank, "5000", "1", "", "", "可租售", ""],
      ["T-E2", blank, "厂房", "出租", "空白园区", "5000", "1", "", "", "可租售", ""],
      ["T-E3", "GC-EDZ", "厂房", "出租", "空白面积", blank, "1", "", "", "可租售", ""],
    ]);
    expect(previewId).toBeNull();
    expect(errorsByCell(plan.errors)).toEqual({
      "2 E（名称）": REQUIRED,
      "3 B（园区编号）": REQUIRED,
      "4 F（面积）": REQUIRED,
    });
  });

  it.each(BLANKS.map((b) => [JSON.stringify(b), b]))("a space's optional cells of %s are absent: stored as nothing", async (_, blank) => {
    const id = `T-O${kind.length}${blank.length}`;
    const { plan, previewId } = await preview(kind, "空间", [
      SPACE_HEADERS,
      [id, "GC-EDZ", "厂房", "出租", "空白可选项", "5000", blank, blank, blank, "可租售", blank],
    ]);
    expect(plan.errors).toEqual([]);
    expect(await applyPreview(db.sql, { previewId: previewId!, hash: plan.hash })).toMatchObject({ ok: true });
    const [row] = await db.sql`select title, area_sqm, floors, ceiling_m, available_from::text, notes from spaces where id = ${id}`;
    expect(row).toEqual({ title: "空白可选项", areaSqm: 5000, floors: null, ceilingM: null, availableFrom: null, notes: null });
  });

  it.each(BLANKS.map((b) => [JSON.stringify(b), b]))(
    "a park's blank name of %s says 必填; its blank optional cells are absent",
    async (_, blank) => {
      const id = `T-P${kind.length}${blank.length}`;
      const rows = [PARK_HEADERS, ["T-PBAD", blank, "江苏省", "南京市", "高淳区", "", "", "", "", ""]];
      const refused = await preview(kind, "园区", rows);
      expect(errorsByCell(refused.plan.errors)).toEqual({ "2 B（名称）": REQUIRED });

      const { plan, previewId } = await preview(kind, "园区", [
        PARK_HEADERS,
        [id, "空白园区", "江苏省", "南京市", "高淳区", blank, blank, blank, blank, blank],
      ]);
      expect(plan.errors).toEqual([]);
      expect(await applyPreview(db.sql, { previewId: previewId!, hash: plan.hash })).toMatchObject({ ok: true });
      const [row] = await db.sql`select name, address, lat, lng, min_tax_per_mu_wan, policies from parks where id = ${id}`;
      expect(row).toEqual({ name: "空白园区", address: null, lat: null, lng: null, minTaxPerMuWan: null, policies: null });
    },
  );
});

// The same reader made numbers and dates of every CSV text it could: an id "0100" was stored as "100",
// a date was read as local midnight and written back in UTC.
it("a CSV keeps its texts as typed: an id of digits keeps its zeros, a day stays that day", async () => {
  const { plan, previewId } = await preview("csv", "空间", [
    SPACE_HEADERS,
    ["0100", "GC-EDZ", "厂房", "出租", "007", "5000", "1", "", "2026-03-15", "可租售", "1e3"],
  ]);
  expect(plan.errors).toEqual([]);
  expect(await applyPreview(db.sql, { previewId: previewId!, hash: plan.hash })).toMatchObject({ ok: true });
  const [row] = await db.sql`select title, available_from::text, notes from spaces where id = '0100'`;
  expect(row).toEqual({ title: "007", availableFrom: "2026-03-15", notes: "1e3" });
});

it("a CSV's Excel error text (#N/A) is still an error at its cell, not words", async () => {
  const { plan } = await preview("csv", "空间", [
    SPACE_HEADERS,
    ["T-NA", "GC-EDZ", "厂房", "出租", "#N/A", "#DIV/0!", "", "", "", "可租售", ""],
  ]);
  // Said once: the error value, not "必填" as well.
  expect(plan.errors.map((e) => [e.row, e.column, e.reason.en])).toEqual([
    [2, "E（名称）", "the cell holds the error #N/A: fix the formula or type the value"],
    [2, "F（面积）", "the cell holds the error #DIV/0!: fix the formula or type the value"],
  ]);
});
