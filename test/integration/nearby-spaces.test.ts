import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { MatchNeed } from "~/domain/matching/types";
import { WHY_NOT_LIMIT, whyNotWindow } from "~/domain/matching/why-not-window";
import { nearbySpaceIdsOfEach } from "~/inventory/nearby-spaces.server";

import { candidateQueries } from "../../search/spaces.query";
import { createTestDatabase } from "../support/database";

// The why-not listing read from Postgres (docs/decisions/126): the available spaces of the lead's kind in
// its window (whyNotWindow), nearest its target area first, every lead of a group in one statement; nothing retired, let
// or reserved, nor of another kind; a lead this code cannot read answered with its own Error.

let db: Awaited<ReturnType<typeof createTestDatabase>>;

const need = (kind: string, areaMinSqm?: number, areaMaxSqm?: number): MatchNeed =>
  ({ need: { kind, deal: "either", areaUnit: "sqm", areaMinSqm, areaMaxSqm }, use: { industry: "C27" }, tax: {} }) as unknown as MatchNeed;

type Space = { id: string; park?: string; kind?: string; area: number; divisible?: number | null; status?: string; retired?: boolean };

async function spaces(list: Space[]): Promise<void> {
  for (const s of list)
    await db.sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, divisible_min_sqm, status, retired_at)
      values (${s.id}, ${s.park ?? "NB-OPEN"}, ${s.kind ?? "factory"}, ${["lease"]}, ${s.id}, ${s.area}, ${s.divisible ?? null},
              ${s.status ?? "available"}, ${s.retired ? new Date() : null})`;
}

beforeAll(async () => {
  db = await createTestDatabase("nearby_spaces");
  await db.sql`insert into parks (id, name, province, city, district) values
    ('NB-OPEN', '开放园', '江苏省', '南京市', '江宁区'), ('NB-GONE', '退役园', '江苏省', '南京市', '六合区')`;
  await db.sql`update parks set retired_at = now() where id = 'NB-GONE'`;
  // A factory lead of 1,000–1,200 ㎡: the window is 640 ㎡ and up, offers of at most 2,250 ㎡.
  await spaces([
    { id: "F-600", area: 600 }, // below the window
    { id: "F-700b", area: 700 },
    { id: "F-700a", area: 700 }, // same area: id order
    { id: "F-2000", area: 2000 },
    { id: "F-3000-div", area: 3000, divisible: 2000 }, // offered down to 2,000
    { id: "F-3000", area: 3000 }, // its smallest offer is over 2,250
    { id: "W-800", kind: "warehouse", area: 800 },
    { id: "F-900-let", area: 900, status: "let" },
    { id: "F-950-reserved", area: 950, status: "reserved" },
    { id: "F-1000-retired", area: 1000, retired: true },
    { id: "F-1100-gone-park", park: "NB-GONE", area: 1100 },
  ]);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

describe("the why-not listing from Postgres", () => {
  it("lists the available spaces of the lead's kind in its window, nearest its target first, ties by id", async () => {
    const [ids] = await nearbySpaceIdsOfEach(db.sql, [need("factory", 1000, 1200)]);
    expect(ids).toEqual(["F-700a", "F-700b", "F-2000", "F-3000-div"]);
  });

  it("has no upper bound when the lead gives no maximum, and reads half the target below when it gives only one", async () => {
    const [open, onlyMax] = await nearbySpaceIdsOfEach(db.sql, [need("factory", 1000), need("factory", undefined, 2000)]);
    expect(open).toEqual(["F-700a", "F-700b", "F-2000", "F-3000", "F-3000-div"]);
    // Only a maximum of 2,000: from 2,000 × 0.5 × 0.8 × 0.8 = 640 ㎡, offers up to 3,750 ㎡.
    expect(whyNotWindow(need("factory", undefined, 2000))).toEqual({
      kind: "factory",
      targetSqm: 2000,
      minAreaSqm: 640,
      maxOfferSqm: 3750,
    });
    // Nearest 2,000 first: 2,000 itself, then the 3,000s (1,000 off), then the 700s (1,300 off).
    expect(onlyMax).toEqual(["F-2000", "F-3000", "F-3000-div", "F-700a", "F-700b"]);
  });

  it("answers each lead of a group at its index, an Error given or met as that lead's own answer", async () => {
    const given = new Error("unreadable stored lead");
    const broken = { use: {}, tax: {} } as unknown as MatchNeed; // no need at all: its window cannot be read
    const answers = await nearbySpaceIdsOfEach(db.sql, [need("warehouse", 700, 900), given, broken, need("office", 100, 200)]);
    expect(answers[0]).toEqual(["W-800"]);
    expect(answers[1]).toBe(given);
    expect(answers[2]).toBeInstanceOf(Error);
    expect(answers[3]).toEqual([]);
    expect(await nearbySpaceIdsOfEach(db.sql, [given])).toEqual([given]); // nothing asked of Postgres
  });

  it(`lists the ${WHY_NOT_LIMIT} nearest the lead's target, not the smallest of its window (an attack, 12-05)`, async () => {
    // Offices of 3,000–4,950 ㎡; a lead of 5,000: the window starts at 3,200, the nearest 30 are 4,950 down to 3,500.
    await spaces(Array.from({ length: 40 }, (_, i) => ({ id: `O-${3000 + i * 50}`, kind: "office", area: 3000 + i * 50 })));
    const [ids] = await nearbySpaceIdsOfEach(db.sql, [need("office", 5000, 5000)]);
    expect(ids).toEqual(Array.from({ length: WHY_NOT_LIMIT }, (_, i) => `O-${4950 - i * 50}`));
  });

  it(`lists at most ${WHY_NOT_LIMIT}, nearest first above a lead's only figure`, async () => {
    await spaces(Array.from({ length: 40 }, (_, i) => ({ id: `L-${String(i).padStart(2, "0")}`, kind: "land", area: 10_000 + i * 10 })));
    const [ids] = await nearbySpaceIdsOfEach(db.sql, [need("land", 10_000)]);
    expect(ids).toHaveLength(WHY_NOT_LIMIT);
    expect(ids).toEqual(Array.from({ length: WHY_NOT_LIMIT }, (_, i) => `L-${String(i).padStart(2, "0")}`));
  });

  it("sees a space as soon as it is written, and a retirement at once", async () => {
    await spaces([{ id: "W-850-new", kind: "warehouse", area: 850 }]);
    expect((await nearbySpaceIdsOfEach(db.sql, [need("warehouse", 700, 900)]))[0]).toEqual(["W-800", "W-850-new"]);
    await db.sql`update spaces set retired_at = now() where id = 'W-800'`;
    expect((await nearbySpaceIdsOfEach(db.sql, [need("warehouse", 700, 900)]))[0]).toEqual(["W-850-new"]);
  });

  it("is read with the spaces_nearby index, not a scan of the spaces", async () => {
    // 5,000 spaces over 100 parks, as an inventory is spread (bench:match: a park to 50 spaces).
    await db.sql`insert into parks (id, name, province, city, district)
      select 'G-P' || i, '园' || i, '江苏省', '南京市', '江宁区' from generate_series(1, 100) i`;
    await db.sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, status)
      select 'G-' || i, 'G-P' || (1 + i % 100), (array['factory','warehouse','office','land'])[1 + i % 4], '{lease}', 'g',
             300 + (i * 37) % 60000, (array['available','available','available','let'])[1 + (i / 4) % 4]
        from generate_series(1, 5000) i`;
    await db.sql`analyze spaces`;
    await db.sql`analyze parks`;
    const plan = await db.sql.unsafe<{ "QUERY PLAN": string }[]>(
      `explain select s.id from spaces s join parks p on p.id = s.park_id and p.retired_at is null
        where s.status = 'available' and s.retired_at is null and s.kind = 'factory' and s.area_sqm >= 5000
        order by s.area_sqm, s.id limit 30`,
    );
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/spaces_nearby/);
  });
});

describe("the Meilisearch part", () => {
  it("asks three searches a lead, the why-not listing no longer among them", () => {
    const queries = candidateQueries(need("factory", 1000, 1200), { indexUid: "spaces" });
    expect(queries).toHaveLength(3);
    expect(queries.every((q) => q.limit !== WHY_NOT_LIMIT)).toBe(true);
  });
});
