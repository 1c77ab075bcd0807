import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { needFormOf } from "../support/need-form";
import { routedTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// attack40 #2: the need form of either desk (the recruiter's correction page, the hotline's lead page) posted with a
// choice box spelt otherwise than its code — a word it goes by (租, 车间), another case or width (Lease, ＬＥＡＳＥ),
// invisible characters only — while another person changed that box: the "changed meanwhile" message looked the
// typed word up as a label and answered 500. A choice is merged and said by its code, as the schema reads it.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "attack40-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("attack40_desk_choices");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
  await db.sql`insert into users (email, name, role, password_hash) values
    ('desk@example.test', '坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
});
afterAll(() => web?.stop().then(() => db?.drop()));

const client = () => webClient(web.url);
let phone = 13700004000;
/** A lead of GC-EDZ routed to R1 (its first available space), nothing left in the outbox. */
async function heldByR1(company: string) {
  const spaces = await db.sql<{ id: string }[]>`select id from spaces where park_id = 'GC-EDZ' and status = 'available' order by id`;
  const lead = await routedTestLead(db.sql, { company, phone: String(phone++) }, spaces[0].id, "GC-EDZ");
  await db.sql`update outbox set done_at = now() where aggregate_id = ${lead.leadId} and done_at is null`;
  return lead;
}
const needOf = async (leadId: string) =>
  (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${leadId}`)[0].need;

type Case = { field: "need.deal" | "need.kind"; theirs: string; typed: string; status: 303 | 409; stored: string; said?: string };
const CASES: Case[] = [
  // The same choice as loaded, spelt otherwise: no change of this tab's, the other person's change stands.
  { field: "need.deal", theirs: "buy", typed: "租", status: 303, stored: "buy" },
  { field: "need.deal", theirs: "buy", typed: "Lease", status: 303, stored: "buy" },
  { field: "need.deal", theirs: "buy", typed: "ＬＥＡＳＥ", status: 303, stored: "buy" },
  { field: "need.deal", theirs: "buy", typed: " rent ", status: 303, stored: "buy" },
  { field: "need.kind", theirs: "warehouse", typed: "车间", status: 303, stored: "warehouse" },
  { field: "need.kind", theirs: "warehouse", typed: "FACTORY", status: 303, stored: "warehouse" },
  // The same change both made, spelt otherwise: no conflict.
  { field: "need.deal", theirs: "buy", typed: "购买", status: 303, stored: "buy" },
  // Another choice than theirs, spelt otherwise: both said, by their labels, nothing saved.
  { field: "need.deal", theirs: "buy", typed: "均可", status: 409, stored: "buy", said: "对方已保存为：购买；本页为：都可以" },
  // Invisible characters only: a box left blank, said as blank.
  { field: "need.deal", theirs: "buy", typed: "\u200b", status: 409, stored: "buy", said: "对方已保存为：购买；本页为：（空）" },
  { field: "need.deal", theirs: "buy", typed: "\u202e\u200d", status: 409, stored: "buy", said: "对方已保存为：购买；本页为：（空）" },
];

describe("a need form's choice spelt otherwise, changed meanwhile by another person", () => {
  for (const desk of ["recruiter", "hotline"] as const)
    it(`${desk}: merged and said by its code, never a 500`, async () => {
      const cookie = await client().signIn(desk === "recruiter" ? "zhoumin@example.test" : "desk@example.test", PASSWORD);
      for (const c of CASES) {
        const { leadId, assignmentId } = await heldByR1(`南京选项${desk}${CASES.indexOf(c)}机械有限公司`);
        const path = desk === "recruiter" ? `/queue/assignments/${assignmentId}/need` : `/hotline/leads/${leadId}`;
        const tab1 = needFormOf(await (await client().get(path, cookie)).text());
        const tab2 = needFormOf(await (await client().get(path, cookie)).text());
        const csrf = /name="csrf" value="([^"]+)"/.exec(await (await client().get(path, cookie)).text())![1];
        const first = await client().post(path, { ...tab1, [c.field]: c.theirs, intent: "need", csrf, note: "" }, cookie);
        expect(first.status, JSON.stringify(c)).toBe(303);
        const res = await client().post(path, { ...tab2, [c.field]: c.typed, intent: "need", csrf, note: "" }, cookie);
        const html = await res.text();
        expect(res.status, `${JSON.stringify(c)} ${html.slice(0, 200)}`).toBe(c.status);
        if (c.said) expect(html).toContain(c.said);
        expect((await needOf(leadId))[c.field.slice("need.".length)], JSON.stringify(c)).toBe(c.stored);
      }
    });
});
