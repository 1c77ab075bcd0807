import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { currentMoveInMonth } from "~/domain/move-in";
import { HOTLINE_CONSENT_SCRIPT, PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice";
import { storeLead } from "~/leads/intake.server";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { startApiWebServer, startWebServer } from "../support/services";

// The JSON API against the real web process and a database of its own.
let sql: Sql;
let drop: () => Promise<void>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  const db = await createTestDatabase("api_leads");
  sql = db.sql;
  drop = db.drop;
  web = await startApiWebServer(db.url, {
    // 50 concurrent replays of one key test idempotency, not load shedding (test/integration/load-shedding.test.ts).
    INTAKE_MAX_IN_FLIGHT: "1000",
    INTAKE_MAX_EVENT_LOOP_DELAY_MS: "0",
  });
});
afterAll(async () => {
  await web?.stop();
  await drop?.();
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function counts() {
  const [row] = await sql<
    { leads: number; outbox: number }[]
  >`select (select count(*)::int from leads) as leads, (select count(*)::int from outbox) as outbox`;
  return row;
}

describe("POST /api/leads", () => {
  it("stores a valid lead with its outbox row and answers 201 {id, reference}", async () => {
    const res = await post(validLeadJson({ company: "南京存储测试有限公司" }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.reference).toMatch(/^PM-\d{8}-\d{4}$/);
    const [lead] = await sql`select status, phone, company_name, lead, raw from leads where id = ${body.id}`;
    expect(lead.status).toBe("received");
    expect(lead.phone).toBe("+8613812345678");
    expect(lead.companyName).toBe("南京存储测试有限公司");
    expect(lead.raw.contact.phone).toBe("13812345678");
    const outbox = await sql`select topic from outbox where aggregate_id = ${body.id} order by topic`;
    expect(outbox.map((r) => r.topic)).toEqual(["lead.index", "lead.match"]);
  });

  it("understands units and numbers as people type them", async () => {
    const lead = validLeadJson();
    const res = await post({
      ...lead,
      need: { ...lead.need, areaMin: "５千", areaMax: "3万方", ceilingMinM: "9米" },
      contact: { name: "李", phone: "+86 (138) 1234-5678" },
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select lead from leads where id = ${id}`;
    expect(row.lead.need.areaMinSqm).toBe(5000);
    expect(row.lead.need.areaMaxSqm).toBe(30000);
    expect(row.lead.need.ceilingMinM).toBe(9);
    expect(row.lead.contact.phone).toBe("+8613812345678");
  });

  it("fills blank need fields from the notes, never what the person filled in, and records what it filled", async () => {
    const lead = validLeadJson({ company: "南京自由文本测试有限公司" });
    const res = await post({
      ...lead,
      need: { kind: "factory", deal: "lease", ceilingMinM: 10, notes: "需要单层厂房五千平左右，层高9米以上，配电1000千伏安，要有10吨行车" },
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select lead, assist from leads where id = ${id}`;
    expect(row.lead.need).toMatchObject({ areaMinSqm: 4500, areaMaxSqm: 5500, powerMinKva: 1000, craneMinT: 10, singleStorey: true });
    expect(row.lead.need.ceilingMinM).toBe(10); // typed 10 wins over the notes' 9
    const filled = row.assist.map((a: { field: string }) => a.field).sort();
    expect(filled).toEqual(["need.areaMax", "need.areaMin", "need.craneMinT", "need.powerMinKva", "need.singleStorey"]);
    expect(row.assist.find((a: { field: string }) => a.field === "need.powerMinKva").text).toContain("1000千伏安");
  });

  const bad: [string, unknown, string, RegExp][] = [
    ["missing company name", { ...validLeadJson(), company: {} }, "company.name", /请填写/],
    ["missing phone", { ...validLeadJson(), contact: { name: "王" } }, "contact.phone", /请填写/],
    ["wrong phone", { ...validLeadJson(), contact: { name: "王", phone: "12345" } }, "contact.phone", /手机号/],
    [
      "credit code of zeros",
      { ...validLeadJson(), company: { name: "某公司", creditCode: "000000000000000000" } },
      "company.creditCode",
      /第 1 位/,
    ],
    [
      "an ID-card number as credit code",
      { ...validLeadJson(), company: { name: "某公司", creditCode: "320102198001011238" } },
      "company.creditCode",
      /身份证/,
    ],
    [
      "credit code with a broken organisation code",
      { ...validLeadJson(), company: { name: "某公司", creditCode: "91320000134768823A" } },
      "company.creditCode",
      /组织机构代码/,
    ],
    ["consent false", { ...validLeadJson(), consent: false }, "consent", /同意/],
    ["consent missing", { ...validLeadJson(), consent: undefined }, "consent", /同意/],
    ['consent as the string "no"', { ...validLeadJson(), consent: "no" }, "consent", /同意/],
    // Other spellings of no are not consent either (yes-no.ts), nor words that are no yes/no.
    ["consent 0", { ...validLeadJson(), consent: 0 }, "consent", /同意/],
    ['consent "0"', { ...validLeadJson(), consent: "0" }, "consent", /同意/],
    ['consent "false"', { ...validLeadJson(), consent: "false" }, "consent", /同意/],
    ['consent "否"', { ...validLeadJson(), consent: "否" }, "consent", /同意/],
    ['consent "maybe"', { ...validLeadJson(), consent: "maybe" }, "consent", /同意/],
    ["consent 2", { ...validLeadJson(), consent: 2 }, "consent", /同意/],
    ["unknown area code", { ...validLeadJson(), contact: { name: "王", phone: "026-12345678" } }, "contact.phone", /手机号/],
    ["Beijing number one digit short", { ...validLeadJson(), contact: { name: "王", phone: "010-2345678" } }, "contact.phone", /手机号/],
    ["unallocated mobile segment", { ...validLeadJson(), contact: { name: "王", phone: "19412345678" } }, "contact.phone", /手机号/],
    [
      "area min > max",
      { ...validLeadJson(), need: { kind: "factory", deal: "lease", areaMin: 6000, areaMax: 4000 } },
      "need.areaMin",
      /不能大于/,
    ],
    ["no area at all", { ...validLeadJson(), need: { kind: "factory", deal: "lease" } }, "need.areaMin", /至少填写/],
    ["negative area", { ...validLeadJson(), need: { kind: "factory", deal: "lease", areaMin: -5 } }, "need.areaMin", /负数/],
    ["negative tax", { ...validLeadJson(), tax: { annualTaxWan: "-3" } }, "tax.annualTaxWan", /负数/],
    ["absurdly long product", { ...validLeadJson(), use: { industry: "C35", product: "很".repeat(5000) } }, "use.product", /最多/],
    ["unknown industry", { ...validLeadJson(), use: { industry: "Z99", product: "x" } }, "use.industry", /行业/],
    [
      "wrong need kind",
      { ...validLeadJson(), need: { kind: "castle", deal: "lease", areaMin: 100 } },
      "need.kind",
      /“castle”不是可选项；可选：factory（厂房）/,
    ],
    ["not a number", { ...validLeadJson(), need: { kind: "factory", deal: "lease", areaMin: "很大" } }, "need.areaMin", /面积/],
  ];

  it.each(bad)("%s → 400 with a zh-CN message on %s, nothing stored", async (_name, body, field, message) => {
    const before = await counts();
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.errors[field as string]?.join(" ")).toMatch(message as RegExp);
    expect(await counts()).toEqual(before);
  });

  it("says each problem once per field: an area far too large (10亿, 1e9) → one message, not two", async () => {
    for (const areaMin of ["10亿", "20亿平", 1e9]) {
      const res = await post({ ...validLeadJson(), need: { kind: "factory", deal: "lease", areaMin } });
      expect(res.status).toBe(400);
      expect((await res.json()).errors["need.areaMin"], String(areaMin)).toEqual(["数值过大，请核对"]);
    }
  });

  it("a move-in month written right but in the past is refused as past; the current month is fine", async () => {
    const past = await post({ ...validLeadJson(), need: { ...validLeadJson().need, moveInBy: "1999-01" } });
    expect(past.status).toBe(400);
    expect((await past.json()).errors["need.moveInBy"]).toEqual(["入驻时间不能早于本月"]);
    const thisMonth = currentMoveInMonth(new Date());
    const res = await post({ ...validLeadJson(), need: { ...validLeadJson().need, moveInBy: thisMonth } });
    // The server reads its own clock: unless a month began in China meanwhile, its month is this one.
    if (currentMoveInMonth(new Date()) === thisMonth) expect(res.status).toBe(201);
    else expect([201, 400]).toContain(res.status);
  });

  it("a move-in day that does not exist is a 400 on need.moveInBy saying so, and nothing is written", async () => {
    const before = await counts();
    for (const [moveInBy, message] of [
      ["2099-02-30", "“2099-02-30”：2099年2月没有30日（这个月只有 28 天）；请写存在的日期，或只写年月，例如 2099-02"],
      ["2099年4月31日", "“2099年4月31日”：2099年4月没有31日（这个月只有 30 天）；请写存在的日期，或只写年月，例如 2099-04"],
      ["2099-13", "“2099-13”：没有13月，月份是 1 到 12；请写年月，例如 2099-12"],
    ]) {
      const res = await post({ ...validLeadJson(), need: { ...validLeadJson().need, moveInBy } });
      expect(res.status, moveInBy).toBe(400);
      expect((await res.json()).errors["need.moveInBy"], moveInBy).toEqual([message]);
    }
    expect(await counts()).toEqual(before);
  });

  it("answers in English when asked (?lng=en)", async () => {
    const res = await fetch(`${web.url}/api/leads?lng=en`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...validLeadJson(), contact: { name: "W", phone: "999" } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors["contact.phone"][0]).toMatch(/valid mobile number/);
  });

  it("rejects invalid JSON, a non-object body, a wrong content type and an oversized body with 4xx", async () => {
    const before = await counts();
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).errors._form[0]).toMatch(/JSON/);
    const array = await post("[1,2]");
    expect(array.status).toBe(400);
    const form = await fetch(`${web.url}/api/leads`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    expect(form.status).toBe(415);
    expect((await form.json()).errors._form[0]).toMatch(/application\/json/);
    const huge = await post({ ...validLeadJson(), padding: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("makes exactly one lead from 50 concurrent replays of one Idempotency-Key, all with the same answer", async () => {
    const key = `replay-${Date.now()}`;
    const body = validLeadJson({ company: "南京幂等测试有限公司" });
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(body, { "Idempotency-Key": key })));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.reference)).size).toBe(1);
    const rows = await sql`select id from leads where company_name = '南京幂等测试有限公司'`;
    expect(rows).toHaveLength(1);
    const outbox = await sql`select id from outbox where aggregate_id = ${rows[0].id}`;
    expect(outbox).toHaveLength(2); // lead.index + lead.match, once
  });

  it("refuses a reused Idempotency-Key with a different body (409) and stores nothing", async () => {
    const key = `reuse-${Date.now()}`;
    expect((await post(validLeadJson(), { "Idempotency-Key": key })).status).toBe(201);
    const before = await counts();
    const res = await post(validLeadJson({ company: "另一家公司" }), { "Idempotency-Key": key });
    expect(res.status).toBe(409);
    expect((await res.json()).errors["Idempotency-Key"][0]).toMatch(/Idempotency-Key/);
    expect(await counts()).toEqual(before);
  });
});

describe("identity fields as people paste them (issue 9, items 9 and 14)", () => {
  it("keeps a credit code whose check character fails, and the lead goes ahead (201, outbox rows)", async () => {
    const res = await post({ ...validLeadJson(), company: { name: "南京校验位测试有限公司", creditCode: "91110000600037341N" } });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select credit_code, lead from leads where id = ${id}`;
    expect(row.creditCode).toBe("91110000600037341N");
    expect(row.lead.company.creditCode).toBe("91110000600037341N");
    expect(await sql`select topic from outbox where aggregate_id = ${id}`).toHaveLength(2);
    // The recruiter is told to verify it: the flag travels with the lead to GET /api/leads/<id>.
    const view = await (
      await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } })
    ).json();
    // (This file sends the default phone and need many times: a `repeat` mark may sit beside it, ADR 102.)
    expect(view.lead.flags.filter((f: { code: string }) => f.code !== "repeat")).toEqual([
      { field: "company.creditCode", code: "creditCodeCheck", text: "91110000600037341N" },
    ]);
  });

  it("keeps a phone's trailing note as a flag beside the number", async () => {
    const res = await post({ ...validLeadJson(), contact: { name: "王经理", phone: "138 1234 5678（前台转）" } });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select phone, lead from leads where id = ${id}`;
    expect(row.phone).toBe("+8613812345678");
    expect(row.lead.flags.filter((f: { code: string }) => f.code !== "repeat")).toEqual([
      { field: "contact.phone", code: "phoneNote", text: "前台转" },
    ]);
  });

  it("reads 同微信 beside the number as the WeChat box, no flag (ADR 101)", async () => {
    const res = await post({ ...validLeadJson(), contact: { name: "王经理", phone: "138 1234 5678（同微信）" } });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select phone, lead from leads where id = ${id}`;
    expect(row.phone).toBe("+8613812345678");
    expect(row.lead.contact.wechatSameAsPhone).toBe(true);
    expect(row.lead.contact.wechat).toBeUndefined();
    expect(row.lead.flags.filter((f: { code: string }) => f.code !== "repeat")).toEqual([]);
  });

  it.each([
    ["13812345678（微信同号）", "+8613812345678"],
    ["\u202D138 1234 5678\u202C", "+8613812345678"],
    ["(+86)13912345678", "+8613912345678"],
    ["0755—88888888。", "+8675588888888"],
    ["0 138 1234 5678", "+8613812345678"],
    ["0400-123-4567", "+864001234567"],
  ])("stores %j as %s", async (phone, value) => {
    const res = await post({ ...validLeadJson(), contact: { name: "王经理", phone } });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select phone, raw from leads where id = ${id}`;
    expect(row.phone).toBe(value);
    expect(row.raw.contact.phone).toBe(phone); // what was typed stays in the raw record
  });
});

describe("consent (issue 9, item 16)", () => {
  it.each([1, "1", "yes", "YES", "是", "true", "on", "１"])("consent %j is a yes: 201, stored as consented", async (consent) => {
    const res = await post({ ...validLeadJson({ company: `南京同意写法${String(consent)}测试有限公司` }), consent });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select consent_at, consent_method from leads where id = ${id}`;
    expect(row.consentMethod).toBe("written");
    expect(row.consentAt).toBeInstanceOf(Date);
  });

  it("stores the privacy-notice version, the time and the way consent was given, and returns them", async () => {
    const before = Date.now();
    const { id } = await (await post(validLeadJson({ company: "南京同意记录测试有限公司" }))).json();
    const [row] = await sql`select consent_at, consent_version, consent_method, consent_recorded_by from leads where id = ${id}`;
    expect(row).toMatchObject({ consentVersion: PRIVACY_NOTICE_VERSION, consentMethod: "written", consentRecordedBy: null });
    expect(row.consentAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    const view = await (
      await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } })
    ).json();
    expect(view.consent).toEqual({
      method: "written",
      version: PRIVACY_NOTICE_VERSION,
      at: row.consentAt.toISOString(),
      recordedBy: null,
    });
  });

  it("records a hotline lead's oral consent with the staff account that took it", async () => {
    const [agent] = await sql<{ id: string }[]>`
      insert into users (email, name, role) values (${`hotline-consent-${Date.now()}@example.test`}, '热线小李', 'hotline') returning id`;
    const parsed = createLeadSchema("zh", "hotline").parse(validLeadJson({ company: "南京口头同意测试有限公司" }));
    const { id } = await storeLead(sql, { ...parsed, raw: {}, source: "hotline", lng: "zh", consentRecordedBy: agent.id });
    const [row] = await sql`select consent_at, consent_version, consent_method, consent_recorded_by from leads where id = ${id}`;
    // Oral consent is the script the agent read (ADR 029), not the web notice.
    expect(row).toMatchObject({ consentVersion: HOTLINE_CONSENT_SCRIPT.version, consentMethod: "oral", consentRecordedBy: agent.id });
    expect(row.consentAt).toBeInstanceOf(Date);
    const view = await (
      await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } })
    ).json();
    expect(view.consent).toMatchObject({
      method: "oral",
      version: HOTLINE_CONSENT_SCRIPT.version,
      recordedBy: { id: agent.id, name: "热线小李" },
    });
  });

  it("never stores a lead without consent, nor a hotline lead without who recorded it", async () => {
    const before = await counts();
    const parsed = createLeadSchema("zh", "api").parse(validLeadJson());
    await expect(
      storeLead(sql, { ...parsed, lead: { ...parsed.lead, consent: false as never }, raw: {}, source: "api", lng: "zh" }),
    ).rejects.toThrow(/consent/);
    await expect(storeLead(sql, { ...parsed, raw: {}, source: "hotline", lng: "zh" })).rejects.toThrow(/oral consent/);
    expect(await counts()).toEqual(before);
  });
});

describe("GET /api/leads/<id>", () => {
  it("takes the lead's reference as people have it (trial 38: a user holds PM-…, never the UUID)", async () => {
    const { id, reference } = await (await post(validLeadJson({ company: "南京编号读取测试有限公司" }))).json();
    const auth = { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` };
    const [, day, n] = /^PM-(\d{8})-(\d+)$/.exec(reference)!;
    for (const typed of [reference, reference.toLowerCase(), `PM${day}${n}`, `pm ${day} ${n}`, `PM-${day}-${Number(n)}`]) {
      const res = await fetch(`${web.url}/api/leads/${encodeURIComponent(typed)}`, { headers: auth });
      expect(res.status, typed).toBe(200);
      expect((await res.json()).id, typed).toBe(id);
    }
    for (const typed of [`PM-${day}-99999`, `PM-${day}`, "南京编号读取测试有限公司", "PM-2026"]) {
      expect((await fetch(`${web.url}/api/leads/${encodeURIComponent(typed)}`, { headers: auth })).status, typed).toBe(404);
    }
    expect((await fetch(`${web.url}/api/leads/${encodeURIComponent(reference)}`)).status).toBe(401);
  });

  it("needs the bearer token, then returns the lead with status and empty matches/assignments", async () => {
    const { id, reference } = await (await post(validLeadJson({ company: "南京读取测试有限公司" }))).json();
    expect((await fetch(`${web.url}/api/leads/${id}`)).status).toBe(401);
    expect((await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    const res = await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } });
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({ id, reference, status: "received", matches: [], assignments: [] });
    expect(view.lead.company.name).toBe("南京读取测试有限公司");
    const missing = await fetch(`${web.url}/api/leads/00000000-0000-0000-0000-000000000000`, {
      headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
    });
    expect(missing.status).toBe(404);
  });
});

