import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { needFormOf } from "../support/need-form";
import { routedTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// docs/decisions/109 through the real pages: a phone lead taken on the hotline desk with a changed mind
// and a deal in the caller's words; a stored need corrected with words added to the notes, on the
// recruiter's page and the hotline's lead page (one form, one save: app/hotline/need-edit*.ts).
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "notes-newer-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("notes_newer");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  // One recruiter (R1, who holds GC-EDZ's leads) and one hotline agent.
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${hash}), ('desk@example.test', '坐席', 'hotline', null, ${hash})`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const client = () => webClient(web.url);
const needOf = async (leadId: string) =>
  (
    await db.sql<{ lead: { need: Record<string, unknown>; tax: Record<string, unknown>; flags?: { field: string; code: string }[] } }[]>`
    select lead from leads where id = ${leadId}`
  )[0].lead;
let phone = 13700007700;
/** A lead of R1's park GC-EDZ (4000–6000 ㎡ factory in 高淳区, lease), routed to R1. */
async function heldByR1(company: string) {
  const [space] = await db.sql<
    { id: string }[]
  >`select id from spaces where park_id = 'GC-EDZ' and status = 'available' order by id limit 1`;
  return routedTestLead(db.sql, { company, phone: String(phone++) }, space.id, "GC-EDZ");
}

describe("the hotline desk takes a caller's changed mind and deal from the notes", () => {
  it("原来要5000平，现在要3000平；只租不买 → about 3000 ㎡, lease, nothing to check", async () => {
    const cookie = await client().signIn("desk@example.test", PASSWORD);
    const html = await (await client().get("/hotline", cookie)).text();
    const saved = await client().post(
      "/hotline",
      {
        csrf: /name="csrf" value="([^"]+)"/.exec(html)![1],
        formKey: /name="formKey" value="([^"]+)"/.exec(html)![1],
        intent: "save",
        "contact.phone": "+86 137-0000-7799",
        "company.name": "南京改主意机械有限公司",
        "contact.name": "钱经理",
        "need.kind": "factory",
        "need.notes": "原来要5000平，现在要3000平；只租不买，层高原来要8米，现在要10米",
        consent: "on",
      },
      cookie,
    );
    expect(saved.status).toBe(303);
    const [{ id }] = await db.sql<{ id: string }[]>`select id from leads where company_name = '南京改主意机械有限公司'`;
    const lead = await needOf(id);
    expect(lead.need).toMatchObject({ areaMinSqm: 2700, areaMaxSqm: 3300, deal: "lease", ceilingMinM: 10 });
    // Nothing to check; the refusal is a reading of its own (dealRefused, docs/decisions/162).
    expect((lead.flags ?? []).filter((f) => f.field.startsWith("need."))).toEqual([
      { field: "need.deal", code: "dealRefused", text: "只租不买" },
    ]);
  });
});

describe("a correction in words added to the notes (the recruiter's page, the hotline's lead page)", () => {
  it("sets the boxes left as loaded — area, deal, tax — says so after saving (zh), and a box changed wins", async () => {
    const { leadId, assignmentId } = await heldByR1("南京备注更正机械有限公司");
    const cookie = await client().signIn("zhoumin@example.test", PASSWORD);
    const path = `/queue/assignments/${assignmentId}/need`;
    const form = needFormOf(await (await client().get(path, cookie)).text());
    expect(form).toMatchObject({ "need.areaMin": "4000", "need.areaMax": "6000", "need.deal": "lease" });
    const notes = `${form["need.notes"] ?? ""}\n电话：面积改成3000平，只买不租，年纳税三百万，层高要10米`;
    const saved = await client().post(path, { ...form, "need.ceilingMinM": "9", "need.notes": notes, note: "电话更正" }, cookie);
    const flash = await followFlash(web.url, saved, cookie);
    expect(flash.text).toContain("按本次新加的备注填入");
    expect(flash.text).toContain("面积 2700㎡–3300㎡");
    expect(flash.text).toContain("购买");
    const lead = await needOf(leadId);
    expect(lead.need).toMatchObject({ areaMinSqm: 2700, areaMaxSqm: 3300, deal: "buy", ceilingMinM: 9 });
    expect(lead.tax.annualTaxWan).toBe(300);
    // The box the recruiter typed wins; the added words disagreeing with it are flagged, nothing else.
    // (The deal the added words refuse is a reading of its own: dealRefused, docs/decisions/162.)
    expect(
      (lead.flags ?? []).filter((f) => f.field.startsWith("need.") && f.code !== "dealRefused").map((f) => `${f.field}:${f.code}`),
    ).toEqual(["need.ceilingMinM:notesDiffer"]);
  });

  it("the hotline lead page: nothing added, nothing set over the boxes; a refused post shows what the added words will set (en)", async () => {
    const { leadId } = await heldByR1("南京热线备注更正机械有限公司");
    const cookie = await client().signIn("desk@example.test", PASSWORD);
    const path = `/hotline/leads/${leadId}`;
    const page = await (await client().get(path, cookie)).text();
    const form = needFormOf(page);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    const same = await client().post(path, { ...form, csrf, note: "" }, cookie);
    expect((await followFlash(web.url, same, cookie)).text).toBe("需求已更新，正在重新匹配。");
    expect((await needOf(leadId)).need).toMatchObject({ areaMinSqm: 4000, areaMaxSqm: 6000, deal: "lease" });

    const again = needFormOf(await (await client().get(path, cookie)).text());
    const refused = await client().post(
      `${path}?lng=en`,
      {
        ...again,
        csrf,
        "need.regions": "火星区",
        "need.notes": `${again["need.notes"] ?? ""} was 5000 sqm, now 3000; want to buy`,
        note: "",
      },
      cookie,
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('data-assist-line="newer"');
    expect(html).toContain("The notes added in this edit are newer than the boxes above");
    expect(html).toContain("deal: buy");
    expect((await needOf(leadId)).need).toMatchObject({ areaMinSqm: 4000, deal: "lease" });
  });
});
