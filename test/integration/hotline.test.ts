import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { HOTLINE_CONSENT_SCRIPT } from "~/domain/privacy-notice";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";
import { getLeadView } from "~/leads/lead-view.server";
import { createMailer } from "~/notify/mailer.server";

import { createSearchClient } from "../../search/client";
import { indexNames } from "../../search/index-names";
import { reindexAll } from "../../search/reindex";
import { deliverNotices } from "../../worker/deliver-notices";
import type { JobContext } from "../../worker/job-context";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { needFormOf } from "../support/need-form";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// The hotline desk: the call tasks the system creates (hand-over to a hotline recruiter, call-back of
// an unmatched enterprise), worked from /hotline with an outcome per call.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let ctx: JobContext;
const PASSWORD = "hotline-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("hotline");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)}),
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
  ctx = {
    sql: db.sql,
    search: createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!),
    indexNames: { leads: "unused", spaces: "unused", parks: "unused" },
    mailer: createMailer({ outboxDir: mkdtempSync(join(tmpdir(), "pm-hotline-")) }),
    appUrl: "http://localhost",
    routing: { slaMinutes: 120, noticeFallbackMs: 90_000 },
    noticeRetry: { budgetMs: 3_600_000, baseMs: 100, capMs: 1_000 },
    sendLeaseMs: 12_000,
  };
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** A lead routed as the worker would: matched to a 东坝 (GC-DB) space → R2, who works by phone; or matched nowhere. */
async function routed(company: string, park: "GC-DB" | null): Promise<{ leadId: string; reference: string }> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company }));
  const { id, reference } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  if (park) {
    const [space] = await db.sql<{ id: string }[]>`select id from spaces where park_id = ${park} order by id limit 1`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${id}, ${space.id}, ${park}, 70, ${db.sql.json([{ zh: "面积合适", en: "size fits", kind: "fit" }] as never)}, 'lead')`;
  }
  const { notices } = await db.sql.begin((tx) => routeLead(tx, id, ctx.routing));
  await deliverNotices(ctx, notices); // the hand-over task, as the worker creates it
  return { leadId: id, reference };
}

const post = (path: string, form: Record<string, string>, cookie?: string) => webClient(web.url).post(path, form, cookie);
async function signIn(email: string): Promise<{ cookie: string; location: string }> {
  const res = await post("/login", { email, password: PASSWORD });
  expect(res.status).toBe(303);
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0], location: res.headers.get("location") ?? "" };
}
const page = async (cookie: string, path = "/hotline") =>
  (await fetch(`${web.url}${path}`, { redirect: "manual", headers: { cookie } })).text();
const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
const taskOf = async (leadId: string, kind: string) =>
  (
    await db.sql<{ id: string; status: string; dueLater: boolean; attempts: number }[]>`
    select id, status, due_at > now() + interval '20 minutes' as due_later, attempts from call_tasks where lead_id = ${leadId} and kind = ${kind}`
  )[0];

describe("/hotline", () => {
  it("is for hotline staff (and admins): signed out → /login, a recruiter → 403; hotline staff land on it after signing in", async () => {
    const signedOut = await fetch(`${web.url}/hotline`, { redirect: "manual" });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe("/login?next=%2Fhotline");
    const recruiter = await signIn("zhoumin@example.test");
    expect((await fetch(`${web.url}/hotline`, { redirect: "manual", headers: { cookie: recruiter.cookie } })).status).toBe(403);
    expect((await signIn("desk@example.test")).location).toBe("/hotline");
  });

  it("shows on a lead's page where each recruiter stands with it, not only the lead's 已分配", async () => {
    const { leadId } = await routed("南京热线进度查询机械有限公司", "GC-DB");
    await db.sql`update assignments set status = 'visit' where lead_id = ${leadId}`;
    const [{ name }] = await db.sql<{ name: string }[]>`
      select r.name from assignments a join recruiters r on r.id = a.recruiter_id where a.lead_id = ${leadId}`;
    const { cookie } = await signIn("desk@example.test");
    const zh = await page(cookie, `/hotline/leads/${leadId}`);
    expect(zh).toContain(`${name}（已考察）`);
    expect(await page(cookie, `/hotline/leads/${leadId}?lng=en`)).toContain(`${name} (Site visit)`);
    await db.sql`update assignments set status = 'lost' where lead_id = ${leadId}`;
    expect(await page(cookie, `/hotline/leads/${leadId}`)).toContain(`${name}（已流失）`);
  });

  it("lists the hand-over (the recruiter's phone, the script) and the call-back (the enterprise's phone), due now", async () => {
    const handover = await routed("南京热线转交机械有限公司", "GC-DB");
    const callback = await routed("南京热线回访机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const html = await page(cookie);
    expect(html).toContain("转交专员");
    expect(html).toContain("回访企业");
    expect(html).toContain('href="tel:13900000002"'); // R2, the hotline recruiter (national digits: telHref)
    expect(html).toContain('href="tel:13812345678"'); // the enterprise
    expect(html).toContain(`转交线索 ${handover.reference}`);
    expect(html).toContain(`回访 ${callback.reference}`);
    expect(html).toMatch(/data-due="now"/);
    // The English desk reads the scripts in English (they were written in Chinese only when the task opened).
    const en = await page(cookie, "/hotline?lng=en");
    expect(en).toContain(`hand over lead ${handover.reference}`);
    expect(en).toContain(`Call back ${callback.reference}`);
    expect(en).not.toContain(`回访 ${callback.reference}`);
    expect(en).not.toContain(`转交线索 ${handover.reference}`);
  });

  it("looks up a caller as the number is typed, however it is written: their leads (phone masked) and recruiters, or nobody", async () => {
    const { reference } = await routed("南京老客户查询机械有限公司", "GC-DB");
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    // Posted, so the number stays out of URLs and access logs.
    const lookUp = async (phone: string) => {
      const res = await post("/hotline/callers", { "contact.phone": phone, csrf }, cookie);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain("13812345678"); // the list never shows a full number
      return JSON.parse(text) as {
        state: string;
        leads: { reference: string; recruiters: string[]; phoneMasked: string; matchedBy: string[] }[];
      };
    };
    const known = await lookUp("+86 138-1234-５６７８");
    expect(known.state).toBe("done");
    expect(known.leads[0]).toMatchObject({ reference, phoneMasked: "+86 138****5678", matchedBy: ["phone"] });
    expect(known.leads[0].recruiters).toContain("吴昊（示例）"); // R2, who has it
    // Pasted from a phone's contacts (bidi marks around it), with a trunk 0 or a note after it: the same caller.
    for (const typed of ["\u202D+86 138 1234 5678\u202C", "0 138 1234 5678（微信同号）"])
      expect((await lookUp(typed)).leads.map((l) => l.reference)).toContain(reference);
    expect(await lookUp("13900000999")).toMatchObject({ state: "done", leads: [] });
    expect(await lookUp("1234")).toEqual({ state: "typing", leads: [] }); // too little to say anything yet
    expect((await post("/hotline/callers", { "contact.phone": "13900000999" }, cookie)).status).toBe(403); // no CSRF token
  });

  // Two agents on one lead: B sets the ceiling, then A saves the page A opened earlier with a power figure.
  // A's save silently dropped B's ceiling.
  // The desk has no region picker: regions are typed. "lishui" (丽水 or 溧水) was refused only at the
  // save, after the caller had hung up; the live preview now names it at once, with the suggestions.
  it("a typed region that does not resolve is named by the live preview at once, with suggestions, in the desk's language", async () => {
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    const preview = async (form: Record<string, string>, lng = "zh") => {
      const res = await post(`/hotline/matches?lng=${lng}`, { ...form, csrf }, cookie);
      expect(res.status).toBe(200);
      return (await res.json()) as { state: string; regionProblems?: string[] };
    };
    // Either order: the parks' districts (南京, imported after the web started) put 溧水 first once the web
    // has read them, at start and every minute (ADR 113).
    expect(await preview({ "need.regions": "lishui" })).toMatchObject({
      state: "hint",
      regionProblems: [
        expect.stringMatching(
          /^“lishui”有多个同名区域，请加上省市名称：(?:浙江省丽水市、江苏省南京市溧水区|江苏省南京市溧水区、浙江省丽水市)$/,
        ),
      ],
    });
    const fix = await preview({ "need.kind": "factory", "need.regions": "高淳、高纯区" });
    expect(fix.state).toBe("fix");
    expect(fix.regionProblems).toEqual([expect.stringMatching(/^未能识别区域“高纯区”.*江苏省南京市高淳区/)]);
    expect((await preview({ "need.regions": "lishui" }, "en")).regionProblems).toEqual([
      expect.stringMatching(/^Several regions are called “lishui”; add the province or city: .*江苏省南京市溧水区/),
    ]);
    expect(await preview({ "need.regions": "江苏省南京市溧水区" })).not.toHaveProperty("regionProblems");
    // Without JavaScript the "show matches" submit renders the same words in the panel.
    const formKey = /name="formKey" value="([^"]+)"/.exec(await page(cookie))![1];
    const res = await post("/hotline", { csrf, formKey, intent: "preview", "need.kind": "factory", "need.regions": "lishui" }, cookie);
    expect(await res.text()).toMatch(/data-testid="region-problems"[^]*?“lishui”有多个同名区域/);
  });

  // places33's leftover: the public form offered each suggestion as a button (ADR 140), the desk only named them, so
  // the agent retyped "江苏省南京市浦口区" while the caller waited. The preview now gives the box with each fix.
  it("the live preview offers each suggestion as the regions box to take, the other names kept; without JavaScript a press previews it", async () => {
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    type Fixes = { state: string; regionProblems?: string[]; regionFixes?: { label: string; value: string }[] };
    const preview = async (form: Record<string, string>, lng = "zh") => {
      const res = await post(`/hotline/matches?lng=${lng}`, { ...form, csrf }, cookie);
      expect(res.status).toBe(200);
      return (await res.json()) as Fixes;
    };
    const typo = await preview({ "need.kind": "factory", "need.regions": "江宁、浦扣" });
    expect(typo.regionFixes?.map((f) => f.value)).toContain("江宁、江苏省南京市浦口区");
    expect(typo.regionFixes?.find((f) => f.value === "江宁、江苏省南京市浦口区")?.label).toMatch(/江苏省南京市浦口区.*浦扣/);
    const both = await preview({ "need.regions": "lishui" });
    expect(both.regionFixes?.map((f) => f.value).sort()).toEqual(["江苏省南京市溧水区", "浙江省丽水市"]);
    const english = await preview({ "need.regions": "lishui" }, "en");
    expect(english.regionFixes?.map((f) => f.label).join(" | ")).toMatch(/Lishui District, Nanjing, Jiangsu \(江苏省南京市溧水区\)/);
    expect(await preview({ "need.regions": "江苏省南京市浦口区" })).not.toHaveProperty("regionFixes");
    expect(await preview({ "need.regions": "火星" })).not.toHaveProperty("regionFixes"); // nothing near: named, no button
    // Without JavaScript: the button submits the lead form with the fixed box; the desk comes back previewing it, nothing stored.
    const formKey = /name="formKey" value="([^"]+)"/.exec(await page(cookie))![1];
    const before = await db.sql`select count(*)::int as n from leads`;
    const res = await post(
      "/hotline",
      {
        csrf,
        formKey,
        "need.kind": "factory",
        "need.regions": "江宁、浦扣",
        "contact.name": "陈工",
        regionFix: "江宁、江苏省南京市浦口区",
      },
      cookie,
    );
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(
      /name="need.regions"[^>]*value="江宁、江苏省南京市浦口区"|value="江宁、江苏省南京市浦口区"[^>]*name="need.regions"/,
    );
    expect(html).toMatch(/value="陈工"/); // the rest as typed
    expect(html).not.toMatch(/data-testid="region-problems"/);
    expect((await db.sql`select count(*)::int as n from leads`)[0].n).toBe(before[0].n);
  });

  // A factory of "5000" keyed in with 亩 chosen was 333万 ㎡ and said nothing until a recruiter read the
  // lead after the call (docs/decisions/084): the preview says it while the caller is on the line.
  it("the live preview names an area unlikely for the kind, and notes that say another area, in the desk's language", async () => {
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    const preview = async (form: Record<string, string>, lng = "zh") => {
      const res = await post(`/hotline/matches?lng=${lng}`, { "need.kind": "factory", ...form, csrf }, cookie);
      expect(res.status).toBe(200);
      return (await res.json()) as { state: string; areaChecks?: string[] };
    };
    expect((await preview({ "need.areaUnit": "mu", "need.areaMin": "5000" })).areaChecks).toEqual([
      "面积与需求类型不符，可能填错了单位（亩/平方米），请与企业核实：5000亩 = 3333333.33㎡",
    ]);
    expect((await preview({ "need.areaMin": "2000", "need.areaMax": "3000", "need.notes": "其实要50亩地" }, "en")).areaChecks).toEqual([
      "The notes give another area than the area fields, please check with the enterprise: 50亩 ≠ 2000–3000㎡",
    ]);
    expect(await preview({ "need.areaMin": "2000", "need.areaMax": "3000" })).not.toHaveProperty("areaChecks");
    const formKey = /name="formKey" value="([^"]+)"/.exec(await page(cookie))![1];
    const res = await post("/hotline", { csrf, formKey, intent: "preview", "need.kind": "factory", "need.areaMin": "30" }, cookie);
    expect(await res.text()).toMatch(/data-testid="area-checks"[^]*?面积等请趁来电人还在线时确认[^]*?30㎡/);
  });

  // The new user's notes named 高淳, the saved lead had regions [] and was matched anywhere; and the
  // preview said only "no space fits" while the saved lead listed near misses worth offering on the call.
  const NOTES = "要5000平单层厂房，层高8米5，在高淳，明年3月前入驻，需要2台500kva变压器";
  type Answer = {
    state: string;
    matches: { spaceId: string }[];
    nearMisses?: { spaceId: string; reasons: { zh: string; en: string }[] }[];
    places?: { notes: string; understood: string; unread: string };
  };

  it("the preview says which district the notes' place fills, and lists the near misses apart, with their reasons, in both languages", async () => {
    // The demo spaces in an index of this test's own (the desk's web server told its prefix), as the worker keeps it.
    const prefix = `hlnear${Math.random().toString(36).slice(2, 8)}_`;
    await reindexAll(db.sql, ctx.search, indexNames(prefix));
    const indexed = await startWebServer({ DATABASE_URL: db.url, MEILI_INDEX_PREFIX: prefix });
    onTestFinished(() => indexed.stop());
    const client = webClient(indexed.url);
    const cookie = await client.signIn("desk@example.test", PASSWORD);
    const csrf = await client.csrfOf("/hotline", cookie);
    const page = async (c: string) => (await fetch(`${indexed.url}/hotline`, { redirect: "manual", headers: { cookie: c } })).text();
    const post = (path: string, form: Record<string, string>, c?: string) => client.post(path, form, c);
    const preview = async (form: Record<string, string>, lng = "zh") => {
      const res = await post(`/hotline/matches?lng=${lng}`, { "need.kind": "factory", ...form, csrf }, cookie);
      expect(res.status).toBe(200);
      return (await res.json()) as Answer;
    };
    const zh = await preview({ "need.notes": NOTES });
    expect(zh.places).toEqual({ notes: NOTES, understood: "意向区域 江苏省南京市高淳区", unread: "" });
    // Nothing fits in 高淳 (S1 has 800 kVA, S5 an 8 m ceiling), and nothing elsewhere is offered: the region was read.
    expect(zh).toMatchObject({ state: "done", matches: [] });
    const near = Object.fromEntries((zh.nearMisses ?? []).map((m) => [m.spaceId, m.reasons.map((r) => r.zh)]));
    expect(near.S5).toEqual(["层高 8m < 需求 8.5m"]);
    expect(near.S1).toEqual(["配电 800kVA < 需求 1000kVA"]);
    expect(Object.keys(near)).not.toContain("S8"); // 溧水: not near, two rules off
    const en = await preview({ "need.notes": NOTES }, "en");
    expect(en.places?.understood).toMatch(/^districts Gaochun District, Nanjing, Jiangsu \(江苏省南京市高淳区\)$/);
    expect(en.nearMisses?.find((m) => m.spaceId === "S5")?.reasons[0].en).toBe("Ceiling height 8m < required 8.5m");

    // With a match: the near miss still shows, apart.
    const some = await preview({ "need.notes": "在高淳，层高8米5", "need.areaMin": "4000", "need.areaMax": "6000" });
    expect(some.matches.map((m) => m.spaceId)).toEqual(["S1"]);
    expect(some.nearMisses?.map((m) => m.spaceId)).toContain("S5");

    // An ambiguous place and an unknown one are named, not guessed; a typed regions field wins over the notes.
    const gulou = await preview({ "need.notes": "在高淳或者鼓楼，5000平" });
    expect(gulou.places?.understood).toBe("");
    expect(gulou.places?.unread).toMatch(/^地点 高淳、鼓楼 未填入意向区域.*“鼓楼”有多个同名区域.*江苏省南京市鼓楼区/);
    // …and the places the notes want that the box leaves out are said (ADR 113 amended: nothing dropped unseen).
    expect((await preview({ "need.notes": NOTES, "need.regions": "溧水区" })).places).toEqual({
      notes: NOTES,
      understood: "",
      unread: "备注中的地点 高淳 不在所填意向区域里：按所填的意向区域匹配，如也要这些地点，请加到意向区域",
    });

    // Without JavaScript the "show matches" submit renders the near misses in the panel, under their own heading.
    const formKey = /name="formKey" value="([^"]+)"/.exec(await page(cookie))![1];
    const res = await post("/hotline", { csrf, formKey, intent: "preview", "need.kind": "factory", "need.notes": NOTES }, cookie);
    const html = await res.text();
    expect(html).toContain("暂时没有完全符合这项需求的空间");
    expect(html).toMatch(/data-testid="near-misses"[^]*?相近但不符合[^]*?层高 8m &lt; 需求 8.5m/);
    expect(html).toContain("意向区域 江苏省南京市高淳区");
  });

  it("saving fills blank regions from the notes' places when each names one district, and never guesses an ambiguous one", async () => {
    const { cookie } = await signIn("desk@example.test");
    const save = async (phone: string, company: string, need: Record<string, string>) => {
      const html = await page(cookie);
      const form = { csrf: csrfIn(html), formKey: /name="formKey" value="([^"]+)"/.exec(html)![1], intent: "save" };
      const res = await post(
        "/hotline",
        {
          ...form,
          "contact.phone": phone,
          "company.name": company,
          "contact.name": "王经理",
          "need.kind": "factory",
          consent: "on",
          ...need,
        },
        cookie,
      );
      expect(res.status).toBe(303);
      const [row] = await db.sql<{ need: Record<string, unknown>; flags: unknown[]; assist: unknown[] }[]>`
        select lead->'need' as need, lead->'flags' as flags, assist from leads where company_name = ${company}`;
      return row;
    };
    const gaochun = await save("13700004441", "南京热线高淳地区机械有限公司", { "need.notes": NOTES });
    expect(gaochun.need).toMatchObject({ regions: ["高淳"], regionCodes: ["320118"], ceilingMinM: 8.5, powerMinKva: 1000 });
    expect(gaochun.assist).toContainEqual({ field: "need.regions", value: "320118", text: "高淳" });
    const both = await save("13700004442", "南京热线两区机械有限公司", { "need.notes": "在高淳區或者溧水，5000平" });
    // A place written in Traditional: the list by its standard names, each of them (docs/decisions/203).
    expect(both.need).toMatchObject({ regions: ["高淳区", "溧水区"], regionCodes: ["320117", "320118"] });
    const typed = await save("13700004443", "南京热线已填区域机械有限公司", { "need.notes": NOTES, "need.regions": "江宁区" });
    expect(typed.need).toMatchObject({ regions: ["江宁区"], regionCodes: ["320115"] });
    const gulou = await save("13700004444", "南京热线鼓楼机械有限公司", { "need.notes": "在鼓楼，5000平" });
    expect(gulou.need).toMatchObject({ regions: [], regionCodes: [] });
    expect(gulou.flags).toContainEqual({ field: "need.notes", code: "unread", text: "鼓楼" });
  });

  it("a need saved after the lead was won meanwhile: nothing changed, the call note kept on the lead, the typing back with the reason", async () => {
    const { leadId } = await routed("南京热线已成交改需求机械有限公司", null);
    await db.sql`update outbox set done_at = now() where aggregate_id = ${leadId} and done_at is null`;
    const { cookie } = await signIn("desk@example.test");
    const leadPage = await page(cookie, `/hotline/leads/${leadId}`);
    const before = (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${leadId}`)[0].need;
    await db.sql`update leads set status = 'won' where id = ${leadId}`;
    for (const note of ["客户说面积要扩大到6000平", ""]) {
      const res = await post(
        `/hotline/leads/${leadId}`,
        { ...needFormOf(leadPage), "need.areaMax": "6000", note, csrf: csrfIn(leadPage) },
        cookie,
      );
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toMatch(/name="need.areaMax"[^>]*value="6000"|value="6000"[^>]*name="need.areaMax"/);
      expect(html).toContain(note ? "您写的通话记录已保存在线索上" : "您填写的内容仍在下面");
      if (note) expect(html).toContain(note);
    }
    expect(
      (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${leadId}`)[0].need,
    ).toEqual(before);
    expect(await db.sql`select body, source from lead_notes where lead_id = ${leadId}`).toEqual([
      { body: "客户说面积要扩大到6000平", source: "hotline" },
    ]);
    expect(await db.sql`select 1 from outbox where topic = 'lead.match' and aggregate_id = ${leadId} and done_at is null`).toHaveLength(0);
  });

  it("a need saved from a page opened before another agent's change keeps that change (ADR 091)", async () => {
    const { leadId } = await routed("南京热线同时修改机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const baseIn = (html: string) => /name="base" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const pageA = await page(cookie, `/hotline/leads/${leadId}`);
    const pageB = await page(cookie, `/hotline/leads/${leadId}`);
    const csrf = csrfIn(pageA);
    const need = { intent: "need", "need.kind": "factory", "need.areaMin": "4000", "need.regions": "高淳区", csrf };
    const saveB = await post(
      `/hotline/leads/${leadId}`,
      { ...needFormOf(pageB), ...need, "need.ceilingMinM": "9", base: baseIn(pageB), note: "" },
      cookie,
    );
    expect(saveB.status).toBe(303);

    // A's page as a browser sends it: what it was filled with, and the power A typed.
    const saveA = await post(`/hotline/leads/${leadId}`, { ...needFormOf(pageA), "need.powerMinKva": "800", csrf, note: "" }, cookie);
    expect(saveA.status).toBe(303);
    const needOf = async () =>
      (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${leadId}`)[0].need;
    expect(await needOf()).toMatchObject({ ceilingMinM: 9, powerMinKva: 800 });
  });

  // Tab 1 set the minimum area, tab 2 (opened before) changed only the deal, got 409, saved again: the area
  // went back to what tab 2 had loaded, and nothing said which fields the other agent had changed.
  it("two tabs on one need: each save writes only what its tab changed; a field both changed is named with both values, then overwritten on purpose", async () => {
    const { leadId } = await routed("南京热线两个页签机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie, `/hotline/leads/${leadId}`));
    const open = async () => {
      const html = await page(cookie, `/hotline/leads/${leadId}`);
      return needFormOf(html);
    };
    const save = (tab: Record<string, string>, over: Record<string, string>) =>
      post(`/hotline/leads/${leadId}`, { ...tab, ...over, csrf, note: "" }, cookie);
    const needOf = async () =>
      (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${leadId}`)[0].need;
    const tab1 = await open();
    const tab2 = await open();
    expect((await save(tab1, { "need.areaMin": "6000", "need.areaUnit": "sqm" })).status).toBe(303);
    expect(await needOf()).toMatchObject({ areaMinSqm: 6000 });
    expect((await save(tab2, { "need.deal": "lease" })).status).toBe(303);
    expect(await needOf()).toMatchObject({ areaMinSqm: 6000, deal: "lease" });

    const tab3 = await open();
    const tab4 = await open();
    // Tab 3 also changes what tab 4 does not touch: the crane and the notes.
    expect((await save(tab3, { "need.powerMinKva": "800", "need.craneMinT": "5", "need.notes": "对方补充：要有停车场" })).status).toBe(303);
    const stale = await save(tab4, { "need.powerMinKva": "1250", "need.ceilingMinM": "10" });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("对方已保存为：800；本页为：1250");
    expect(await needOf()).toMatchObject({ powerMinKva: 800 });
    expect((await needOf()).ceilingMinM).toBe(Number(tab4["need.ceilingMinM"]) || undefined);
    // The refused page (ADR 092): what tab 3 saved shows in the fields tab 4 did not touch, and is named;
    // tab 4's own typing stays — the conflicting power and the ceiling no one else changed.
    const shown = needFormOf(html);
    expect(shown).toMatchObject({
      "need.craneMinT": "5",
      "need.notes": "对方补充：要有停车场",
      "need.powerMinKva": "1250",
      "need.ceilingMinM": "10",
    });
    expect(html).toContain(
      "以下是对方在此期间保存、您没有改过的项，下面已显示为现在保存的值：行车（吨）不低于：5；补充说明：对方补充：要有停车场。",
    );
    // Saving the page as shown writes tab 4's two changes and keeps all of tab 3's.
    expect((await save(shown, {})).status).toBe(303);
    expect(await needOf()).toMatchObject({
      powerMinKva: 1250,
      ceilingMinM: 10,
      craneMinT: 5,
      notes: "对方补充：要有停车场",
      areaMinSqm: 6000,
      deal: "lease",
    });
  });

  // The notes said 层高9米 and 配电1000千伏安; the agent emptied both and saved: the assist read them from
  // the notes again, and the page said the need was updated.
  it("a field the agent empties on an edit stays empty although the notes name it; a field never filled is still read from the notes", async () => {
    const notes = "约5000平，在溧水，层高9米，承重3吨，配电1000千伏安，要单层，明年3月前入驻";
    const parsed = createLeadSchema("zh", "hotline").parse({
      ...validLeadJson({ company: "南京热线清空字段机械有限公司" }),
      need: { kind: "factory", notes, areaMin: "", areaMax: "", regions: [] },
    });
    const { id } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
    const needOf = async () =>
      (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${id}`)[0].need;
    expect(await needOf()).toMatchObject({ ceilingMinM: 9, powerMinKva: 1000, floorLoadMinKg: 3000, singleStorey: true, areaMinSqm: 4500 }); // 约5000平: about
    expect((await needOf()).moveInBy).toBeTruthy();
    expect((await needOf()).regionCodes).toEqual(["320117"]); // 溧水区

    const { cookie } = await signIn("desk@example.test");
    const sent = needFormOf(await page(cookie, `/hotline/leads/${id}`));
    expect(sent).toMatchObject({ "need.ceilingMinM": "9", "need.powerMinKva": "1000" });
    const emptied = {
      ...sent,
      "need.ceilingMinM": "",
      "need.powerMinKva": "",
      "need.areaMin": "",
      "need.areaMax": "",
      "need.regions": "",
      "need.moveInBy": "",
    };
    delete (emptied as Record<string, string>)["need.singleStorey"];
    const saved = await post(`/hotline/leads/${id}`, { ...emptied, note: "层高和配电都不要求了" }, cookie);
    expect(saved.status, await saved.clone().text()).toBe(303);
    const after = await needOf();
    for (const field of ["ceilingMinM", "powerMinKva", "areaMinSqm", "areaMaxSqm", "moveInBy", "singleStorey"])
      expect(after[field], field).toBeUndefined();
    expect(after).toMatchObject({ floorLoadMinKg: 3000, regionCodes: [] });
    // The edit's memory of what was emptied is kept with the need, but the lead's view (API, admin) shows no such field.
    expect(after.keptBlank).toEqual(expect.arrayContaining(["ceilingMinM", "powerMinKva"]));
    expect((await getLeadView(db.sql, id))?.lead.need).not.toHaveProperty("keptBlank");
    const shown = needFormOf(await page(cookie, `/hotline/leads/${id}`));
    expect(shown).toMatchObject({ "need.ceilingMinM": "", "need.powerMinKva": "" });

    // Notes that now name a figure the need never had: read as at intake.
    const more = await post(`/hotline/leads/${id}`, { ...shown, "need.notes": `${notes}，吊车10吨`, note: "" }, cookie);
    expect(more.status).toBe(303);
    expect(await needOf()).toMatchObject({ craneMinT: 10 });
    expect((await needOf()).ceilingMinM).toBeUndefined();
  });

  // A Meilisearch that takes the connection and never answers held every keystroke's lookup for the
  // client's 10 s: a person's searches give up after PERSON_WAIT_MS (2 s) and the desk says so.
  it("with search hung, the caller lookup and the match preview answer 'unavailable' within seconds", async () => {
    const sockets: Socket[] = [];
    const hung = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    const slow = await startWebServer({ DATABASE_URL: db.url, MEILI_URL: `http://127.0.0.1:${(hung.address() as AddressInfo).port}` });
    try {
      const client = webClient(slow.url);
      const cookie = await client.signIn("desk@example.test", PASSWORD);
      const csrf = await client.csrfOf("/hotline", cookie);
      for (const [path, form] of [
        ["/hotline/callers", { "contact.phone": "139000", csrf }],
        ["/hotline/matches", { "need.kind": "factory", "need.areaMin": "3000", csrf }],
      ] as const) {
        const started = performance.now();
        const res = await client.post(path, form, cookie);
        expect(res.status, path).toBe(200);
        expect((await res.json()) as { state: string }, path).toMatchObject({ state: "unavailable" });
        expect(performance.now() - started, path).toBeLessThan(6_000);
      }
    } finally {
      await slow.stop();
      for (const socket of sockets) socket.destroy();
      hung.close();
    }
  });

  it("saves a phone lead with oral consent; a missing field is named beside it; the same number again asks to link instead", async () => {
    const { cookie } = await signIn("desk@example.test");
    const html = await page(cookie);
    const csrf = csrfIn(html);
    const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1];
    const typed = {
      csrf,
      formKey,
      intent: "save",
      "contact.phone": "+86 137-0000-3333",
      "company.name": "南京热线键入机械有限公司",
      "contact.name": "孙经理",
      "need.kind": "factory",
      "need.notes": "要3000平厂房",
      consent: "on",
    };
    const missing = await post("/hotline", { ...typed, "need.kind": "", consent: "" }, cookie);
    expect(missing.status).toBe(400);
    const page400 = await missing.text();
    expect(page400).toContain("请先向来电人说明个人信息处理规则，并确认其口头同意");
    expect(page400).toContain('value="南京热线键入机械有限公司"'); // what was typed stays
    expect(await db.sql`select 1 from leads where company_name = '南京热线键入机械有限公司'`).toHaveLength(0);

    const saved = await post("/hotline", typed, cookie);
    expect(saved.status).toBe(303);
    const savedFlash = await followFlash(web.url, saved, cookie);
    expect(savedFlash).toMatchObject({ location: "/hotline", role: "status" });
    const reference = /已保存线索 (PM-[\d-]+)/.exec(savedFlash.text)![1];
    const [row] = await db.sql<
      { source: string; consentMethod: string; consentVersion: string; email: string; industry: string | null; area: string }[]
    >`
      select l.source, l.consent_method, l.consent_version, u.email, l.industry, l.lead->'need'->>'areaMinSqm' as area
      from leads l join users u on u.id = l.consent_recorded_by where l.reference = ${reference}`;
    expect(row).toMatchObject({
      source: "hotline",
      consentMethod: "oral",
      consentVersion: HOTLINE_CONSENT_SCRIPT.version,
      email: "desk@example.test",
      industry: null,
    });
    expect(Number(row.area)).toBeGreaterThan(0); // read from the caller's words

    // The same form sent again (a double click, a retry after a slow answer): the lead it stored, not "this number has an open lead".
    const replay = await post("/hotline", typed, cookie);
    expect(replay.status).toBe(303);
    expect((await followFlash(web.url, replay, cookie)).text).toContain(`已保存线索 ${reference}`);
    expect(await db.sql`select 1 from leads where phone = '+8613700003333'`).toHaveLength(1);

    // The same caller again (typed another way) on a fresh form: not a second lead unless the agent says it is a new need.
    const again = await post("/hotline", { ...typed, formKey: crypto.randomUUID(), "contact.phone": "13700003333" }, cookie);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(`这个号码已有未结束的线索：${reference}`);
    expect(await db.sql`select 1 from leads where phone = '+8613700003333'`).toHaveLength(1);
    const second = await post("/hotline", { ...typed, formKey: crypto.randomUUID(), newNeed: "on" }, cookie);
    expect(second.status).toBe(303);
    expect(await db.sql`select 1 from leads where phone = '+8613700003333'`).toHaveLength(2);
  });

  it("a closing outcome asks to confirm and keeps the note; confirmed, the note is on the lead with the call", async () => {
    const callback = await routed("南京热线确认机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    const cb = await taskOf(callback.leadId, "callback");
    const ask = await post("/hotline", { task: cb.id, outcome: "wrong-number", note: "对方说打错了", csrf }, cookie);
    expect(ask.status).toBe(200);
    const asked = await ask.text();
    expect(asked).toContain(`确认把 ${callback.reference} 记为“号码错误”？这会结束这条任务。`);
    expect(asked).toContain("对方说打错了"); // the note is kept for the confirmation
    expect(await taskOf(callback.leadId, "callback")).toMatchObject({ status: "open" });
    const confirmed = await post("/hotline", { task: cb.id, outcome: "wrong-number", note: "对方说打错了", confirm: "1", csrf }, cookie);
    expect(confirmed.status).toBe(303);
    expect(await taskOf(callback.leadId, "callback")).toMatchObject({ status: "wrong-number" });
    const notes = await db.sql`select body, source, call_task_id, call_outcome from lead_notes where lead_id = ${callback.leadId}`;
    expect(notes).toEqual([{ body: "对方说打错了", source: "hotline", callTaskId: cb.id, callOutcome: "wrong-number" }]);
  });

  it("a call-back updates the lead's need from its page and re-runs matching; the page's full number is a logged view", async () => {
    const callback = await routed("南京热线回访改需求机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const leadPage = await page(cookie, `/hotline/leads/${callback.leadId}`);
    expect(leadPage).toContain('href="tel:13812345678"');
    expect(await db.sql`select 1 from phone_access_log where lead_id = ${callback.leadId} and actor = 'desk@example.test'`).toHaveLength(1);
    const csrf = csrfIn(leadPage);
    const blank = await post(`/hotline/leads/${callback.leadId}`, { intent: "note", body: "  ", csrf }, cookie);
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain("请填写此项");
    // As if the worker had matched it already: nothing of this lead is waiting in the outbox.
    await db.sql`update outbox set done_at = now() where aggregate_id = ${callback.leadId} and done_at is null`;
    const matchJobs = async () =>
      (await db.sql`select 1 from outbox where topic = 'lead.match' and aggregate_id = ${callback.leadId} and done_at is null`).length;
    expect(await matchJobs()).toBe(0);
    const edited = await post(
      `/hotline/leads/${callback.leadId}`,
      {
        ...needFormOf(leadPage),
        intent: "need",
        "need.kind": "warehouse",
        "need.areaMin": "3000",
        "need.regions": "溧水区",
        note: "回访：改要仓库",
        csrf,
      },
      cookie,
    );
    // Back to the lead's clean address, which says once what happened: the flash cookie, not ?needSaved=1 (ADR 025).
    expect(await followFlash(web.url, edited, cookie)).toEqual({
      location: `/hotline/leads/${callback.leadId}`,
      role: "status",
      text: "需求已更新，正在重新匹配。",
      shownAgain: false,
    });
    const [lead] = await db.sql<{ kind: string; area: string; company: string }[]>`
      select lead->'need'->>'kind' as kind, lead->'need'->>'areaMinSqm' as area, company_name as company from leads where id = ${callback.leadId}`;
    expect(lead).toEqual({ kind: "warehouse", area: "3000", company: "南京热线回访改需求机械有限公司" });
    expect(await matchJobs()).toBe(1); // re-matched
    expect(await db.sql`select 1 from routing_events where lead_id = ${callback.leadId} and event = 'rematch'`).toHaveLength(1);
    expect(await db.sql`select body from lead_notes where lead_id = ${callback.leadId}`).toEqual([{ body: "回访：改要仓库" }]);
    const bad = await post(`/hotline/leads/${callback.leadId}`, { intent: "need", "need.kind": "castle", csrf }, cookie);
    expect(bad.status).toBe(400);
    const noted = await post(`/hotline/leads/${callback.leadId}`, { intent: "note", body: "再次来电：下周看仓库", csrf }, cookie);
    expect(await followFlash(web.url, noted, cookie)).toEqual({
      location: `/hotline/leads/${callback.leadId}`,
      role: "status",
      text: "已记录这次来电。",
      shownAgain: false,
    });
  });

  // A figure the form did not show was dropped on every save of the need (the floor load, once): the
  // form is read back from the page as a browser would send it, unchanged, and the need stays as it was.
  it("the lead page's need form carries every figure of the need: saving it unchanged changes none", async () => {
    const parsed = createLeadSchema("zh", "api").parse({
      ...validLeadJson({ company: "南京热线原样保存机械有限公司" }),
      need: {
        ...{ kind: "factory", deal: "buy", areaUnit: "mu", areaMin: 20, areaMax: 30, regions: ["溧水区"], moveInBy: "2027-06" },
        ...{ ceilingMinM: 9, floorLoadMinKg: "3吨", powerMinKva: 800, craneMinT: 10, singleStorey: true, notes: "要有污水处理" },
      },
    });
    const { id } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
    const needOf = async () =>
      (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${id}`)[0].need;
    const before = await needOf();
    expect(before).toMatchObject({ floorLoadMinKg: 3000, craneMinT: 10, singleStorey: true });

    const { cookie } = await signIn("desk@example.test");
    const html = await page(cookie, `/hotline/leads/${id}`);
    const sent = needFormOf(html);
    const saved = await post(`/hotline/leads/${id}`, { ...sent, note: "" }, cookie);
    expect(saved.status, await saved.clone().text()).toBe(303);
    expect(await needOf()).toEqual(before);
  });

  it("records outcomes: no answer brings the call back later; a done hand-over accepts the recruiter's offer; a closed task is stale", async () => {
    const handover = await routed("南京热线接单机械有限公司", "GC-DB");
    const callback = await routed("南京热线未接机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    const cb = await taskOf(callback.leadId, "callback");
    expect((await post("/hotline", { task: cb.id, outcome: "no-answer" }, cookie)).status).toBe(403); // no CSRF token

    const noAnswer = await post("/hotline", { task: cb.id, outcome: "no-answer", csrf }, cookie);
    expect(noAnswer.status).toBe(303);
    // Back to the list (a clean address), which says once what was recorded: the flash cookie (ADR 025).
    expect(await followFlash(web.url, noAnswer, cookie)).toEqual({
      location: "/hotline",
      role: "status",
      text: `已记录：${callback.reference} 无人接听`,
      shownAgain: false,
    });
    expect(await taskOf(callback.leadId, "callback")).toMatchObject({ status: "no-answer", dueLater: true, attempts: 1 });

    const ho = await taskOf(handover.leadId, "handover");
    expect((await post("/hotline", { task: ho.id, outcome: "done", confirm: "1", csrf }, cookie)).status).toBe(303);
    const [a] = await db.sql<
      { status: string; recruiterId: string }[]
    >`select status, recruiter_id from assignments where lead_id = ${handover.leadId}`;
    expect(a).toEqual({ status: "accepted", recruiterId: "R2" });
    const [event] = await db.sql<
      { recruiterId: string }[]
    >`select recruiter_id from routing_events where lead_id = ${handover.leadId} and event = 'accepted'`;
    expect(event.recruiterId).toBe("R2");
    expect(await page(cookie)).not.toContain(`转交线索 ${handover.reference}`);

    // A hand-over whose offer moved on (re-routed) is closed by the move (ADR 114) and leaves the list;
    // marking it done from the page still open says why it is closed.
    const moved = await routed("南京热线改派机械有限公司", "GC-DB");
    const movedTask = await taskOf(moved.leadId, "handover");
    await db.sql`update assignments set status = 'unassigned', recruiter_id = null where lead_id = ${moved.leadId}`;
    expect(await page(cookie)).not.toContain(`转交线索 ${moved.reference}`);
    const notTaken = await post("/hotline", { task: movedTask.id, outcome: "done", confirm: "1", csrf }, cookie);
    const notTakenFlash = await followFlash(web.url, notTaken, cookie);
    expect(notTakenFlash).toMatchObject({ location: "/hotline", role: "alert" });
    expect(notTakenFlash.text).toBe("这条任务已经结束：这条分配已改派或转入待分配。");

    // A call-back ("no match yet") is closed once the lead has a live match (an import or an edit
    // matched it since; migration 092, ADR 116), and is opened again when that match is withdrawn and the
    // lead routed with none (space.match's lead.match runs routeLead).
    const later = await routed("南京热线后来匹配机械有限公司", null);
    expect(await page(cookie)).toContain(`回访 ${later.reference}`);
    const [space] = await db.sql<{ id: string }[]>`select id from spaces where park_id = 'GC-DB' order by id limit 1`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${later.leadId}, ${space.id}, 'GC-DB', 70, ${db.sql.json([] as never)}, 'space')`;
    expect(await page(cookie)).not.toContain(`回访 ${later.reference}`);
    expect(await taskOf(later.leadId, "callback")).toMatchObject({ status: "done" });
    await db.sql`update matches set withdrawn_at = now() where lead_id = ${later.leadId}`;
    await db.sql.begin((tx) => routeLead(tx, later.leadId, ctx.routing));
    expect(await page(cookie)).toContain(`回访 ${later.reference}`);

    // A phone recruiter who turns the lead down on the call: the offer is declined for them and re-routed
    // (东坝 has nobody else: the admin's unassigned queue). Only hand-overs have this outcome.
    const refused = await routed("南京热线拒绝机械有限公司", "GC-DB");
    const refusedTask = await taskOf(refused.leadId, "handover");
    expect((await post("/hotline", { task: refusedTask.id, outcome: "refused", confirm: "1", csrf }, cookie)).status).toBe(303);
    expect(await taskOf(refused.leadId, "handover")).toMatchObject({ status: "done" });
    const [declined] = await db.sql<
      { status: string; recruiterId: string | null }[]
    >`select status, recruiter_id from assignments where lead_id = ${refused.leadId}`;
    expect(declined).toEqual({ status: "unassigned", recruiterId: null });
    const events = await db.sql<
      { event: string; recruiterId: string | null }[]
    >`select event, recruiter_id from routing_events where lead_id = ${refused.leadId} order by id`;
    expect(events.map((e) => [e.event, e.recruiterId])).toEqual([
      ["assigned", "R2"],
      ["notified", "R2"],
      ["declined", "R2"],
      ["rerouted", null],
    ]);
    expect((await post("/hotline", { task: cb.id, outcome: "refused", csrf }, cookie)).status).toBe(400);

    const again = await post("/hotline", { task: ho.id, outcome: "done", csrf }, cookie);
    expect(await followFlash(web.url, again, cookie)).toMatchObject({
      location: "/hotline",
      role: "alert",
      text: expect.stringContaining("已经结束"),
    });
    expect((await post("/hotline", { task: ho.id, outcome: "maybe", csrf }, cookie)).status).toBe(400);
  });
});

/** The few entities React writes in attribute values and text. */
