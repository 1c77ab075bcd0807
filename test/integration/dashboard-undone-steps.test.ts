import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  type DashboardFigures,
  type DashboardFilters,
  loadDashboardFigures,
  loadDashboardFiguresLive,
} from "~/admin/dashboard-data.server";
import { rebuildDashboardRollup } from "~/admin/dashboard-rollup.server";
import { routeLead } from "~/assignments/route-lead.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";
import { applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";
import { declineWithReason, markLost, undoClose, undoDecline } from "~/recruiter-desk/lead-work.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";

// An undone step leaves the dashboard (migration 106, docs/decisions/150). A trial's recruiter marked a
// lead 已流失 and undid it at once; the dashboard and its CSV still said "已流失：1" (the `reopened` line
// was read by nothing). Every undo there is — 流失, 已签约 (with the other park's assignment the signing
// closed), a decline — takes its count back: on a day read live, in the daily rollup built after, and on
// a built day the undo comes to later; and the live definition from the facts says the same.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const ROUTING = { slaMinutes: 120, noticeFallbackMs: 0 };
const LOST = { reason: "price" as const, note: null, label: { zh: "价格不合适", en: "Price" } };
const DECLINE = { reason: "no-fitting-space" as const, note: null, label: { zh: "本园无合适空间", en: "No fitting space" } };
/** The China day of now (the leads' day while they are new: read live). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const OLD_DAY = "2026-11-19";

beforeAll(async () => {
  db = await createTestDatabase("dashboard_undone_steps");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});

/** A lead matched to the parks given (their first available space each) and routed: each park's one demo recruiter holds an offer. */
async function routed(company: string, phone: string, parks: string[] = ["GC-EDZ"]) {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company, phone }));
  const { id } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  for (const park of parks)
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 select ${id}, s.id, ${park}, 80, '[]', 'lead' from spaces s where s.park_id = ${park} and s.status = 'available'
                 order by s.id limit 1`;
  await db.sql.begin((tx) => routeLead(tx, id, ROUTING));
  const rows = await db.sql<{ id: string; parkId: string; recruiterId: string }[]>`
    select id, park_id, recruiter_id from assignments where lead_id = ${id}`;
  const of = (park: string) => rows.find((r) => r.parkId === park)!;
  return { leadId: id, of };
}
async function accepted(company: string, phone: string, parks?: string[]) {
  const lead = await routed(company, phone, parks);
  for (const a of (parks ?? ["GC-EDZ"]).map(lead.of))
    expect((await applyAssignmentAction(db.sql, { assignmentId: a.id, recruiterId: a.recruiterId, intent: "accept" }, ROUTING)).ok).toBe(
      true,
    );
  return lead;
}
const who = (a: { id: string; recruiterId: string }) => ({ assignmentId: a.id, recruiterId: a.recruiterId });

const stage = (f: DashboardFigures, s: string) => f.funnel.find((x) => x.stage === s)!.leads;
const reroutesOf = (f: DashboardFigures, r: string) => f.perRecruiter.find((x) => x.recruiterId === r)?.reroutes ?? 0;
/** What the admin reads (rollup and stages), checked equal to the definition from the facts. */
async function figures(f: DashboardFilters) {
  const [read, live] = await Promise.all([loadDashboardFigures(db.sql, f), loadDashboardFiguresLive(db.sql, f)]);
  expect(read).toEqual(live);
  return read;
}

describe("an undone step is counted nowhere (live day, rollup, built day, from the facts)", () => {
  const day = (): DashboardFilters => ({ from: today(), to: today(), park: null });
  const leads: string[] = [];

  it("流失 then 撤销: 已流失 goes back to 0 (the trial's case); undone twice and lost a third time: 1", async () => {
    const a = await accepted("南京撤销流失一号有限公司", "13901506001");
    leads.push(a.leadId);
    expect((await figures(day())).ended.lost).toBe(0);
    expect((await markLost(db.sql, { ...who(a.of("GC-EDZ")), ...LOST })).ok).toBe(true);
    expect((await figures(day())).ended.lost).toBe(1);
    expect(await undoClose(db.sql, who(a.of("GC-EDZ")))).toEqual({ ok: true, undone: "lost" });
    expect((await figures(day())).ended).toEqual({ lost: 0, needChanged: 0 });
    expect((await figures({ ...day(), park: "GC-EDZ" })).ended.lost).toBe(0);
    // The audit trail keeps both lines; the undo names what it took back.
    const lines = await db.sql<{ event: string; rule: string | null }[]>`
      select event, rule from routing_events where assignment_id = ${a.of("GC-EDZ").id} and event in ('lost', 'reopened') order by id`;
    expect(lines).toEqual([
      { event: "lost", rule: null },
      { event: "reopened", rule: "undo-lost" },
    ]);

    // Lost, undone, lost again, undone, lost a third time: it is lost (three lines less two undos).
    for (let i = 0; i < 2; i++) {
      expect((await markLost(db.sql, { ...who(a.of("GC-EDZ")), ...LOST })).ok).toBe(true);
      expect((await undoClose(db.sql, who(a.of("GC-EDZ")))).ok).toBe(true);
      expect((await figures(day())).ended.lost).toBe(0);
    }
    expect((await markLost(db.sql, { ...who(a.of("GC-EDZ")), ...LOST })).ok).toBe(true);
    expect((await figures(day())).ended.lost).toBe(1);
  });

  it("two leads lost, one undone: 1; both undone: 0", async () => {
    const b = await accepted("南京撤销流失二号有限公司", "13901506002");
    const c = await accepted("南京撤销流失三号有限公司", "13901506003");
    leads.push(b.leadId, c.leadId);
    const before = (await figures(day())).ended.lost;
    for (const x of [b, c]) expect((await markLost(db.sql, { ...who(x.of("GC-EDZ")), ...LOST })).ok).toBe(true);
    expect((await figures(day())).ended.lost).toBe(before + 2);
    expect((await undoClose(db.sql, who(b.of("GC-EDZ")))).ok).toBe(true);
    expect((await figures(day())).ended.lost).toBe(before + 1);
    expect((await undoClose(db.sql, who(c.of("GC-EDZ")))).ok).toBe(true);
    expect((await figures(day())).ended.lost).toBe(before);
  });

  it("a lead lost in one park and lost then undone in another: still lost once (in the park it stayed lost in)", async () => {
    const d = await accepted("南京两园流失有限公司", "13901506004", ["GC-EDZ", "LS-EDZ"]);
    leads.push(d.leadId);
    const before = await figures(day());
    for (const p of ["GC-EDZ", "LS-EDZ"]) expect((await markLost(db.sql, { ...who(d.of(p)), ...LOST })).ok).toBe(true);
    expect((await undoClose(db.sql, who(d.of("LS-EDZ")))).ok).toBe(true);
    expect((await figures(day())).ended.lost).toBe(before.ended.lost + 1);
    expect((await figures({ ...day(), park: "LS-EDZ" })).ended.lost).toBe(0);
    expect((await figures({ ...day(), park: "GC-EDZ" })).ended.lost).toBeGreaterThanOrEqual(1);
  });

  it("已签约 then 撤销: the signing leaves 已签约, and the other park's assignment it closed leaves 已流失", async () => {
    const e = await accepted("南京撤销签约有限公司", "13901506005", ["GC-EDZ", "LS-EDZ"]);
    leads.push(e.leadId);
    const before = await figures(day());
    const sign = await applyAssignmentAction(
      db.sql,
      { ...{ assignmentId: e.of("GC-EDZ").id, recruiterId: "R1" }, intent: "signed" },
      ROUTING,
    );
    expect(sign.ok).toBe(true);
    const signed = await figures(day());
    expect([stage(signed, "signed"), signed.ended.lost]).toEqual([stage(before, "signed") + 1, before.ended.lost + 1]);
    expect((await figures({ ...day(), park: "LS-EDZ" })).ended.lost).toBe(1); // closed by the signing elsewhere
    expect(await undoClose(db.sql, who(e.of("GC-EDZ")))).toEqual({ ok: true, undone: "signed" });
    const undone = await figures(day());
    expect([stage(undone, "signed"), undone.ended.lost]).toEqual([stage(before, "signed"), before.ended.lost]);
    expect((await figures({ ...day(), park: "LS-EDZ" })).ended.lost).toBe(0);
  });

  it("a decline then its undo: no re-route of the recruiter who declined", async () => {
    const g = await routed("南京撤销拒绝有限公司", "13901506006");
    leads.push(g.leadId);
    const before = reroutesOf(await figures(day()), "R1");
    expect((await declineWithReason(db.sql, { ...who(g.of("GC-EDZ")), ...DECLINE }, ROUTING)).ok).toBe(true);
    expect(reroutesOf(await figures(day()), "R1")).toBe(before + 1);
    expect((await undoDecline(db.sql, who(g.of("GC-EDZ")), ROUTING)).ok).toBe(true);
    const after = await figures(day());
    expect(reroutesOf(after, "R1")).toBe(before);
    if (before === 0) expect(after.perRecruiter.find((r) => r.recruiterId === "R1")).toBeUndefined(); // not listed with 0 and 0
  });

  it("the same figures from the daily rollup once the day is built, and an undo that comes after the build", async () => {
    // The leads move to a closed day (as the day after tomorrow would see them) and the day is built.
    await db.sql`update leads set created_at = ${`${OLD_DAY} 10:00+08`} where id = any (${leads}::uuid[])`;
    const old: DashboardFilters = { from: OLD_DAY, to: OLD_DAY, park: null };
    const live = await loadDashboardFiguresLive(db.sql, old);
    expect(live.ended.lost).toBe(2); // the first lead (lost a third time) and the lead of two parks
    expect(stage(live, "signed")).toBe(0);
    expect(await rebuildDashboardRollup(db.sql, { days: [OLD_DAY] })).toEqual([OLD_DAY]);
    const [{ stale }] = await db.sql<{ stale: number }[]>`select count(*)::int as stale from dashboard_stale where day = ${OLD_DAY}`;
    expect(stale).toBe(0); // read from the rollup
    const [row] = await db.sql<{ lost: number; signed: number }[]>`
      select lost, signed from dashboard_daily where day = ${OLD_DAY} and park = '*' and source = 'api'`;
    expect(row).toEqual({ lost: 2, signed: 0 });
    expect(await loadDashboardFigures(db.sql, old)).toEqual(live);

    // On the built day, the first lead's third 流失 is undone: the day is marked and read live; rebuilt, the rollup says it too.
    const [first] = await db.sql<{ id: string; recruiterId: string }[]>`
      select id, recruiter_id from assignments where lead_id = ${leads[0]}`;
    expect((await undoClose(db.sql, who(first))).ok).toBe(true);
    const after = await figures(old);
    expect(after.ended.lost).toBe(1);
    expect(await rebuildDashboardRollup(db.sql, { days: [OLD_DAY] })).toEqual([OLD_DAY]);
    expect(await loadDashboardFigures(db.sql, old)).toEqual(after);
    const [row2] = await db.sql<
      { lost: number }[]
    >`select lost from dashboard_daily where day = ${OLD_DAY} and park = '*' and source = 'api'`;
    expect(row2.lost).toBe(1);
  });
});

describe("migration 106 on the undos written before it", () => {
  it("names what each undo took back (the last 流失, 签约 or decline of its assignment before it), and the counts follow", async () => {
    const h = await accepted("南京迁移撤销流失有限公司", "13901506007");
    const k = await routed("南京迁移撤销拒绝有限公司", "13901506008");
    expect((await markLost(db.sql, { ...who(h.of("GC-EDZ")), ...LOST })).ok).toBe(true);
    expect((await undoClose(db.sql, who(h.of("GC-EDZ")))).ok).toBe(true);
    expect((await declineWithReason(db.sql, { ...who(k.of("GC-EDZ")), ...DECLINE }, ROUTING)).ok).toBe(true);
    expect((await undoDecline(db.sql, who(k.of("GC-EDZ")), ROUTING)).ok).toBe(true);
    const f: DashboardFilters = { from: today(), to: today(), park: null };
    const now = await figures(f);
    // As the lines were before migration 106: an undo without a rule (counted as nothing).
    await db.sql`update routing_events set rule = null where event = 'reopened' and lead_id in (${h.leadId}, ${k.leadId})`;
    const unnamed = await loadDashboardFigures(db.sql, f);
    expect(unnamed.ended.lost).toBe(now.ended.lost + 1);
    expect(reroutesOf(unnamed, "R1")).toBe(reroutesOf(now, "R1") + 1);
    // The migration's statement that names them.
    const migration = readFileSync(new URL("../../app/db/migrations/106-an-undone-step-leaves-the-dashboard.sql", import.meta.url), "utf8");
    const backfill = migration.slice(migration.lastIndexOf("update routing_events r set rule"));
    await db.sql.unsafe(backfill);
    const rules = await db.sql<{ rule: string }[]>`
      select rule from routing_events where event = 'reopened' and lead_id in (${h.leadId}, ${k.leadId}) order by id`;
    expect(rules.map((r) => r.rule)).toEqual(["undo-lost", "undo-declined"]);
    expect(await figures(f)).toEqual(now);
  });
});
