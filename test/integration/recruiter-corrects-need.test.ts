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

// The recruiter holding a lead corrects its need as the enterprise said it on the phone
// (/queue/assignments/<id>/need): the hotline's form and save, their own call note, the lead matched
// again — and nobody else's lead, no closed assignment, nothing saved from a bad or stale form.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "recruiter-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("recruiter_need");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)}),
    ('wuhao@example.test', '吴昊', 'recruiter', 'R2', ${await hashPassword(PASSWORD)})`;
  await db.sql`insert into users (email, name, role, password_hash) values
    ('desk@example.test', '坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const client = () => webClient(web.url);
let phone = 13700005500;
/** A lead of R1's park GC-EDZ (4000–6000 ㎡ factory in 高淳区), routed to R1; nothing waiting in the outbox, as after the worker. */
async function heldByR1(company: string) {
  const [space] = await db.sql<
    { id: string }[]
  >`select id from spaces where park_id = 'GC-EDZ' and status = 'available' order by id limit 1`;
  const lead = await routedTestLead(db.sql, { company, phone: String(phone++) }, space.id, "GC-EDZ");
  expect(lead.recruiterId).toBe("R1");
  await db.sql`update outbox set done_at = now() where aggregate_id = ${lead.leadId} and done_at is null`;
  return lead;
}
const needOf = async (leadId: string) =>
  (await db.sql<{ need: Record<string, unknown> }[]>`select lead->'need' as need from leads where id = ${leadId}`)[0].need;
const rematches = async (leadId: string) =>
  (await db.sql`select 1 from outbox where topic = 'lead.match' and aggregate_id = ${leadId} and done_at is null`).length;

describe("/queue/assignments/<id>/need", () => {
  it("the recruiter corrects the need from the lead page: saved, their note kept, the lead matched again", async () => {
    const { leadId, assignmentId } = await heldByR1("南京更正需求精工机械有限公司");
    const cookie = await client().signIn("zhoumin@example.test", PASSWORD);
    const leadPage = await (await client().get(`/queue/assignments/${assignmentId}`, cookie)).text();
    expect(leadPage).toContain(`href="/queue/assignments/${assignmentId}/need"`);
    expect(leadPage).toContain("更正需求");

    const res = await client().get(`/queue/assignments/${assignmentId}/need`, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    const form = needFormOf(html);
    expect(form).toMatchObject({ "need.kind": "factory", "need.areaMin": "4000", "need.areaMax": "6000", "need.regions": "高淳区" });

    const saved = await client().post(
      `/queue/assignments/${assignmentId}/need`,
      {
        ...form,
        "need.areaMin": "8000",
        "need.areaMax": "10000",
        "need.notes": "配电要1000千伏安",
        note: "电话确认：扩产，要八千到一万平",
      },
      cookie,
    );
    expect(await followFlash(web.url, saved, cookie)).toEqual({
      location: `/queue/assignments/${assignmentId}`,
      role: "status",
      // The power came from the notes added in this edit, and the flash says so (ADR 109).
      text: "需求已更新，正在重新匹配。其中按本次新加的备注填入：配电 ≥ 1000kVA。",
      shownAgain: false,
    });
    expect(await needOf(leadId)).toMatchObject({
      areaMinSqm: 8000,
      areaMaxSqm: 10000,
      regions: ["高淳区"],
      ceilingMinM: 8,
      powerMinKva: 1000,
    });
    expect(await rematches(leadId)).toBe(1);
    expect(await db.sql`select reason from routing_events where lead_id = ${leadId} and event = 'rematch'`).toEqual([
      { reason: expect.objectContaining({ zh: expect.stringContaining("招商专员更正需求") }) },
    ]);
    expect(await db.sql`select body, source from lead_notes where lead_id = ${leadId}`).toEqual([
      { body: "电话确认：扩产，要八千到一万平", source: "recruiter" },
    ]);
  });

  it("a bad value is refused at its field in the recruiter's language, what was typed comes back, nothing saved", async () => {
    const { leadId, assignmentId } = await heldByR1("南京更正需求错值机械有限公司");
    const cookie = await client().signIn("zhoumin@example.test", PASSWORD);
    for (const [lng, word] of [
      ["zh", "面积"],
      ["en", "area"],
    ] as const) {
      const path = `/queue/assignments/${assignmentId}/need${lng === "en" ? "?lng=en" : ""}`;
      const form = needFormOf(await (await client().get(path, cookie)).text());
      const res = await client().post(path, { ...form, "need.areaMin": "很大一块", note: "" }, cookie);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("很大一块"); // the typing stays
      expect(html.toLowerCase()).toContain(word);
      expect(html).toMatch(/aria-invalid="true"/);
    }
    expect(await needOf(leadId)).toMatchObject({ areaMinSqm: 4000 });
    expect(await rematches(leadId)).toBe(0);
  });

  it("two tabs: the second save over a field the first changed says both values, saves nothing; saved again, it wins", async () => {
    const { leadId, assignmentId } = await heldByR1("南京更正需求两个页签机械有限公司");
    const cookie = await client().signIn("zhoumin@example.test", PASSWORD);
    const path = `/queue/assignments/${assignmentId}/need`;
    const tab1 = needFormOf(await (await client().get(path, cookie)).text());
    const tab2 = needFormOf(await (await client().get(path, cookie)).text());
    expect((await client().post(path, { ...tab1, "need.areaMin": "5000", note: "" }, cookie)).status).toBe(303);
    const refused = await client().post(path, { ...tab2, "need.areaMin": "4500", note: "" }, cookie);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("对方已保存为：5000；本页为：4500");
    expect(await needOf(leadId)).toMatchObject({ areaMinSqm: 5000 });
    const again = needFormOf(html);
    expect((await client().post(path, { ...again, note: "" }, cookie)).status).toBe(303);
    expect(await needOf(leadId)).toMatchObject({ areaMinSqm: 4500 });
  });

  it("is only for the recruiter holding the open assignment: another recruiter, the hotline, a closed or erased one get nothing", async () => {
    const { leadId, assignmentId } = await heldByR1("南京更正需求他人机械有限公司");
    const path = `/queue/assignments/${assignmentId}/need`;
    const owner = await client().signIn("zhoumin@example.test", PASSWORD);
    const form = needFormOf(await (await client().get(path, owner)).text());
    const csrf = form.csrf;

    const signedOut = await client().get(path);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toMatch(/^\/login\?next=/);
    const hotline = await client().signIn("desk@example.test", PASSWORD);
    expect((await client().get(path, hotline)).status).toBe(403);

    const other = await client().signIn("wuhao@example.test", PASSWORD);
    const otherPage = await client().get(path, other);
    expect(otherPage.status).toBe(404);
    expect(await otherPage.text()).toContain("不在您的在办分配里");
    const otherCsrf = await client().csrfOf("/queue", other);
    const crafted = await client().post(path, { ...form, csrf: otherCsrf, "need.areaMin": "1", note: "别人的通话" }, other);
    expect(crafted.status).toBe(409);
    expect(await needOf(leadId)).toMatchObject({ areaMinSqm: 4000 });
    expect(await db.sql`select 1 from lead_notes where lead_id = ${leadId}`).toHaveLength(0); // never theirs: nothing kept

    // Lost: the step is closed, the link gone, the page refused without a word of the lead.
    await db.sql`update assignments set status = 'lost' where id = ${assignmentId}`;
    expect(await (await client().get(`/queue/assignments/${assignmentId}`, owner)).text()).not.toContain(`${path}"`);
    const gone = await client().get(path, owner);
    expect(gone.status).toBe(404);
    const goneHtml = await gone.text();
    expect(goneHtml).toContain("不在您的在办分配里");
    expect(goneHtml).not.toContain("高淳区");
    // A save typed before it was lost: the need stays, the call note is kept on the lead, the typing comes back.
    const late = await client().post(path, { ...form, csrf, "need.areaMin": "7000", note: "电话里说要七千平" }, owner);
    expect(late.status).toBe(409);
    const lateHtml = await late.text();
    expect(lateHtml).toMatch(/name="need.areaMin"[^>]*value="7000"|value="7000"[^>]*name="need.areaMin"/);
    expect(lateHtml).toContain("电话里说要七千平");
    expect(lateHtml).toContain("您写的通话记录已保存在线索上");
    expect(await needOf(leadId)).toMatchObject({ areaMinSqm: 4000 });
    expect(await rematches(leadId)).toBe(0);
    expect(await db.sql`select body, source from lead_notes where lead_id = ${leadId}`).toEqual([
      { body: "电话里说要七千平", source: "recruiter" },
    ]);
  });

  it("a crafted post to an assignment not theirs (a field missing, sent twice, an empty body) is the same 409, never a 500", async () => {
    const { leadId, assignmentId } = await heldByR1("南京更正需求残缺表单有限公司");
    const path = `/queue/assignments/${assignmentId}/need`;
    const other = await client().signIn("wuhao@example.test", PASSWORD);
    const csrf = await client().csrfOf("/queue", other);
    const twice = new URLSearchParams({ csrf, intent: "need" });
    twice.append("need.notes", "要五千平");
    twice.append("need.notes", "要三千平");
    twice.append("need.kind", "land");
    twice.append("need.kind", "factory");
    const bodies: (Record<string, string> | URLSearchParams)[] = [
      { csrf, intent: "need", "need.kind": "land" },
      { csrf, note: "x" },
      { csrf },
      twice,
    ];
    for (const body of bodies) {
      const res = await client().post(path, body, other);
      expect(res.status, String(new URLSearchParams(body))).toBe(409);
      expect(await res.text()).toContain("不在您的在办分配里");
    }
    expect(await needOf(leadId)).toMatchObject({ areaMinSqm: 4000 });
    expect(await db.sql`select 1 from lead_notes where lead_id = ${leadId}`).toHaveLength(0);
  });

  it("in English: the link, the page and the saved message", async () => {
    const { assignmentId } = await heldByR1("南京更正需求英文机械有限公司");
    const cookie = await client().signIn("zhoumin@example.test", PASSWORD);
    expect(await (await client().get(`/queue/assignments/${assignmentId}?lng=en`, cookie)).text()).toContain("Correct the need");
    const path = `/queue/assignments/${assignmentId}/need?lng=en`;
    const html = await (await client().get(path, cookie)).text();
    expect(html).toContain("Correct the need · lead");
    const saved = await client().post(path, { ...needFormOf(html), "need.areaMax": "6500", note: "" }, cookie);
    expect((await followFlash(web.url, saved, cookie)).text).toBe("Need updated; the lead is being matched again.");
  });
});
