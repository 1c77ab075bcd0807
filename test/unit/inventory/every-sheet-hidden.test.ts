import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";

// Import40: a workbook whose every sheet of a kind is hidden got two messages that contradict each other — "工作表“空间”
// 是隐藏的，未读取" (a warning) beside "没有名为 园区、空间 或 招商专员 的工作表" (an error): there is such a sheet. One
// refusal now says the file has no sheet to import because those are hidden, and how to unhide them, in each language.
const HEADER = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"];

async function book(sheets: { name: string; state?: "hidden" | "veryHidden" }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : {});
    ws.addRow(HEADER);
    ws.addRow(["S1", "GC-DB", "厂房", "出租", "一号厂房", 5000, "可租售"]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("a workbook whose every sheet of a kind is hidden", () => {
  it.each([
    [[{ name: "空间", state: "hidden" as const }], ["空间"]],
    [
      [
        { name: "空间", state: "veryHidden" as const },
        { name: "园区", state: "hidden" as const },
      ],
      ["空间", "园区"],
    ],
    // A visible sheet that names no kind beside the hidden ones: still the hidden ones are the reason.
    [[{ name: "Sheet1" }, { name: "招商专员", state: "hidden" as const }], ["招商专员"]],
  ])("gets one refusal naming the hidden sheets and how to unhide them (%#)", async (sheets, names) => {
    const read = await readWorkbook(await book(sheets), "inventory.xlsx");
    expect(read.rows).toEqual([]);
    expect(read.warnings).toEqual([]);
    expect(read.errors).toHaveLength(1);
    const { zh, en } = read.errors[0].reason;
    for (const n of names) {
      expect(zh).toContain(`“${n}”`);
      expect(en).toContain(`“${n}”`);
    }
    expect(zh).toContain("隐藏");
    expect(zh).toContain("取消隐藏");
    expect(zh).not.toContain("没有名为");
    expect(en).toContain("hidden");
    expect(en).toContain("Unhide");
    expect(en).not.toContain("no sheet named");
    // Each language's message in its own words only: no English in the Chinese, no Chinese prose in the English.
    expect(zh.replace(/Excel/g, "")).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("a visible sheet of a kind beside a hidden one is read, the hidden one said as before", async () => {
    const read = await readWorkbook(await book([{ name: "空间" }, { name: "空间-旧", state: "hidden" }]), "inventory.xlsx");
    expect(read.errors).toEqual([]);
    expect(read.warnings.map((w) => w.sheet)).toEqual(["空间-旧"]);
  });

  it("a workbook with no sheet of a kind at all is still told so", async () => {
    const read = await readWorkbook(await book([{ name: "Sheet1" }]), "inventory.xlsx");
    expect(read.warnings).toEqual([]);
    expect(read.errors.map((e) => e.reason.zh)).toEqual(["没有名为 园区、空间 或 招商专员 的工作表"]);
  });
});
