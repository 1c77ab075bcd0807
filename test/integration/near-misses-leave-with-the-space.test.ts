import { beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import type { Exclusion } from "~/domain/matching/why-not";
import { importInventory } from "~/inventory/import.server";
import { setRetired } from "~/inventory/inventory-retire.server";
import { storeLead } from "~/leads/intake.server";

import type { JobContext } from "../../worker/job-context";
import { spaceMatchJob } from "../../worker/space-match.job";
import { demoInventory } from "../fixtures/inventory";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { countingJobContext } from "../support/lead-match-job";
import { validLeadJson } from "../support/leads";
import { decodeEntities } from "../support/need-form";
import { TEST_ROUTING } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// Attack 12-05 H2: a lead's near misses (its why-not list, `leads.excluded`, and the hotline's call-back
// script made of it) are written when the lead is matched, and a space retired or let afterwards stayed
// named there — read out to the enterprise on the call-back — because only leads with a live match on the
// space were matched again. Now every path by which a space leaves the inventory (retired, its park
// retired, let or reserved by an import or the space's form) re-matches the open leads whose list names
// it, through space.match; the pages leave it out even before that has run, and leave out a space whose
// kind changed (docs/decisions/127).

const suite = deskWorkerSuite("near_miss_gone");
const client = () => webClient(suite.web.url);
let phone = 13700031300;
const ADMIN = "admin@example.test";
beforeAll(async () => {
  await suite.db
    .sql`insert into users (email, name, role, password_hash) values (${ADMIN}, '管理员', 'admin', ${await hashPassword(DESK_PASSWORD)})`;
});

/** The fields the form holding `marker` sends as rendered: inputs, ticked boxes (each, a list repeated), selected options, textareas. */
function formFields(html: string, marker: string): URLSearchParams {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map(([f]) => f).find((f) => f.includes(marker));
  expect(form, marker).toBeTruthy();
  const sent = new URLSearchParams();
  for (const [tag] of form!.matchAll(/<input\b[^>]*>/g)) {
    const attr = (a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(tag)?.[1];
    const name = attr("name");
    if (!name || (/type="(?:radio|checkbox)"/.test(tag) && !/checked=""/.test(tag))) continue;
    sent.append(name, decodeEntities(attr("value") ?? "on"));
  }
  for (const [, name, options] of form!.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    sent.append(name, decodeEntities(/<option value="([^"]*)" selected="">/.exec(options)?.[1] ?? ""));
  for (const [, name, text] of form!.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    sent.append(name, decodeEntities(text));
  return sent;
}

type Need = Record<string, unknown>;
/** A lead (validLeadJson's factory of 4,000–6,000 ㎡ to lease in 高淳区) with `need` laid over its need, stored as the API stores it. */
async function storeNeedLead(company: string, need: Need) {
  const json = validLeadJson({ company, phone: String(phone++) });
  const parsed = createLeadSchema("zh", "api").parse({ ...json, need: { ...json.need, ...need } });
  return storeLead(suite.db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
}

const excludedOf = async (leadId: string) =>
  (await suite.db.sql<{ excluded: Exclusion[] }[]>`select excluded from leads where id = ${leadId}`)[0].excluded.map((e) => e.spaceId);
const callbackOf = async (leadId: string) =>
  (
    await suite.db.sql<{ id: string; status: string; script: string; scriptEn: string; dueAt: Date }[]>`
      select id, status, script, script_en, due_at from call_tasks where lead_id = ${leadId} and kind = 'callback'`
  )[0];
const openMatchRows = (leadId: string) =>
  suite.db.sql`select id from outbox where topic = 'lead.match' and aggregate_id = ${leadId} and done_at is null`;
const apiExcluded = async (leadId: string): Promise<string[]> => {
  const res = await fetch(`${suite.web.url}/api/leads/${leadId}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { excluded: Exclusion[] }).excluded.map((e) => e.spaceId);
};

/** Every open space.match row of each space, run as the worker runs them (it never waits for the search index). */
async function runSpaceMatch(...spaceIds: string[]): Promise<void> {
  const { ctx } = countingJobContext(suite.db.sql, "unused");
  for (const id of spaceIds) {
    const rows = await suite.db.sql<{ id: string }[]>`
      select id::text from outbox where topic = 'space.match' and aggregate_id = ${id} and done_at is null order by id`;
    for (const r of rows) await spaceMatchJob(ctx as JobContext, { outboxId: Number(r.id), id });
  }
}

/** The demo space `id` as an import row, with `change` laid over it. */
const demoSpace = (id: string, change: Record<string, unknown> = {}) => ({
  ...demoInventory().spaces.find((s) => s.id === id)!,
  ...change,
});

/**
 * A lead no space fits: 高淳区, ceiling ≥ 12 m. S1 (高淳经济开发区, 9 m) and S5 (东坝工业集中区, 8 m) are its near misses, and
 * the hotline's call-back task offers them by name.
 */
async function unmatchedLead(company: string) {
  const lead = await storeNeedLead(company, { ceilingMinM: 12 });
  await suite.runMatch(lead.id);
  expect((await suite.db.sql`select status from leads where id = ${lead.id}`)[0].status).toBe("unmatched");
  expect(await excludedOf(lead.id)).toEqual(expect.arrayContaining(["S1", "S5"]));
  const task = await callbackOf(lead.id);
  expect(task.script).toContain("单层厂房1号");
  expect(task.script).toContain("独栋厂房带院子");
  return { ...lead, task };
}

describe("a space that leaves the inventory leaves the near misses of the leads that named it", () => {
  it("retired by the admin: hidden from the lead at once, then the lead re-matched and the call-back task's script rebuilt", async () => {
    const lead = await unmatchedLead("南京近似下架精工机械有限公司");
    // A lead of another kind, which names neither space, is not matched again.
    const other = await storeNeedLead("南京近似仓储物流有限公司", { kind: "warehouse", ceilingMinM: 12, areaMin: 3000, areaMax: 4000 });
    await suite.runMatch(other.id);
    expect(await excludedOf(other.id)).not.toContain("S1");
    try {
      await setRetired(suite.db.sql, "spaces", "S1", true, ADMIN, TEST_ROUTING);
      // Before space.match has run, the lead (API, admin page) no longer shows S1 as a near miss.
      expect(await apiExcluded(lead.id)).toEqual((await excludedOf(lead.id)).filter((id) => id !== "S1"));
      expect(await apiExcluded(lead.id)).toContain("S5");

      await runSpaceMatch("S1");
      expect(await openMatchRows(lead.id)).toHaveLength(1);
      expect(await openMatchRows(other.id)).toHaveLength(0);
      const [line] = await suite.db.sql<{ rule: string; reason: { zh: string; en: string } }[]>`
        select rule, reason from routing_events where lead_id = ${lead.id} and event = 'rematch'`;
      expect(line).toMatchObject({ rule: "inventory-changed", reason: { zh: expect.stringContaining("单层厂房1号") } });
      await suite.runMatch(lead.id);

      expect(await excludedOf(lead.id)).not.toContain("S1");
      expect(await excludedOf(lead.id)).toContain("S5");
      const task = await callbackOf(lead.id);
      expect(task.script).not.toContain("单层厂房1号");
      expect(task.scriptEn).not.toContain("单层厂房1号");
      expect(task.script).toContain("独栋厂房带院子");
      // The same task, still open and due when it was: rebuilt, not opened again (one `callback` line).
      expect(task).toMatchObject({ id: lead.task.id, status: "open", dueAt: lead.task.dueAt });
      expect(await suite.db.sql`select 1 from routing_events where lead_id = ${lead.id} and event = 'callback'`).toHaveLength(1);
    } finally {
      await setRetired(suite.db.sql, "spaces", "S1", false, ADMIN, TEST_ROUTING);
    }
  });

  it("let by an import, and its park retired: each re-matches the lead once, and the script follows", async () => {
    const lead = await unmatchedLead("南京近似出租精工机械有限公司");
    try {
      expect((await importInventory(suite.db.sql, { spaces: [demoSpace("S5", { status: "let" })] })).ok).toBe(true);
      await runSpaceMatch("S5");
      await suite.runMatch(lead.id);
      expect(await excludedOf(lead.id)).not.toContain("S5");
      expect((await callbackOf(lead.id)).script).not.toContain("独栋厂房带院子");
      expect((await callbackOf(lead.id)).script).toContain("单层厂房1号");

      // 高淳经济开发区 retired: space.match runs for each of its spaces (S1, S3, S4, S6, S12); the lead is matched again once.
      await setRetired(suite.db.sql, "parks", "GC-EDZ", true, ADMIN, TEST_ROUTING);
      expect(await apiExcluded(lead.id)).not.toContain("S1");
      await runSpaceMatch("S1", "S3", "S4", "S6", "S12");
      expect(await openMatchRows(lead.id)).toHaveLength(1);
      await suite.runMatch(lead.id);
      expect(await excludedOf(lead.id)).not.toContain("S1");
      expect((await callbackOf(lead.id)).script).not.toContain("单层厂房1号");
    } finally {
      await setRetired(suite.db.sql, "parks", "GC-EDZ", false, ADMIN, TEST_ROUTING);
      expect((await importInventory(suite.db.sql, { spaces: [demoSpace("S5")] })).ok).toBe(true);
    }
  });

  it("reserved by an import: re-matched; an edit that leaves it available re-matches nothing; one of another kind is not shown", async () => {
    const lead = await unmatchedLead("南京近似改类精工机械有限公司");
    try {
      // A new title: still an available factory, still a near miss — nothing to redo.
      expect((await importInventory(suite.db.sql, { spaces: [demoSpace("S1", { title: "单层厂房1号（东区）" })] })).ok).toBe(true);
      await runSpaceMatch("S1");
      expect(await openMatchRows(lead.id)).toHaveLength(0);
      // Now a warehouse: no near miss of a factory lead, on any page.
      expect((await importInventory(suite.db.sql, { spaces: [demoSpace("S1", { kind: "warehouse" })] })).ok).toBe(true);
      expect(await apiExcluded(lead.id)).not.toContain("S1");
      expect(await apiExcluded(lead.id)).toContain("S5");

      expect((await importInventory(suite.db.sql, { spaces: [demoSpace("S5", { status: "reserved" })] })).ok).toBe(true);
      await runSpaceMatch("S5");
      await suite.runMatch(lead.id);
      expect(await excludedOf(lead.id)).not.toContain("S5");
      expect((await callbackOf(lead.id)).script).not.toContain("独栋厂房带院子");
    } finally {
      expect((await importInventory(suite.db.sql, { spaces: [demoSpace("S1"), demoSpace("S5")] })).ok).toBe(true);
    }
  });

  it("let on the space's own admin form: the lead is matched again and S5 leaves its list and script", async () => {
    const lead = await unmatchedLead("南京近似后台出租精工机械有限公司");
    try {
      const admin = await client().signIn(ADMIN, DESK_PASSWORD);
      const form = formFields(await (await client().get("/admin/spaces/S5", admin)).text(), 'value="save"');
      expect(form.get("status")).toBe("available");
      form.set("status", "let");
      form.set("intent", "save");
      expect((await client().post("/admin/spaces/S5", form, admin)).status).toBe(303);
      expect((await suite.db.sql`select status from spaces where id = 'S5'`)[0].status).toBe("let");
      expect(await apiExcluded(lead.id)).not.toContain("S5");
      await runSpaceMatch("S5");
      await suite.runMatch(lead.id);
      expect(await excludedOf(lead.id)).not.toContain("S5");
      expect((await callbackOf(lead.id)).script).not.toContain("独栋厂房带院子");
    } finally {
      expect((await importInventory(suite.db.sql, { spaces: [demoSpace("S5")] })).ok).toBe(true);
    }
  });

  it("a recruiter's lead page leaves out a near miss retired since; the re-match leaves their offer as it was", async () => {
    // NM-1: a factory of 高淳经济开发区 too low for the lead (6 m < 8 m): a near miss on R1's page.
    const nm = {
      id: "NM-1",
      parkId: "GC-EDZ",
      kind: "factory",
      deals: ["lease"],
      title: "矮层厂房NM",
      areaSqm: 4_500,
      ceilingM: 6,
      status: "available",
    };
    expect((await importInventory(suite.db.sql, { spaces: [nm] })).ok).toBe(true);
    const lead = await storeNeedLead("南京近似页面精工机械有限公司", {});
    await suite.runMatch(lead.id);
    const [a] = await suite.db.sql<{ id: string; recruiterId: string; status: string }[]>`
      select id, recruiter_id, status from assignments where lead_id = ${lead.id} and park_id = 'GC-EDZ'`;
    expect(a).toMatchObject({ recruiterId: "R1", status: "offered" });
    expect(await excludedOf(lead.id)).toContain("NM-1");
    const cookie = await client().signIn("zhoumin@example.test", DESK_PASSWORD);
    const page = async () => (await (await client().get(`/queue/assignments/${a.id}`, cookie)).text()) as string;
    expect(await page()).toContain('data-excluded="NM-1"');

    await setRetired(suite.db.sql, "spaces", "NM-1", true, ADMIN, TEST_ROUTING);
    expect(await page()).not.toContain('data-excluded="NM-1"');
    await runSpaceMatch("NM-1");
    await suite.runMatch(lead.id);
    expect(await excludedOf(lead.id)).not.toContain("NM-1");
    const after = await suite.db.sql`select recruiter_id, status from assignments where lead_id = ${lead.id} order by park_id`;
    expect(after).toEqual([
      { recruiterId: "R2", status: "offered" },
      { recruiterId: "R1", status: "offered" },
    ]);
    expect(await suite.db.sql`select 1 from matches where lead_id = ${lead.id} and withdrawn_at is not null`).toHaveLength(0);
  });

  it("a space retired while a lead is being matched: the list written then is matched again (lead.match locks the spaces it lists)", async () => {
    const lead = await storeNeedLead("南京近似并发精工机械有限公司", { ceilingMinM: 12 });
    const [row] = await suite.db.sql<{ id: string }[]>`
      select id::text from outbox where topic = 'lead.match' and aggregate_id = ${lead.id} and done_at is null`;
    // The job's last write (its outbox row done) is held back: the job has read the inventory and written its
    // list, not committed it. Meanwhile S1 is retired and its space.match runs.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const holds = new Promise<void>((r) => (holding = r));
    const holder = suite.db.sql.begin(async (tx) => {
      await tx`select id from outbox where id = ${row.id} for update`;
      holding();
      await held;
    });
    await holds;
    try {
      const matching = suite.runMatch(lead.id);
      await waitForLockWaits(suite.db.sql, 1);
      await setRetired(suite.db.sql, "spaces", "S1", true, ADMIN, TEST_ROUTING);
      const reverse = runSpaceMatch("S1");
      // With the lock, space.match waits for the job (two waiting); without it, it is done before the job commits.
      await Promise.race([reverse, waitForLockWaits(suite.db.sql, 2)]);
      release();
      await holder;
      await Promise.all([matching, reverse]);
      if ((await openMatchRows(lead.id)).length) await suite.runMatch(lead.id);
      expect(await excludedOf(lead.id)).not.toContain("S1");
      expect(await excludedOf(lead.id)).toContain("S5");
    } finally {
      release();
      await holder.catch(() => {});
      await setRetired(suite.db.sql, "spaces", "S1", false, ADMIN, TEST_ROUTING);
    }
  });
});

/** Resolves once `n` backends of this database wait for a lock (polls pg_stat_activity; at most 10 s). */
async function waitForLockWaits(sql: Sql, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [{ waiting }] = await sql<{ waiting: number }[]>`
      select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
    if (waiting >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${n} backends waited for a lock`);
}
