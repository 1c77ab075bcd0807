import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";

// attack40 #3: ExcelJS gives every cell of a merged range the value of its top-left cell, so a 5000 typed in 面积 merged
// over 最小可分割面积 was stored as both, and a park's 纬度 merged over 经度 as both — a figure the admin never typed, shown
// at best as a new row's value in the preview. A merge across read columns is refused at each cell it spreads into; a
// merge down one column (园区编号 over a block of rows) is read in every row, as Excel shows it.
const HEADER = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "最小可分割面积", "状态", "备注"];
const space = (id: string) => [id, "GC-DB", "厂房", "出租", `厂房${id}`, 5000, null, "可租售", null];

async function book(rows: (string | number | null)[][], merges: string[], header = HEADER, name = "空间"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const read = async (buf: Buffer) => readWorkbook(buf, "inventory.xlsx", { sliceMs: 0 });

describe("merged cells in an Excel import", () => {
  it.each([
    // [merge, the cells refused ("G2" …), what stays read]
    ["F2:G2", ["G2"], { row: 2, key: "areaSqm", value: 5000 }],
    ["F2:G3", ["G2", "G3"], { row: 3, key: "areaSqm", value: 5000 }],
    ["B2:C2", ["C2"], { row: 2, key: "parkId", value: "GC-DB" }],
    ["E3:G3", ["F3", "G3"], { row: 3, key: "title", value: "厂房S2" }],
  ] as const)(
    "merged %s: each cell it spreads across columns into is refused, naming the merge; the top-left one is read",
    async (merge, refused, kept) => {
      const r = await read(await book([space("S1"), space("S2")], [merge]));
      const where = r.errors.map((e) => `${String(e.column).replace(/（.*$/, "")}${e.row}`);
      expect(where.sort()).toEqual([...refused].sort());
      for (const e of r.errors) {
        expect(e.reason.zh).toContain("合并");
        expect(e.reason.en).toContain("merged");
      }
      const row = r.rows.find((x) => x.row === kept.row)!;
      expect(row.cells[kept.key]).toBe(kept.value);
      for (const x of r.rows) expect(x.cells.divisibleMinSqm).toBeUndefined();
    },
  );

  it("merged down one column (园区编号 over three rows): every row reads it, nothing refused", async () => {
    const rows = [space("S1"), space("S2"), space("S3")];
    rows[1][1] = null;
    rows[2][1] = null;
    const r = await read(await book(rows, ["B2:B4"]));
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.cells.parkId)).toEqual(["GC-DB", "GC-DB", "GC-DB"]);
  });

  it("a read column merged into a column not read (an unknown one) is read; a column not read merged into a read one is refused", async () => {
    const header = [...HEADER, "内部备注"];
    const intoUnknown = await read(await book([[...space("S1"), null]], ["I2:J2"], header));
    expect(intoUnknown.errors).toEqual([]);
    const fromUnknown = await read(await book([["说明", ...space("S1")]], ["A2:B2"], ["说明", ...HEADER]));
    expect(fromUnknown.errors.map((e) => [e.row, String(e.column)])).toEqual([[2, "B（编号）"]]);
  });

  it("a park's 纬度 merged over 经度 is refused at 经度", async () => {
    const header = ["编号", "名称", "省", "市", "区县", "纬度", "经度"];
    const r = await read(await book([["P1", "一号园", "江苏省", "南京市", "高淳区", 31.32, null]], ["F2:G2"], header, "园区"));
    expect(r.errors.map((e) => String(e.column))).toEqual(["G（经度）"]);
    expect(r.rows[0].cells.lat).toBe(31.32);
    expect(r.rows[0].cells.lng).toBeUndefined();
  });
});
