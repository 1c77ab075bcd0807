import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";

// Attack 38: the Excel import read hidden sheets and Excel's copies of a sheet ("空间 (2)") as data: a hidden old
// copy's rows went in unseen, a copy's rows over or beside its original's. Docs/decisions/192: a hidden sheet is
// not read, said in the preview; a visible copy beside its visible original is refused, naming both.
const HEADER = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"];
const space = (id: string) => [id, "GC-DB", "厂房", "出租", "一号厂房", 5000, "可租售"];

async function book(sheets: { name: string; ids: string[]; state?: "hidden" | "veryHidden" }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : {});
    ws.addRow(HEADER);
    for (const id of s.ids) ws.addRow(space(id));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const ids = (read: Awaited<ReturnType<typeof readWorkbook>>) => read.rows.map((r) => `${r.sheet}:${String(r.cells.id)}`);

describe("hidden sheets and copied sheets in an Excel import", () => {
  it.each(["hidden", "veryHidden"] as const)("a %s sheet is not read, and the preview says so in both languages", async (state) => {
    const read = await readWorkbook(
      await book([
        { name: "空间", ids: ["S1"] },
        { name: "空间-旧", ids: ["OLD1"], state },
      ]),
      "inventory.xlsx",
    );
    expect(ids(read)).toEqual(["空间:S1"]);
    expect(read.errors).toEqual([]);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toMatchObject({ sheet: "空间-旧", row: null });
    expect(read.warnings[0].reason.zh).toContain("隐藏");
    expect(read.warnings[0].reason.en).toContain("hidden");
  });

  it.each([
    ["空间 (2)", "空间"],
    ["空间（3）", "空间"],
    ["房源 (2)", "房源"],
    ["招商专员 (2)", "招商专员"],
  ])("%s beside %s is refused, naming both; the copy is not read", async (copy, original) => {
    const read = await readWorkbook(
      await book([
        { name: original, ids: ["S1"] },
        { name: copy, ids: ["S1", "S2"] },
      ]),
      "inventory.xlsx",
    );
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ sheet: copy, row: null });
    expect(read.errors[0].reason.zh).toContain(`“${original}”的副本`);
    expect(read.errors[0].reason.en).toContain(`a copy of “${original}”`);
    expect(ids(read)).not.toContain(`${copy}:S2`);
  });

  it("a copy whose original is gone, or hidden, is the sheet read; other sheets of a kind still read", async () => {
    const alone = await readWorkbook(await book([{ name: "空间 (2)", ids: ["S1"] }]), "inventory.xlsx");
    expect(ids(alone)).toEqual(["空间 (2):S1"]);
    expect(alone.errors).toEqual([]);
    const hiddenOriginal = await readWorkbook(
      await book([
        { name: "空间", ids: ["OLD"], state: "hidden" },
        { name: "空间 (2)", ids: ["S1"] },
      ]),
      "inventory.xlsx",
    );
    expect(ids(hiddenOriginal)).toEqual(["空间 (2):S1"]);
    expect(hiddenOriginal.errors).toEqual([]);
    expect(hiddenOriginal.warnings.map((w) => w.sheet)).toEqual(["空间"]);
    // A park's sheet beside 空间 (2) is no copy of it.
    const mixed = await readWorkbook(
      await book([
        { name: "空间", ids: ["S1"] },
        { name: "园区 (2)", ids: [] },
      ]),
      "inventory.xlsx",
    );
    expect(mixed.errors).toEqual([]);
  });
});
