import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { importInventory } from "~/inventory/import.server";
import { previewUpload } from "~/inventory/import-plan.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";

// Ids ignore case in the import (README, ADR 107; trial38 M8). A sheet row "s1" meant to change S1, with the cells it
// does not change left blank, was read as a new space: its errors said every blank column was required and never
// that s1 is S1. It reads as S1 (the blanks kept), and its one error says it is S1 written in another case. A
// reference to a park in another case ("gc-edz") says which park it is, in the sheet and in the JSON import
// (POST /api/import, npm run import: importInventory).
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const inventory = demoInventory();

beforeAll(async () => {
  db = await createTestDatabase("import_id_case");
  expect((await importInventory(db.sql, inventory)).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});

async function preview(sheet: string, rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  const fileName = `${sheet}.xlsx`;
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const { plan } = await previewUpload(db.sql, await readWorkbook(bytes, fileName), { fileName, actor: "id-case" });
  return plan;
}

const SPACE_HEADERS = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "租金（元/㎡/月）", "状态"];

describe("an id in another case than a stored row's", () => {
  it.each([
    ["s1", "S1", ["s1", "GC-EDZ", "", "", "", "", "17"]],
    ["s10", "S10", ["s10", "", "", "", "", "", "19"]],
    ["S1 with a blank park", "S1", ["s1", "", "", "", "", "5000", ""]],
  ])("a space row %s with its unchanged cells blank: one error, on the id, naming %s — no 必填", async (_what, stored, row) => {
    const plan = await preview("空间", [SPACE_HEADERS, row]);
    expect(plan.errors.map((e) => e.reason.zh)).toEqual([
      `编号 ${row[0]} 与已有的 ${stored} 只差大小写（编号不分大小写）：要改那一条请写 ${stored}，要新建请换一个编号`,
    ]);
    expect(plan.errors[0].column).toMatch(/^A/);
    expect(plan.rows).toEqual([]);
  });

  it("a park row gc-edz with only a new name: one error naming GC-EDZ, in English too", async () => {
    const plan = await preview("园区", [
      ["编号", "名称", "省", "市", "区县"],
      ["gc-edz", "高淳经开区（新名）", "", "", ""],
    ]);
    expect(plan.errors.map((e) => e.reason.en)).toEqual([expect.stringContaining("differs from the existing GC-EDZ only in case")]);
  });

  it("a new space in park gc-edz: the error names GC-EDZ as the park meant", async () => {
    const plan = await preview("空间", [SPACE_HEADERS, ["S901", "gc-edz", "厂房", "租赁", "新厂房", "3000", "18", "可租售"]]);
    expect(plan.errors.map((e) => e.reason.zh)).toEqual(["未知园区编号 gc-edz（即已有的 GC-EDZ？编号不分大小写，请照写 GC-EDZ）"]);
    expect(plan.errors.map((e) => e.reason.en)).toEqual(["unknown park gc-edz (the stored GC-EDZ? ids ignore case: write GC-EDZ)"]);
  });

  it("the JSON import: a space and a recruiter naming parks in another case are told which parks they are", async () => {
    const space = { ...inventory.spaces.find((s) => s.parkId === "GC-EDZ")!, id: "S902", parkId: "gc-edz" };
    const recruiter = { ...inventory.recruiters[0], id: "R902", email: "r902@example.test", parks: ["GC-EDZ", "ls-edz", "NOPE-9"] };
    const result = await importInventory(db.sql, { spaces: [space], recruiters: [recruiter] }, "en");
    expect(result.ok).toBe(false);
    const said = result.ok ? "" : result.errors.flatMap((e) => e.errors).join("\n");
    expect(said).toContain("unknown park gc-edz (the stored GC-EDZ? ids ignore case: write GC-EDZ)");
    expect(said).toContain("unknown park ls-edz (the stored LS-EDZ? ids ignore case: write LS-EDZ), NOPE-9");
    expect(await db.sql`select 1 from spaces where id = 'S902' union all select 1 from recruiters where id = 'R902'`).toHaveLength(0);
  });
});
