import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";
import { createMailer } from "~/notify/mailer.server";

import { createSearchClient } from "../../search/client";
import { deliverNotices } from "../../worker/deliver-notices";
import type { JobContext } from "../../worker/job-context";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// The hotline desk: the call tasks the system creates (hand-over to a hotline recruiter, call-back of
// an unmatched enterprise), worked from /hotline with an outcome per call.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let ctx: JobContext;
const PASSWORD = "hotline-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("hotline");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)}),
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
  ctx = {
    sql: db.sql,
    search: createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!),
    indexNames: { leads: "unused", spaces: "unused", parks: "unused" },
    mailer: createMailer({ outboxDir: mkdtempSync(join(tmpdir(), "pm-hotline-")) }),
    appUrl: "http://localhost",
    routing: { slaMinutes: 120, noticeFallbackMs: 90_000 },
    noticeRetry: { budgetMs: 3_600_000, baseMs: 100, capMs: 1_000 },
    sendLeaseMs: 12_000,
  };
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** A lead routed as the worker would: matched to a 东坝 (GC-DB) space → R2, who works by phone; or matched nowhere. */
async function routed(company: string, park: "GC-DB" | null): Promise<{ leadId: string; reference: string }> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company }));
  const { id, reference } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  if (park) {
    const [space] = await db.sql<{ id: string }[]>`select id from spaces where park_id = ${park} order by id limit 1`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${id}, ${space.id}, ${park}, 70, ${db.sql.json([{ zh: "面积合适", en: "size fits", kind: "fit" }] as never)}, 'lead')`;
  }
  const { notices } = await db.sql.begin((tx) => routeLead(tx, id, ctx.routing));
  await deliverNotices(ctx, notices); // the hand-over task, as the worker creates it
  return { leadId: id, reference };
}

function post(path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${web.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form),
  });
}
async function signIn(email: string): Promise<{ cookie: string; location: string }> {
  const res = await post("/login", { email, password: PASSWORD });
  expect(res.status).toBe(303);
  return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0], location: res.headers.get("location") ?? "" };
}
const page = async (cookie: string, path = "/hotline") =>
  (await fetch(`${web.url}${path}`, { redirect: "manual", headers: { cookie } })).text();
const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
const taskOf = async (leadId: string, kind: string) =>
  (
    await db.sql<{ id: string; status: string; due_later: boolean; attempts: number }[]>`
    select id, status, due_at > now() + interval '20 minutes' as due_later, attempts from call_tasks where lead_id = ${leadId} and kind = ${kind}`
  )[0];

describe("/hotline", () => {
  it("is for hotline staff (and admins): signed out → /login, a recruiter → 403; hotline staff land on it after signing in", async () => {
    const signedOut = await fetch(`${web.url}/hotline`, { redirect: "manual" });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe("/login?next=%2Fhotline");
    const recruiter = await signIn("zhoumin@example.test");
    expect((await fetch(`${web.url}/hotline`, { redirect: "manual", headers: { cookie: recruiter.cookie } })).status).toBe(403);
    expect((await signIn("desk@example.test")).location).toBe("/hotline");
  });

  it("lists the hand-over (the recruiter's phone, the script) and the call-back (the enterprise's phone), due now", async () => {
    const handover = await routed("南京热线转交机械有限公司", "GC-DB");
    const callback = await routed("南京热线回访机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const html = await page(cookie);
    expect(html).toContain("转交专员");
    expect(html).toContain("回访企业");
    expect(html).toContain('href="tel:+8613900000002"'); // R2, the hotline recruiter
    expect(html).toContain('href="tel:+8613812345678"'); // the enterprise
    expect(html).toContain(`转交线索 ${handover.reference}`);
    expect(html).toContain(`回访 ${callback.reference}`);
    expect(html).toMatch(/data-due="now"/);
  });

  it("looks up a caller however the number is typed: known (their leads and recruiters), new, or not a number", async () => {
    const { reference } = await routed("南京老客户查询机械有限公司", "GC-DB");
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    // Posted, so the number stays out of URLs and access logs.
    const lookUp = async (phone: string) => {
      const res = await post("/hotline", { intent: "lookup", phone, csrf }, cookie);
      expect(res.status).toBe(200);
      return res.text();
    };
    const known = await lookUp("+86 138-1234-５６７８");
    expect(known).toContain("老客户");
    expect(known).toContain(reference);
    expect(known).toContain("吴昊（示例）"); // R2, who has it
    // Pasted from a phone's contacts (bidi marks around it), with a trunk 0 or a note after it: the same caller.
    expect(await lookUp("\u202D+86 138 1234 5678\u202C")).toContain(reference);
    expect(await lookUp("0 138 1234 5678（微信同号）")).toContain(reference);
    expect(await lookUp("13900000999")).toContain("新来电");
    expect((await post("/hotline", { intent: "lookup", phone: "13900000999" }, cookie)).status).toBe(403); // no CSRF token
    const invalid = await lookUp("12345");
    expect(invalid).toContain("这不像一个电话号码");
    expect(invalid).toMatch(/aria-invalid="true"/);
    expect(invalid).toContain('value="12345"'); // what was typed stays
  });

  it("records outcomes: no answer brings the call back later; a done hand-over accepts the recruiter's offer; a closed task is stale", async () => {
    const handover = await routed("南京热线接单机械有限公司", "GC-DB");
    const callback = await routed("南京热线未接机械有限公司", null);
    const { cookie } = await signIn("desk@example.test");
    const csrf = csrfIn(await page(cookie));
    const cb = await taskOf(callback.leadId, "callback");
    expect((await post("/hotline", { task: cb.id, outcome: "no-answer" }, cookie)).status).toBe(403); // no CSRF token

    const noAnswer = await post("/hotline", { task: cb.id, outcome: "no-answer", csrf }, cookie);
    expect(noAnswer.status).toBe(303);
    // Back to the list (a clean address), which says once what was recorded: the flash cookie (ADR 025).
    expect(await followFlash(web.url, noAnswer, cookie)).toEqual({
      location: "/hotline",
      role: "status",
      text: `已记录：${callback.reference} 无人接听`,
      shownAgain: false,
    });
    expect(await taskOf(callback.leadId, "callback")).toMatchObject({ status: "no-answer", due_later: true, attempts: 1 });

    const ho = await taskOf(handover.leadId, "handover");
    expect((await post("/hotline", { task: ho.id, outcome: "done", csrf }, cookie)).status).toBe(303);
    const [a] = await db.sql<
      { status: string; recruiter_id: string }[]
    >`select status, recruiter_id from assignments where lead_id = ${handover.leadId}`;
    expect(a).toEqual({ status: "accepted", recruiter_id: "R2" });
    const [event] = await db.sql<
      { recruiter_id: string }[]
    >`select recruiter_id from routing_events where lead_id = ${handover.leadId} and event = 'accepted'`;
    expect(event.recruiter_id).toBe("R2");
    expect(await page(cookie)).not.toContain(`转交线索 ${handover.reference}`);

    // A hand-over whose offer moved on (re-routed) leaves the list; marking it done says it did not take.
    const moved = await routed("南京热线改派机械有限公司", "GC-DB");
    const movedTask = await taskOf(moved.leadId, "handover");
    await db.sql`update assignments set status = 'unassigned', recruiter_id = null where lead_id = ${moved.leadId}`;
    expect(await page(cookie)).not.toContain(`转交线索 ${moved.reference}`);
    const notTaken = await post("/hotline", { task: movedTask.id, outcome: "done", csrf }, cookie);
    const notTakenFlash = await followFlash(web.url, notTaken, cookie);
    expect(notTakenFlash).toMatchObject({ location: "/hotline", role: "alert" });
    expect(notTakenFlash.text).toContain("转交未生效");

    // A phone recruiter who turns the lead down on the call: the offer is declined for them and re-routed
    // (东坝 has nobody else: the admin's unassigned queue). Only hand-overs have this outcome.
    const refused = await routed("南京热线拒绝机械有限公司", "GC-DB");
    const refusedTask = await taskOf(refused.leadId, "handover");
    expect((await post("/hotline", { task: refusedTask.id, outcome: "refused", csrf }, cookie)).status).toBe(303);
    expect(await taskOf(refused.leadId, "handover")).toMatchObject({ status: "done" });
    const [declined] = await db.sql<
      { status: string; recruiter_id: string | null }[]
    >`select status, recruiter_id from assignments where lead_id = ${refused.leadId}`;
    expect(declined).toEqual({ status: "unassigned", recruiter_id: null });
    const events = await db.sql<
      { event: string; recruiter_id: string | null }[]
    >`select event, recruiter_id from routing_events where lead_id = ${refused.leadId} order by id`;
    expect(events.map((e) => [e.event, e.recruiter_id])).toEqual([
      ["assigned", "R2"],
      ["notified", "R2"],
      ["declined", "R2"],
      ["rerouted", null],
    ]);
    expect((await post("/hotline", { task: cb.id, outcome: "refused", csrf }, cookie)).status).toBe(400);

    const again = await post("/hotline", { task: ho.id, outcome: "done", csrf }, cookie);
    expect(await followFlash(web.url, again, cookie)).toMatchObject({
      location: "/hotline",
      role: "alert",
      text: expect.stringContaining("已经结束"),
    });
    expect((await post("/hotline", { task: ho.id, outcome: "maybe", csrf }, cookie)).status).toBe(400);
  });
});
