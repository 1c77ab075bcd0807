import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";

import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { openCallTask, recordCallOutcome } from "~/hotline/call-tasks.server";
import { storeLead } from "~/leads/intake.server";

import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { TEST_ROUTING } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// docs/decisions/124 (1.): a call outcome sent again with a submission key the task knows answers what that
// key recorded — with another outcome (the back button, an older tab, 「再次提交」 then another button) the
// desk says what was recorded and that the new choice was not saved; nothing is stored.

const suite = deskWorkerSuite("desk30_resend");
const client = () => webClient(suite.web.url);
let phone = 13700030100;

async function callback(kind: "callback" | "handover" = "callback") {
  const parsed = createLeadSchema("zh", "web").parse(validLeadJson({ company: "南京三十号重发机械有限公司", phone: String(phone++) }));
  const lead = await storeLead(suite.db.sql, { ...parsed, raw: {}, source: "web", lng: "zh" });
  await openCallTask(suite.db.sql, {
    kind,
    leadId: lead.id,
    phone: "+8613700000000",
    script: { zh: "回访", en: "call back" },
    dedupeKey: `desk30-${lead.id}`,
  });
  return (await suite.db.sql<{ id: string }[]>`select id from call_tasks where lead_id = ${lead.id}`)[0].id;
}
const rowOf = async (task: string) =>
  (
    await suite.db.sql<{ status: string; attempts: number; notes: number }[]>`
      select status, attempts, (select count(*)::int from lead_notes where call_task_id = ${task}) as notes from call_tasks where id = ${task}`
  )[0];

