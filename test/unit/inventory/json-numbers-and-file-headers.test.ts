import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { validateInventory } from "~/inventory/import.server";
import { readSourceRows } from "~/inventory/import-plan.server";
import { checkTextRow } from "~/inventory/inventory-check";

import { encodeGbk } from "../../support/gbk";
import { CSV_FIXED, PARK, space } from "./json-row-fixtures";

// ADR 096. (1) The JSON import reads a number written as a string as a CSV cell of its column is: the
// same reader, the same value, the same message. (2) The Excel/CSV import's errors name a column by the
// header the file wrote, not by ours.

describe("a JSON string in a number's place is read as the CSV cell of that column", () => {
  it.each([
    ["areaSqm", "1,200", 1200],
    ["areaSqm", "1.2万", 12000],
    ["areaSqm", "5千平", 5000],
    ["areaSqm", "50亩", 33333.33],
    ["areaSqm", "　３０００　", 3000], // full-width digits and spaces
    ["rentYuanPerSqmMonth", "25元/㎡·月", 25],
    ["rentYuanPerSqmMonth", "0.8元/平/天", 24],
    ["rentYuanPerSqmMonth", "¥18/㎡/月", 18],
    ["floorLoadKg", "3吨/平方米", 3000],
    ["ceilingM", "9米", 9],
    ["powerKva", "1250KVA", 1250],
    ["craneT", "10吨", 10],
    ["priceYuanPerSqm", "4,500元/㎡", 4500],
    ["landPriceWanPerMu", "30万元/亩", 30],
    ["floors", "3", 3],
  ])("%s: %s", (key, typed, expected) => {
    const json = validateInventory({ parks: [PARK], spaces: [space({ [key]: typed })] }, "zh");
    expect(json.ok ? [] : json.errors).toEqual([]);
    const value = json.value.spaces[0] as unknown as Record<string, number>;
    expect(value[key]).toBeCloseTo(expected, 1);
    // What a CSV cell of the same column reads.
    const cell = checkTextRow("spaces", { ...CSV_FIXED, [key]: typed });
    expect(cell.ok && (cell.value as Record<string, unknown>)[key]).toBe(value[key]);
  });

  it("a park's location and threshold, a recruiter's capacity, written as strings", () => {
    const json = validateInventory(
      {
        parks: [{ ...PARK, location: { lat: "31.32", lng: "118.87" }, minTaxPerMuWan: "30万元/亩", minTaxPer1000SqmWan: "20万" }],
        recruiters: [
          {
            id: "R1",
            name: "王",
            email: "r@example.cn",
            phone: "13900000000",
            channel: "email",
            parks: ["P1"],
            industries: [],
            capacity: "12",
          },
        ],
      },
      "en",
    );
    expect(json.ok).toBe(true);
    expect(json.value.parks[0]).toMatchObject({ location: { lat: 31.32, lng: 118.87 }, minTaxPerMuWan: 30, minTaxPer1000SqmWan: 20 });
    expect(json.value.recruiters[0]).toMatchObject({ capacity: 12 });
  });

  it.each(["zh", "en"] as const)("what the reader refuses is said once, at its key, with the CSV cell's message (%s)", (lng) => {
    const cases: [string, string][] = [
      ["areaSqm", "二三十亩"],
      ["ceilingM", "很高"],
      ["floorLoadKg", "-3吨/㎡"],
      ["floors", "两层半"],
      ["rentYuanPerSqmMonth", "25元/㎡/月/年"],
    ];
    const json = validateInventory({ parks: [PARK], spaces: [space(Object.fromEntries(cases))] }, lng);
    expect(json.ok).toBe(false);
    const said = json.ok ? [] : json.errors[0].errors;
    const cell = checkTextRow("spaces", { ...CSV_FIXED, ...Object.fromEntries(cases) });
    // "key: reason" in the language's punctuation (ADR 143): "areaSqm：…" in Chinese.
    const cellSaid = cell.ok ? [] : cell.issues.map((i) => `${i.key}${lng === "zh" ? "：" : ": "}${i.reason[lng]}`);
    expect([...said].sort()).toEqual([...cellSaid].sort());
    expect(said).toHaveLength(cases.length); // no "expected number" beside the reader's message
  });

  it("a blank string is no value, as a blank cell is; a JSON number and a non-number column are untouched", () => {
    const json = validateInventory({ parks: [PARK], spaces: [space({ ceilingM: " ", areaSqm: 4200, title: "1,200" })] }, "zh");
    expect(json.ok).toBe(true);
    expect(json.value.spaces[0]).toMatchObject({ areaSqm: 4200, title: "1,200" });
    expect((json.value.spaces[0] as { ceilingM?: unknown }).ceilingM ?? null).toBeNull();
  });
});

