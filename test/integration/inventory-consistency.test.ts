import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";
import { confirmSpaceAvailable } from "~/inventory/listing-verify.server";
import { rematchLead } from "~/matches/rematch.server";

import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { outboxDrained } from "../support/pipeline";
import { eventually, startWebServer } from "../support/services";
import { startTestWorker } from "../support/worker";

// Issue 10, part 1: no lead is matched against a stale picture of the inventory. The index writer is
// slowed down (every batch held 1.5 s between reading Postgres and writing Meilisearch), and each
// inventory change happens in the same instant as the leads that only it fits. Every lead must end
// matched to it — whatever the order in which the index, lead.match and space.match run.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let worker: RunningWorker;
let clockOffsetMs = 0;
const suffix = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_ic_${suffix}`, spaces: `spaces_ic_${suffix}`, parks: `parks_ic_${suffix}` };

const ROUNDS = 4;
const LEADS_PER_ROUND = 3;
/** Round r's space: 20,000 ㎡ × 3^r — far enough apart that a lead of one round fits no other round's space. */
const areaOf = (r: number) => 20_000 * 3 ** r;

beforeAll(async () => {
  db = await createTestDatabase("inventory_consistency");
  web = await startWebServer({ DATABASE_URL: db.url, SPACE_VERIFY_DAYS: "30" });
  worker = await startTestWorker({
    databaseUrl: db.url,
    indexNames,
    indexWriteDelayMs: 1_500,
    indexLingerMs: 200,
    spaceVerifyDays: 30,
    clock: () => new Date(Date.now() + clockOffsetMs),
  });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await outboxDrained(db.sql);
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await web?.stop();
  await db?.drop();
});

type Need = Record<string, unknown>;
let phone = 13900000000;
async function submit(need: Need, company = "南京库存一致性测试有限公司"): Promise<string> {
  const body = {
    need,
    use: { industry: "C35", product: "数控机床" },
    tax: { annualTaxWan: 300 },
    company: { name: company },
    contact: { name: "王", phone: String(phone++) },
    consent: true,
  };
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

type View = {
  status: string;
  matches: { spaceId: string }[];
  withdrawnMatches: { spaceId: string; withdrawnReason: { zh: string; en: string } }[];
  excluded: { spaceId: string; rule: string; reasons: { zh: string; en: string }[]; suggestion: { zh: string } | null }[];
  assignments: { id: string; parkId: string }[];
};
async function view(id: string): Promise<View> {
  const res = await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } });
  return (await res.json()) as View;
}

/** Waits until the pipeline is idle, then insists every lead is matched to its space. */
async function expectAllMatched(expected: [leadId: string, spaceId: string][]) {
  await outboxDrained(db.sql, 120_000);
  const wrong: string[] = [];
  for (const [leadId, spaceId] of expected) {
    const v = await view(leadId);
    if (!v.matches.some((m) => m.spaceId === spaceId)) wrong.push(`${leadId} (${v.status}) lacks ${spaceId}: ${JSON.stringify(v.matches)}`);
  }
  expect(wrong).toEqual([]);
}

const warehouse = (id: string, parkId: string, areaSqm: number, status = "available") => ({
  id,
  parkId,
  kind: "warehouse",
  deals: ["lease"],
  title: `测试仓库${id}`,
  areaSqm,
  status,
});
const needFor = (area: number, region: string, kind = "warehouse") => ({
  kind,
  deal: "lease",
  areaMin: Math.round(area * 0.95),
  areaMax: Math.round(area * 1.05),
  areaUnit: "sqm",
  regions: [region],
});

describe("a lead arriving while the inventory changes is matched against the change", () => {
  it("a space created in the same instant as the leads only it fits", async () => {
    const expected: [string, string][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const space = warehouse(`NEW-${r}`, "LS-EDZ", areaOf(r));
      const [imported, ...leads] = await Promise.all([
        importInventory(db.sql, { spaces: [space] }),
        ...Array.from({ length: LEADS_PER_ROUND }, () => submit(needFor(areaOf(r), "溧水区"))),
      ]);
      expect(imported.ok).toBe(true);
      for (const id of leads as string[]) expected.push([id, space.id]);
    }
    await expectAllMatched(expected);
  });

  it("a space that becomes available in the same instant", async () => {
    const spaces = Array.from({ length: ROUNDS }, (_, r) => warehouse(`AVL-${r}`, "JN-IP", areaOf(r), "reserved"));
    expect((await importInventory(db.sql, { spaces })).ok).toBe(true);
    await outboxDrained(db.sql, 120_000);
    const expected: [string, string][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const [imported, ...leads] = await Promise.all([
        importInventory(db.sql, { spaces: [{ ...spaces[r], status: "available" }] }),
        ...Array.from({ length: LEADS_PER_ROUND }, () => submit(needFor(areaOf(r), "江宁区"))),
      ]);
      expect(imported.ok).toBe(true);
      for (const id of leads as string[]) expected.push([id, spaces[r].id]);
    }
    await expectAllMatched(expected);
  });

  it("a space whose area changes in the same instant", async () => {
    const spaces = Array.from({ length: ROUNDS }, (_, r) => warehouse(`RSZ-${r}`, "GC-DB", 1_000 + r));
    expect((await importInventory(db.sql, { spaces })).ok).toBe(true);
    await outboxDrained(db.sql, 120_000);
    const expected: [string, string][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const [imported, ...leads] = await Promise.all([
        importInventory(db.sql, { spaces: [{ ...spaces[r], areaSqm: areaOf(r) }] }),
        ...Array.from({ length: LEADS_PER_ROUND }, () => submit(needFor(areaOf(r), "高淳区"))),
      ]);
      expect(imported.ok).toBe(true);
      for (const id of leads as string[]) expected.push([id, spaces[r].id]);
    }
    await expectAllMatched(expected);
  });

  it("a lead whose need is edited (rematchLead) in the same instant as the space it now fits appears", async () => {
    // Offices of 500,000 ㎡ and more: nothing in the inventory fits.
    const ids = await Promise.all(Array.from({ length: ROUNDS * LEADS_PER_ROUND }, () => submit(needFor(5_000_000, "高淳区", "office"))));
    await outboxDrained(db.sql, 120_000);
    for (const id of ids) expect((await view(id)).status).toBe("unmatched");
    const expected: [string, string][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const space = { ...warehouse(`OFC-${r}`, "GC-MED", areaOf(r)), kind: "office", title: `测试办公${r}` };
      const mine = ids.slice(r * LEADS_PER_ROUND, (r + 1) * LEADS_PER_ROUND);
      const need = needFor(areaOf(r), "高淳区", "office");
      const [imported] = await Promise.all([
        importInventory(db.sql, { spaces: [space] }),
        ...mine.map((id) =>
          db.sql.begin(async (tx) => {
            // What a desk's edit does: the need changes, and the re-match is queued in the same transaction.
            await tx`update leads set lead = jsonb_set(lead, '{need}', lead->'need' || ${tx.json({ areaMin: need.areaMin, areaMax: need.areaMax, areaMinSqm: need.areaMin, areaMaxSqm: need.areaMax } as never)}) where id = ${id}`;
            expect(await rematchLead(tx, id, "热线修改需求：面积")).toBe(true);
          }),
        ),
      ]);
      expect(imported.ok).toBe(true);
      for (const id of mine) expected.push([id, space.id]);
    }
    await expectAllMatched(expected);
    const [{ n }] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from routing_events where event = 'rematch' and rule = 'need-edited' and lead_id in ${db.sql(ids)}`;
    expect(n).toBe(ids.length);
  });
});

