import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";

import { adminDemoSuite } from "../support/admin-demo-suite";
import { applyPreviewPage, previewUpload } from "../support/admin-import";

// New-user trial (2026-12-05), through the real /admin/import route: (1) a re-imported sheet with a column
// left blank wiped that field of every stored row — a blank cell now leaves the stored value as it is, the
// preview lists what is kept and what changes, "清空" or "-" clears, and the apply writes what the preview
// said; (2) 主导产业 "锂电池" became C38 (and merged with a C38 beside it) with nothing said — the preview now
// says each word and the code it became, and refuses a word only like an industry (docs/decisions/160).
const EMAIL = "blank-keeps-admin@example.test";
const PASSWORD = "空白-保留原值-2026";

const suite = adminDemoSuite("import_blank_keeps", EMAIL, PASSWORD);

const preview = (name: string, lines: string[] | Buffer, lng: "zh" | "en" = "zh") => previewUpload(suite, name, lines, lng);
const apply = (html: string) => applyPreviewPage(suite, html);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
/** The preview's change rows as "id:key old → new", from their data-change rows. */
const changes = (html: string) =>
  [...html.matchAll(/data-change="([^"]+)"[^]*?<del>([^<]*)<\/del>[^]*?<ins>([^<]*)<\/ins>/g)].map((m) => `${m[1]} ${m[2]} → ${m[3]}`);
const kept = (html: string, id: string) => text(new RegExp(`data-kept="${id}">([^]*?)</small>`).exec(html)?.[1] ?? "");

const SPACE_HEADERS = "编号,园区编号,类型,交易方式,名称,面积,层高（米）,承重（公斤/㎡）,配电（千伏安）,行车（吨）,租金（元/㎡/月）,状态";

describe("a blank cell of a stored row keeps its value; 清空 or - clears it; preview and apply agree", () => {
  it("the preview lists what changes, what is kept and what is cleared, and the apply writes exactly that", async () => {
    const { status, html } = await preview("空间.csv", [
      SPACE_HEADERS,
      // S1 (demo: ceiling 9, load 3000, power 800, crane 10, rent 18): a new title; power and crane cleared.
      "S1,GC-EDZ,厂房,出租,单层厂房1号（改）,4800,,,清空,-,,可租售",
      // S2: every optional cell blank — the same as stored.
      "S2,GC-MED,厂房,出租、出售,多层厂房第2层（整栋4层）,1500,,,,,,可租售",
      // A new row: a clear word is a blank cell.
      "S-NEW9,GC-EDZ,厂房,出租,新导入厂房9,3000,－,,清空,,,可租售",
    ]);
    expect(status).toBe(200);
    expect(text(html)).toContain("预览：新建 1 条，修改 1 条，不变 1 条");
    expect(changes(html).sort()).toEqual([
      "S1:craneT 10 → （清空）",
      "S1:powerKva 800 → （清空）",
      "S1:title 单层厂房1号 → 单层厂房1号（改）",
    ]);
    expect(kept(html, "S1")).toBe("空白，保留原值：层高（米） 9 · 承重（公斤/㎡） 3000 · 租金（元/㎡/月） 18");
    // S1's three and S2's four (ceiling, load, power, rent; S2 has no crane).
    expect(text(/data-testid="import-kept">([^]*?)<\/p>/.exec(html)![1])).toBe(
      "已有的行中，空白单元格不修改原有数据：7 个单元格保留原值（修改的行在下表逐行列出）。要清空某一项，请在单元格中填写“清空”或“-”。",
    );

    const before = await suite.db.sql`select * from spaces where id in ('S1', 'S2') order by id`;
    expect(text(await apply(html))).toContain("已导入：新建 1 条，修改 1 条，不变 1 条。");
    const after = await suite.db.sql`select * from spaces where id in ('S1', 'S2') order by id`;
    // What changed in the table is what the preview listed, and nothing else.
    const differs = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Object.keys(a).filter(
        (k) =>
          !["updatedAt", "version", "createdAt", "verifiedAt", "searchText"].includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
      );
    expect(differs(before[0], after[0]).sort()).toEqual(["craneT", "powerKva", "title"]);
    expect(differs(before[1], after[1])).toEqual([]);
    expect(after[0]).toMatchObject({
      title: "单层厂房1号（改）",
      ceilingM: 9,
      floorLoadKg: 3000,
      powerKva: null,
      craneT: null,
      rentYuanPerSqmMonth: 18,
    });
    const [created] = await suite.db.sql`select ceiling_m, power_kva from spaces where id = 'S-NEW9'`;
    expect(created).toEqual({ ceilingM: null, powerKva: null });
  });

  it("in English; a required cell cleared is refused at its cell", async () => {
    const en = await preview("空间.csv", [SPACE_HEADERS, "S2,GC-MED,厂房,出租、出售,多层厂房第2层（英文预览）,1500,,,,,,可租售"], "en");
    expect(en.status).toBe(200);
    expect(text(/data-testid="import-kept">([^]*?)<\/p>/.exec(en.html)![1])).toBe(
      "In rows already stored, a blank cell leaves the stored value as it is: 4 cells keep their values (changed rows list them below). To clear a value, write “清空” or “-” in its cell.",
    );
    expect(kept(en.html, "S2")).toBe(
      "Blank, kept as stored: ceiling (m) 5.4 · floor load (kg/㎡) 800 · power (kVA) 250 · rent (CNY/㎡/month) 15",
    );
    const refused = await preview("空间.csv", [SPACE_HEADERS, "S4,GC-EDZ,土地,出售,清空,12000,,,,,,可租售"]);
    expect(refused.status).toBe(400);
    expect(text(refused.html)).toContain("E（名称）清空必填，不能为空");
  });
});