async function csvPlan(headers: string[], cells: string[], gbk = true) {
  const text = `${headers.join(",")}\r\n${cells.join(",")}\r\n`;
  const read = await readWorkbook(gbk ? encodeGbk(text) : Buffer.from(text), "空间.csv");
  return { read, rows: readSourceRows(read) };
}

describe("the import's errors name a column by the header the file wrote", () => {
  it.each([
    ["租金（元/平方米/月）", "很贵", "G（租金（元/平方米/月））"],
    ["租金(元/平米/天)", "很贵", "G（租金(元/平米/天)）"],
    ["月租金", "很贵", null], // not one of our columns: a warning, no value
    ["承重(吨/平方米)", "很重", "G（承重(吨/平方米)）"],
    ["Ceiling (m)", "high", "G（Ceiling (m)）"],
    ["ceilingM", "high", "G（ceilingM）"],
    ["层高 （米）", "很高", "G（层高 （米））"],
  ])("%s", async (header, cell, column) => {
    const { read, rows } = await csvPlan(
      ["编号", "园区编号", "类型", "交易方式", "名称", "面积", header],
      ["S1", "P1", "厂房", "出租", "1号厂房", "5000", cell],
    );
    if (column === null) {
      expect(read.warnings.map((w) => w.reason.zh)).toEqual([`未知列“${header}”，已忽略`]);
      return;
    }
    expect(rows.errors.map((e) => e.column)).toContain(column);
  });

  it("every cell of a row under the file's headers, in both languages of the message; a column the file lacks by ours", async () => {
    const { rows } = await csvPlan(
      ["Space ID", "园区编号", "Kind", "交易方式", "名称", "面积（平米）", "状态"],
      ["S1", "P1", "仓库?", "出租", "1号厂房", "二三十亩", "可租售"],
    );
    const columns = rows.errors.map((e) => e.column);
    expect(columns).toEqual(expect.arrayContaining(["C（Kind）", "F（面积（平米））"]));
    expect(columns.join(" ")).not.toMatch(/（类型）|（面积）/);
    for (const e of rows.errors) expect(e.reason.en).not.toBe(e.reason.zh);
    // No 名称 column at all: the blank required cell is named by our header.
    const without = await csvPlan(["编号", "园区编号", "类型", "交易方式", "面积", "状态"], ["S2", "P1", "厂房", "出租", "5000", "可租售"]);
    expect(without.rows.errors.map((e) => e.column)).toEqual(["名称"]);
  });

  it("an .xlsx sheet's headers too, and a cell holding an error value", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "建筑面积(㎡)", "状态", "层高(m)"]);
    ws.addRow(["S1", "P1", "厂房", "出租", "1号厂房", "五千多", "可租售", { formula: "1/0", result: { error: "#DIV/0!" } }]);
    const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "inventory.xlsx");
    const rows = readSourceRows(read);
    expect([...read.errors, ...rows.errors].map((e) => e.column)).toEqual(expect.arrayContaining(["H（层高(m)）"]));
  });
});
