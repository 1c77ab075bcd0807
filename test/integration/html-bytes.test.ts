import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadForm } from "../support/leads";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// React 18's streaming renderer sends its whole 2,048-byte buffer when a character of three UTF-8 bytes
// does not fit in what is left of it: one or two zero bytes land inside the page. In an attribute or a
// text box the browser shows them as "�", and a form sent back from such a page stored the "�" with
// what was typed. Every page is read here as bytes, and what was typed must come back as typed.

const PASSWORD = "bytes-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;

beforeAll(async () => {
  db = await createTestDatabase("html_bytes");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`
    insert into users (email, name, role, recruiter_id, password_hash) values
      ('hot@example.test', '热线', 'hotline', null, ${hash}),
      ('adm@example.test', '管理员', 'admin', null, ${hash})`;
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const zeroBytes = (bytes: Uint8Array) => bytes.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("pages as bytes", () => {
  it("no page carries a zero byte: the form, the hotline desk and the admin's pages, in Chinese and English", async () => {
    const hotline = await client.signIn("hot@example.test", PASSWORD);
    const admin = await client.signIn("adm@example.test", PASSWORD);
    const pages: [string, string | undefined][] = [
      ["/", undefined],
      ["/?lng=en", undefined],
      ["/hotline", hotline],
      ["/hotline?lng=en", hotline],
      ["/admin", admin],
      ["/admin/leads", admin],
      ["/admin/privacy", admin],
    ];
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
