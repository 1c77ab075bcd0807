import type { Sql, TransactionSql } from "~/db/db.server";

import type { ParkRow, SpaceRow } from "./inventory-rows";
import { type SpaceRowCache, versionKey } from "./space-row-cache.server";

/**
 * Spaces joined with their parks, as the search documents and the matcher need them.
 * The id lists go as ONE array parameter (`= any($1::text[])`), never as `in ($1, …, $n)`: the
 * statement's text then stays the same for any number of ids, so each connection prepares it once
 * (a list spelled out made a new prepared statement — parse and plan — per list length).
 * `pendingKind`: the spaces of that kind whose latest change the search index has not confirmed yet
 * (their own, or their park's; docs/decisions/018), at most `limit`.
 */
export async function loadSpaceRows(
  sql: Sql | TransactionSql,
  filter: {
    spaceIds?: string[];
    parkIds?: string[];
    pendingKind?: string;
    limit?: number;
    cache?: SpaceRowCache;
    /** With `spaceIds` (and `cache` or none) only: the pending spaces of `kind` (at most `limit`) read in the same statement too. */
    withPending?: { kind: string; limit: number };
  } = {},
): Promise<SpaceRow[]> {
  if (filter.withPending) {
    if (!filter.spaceIds || filter.parkIds || filter.pendingKind !== undefined || filter.limit)
      throw new Error("loadSpaceRows: withPending goes with spaceIds (and cache) only");
    return loadSpaceRowsKept(sql, filter.spaceIds, filter.cache, filter.withPending);
  }
  if (filter.spaceIds?.length === 0 || filter.parkIds?.length === 0) return [];
  if (filter.cache && filter.spaceIds && !filter.parkIds && filter.pendingKind === undefined && !filter.limit)
    return loadSpaceRowsKept(sql, filter.spaceIds, filter.cache);
  return sql<SpaceRow[]>`
    select s.id, s.version::text, p.version::text as park_version, ${spaceRowColumns(sql)}
    from spaces s join parks p on p.id = s.park_id
    where true
      ${spaceIdsFilter(sql, filter.spaceIds)}
      ${filter.parkIds ? sql`and s.park_id = any(${filter.parkIds}::text[])` : sql``}
      ${
        filter.pendingKind !== undefined
          ? // Index look-ups only, never a scan of the kind: the pending spaces (partial index spaces_pending)
            // and, park by park, the spaces of the pending parks (parks_pending, then spaces_park; LATERAL with
            // OFFSET 0 so the planner cannot hash-join every space of the kind against the parks — it did, 5 ms
            // of Postgres CPU per lead at 10,000 spaces with nothing pending). The ids come as one array (an
            // InitPlan), so the outer read is by primary key, not a walk of spaces_pkey in id order.
            sql`and s.id = any(array(${pendingIdsSql(sql, filter.pendingKind)}))`
          : sql``
      }
    order by s.id
    ${filter.limit ? sql`limit ${filter.limit}` : sql``}`;
}

/**
 * SQL: the ids of the spaces of `kind` whose latest change the search index has not confirmed yet (their
 * own, or their park's; docs/decisions/018), each once or more (a space pending with its park).
 */
function pendingIdsSql(sql: Sql | TransactionSql, kind: string) {
  return sql`
    select id from spaces where kind = ${kind} and version > indexed_version
    union all
    select x.id from parks pp
    cross join lateral (select id from spaces where park_id = pp.id and kind = ${kind} offset 0) x
    where pp.version > pp.indexed_version`;
}

/**
 * A space row's columns but its id and the two versions, of `spaces s join parks p` (one list for
 * loadSpaceRows and loadSpaceRowsKept).
 */
function spaceRowColumns(sql: Sql | TransactionSql) {
  return sql`s.park_id, s.kind, s.deals, s.title, s.area_sqm, s.divisible_min_sqm, s.floors, s.single_storey, s.ceiling_m,
           s.floor_load_kg, s.power_kva, s.crane_t, s.rent_yuan_per_sqm_month, s.price_yuan_per_sqm, s.land_price_wan_per_mu,
           to_char(s.available_from, 'YYYY-MM-DD') as available_from,
           -- a retired space, or a space of a retired park, is never offered (migration 035): derived status 'retired'
           case when s.retired_at is not null or p.retired_at is not null then 'retired' else s.status end as status, s.notes,
           s.verified_at,
           p.name as park_name, p.district as park_district, p.district_code as park_district_code, p.industries as park_industries, p.excluded_industries as park_excluded,
           p.min_tax_per_mu_wan, p.min_investment_per_mu_wan, p.min_tax_per_1000sqm_wan, p.lat, p.lng`;
}

/**
 * loadSpaceRows by id for a reader that keeps rows between reads (the worker's lead.match, issue 14):
 * every row is read by its id with its own and its park's version, and its other columns only when
 * `cache` does not hold it at exactly those versions — else the kept row is returned. Every column
 * comes from the space's or its park's row and any write to either takes a new version (migration 009),
 * so the two versions name the row's whole content. Rows in id order, as loadSpaceRows; a space gone
 * is missing. The kept rows are frozen (shared by the jobs that read them): callers must not change them.
 */
