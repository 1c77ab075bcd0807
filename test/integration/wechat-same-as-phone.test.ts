import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { migrate } from "~/db/migrate.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// M7 (docs/decisions/190), through the real web process and Postgres: a WeChat that is the phone is stored as a marker,
// whatever language it was typed in; the recruiter's page says it in the page's language, the API gives the number;
// "same as phone" beside a landline or a 400/800 number is refused at its box (4xx, typing kept, nothing stored);
// migration 108 turns the words stored before into the marker.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "zhoumin-微信-2026";
let cookie = "";
const auth = () => ({ authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` });

beforeAll(async () => {
  db = await createTestDatabase("wechat_same_as_phone");
  const [started, imported] = await Promise.all([startWebServer({ DATABASE_URL: db.url }), importInventory(db.sql, demoInventory())]);
  web = started;
  expect(imported.ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
  const res = await fetch(`${web.url}/login`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ email: "zhoumin@example.test", password: PASSWORD }),
  });
  cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

function postApi(body: unknown, lng: "zh-CN" | "en" = "zh-CN") {
  return fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": lng },
    body: JSON.stringify(body),
  });
}
const leadCount = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from leads`)[0].n;
const contactOf = async (id: string) =>
  (await db.sql<{ contact: Record<string, unknown> }[]>`select lead -> 'contact' as contact from leads where id = ${id}`)[0].contact;

/** The lead offered to R1 at GC-EDZ, as the worker would; the assignment's id. */
async function routed(leadId: string): Promise<string> {
  const [space] = await db.sql<
    { id: string }[]
  >`select id from spaces where park_id = 'GC-EDZ' and status = 'available' order by id limit 1`;
  await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by) values (${leadId}, ${space.id}, 'GC-EDZ', 70, '[]', 'lead')`;
  await db.sql.begin((tx) => routeLead(tx, leadId, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  return (await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${leadId}`)[0].id;
}
/** The WeChat row of the recruiter's assignment page. */
async function wechatRow(assignmentId: string, lng: "zh" | "en"): Promise<string | null> {
  const html = await (
    await fetch(`${web.url}/queue/assignments/${assignmentId}${lng === "en" ? "?lng=en" : ""}`, { headers: { cookie } })
  ).text();
  const label = lng === "en" ? "WeChat" : "微信";
  return new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`).exec(html)?.[1] ?? null;
}

describe("stored as a marker, read in the reader's language", () => {
  it.each([
    ["zh-CN", "同手机号"],
    ["en", "same as phone"],
    ["en", "微信同號"],
    ["zh-CN", "ｓａｍｅ　ａｓ　ｍｏｂｉｌｅ"],
  ] as const)("API (%s) WeChat %j: the marker; the page says it in its own language; the API gives the number", async (lng, wechat) => {
    const res = await postApi(
      {
        ...validLeadJson({ company: `南京微信同号${wechat.length}${lng}有限公司` }),
        contact: { name: "王经理", phone: "13812345678", wechat },
      },
      lng,
    );
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const contact = await contactOf(id);
    expect(contact).toMatchObject({ wechatSameAsPhone: true });
    expect(contact.wechat).toBeUndefined();
    const assignment = await routed(id);
    expect(await wechatRow(assignment, "zh")).toBe("同手机号");
    expect(await wechatRow(assignment, "en")).toBe("same as the phone number");
    const view = await (await fetch(`${web.url}/api/leads/${id}`, { headers: auth() })).json();
    expect(view.lead.contact).toMatchObject({ phone: "+8613812345678", wechat: "+8613812345678", wechatSameAsPhone: true });
  });

  it("the public form (zh) with 手机同号, read on the English page", async () => {
    const res = await fetch(`${web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({ "company.name": "南京表单手机同号有限公司", "contact.phone": "13812345601", "contact.wechat": "手机同号" }),
      ),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const [{ id }] = await db.sql<{ id: string }[]>`select id from leads where company_name = '南京表单手机同号有限公司'`;
    expect(await contactOf(id)).toMatchObject({ wechatSameAsPhone: true });
    expect(await wechatRow(await routed(id), "en")).toBe("same as the phone number");
  });

  it("a WeChat ID is shown as typed on both pages, and given as typed by the API", async () => {
    const res = await postApi(
      { ...validLeadJson({ company: "南京微信号有限公司" }), contact: { name: "王经理", phone: "13812345602", wechat: "wang_88" } },
      "en",
    );
    const { id } = await res.json();
    const assignment = await routed(id);
    expect(await wechatRow(assignment, "en")).toBe("wang_88");
    expect(await wechatRow(assignment, "zh")).toBe("wang_88");
    const view = await (await fetch(`${web.url}/api/leads/${id}`, { headers: auth() })).json();
    expect(view.lead.contact.wechat).toBe("wang_88");
    expect(view.lead.contact.wechatSameAsPhone).toBeUndefined();
  });
});

