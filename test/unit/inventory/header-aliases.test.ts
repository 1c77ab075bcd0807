import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { readSourceRows } from "~/inventory/import-plan.server";

// Trial 41, docs/decisions/199: a park office's sheet names its columns as the office does — 建筑面积（㎡）, 净高, 变压器容量,
// 租金单价, 房源状态 — and the import read none of them: every row refused "面积 必填，不能为空" beside a filled 建筑面积, and
// on stored rows a changed 净高 or 租金单价 was left out with a line among the hints. Each such name is read as its column,
// said so; two names of one field read the better one and say the other was not read.

async function sheet(head: (string | null)[], ...rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("空间");
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "房源.xlsx");
  return { read, rows: readSourceRows(read), hints: read.warnings.map((w) => `${w.column ?? ""} ${w.reason.zh}`) };
}

describe("a column named as a park office names it is read as ours (ADR 199)", () => {
  it("建筑面积（㎡）, 净高, 地面承重, 变压器容量, 吊车, 租金单价, 入驻时间, 房源状态: one space, every figure read", async () => {
    const { read, rows, hints } = await sheet(
      [
        "序号",
        "房源编号",
        "园区编号",
        "房源类型",
        "租售方式",
        "厂房名称",
        "建筑面积（㎡）",
        "净高（米）",
        "地面承重",
        "变压器容量",
        "吊车",
        "租金单价",
        "入驻时间",
        "房源状态",
      ],
      [
        1,
        "LS-A01",
        "LS-EDZ",
        "标准厂房",
        "出租",
        "A区1号厂房",
        "5,200",
        "9",
        "3吨/平方米",
        "800KVA",
        "10吨",
        "22元/㎡·月",
        "2027-03",
        "可租",
      ],
    );
    expect(read.errors).toEqual([]);
    expect(rows.errors).toEqual([]);
    expect(rows.value.spaces).toEqual([
      expect.objectContaining({
        id: "LS-A01",
        parkId: "LS-EDZ",
        kind: "factory",
        deals: ["lease"],
        title: "A区1号厂房",
        areaSqm: 5200,
        ceilingM: 9,
        floorLoadKg: 3000,
        powerKva: 800,
        craneT: 10,
        rentYuanPerSqmMonth: 22,
        availableFrom: "2027-03",
        status: "available",
      }),
    ]);
    expect(hints).toContain("G 列“建筑面积（㎡）”读作“面积”");
    expect(hints).toContain("H 列“净高（米）”读作“层高（米）”");
    expect(hints).toContain("A 未知列“序号”，已忽略"); // a row's number is no id
  });

  it("the unit in an alias's bracket applies to its bare cells as in ours: 占地面积（亩） 50 is 50 亩", async () => {
    const { rows } = await sheet(
      ["编号", "园区编号", "类型", "交易方式", "名称", "占地面积（亩）", "状态"],
      ["L1", "P1", "土地", "出售", "C地块", 50, "可售"],
    );
    expect(rows.value.spaces[0].areaSqm).toBeCloseTo(33333.33, 1);
  });

  it("two names of one field: ours, else the better alias, is read; the other is said not read — never 列重复", async () => {
    const both = await sheet(
      ["编号", "园区编号", "类型", "交易方式", "名称", "占地面积", "建筑面积", "状态"],
      ["S1", "P1", "厂房", "出租", "1号厂房", 9000, 5000, "可租"],
    );
    expect(both.read.errors).toEqual([]);
    expect(both.rows.value.spaces[0]).toMatchObject({ areaSqm: 5000 });
    expect(both.hints).toContain("F 列“占地面积”未读：“面积”读自“建筑面积”列");
    const ours = await sheet(
      ["编号", "园区编号", "类型", "交易方式", "名称", "建筑面积", "面积", "状态"],
      ["S1", "P1", "厂房", "出租", "1号厂房", 9000, 5000, "可租"],
    );
    expect(ours.rows.value.spaces[0]).toMatchObject({ areaSqm: 5000 });
    expect(ours.hints).toContain("F 列“建筑面积”未读：“面积”读自“面积”列");
    // One name twice is still refused: which of the two is meant, only the person knows.
    const twice = await sheet(
      ["编号", "园区编号", "类型", "交易方式", "名称", "净高", "净高", "面积"],
      ["S1", "P1", "厂房", "出租", "1号厂房", 9, 8, 5000],
    );
    expect(twice.read.errors.map((e) => e.reason.zh)).toEqual(["列“净高”重复"]);
  });

  it("English too, and a header that only looks like one stays unknown (月租金 may be a month's total)", async () => {
    const { rows, hints } = await sheet(
      ["id", "park id", "kind", "deals", "title", "Gross floor area (sqm)", "Clear height (m)", "月租金", "status"],
      ["S1", "P1", "factory", "lease", "Unit 1", 5000, 9, 100000, "available"],
    );
    expect(rows.value.spaces[0]).toMatchObject({ areaSqm: 5000, ceilingM: 9 });
    expect(rows.value.spaces[0]).not.toHaveProperty("rentYuanPerSqmMonth");
    expect(hints).toContain("H 未知列“月租金”，已忽略");
  });

  it("the parks' and recruiters' sheets: 园区名称, 详细地址; 联系电话, 电子邮箱", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("园区").addRows([
      ["编号", "园区名称", "省", "市", "区县", "详细地址"],
      ["P9", "九号园区", "江苏省", "南京市", "高淳区", "经济开发区1号"],
    ]);
    wb.addWorksheet("招商专员").addRows([
      ["编号", "姓名", "电子邮箱", "联系电话", "通知方式", "负责园区", "容量"],
      ["R9", "王九", "wangjiu@example.test", "13900000009", "邮件", "P9", 10],
    ]);
    const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "园区.xlsx");
    const rows = readSourceRows(read);
    expect(rows.errors).toEqual([]);
    expect(rows.value.parks[0]).toMatchObject({ id: "P9", name: "九号园区", address: "经济开发区1号" });
    expect(rows.value.recruiters[0]).toMatchObject({ id: "R9", email: "wangjiu@example.test", phone: "+8613900000009" });
  });
});
