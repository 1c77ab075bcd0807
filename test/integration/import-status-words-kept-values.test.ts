import { describe, expect, it } from "vitest";

import { adminDemoSuite } from "../support/admin-demo-suite";
import { applyPreviewPage, previewUpload } from "../support/admin-import";

// Leftovers of the 12-05 trial and the last import helper, through the real /admin/import and POST /api/import
// (docs/decisions/169): 状态 written as park staff write it (可租, 可售, 已租 …) with the deal it says; a new park's
// minimums shown in the preview; a blank cell (or a column left out) whose stored value fails a newer rule shown
// with that value, not "（空）"; the JSON import's answer saying what each industry word became.
const EMAIL = "status-words-admin@example.test";
const PASSWORD = "可租-可售-2026";

const suite = adminDemoSuite("import_status_words", EMAIL, PASSWORD);

const preview = (name: string, lines: string[], lng: "zh" | "en" = "zh") => previewUpload(suite, name, lines, lng);
const apply = (html: string) => applyPreviewPage(suite, html);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'");
/** The error rows: [column, as typed, reason], from the errors table. */
const errorRows = (html: string) =>
  [...html.matchAll(/<tr data-import-error="">([^]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<t[dh][^>]*>([^]*?)<\/t[dh]>/g)].map((c) => text(c[1]));
    return [cells[2], cells[3], cells[4]];
  });
/** A created row's value cell `key`. */
const created = (html: string, id: string, key: string) =>
  text(new RegExp(`data-create="${id}"[^]*?data-value="${key}"[^>]*>([^]*?)</td>`).exec(html)?.[1] ?? "");

describe("状态 as park staff write it, with the deal it says", () => {
  const HEADERS = "编号,园区编号,类型,交易方式,名称,面积,状态";

  it("可租 / 可售 / 可租可售 / 待租 / 已租 / 已售 fill a blank 交易方式, are said back, and are stored so", async () => {
    const { status, html } = await preview("空间.csv", [
      HEADERS,
      "SW-1,GC-EDZ,厂房,,可租的厂房,3000,可租",
      "SW-2,GC-EDZ,厂房,,可售的厂房,3000,可售",
      "SW-3,GC-EDZ,厂房,,租售的厂房,3000,可租可售",
      "SW-4,GC-EDZ,厂房,,已租的厂房,3000,已租",
      "SW-5,GC-EDZ,厂房,,已售的厂房,3000,已售",
      "SW-6,GC-EDZ,厂房,出租、出售,待租的厂房,3000,待租",
    ]);
    expect(status).toBe(200);
    expect(text(html)).toContain("预览：新建 6 条");
    expect([1, 2, 3, 4, 5, 6].map((n) => [created(html, `SW-${n}`, "status"), created(html, `SW-${n}`, "deals")])).toEqual([
      ["可租售", "出租"],
      ["可租售", "出售"],
      ["可租售", "出售、出租"],
      ["已租售", "出租"],
      ["已租售", "出售"],
      ["可租售", "出售、出租"],
    ]);
    expect(text(html)).toContain("空间 G2（状态）：状态“可租”读作“可租售”，交易方式按它填为：出租");
    expect(text(html)).toContain("状态“已售”读作“已租售”，交易方式按它填为：出售");
    await apply(html);
    const rows = await suite.db.sql<{ id: string; status: string; deals: string[] }[]>`
      select id, status, deals from spaces where id like 'SW-%' order by id`;
    expect(rows.map((r) => [r.id, r.status, [...r.deals].sort()])).toEqual([
      ["SW-1", "available", ["lease"]],
      ["SW-2", "available", ["buy"]],
      ["SW-3", "available", ["buy", "lease"]],
      ["SW-4", "let", ["lease"]],
      ["SW-5", "let", ["buy"]],
      ["SW-6", "available", ["buy", "lease"]],
    ]);
  });

  it("a word that disagrees with 交易方式 — typed or kept from the stored row — and 在租 are refused at 状态, nothing written", async () => {
    const { status, html } = await preview("空间.csv", [
      HEADERS,
      "SW-7,GC-EDZ,厂房,出租,写错的厂房,3000,可售",
      "SW-8,GC-EDZ,厂房,出租,在租的厂房,3000,在租",
      // S1 is stored for lease; its 交易方式 cell is blank (kept), its 状态 says for sale.
      "S1,,,,,,可售",
    ]);
    expect(status).toBe(400);
    expect(errorRows(html)).toEqual([
      ["G（状态）", "可售", "状态“可售”表示可以出售，与交易方式“出租”不一致：请改正其中一项（状态也可写“可租售”，租售以交易方式为准）"],
      ["G（状态）", "在租", "“在租”既可指正在招租，也可指已经租出，无法判断：正在招租请写“可租”，已经租出请写“已租”"],
      [
        "G（状态）",
        "可售",
        "状态“可售”表示可以出售，与交易方式“出租”（交易方式未填，沿用原值）不一致：请在交易方式一栏写明租售，或改正状态",
      ],
    ]);
    const en = await preview("空间.csv", [HEADERS, "SW-8,GC-EDZ,厂房,出租,在租的厂房,3000,在租"], "en");
    expect(errorRows(en.html)[0][2]).toBe(
      "“在租” is said both of a space on offer for lease and of one already let: write 可租 (for lease) or 已租 (let)",
    );
    expect((await suite.db.sql`select 1 from spaces where id in ('SW-7', 'SW-8')`).length).toBe(0);
    const [s1] = await suite.db.sql<{ deals: string[] }[]>`select deals from spaces where id = 'S1'`;
    expect(s1.deals).toEqual(["lease"]);
  });
});

