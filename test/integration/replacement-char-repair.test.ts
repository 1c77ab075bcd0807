import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import { createSearchClient } from "../../search/client";
import { LEADS_INDEX } from "../../search/leads.index";
import { SPACES_INDEX } from "../../search/spaces.index";
import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { outboxDrained } from "../support/pipeline";
import { startTestWorker } from "../support/worker";

// Migration 059: "�" stored from pages that leaked zero bytes leaves every person-typed column, the
// search documents follow, and a row without one is not touched. The test database has 059 applied
// already (it was empty then): the rows are planted as they were stored, and the file runs again.
const MIGRATION = readFileSync(new URL("../../app/db/migrations/059-drop-stored-replacement-characters.sql", import.meta.url), "utf8");
const X = "\uFFFD";
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let worker: RunningWorker | undefined;
beforeAll(async () => {
  db = await createTestDatabase("fffd_repair");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
});
afterAll(async () => {
  await worker?.close();
  await db?.drop();
});

async function lead(company: string, phone: string): Promise<string> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company, phone }));
  return (await storeLead(db.sql, { ...parsed, raw: { company }, source: "web", lng: "zh" })).id;
}
const snapshot = async () => ({
  leads: await db.sql`select id, lead, company_name, updated_at from leads order by id`,
  parks: await db.sql`select id, name, policies, version, updated_at from parks order by id`,
  spaces: await db.sql`select id, title, notes, version, updated_at from spaces order by id`,
  recruiters: await db.sql`select id, name, updated_at from recruiters order by id`,
  users: await db.sql`select id, name from users order by id`,
  notes: await db.sql`select id, body from lead_notes order by id`,
});

describe("migration 059 repairs stored U+FFFD", () => {
  it("drops it from every person-typed column, re-indexes what changed, leaves the rest alone", async () => {
    const bad = await lead("星辰精密电子有限公司", "13812345601");
    const good = await lead("南京华兴机械有限公司", "13812345602");
    const [[park], [space]] = [
      await db.sql`select id from parks order by id limit 1`,
      await db.sql`select id from spaces order by id limit 1`,
    ];
    // As an affected page stored them: the lead's JSON (company, need, use), its columns, the inventory, staff.
    await db.sql`
      update leads set lead = jsonb_set(jsonb_set(jsonb_set(lead, '{company,name}', to_jsonb(${`星辰${X}精密电子有限公司`}::text)),
                                                  '{need,notes}', to_jsonb(${`要行车${X}10吨`}::text)),
                                        '{use,product}', to_jsonb(${`${X}电路板`}::text)),
                       company_name = ${`星辰${X}精密电子有限公司`}, raw = ${db.sql.json({ company: `星辰${X}` })}
      where id = ${bad}`;
    await db.sql`update parks set name = name || ${X}, policies = ${`前三年${X}免租`} where id = ${park.id}`;
    await db.sql`update spaces set title = ${`一号${X}厂房`}, notes = ${`行车${X}`} where id = ${space.id}`;
    await db.sql`update recruiters set name = name || ${X} where id = 'R1'`;
    const [agent] = await db.sql<{ id: string }[]>`
      insert into users (email, name, role, password_hash) values ('a@example.test', ${`张${X}三`}, 'hotline', 'x'), ('b@example.test', '李四', 'hotline', 'x')
      returning id`;
    await db.sql`insert into lead_notes (lead_id, author_staff_id, body, source) values
      (${bad}, ${agent.id}, ${`客户${X}下周看厂`}, 'hotline'), (${bad}, ${agent.id}, ${X}, 'hotline'), (${good}, ${agent.id}, '已联系', 'hotline')`;
    await db.sql`update outbox set done_at = now() where done_at is null`;
    const before = await snapshot();

    await db.sql.begin((tx) => tx.unsafe(MIGRATION));

    const after = await snapshot();
    const json = JSON.stringify(after);
    // What was only "�" stays for a person to fix (a required text must not become blank); nothing else has one.
    expect(json.split(X).length - 1).toBe(1);
    expect(after.notes.map((n) => n.body)).toEqual(expect.arrayContaining(["客户下周看厂", X, "已联系"]));
    const fixed = after.leads.find((l) => l.id === bad)!;
    expect([fixed.lead.company.name, fixed.lead.need.notes, fixed.lead.use.product, fixed.companyName]).toEqual([
      "星辰精密电子有限公司",
      "要行车10吨",
      "电路板",
      "星辰精密电子有限公司",
    ]);
    // What arrived stays as it arrived (the privacy export's raw record).
    expect((await db.sql`select raw from leads where id = ${bad}`)[0].raw.company).toBe(`星辰${X}`);
    // Untouched rows: same values, same updated_at, same version (the inventory's index and stale marks).
    const same = (a: readonly Record<string, unknown>[], b: readonly Record<string, unknown>[], changed: string[]) =>
      expect(b.filter((r) => !changed.includes(String(r.id)))).toEqual(a.filter((r) => !changed.includes(String(r.id))));
    same(before.leads, after.leads, [bad]);
    same(before.parks, after.parks, [park.id]);
    same(before.spaces, after.spaces, [space.id]);
    same(before.recruiters, after.recruiters, ["R1"]);
    // A repaired row is not marked as edited by a person; the inventory's version moves (the index writer's mark).
    expect(fixed.updatedAt).toEqual(before.leads.find((l) => l.id === bad)!.updatedAt);
    expect(BigInt(after.parks.find((p) => p.id === park.id)!.version)).toBeGreaterThan(
      BigInt(before.parks.find((p) => p.id === park.id)!.version),
    );
    // The search documents follow: one index row per repaired lead, park and space, nothing else.
    expect(await db.sql`select topic, aggregate_id from outbox where done_at is null order by topic, aggregate_id`).toEqual([
      { topic: "lead.index", aggregateId: bad },
      { topic: "park.index", aggregateId: park.id },
      { topic: "space.index", aggregateId: space.id },
    ]);

    // A second run finds nothing to do.
    await db.sql.begin((tx) => tx.unsafe(MIGRATION));
    expect(await snapshot()).toEqual(after);
    expect(await db.sql`select 1 from outbox where done_at is null`).toHaveLength(3);

    // And the index writer puts the repaired text into the search documents.
    worker = await startTestWorker({ databaseUrl: db.url });
    await outboxDrained(db.sql);
    const doc = await search.index(LEADS_INDEX).getDocument(bad);
    expect([doc.companyName, doc.notes, doc.product]).toEqual(["星辰精密电子有限公司", "要行车10吨", "电路板"]);
    const spaceDoc = await search.index(SPACES_INDEX).getDocument(space.id);
    expect(JSON.stringify(spaceDoc)).not.toContain(X);
  }, 90_000);
});
