import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { validateInventory } from "~/inventory/import.server";
import { readSourceRows } from "~/inventory/import-plan.server";
import { cellReadings, checkTextRow } from "~/inventory/inventory-check";

import { type SheetCell, SPACE_HEAD, spaceSheet } from "../../support/space-sheet";

// forms41, trial 40's leftovers of the Excel import (docs/decisions/204):
// - 可入驻时间 as an Excel date cell: a date format exceljs does not know (Chinese Excel's own 2027年3月, numFmtId 57, and the
//   like) hands over the day's serial number (46447), refused as "无法识别可入驻时间“46447”";
// - a monthly TOTAL rent in 租金（元/㎡/月）(120000 for 5000 ㎡) was read as 120000 元 per ㎡, or any total under 10000;
// - control characters were taken out of cells and nothing said so.
const HEAD = SPACE_HEAD;
const sheet = spaceSheet;
type Cell = SheetCell;
const space = (id: string, rent: Cell, from: Cell, area: Cell = 5000, kind = "厂房") => [
  id,
  "P1",
  kind,
  "出租",
  `${id} 厂房`,
  area,
  rent,
  from,
  "可租售",
];
const availableOf = (plan: ReturnType<typeof readSourceRows>) => plan.value.spaces.map((s) => [s.id, s.availableFrom]);

describe("可入驻时间 as an Excel date cell", () => {
  it("a date cell is its day; a month-only format its month; a serial number (a Chinese format exceljs does not know) its day", async () => {
    const { plan } = await sheet([
      space("D1", 25, { value: new Date(Date.UTC(2027, 2, 15)), numFmt: "yyyy-mm-dd" }),
      space("D2", 25, { value: new Date(Date.UTC(2027, 2, 1)), numFmt: 'yyyy"年"m"月"' }),
      space("D3", 25, 46447), // 2027-03-01, as a cell in 2027年3月 (numFmtId 57) arrives
      space("D4", 25, 46461.75), // 2027-03-15 18:00
      space("D5", 25, { value: 46447, numFmt: "0" }), // shown as a number, still the day
    ]);
    expect(plan.errors).toEqual([]);
    expect(availableOf(plan)).toEqual([
      ["D1", "2027-03-15"],
      ["D2", "2027-03"],
      ["D3", "2027-03-01"],
      ["D4", "2027-03-15"],
      ["D5", "2027-03-01"],
    ]);
  });

  it("in a workbook of the 1904 date system", async () => {
    const { plan } = await sheet([space("D1", 25, 44985)], { date1904: true }); // 1904-01-01 + 44985 days
    expect(availableOf(plan)).toEqual([["D1", "2027-03-01"]]);
  });

  it("a number that is no day of 2000–2099 stays refused as no date", async () => {
    const { plan } = await sheet([space("D1", 25, 2027), space("D2", 25, 99999)]);
    expect(plan.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "H（可入驻时间）"],
      [3, "H（可入驻时间）"],
    ]);
  });

  it("dates typed as text, as the lead form reads them", async () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const { plan } = await sheet([
      space("T1", 25, "2027年3月"),
      space("T2", 25, "2027/3/1"),
      space("T3", 25, "2027.3"),
      space("T4", 25, "明年3月"),
      space("T5", 25, "2027年3月1日"),
      space("T6", 25, "2027-3"),
    ]);
    expect(plan.errors).toEqual([]);
    expect(availableOf(plan)).toEqual([
      ["T1", "2027-03"],
      ["T2", "2027-03-01"],
      ["T3", "2027-03"],
      ["T4", `${nextYear}-03`],
      ["T5", "2027-03-01"],
      ["T6", "2027-03"],
    ]);
  });

  it("a recruiter's 休假开始 as a date serial is its day", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("招商专员");
    ws.addRow(["编号", "姓名", "邮箱", "电话", "通知方式", "负责园区", "容量", "休假开始", "休假结束"]);
    ws.addRow(["R9", "王敏", "wm@example.test", "13912345678", "邮件", "P1", 10, 46447, 46451]);
    const plan = readSourceRows(await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "专员.xlsx"));
    expect(plan.errors).toEqual([]);
    expect(plan.value.recruiters[0].away).toEqual([{ from: "2027-03-01", to: "2027-03-05" }]);
  });
});

