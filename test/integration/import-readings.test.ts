import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { importInventory } from "~/inventory/import.server";
import { applyPreview, previewUpload } from "~/inventory/import-plan.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { encodeGbk } from "../support/gbk";

// A GBK CSV as Chinese Excel saves it, written the way people write it: headers in 平方米, 可入驻时间 in
// words, a range and a negative figure. The inventory reads it as the lead side does (ADR 087).
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("import_readings");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});
afterEach(() => vi.useRealTimers());

const HEADERS = "编号,园区编号,类型,交易方式,名称,面积,承重(吨/平方米),租金(元/平方米/月),售价(元/平方米),配电(千伏安),可入驻时间,状态";

async function preview(lines: string[]) {
  const bytes = encodeGbk(`${[HEADERS, ...lines].join("\r\n")}\r\n`);
  return previewUpload(db.sql, await readWorkbook(bytes, "空间.csv"), { fileName: "空间.csv", actor: "test-admin" });
}

describe("a GBK CSV written as people write it", () => {
  it("reads 平方米 headers in their units and 下半年 as July, says what it read, and writes it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-02-10T04:00:00Z"));
    const { plan, previewId } = await preview(["RD1,GC-EDZ,厂房,出租,读法1号,三千平米,3,25,4500,1250,下半年,可租售"]);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([
      {
        sheet: "空间",
        row: 2,
        column: "K2（可入驻时间）",
        reason: {
          zh: "编号 RD1：可入驻时间“下半年”读作 2027-07（时段按其第一个月）",
          en: "id RD1: available from “下半年” read as 2027-07 (a period reads as its first month)",
        },
      },
    ]);
    vi.useRealTimers();
    expect(await applyPreview(db.sql, { previewId: previewId!, hash: plan.hash })).toMatchObject({ ok: true });
    const [row] = await db.sql`
      select area_sqm, floor_load_kg, rent_yuan_per_sqm_month, price_yuan_per_sqm, power_kva, available_from
      from spaces where id = 'RD1'`;
    expect(row).toMatchObject({ areaSqm: 3000, floorLoadKg: 3000, rentYuanPerSqmMonth: 25, priceYuanPerSqm: 4500, powerKva: 1250 });
    expect((row.availableFrom as Date).toISOString()).toMatch(/^2027-07-01/);
  });

  // Each cell under the header the file wrote (ADR 096), not ours.
  it("a range and negative figures are each said for what was read; nothing is written", async () => {
    const { plan, previewId } = await preview(["RD2,GC-EDZ,土地,出售,读法2号,二三十亩,-3,-25,-4500,-1250千伏安,2027-02-30,可租售"]);
    expect(previewId).toBeNull();
    expect(plan.errors.map((e) => [e.column, e.reason.zh])).toEqual([
      ["F（面积）", "面积只能填一个数，例如 5000、5千平 或 50亩；“二三十亩”是一个范围（二十亩到三十亩）"],
      ["G（承重(吨/平方米)）", "“-3吨/平方米”是负数：承重不能为负数，不清楚请留空"],
      ["H（租金(元/平方米/月)）", "“-25元/平方米/月”是负数：租金不能为负数，不清楚请留空"],
      ["I（售价(元/平方米)）", "“-4500元/平方米”是负数：售价不能为负数，不清楚请留空"],
      ["J（配电(千伏安)）", "“-1250千伏安”是负数：配电不能为负数，不清楚请留空"],
      ["K（可入驻时间）", "“2027-02-30”：2027年2月没有30日（这个月只有 28 天），例如 2027-02"],
    ]);
    const [n] = await db.sql`select count(*)::int as n from spaces where id = 'RD2'`;
    expect(n.n).toBe(0);
  });
});
