import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice";
import { importInventory } from "~/inventory/import.server";
import { parseEnv, workerEnvSchema } from "~/utils/env.server";

import { createSearchClient } from "../../search/client";
import { LEADS_INDEX } from "../../search/leads.index";
import { retentionPass } from "../../worker/retention";
import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { outboxDrained } from "../support/pipeline";
import { eventually, startWebServer } from "../support/services";
import { startTestWorker } from "../support/worker";

// PIPL (docs/decisions/022): the notice, a person's export and erasure, the retention period (by
// moving the clock), and the record of every staff view of a full phone number. Real web and worker,
// real Meilisearch, mails written by the worker's development transport.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let worker: RunningWorker;
const outboxDir = mkdtempSync(join(tmpdir(), "pm-privacy-outbox-"));
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const BEARER = { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` };
const PASSWORD = "privacy-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("privacy");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)}),
    ('desk2@example.test', '热线坐席二', 'hotline', null, ${await hashPassword(PASSWORD)}),
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
  web = await startWebServer({ DATABASE_URL: db.url, MAIL_OUTBOX_DIR: outboxDir });
  worker = await startTestWorker({ databaseUrl: db.url, outboxDir });
  await outboxDrained(db.sql); // the spaces are in the search index before any lead is matched
});
afterAll(async () => {
  await worker?.close();
  await web?.stop();
  await db?.drop();
  rmSync(outboxDir, { recursive: true, force: true });
});

async function submit(company: string, phone: string): Promise<{ id: string; reference: string }> {
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(validLeadJson({ company, phone })),
  });
  expect(res.status).toBe(201);
  return res.json();
}
/** The lead is matched, routed, and its recruiter's mail is in the outbox folder. */
async function settled(lead: { id: string; reference: string }) {
  await eventually(async () => mailsAbout(lead.reference).length > 0, `a mail about ${lead.reference}`, 30_000);
  await eventually(
    async () =>
      (await search
        .index(LEADS_INDEX)
        .getDocument(lead.id)
        .catch(() => null)) !== null,
    "the search document",
    30_000,
  );
}
/** The outbox folder's mails that name the reference (in the body, or the RFC 2047-encoded subject). */
const mailsAbout = (reference: string) =>
  readdirSync(outboxDir).filter(
    (f) => readFileSync(join(outboxDir, f), "utf8").includes(reference) || subjectOf(join(outboxDir, f)).includes(reference),
  );
function subjectOf(file: string): string {
  const m = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(readFileSync(file, "utf8"));
  if (!m) return "";
  return m[1]
    .replace(/\r?\n[ \t]+/g, " ")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b: string) => Buffer.from(b, "base64").toString("latin1"));
}
const searchDoc = (id: string) =>
  search
    .index(LEADS_INDEX)
    .getDocument(id)
    .catch(() => null);
const stored = async (id: string) =>
  (
    await db.sql<
      {
        phone: string;
        companyName: string;
        lead: { contact: { name: string; phone: string }; company: { name: string } };
        raw: object;
        anonymised: boolean;
      }[]
    >`
    select phone, company_name, lead, raw, anonymised_at is not null as anonymised from leads where id = ${id}`
  )[0];
function post(path: string, form: Record<string, string>, headers: Record<string, string> = BEARER) {
  return fetch(`${web.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
}

describe("the privacy notice", () => {
  it("/privacy says who processes, what for, who it is shared with, how long, how to withdraw or delete — versioned, zh-CN and English", async () => {
    const zh = await (await fetch(`${web.url}/privacy`)).text();
    for (const words of [
      "谁处理您的信息",
      "用于什么目的",
      "与谁共享",
      "保存多久",
      "365 天",
      "撤回同意",
      "删除",
      `版本 ${PRIVACY_NOTICE_VERSION}`,
      "400-000-0000",
    ])
      expect(zh).toContain(words);
    const en = await (await fetch(`${web.url}/privacy?lng=en`)).text();
    for (const words of [
      "Who processes",
      "What we process and why",
      "Who it is shared with",
      "How long it is kept",
      "365 days",
      "Withdraw consent",
      `Version ${PRIVACY_NOTICE_VERSION}`,
    ])
      expect(en).toContain(words);
  });

  // Once, where the person decides (a trial of 2026-12-04 read it twice: in the consent line and again
  // below the form, ADR 119).
  it("the form links to it once, in the consent line, in the form's language", async () => {
    const zh = await (await fetch(`${web.url}/`)).text();
    // Inside the consent checkbox's label, right after its text.
    expect(zh).toMatch(/name="consent"[^>]*\/><span>我同意[^<]*(?:<!-- -->|\s)*<a href="\/privacy"[^>]*>个人信息保护说明<\/a><\/span>/);
    expect(zh.match(/href="\/privacy"/g)?.length).toBe(1);
    expect(zh.match(/个人信息保护说明/g)?.length).toBe(1);
    const en = await (await fetch(`${web.url}/?lng=en`)).text();
    expect(en).toMatch(/href="\/privacy\?lng=en"[^>]*>Privacy notice</);
    expect(en.match(/href="\/privacy\?lng=en"/g)?.length).toBe(1);
    expect(en.match(/Privacy notice/g)?.length).toBe(1);
  });
});

describe("a person's data on request", () => {
  const PHONE = "13812340001";
  let mine: { id: string; reference: string }[];
  let other: { id: string; reference: string };
  beforeAll(async () => {
    mine = [await submit("高淳隐私导出甲有限公司", PHONE), await submit("高淳隐私导出乙有限公司", `+86 ${PHONE}`)];
    other = await submit("高淳隐私旁人有限公司", "13812340002");
    for (const lead of [...mine, other]) await settled(lead);
  }, 90_000);

  it("finding the person needs an admin; the page lists their leads by the number however written, masked", async () => {
    expect((await post("/admin/privacy", { intent: "find", query: PHONE }, {})).status).toBe(303); // to the sign-in
    const html = await (await post("/admin/privacy", { intent: "find", query: "138-1234-０００1" })).text();
    for (const lead of mine) expect(html).toContain(lead.reference);
    expect(html).not.toContain(other.reference);
    expect(html).toContain("138****0001");
    expect(html).not.toContain(PHONE);
    // The status in words, not the code (ADR 090): `assigned` showed on the Chinese page.
    expect(html).not.toMatch(/<td[^>]*>(received|indexed|matched|unmatched|assigned|won|lost|closed)<\/td>/);
    expect(html).toMatch(/<td data-label="状态">已分配<\/td>/);
    expect((await post("/admin/privacy", { intent: "find", query: "not a number" })).status).toBe(400);
  });

  it("export: every lead as stored and typed, its search documents and outbox mails — nobody else's; audited", async () => {
    const res = await post("/admin/privacy/export", { query: mine[1].reference });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="parkmatch-personal-data-/);
    const body = await res.json();
    expect(body.leads.map((l: { reference: string }) => l.reference).sort()).toEqual(mine.map((l) => l.reference).sort());
    expect(body.leads[0].lead.contact.phone).toBe(`+86${PHONE}`);
    expect(body.leads[0].raw.contact.phone).toMatch(/13812340001/);
    expect(body.leads[0].assignments.length).toBeGreaterThan(0);
    expect(body.searchDocuments.map((d: { id: string }) => d.id).sort()).toEqual(mine.map((l) => l.id).sort());
    expect(body.outboxMails.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(body)).not.toContain(other.reference);
    expect(JSON.stringify(body)).not.toContain("13812340002");
    expect(body.privacyNoticeVersion).toBe(PRIVACY_NOTICE_VERSION);
    const [audit] = await db.sql`select actor, subject, cardinality(lead_ids) as n from privacy_audit where action = 'export'`;
    expect(audit).toEqual({ actor: "admin-token", subject: "+86 138****0001", n: 2 });
  });

  it("erasure: needs the confirmation; then the leads are anonymised, their search documents and mails gone — the other person's untouched; audited", async () => {
    const unconfirmed = await post("/admin/privacy", { intent: "erase", query: PHONE });
    expect(unconfirmed.status).toBe(400);
    // Said at the box to tick (described by it), not in a banner above the table.
    const refusal = await unconfirmed.text();
    expect(refusal).toContain('aria-describedby="privacy-confirm-error"');
    expect(refusal).toMatch(/<div id="privacy-confirm-error" role="alert"><ul class="errors"><li>请先勾选确认。<\/li>/);
    expect(refusal.indexOf("请先勾选确认")).toBeGreaterThan(refusal.indexOf('name="confirm"'));
    expect((await stored(mine[0].id)).anonymised).toBe(false);
    const res = await post("/admin/privacy", { intent: "erase", query: PHONE, confirm: "yes" });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/已匿名化 2 条线索，删除邮件 \d+ 封/);

    for (const lead of mine) {
      const row = await stored(lead.id);
      expect(row).toMatchObject({ anonymised: true, phone: "", companyName: "", raw: {} });
      expect(row.lead.contact).toEqual({ name: "", phone: "" });
      expect(JSON.stringify(row)).not.toMatch(/13812340001|隐私导出|王经理/);
      expect(mailsAbout(lead.reference)).toEqual([]);
      await eventually(async () => (await searchDoc(lead.id)) === null, "the search document deleted", 30_000);
    }
    const hits = await search.index(LEADS_INDEX).search(PHONE);
    expect(hits.hits.filter((h) => mine.some((l) => l.id === h.id))).toEqual([]);
    expect((await stored(other.id)).anonymised).toBe(false);
    expect(mailsAbout(other.reference).length).toBeGreaterThan(0);
    expect(await searchDoc(other.id)).not.toBeNull();
    const [audit] = await db.sql`select actor, subject, cardinality(lead_ids) as n, detail from privacy_audit where action = 'erase'`;
    expect(audit).toMatchObject({ actor: "admin-token", subject: "+86 138****0001", n: 2 });
    // The admin's page shows both requests.
    const page = await (await fetch(`${web.url}/admin/privacy`, { headers: BEARER })).text();
    expect(page).toContain("+86 138****0001");
    expect(page).toMatch(/导出[\s\S]*删除|删除[\s\S]*导出/);
  });
});