describe("“same as phone” beside a landline or a 400/800 number: refused at its box, nothing stored", () => {
  it.each([
    ["zh-CN", "025-83456789", "同手机号", "所填电话是座机"],
    ["en", "025-83456789", "same as phone", "The phone given is a landline"],
    ["zh-CN", "400-820-8820", "微信同號", "所填电话是 400/800 号码"],
    ["en", "４００８２０８８２０", "Same as my mobile", "The phone given is a 400/800 number"],
  ] as const)("API (%s) %s + %j: 400 on contact.wechat", async (lng, phone, wechat, message) => {
    const before = await leadCount();
    const res = await postApi({ ...validLeadJson(), contact: { name: "王经理", phone, wechat } }, lng);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(JSON.stringify(body)).toContain(message);
    expect(JSON.stringify(body)).toContain("contact.wechat");
    expect(await leadCount()).toBe(before);
  });

  it("API: the phone's own note “（微信同号）” beside a landline: 400 on contact.phone", async () => {
    const before = await leadCount();
    const res = await postApi({ ...validLeadJson(), contact: { name: "王经理", phone: "025-83456789（微信同号）" } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/contact\.phone.*座机号没有微信/);
    expect(await leadCount()).toBe(before);
  });

  it.each([
    ["zh", "同手机号", "所填电话是座机，座机号没有微信"],
    ["en", "same as phone", "The phone given is a landline, which has no WeChat"],
  ] as const)(
    "the public form (%s, no JavaScript): 400, the message at the WeChat box, what was typed kept",
    async (lng, wechat, message) => {
      const before = await leadCount();
      const res = await fetch(`${web.url}/?index${lng === "en" ? "&lng=en" : ""}`, {
        method: "POST",
        body: new URLSearchParams(
          validLeadForm({ "company.name": "南京座机同号有限公司", "contact.phone": "025-83456789", "contact.wechat": wechat }),
        ),
        redirect: "manual",
      });
      expect(res.status).toBe(400);
      const html = (await res.text()).replace(/&quot;/g, '"');
      expect(html).toContain(message);
      expect(html).toMatch(new RegExp(`name="contact.wechat"[^>]*value="${wechat}"|value="${wechat}"[^>]*name="contact.wechat"`));
      expect(html).toContain("南京座机同号有限公司");
      expect(await leadCount()).toBe(before);
    },
  );
});

describe("migration 108", () => {
  it("turns the words stored before into the marker, once; IDs stay", async () => {
    const stored: Record<string, string> = {};
    for (const [key, wechat, phone] of [
      ["zhWords", "同手机号", "13812345611"],
      ["enWords", "same as the phone number", "13812345612"],
      ["typedTraditional", "微信同號", "13812345613"],
      ["typedEnglish", "Same as phone", "13812345614"],
      ["landline", "同手机号", "025-83456789"],
      ["id", "wang_88", "13812345615"],
      ["none", "", "13812345616"],
    ]) {
      const res = await postApi({ ...validLeadJson({ company: `南京迁移${key}有限公司`, phone }) });
      expect(res.status).toBe(201);
      const { id } = await res.json();
      stored[key] = id;
      // As a lead stored before 108 kept it: the words in contact.wechat, no marker.
      if (wechat) await db.sql`update leads set lead = jsonb_set(lead, '{contact,wechat}', to_jsonb(${wechat}::text)) where id = ${id}`;
    }
    const updatedAt = async () => (await db.sql<{ at: Date }[]>`select max(updated_at) as at from leads`)[0].at.getTime();
    const before = await updatedAt();
    await db.sql`delete from schema_migrations where version = '108-wechat-same-as-phone-marker.sql'`;
    expect(await migrate(db.url)).toEqual(["108-wechat-same-as-phone-marker.sql"]);
    for (const key of ["zhWords", "enWords", "typedTraditional", "typedEnglish", "landline"]) {
      const contact = await contactOf(stored[key]);
      expect(contact, key).toMatchObject({ wechatSameAsPhone: true });
      expect(contact.wechat, key).toBeUndefined();
    }
    expect(await contactOf(stored.id)).toMatchObject({ wechat: "wang_88" });
    expect((await contactOf(stored.id)).wechatSameAsPhone).toBeUndefined();
    expect((await contactOf(stored.none)).wechatSameAsPhone).toBeUndefined();
    expect(await updatedAt()).toBe(before);
    // Once: a later start changes nothing.
    await db.sql`update leads set lead = jsonb_set(lead, '{contact,wechat}', '"同手机号"') where id = ${stored.id}`;
    expect(await migrate(db.url)).toEqual([]);
    expect((await contactOf(stored.id)).wechat).toBe("同手机号");
  });
});
