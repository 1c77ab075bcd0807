import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadForm } from "../support/leads";
import { outboxDrained } from "../support/pipeline";
import { eventually, startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";
import { startTestWorker } from "../support/worker";

// Trial 32 (docs/decisions/135) through the real pipeline — the form, Postgres, Meilisearch, the worker:
// M4, one park of many 5,000 ㎡ buildings took every one of the 5 places of a need of 3 such buildings, and a
// park of fewer — offered as conditional by ADR 130 — was neither matched nor named in why-not; H2, a typed
// count the notes contradict made a size per unit nobody said; M2, the admin's lead page said "3栋 × 约5000㎡ –
// 5000㎡"; L5, it had no link to edit the need.

const SUFFIX = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_p_${SUFFIX}`, spaces: `spaces_p_${SUFFIX}`, parks: `parks_p_${SUFFIX}` };
const PASSWORD = "count-秘密-2026-parks";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let worker: RunningWorker;

const PARK = { province: "江苏省", city: "南京市", industries: ["C38"], excludedIndustries: [] };
const park = (id: string, district: string) => ({ ...PARK, id, district, name: `多栋园${id}` });
const SPACE = { kind: "factory", deals: ["lease"], ceilingM: 9, status: "available" };
const factory = (id: string, parkId: string, areaSqm: number) => ({ ...SPACE, id, parkId, areaSqm, title: `${areaSqm}平厂房${id}` });
const REGIONS = "浦口区、六合区、栖霞区";

beforeAll(async () => {
  db = await createTestDatabase("unit_parks");
  web = await startWebServer({ DATABASE_URL: db.url });
  worker = await startTestWorker({ databaseUrl: db.url, indexNames });
  const inv = demoInventory();
  // The park of one unit first in the inventory, the park of many last, a park of two between: every order of
  // the inventory is to give the same parks.
  inv.parks.push(park("PB", "六合区"), park("PC", "栖霞区"), park("PA", "浦口区"));
  inv.spaces.push(
    factory("PB1", "PB", 4800),
    factory("PC1", "PC", 5000),
    factory("PC2", "PC", 5000),
    ...["PA1", "PA2", "PA3", "PA4", "PA5", "PA6"].map((id) => factory(id, "PA", 5000)),
  );
  const imported = await importInventory(db.sql, inv);
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  await outboxDrained(db.sql);
  await db.sql`insert into users (email, name, role, password_hash) values ('parks-admin@example.test', '管理员', 'admin', ${await hashPassword(PASSWORD)})`;
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await web?.stop();
  await db?.drop();
});

let tel = 13912368100;
async function submitForm(fields: Record<string, string>) {
  const body = new URLSearchParams(
    validLeadForm({ submissionKey: crypto.randomUUID(), "contact.phone": String(tel++), "need.regions": REGIONS, ...fields }),
  );
  const res = await fetch(`${web.url}/?index`, { method: "POST", body, redirect: "manual" });
  expect(res.status).toBe(303);
  const reference = /PM-\d{8}-\d{4,}/.exec(res.headers.get("location")!)![0];
  const [{ id }] = await db.sql<{ id: string }[]>`select id from leads where reference = ${reference}`;
  return { id, reference };
}

type Match = { spaceId: string; parkId: string; conditional: boolean; reasons: { zh: string; en: string }[] };
type View = { lead: { need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] }; matches: Match[] };
const view = async (id: string) =>
  (await (
    await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } })
  ).json()) as View;
const matched = (id: string) =>
  eventually(async () => {
    const v = await view(id);
    return v.matches.length > 0 ? v : null;
  }, "the lead matched");

describe("the match limit with a need of several units (M4)", () => {
  it("offers every park that has a unit — the one of many with the need's count, the others conditional — not 5 of one park", async () => {
    const lead = await submitForm({ "need.areaMin": "", "need.notes": "需要3栋厂房，每栋5000平" });
    const v = await matched(lead.id);
    expect(v.lead.need).toMatchObject({ areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 });
    const ours = v.matches.filter((m) => ["PA", "PB", "PC"].includes(m.parkId));
    expect(new Set(ours.map((m) => m.parkId))).toEqual(new Set(["PA", "PB", "PC"]));
    expect(ours.filter((m) => m.parkId === "PA")).toHaveLength(3);
    expect(ours.filter((m) => m.parkId === "PA").every((m) => !m.conditional)).toBe(true);
    expect(ours.find((m) => m.spaceId === "PB1")).toMatchObject({ conditional: true });
    expect(ours.filter((m) => m.parkId === "PC").map((m) => m.conditional)).toEqual([true, true]);
    expect(
      ours
        .find((m) => m.spaceId === "PB1")!
        .reasons.map((r) => r.zh)
        .join(" / "),
    ).toContain("本园区符合的只有 1 栋（有条件匹配）");
    // Each park gets the lead (one assignment a park).
    const parks = await db.sql<{ parkId: string }[]>`select park_id from assignments where lead_id = ${lead.id} order by park_id`;
    expect(parks.map((p) => p.parkId)).toEqual(expect.arrayContaining(["PA", "PB", "PC"]));
  }, 90_000);
});

describe("a typed count the notes contradict, and the admin's lead page (H2, M2, L5)", () => {
  it("keeps each unit's size the notes said with the count typed, flags the count, and every page says it one way", async () => {
    const lead = await submitForm({ "need.areaMin": "", "need.unitCount": "两栋", "need.notes": "要3栋厂房，每栋5000平" });
    const v = await matched(lead.id);
    expect(v.lead.need).toMatchObject({ areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2 });
    expect(v.lead.flags).toContainEqual({ field: "need.unitCount", code: "notesDiffer", text: "3栋 ≠ 2栋" });
    // The parks of 5,000 ㎡ buildings — what the enterprise asked for — are matched, not listed as too small.
    expect(v.matches.some((m) => m.parkId === "PA" && !m.conditional)).toBe(true);

    const client = webClient(web.url);
    const admin = await client.signIn("parks-admin@example.test", PASSWORD);
    const zh = await (await client.get(`/admin/leads/${lead.id}`, admin)).text();
    expect(zh).toMatch(/2栋 × 约5,?000㎡（共约10,?000㎡）/);
    expect(zh).not.toMatch(/㎡ – /);
    expect(zh).toContain("备注说3栋，所填为2栋（已按所填），请与企业核实");
    expect(zh).toContain(`href="/hotline/leads/${lead.id}"`);
    const en = await (await client.get(`/admin/leads/${lead.id}?lng=en`, admin)).text();
    expect(en).toMatch(/2 buildings × about 5,?000㎡ \(about 10,?000㎡ in all\)/);
    expect(en).toContain("The notes say 3 buildings, the box says 2 buildings");
    expect(en).toContain(`href="/hotline/leads/${lead.id}?lng=en"`);
    // The link opens the need form for an admin.
    const edit = await client.get(`/hotline/leads/${lead.id}`, admin);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain('name="intent" value="need"');
  }, 90_000);
});
