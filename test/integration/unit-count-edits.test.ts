import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { indexNames } from "../../search/index-names";
import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { validLeadForm, validLeadJson } from "../support/leads";
import { needFormOf } from "../support/need-form";
import { withoutFigureSpans } from "../support/page-text";
import { outboxDrained } from "../support/pipeline";
import { eventually, startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";
import { startTestWorker } from "../support/worker";

// What ADR 130 left of a need of several units (docs/decisions/133), through the real pipeline: the inquiry
// form's "两栋厂房，每栋3000平" matched to a park of two 3,000 ㎡ buildings; a reserved building not counted
// (nor offered); the hotline's dry run with a count; the hotline's need edit (the count box as posted, the
// notes' new area without a count, a page loaded before the box); the Excel export's count column; the
// confirmation page saying every figure read from the notes and the parts not read, zh and en.

const PREFIX = `u32${Math.random().toString(36).slice(2, 7)}_`;
const PASSWORD = "units32-秘密-2026-desk";
const TOKEN = process.env.ADMIN_API_TOKEN!;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let worker: RunningWorker;

const park = (id: string, district: string) => ({
  id,
  name: `多栋更正园${id}`,
  province: "江苏省",
  city: "南京市",
  district,
  industries: ["C38"],
  excludedIndustries: [],
});
const FACTORY = { kind: "factory", deals: ["lease"], ceilingM: 9 };
const factory = (id: string, parkId: string, areaSqm: number, status = "available") => ({
  ...FACTORY,
  id,
  parkId,
  title: `${areaSqm}平厂房${id}`,
  areaSqm,
  status,
});

beforeAll(async () => {
  db = await createTestDatabase("unit_count_edits");
  web = await startWebServer({ DATABASE_URL: db.url, MEILI_INDEX_PREFIX: PREFIX });
  worker = await startTestWorker({ databaseUrl: db.url, indexNames: indexNames(PREFIX) });
  const inv = demoInventory();
  // 浦口区: two 3,000 ㎡ buildings. 六合区: two 5,000 ㎡ available and a third reserved.
  inv.parks.push(park("VA", "浦口区"), park("VB", "六合区"));
  inv.spaces.push(
    factory("VA1", "VA", 3000),
    factory("VA2", "VA", 3000),
    factory("VB1", "VB", 5000),
    factory("VB2", "VB", 5000),
    factory("VB3", "VB", 5000, "reserved"),
  );
  const imported = await importInventory(db.sql, inv);
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  await db.sql`insert into users (email, name, role, password_hash) values
    ('desk32@example.test', '坐席', 'hotline', ${await hashPassword(PASSWORD)}),
    ('admin32@example.test', '管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  await outboxDrained(db.sql);
}, 120_000);
afterAll(async () => {
  await Promise.all([worker?.close(), web?.stop()]);
  await db?.drop();
});

let tel = 13912332000;
async function submitForm(fields: Record<string, string>, lng: "zh" | "en" = "zh") {
  const body = new URLSearchParams(validLeadForm({ submissionKey: crypto.randomUUID(), "contact.phone": String(tel++), ...fields }));
  const res = await fetch(`${web.url}/?index${lng === "en" ? "&lng=en" : ""}`, { method: "POST", body, redirect: "manual" });
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  const reference = /PM-\d{8}-\d{4,}/.exec(location)![0];
  const [{ id }] = await db.sql<{ id: string }[]>`select id from leads where reference = ${reference}`;
  return { location, id, reference };
}
async function postApi(need: Record<string, unknown>) {
  const lead = validLeadJson({ company: `南京多栋更正${tel}有限公司`, phone: String(tel++) });
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...lead, use: { industry: "C38", product: "电池" }, need: { kind: "factory", deal: "lease", ...need } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string; reference: string }).id;
}

type Reason = { zh: string; en: string };
type Match = { spaceId: string; parkId: string; conditional: boolean; reasons: Reason[] };
type View = { status: string; lead: { need: Record<string, unknown> }; matches: Match[] };
const view = async (id: string) =>
  (await (await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as View;
const matched = (id: string, done: (v: View) => boolean = (v) => v.matches.length > 0) =>
  eventually(async () => ((v: View) => (done(v) ? v : null))(await view(id)), "the lead matched");
const zhOf = (m: Match | undefined) => (m?.reasons ?? []).map((r) => r.zh).join(" / ");
const needOf = async (id: string) =>
  (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${id}`)[0].need;
const html = async (path: string) => (await fetch(`${web.url}${path}`)).text();
const text = (h: string) =>
  withoutFigureSpans(h)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("the inquiry form's '两栋厂房，每栋3000平', end to end", () => {
  it("is stored as 2 × about 3,000 ㎡, matched to the park of two 3,000 ㎡ buildings unconditionally, and said so", async () => {
    const lead = await submitForm({
      "need.areaMin": "",
      "need.areaMax": "",
      "need.regions": "浦口区",
      "need.notes": "两栋厂房，每栋3000平",
    });
    const v = await matched(lead.id);
    expect(v.lead.need).toMatchObject({ areaMinSqm: 5400, areaMaxSqm: 6600, unitCount: 2 });
    expect(v.matches.map((m) => m.spaceId)).toEqual(["VA1", "VA2"]);
    for (const m of v.matches) {
      expect(m).toMatchObject({ parkId: "VA", conditional: false });
      expect(zhOf(m)).toContain("单栋面积 3000㎡ 在需求 2700–3300㎡ 内（需2栋，本园区符合的有 2 栋）");
    }
    const page = text(await html(lead.location));
    expect(page).toContain("2栋 × 约3000㎡（共约6000㎡）");
    expect(page).not.toContain("没有自动识别为筛选条件"); // every clause read
  });
});

describe("a reserved building is not one of the park's units", () => {
  it("three 5,000 ㎡ wanted, two available and one reserved: the two offered as conditional, the reserved one not offered", async () => {
    const id = await postApi({ areaMin: 13500, areaMax: 16500, areaUnit: "sqm", unitCount: 3, regions: "六合区" });
    const v = await matched(id);
    expect(v.matches.map((m) => m.spaceId).sort()).toEqual(["VB1", "VB2"]);
    for (const m of v.matches) {
      expect(m.conditional).toBe(true);
      expect(zhOf(m)).toContain("但需3栋，本园区符合的只有 2 栋（有条件匹配）");
    }
  });
});

describe("the hotline desk", () => {
  let cookie: string;
  let csrf: string;
  const client = () => webClient(web.url);
  beforeAll(async () => {
    cookie = await client().signIn("desk32@example.test", PASSWORD);
    csrf = await client().csrfOf("/hotline", cookie);
  });
  type Preview = { state: string; matches: (Match & { areaSqm: number })[] };
  const preview = async (form: Record<string, string>) => {
    const res = await client().post("/hotline/matches", { csrf, "need.kind": "factory", "need.deal": "lease", ...form }, cookie);
    expect(res.status).toBe(200);
    return (await res.json()) as Preview;
  };

  it("the dry run of a need with a count lists the park's units with the count's reasons — typed in the box or read from the notes", async () => {
    const forms: Record<string, string>[] = [
      { "need.notes": "两栋厂房，每栋3000平", "need.regions": "浦口区" },
      { "need.areaMin": "6000", "need.unitCount": "2", "need.regions": "浦口区" },
      { "need.areaMin": "6000", "need.unitCount": "2栋", "need.regions": "浦口区" },
    ];
    for (const form of forms) {
      const p = await preview(form);
      expect(p.state, JSON.stringify(form)).toBe("done");
      expect(p.matches.map((m) => m.spaceId)).toEqual(["VA1", "VA2"]);
      for (const m of p.matches) {
        expect(m.conditional).toBe(false);
        expect(zhOf(m)).toContain("（需2栋，本园区符合的有 2 栋）");
      }
    }
    // Without the count the same total is one 6,000 ㎡ space: none in 浦口区.
    expect((await preview({ "need.areaMin": "6000", "need.regions": "浦口区" })).matches).toEqual([]);
    // The reserved third building counts no more in the dry run than in the job.
    const b = await preview({ "need.areaMin": "15000", "need.unitCount": "3", "need.regions": "六合区" });
    expect(b.matches.map((m) => m.spaceId)).toEqual(["VB1", "VB2"]);
    expect(b.matches.every((m) => m.conditional && zhOf(m).includes("本园区符合的只有 2 栋"))).toBe(true);
  });

  it("a need edit stores the count box as posted: shown filled, kept beside new area boxes, emptied when emptied", async () => {
    const id = await postApi({ areaMin: 13500, areaMax: 16500, areaUnit: "sqm", unitCount: 3, regions: "六合区" });
    const path = `/hotline/leads/${id}`;
    const form = needFormOf(await (await client().get(path, cookie)).text());
    expect(form["need.unitCount"]).toBe("3");
    const kept = await client().post(path, { ...form, "need.areaMin": "12000", "need.areaMax": "", note: "" }, cookie);
    expect(kept.status).toBe(303);
    expect(await needOf(id)).toMatchObject({ areaMinSqm: 12000, unitCount: 3 });

    const again = needFormOf(await (await client().get(path, cookie)).text());
    const emptied = await client().post(path, { ...again, "need.unitCount": "", note: "" }, cookie);
    expect(emptied.status).toBe(303);
    expect((await needOf(id)).unitCount).toBeUndefined();
  });

  it("notes added in an edit with a new area and no count clear the loaded count, and the saved message says so", async () => {
    const id = await postApi({ areaMin: 13500, areaMax: 16500, areaUnit: "sqm", unitCount: 3, regions: "六合区", notes: "要3栋" });
    const path = `/hotline/leads/${id}`;
    const form = needFormOf(await (await client().get(path, cookie)).text());
    const saved = await client().post(path, { ...form, "need.notes": "要3栋。客户来电：改成6000平", note: "" }, cookie);
    const flash = await followFlash(web.url, saved, cookie);
    expect(flash.text).toContain("几栋/几处 清空（新说的面积没有说几栋，按一处的合计面积）");
    const need = await needOf(id);
    expect(need).toMatchObject({ areaMinSqm: 5400, areaMaxSqm: 6600 });
    expect(need.unitCount).toBeUndefined();
  });

  it("a need form from a page loaded before the 几栋 box is saved (the count as it was), and a form missing another box is still refused", async () => {
    const id = await postApi({ areaMin: 4000, areaMax: 6000, areaUnit: "sqm", regions: "六合区" });
    const path = `/hotline/leads/${id}`;
    const { "need.unitCount": _gone, ...form } = needFormOf(await (await client().get(path, cookie)).text());
    // The old page's base did not carry the box either.
    const base = JSON.parse(Buffer.from(form.base, "base64url").toString("utf8")) as Record<string, unknown>;
    delete base["need.unitCount"];
    const old: Record<string, string> = { ...form, base: Buffer.from(JSON.stringify(base)).toString("base64url") };
    const saved = await client().post(path, { ...old, "need.areaMin": "7000", "need.areaMax": "9000", note: "老页面" }, cookie);
    expect(saved.status).toBe(303);
    expect(await needOf(id)).toMatchObject({ areaMinSqm: 7000, areaMaxSqm: 9000 });
    expect((await needOf(id)).unitCount).toBeUndefined();

    const { "need.regions": _r, ...noRegions } = old;
    const refused = await client().post(path, { ...noRegions, "need.areaMin": "1000", note: "" }, cookie);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("表单不完整");
    expect((await needOf(id)).areaMinSqm).toBe(7000);
  });
});

describe("the Excel lead export", () => {
  it("has the count in its own column after the area's, zh and en headers", async () => {
    const id = await postApi({ areaMin: 9000, areaMax: 11000, areaUnit: "sqm", unitCount: 2, regions: "六合区" });
    const [{ reference }] = await db.sql<{ reference: string }[]>`select reference from leads where id = ${id}`;
    const admin = await webClient(web.url).signIn("admin32@example.test", PASSWORD);
    for (const [lng, sheet, header] of [
      ["zh", "线索", "几栋/几处（多处时面积为合计）"],
      ["en", "Leads", "Buildings / units (when several, the area is their total)"],
    ] as const) {
      const res = await webClient(web.url).get(`/admin/leads/export?q=${reference}&lng=${lng}`, admin);
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const ws = book.getWorksheet(sheet)!;
      expect([6, 7, 8].map((c) => ws.getRow(1).getCell(c).value)).toEqual([
        lng === "zh" ? "最小面积（平方米）" : "Min area (m²)",
        lng === "zh" ? "最大面积（平方米）" : "Max area (m²)",
        header,
      ]);
      expect(ws.getRow(2).getCell(1).value).toBe(reference);
      expect([6, 7, 8].map((c) => ws.getRow(2).getCell(c).value)).toEqual([9000, 11000, 2]);
    }
  });
});

describe("the confirmation page says what the notes asked, read and not read", () => {
  it("层高8米以上，需要10吨行车，双回路供电，要有月台: the ceiling and crane among the requirements, the power and dock as not read (zh, en)", async () => {
    const lead = await submitForm({ "need.regions": "六合区", "need.notes": "层高8米以上，需要10吨行车，双回路供电，要有月台" });
    expect(await needOf(lead.id)).toMatchObject({ ceilingMinM: 8, craneMinT: 10 });
    const zh = text(await html(lead.location));
    expect(zh).toContain("其他要求 层高 ≥ 8m、行车 ≥ 10t");
    expect(zh).toContain("补充说明里的以下内容没有自动识别为筛选条件，没有用于匹配，招商专员会阅读并与您确认：双回路供电；要有月台。");
    const en = text(await html(`${lead.location}&lng=en`));
    expect(en).toContain("Other requirements ceiling ≥ 8 m, crane ≥ 10 t");
    expect(en).toContain("the recruiter will read them and check with you: 双回路供电; 要有月台.");
  });

  it("English notes: 'Ceiling at least 8 m' read (it was not), the dock and the power said as not read", async () => {
    const notes = "Ceiling at least 8 m, a 10-ton crane, dual power supply and a loading dock";
    const lead = await submitForm({ "need.regions": "六合区", "need.notes": notes }, "en");
    expect(await needOf(lead.id)).toMatchObject({ ceilingMinM: 8, craneMinT: 10 });
    const en = text(await html(`${lead.location}&lng=en`));
    expect(en).toContain("Other requirements ceiling ≥ 8 m, crane ≥ 10 t");
    expect(en).toContain("check with you: dual power supply; a loading dock.");
  });

  it("typed figures are said too, and notes read whole add no line", async () => {
    const lead = await submitForm({ "need.regions": "六合区", "need.ceilingMinM": "9", "need.notes": "单层，配电800kVA" });
    const zh = text(await html(lead.location));
    expect(zh).toContain("其他要求 单层、层高 ≥ 9m、配电 ≥ 800kVA");
    expect(zh).not.toContain("没有自动识别为筛选条件");
  });
});
