import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// attack40 #7: the hotline's "this number already has open leads — confirm it is a new need" check read the leads
// before the new one was stored, outside any lock, so saves of one new caller at once from two tabs or two agents
// all passed it: 3 at once → 3 leads, each matched and offered. The check and the store now run one save of a
// number at a time (app/hotline/caller-lock.server.ts): the first stores, the others are asked to confirm (409).
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "hotline-一次-2026";
const cookies: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("hotline_one_save");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values
    ('desk1@example.test', '坐席甲', 'hotline', ${await hashPassword(PASSWORD)}),
    ('desk2@example.test', '坐席乙', 'hotline', ${await hashPassword(PASSWORD)})`;
  for (const email of ["desk1@example.test", "desk2@example.test"]) cookies.push(await webClient(web.url).signIn(email, PASSWORD));
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** One agent's save of a new caller from a page of their own (its own form key), as the desk's form posts it. */
async function save(agent: number, phone: string, company: string): Promise<{ status: number; body: string }> {
  const cookie = cookies[agent % cookies.length];
  const html = await (await fetch(`${web.url}/hotline`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
  const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1];
  const res = await webClient(web.url).post(
    "/hotline",
    {
      csrf,
      formKey,
      intent: "save",
      "contact.phone": phone,
      "contact.name": "王经理",
      "company.name": company,
      "need.kind": "factory",
      "need.areaMin": "3000",
      consent: "on",
    },
    cookie,
  );
  return { status: res.status, body: await res.text() };
}

const leadsOf = async (main: string) =>
  (await db.sql<{ reference: string }[]>`select reference from leads where split_part(phone, ';', 1) = ${main}`).map((r) => r.reference);

describe("saves of one new caller at once", () => {
  it.each([
    ["one mobile typed three ways by two agents", "+8613700005551", ["13700005551", "137 0000 5551", "+86 137-0000-5551"]],
    ["one landline, extensions apart", "+862583455552", ["025-83455552", "025 8345 5552 转 12", "(025)83455552-8"]],
  ])("%s: one lead, the others asked to confirm a new need", async (_what, main, typed) => {
    const answers = await Promise.all(typed.map((phone, i) => save(i, phone, `南京同号并发${main.slice(-4)}机械有限公司`)));
    const leads = await leadsOf(main);
    expect(leads).toHaveLength(1);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body).toContain(leads[0]);
  });

  it("saves of different numbers at once are not held up by each other: each stores its lead", async () => {
    const phones = ["13700005561", "13700005562", "13700005563", "13700005564"];
    const answers = await Promise.all(phones.map((phone, i) => save(i, phone, `南京异号并发${i}机械有限公司`)));
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303, 303]);
    for (const phone of phones) expect(await leadsOf(`+86${phone}`)).toHaveLength(1);
  });

  it("a confirmed new need of a known caller is stored beside the first (the check still asks, the confirmation still stores)", async () => {
    expect((await save(0, "13700005571", "南京确认新需求机械有限公司")).status).toBe(303);
    expect((await save(1, "137 0000 5571", "南京确认新需求机械有限公司")).status).toBe(409);
    const cookie = cookies[1];
    const html = await (await fetch(`${web.url}/hotline`, { headers: { cookie } })).text();
    const res = await webClient(web.url).post(
      "/hotline",
      {
        csrf: /name="csrf" value="([^"]+)"/.exec(html)![1],
        formKey: /name="formKey" value="([^"]+)"/.exec(html)![1],
        intent: "save",
        newNeed: "on",
        "contact.phone": "13700005571",
        "contact.name": "王经理",
        "company.name": "南京确认新需求机械有限公司",
        "need.kind": "warehouse",
        "need.areaMin": "2000",
        consent: "on",
      },
      cookie,
    );
    expect(res.status).toBe(303);
    expect(await leadsOf("+8613700005571")).toHaveLength(2);
  });
});
