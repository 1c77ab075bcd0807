import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// An attack (2026-12-04): notes that say a figure is not needed became a hard minimum (F3), and places
// the enterprise rules out were ignored silently (F4). Through the real intake paths — POST /api/leads,
// the public form, the hotline desk — to the stored lead, its flags and the pages that show them
// (docs/decisions/110).
const TOKEN = process.env.ADMIN_API_TOKEN!;
const PASSWORD = "notes-rule-out-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("notes_rule_out");
  web = await startWebServer({ DATABASE_URL: db.url });
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)})`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

type Stored = { need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] };

async function postNotes(company: string, notes: string): Promise<Stored & { id: string }> {
  const body = { ...validLeadJson({ company }), need: { kind: "factory", deal: "lease", areaMin: "3000", notes } };
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  const [row] = await db.sql<Stored[]>`select lead->'need' as need, lead->'flags' as flags from leads where id = ${id}`;
  return { ...row, id };
}

const SPEC = ["craneMinT", "ceilingMinM", "powerMinKva", "floorLoadMinKg"];

describe("F3: a figure the notes say is not needed, or the enterprise's own, is no requirement", () => {
  it.each([
    ["不需要行车，我们自己有10吨行车", "ownPremises", "我们自己有10吨行车"],
    ["不要求层高，原厂房层高12米", "ownPremises", "原厂房层高12米"],
    ["不需要配电，有自己的变压器800kva", "ownPremises", "有自己的变压器800kva"],
    ["自带变压器800kva，不用园区配电", "ownPremises", "自带变压器800kva"],
    ["行车不需要，有10吨行车也没关系", "notNeeded", "有10吨行车也没关系"],
  ])("POST /api/leads %s → no spec figure stored, a %s reading", async (notes, code, text) => {
    const lead = await postNotes(`南京不需要测试${code}${text.length}有限公司`, notes);
    for (const f of SPEC) expect(lead.need[f]).toBeUndefined();
    expect(lead.flags).toContainEqual({ field: "need.notes", code, text });
    expect(lead.flags.filter((f) => f.code === "unread")).toEqual([]);
  });

  it("the public form stores the same, and the admin's lead page shows the reading under 另读到", async () => {
    const company = "南京自带行车表单测试有限公司";
    const res = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "company.name": company, "need.notes": "不需要行车，我们自己有10吨行车" })),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const [row] = await db.sql<
      (Stored & { id: string })[]
    >`select id, lead->'need' as need, lead->'flags' as flags from leads where company_name = ${company}`;
    expect(row.need.craneMinT).toBeUndefined();
    const html = await (await fetch(`${web.url}/admin/leads/${row.id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(html).toContain("企业自有或现有厂房的情况（未作为需求）：我们自己有10吨行车");
  });
});

describe("F4: places the notes rule out never become wanted ones and are told", () => {
  it.each([
    ["不要高淳的，溧水可以", ["320117"], "placeExcluded:高淳"],
    ["高淳不考虑，溧水可以", ["320117"], "placeExcluded:高淳"],
    ["只要溧水，高淳不要", ["320117"], "placeExcluded:高淳"],
    ["除了高淳都行", [], "placeExcludedOpen:高淳"],
    ["不考虑江宁", [], "placeExcludedOpen:江宁"],
    ["高淳太远了，最好溧水", [], "placeExcludedOpen:高淳"],
  ])("POST /api/leads %s → regions %j, flag %s", async (notes, codes, flag) => {
    const lead = await postNotes(`南京区域排除测试${notes.length}${codes.length}${flag.length}有限公司`, notes);
    expect(lead.need.regionCodes).toEqual(codes);
    expect(lead.flags.map((f) => `${f.code}:${f.text}`)).toContain(flag);
  });

  it("the hotline desk: the preview says it while the caller is on the line, the save stores it (and F3's)", async () => {
    const client = webClient(web.url);
    const login = await client.post("/login", { email: "desk@example.test", password: PASSWORD });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const html = await (await fetch(`${web.url}/hotline`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1];
    const notes = "不要高淳的，溧水可以";
    const preview = await client.post("/hotline/matches", { csrf, "need.kind": "factory", "need.notes": notes }, cookie);
    expect(await preview.json()).toMatchObject({
      places: { notes, understood: "意向区域 江苏省南京市溧水区", unread: "不要的区域：高淳" },
    });
    const open = await client.post("/hotline/matches?lng=en", { csrf, "need.kind": "factory", "need.notes": "除了高淳都行" }, cookie);
    expect((await open.json()).places.unread).toMatch(/^places ruled out: 高淳 \(Preferred districts is still blank/);

    const company = "南京热线排除高淳机械有限公司";
    const save = await client.post(
      "/hotline",
      {
        csrf,
        formKey,
        intent: "save",
        "contact.phone": "13700005551",
        "company.name": company,
        "contact.name": "王经理",
        "need.kind": "factory",
        "need.notes": notes,
        consent: "on",
      },
      cookie,
    );
    expect(save.status).toBe(303);
    const [row] = await db.sql<Stored[]>`select lead->'need' as need, lead->'flags' as flags from leads where company_name = ${company}`;
    expect(row.need).toMatchObject({ regions: ["溧水"], regionCodes: ["320117"] });
    expect(row.flags).toContainEqual({ field: "need.notes", code: "placeExcluded", text: "高淳" });

    // F3 on the desk: the own transformer is no requirement, and the save says why.
    const again = await (await fetch(`${web.url}/hotline`, { headers: { cookie } })).text();
    const ownCompany = "南京热线自带变压器机械有限公司";
    const own = await client.post(
      "/hotline",
      {
        csrf: /name="csrf" value="([^"]+)"/.exec(again)![1],
        formKey: /name="formKey" value="([^"]+)"/.exec(again)![1],
        intent: "save",
        "contact.phone": "13700005552",
        "company.name": ownCompany,
        "contact.name": "王经理",
        "need.kind": "factory",
        "need.notes": "自带变压器800kva，不用园区配电",
        consent: "on",
      },
      cookie,
    );
    expect(own.status).toBe(303);
    const [ownRow] = await db.sql<
      Stored[]
    >`select lead->'need' as need, lead->'flags' as flags from leads where company_name = ${ownCompany}`;
    expect(ownRow.need.powerMinKva).toBeUndefined();
    expect(ownRow.flags).toContainEqual({ field: "need.notes", code: "ownPremises", text: "自带变压器800kva" });
  });
});
