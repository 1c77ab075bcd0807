import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadForm } from "../support/leads";
import { matchTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// Pages as the browser gets them, on every role's pages.
// - Every box, choice and list inside a form carries a name, so what a person picks is sent. The admin's
//   staff page once rendered its role choices and its recruiter list from a spread copy of the form
//   library's field metadata, which loses the getters behind `name`: "save" sent nothing, and saving the
//   link unlinked the recruiter.
// - No zero byte. React 18's streaming renderer sends its whole 2,048-byte buffer when a character of
//   three UTF-8 bytes does not fit in what is left of it: one or two zero bytes land inside the page. In an
//   attribute or a text box the browser shows them as "�", and a form sent back from such a page stored
//   the "�" with what was typed. What was typed must come back as typed.

const PASSWORD = "forms-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let ids: { recruiterUser: string; hotlineUser: string; lead: string; assignment: string };

beforeAll(async () => {
  db = await createTestDatabase("pages");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  const users = await db.sql<{ id: string; role: string }[]>`
    insert into users (email, name, role, recruiter_id, password_hash) values
      ('rec@example.test', '周敏', 'recruiter', 'R1', ${hash}),
      ('hot@example.test', '热线', 'hotline', null, ${hash}),
      ('adm@example.test', '管理员', 'admin', null, ${hash})
    returning id, role`;
  const lead = await storeTestLead(db.sql, "南京表单名称测试有限公司", "13812345670");
  await matchTestLead(db.sql, lead.id, "GC-EDZ");
  await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  const [{ id: assignment }] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${lead.id}`;
  ids = {
    recruiterUser: users.find((u) => u.role === "recruiter")!.id,
    hotlineUser: users.find((u) => u.role === "hotline")!.id,
    lead: lead.id,
    assignment,
  };
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** The form controls of a page that would send nothing: `<input>`, `<select>`, `<textarea>` inside a form, without a name. */
function unnamedControls(html: string): string[] {
  const found: string[] = [];
  for (const [form] of html.matchAll(/<form\b[\s\S]*?<\/form>/g))
    for (const [tag, attrs] of form.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
      if (/\btype="(?:submit|button|reset|image)"/.test(attrs)) continue;
      if (/\bdata-not-sent=""/.test(attrs)) continue; // a finding aid only (the industry search): nothing to send
      if (!/\bname="[^"]+"/.test(attrs)) found.push(tag);
    }
  return found;
}

/** Every role's pages with a form, each with the cookie of someone who may open it (signed out: none). */
async function rolePages(): Promise<[string, string | undefined][]> {
  const admin = await client.signIn("adm@example.test", PASSWORD);
  const hotline = await client.signIn("hot@example.test", PASSWORD);
  const recruiter = await client.signIn("rec@example.test", PASSWORD);
  return [
    ["/", undefined],
    ["/login", undefined],
    ["/hotline", hotline],
    [`/hotline/leads/${ids.lead}`, hotline],
    ["/queue", recruiter],
    [`/queue/assignments/${ids.assignment}`, recruiter],
    ["/admin", admin],
    ["/admin/staff", admin],
    [`/admin/staff/${ids.recruiterUser}`, admin],
    [`/admin/staff/${ids.hotlineUser}`, admin],
    ["/admin/leads", admin],
    [`/admin/leads/${ids.lead}`, admin],
    ["/admin/parks", admin],
    ["/admin/parks/GC-EDZ", admin],
    ["/admin/spaces", admin],
    ["/admin/spaces/S1", admin],
    ["/admin/recruiters", admin],
    ["/admin/recruiters/R1", admin],
    ["/admin/import", admin],
    ["/admin/office-hours", admin],
    ["/admin/privacy", admin],
    ["/admin/dead-letters", admin],
    ["/admin/dashboard", admin],
  ];
}

describe("form controls", () => {
  it("every control inside a form has a name, on the pages of every role", async () => {
    const pages = await rolePages();
    for (const [path, cookie] of pages) {
      const res = await client.get(path, cookie);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain("<form");
      expect(unnamedControls(html), path).toEqual([]);
    }
  });

  it("the staff page shows the account as it is: its role chosen and its recruiter selected", async () => {
    const admin = await client.signIn("adm@example.test", PASSWORD);
    const html = await (await client.get(`/admin/staff/${ids.recruiterUser}`, admin)).text();
    const roles = [...html.matchAll(/<input[^>]*name="role"[^>]*>/g)].map(([tag]) => tag);
    expect(roles.filter((tag) => tag.includes('checked=""')).map((tag) => /value="([^"]+)"/.exec(tag)?.[1])).toEqual(["recruiter"]);
    expect(html).toMatch(/<select[^>]*name="recruiterId"[\s\S]*?<option value="R1" selected="">/);
  });
});

const zeroBytes = (bytes: Uint8Array) => bytes.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("pages as bytes", () => {
  it("no page carries a zero byte: every role's pages, some in English too", async () => {
    const pages = await rolePages();
    const hotline = pages.find(([path]) => path === "/hotline")![1];
    pages.push(["/?lng=en", undefined], ["/hotline?lng=en", hotline]);
    for (const [path, cookie] of pages) {
      const res = await client.get(path, cookie);
      expect(res.status, path).toBe(200);
      expect(zeroBytes(await bytesOf(res)), path).toBe(0);
    }
  });

  it("a refused form comes back with every long Chinese value exactly as typed, at any offset in the page", async () => {
    // Values of many lengths move the buffer's edge through the page, so some three-byte character lands on it.
    for (let n = 40; n < 100; n += 7) {
      const location = "苏州工业园区精密电子科技股份有限公司华东分公司研发中心生产基地".repeat(4).slice(0, n);
      const title = "华东区域采购与基建项目负责人".repeat(3).slice(0, 10 + (n % 20));
      const res = await fetch(`${web.url}/?index`, {
        method: "POST",
        body: new URLSearchParams(validLeadForm({ "contact.phone": "12", "company.location": location, "contact.title": title })),
        redirect: "manual",
      });
      expect(res.status).toBe(400);
      const bytes = await bytesOf(res);
      expect(zeroBytes(bytes), `location of ${n} characters`).toBe(0);
      const html = new TextDecoder().decode(bytes);
      expect(html).not.toContain("\uFFFD");
      expect(html).toContain(`value="${location}"`);
      expect(html).toContain(`value="${title}"`);
    }
  });
});