async function desk(lng: "zh" | "en" = "zh") {
  const cookie = await client().signIn("desk@example.test", DESK_PASSWORD);
  const page = await (await client().get(lng === "en" ? "/hotline?lng=en" : "/hotline", cookie)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
  const path = lng === "en" ? "/hotline?lng=en" : "/hotline";
  const post = (fields: Record<string, string>) => client().post(path, { csrf, ...fields }, cookie);
  return { cookie, post };
}

describe("a known submission key sent with another outcome is answered with the recorded one", () => {
  it("no-answer, then done (confirmed) from the same page: said recorded as 无人接听, done not saved, nothing stored", async () => {
    const task = await callback();
    const { cookie, post } = await desk();
    const key = crypto.randomUUID();
    await post({ task, outcome: "no-answer", note: "第一次没人接（三十）", formKey: key });
    expect(await rowOf(task)).toEqual({ status: "no-answer", attempts: 1, notes: 1 });
    // No note typed: the flash on the fresh list (a typed note is kept on the page: outcome-refused-keeps-note.test.ts).
    const other = await post({ task, outcome: "done", note: "", formKey: key, confirm: "1" });
    const flash = await followFlash(suite.web.url, other, cookie);
    expect(flash.role).toBe("alert");
    expect(flash.text).toContain("已记录为“无人接听”");
    expect(flash.text).toContain("“已完成”没有保存");
    expect(flash.text).not.toMatch(/^已记录：/);
    expect(await rowOf(task)).toEqual({ status: "no-answer", attempts: 1, notes: 1 });
    // Not confirmed yet: no confirmation asked for an outcome that will not be stored, the same answer.
    const unconfirmed = await post({ task, outcome: "wrong-number", note: "", formKey: key });
    expect((await followFlash(suite.web.url, unconfirmed, cookie)).text).toContain("“号码错误”没有保存");
    // The same outcome again: the plain "recorded" as before (ADR 116).
    const same = await post({ task, outcome: "no-answer", note: "第一次没人接（三十）", formKey: key });
    const sameFlash = await followFlash(suite.web.url, same, cookie);
    expect(sameFlash).toMatchObject({ role: "status", text: expect.stringContaining("已记录") });
    expect(sameFlash.text).not.toContain("没有保存");
    // A new page's key records the new outcome.
    const fresh = await post({ task, outcome: "done", note: "", formKey: crypto.randomUUID(), confirm: "1" });
    expect((await followFlash(suite.web.url, fresh, cookie)).text).toContain("已完成");
    expect(await rowOf(task)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("a closing outcome recorded, then no-answer with its key (English): says Done was recorded; the task stays closed", async () => {
    const task = await callback();
    const { cookie, post } = await desk("en");
    const key = crypto.randomUUID();
    await post({ task, outcome: "wrong-number", note: "", formKey: key, confirm: "1" });
    const other = await post({ task, outcome: "no-answer", note: "", formKey: key });
    const flash = await followFlash(suite.web.url, other, cookie);
    expect(flash.text).toContain("recorded as “Wrong number”");
    expect(flash.text).toContain("“No answer” you pressed now was not saved");
    expect(await rowOf(task)).toEqual({ status: "wrong-number", attempts: 1, notes: 0 });
  });

  it("the store says which outcome a kept key recorded, among several kept keys", async () => {
    const task = await callback("handover");
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    await recordCallOutcome(suite.db.sql, task, "no-answer", { routing: TEST_ROUTING, submissionKey: a });
    await recordCallOutcome(suite.db.sql, task, "refused", { routing: TEST_ROUTING, submissionKey: b });
    expect(await recordCallOutcome(suite.db.sql, task, "done", { routing: TEST_ROUTING, submissionKey: a })).toMatchObject({
      ok: true,
      again: true,
      recorded: "no-answer",
    });
    expect(await recordCallOutcome(suite.db.sql, task, "no-answer", { routing: TEST_ROUTING, submissionKey: b })).toMatchObject({
      again: true,
      recorded: "refused",
    });
    expect((await rowOf(task)).attempts).toBe(2);
  });
});

describe("migration 095 on keys kept before it", () => {
  it("older keys recorded no-answer; the newest its task's closing outcome (refused told by its note), else no-answer", async () => {
    const MIGRATIONS = join(process.cwd(), "app/db/migrations");
    const older = mkdtempSync(join(tmpdir(), "pm-desk30-mig-"));
    for (const f of readdirSync(MIGRATIONS)) if (f < "095-") cpSync(join(MIGRATIONS, f), join(older, f));
    const name = `${inject("dbPrefix")}desk30_mig`.slice(0, 63);
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await migrate(url, older);
    const sql = createSql(url, { max: 2 });
    try {
      // The leads table of 094 is 095's: the store writes it as it is.
      const parsed = createLeadSchema("zh", "web").parse(validLeadJson({ company: "南京三十号迁移机械有限公司", phone: String(phone++) }));
      const lead = await storeLead(sql, { ...parsed, raw: {}, source: "web", lng: "zh" });
      const task = async (kind: string, status: string, keys: string[], closedReason: string | null = null) =>
        (
          await sql<{ id: string }[]>`
            insert into call_tasks (kind, lead_id, phone, script, script_en, dedupe_key, status, closed_reason, outcome_keys)
            values (${kind}, ${lead.id}, '+8613700000000', 'x', 'x', ${crypto.randomUUID()}, ${status}, ${closedReason}, ${keys})
            returning id`
        )[0].id;
      const [k1, k2, k3, k4, k5, k6] = Array.from({ length: 6 }, () => crypto.randomUUID());
      const wrong = await task("callback", "wrong-number", [k1, k2]);
      const refused = await task("handover", "done", [k3]);
      await sql`insert into lead_notes (lead_id, body, source, call_task_id, call_outcome) values (${lead.id}, '拒绝', 'hotline', ${refused}, 'refused')`;
      const ended = await task("handover", "done", [k4], "moved");
      const waiting = await task("callback", "no-answer", [k5, k6]);
      const none = await task("callback", "open", []);
      await migrate(url, MIGRATIONS);
      const keysOf = async (id: string) => (await sql<{ k: string[] }[]>`select outcome_keys as k from call_tasks where id = ${id}`)[0].k;
      expect(await keysOf(wrong)).toEqual([`${k1}:wrong-number`, `${k2}:no-answer`]);
      expect(await keysOf(refused)).toEqual([`${k3}:refused`]);
      expect(await keysOf(ended)).toEqual([`${k4}:no-answer`]);
      expect(await keysOf(waiting)).toEqual([`${k5}:no-answer`, `${k6}:no-answer`]);
      expect(await keysOf(none)).toEqual([]);
    } finally {
      await sql.end({ timeout: 2 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      rmSync(older, { recursive: true, force: true });
    }
  });
});