describe("retention", () => {
  it("RETENTION_DAYS defaults to 365", () => {
    expect(parseEnv(workerEnvSchema, { MEILI_URL: "http://127.0.0.1:7700", MEILI_MASTER_KEY: "0123456789abcdef" }).RETENTION_DAYS).toBe(
      365,
    );
  });

  it("moving the clock past RETENTION_DAYS anonymises unsigned leads (row, search document, mails); a signed one stays; audited", async () => {
    const unsigned = await submit("高淳保存期限未签约有限公司", "13812340003");
    const signed = await submit("高淳保存期限已签约有限公司", "13812340004");
    for (const lead of [unsigned, signed]) await settled(lead);
    await outboxDrained(db.sql);
    await db.sql`update assignments set status = 'signed' where lead_id = ${signed.id}`;
    const day = 86_400_000;
    const ours = (done: { id: string }[]) => done.map((l) => l.id).filter((id) => id === unsigned.id || id === signed.id);

    expect(ours(await retentionPass(db.sql, { days: 365, outboxDir }))).toEqual([]);
    expect(ours(await retentionPass(db.sql, { days: 365, outboxDir, now: new Date(Date.now() + 364 * day) }))).toEqual([]);
    expect(ours(await retentionPass(db.sql, { days: 365, outboxDir, now: new Date(Date.now() + 366 * day) }))).toEqual([unsigned.id]);

    expect(await stored(unsigned.id)).toMatchObject({ anonymised: true, phone: "" });
    expect(mailsAbout(unsigned.reference)).toEqual([]);
    await eventually(async () => (await searchDoc(unsigned.id)) === null, "the search document deleted", 30_000);
    expect(await stored(signed.id)).toMatchObject({ anonymised: false, phone: "+8613812340004" });
    expect(mailsAbout(signed.reference).length).toBeGreaterThan(0);
    expect(await searchDoc(signed.id)).not.toBeNull();
    const [audit] = await db.sql`select actor, lead_ids from privacy_audit where action = 'retention'`;
    expect(audit.actor).toBe("retention");
    expect(audit.leadIds).toContain(unsigned.id);
    // A second pass finds nothing left to do.
    expect(ours(await retentionPass(db.sql, { days: 365, outboxDir, now: new Date(Date.now() + 400 * day) }))).toEqual([]);
  }, 90_000);
});