async function loadSpaceRowsKept(
  sql: Sql | TransactionSql,
  spaceIds: string[],
  cache: SpaceRowCache | undefined,
  pending?: { kind: string; limit: number },
): Promise<SpaceRow[]> {
  // What was kept when the statement was sent: another job may replace or drop an entry meanwhile.
  const kept = spaceIds.map((id) => cache?.get(id));
  const ids = sql`unnest(${spaceIds}::text[], ${kept.map((k) => k?.key ?? null)}::text[])`;
  // `pending`: lead.match's read of the pending spaces of the lead's kind, once its own statement (issue 14, ADR 177),
  // is this one's: the lowest `limit` ids pending, each once, those among `spaceIds` with their kept versions.
  const keys = pending
    ? sql`(select * from ${ids} k (id, kept)
           union all
           select u.id, null from (select id from (${pendingIdsSql(sql, pending.kind)}) a group by id order by id limit ${pending.limit}) u
            where u.id <> all(${spaceIds}::text[]))`
    : ids;
  const rows = await sql<(SpaceRow | (Pick<SpaceRow, "id" | "version" | "parkVersion"> & { parkId: null }))[]>`
    select s.id, s.version::text, p.version::text as park_version, f.*
    from ${keys} k (id, kept)
    join spaces s on s.id = k.id join parks p on p.id = s.park_id
    left join lateral (select ${spaceRowColumns(sql)} where k.kept is distinct from s.version::text || '.' || p.version::text) f on true
    order by s.id`;
  const keptById = new Map(kept.filter((k) => k !== undefined).map((k) => [k.row.id, k]));
  return rows.map((r) => {
    // parkId is never null on a row read whole (spaces.park_id is not null): null says "as kept".
    if (r.parkId !== null) return cache ? cache.put(r as SpaceRow) : (r as SpaceRow);
    const same = keptById.get(r.id);
    if (!same || same.key !== versionKey(r)) throw new Error(`space ${r.id}: read as kept, but no row of its versions is kept`);
    return same.row;
  });
}

/**
 * One id is its own statement (`s.id = $1`), not an array of one. A prepared statement's history
 * decides its plan: PostgreSQL keeps re-planning it while the custom plans it has made cost less on
 * average than the generic one. After an import's 10,000 space.match jobs (two one-id reads each) the
 * worker's connections planned lead.match's 5–80-id reads anew at 1,820 of 2,000 calls
 * (pg_stat_statements, 0.36 ms of planning a lead; docs/benchmarks.md, End to end).
 */
function spaceIdsFilter(sql: Sql | TransactionSql, spaceIds: string[] | undefined) {
  if (!spaceIds) return sql``;
  return spaceIds.length === 1 ? sql`and s.id = ${spaceIds[0]}` : sql`and s.id = any(${spaceIds}::text[])`;
}

export async function loadParkRows(sql: Sql | TransactionSql, parkIds?: string[]): Promise<ParkRow[]> {
  if (parkIds?.length === 0) return [];
  return sql<ParkRow[]>`
    select p.id, p.name, p.province, p.city, p.district, p.district_code, p.address, p.lat, p.lng, p.industries, p.excluded_industries,
           p.min_tax_per_mu_wan, p.min_investment_per_mu_wan, p.min_tax_per_1000sqm_wan, p.policies, p.version::text,
           (select count(*)::int from spaces s where s.park_id = p.id and s.status = 'available' and s.retired_at is null and p.retired_at is null) as available_spaces
    from parks p
    where true ${parkIds ? sql`and p.id in ${sql(parkIds)}` : sql``}
    order by p.id`;
}

/** [id, version] of each row whose document was written to the search index. */
export type Versions = [string, string][];

/**
 * Records the version each written row now has in the index. A row changed since it was read keeps
 * a newer version and stays pending; a row locked by a writer (an import) is skipped and stays
 * pending too — pending is always the safe side: lead.match then reads it from Postgres.
 */
export async function acknowledgeIndexedVersions(tx: TransactionSql | Sql, spaces: Versions, parks: Versions): Promise<void> {
  for (const [table, rows] of [
    ["spaces", spaces],
    ["parks", parks],
  ] as const) {
    if (rows.length === 0) continue;
    await tx`
      update ${tx(table)} t set indexed_version = x.v
      from unnest(${rows.map((r) => r[0])}::text[], ${rows.map((r) => r[1])}::bigint[]) as x (id, v)
      where t.id = x.id and t.indexed_version < x.v
        and t.id in (select id from ${tx(table)} where id in ${tx(rows.map((r) => r[0]))} for update skip locked)`;
  }
}

/** The inventory's current version: one row `{ v }`, the `inventory_version` sequence as text (docs/decisions/018). A pending query: `.execute()` it in a `Promise.all`. */
export function inventoryVersion(tx: Sql | TransactionSql) {
  return tx<{ v: string }[]>`select last_value::text as v from inventory_version`;
}

/** The districts (GB/T 2260 codes) of the parks not retired, each once: the region suggestions' "near" (app/inventory/region-home.server.ts, ADR 113). */
export async function parkDistrictCodes(sql: Sql): Promise<string[]> {
  const rows = await sql<{ code: string }[]>`
    select distinct district_code as code from parks where district_code is not null and retired_at is null`;
  return rows.map((r) => r.code);
}

/** Every park's id and name, by name: the park filters of the admin pages. */
export async function listParkNames(sql: Sql): Promise<{ id: string; name: string }[]> {
  return [...(await sql<{ id: string; name: string }[]>`select id, name from parks order by name`)];
}

/** Every park's id, name and whether it is retired, by name: the park select of the space form. */
export async function listParksWithState(sql: Sql): Promise<{ id: string; name: string; retired: boolean }[]> {
  return [
    ...(await sql<{ id: string; name: string; retired: boolean }[]>`
      select id, name, retired_at is not null as retired from parks order by name`),
  ];
}