describe("a monthly total in the per-㎡ rent column", () => {
  it.each([
    [120000, 5000, "24"],
    [8000, 400, "20"], // under the old bound of 10000: stored as 8000 元/㎡ a month
    [36000, 1200, "30"],
    ["12万", 5000, "24"],
  ])("租金 %s over %s ㎡ is refused at its cell, saying the %s 元/㎡ it comes to", async (rent, area, per) => {
    const { plan } = await sheet([space("R1", rent, null, area)]);
    expect(plan.value.spaces).toEqual([]);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatchObject({ sheet: "空间", row: 2, column: "G（租金（元/㎡/月））" });
    expect(plan.errors[0].reason.zh).toContain(`像是整个空间一个月的租金：按面积 ${area}㎡ 合 ${per} 元/㎡/月`);
    expect(plan.errors[0].reason.en).toContain(
      `it looks like the whole space's rent a month, which over ${area}\u00a0㎡ is ${per} yuan/㎡ a month`,
    );
  });

  it("a figure beyond any rent whose per-㎡ is none either is refused naming the limit", () => {
    const r = checkTextRow("spaces", {
      id: "R1",
      parkId: "P1",
      kind: "仓库",
      deals: "出租",
      title: "库",
      areaSqm: "50000",
      rentYuanPerSqmMonth: "350",
      status: "可租售",
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => [i.key, i.reason.zh])).toEqual([
        ["rentYuanPerSqmMonth", "租金 350 元/㎡/月 超出仓库每平方米月租金的可能范围（至多 300）：本栏填每平方米每月的租金，请改正"],
      ]);
  });

  it.each([
    ["厂房", "45"],
    ["厂房", "300"],
    ["厂房", "8元/㎡/天"], // 240 a month
    ["办公", "450"], // a Grade-A office
    ["办公", "1000"],
  ])("a %s's rent of %s is a rent per ㎡", (kind, rent) => {
    const r = checkTextRow("spaces", {
      id: "R1",
      parkId: "P1",
      kind,
      deals: "出租",
      title: "t",
      areaSqm: "2000",
      rentYuanPerSqmMonth: rent,
      status: "可租售",
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  });

  it("the JSON import and the admin form take the same rule", () => {
    const park = { id: "P1", name: "园", province: "江苏省", city: "南京市", district: "高淳区" };
    const s = { id: "R1", parkId: "P1", kind: "factory", deals: ["lease"], title: "t", areaSqm: 5000, status: "available" };
    const r = validateInventory({ parks: [park], spaces: [{ ...s, rentYuanPerSqmMonth: 120000 }], recruiters: [] }, "zh");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].errors.join("\n")).toContain("合 24 元/㎡/月");
    expect(validateInventory({ parks: [park], spaces: [{ ...s, rentYuanPerSqmMonth: 24 }], recruiters: [] }).ok).toBe(true);
  });
});

describe("control characters taken out of cells are said", () => {
  // Excel writes a control character as _xHHHH_ (exceljs's writer drops it; its reader decodes the escape).
  it("in the preview's notes, naming the cell and the characters; the row still read", async () => {
    const { plan } = await sheet([
      ["C1", "P1", "厂房", "出租", "一号_x0007_厂房\u200B", 5000, 25, "2027-03", "可租售"],
      ["C2", "P1", "厂房", "出租", "二号厂房", "5000_x001B_", 25, "2027-03", "可租售"],
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.value.spaces.map((s) => [s.title, s.areaSqm])).toEqual([
      ["一号厂房", 5000],
      ["二号厂房", 5000],
    ]);
    expect(plan.notes.map((n) => [n.row, n.column, n.reason.zh])).toEqual([
      [2, "E2（名称）", "名称：删去了看不见的字符 U+0007、U+200B（控制字符或格式字符，多随复制粘贴带入），按删去后的内容读"],
      [3, "F3（面积）", "面积：删去了看不见的字符 U+001B（控制字符或格式字符，多随复制粘贴带入），按删去后的内容读"],
    ]);
    expect(plan.notes[0].reason.en).toBe(
      "title: invisible characters taken out: U+0007, U+200B (control or format characters, mostly brought in by copy and paste); read without them",
    );
  });

  it("on a row refused for another cell too; an emoji's joiner is no such character", async () => {
    const { plan } = await sheet([["C1", "P1", "厂房", "出租", "_x0008_一号👨‍👩‍👧", "很大", 25, "2027-03", "可租售"]]);
    expect(plan.errors.map((e) => e.column)).toEqual(["F（面积）"]);
    expect(plan.notes.map((n) => n.reason.zh)).toEqual([expect.stringContaining("名称：删去了看不见的字符 U+0008（")]);
  });

  it("in a CSV, as typed", async () => {
    const text = `${HEAD.join(",")}\r\nC1,P1,厂房,出租,三号\u001F厂房,5000,25,2027-03,可租售\r\n`;
    const plan = readSourceRows(await readWorkbook(Buffer.from(text), "空间.csv"));
    expect(plan.value.spaces.map((x) => x.title)).toEqual(["三号厂房"]);
    expect(plan.notes.map((n) => [n.column, n.reason.zh])).toEqual([
      ["E2（名称）", "名称：删去了看不见的字符 U+001F（控制字符或格式字符，多随复制粘贴带入），按删去后的内容读"],
    ]);
  });

  it("the admin form's readings and the JSON import's notes say it too", () => {
    const cells = { id: "P1", name: "高淳园\u0007", province: "江苏省", city: "南京市", district: "高淳区" };
    const r = checkTextRow("parks", cells);
    expect(r.ok && cellReadings("parks", cells, r.value).map((d) => d.reason.zh)).toEqual([
      "名称：删去了看不见的字符 U+0007（控制字符或格式字符，多随复制粘贴带入），按删去后的内容读",
    ]);
    const json = validateInventory({ parks: [{ ...cells, name: "高淳园\u0007" }], spaces: [], recruiters: [] }, "zh");
    expect(json.ok && json.notes.flatMap((n) => n.notes)).toEqual([
      "name：名称：删去了看不见的字符 U+0007（控制字符或格式字符，多随复制粘贴带入），按删去后的内容读",
    ]);
  });
});