describe("a space let after it was offered", () => {
  it("leaves the lead's live matches (kept in history, shown as no longer available) and the lead is re-matched", async () => {
    const plot = {
      id: "LET-1",
      parkId: "LS-EDZ",
      kind: "land",
      deals: ["lease"],
      title: "租赁用地110亩",
      areaSqm: 73_333,
      status: "available",
    };
    expect((await importInventory(db.sql, { spaces: [plot] })).ok).toBe(true);
    await outboxDrained(db.sql, 120_000);
    const id = await submit(
      { kind: "land", deal: "lease", areaMin: 100, areaMax: 120, areaUnit: "mu", regions: ["溧水区"] },
      "南京出租测试有限公司",
    );
    await outboxDrained(db.sql, 120_000);
    const before = await view(id);
    expect(before.matches.map((m) => m.spaceId)).toEqual(["LET-1"]);
    const assignment = before.assignments.find((a) => a.parkId === "LS-EDZ");
    expect(assignment).toBeDefined();

    expect((await importInventory(db.sql, { spaces: [{ ...plot, status: "let" }] })).ok).toBe(true);
    await outboxDrained(db.sql, 120_000);
    // Re-matched with nothing left, but R4 still holds the offer (ADR 108): the lead stays theirs — not
    // unmatched, no call-back behind their back (docs/decisions/215).
    const held = await eventually(async () => {
      const v = await view(id);
      return v.withdrawnMatches.length === 1 ? v : null;
    }, "the lead re-matched with nothing left");
    expect(held.status).toBe("assigned");
    expect(held.matches).toEqual([]);
    expect(await db.sql`select 1 from call_tasks where lead_id = ${id} and kind = 'callback'`).toHaveLength(0);
    // R4 declines it and nobody else in the park takes it: matched again, it is unmatched and called back.
    await db.sql`update assignments set status = 'declined' where id = ${assignment!.id}`;
    await db.sql`insert into outbox (topic, aggregate_id) values ('lead.match', ${id})`;
    await outboxDrained(db.sql, 120_000);
    const after = await eventually(async () => {
      const v = await view(id);
      return v.status === "unmatched" ? v : null;
    }, "the lead unmatched once nobody holds it");
    expect(after.matches).toEqual([]);
    expect(after.withdrawnMatches).toHaveLength(1);
    expect(after.withdrawnMatches[0].spaceId).toBe("LET-1");
    expect(after.withdrawnMatches[0].withdrawnReason.zh).toMatch(/已租售/);
    expect(after.withdrawnMatches[0].withdrawnReason.en).toMatch(/let/);
    const [{ rematches }] = await db.sql<
      { rematches: number }[]
    >`select count(*)::int as rematches from routing_events where lead_id = ${id} and event = 'rematch'`;
    expect(rematches).toBe(1);

    // The recruiter's page that offered it says so.
    const page = await (
      await fetch(`${web.url}/queue/assignments/${assignment!.id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } })
    ).text();
    expect(page).toMatch(/已不可用：房源状态 已租售/);

    // Why not, and a call-back task. S9 (80 亩, for sale only) is listed in why-not, but it misses two rules
    // (the deal, and 80 亩 under the 100 亩 asked), so the script offers it as no near miss (ADR 129: a near
    // miss fails exactly one rule) and asks the hotline to check the need instead.
    const s9 = after.excluded.find((e) => e.spaceId === "S9");
    expect(s9).toMatchObject({ rule: "deal" });
    expect(s9!.reasons[0].zh).toMatch(/仅购买 ≠ 需求 租赁/);
    const [task] = await db.sql<{ script: string }[]>`select script from call_tasks where lead_id = ${id} and kind = 'callback'`;
    expect(task.script).toMatch(/暂无匹配/);
    expect(task.script).not.toMatch(/工业用地80亩/);
  });
});

describe("listings that are not confirmed", () => {
  it("after SPACE_VERIFY_DAYS recruiters see a warning and the admin a list; after twice that the space is not offered until confirmed", async () => {
    const space = warehouse("STALE-1", "LS-EDZ", 9_000_000);
    expect((await importInventory(db.sql, { spaces: [space] })).ok).toBe(true);
    await outboxDrained(db.sql, 120_000);
    const first = await submit(needFor(9_000_000, "溧水区"), "南京核实测试一有限公司");
    await outboxDrained(db.sql, 120_000);
    const offered = await view(first);
    expect(offered.matches.map((m) => m.spaceId)).toEqual(["STALE-1"]);

    // 31 days later (the listing's clock moved back): a warning on the page that offered it, listed for the admin.
    await db.sql`update spaces set verified_at = now() - interval '31 days' where id = 'STALE-1'`;
    const page = await (
      await fetch(`${web.url}/queue/assignments/${offered.assignments[0].id}`, {
        headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
      })
    ).text();
    expect(page).toMatch(/房源已 31 天未核实是否仍可租售，推荐前请先与园区确认/);
    const admin = await (await fetch(`${web.url}/admin`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } })).text();
    expect(admin).toMatch(/data-unverified="STALE-1"/);
    await db.sql`update spaces set verified_at = now() where id = 'STALE-1'`;
    await outboxDrained(db.sql, 120_000);

    // The worker's clock moved 61 days ahead: not offered any more, and why-not says so.
    clockOffsetMs = 61 * 86_400_000;
    let second: string;
    try {
      second = await submit(needFor(9_000_000, "溧水区"), "南京核实测试二有限公司");
      await outboxDrained(db.sql, 120_000);
      const v = await view(second);
      expect(v.status).toBe("unmatched");
      expect(v.matches).toEqual([]);
      expect(v.excluded.find((e) => e.spaceId === "STALE-1")).toMatchObject({ rule: "stale" });
    } finally {
      clockOffsetMs = 0;
    }

    // Back on today's clock the listing is 61 days old; confirmed, it is offered again: reverse
    // matching reaches the lead that was left without it.
    await db.sql`update spaces set verified_at = now() - interval '61 days' where id = 'STALE-1'`;
    expect(await confirmSpaceAvailable(db.sql, "STALE-1")).not.toBeNull();
    await outboxDrained(db.sql, 120_000);
    expect((await view(second)).matches.map((m) => m.spaceId)).toEqual(["STALE-1"]);
  });
});