describe("an id written as a number is a stored row's id", () => {
  it("a sheet without 层高 keeps the ceiling of space 101 typed as the number 101", async () => {
    const space = {
      id: "101",
      parkId: "GC-EDZ",
      kind: "factory",
      deals: ["lease"],
      title: "数字编号厂房",
      areaSqm: 2000,
      ceilingM: 8,
      status: "available",
    };
    expect((await importInventory(suite.db.sql, { parks: [], spaces: [space], recruiters: [] })).ok).toBe(true);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "面积", "状态"]);
    ws.addRow([101, "GC-EDZ", "厂房", "出租", "数字编号厂房（改）", 2000, "可租售"]);
    const { status, html } = await preview("空间.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(status).toBe(200);
    expect(changes(html)).toEqual(["101:title 数字编号厂房 → 数字编号厂房（改）"]);
  });
});

describe("industry words are said with the code they became, or refused", () => {
  const PARK_HEADERS = "编号,名称,省,市,区县,主导产业";
  it("“C38、锂电池” in the preview's notes, zh and en; stored as C38 once", async () => {
    const row = "JN-LI,锂电产业园,江苏省,南京市,江宁区,C38、锂电池";
    const zh = await preview("园区.csv", [PARK_HEADERS, row]);
    expect(zh.status).toBe(200);
    expect(text(zh.html)).toContain("园区 F2（主导产业）：主导产业：“锂电池” → C38 电气机械和器材制造业（与“C38”相同，只存一次）");
    const en = await preview("园区.csv", [PARK_HEADERS, row], "en");
    expect(text(en.html)).toContain(
      "focus industries: “锂电池” → C38 Manufacture of electrical machinery and equipment (the same as “C38”, stored once)",
    );
    await apply(en.html);
    const [park] = await suite.db.sql`select industries from parks where id = 'JN-LI'`;
    expect(park.industries).toEqual(["C38"]);
  });

  it("a word only like an industry (新能源) is refused at its cell, nothing guessed", async () => {
    const { status, html } = await preview("园区.csv", [PARK_HEADERS, "JN-NE,新能源园,江苏省,南京市,江宁区,新能源"]);
    expect(status).toBe(400);
    expect(text(html)).toContain("“新能源”不是行业代码、行业名称或产品词，不按相近的行业猜测；相近的有：C36 汽车制造业");
  });
});
