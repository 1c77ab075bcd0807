import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// attack40 #4 (the kind of #2 on the admin's inventory form): a choice posted as a word its column reads (厂房 for
// factory, 可租售 for available, 出租 for lease) while another admin changed that field was compared as typed with the
// stored code — a change this tab never made, refused as "changed meanwhile". A choice is merged by its code.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let admin = "";
let spaceId = "";

beforeAll(async () => {
  db = await createTestDatabase("attack40_inventory_choices");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword("attack40-管理-2026");
  await db.sql`insert into users (email, name, role, password_hash) values ('boss@example.test', '主管', 'admin', ${hash})`;
  admin = await webClient(web.url).signIn("boss@example.test", "attack40-管理-2026");
  [{ id: spaceId }] = await db.sql<{ id: string }[]>`select id from spaces where kind = 'factory' order by id limit 1`;
});
afterAll(() => web?.stop().then(() => db?.drop()));

/** The edit form as a browser sends it, every ticked box of a group as its own pair. */
function editForm(html: string): [string, string][] {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map(([f]) => f).find((f) => f.includes('name="base"'))!;
  const sent: [string, string][] = [];
  const un = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&");
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const attr = (a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(tag)?.[1];
    const name = attr("name");
    if (!name || (/type="(?:radio|checkbox)"/.test(tag) && !/checked=""/.test(tag))) continue;
    sent.push([name, un(attr("value") ?? "on")]);
  }
  for (const [, name, options] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    sent.push([name, un(/<option value="([^"]*)" selected="">/.exec(options)?.[1] ?? "")]);
  for (const [, name, text] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) sent.push([name, un(text)]);
  return sent;
}
const withField = (form: [string, string][], key: string, values: string[]) =>
  new URLSearchParams([...form.filter(([k]) => k !== key), ...values.map((v) => [key, v] as [string, string])]);

type Case = {
  key: "kind" | "status" | "deals";
  theirs: string[];
  mine: string[];
  status: 303 | 409;
  stored: string | string[];
  said?: string;
};
const CASES: Case[] = [
  { key: "kind", theirs: ["warehouse"], mine: ["厂房"], status: 303, stored: "warehouse" },
  { key: "kind", theirs: ["warehouse"], mine: ["FACTORY"], status: 303, stored: "warehouse" },
  { key: "kind", theirs: ["warehouse"], mine: ["仓储"], status: 303, stored: "warehouse" },
  { key: "kind", theirs: ["warehouse"], mine: ["办公"], status: 409, stored: "warehouse", said: "对方已保存为：仓库；本页为：办公" },
  { key: "status", theirs: ["reserved"], mine: ["可租售"], status: 303, stored: "reserved" },
  { key: "status", theirs: ["reserved"], mine: ["空置"], status: 303, stored: "reserved" },
  { key: "deals", theirs: ["buy"], mine: ["出租"], status: 303, stored: ["buy"] },
];

describe("the inventory form's choices spelt otherwise, changed meanwhile by another admin", () => {
  it("are merged by their codes: no conflict nobody caused, a real one said by labels", async () => {
    const client = webClient(web.url);
    const path = `/admin/spaces/${spaceId}`;
    for (const c of CASES) {
      await db.sql`update spaces set kind = 'factory', status = 'available', deals = '{lease}' where id = ${spaceId}`;
      const one = editForm(await (await client.get(path, admin)).text());
      const two = editForm(await (await client.get(path, admin)).text());
      const first = await client.post(path, withField(one, c.key, c.theirs), admin);
      expect(first.status, JSON.stringify(c)).toBe(303);
      const res = await client.post(path, withField(two, c.key, c.mine), admin);
      const html = await res.text();
      expect(res.status, JSON.stringify(c)).toBe(c.status);
      if (c.said) expect(html).toContain(c.said);
      const [row] = await db.sql<Record<string, unknown>[]>`select kind, status, deals from spaces where id = ${spaceId}`;
      expect(row[c.key], JSON.stringify(c)).toEqual(c.stored);
    }
  });
});