// The duplicate check is over the lead, not over the request that carried it (leadHash): the form's
// machinery (region picker, its intent, the honeypot), the JSON's key order or spacing never make a
// second lead; another need still does.
describe("a resend is the same lead whatever the request's machinery", () => {
  async function postForm(fields: Record<string, string>): Promise<string> {
    const res = await fetch(`${web.url}/?index`, { method: "POST", body: new URLSearchParams(validLeadForm(fields)), redirect: "manual" });
    expect(res.status).toBe(303);
    return res.headers.get("location") ?? "";
  }
  const leadsOf = (company: string) => sql`select reference from leads where company_name = ${company}`;

  it("web form: the same key sent again with other region-picker fields (Back after choosing a province) gives the first lead back", async () => {
    const company = "南京返回重发测试有限公司";
    const key = crypto.randomUUID();
    const base = { "company.name": company, "need.regions": "南京市", submissionKey: key };
    // First send: 江苏省 chosen in the picker, its city select enabled and sent.
    const first = await postForm({ ...base, "regionPicker.province": "32", "regionPicker.city": "" });
    // After Back: the city select is disabled (not sent); the search box is sent, and a spare intent.
    const again = await postForm({ ...base, "regionPicker.province": "32", "regionPicker.search": "", regionIntent: "" });
    // A third time without having touched the picker at all.
    const plain = await postForm(base);
    expect(first).toMatch(/^\/inquiry\/PM-\d{8}-\d{4}\?k=[\w-]{22}$/);
    expect(again).toBe(first);
    expect(plain).toBe(first);
    expect(await leadsOf(company)).toHaveLength(1);
  });

  it("web form: the same lead typed another way (spaces, the phone's dashes) is the same lead; another need with the same key is a new lead", async () => {
    const company = "南京改需求重发测试有限公司";
    const key = crypto.randomUUID();
    const first = await postForm({ "company.name": company, "contact.phone": "13812345678", submissionKey: key });
    const spaced = await postForm({ "company.name": ` ${company} `, "contact.phone": "138-1234-5678", submissionKey: key });
    expect(spaced).toBe(first);
    const otherNeed = await postForm({ "company.name": company, "need.areaMin": "8000", submissionKey: key });
    expect(otherNeed).not.toBe(first);
    expect(await leadsOf(company)).toHaveLength(2);
  });

  it("API: the same Idempotency-Key with the same lead in another key order and spacing is 201 with the first lead; another need is 409", async () => {
    const key = `order-${Date.now()}`;
    const body = validLeadJson({ company: "南京键序测试有限公司" }) as Record<string, unknown>;
    const first = await post(body, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    const { reference } = await first.json();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await post(JSON.stringify(reordered, null, 2), { "Idempotency-Key": key });
    expect(again.status).toBe(201);
    expect((await again.json()).reference).toBe(reference);
    const need = body.need as Record<string, unknown>;
    const other = await post({ ...body, need: { ...need, areaMin: 9000, areaMax: 12000 } }, { "Idempotency-Key": key });
    expect(other.status).toBe(409);
  });

  // attack of 12-06 (ADR 178): the replay's hash was over the lead as read in the request's language, and a lead
  // carried words of it ("同手机号" / "same as the phone number" for a WeChat that is the phone; a marker since ADR 190):
  // the same body replayed with another Accept-Language or ?lng answered 409.
  it.each([
    ["a WeChat box that says it is the phone", { contact: { name: "王经理", phone: "13812345678", wechat: "同手机号" } }],
    ["a phone noted as WeChat", { contact: { name: "王经理", phone: "13812345678（微信同号）" } }],
    ["an English WeChat box", { contact: { name: "Mr Wang", phone: "13812345678", wechat: "same as phone" } }],
  ])("API: the same body replayed in the other language is the first answer, never 409 (%s)", async (_label, part) => {
    const key = `lng-${Date.now()}-${Math.random()}`;
    const body = { ...validLeadJson({ company: `南京换语言重放${_label.length}有限公司` }), ...part };
    for (const [first, second] of [
      [{ "Accept-Language": "en" }, { "Accept-Language": "zh-CN" }],
      [{ "Accept-Language": "zh-CN" }, { "Accept-Language": "en-US,en;q=0.9" }],
    ]) {
      const k = `${key}-${first["Accept-Language"]}`;
      const one = await post(body, { "Idempotency-Key": k, ...first });
      const answer = await one.json();
      expect(`${one.status} ${JSON.stringify(answer)}`).toMatch(/^201 /);
      const { reference } = answer;
      const again = await post(body, { "Idempotency-Key": k, ...second });
      expect(again.status).toBe(201);
      expect((await again.json()).reference).toBe(reference);
    }
  });
});

// The contract (DESIGN.md, README) says `POST /`; the page's own form posts to `/?index`, which is how
// Remix tells the index route's action from the root layout's. A script or a hand-written form
// following the contract got 405 "无法处理此请求 · 请稍后再试" — trying later never helps.
describe("POST / as the contract writes it", () => {
  it.each([
    ["/", "南京契约路径一有限公司"],
    ["/?lng=en", "南京契约路径二有限公司"],
    ["/?submissionKey=x", "南京契约路径三有限公司"],
  ])("%s stores the lead like /?index: 303 to its confirmation", async (path, company) => {
    const res = await fetch(`${web.url}${path}`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "company.name": company })),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const [lead] = await sql<{ reference: string }[]>`select reference from leads where company_name = ${company}`;
    expect(res.headers.get("location")).toContain(`/inquiry/${lead.reference}`);
  });

  it("and a bad value is the form again with the field's message (400), as at /?index", async () => {
    const res = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "contact.phone": "12345" })),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("请输入有效的手机号、带区号的座机或 400/800 号码");
  });
});

