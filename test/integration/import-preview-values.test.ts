import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { importInventory } from "~/inventory/import.server";
import { previewUpload } from "~/inventory/import-plan.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { encodeGbk } from "../support/gbk";

// The Excel/CSV preview listed new rows by id, name and row only, and an error without the cell it
// was about (docs/decisions/103): the admin saw counts, not what would be written. Now each created or
// changed row carries the values read (kind, area with its unit, prices; a park's place; a recruiter's
// email and parks), and each error the cell as typed. The land and industry rules and the standard
// place names of the same ADR, through the sheet.
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("import_preview_values");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});

async function xlsx(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const preview = async (bytes: Buffer, name: string) =>
  previewUpload(db.sql, await readWorkbook(bytes, name), { fileName: name, actor: "preview-values-admin" });

describe("the preview shows what each row will be written with", () => {
  it("created spaces with kind, area in its unit and prices; a park's place by its standard names; a recruiter's email and parks", async () => {
    const bytes = await xlsx({
      园区: [
        ["编号", "名称", "省", "市", "区县", "主导产业"],
        ["PV-P1", "预览园", "江苏", "南京", "江宁", "金属制品、C34"],
      ],
      空间: [
        [
          "编号",
          "园区编号",
          "类型",
          "交易方式",
          "名称",
          "面积",
          "层高（米）",
          "租金（元/㎡/月）",
          "售价（元/㎡）",
          "地价（万元/亩）",
          "状态",
        ],
        ["PV-S1", "GC-EDZ", "厂房", "租售", "预览厂房", "3千平", "9米", "25", "4500", "", "可租售"],
        ["PV-S2", "GC-EDZ", "土地", "出售", "预览地块", "30亩", "", "", "", "28", "可租售"],
        ["PV-S3", "PV-P1", "仓库", "出租", "预览仓库", "1.2万方", "", "1.5元/平方米/天", "", "", "已预留"],
      ],
      招商专员: [
        ["编号", "姓名", "邮箱", "电话", "通知方式", "负责园区", "容量"],
        ["PV-R1", "预览专员", "PV@Example.test", "13900000077", "邮件", "PV-P1、GC-EDZ", "5"],
      ],
    });
    const { plan, previewId } = await preview(bytes, "预览.xlsx");
    expect(plan.errors).toEqual([]);
    expect(previewId).not.toBeNull();
    const values = Object.fromEntries(plan.rows.filter((r) => r.action === "create").map((r) => [r.id, r.values]));
    expect(values["PV-S1"]).toEqual({
      kind: { zh: "厂房", en: "factory building" },
      deals: { zh: "出售、出租", en: "for sale, for lease" },
      area: { zh: "3000㎡", en: "3000㎡" },
      spec: { zh: "层高 9 m", en: "ceiling 9 m" },
      price: { zh: "租金 25 元/㎡·月；售价 4,500 元/㎡", en: "rent 25 yuan/㎡·month; sale 4,500 yuan/㎡" },
      park: { zh: "GC-EDZ", en: "GC-EDZ" },
      status: { zh: "可租售", en: "available" },
    });
    expect(values["PV-S2"]).toMatchObject({
      kind: { zh: "土地" },
      area: { zh: "30亩（20000㎡）" },
      price: { zh: "地价 28 万元/亩", en: "land CNY\u00a0280,000/mu" },
    });
    expect(values["PV-S3"]).toMatchObject({ area: { zh: "12000㎡" }, status: { zh: "已预留" } });
    expect(values["PV-S3"]?.price?.zh).toMatch(/^租金 45(\.\d+)? 元\/㎡·月$/); // 1.5 a day, read as a month's
    expect(values["PV-P1"]).toEqual({
      place: { zh: "江苏省南京市江宁区", en: "Jiangning District, Nanjing, Jiangsu (江苏省南京市江宁区)" },
      industries: { zh: "C33、C34", en: "C33, C34" },
    });
    expect(values["PV-R1"]).toEqual({
      email: { zh: "PV@example.test", en: "PV@example.test" },
      parks: { zh: "PV-P1、GC-EDZ", en: "PV-P1, GC-EDZ" },
    });
    // What the short place names were stored as is said among the notes.
    expect(plan.warnings.map((w) => w.reason.zh)).toEqual(
      expect.arrayContaining(["省“江苏”按规范名称存为“江苏省”", "市“南京”按规范名称存为“南京市”", "区县“江宁”按规范名称存为“江宁区”"]),
    );
  });

  it("every figure the sheet gives is shown: deals, divisible area, ceiling, floor load, power, crane, floors, single storey, move-in month (ADR 109)", async () => {
    const bytes = await xlsx({
      空间: [
        [
          "编号",
          "园区编号",
          "类型",
          "交易方式",
          "名称",
          "面积",
          "最小可分割面积",
          "层数",
          "单层",
          "层高（米）",
          "承重",
          "配电",
          "行车",
          "可入驻时间",
          "状态",
        ],
        [
          "PV-F1",
          "GC-EDZ",
          "厂房",
          "出租",
          "全字段厂房",
          "6000",
          "1500平",
          "1",
          "是",
          "9.5",
          "3吨/平",
          "1250kva",
          "10吨",
          "2027-03",
          "可租售",
        ],
        ["PV-F2", "GC-EDZ", "仓库", "出售", "少字段仓库", "2000", "", "3", "否", "", "", "", "", "", "可租售"],
      ],
    });
    const { plan } = await preview(bytes, "全字段.xlsx");
    expect(plan.errors).toEqual([]);
    const values = Object.fromEntries(plan.rows.map((r) => [r.id, r.values]));
    expect(values["PV-F1"]).toMatchObject({
      deals: { zh: "出租", en: "for lease" },
      area: { zh: "6000㎡（可分割，最小 1500㎡）", en: "6000㎡ (divisible down to 1500㎡)" },
      spec: {
        zh: "层高 9.5 m；承重 3,000 kg/㎡；配电 1,250 kVA；行车 10 t；1 层；单层",
        en: "ceiling 9.5 m; floor load 3,000 kg/㎡; power 1,250 kVA; crane 10 t; 1 floor; single storey",
      },
      status: { zh: "可租售（2027-03 起可入驻）", en: "available (from 2027-03)" },
    });
    expect(values["PV-F2"]).toMatchObject({
      deals: { zh: "出售" },
      area: { zh: "2000㎡" },
      spec: { zh: "3 层；非单层" },
      status: { zh: "可租售" },
    });
  });

  it("a changed row shows the values it will be written with beside its old → new", async () => {
    const bytes = await xlsx({
      空间: [
        ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"],
        ["S2", "GC-EDZ", "厂房", "出租", "双层厂房（预览改）", "5200", "可租售"],
      ],
    });
    const { plan } = await preview(bytes, "改.xlsx");
    const [row] = plan.rows.filter((r) => r.action === "change");
    expect(row.id).toBe("S2");
    expect(row.values).toMatchObject({ kind: { zh: "厂房" }, area: { zh: "5200㎡（可分割，最小 750㎡）" } }); // S2 is divisible as stored
  });
});

describe("each error shows the cell as typed", () => {
  it("bad figures, a blank required cell, an unknown park, a land plot's ceiling and an excluded focus industry: each with its cell", async () => {
    const bytes = await xlsx({
      园区: [
        ["编号", "名称", "省", "市", "区县", "主导产业", "禁入产业"],
        ["PV-P2", "矛盾园", "甘肃", "临夏", "临夏", "C33", "制造业"],
      ],
      空间: [
        ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "层高（米）", "租金（元/㎡/月）", "状态"],
        ["PV-E1", "GC-EDZ", "厂房", "出租", "", "二三十亩", "  很高  ", "-25", "可租售"],
        ["PV-E2", "NO-SUCH", "土地", "出售", "带层高的地", "30亩", "8", "", "可租售"],
      ],
    });
    const { plan, previewId } = await preview(bytes, "错.xlsx");
    expect(previewId).toBeNull();
    const byCell = Object.fromEntries(plan.errors.map((e) => [`${e.sheet}!${e.row}!${e.column}`, e.typed]));
    expect(byCell).toEqual({
      "园区!2!E（区县）": "临夏",
      "园区!2!G（禁入产业）": "制造业",
      "空间!2!E（名称）": "",
      "空间!2!F（面积）": "二三十亩",
      "空间!2!G（层高（米））": "  很高  ",
      "空间!2!H（租金（元/㎡/月））": "-25",
      "空间!3!B（园区编号）": "NO-SUCH",
      "空间!3!G（层高（米））": "8",
    });
    const reason = (column: string) => plan.errors.find((e) => e.column === column)?.reason.zh;
    expect(reason("E（区县）")).toContain("可选：甘肃省临夏回族自治州临夏市、甘肃省临夏回族自治州临夏县");
    expect(reason("G（禁入产业）")).toBe("C33 金属制品业既是主导产业又被禁入（禁入 C 制造业）：请从主导产业或禁入产业中删去一个");
    expect(plan.errors.find((e) => e.row === 3 && e.column === "G（层高（米））")?.reason.zh).toContain("土地没有层高");
  });

  it("a GBK CSV's cell under a header with a unit shows what the file holds, not the unit added to it", async () => {
    const csv = encodeGbk(
      "编号,园区编号,类型,交易方式,名称,面积,租金(元/平方米/月),状态\r\nPV-C1,GC-EDZ,厂房,出租,CSV 厂房,5000,二三十,可租售\r\n",
    );
    const { plan } = await preview(csv, "空间.csv");
    expect(plan.errors.map((e) => [e.column, e.typed])).toEqual([["G（租金(元/平方米/月)）", "二三十"]]);
  });
});
