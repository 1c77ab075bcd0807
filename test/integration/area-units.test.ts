import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { startApiWebServer, startWebServer } from "../support/services";

// The area as stored through the public form and the JSON API (docs/decisions/084): a bare bound beside a
// bound written with its unit takes that unit, and a size implausible for the kind is flagged to staff.
const TOKEN = process.env.ADMIN_API_TOKEN!;
let sql: Sql;
let drop: () => Promise<void>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  const db = await createTestDatabase("area_units");
  sql = db.sql;
  drop = db.drop;
  web = await startApiWebServer(db.url);
});
afterAll(async () => {
  await web?.stop();
  await drop?.();
});

type StoredNeed = { areaUnit: string; areaMin?: number; areaMax?: number; areaMinSqm?: number; areaMaxSqm?: number };
async function storedLead(company: string) {
  const [row] = await sql<{ lead: { need: StoredNeed; flags: { field: string; code: string; text: string }[] } }[]>`
    select lead from leads where company_name = ${company}`;
  return row.lead;
}

describe("the wanted area as stored", () => {
  it("public form, 平方米 chosen: min 50, max 80亩 is stored as 50–80 亩 with no flag", async () => {
    const company = "南京五十亩表单测试有限公司";
    const body = new URLSearchParams(
      validLeadForm({
        "company.name": company,
        "need.kind": "land",
        "need.deal": "buy",
        "need.areaUnit": "sqm",
        "need.areaMin": "50",
        "need.areaMax": "80亩",
      }),
    );
    const res = await fetch(`${web.url}/?index`, { method: "POST", body, redirect: "manual" });
    expect(res.status).toBe(303);
    const lead = await storedLead(company);
    expect(lead.need).toMatchObject({ areaUnit: "sqm", areaMinSqm: 33333.33, areaMaxSqm: 53333.33 });
    expect(lead.flags).toEqual([]);
  });

  it("POST /api/leads: min 30亩 (full-width, Traditional 畝), max 50 is 30–50 亩", async () => {
    const company = "南京三十亩接口测试有限公司";
    const base = validLeadJson({ company });
    const res = await fetch(`${web.url}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...base, need: { kind: "land", deal: "buy", areaUnit: "sqm", areaMin: "３０畝", areaMax: "50" } }),
    });
    expect(res.status).toBe(201);
    expect((await storedLead(company)).need).toMatchObject({ areaMinSqm: 20000, areaMaxSqm: 33333.33 });
  });

  it("POST /api/leads: a factory of 5000–8000 亩 is kept and both bounds are flagged; GET /api/leads/<id> returns the flags", async () => {
    const company = "南京五千亩厂房测试有限公司";
    const base = validLeadJson({ company });
    const res = await fetch(`${web.url}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...base, need: { kind: "factory", deal: "lease", areaUnit: "mu", areaMin: "5000", areaMax: "8000" } }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const lead = await storedLead(company);
    expect(lead.need).toMatchObject({ areaUnit: "mu", areaMin: 5000, areaMax: 8000, areaMinSqm: 3333333.33 });
    const expected = [
      { field: "need.areaMin", code: "areaForKind", text: "5000亩 = 3333333.33㎡" },
      { field: "need.areaMax", code: "areaForKind", text: "8000亩 = 5333333.33㎡" },
    ];
    expect(lead.flags).toEqual(expected);
    const got = await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(got.status).toBe(200);
    expect((await got.json()).lead.flags).toEqual(expected);
  });

  it("public form: a factory of 30 平方米 is kept and flagged", async () => {
    const company = "南京三十平厂房测试有限公司";
    const body = new URLSearchParams(validLeadForm({ "company.name": company, "need.areaUnit": "sqm", "need.areaMin": "30" }));
    const res = await fetch(`${web.url}/?index`, { method: "POST", body, redirect: "manual" });
    expect(res.status).toBe(303);
    expect((await storedLead(company)).flags).toEqual([{ field: "need.areaMin", code: "areaForKind", text: "30㎡" }]);
  });

  it("public form: notes 其实要50亩地 beside 2000–3000 平方米 keep the fields and flag the notes", async () => {
    const company = "南京备注五十亩测试有限公司";
    const body = new URLSearchParams(
      validLeadForm({
        "company.name": company,
        "need.areaMin": "2000",
        "need.areaMax": "3000",
        "need.notes": "其实要50亩地",
      }),
    );
    const res = await fetch(`${web.url}/?index`, { method: "POST", body, redirect: "manual" });
    expect(res.status).toBe(303);
    const lead = await storedLead(company);
    expect(lead.need).toMatchObject({ areaMinSqm: 2000, areaMaxSqm: 3000 });
    expect(lead.flags).toEqual([{ field: "need.notes", code: "notesDiffer", text: "50亩 ≠ 2000–3000㎡" }]);
  });
});