describe("spec figures as people type them: counted transformers, and what names no one figure", () => {
  const need = (patch: Record<string, unknown>) => ({ ...validLeadJson(), need: { ...validLeadJson().need, ...patch } });

  it("the power field 2台500kva is stored as 1000 kVA, 两台10吨行车 as a 10 t crane (the API and the form)", async () => {
    const res = await post(need({ powerMinKva: "2台500kva", craneMinT: "两台10吨行车" }));
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select lead, raw from leads where id = ${id}`;
    expect(row.lead.need.powerMinKva).toBe(1000);
    expect(row.lead.need.craneMinT).toBe(10);
    expect(row.raw.need.powerMinKva).toBe("2台500kva"); // the record keeps what was typed

    const company = "南京变压器两台测试有限公司";
    const form = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "company.name": company, "need.powerMinKva": "500kVA×2" })),
      redirect: "manual",
    });
    expect(form.status).toBe(303);
    const [stored] = await sql`select lead from leads where company_name = ${company}`;
    expect(stored.lead.need.powerMinKva).toBe(1000);
  });

  it.each<[typed: Record<string, unknown>, field: string, zh: string, en: RegExp]>([
    [
      { powerMinKva: "2台" },
      "need.powerMinKva",
      "请写明每台变压器的容量，例如“2台500千伏安”，或直接填合计容量，例如 1000",
      /^Say how large each transformer is/,
    ],
    [
      { powerMinKva: "2台500kva和1台800kva" },
      "need.powerMinKva",
      "变压器容量不一：请填合计容量（千伏安），例如 1800；各台的容量写在补充说明里",
      /^The transformers differ in size: type their total in kVA, e\.g\. 1800/,
    ],
    [
      { craneMinT: "10吨和16吨" },
      "need.craneMinT",
      "行车吨位不一：此项填最大一台的吨位，例如 16；其余的写在补充说明里",
      /type the largest, e\.g\. 16/,
    ],
    [
      { moveInBy: "2031年春节后" },
      "need.moveInBy",
      "“2031年春节后”跨 2031-01 和 2031-02 两个月：请写明年月，例如 2031-02",
      /spans two months \(2031-01 and 2031-02\)/,
    ],
  ])("%j → 400 with the field's message in zh and en, nothing stored", async (patch, field, zh, en) => {
    const before = await counts();
    const res = await post(need(patch));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ [field]: [zh] });
    const english = await fetch(`${web.url}/api/leads?lng=en`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(need(patch)),
    });
    expect(english.status).toBe(400);
    const { errors } = await english.json();
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field][0]).toMatch(en);
    expect(await counts()).toEqual(before);
  });
});

// ADR 076: places named without a marker, counts as the power field reads them, and 8m5, through the
// API and the public form, each to the stored lead.
describe("what the notes and the fields read since ADR 076", () => {
  const need = (patch: Record<string, unknown>) => ({ ...validLeadJson(), need: { ...validLeadJson().need, ...patch } });

  it("notes 高淳或者溧水都行 fill the regions, 3套500kva the power, 层高8m5 the ceiling; the field 8m50 is 8.5 m", async () => {
    const res = await post(
      need({ regions: [], ceilingMinM: undefined, notes: "单层厂房，高淳或者溧水都行，层高8m5，需要3套500kva变压器" }),
    );
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [row] = await sql`select lead from leads where id = ${id}`;
    expect(row.lead.need).toMatchObject({
      regions: ["高淳", "溧水"],
      regionCodes: ["320117", "320118"],
      ceilingMinM: 8.5,
      powerMinKva: 1500,
    });

    const company = "南京江宁八米五测试有限公司";
    const form = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({ "company.name": company, "need.regions": "", "need.notes": "南京江宁的厂房", "need.ceilingMinM": "8m50" }),
      ),
      redirect: "manual",
    });
    expect(form.status).toBe(303);
    const [stored] = await sql`select lead from leads where company_name = ${company}`;
    expect(stored.lead.need).toMatchObject({ regions: ["南京江宁"], regionCodes: ["320115"], ceilingMinM: 8.5 });
  });

  it("a height that names no one figure (8m05) → 400 with the field's message in zh and en, nothing stored", async () => {
    const before = await counts();
    const zh = await post(need({ ceilingMinM: "8m05" }));
    expect(zh.status).toBe(400);
    expect((await zh.json()).errors).toEqual({ "need.ceilingMinM": ["看不清“8m05”是几米：请写成小数，例如 8.5 或 8.05"] });
    const en = await fetch(`${web.url}/api/leads?lng=en`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(need({ ceilingMinM: "8m05" })),
    });
    expect(en.status).toBe(400);
    expect((await en.json()).errors).toEqual({
      "need.ceilingMinM": ["It is unclear how many metres “8m05” is: type a decimal, e.g. 8.5 or 8.05"],
    });
    expect(await counts()).toEqual(before);
  });
});

describe("the confirmation page, its reference retyped", () => {
  it("lower case or with a blank around it is the same page; a wrong one is still 404", async () => {
    const res = await fetch(`${web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "company.name": "南京回执重输有限公司" })),
      redirect: "manual",
    });
    const reference = (res.headers.get("location") ?? "").split("/").pop()!.split("?")[0];
    for (const typed of [reference.toLowerCase(), `${reference}%20`, `%20${reference.toLowerCase()}`]) {
      const page = await fetch(`${web.url}/inquiry/${typed}`);
      expect(page.status, typed).toBe(200);
      expect(await page.text()).toContain(reference);
    }
    expect((await fetch(`${web.url}/inquiry/pm-20000101-0001`)).status).toBe(404);
  });

  it.each([
    ["", "找不到这个需求编号", 'href="/"'],
    ["?lng=en", "We cannot find this reference", 'href="/?lng=en"'],
  ])("a reference nobody has%s: 404 saying so, the hotline to call and the way to the form", async (q, says, home) => {
    const res = await fetch(`${web.url}/inquiry/PM-20000101-0001${q}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(says);
    const hotline = process.env.HOTLINE_PHONE ?? "400-000-0000";
    expect(html).toContain(`<a class="tel" href="tel:${hotline.replace(/[^\d+]/g, "")}">${hotline}</a>`);
    expect(html).toContain(home);
  });

  it("links to the same confirmation in the other language, both ways", async () => {
    const res = await fetch(`${web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "company.name": "南京回执语言有限公司" })),
      redirect: "manual",
    });
    const reference = (res.headers.get("location") ?? "").split("/").pop()!.split("?")[0];
    const zh = await (await fetch(`${web.url}/inquiry/${reference.toLowerCase()}`)).text();
    expect(zh).toContain(`href="/inquiry/${reference}?lng=en"`);
    expect(zh).toMatch(/lang="en"[^>]*>English</);
    const en = await (await fetch(`${web.url}/inquiry/${reference}?lng=en`)).text();
    expect(en).toContain(`href="/inquiry/${reference}"`);
    expect(en).toMatch(/>中文</);
    expect(en).toContain(reference);
    // The hotline in "call … and give the reference" is a tel: link kept on one line (a.tel, nowrap).
    const hotline = process.env.HOTLINE_PHONE ?? "400-000-0000";
    expect(zh).toContain(`<a class="tel" href="tel:${hotline.replace(/[^\d+]/g, "")}">${hotline}</a>`);
    const generic = await (await fetch(`${web.url}/inquiry/received?lng=en`)).text();
    expect(generic).toContain('href="/inquiry/received"');
  });
});
