import { deflateRawSync } from "node:zlib";

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { MAX_UNZIPPED_BYTES, readWorkbook } from "~/inventory/excel/read-workbook.server";
import { zipInflatedBytes, zipUncompressedBytes } from "~/inventory/excel/zip-size.server";

// A few MB of .xlsx can hold hundreds of MB of sheet XML; ExcelJS loads it whole and the web process ran
// out of memory (an attack, 2026-12-04: 4.8 MB, 200,000 rows). The upload is refused by the size its
// ZIP directory states, before anything is inflated (docs/decisions/097).

/**
 * A ZIP of `entries` (name → uncompressed size, each entry that many zero bytes, deflated), built by the
 * book (APPNOTE 4.3); `stated` puts another uncompressed size in both headers, as a doctored file does.
 */
function zipOf(entries: Record<string, number>, stated: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, size] of Object.entries(entries)) {
    const data = deflateRawSync(Buffer.alloc(size));
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(stated[name] ?? size, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(stated[name] ?? size, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += local.length + n.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe("an .xlsx's size once unzipped, from its directory", () => {
  it("sums every entry", () => {
    expect(zipUncompressedBytes(zipOf({ "a.xml": 1000, "b.xml": 2500 }))).toBe(3500);
  });
  it("is what unzipping an ExcelJS workbook gives", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("空间").addRow(["编号", "园区编号"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const total = zipUncompressedBytes(bytes);
    expect(total).toBeGreaterThan(1000);
    expect(total).toBeLessThan(100_000);
  });
  it("is unknown for what is no ZIP", () => {
    expect(zipUncompressedBytes(Buffer.from("not a zip at all, just text"))).toBeNull();
    expect(zipUncompressedBytes(Buffer.alloc(0))).toBeNull();
  });
});

describe("an upload past the bound is refused before it is loaded", () => {
  it("30 MB of sheet XML in a small file: refused in the person's words, nothing read", async () => {
    const bomb = zipOf({ "xl/worksheets/sheet1.xml": 30 * 1024 * 1024, "[Content_Types].xml": 100 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const read = await readWorkbook(bomb, "inventory.xlsx");
    expect(read.rows).toEqual([]);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0].reason.zh).toBe(
      `文件解压后有 31 MB，超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB：请分批导入（每次最多 20000 行）`,
    );
    expect(read.errors[0].reason.en).toMatch(/31 MB once unzipped/);
  });
  it("a workbook under the bound is read as before", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"]);
    ws.addRow(["X1", "GC-DB", "厂房", "出租", "一号厂房", 5000, "可租售"]);
    const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "inventory.xlsx");
    expect(read.errors).toEqual([]);
    expect(read.rows).toHaveLength(1);
  });
});

// The sizes a ZIP states are its word; a doctored file (an attack of 2026-12-04) said 1,000 bytes for a
// 180 MB sheet and ran the web out of memory. What the data inflates to is counted, up to the bound.
describe("an .xlsx whose headers under-state its size", () => {
  const MB = 1024 * 1024;
  it("is counted by what its entries inflate to, whatever the headers say", async () => {
    expect(await zipInflatedBytes(zipOf({ "a.xml": 1000, "b.xml": 2500 }), MB)).toBe(3500);
    expect(await zipInflatedBytes(zipOf({ "a.xml": 1000, "b.xml": 2500 }, { "b.xml": 10 }), MB)).toBe(3500);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("空间").addRow(["编号", "园区编号"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await zipInflatedBytes(bytes, MB)).toBe(zipUncompressedBytes(bytes));
  });
  it("stops counting past the bound, holding no more than it", async () => {
    expect(await zipInflatedBytes(zipOf({ "a.xml": 3 * MB }, { "a.xml": 1000 }), MB)).toBe(MB + 1);
    expect(await zipInflatedBytes(zipOf({ "a.xml": 600_000, "b.xml": 600_000 }, { "a.xml": 1, "b.xml": 1 }), MB)).toBeGreaterThan(MB);
  });
  it("is unreadable when an entry's data is no deflate stream", async () => {
    const zip = zipOf({ "a.xml": 1000 });
    zip.fill(0xff, 30 + "a.xml".length, 30 + "a.xml".length + 4); // the data's first bytes garbled
    expect(await zipInflatedBytes(zip, MB)).toBeNull();
  });
  it.each([
    ["one sheet stated as 1,000 bytes", { "xl/worksheets/sheet1.xml": 1000, "[Content_Types].xml": 100 }],
    ["every entry stated small", { "xl/worksheets/sheet1.xml": 10, "[Content_Types].xml": 10 }],
  ])("%s: refused as too large in the person's words, nothing loaded", async (_name, stated) => {
    const bomb = zipOf({ "xl/worksheets/sheet1.xml": 60 * MB, "[Content_Types].xml": 100 }, stated);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const read = await readWorkbook(bomb, "inventory.xlsx");
    expect(read.rows).toEqual([]);
    expect(read.errors.map((e) => e.reason.zh)).toEqual([`文件解压后超过 ${MAX_UNZIPPED_BYTES / MB} MB：请分批导入（每次最多 20000 行）`]);
    expect(read.errors[0].reason.en).toMatch(/more than 24 MB once unzipped/);
  });
});