describe("views of full phone numbers", () => {
  async function signIn(email: string): Promise<string> {
    const res = await post("/login", { email, password: PASSWORD }, {});
    expect(res.status).toBe(303);
    return (res.headers.get("set-cookie") ?? "").split(";")[0];
  }
  const views = async (leadId: string) =>
    db.sql<
      { actor: string; actorRole: string; place: string }[]
    >`select actor, actor_role, place from phone_access_log where lead_id = ${leadId} order by id`;

  it("the recruiter's lead page, the hotline's call list and caller lookup, the admin's reveal and the API each record who saw which lead", async () => {
    const lead = await submit("高淳查看记录有限公司", "13812340005");
    await settled(lead);
    await outboxDrained(db.sql);
    expect(await views(lead.id)).toEqual([]);

    // The recruiter opens the lead from the email.
    const [a] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${lead.id} and recruiter_id = 'R1'`;
    const recruiter = await signIn("zhoumin@example.test");
    const page = await (await fetch(`${web.url}/queue/assignments/${a.id}`, { headers: { cookie: recruiter } })).text();
    expect(page).toContain("138 1234 0005");
    // A call task for the same enterprise shows up on the hotline list (an escalation: the lead is matched,
    // and a call-back leaves the list once its lead has a match); the desk looks the caller up.
    await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key) values ('escalation', ${lead.id}, '+8613812340005', '回访', ${`test-callback:${lead.id}`})`;
    const desk = await signIn("desk@example.test");
    expect((await fetch(`${web.url}/hotline`, { headers: { cookie: desk } })).status).toBe(200);
    // The desk's lookup lists the caller's leads with masked numbers; opening the lead shows the full one.
    const deskLead = await (await fetch(`${web.url}/hotline/leads/${lead.id}`, { headers: { cookie: desk } })).text();
    expect(deskLead).toContain("138 1234 0005");
    // The admin page masks the number until asked; the API answers it in full.
    const masked = await (await fetch(`${web.url}/admin/leads/${lead.id}`, { headers: BEARER })).text();
    expect(masked).toContain("138****0005");
    expect(masked).not.toContain("138 1234 0005");
    const revealed = await (await fetch(`${web.url}/admin/leads/${lead.id}?reveal=phone`, { headers: BEARER })).text();
    expect(revealed).toContain("138 1234 0005");
    expect((await fetch(`${web.url}/api/leads/${lead.id}`, { headers: BEARER })).status).toBe(200);

    expect(await views(lead.id)).toEqual([
      { actor: "zhoumin@example.test", actorRole: "recruiter", place: "assignment-page" },
      { actor: "desk@example.test", actorRole: "hotline", place: "call-tasks" },
      { actor: "desk@example.test", actorRole: "hotline", place: "caller-lookup" },
      { actor: "admin-token", actorRole: "admin", place: "admin-lead" },
      { actor: "admin-token", actorRole: "admin", place: "api-lead" },
    ]);
    // The admin reads the record.
    const log = await (await fetch(`${web.url}/admin/privacy?lng=en`, { headers: BEARER })).text();
    expect(log).toContain("Views of full phone numbers");
    const rows = log.match(new RegExp(`data-testid="phone-view"[\\s\\S]*?${lead.reference}[\\s\\S]*?</tr>`, "g")) ?? [];
    expect(rows.length).toBe(5);
    expect(log).toContain("zhoumin@example.test");
    expect(log).toContain("hotline caller lookup");
  }, 90_000);

  // Opening /hotline with four call tasks wrote four rows, and every reload of the desk (Remix reloads it
  // after each lookup and outcome) four more: the log is of people seeing numbers, not of renders.
  it("one row per person, lead and place within the window, however often the page is drawn", async () => {
    const phones = ["13812340011", "13812340012"];
    const leads = [await submit("高淳重复查看甲有限公司", phones[0]), await submit("高淳重复查看乙有限公司", phones[1])];
    for (const [i, lead] of leads.entries()) {
      await settled(lead);
      await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key) values ('escalation', ${lead.id}, ${`+86${phones[i]}`}, '回访', ${`test-flood:${lead.id}`})`;
    }
    const desk = await signIn("desk@example.test");
    const other = await signIn("desk2@example.test");
    for (let i = 0; i < 3; i++) expect((await fetch(`${web.url}/hotline`, { headers: { cookie: desk } })).status).toBe(200);
    expect((await fetch(`${web.url}/hotline`, { headers: { cookie: other } })).status).toBe(200);
    for (const lead of leads)
      expect(await views(lead.id)).toEqual([
        { actor: "desk@example.test", actorRole: "hotline", place: "call-tasks" },
        { actor: "desk2@example.test", actorRole: "hotline", place: "call-tasks" },
      ]);
    // Another place is another view; after the window the same page is a new one.
    await fetch(`${web.url}/hotline/leads/${leads[0].id}`, { headers: { cookie: desk } });
    await db.sql`update phone_access_log set at = at - interval '31 minutes' where lead_id = ${leads[1].id}`;
    expect((await fetch(`${web.url}/hotline`, { headers: { cookie: desk } })).status).toBe(200);
    expect((await views(leads[0].id)).map((v) => `${v.actor} ${v.place}`)).toEqual([
      "desk@example.test call-tasks",
      "desk2@example.test call-tasks",
      "desk@example.test caller-lookup",
    ]);
    expect((await views(leads[1].id)).map((v) => `${v.actor} ${v.place}`)).toEqual([
      "desk@example.test call-tasks",
      "desk2@example.test call-tasks",
      "desk@example.test call-tasks",
    ]);
    // The rows name the lead, never the number.
    const [row] = await db.sql`select * from phone_access_log where lead_id = ${leads[0].id} limit 1`;
    expect(JSON.stringify(row)).not.toMatch(/1381234001\d/);
  }, 90_000);
});