describe("a stored value a blank cell keeps, failing a newer rule, is shown with its value", () => {
  it("a blank cell and a column left out: the stored value, and how to change or clear it (zh, en); 清空 clears it", async () => {
    // A land plot stored with a ceiling, before land had no ceiling (docs/decisions/103).
    await suite.db.sql`update spaces set ceiling_m = 6 where id = 'S3'`;
    const blank = await preview("空间.csv", ["编号,名称,层高（米）", "S3,,"]);
    expect(blank.status).toBe(400);
    expect(errorRows(blank.html)).toEqual([
      [
        "C（层高（米））",
        "（空），沿用原值：6",
        "类型为土地：土地没有层高，请留空此项（若是厂房、仓库等建筑，请改选类型）（此格空白，沿用了原值 6：要改请填写新值，要清除请填写“清空”或“-”）",
      ],
    ]);
    const en = await preview("空间.csv", ["编号,名称,层高（米）", "S3,,"], "en");
    expect(errorRows(en.html)[0].slice(1)).toEqual([
      "(blank), keeps the stored value: 6",
      "the kind is land: land has no ceiling height; leave it blank (a factory, warehouse or other building: change the kind) (the cell is blank and keeps the stored value 6: write a new value to change it, or “清空” or “-” to clear it)",
    ]);
    const absent = await preview("空间.csv", ["编号,名称", "S3,"]);
    expect(absent.status).toBe(400);
    expect(errorRows(absent.html)).toEqual([
      [
        "层高（米）",
        "（无此列），沿用原值：6",
        "类型为土地：土地没有层高，请留空此项（若是厂房、仓库等建筑，请改选类型）（文件中没有这一列，沿用了原值 6：要改请加上这一列并填写新值，要清除请在其中填写“清空”或“-”）",
      ],
    ]);
    const cleared = await preview("空间.csv", ["编号,名称,层高（米）", "S3,,清空"]);
    expect(cleared.status).toBe(200);
    expect(cleared.html).toContain('data-change="S3:ceilingM"');
  });

  it("a new row's blank cell is still （空）", async () => {
    const { html } = await preview("空间.csv", ["编号,园区编号,类型,交易方式,名称,面积,状态", "SW-9,GC-EDZ,厂房,出租,,3000,可租售"]);
    expect(errorRows(html)).toEqual([["E（名称）", "（空）", "必填，不能为空"]]);
  });
});

describe("a new park's minimums in the preview, as stored with their units", () => {
  const HEADERS = "编号,名称,省,市,区县,主导产业,禁入产业,亩均税收门槛（万元/亩）,投资强度门槛（万元/亩）,每千平方米税收门槛（万元）";
  const ROW = "TH-1,门槛园,江苏省,南京市,江宁区,C33,C26,每亩30万,300万元/亩,20万元/千平方米";

  it("zh and en; a changed park's values say them too", async () => {
    const zh = await preview("园区.csv", [HEADERS, ROW]);
    expect(zh.status).toBe(200);
    expect(created(zh.html, "TH-1", "thresholds")).toBe("亩均税收门槛 30 万元/亩；投资强度门槛 300 万元/亩；每千平方米税收门槛 20 万元");
    expect(created(zh.html, "TH-1", "excluded")).toBe("C26");
    const en = await preview("园区.csv", [HEADERS, ROW], "en");
    expect(created(en.html, "TH-1", "thresholds")).toBe(
      "min tax per mu CNY\u00a0300,000/mu; min investment per mu CNY\u00a03\u00a0million/mu; min tax per 1000\u00a0㎡ CNY\u00a0200,000",
    );
    // GC-EDZ (demo: 25, 300, 20) with a new name: its values under the change.
    const changed = await preview("园区.csv", ["编号,名称,省,主导产业", "GC-EDZ,改名的园区,,"]);
    expect([changed.status, errorRows(changed.html)]).toEqual([200, []]);
    expect(text(/data-values="GC-EDZ">([^]*?)<\/small>/.exec(changed.html)![1])).toContain(
      "亩均税收门槛 25 万元/亩；投资强度门槛 300 万元/亩；每千平方米税收门槛 20 万元",
    );
  });
});

describe("POST /api/import says what each industry word became", () => {
  const post = (body: unknown, lng: string) =>
    fetch(`${suite.web.url}/api/import?lng=${lng}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
      body: JSON.stringify(body),
    });
  const park = { id: "JS-LI", name: "锂电园", province: "江苏省", city: "南京市", district: "江宁区", excludedIndustries: [] };

  it("`readAs` by row in the caller's language; the counts and warnings as before; nothing when every item is a code", async () => {
    const res = await post({ parks: [{ ...park, industries: ["锂电池", "C38"] }] }, "zh");
    expect(res.status).toBe(200);
    const zh = await res.json();
    expect(zh.counts.parks).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(zh.readAs).toEqual([
      {
        collection: "parks",
        index: 0,
        id: "JS-LI",
        notes: ["industries：主导产业：“锂电池” → C38 电气机械和器材制造业；“C38” → C38 电气机械和器材制造业（与“锂电池”相同，只存一次）"],
      },
    ]);
    expect(zh.warnings).toEqual([expect.stringContaining("JS-LI（锂电园）")]); // the uncovered park, as before
    const en = await (await post({ parks: [{ ...park, industries: ["锂电池"] }] }, "en")).json();
    expect(en.readAs[0].notes).toEqual(["industries: focus industries: “锂电池” → C38 Manufacture of electrical machinery and equipment"]);
    const codes = await (await post({ parks: [{ ...park, industries: ["C38"] }] }, "zh")).json();
    expect(codes).not.toHaveProperty("readAs");
    const [stored] = await suite.db.sql<{ industries: string[] }[]>`select industries from parks where id = 'JS-LI'`;
    expect(stored.industries).toEqual(["C38"]);
  });
});
