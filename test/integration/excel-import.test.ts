import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { inventoryWorkbook, templateWorkbook } from "~/inventory/excel/write-workbook.server";
import { importInventory } from "~/inventory/import.server";
import { applyPreview, previewUpload } from "~/inventory/import-plan.server";
import { loadInventory } from "~/inventory/inventory-rows.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { encodeGbk } from "../support/gbk";

// Excel in, Excel out (issue 11 item 3): preview, then one all-or-nothing transaction; the same
// workbook twice changes nothing; an exported workbook re-imports to the same state.
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("excel_import");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});

const SPACE_HEADERS = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "层高（米）", "租金（元/㎡/月）", "状态"];

/** A workbook with a 空间 sheet of `n` good rows written as people write them; `edit` may spoil a cell. */
async function spacesWorkbook(n: number, edit?: (rows: (string | number)[][]) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("空间");
  const rows: (string | number)[][] = Array.from({ length: n }, (_, i) => [
    `X${i + 1}`,
    ["GC-EDZ", "GC-MED", "LS-EDZ"][i % 3],
    i % 2 ? "仓库" : "厂房",
    i % 4 === 0 ? "租售" : "出租",
    `导入空间${i + 1}`,
    i % 5 === 0 ? `${(i % 9) + 1}千平` : i % 7 === 0 ? "12亩" : 800 + i,
    i % 3 === 0 ? "9米" : 6,
    i % 6 === 0 ? "0.8元/㎡/天" : 18,
    "可租售",
  ]);
  edit?.(rows);
  ws.addRow(SPACE_HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function inventoryState() {
  const [r] = await db.sql<{ n: number; v: string; u: string }[]>`
    select (select count(*)::int from spaces) + (select count(*)::int from parks) + (select count(*)::int from recruiters) as n,
           (select coalesce(max(version), 0)::text from spaces) as v,
           (select max(updated_at)::text from spaces) as u`;
  return r;
}

async function preview(bytes: Buffer, fileName = "inventory.xlsx") {
  return previewUpload(db.sql, await readWorkbook(bytes, fileName), { fileName, actor: "test-admin" });
}

describe("Excel import", () => {
  it("one bad cell among 500 good rows: nothing is written, and the error names sheet, row, column and reason", async () => {
    const before = await inventoryState();
    const bytes = await spacesWorkbook(500, (rows) => {
      rows[322][5] = "很大一块"; // the area of X323, on spreadsheet row 324
    });
    const { plan, previewId } = await preview(bytes);
    expect(plan.errors).toEqual([
      {
        sheet: "空间",
        row: 324,
        column: "F（面积）",
        reason: { zh: expect.stringContaining("很大一块"), en: expect.stringContaining("很大一块") },
        typed: "很大一块", // the cell as the file holds it (ADR 103)
      },
    ]);
    expect(previewId).toBeNull(); // nothing to apply
    expect(plan.counts.spaces.create).toBe(499); // the 499 good rows are planned and shown, none written
    expect(await inventoryState()).toEqual(before);
  });

  it("reads units as people write them, previews, applies once, and the same workbook twice changes nothing", async () => {
    const bytes = await spacesWorkbook(500);
    const first = await preview(bytes);
    expect(first.plan.errors).toEqual([]);
    expect(first.plan.counts.spaces).toEqual({ create: 500, change: 0, unchanged: 0 });
    const applied = await applyPreview(db.sql, { previewId: first.previewId!, hash: first.plan.hash });
    expect(applied).toMatchObject({ ok: true, counts: { spaces: { created: 500, updated: 0, unchanged: 0 } } });

    const [x1, x6, x7, x8] = await db.sql<
      { id: string; areaSqm: number; deals: string[]; ceilingM: number; rentYuanPerSqmMonth: number }[]
    >`
      select id, area_sqm, deals, ceiling_m, rent_yuan_per_sqm_month from spaces where id in ('X1', 'X6', 'X8', 'X7') order by id`;
    expect(x1).toMatchObject({ areaSqm: 1000, deals: ["buy", "lease"], ceilingM: 9, rentYuanPerSqmMonth: 24 }); // 1千平, 租售, 9米, 0.8元/㎡/天
    expect(x6).toMatchObject({ areaSqm: 6000 }); // 6千平
    expect(x7.areaSqm).toBe(806);
    expect(x8.areaSqm).toBeCloseTo(8000, 6); // 12亩

    const after = await inventoryState();
    const again = await preview(bytes);
    expect(again.plan.counts.spaces).toEqual({ create: 0, change: 0, unchanged: 500 });
    const second = await applyPreview(db.sql, { previewId: again.previewId!, hash: again.plan.hash });
    expect(second).toMatchObject({ ok: true, counts: { spaces: { created: 0, updated: 0, unchanged: 500 } } });
    expect(await inventoryState()).toEqual(after); // no version bump, no updated_at
    // A preview applies once.
    expect(await applyPreview(db.sql, { previewId: again.previewId!, hash: again.plan.hash })).toEqual({ ok: false, reason: "gone" });
  });

  it("shows each changed field old → new, and refuses to apply when the data changed since the preview", async () => {
    const bytes = await spacesWorkbook(3, (rows) => {
      rows[1][5] = "2千平";
      rows[1][8] = "已租售";
    });
    const { plan, previewId } = await preview(bytes);
    const x2 = plan.rows.find((r) => r.id === "X2")!;
    expect(x2.action).toBe("change");
    expect(x2.changes.map((c) => [c.header.zh, c.old, c.new])).toEqual([
      ["面积", 801, 2000],
      ["状态", "可租售", "已租售"],
    ]);
    expect(plan.rows.filter((r) => r.action === "unchanged").map((r) => r.id)).toEqual(["X1", "X3"]);

    await db.sql`update spaces set title = '别人刚改过' where id = 'X3'`;
    const refused = await applyPreview(db.sql, { previewId: previewId!, hash: plan.hash });
    expect(refused).toMatchObject({ ok: false, reason: "changed" });
    const [x2row] = await db.sql<{ areaSqm: number; status: string }[]>`select area_sqm, status from spaces where id = 'X2'`;
    expect(x2row).toEqual({ areaSqm: 801, status: "available" }); // nothing written
  });

  it("a sheet without a column leaves that field as stored: 编号 + 状态 changes statuses only", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow(["编号", "状态"]);
    ws.addRow(["X4", "已预订"]);
    const { plan, previewId } = await preview(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => [r.id, r.action, r.changes.map((c) => c.key)])).toEqual([["X4", "change", ["status"]]]);
    expect(await applyPreview(db.sql, { previewId: previewId!, hash: plan.hash })).toMatchObject({ ok: true });
    const [x4] = await db.sql<
      { status: string; title: string; areaSqm: number }[]
    >`select status, title, area_sqm from spaces where id = 'X4'`;
    expect(x4).toEqual({ status: "reserved", title: "导入空间4", areaSqm: 803 });
  });

  it("a blank or wrong choice (类型, 状态) names the allowed values as the sheet writes them, in zh and en — no internal codes", async () => {
    const csv = [SPACE_HEADERS.join(","), "B1,GC-EDZ,,出租,空白类型,5000,8,20,", "B2,GC-EDZ,车间,出租,错的类型,5000,8,20,空着呢"].join(
      "\n",
    );
    const { plan } = await preview(Buffer.from(`\uFEFF${csv}`), "choices.csv");
    const reasons = Object.fromEntries(plan.errors.map((e) => [`${e.row} ${e.column}`, e.reason]));
    expect(reasons).toEqual({
      "2 C（类型）": {
        zh: "必填，请填写其中之一：厂房、土地、办公、仓库",
        en: "required, one of: factory building, land, office, warehouse",
      },
      "2 I（状态）": { zh: "必填，请填写其中之一：可租售、已预留、已租售", en: "required, one of: available, reserved, let or sold" },
      "3 C（类型）": {
        zh: "“车间”不是可选的类型（厂房、土地、办公、仓库）",
        en: "“车间” is not a kind (factory building, land, office, warehouse)",
      },
      "3 I（状态）": {
        zh: "“空着呢”不是可选的状态（可租售、已预留、已租售）",
        en: "“空着呢” is not a status (available, reserved, let or sold)",
      },
    });
    // Whatever the row, no reason quotes Zod's enum message with the stored codes.
    for (const e of plan.errors) expect(`${e.reason.zh} ${e.reason.en}`).not.toMatch(/"factory"|"available"|无效选项|Invalid option/);
  });

  // ADR 076: the 配电 column's "2台" said only "cannot read"; it now says what the lead form's field says.
  it("a counted power with no size (2台) and an unclear height (8m05) get the lead field's message in zh and en; 8m5 reads", async () => {
    const headers = [...SPACE_HEADERS, "配电（千伏安）"];
    const csv = [
      headers.join(","),
      "E1,GC-EDZ,厂房,出租,两台变压器,5000,8m5,20,可租售,2台",
      "E2,GC-EDZ,厂房,出租,层高不清,5000,8m05,20,可租售,3套500kva",
    ].join("\n");
    const { plan, previewId } = await preview(Buffer.from(`\uFEFF${csv}`), "counted.csv");
    expect(previewId).toBeNull();
    expect(plan.errors.map((e) => ({ row: e.row, column: e.column, reason: e.reason }))).toEqual([
      {
        row: 2,
        column: "J（配电（千伏安））",
        reason: {
          zh: "请写明每台变压器的容量，例如“2台500千伏安”，或直接填合计容量，例如 1000",
          en: "Say how large each transformer is, e.g. 2 × 500 kVA, or type the total, e.g. 1000",
        },
      },
      {
        row: 3,
        column: "G（层高（米））",
        reason: {
          zh: "看不清“8m05”是几米：请写成小数，例如 8.5 或 8.05",
          en: "It is unclear how many metres “8m05” is: type a decimal, e.g. 8.5 or 8.05",
        },
      },
    ]);
  });

  it("names unknown parks and bad choices by cell; a CSV reads like a sheet", async () => {
    const csv = [
      SPACE_HEADERS.join(","),
      "C1,NO-PARK,厂房,出租,CSV空间,5000,8,20,可租售",
      "C2,GC-EDZ,飞船,出租,CSV空间2,5000,8,20,可租售",
    ].join("\n");
    const { plan, previewId } = await preview(Buffer.from(`\uFEFF${csv}`), "spaces.csv");
    expect(previewId).toBeNull();
    expect(plan.errors).toEqual([
      expect.objectContaining({
        sheet: "spaces",
        row: 2,
        column: "B（园区编号）",
        reason: expect.objectContaining({ en: "unknown park NO-PARK" }),
      }),
      expect.objectContaining({
        sheet: "spaces",
        row: 3,
        column: "C（类型）",
        reason: expect.objectContaining({ zh: expect.stringContaining("飞船") }),
      }),
    ]);
    // Neither row is listed as one to create: each is an error only (C1 was under 将新建 beside its error).
    expect(plan.rows.map((r) => r.id)).toEqual([]);
    expect(plan.counts.spaces).toEqual({ create: 0, change: 0, unchanged: 0 });
  });

  // A row with a bad area and an unknown park named only the area: the park came up after the next upload.
  it("names an unknown park on a row refused for another cell too, so one upload names every bad cell", async () => {
    const csv = [SPACE_HEADERS.join(","), "D1,XX-NOPE,厂房,出租,坏行,abc,8,20,待定"].join("\n");
    const { plan } = await preview(Buffer.from(csv), "spaces.csv");
    expect(plan.errors.map((e) => e.row)).toEqual([2, 2, 2]);
    const columns = plan.errors.map((e) => e.column ?? "");
    expect(columns.some((c) => c.includes("面积"))).toBe(true);
    expect(columns.some((c) => c.includes("状态"))).toBe(true);
    expect(plan.errors.find((e) => e.column === "B（园区编号）")?.reason.en).toBe("unknown park XX-NOPE");
  });

  // A row whose 类型 or 层高 could not be read said nothing of its blank 名称 or its 层数 0; a row with a
  // repeated id said nothing of its unknown park; a row repeating a bad row's id was not a duplicate.
  it("names every bad cell of every row in one pass, in the order of the file, in zh and en", async () => {
    const headers = ["编号", "园区编号", "类型", "交易方式", "名称", "面积", "层数", "单层", "层高（米）", "状态"];
    const rows = [
      "T-C1,GC-EDZ,厂房,出租,好行,5000,1,是,8,可租售",
      "T-C3,NOPE,城堡,租,,-5,0,也许,abc,可租售",
      "T-C1,NOPE2,厂房,出租,重复行,5000,1,是,8,可租售",
      "T-C3,GC-EDZ,厂房,出租,与坏行重复,5000,1,是,8,可租售",
      "T-C6,\u3000,仓库,出租,空白园区,5000,2,否,8,",
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    for (const line of [headers.join(","), ...rows]) ws.addRow(line.split(","));
    const files = [
      { bytes: Buffer.from(`\uFEFF${[headers.join(","), ...rows].join("\r\n")}`), fileName: "spaces.csv" },
      { bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName: "spaces.xlsx" },
    ];
    for (const { bytes, fileName } of files) {
      const before = await inventoryState();
      const { plan, previewId } = await preview(bytes, fileName);
      expect(previewId).toBeNull();
      expect(plan.errors.map((e) => [e.row, e.column, e.reason.zh, e.reason.en])).toEqual([
        [3, "B（园区编号）", "未知园区编号 NOPE", "unknown park NOPE"],
        [
          3,
          "C（类型）",
          "“城堡”不是可选的类型（厂房、土地、办公、仓库）",
          "“城堡” is not a kind (factory building, land, office, warehouse)",
        ],
        [3, "E（名称）", "必填，不能为空", "required, must not be blank"],
        [3, "F（面积）", "“-5”是负数：面积应大于 0", "“-5” is negative: the area must be greater than 0"],
        [3, "G（层数）", "不能小于 1", "Must be at least 1"],
        [3, "H（单层）", "“也许”不是可选的是/否（是、否）", "“也许” is not a yes/no (yes, no)"],
        [3, "I（层高（米））", "无法识别“abc”，例如 9 或 9米", "cannot read “abc”; e.g. 9"],
        [4, "A（编号）", "编号 T-C1 与第 2 行重复", "id T-C1 repeats row 2"],
        [4, "B（园区编号）", "未知园区编号 NOPE2", "unknown park NOPE2"],
        [5, "A（编号）", "编号 T-C3 与第 3 行重复", "id T-C3 repeats row 3"],
        [6, "B（园区编号）", "必填，不能为空", "required, must not be blank"],
        [6, "J（状态）", "必填，请填写其中之一：可租售、已预留、已租售", "required, one of: available, reserved, let or sold"],
      ]);
      expect(await inventoryState()).toEqual(before);
    }
  });

  // Rules over several cells (the district against the province and city, 最小可分割面积 against 面积)
  // ran only on a row whose every cell was good.
  it("checks the rules over several cells of a row that has other bad cells too", async () => {
    const parks = ["编号,名称,省,市,区县", "T-P1,　,江苏省,南京市,火星区", "T-P2,好园区,江苏省,南京市,高淳区"].join("\n");
    const spaces = ["编号,园区编号,类型,交易方式,名称,面积,最小可分割面积,状态", "T-V1,GC-EDZ,飞船,出租,分割过大,1000,2000,可租售"].join(
      "\n",
    );
    const parkPlan = (await preview(Buffer.from(parks), "parks.csv")).plan;
    expect(parkPlan.errors.map((e) => [e.row, e.column, e.reason.zh.slice(0, 20)])).toEqual([
      [2, "B（名称）", "必填，不能为空"],
      [2, "E（区县）", expect.stringContaining("江苏省/南京市/火星区")],
    ]);
    const spacePlan = (await preview(Buffer.from(spaces), "spaces.csv")).plan;
    expect(spacePlan.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "C（类型）"],
      [2, "G（最小可分割面积）"],
    ]);
  });

  it("an exported workbook re-imports to the same state (round trip), and the template imports as it is", async () => {
    await db.sql`update recruiters set away_from = '2026-12-01', away_to = '2026-12-07',
                 working_hours = ${db.sql.json({ days: [1, 2, 3, 4, 5, 6], start: "08:30", end: "17:30" })} where id = 'R1'`;
    const state = await loadInventory(db.sql);
    const exported = await inventoryWorkbook(state);
    // Rows in the order a person counts ids: S2 before S10.
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(exported as unknown as ArrayBuffer);
    const ids = sheet.worksheets[1]
      .getColumn(1)
      .values.slice(2)
      .filter((v) => v !== undefined && v !== null && v !== "")
      .map(String);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids).toEqual([...ids].sort(new Intl.Collator("zh-CN", { numeric: true }).compare));
    expect(ids.indexOf("S2")).toBeLessThan(ids.indexOf("S10"));
    const { plan, previewId } = await preview(exported);
    expect(plan.errors).toEqual([]);
    const total = state.parks.length + state.spaces.length + state.recruiters.length;
    expect(plan.rows.filter((r) => r.action === "unchanged")).toHaveLength(total);

    // Into an empty inventory: the same rows come back.
    await db.sql`truncate parks, spaces, recruiters, import_previews cascade`;
    const fresh = await preview(exported);
    expect(fresh.plan.rows.filter((r) => r.action === "create")).toHaveLength(total);
    expect(await applyPreview(db.sql, { previewId: fresh.previewId!, hash: fresh.plan.hash })).toMatchObject({ ok: true });
    expect(await loadInventory(db.sql)).toEqual(state);
    expect(previewId).not.toBeNull();

    // The template as downloaded: its grey example rows are read (no errors) but not imported, each said so
    // (a trial imported 示例经济开发区 and recruiter@example.cn with its own spaces).
    const template = await preview(await templateWorkbook(), "template.xlsx");
    expect(template.plan.errors).toEqual([]);
    expect(template.plan.counts).toEqual({
      parks: { create: 0, change: 0, unchanged: 0 },
      spaces: { create: 0, change: 0, unchanged: 0 },
      recruiters: { create: 0, change: 0, unchanged: 0 },
    });
    expect(template.plan.warnings.map((w) => w.reason.zh)).toEqual(
      ["P-EXAMPLE", "S-EXAMPLE", "R-EXAMPLE"].map((id) => `模板的示例行（编号 ${id}）不导入：请删除它，或改成您自己的编号和内容`),
    );

    // The template with a row of the admin's own under the example on the 空间 sheet: that row alone is planned.
    const filled = new ExcelJS.Workbook();
    await filled.xlsx.load((await templateWorkbook()) as unknown as ArrayBuffer);
    const spacesSheet = filled.getWorksheet("空间")!;
    const header = spacesSheet.getRow(1).values as unknown[];
    const own = new Map<string, string | number>([
      ["编号", "S-MINE-1"],
      ["园区编号", "GC-EDZ"],
      ["类型", "厂房"],
      ["交易方式", "出租"],
      ["名称", "我的厂房"],
      ["面积", 3000],
      ["状态", "可租售"],
    ]);
    spacesSheet.addRow(header.slice(1).map((h) => (typeof h === "string" ? (own.get(h.replace(/（.*$/, "")) ?? null) : null)));
    const mine = await preview(Buffer.from(await filled.xlsx.writeBuffer()), "filled.xlsx");
    expect(mine.plan.errors).toEqual([]);
    expect(mine.plan.counts.spaces).toEqual({ create: 1, change: 0, unchanged: 0 });
    expect(mine.plan.counts.parks.create + mine.plan.counts.recruiters.create).toBe(0);
  });

  // Chinese Excel saves "CSV (逗号分隔)" in GBK: such a file read as UTF-8 gave "缺少必填列" and a "�" for every header.
  it("reads a CSV saved in GBK as Chinese Excel saves it, like the same file in UTF-8", async () => {
    const csv = [SPACE_HEADERS.join(","), "K1,NO-PARK,厂房,出租,高淳标准厂房（GBK）,5000,8,20,可租售"].join("\r\n");
    const gbk = encodeGbk(csv);
    expect(gbk.equals(Buffer.from(csv))).toBe(false); // really another encoding
    const fromGbk = await preview(gbk, "spaces-gbk.csv");
    const fromUtf8 = await preview(Buffer.from(csv), "spaces-gbk.csv");
    expect(fromGbk.plan.errors).toEqual(fromUtf8.plan.errors);
    expect(fromGbk.plan.errors.map((e) => e.reason.en)).toEqual(["unknown park NO-PARK"]);
  });

  it("refuses a file that is not a workbook with one plain error", async () => {
    const { plan } = await preview(Buffer.from("PK\u0003\u0004 not really a zip"), "broken.xlsx");
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0].reason.zh).toMatch(/无法读取文件/);
  });
});
