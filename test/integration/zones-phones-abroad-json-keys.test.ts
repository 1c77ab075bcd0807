import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { startApiWebServer } from "../support/services";

// ADR 113, through the real web process, form and API alike:
// - regions: zones (江北新区, 两江新区, 苏州高新区) are stored with the districts they lie in; an unknown
//   zone is refused on need.regions with its own words; suggestions put the parks' provinces first;
// - phones: a Hong Kong, Macau or Taiwan number is refused saying which numbers are taken, in zh and en;
// - JSON: a key written twice in one object is a 400 naming the field, quoting both values.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;
let web: Awaited<ReturnType<typeof startApiWebServer>>;
/** A client address per test (the rate limit counts by address; TRUST_PROXY=loopback takes X-Forwarded-For). */
const addresses = { n: 0, current: "" };
beforeEach(() => void (addresses.current = `198.51.100.${++addresses.n}`));

beforeAll(async () => {
  db = await createTestDatabase("zones_phones_keys");
  sql = db.sql;
  // A park in 南京 before the web starts: the web reads the parks' districts at start (region-home.server.ts).
  await sql`insert into parks (id, name, province, city, district, district_code) values ('P-NJ', '测试园', '江苏省', '南京市', '高淳区', '320118')`;
  web = await startApiWebServer(db.url, { INTAKE_MAX_IN_FLIGHT: "1000", API_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const decode = (html: string) =>
  html
    .replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const postForm = (fields: Record<string, string>, lng: "zh" | "en" = "zh") =>
  fetch(`${web.url}/?index${lng === "en" ? "&lng=en" : ""}`, {
    method: "POST",
    body: new URLSearchParams({ submissionKey: crypto.randomUUID(), ...fields }),
    redirect: "manual",
    headers: { "x-forwarded-for": addresses.current },
  });
const postApi = (body: string, lng: "zh" | "en" = "zh") =>
  fetch(`${web.url}/api/leads${lng === "en" ? "?lng=en" : ""}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-forwarded-for": addresses.current },
  });
/** The text of a field's error on the form's answer page. */
const fieldError = (html: string, name: string) => {
  const at = html.indexOf(`id="inquiry-${name}-error"`);
  return at === -1 ? "" : html.slice(at, at + 600);
};
/** The regions field's messages, however the answer keys them (need.regions, or an item of it). */
const regionErrors = (errors: Record<string, string[]>) =>
  Object.entries(errors)
    .filter(([k]) => k.startsWith("need.regions"))
    .flatMap(([, v]) => v)
    .join(" ");
const storedCodes = async (company: string) =>
  (await sql<{ codes: string[] }[]>`select lead->'need'->'regionCodes' as codes from leads where company_name = ${company}`).map(
    (r) => r.codes,
  );
let phoneN = 0;
const phone = () => `1371234${String(++phoneN).padStart(4, "0")}`;

describe("regions: zones are places", () => {
  const zones: [string, string[]][] = [
    ["江北新区", ["320111", "320113", "320116"]],
    ["南京市江北新区", ["320111", "320113", "320116"]],
    ["两江新区", ["500105", "500109", "500112"]],
    ["苏州高新区", ["320505"]],
    ["雄安新区", ["130629", "130632", "130638"]],
  ];
  for (const [typed, codes] of zones) {
    it(`the form and the API store “${typed}” as ${codes.join(", ")}`, async () => {
      const formCompany = `南京区域表单${typed}有限公司`;
      const res = await postForm(validLeadForm({ "need.regions": typed, "company.name": formCompany, "contact.phone": phone() }));
      expect(res.status, decode(await res.clone().text()).slice(0, 300)).toBe(303);
      expect(await storedCodes(formCompany)).toEqual([codes]);
      const apiCompany = `南京区域接口${typed}有限公司`;
      const lead = validLeadJson({ company: apiCompany, phone: phone() });
      const api = await postApi(JSON.stringify({ ...lead, need: { ...lead.need, regions: [typed] } }));
      expect(api.status, await api.clone().text()).toBe(201);
      expect(await storedCodes(apiCompany)).toEqual([codes]);
    });
  }

  it("an unknown zone is refused on need.regions with its own words, zh and en, on the form and the API", async () => {
    const form = decode(await (await postForm(validLeadForm({ "need.regions": "临港新片区", "contact.phone": phone() }))).text());
    expect(fieldError(form, "need.regions")).toContain("“临港新片区”像是开发区或新区的名称");
    const lead = validLeadJson({ phone: phone() });
    const body = JSON.stringify({ ...lead, need: { ...lead.need, regions: ["上海自贸区"] } });
    const zh = (await (await postApi(body)).json()) as { errors: Record<string, string[]> };
    expect(regionErrors(zh.errors)).toContain("“上海自贸区”像是开发区或新区的名称");
    expect(regionErrors(zh.errors)).toContain("上海市");
    const en = (await (await postApi(body, "en")).json()) as { errors: Record<string, string[]> };
    expect(regionErrors(en.errors)).toContain("looks like a development zone or new area we do not know yet");
  });

  it("“江北区” with the parks in 南京: 南京江北新区 is offered first, before 宁波 and 重庆", async () => {
    const lead = validLeadJson({ phone: phone() });
    const res = await postApi(JSON.stringify({ ...lead, need: { ...lead.need, regions: ["江北区"] } }));
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: Record<string, string[]> };
    const message = regionErrors(errors);
    expect(message.indexOf("南京江北新区")).toBeGreaterThan(-1);
    expect(message.indexOf("南京江北新区")).toBeLessThan(message.indexOf("宁波"));
    // Beside a region of 重庆 typed, 重庆's comes first.
    const beside = await postApi(JSON.stringify({ ...lead, need: { ...lead.need, regions: ["渝中区", "江北区"] } }));
    const m2 = regionErrors(((await beside.json()) as { errors: Record<string, string[]> }).errors);
    expect(m2.indexOf("重庆市江北区")).toBeLessThan(m2.indexOf("南京江北新区"));
  });
});

describe("phones from Hong Kong, Macau and Taiwan: refused, saying which numbers are taken", () => {
  const cases: [string, string, string][] = [
    ["+852 5123 4567", "这是香港的号码", "This is a Hong Kong number"],
    ["00853 6612 3456", "这是澳门的号码", "This is a Macau number"],
    ["+886 912 345 678", "这是台湾地区的号码", "This is a Taiwan number"],
    ["+1 650 253 0000", "这是境外的号码", "from outside mainland China"],
  ];
  for (const [typed, zh, en] of cases) {
    it(`${typed}: the form and the API, in zh and en; nothing stored`, async () => {
      const before = Number((await sql<{ n: string }[]>`select count(*) as n from leads`)[0].n);
      const zhForm = fieldError(decode(await (await postForm(validLeadForm({ "contact.phone": typed }))).text()), "contact.phone");
      expect(zhForm).toContain(zh);
      expect(zhForm).toContain("目前只能受理中国大陆的号码（手机、带区号的座机或 400/800）");
      const enForm = fieldError(decode(await (await postForm(validLeadForm({ "contact.phone": typed }), "en")).text()), "contact.phone");
      expect(enForm).toContain(en);
      const body = JSON.stringify(validLeadJson({ phone: typed }));
      const zhApi = (await (await postApi(body)).json()) as { errors: Record<string, string[]> };
      expect(zhApi.errors["contact.phone"].join(" ")).toContain(zh);
      const enApi = await postApi(body, "en");
      expect(enApi.status).toBe(400);
      expect(((await enApi.json()) as { errors: Record<string, string[]> }).errors["contact.phone"].join(" ")).toContain(
        "we can only take mainland China numbers",
      );
      expect(Number((await sql<{ n: string }[]>`select count(*) as n from leads`)[0].n)).toBe(before);
    });
  }

  it("an invalid number keeps the invalid message", async () => {
    const res = (await (await postApi(JSON.stringify(validLeadJson({ phone: "+852 1234" })))).json()) as {
      errors: Record<string, string[]>;
    };
    expect(res.errors["contact.phone"].join(" ")).toContain("请输入有效的手机号");
  });
});

describe("POST /api/leads: a JSON key written twice is refused, naming the field", () => {
  const lead = () => JSON.stringify(validLeadJson({ company: "南京重复键测试有限公司", phone: phone() }));
  const cases: [string, (text: string) => string, string, string[]][] = [
    ["two top-level need keys", (t) => t.replace(/^\{/, '{"need":{"kind":"land"},'), "need", []],
    ["two phones in contact", (t) => t.replace('"contact":{', '"contact":{"phone":"13912345678",'), "contact.phone", ["13912345678"]],
    [
      "an escaped phone beside the plain one",
      (t) => t.replace('"contact":{', '"contact":{"\\u0070hone":"13912345678",'),
      "contact.phone",
      ["13912345678"],
    ],
    ["two consents", (t) => t.replace(/\}$/, ',"consent":false}'), "consent", ["true", "false"]],
    ["two kinds deep in need", (t) => t.replace('"need":{', '"need":{"kind":"land",'), "need.kind", ["land", "factory"]],
  ];
  for (const [what, make, field, quoted] of cases) {
    it(`${what} → 400 on ${field}, nothing stored`, async () => {
      const before = Number((await sql<{ n: string }[]>`select count(*) as n from leads`)[0].n);
      const res = await postApi(make(lead()));
      expect(res.status).toBe(400);
      const { errors } = (await res.json()) as { errors: Record<string, string[]> };
      expect(Object.keys(errors)).toEqual([field]);
      expect(errors[field][0]).toMatch(/^此项收到了 2 个值（“.*”），请只保留一个后再提交$/);
      for (const q of quoted) expect(errors[field][0]).toContain(`“${q}”`);
      const en = (await (await postApi(make(lead()), "en")).json()) as { errors: Record<string, string[]> };
      expect(en.errors[field][0]).toMatch(/^This field was sent 2 times \(“.*”\); keep one value and send again$/);
      expect(Number((await sql<{ n: string }[]>`select count(*) as n from leads`)[0].n)).toBe(before);
    });
  }

  it("a normal body, and the same key in sibling objects, still pass", async () => {
    expect((await postApi(lead())).status).toBe(201);
    const l = validLeadJson({ company: "南京兄弟键测试有限公司", phone: phone() });
    const siblings = { ...l, company: { ...l.company, name: "南京兄弟键测试有限公司" }, contact: { ...l.contact, name: "王经理" } };
    expect((await postApi(JSON.stringify(siblings, null, 2))).status).toBe(201);
  });
});
