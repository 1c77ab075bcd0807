import type { RoutingOptions } from "~/assignments/route-lead.server";
import type { AdminActor } from "~/auth/admin-gate.server";
import type { Sql } from "~/db/db.server";
import { likeContains } from "~/db/like-pattern";
import type { Bilingual } from "~/i18n/i18n";

import { applyInventory } from "./import.server";
import { inventoryClashes } from "./inventory-clashes.server";
import type { Collection } from "./inventory-columns";
import { type DbRow, type InventoryValue, loadDbRows } from "./inventory-rows.server";
import type { Collections } from "./inventory-schema";
import { rerouteOffersOfUnavailable } from "./recruiter-away.server";
import type { ListState } from "./retire-form";

// The admin inventory pages' reads and writes (lists, one row's save, the offers of a space).

/**
 * How the inventory names the admin behind a change, in `retired_by` and the import's log and preview
 * (migration 035): "staff:<email>" for a signed-in admin, "admin-token" for the Bearer token. (The
 * admin audit trail names them by email alone: `AdminActor.actor`.)
 */
export function inventoryActor(who: AdminActor): string {
  return who.user ? `staff:${who.user.email}` : who.actor;
}

const like = likeContains;

export type ParkListRow = { id: string; name: string; district: string; availableSpaces: number; retired: boolean };

/** Whether a listed row is retired, per list (constant SQL, never user input). */
const RETIRED = {
  parks: "(p.retired_at is not null)",
  spaces: "(s.retired_at is not null or p.retired_at is not null)",
  recruiters: "(not r.active)",
} as const;

/** The condition of a list's `state` filter. */
function stateSql(sql: Sql, state: ListState | undefined, list: keyof typeof RETIRED) {
  const retired = sql.unsafe(RETIRED[list]);
  return state === "retired" ? sql`and ${retired}` : state === "all" ? sql`` : sql`and not ${retired}`;
}

/**
 * Parks by id, matching `q` in id or name (case-insensitive), at most `limit`; `state`: in use (the
 * default), retired, or all (migration 035).
 */
export async function listParks(
  sql: Sql,
  f: { q?: string; limit?: number; state?: ListState },
): Promise<{ total: number; rows: ParkListRow[] }> {
  const where = sql`where true ${f.q ? sql`and (p.id ilike ${like(f.q)} or p.name ilike ${like(f.q)})` : sql``}
    ${stateSql(sql, f.state, "parks")}`;
  const [[{ total }], rows] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from parks p ${where}`,
    sql<ParkListRow[]>`
      select p.id, p.name, p.district, p.retired_at is not null as retired,
             (select count(*)::int from spaces s where s.park_id = p.id and s.status = 'available' and s.retired_at is null) as available_spaces
      from parks p ${where} order by p.id collate natural_order limit ${f.limit ?? 200}`,
  ]);
  return { total, rows };
}

export type SpaceListRow = {
  id: string;
  title: string;
  parkId: string;
  parkName: string;
  kind: string;
  areaSqm: number;
  status: string;
  /** ISO time. */
  verifiedAt: string;
  stale: boolean;
  suspended: boolean;
  /** Retired itself or with its park (migration 035). */
  retired: boolean;
};

/** The rows a page of /admin/spaces shows (LIST_PAGE_ROWS; the first page's bound since before paging). */
export const SPACE_PAGE_ROWS = 200;

/**
 * One page of spaces: `rows`, `total` (every space the filters select), `position` (how many of them come
 * before the first row shown: the page shows position + 1 … position + rows.length), and whether a page
 * comes before and after it.
 */
export type SpacePage = { total: number; rows: SpaceListRow[]; position: number; hasPrev: boolean; hasNext: boolean };

/**
 * Spaces by id with their park; filters: `q` in id or title, park, kind, status, and `stale` (available
 * and not confirmed for `verifyDays`; past twice that they are `suspended`, i.e. no longer offered).
 * In natural id order (ADR 119), or the stale list's oldest confirmation first, then id. Paged by key
 * (docs/decisions/124): `after` an id — the rows that come after it in the list's order — or `before` an id
 * — the `limit` rows just before it; neither: the first page. The key need not be a listed id for the id
 * order (it is compared as an id); for the stale order it must name a space (its confirmation time is the
 * key's first part) — an unknown one gives no rows. Each page is one index range read, however deep.
 */
export async function listSpaces(
  sql: Sql,
  f: {
    q?: string;
    parkId?: string;
    kind?: string;
    status?: string;
    stale?: boolean;
    verifyDays: number;
    limit?: number;
    state?: ListState;
    after?: string;
    before?: string;
  },
): Promise<SpacePage> {
  const limit = f.limit ?? SPACE_PAGE_ROWS;
  const staleSql = sql`(s.status = 'available' and s.retired_at is null and s.verified_at < now() - make_interval(days => ${f.verifyDays}))`;
  const retiredSql = sql.unsafe(RETIRED.spaces);
  const where = sql`where true
    ${stateSql(sql, f.state, "spaces")}
    ${f.q ? sql`and (s.id ilike ${like(f.q)} or s.title ilike ${like(f.q)})` : sql``}
    ${f.parkId ? sql`and s.park_id = ${f.parkId}` : sql``}
    ${f.kind ? sql`and s.kind = ${f.kind}` : sql``}
    ${f.status ? sql`and s.status = ${f.status}` : sql``}
    ${f.stale ? sql`and ${staleSql}` : sql``}`;
  // The rows strictly after (dir "gt") or before ("lt") the space `key` in the list's order.
  const beyond = (key: string, dir: "gt" | "lt") => {
    const op = sql.unsafe(dir === "gt" ? ">" : "<");
    return f.stale
      ? sql`and (s.verified_at ${op} (select k.verified_at from spaces k where k.id = ${key})
               or (s.verified_at = (select k.verified_at from spaces k where k.id = ${key}) and s.id collate natural_order ${op} ${key}))`
      : sql`and s.id collate natural_order ${op} ${key}`;
  };
  const backwards = f.after === undefined && f.before !== undefined;
  const cursor = f.after !== undefined ? beyond(f.after, "gt") : f.before !== undefined ? beyond(f.before, "lt") : sql``;
  const direction = sql.unsafe(backwards ? "desc" : "asc");
  const [[{ total }], fetched] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from spaces s join parks p on p.id = s.park_id ${where}`,
    sql<SpaceListRow[]>`
      select s.id, s.title, s.park_id, p.name as park_name, s.kind, s.area_sqm, s.status, ${retiredSql} as retired,
             to_char(s.verified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as verified_at,
             ${staleSql} as stale,
             (s.status = 'available' and s.retired_at is null and s.verified_at < now() - make_interval(days => ${2 * f.verifyDays})) as suspended
      from spaces s join parks p on p.id = s.park_id ${where} ${cursor}
      order by ${f.stale ? sql`s.verified_at ${direction}, s.id collate natural_order ${direction}` : sql`s.id collate natural_order ${direction}`}
      limit ${limit}`,
  ]);
  const rows = backwards ? fetched.reverse() : fetched;
  // Where the page starts: the rows before its first one (a count only when paged; the first page starts at 0).
  const position =
    rows.length > 0 && (f.after !== undefined || f.before !== undefined)
      ? (
          await sql<
            { n: number }[]
          >`select count(*)::int as n from spaces s join parks p on p.id = s.park_id ${where} ${beyond(rows[0].id, "lt")}`
        )[0].n
      : 0;
  return { total, rows, position, hasPrev: position > 0, hasNext: position + rows.length < total };
}

export type RecruiterListRow = {
  id: string;
  name: string;
  channel: string;
  parks: string[];
  capacity: number;
  active: boolean;
  openAssignments: number;
  awayFrom: string | null;
  awayTo: string | null;
  awayNow: boolean;
};

/** Recruiters by id with their open work; `q` in id, name or email; `state`: active (default), retired (inactive) or all. */
export async function listRecruiters(
  sql: Sql,
  f: { q?: string; limit?: number; state?: ListState },
): Promise<{ total: number; rows: RecruiterListRow[] }> {
  const where = sql`where true ${f.q ? sql`and (r.id ilike ${like(f.q)} or r.name ilike ${like(f.q)} or r.email ilike ${like(f.q)})` : sql``}
    ${stateSql(sql, f.state, "recruiters")}`;
  const [[{ total }], rows] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from recruiters r ${where}`,
    sql<RecruiterListRow[]>`
      select r.id, r.name, r.channel, r.parks, r.capacity, r.active,
             (select count(*)::int from assignments a where a.recruiter_id = r.id and a.status in ('offered', 'accepted', 'contacted', 'visit')) as open_assignments,
             to_char(r.away_from, 'YYYY-MM-DD') as away_from, to_char(r.away_to, 'YYYY-MM-DD') as away_to,
             coalesce(r.away_from <= (now() at time zone 'Asia/Shanghai')::date and r.away_to >= (now() at time zone 'Asia/Shanghai')::date, false) as away_now
      from recruiters r ${where} order by r.id collate natural_order limit ${f.limit ?? 200}`,
  ]);
  return { total, rows };
}

export type OfferedLead = { leadId: string; reference: string; companyName: string; status: string; score: number };

/** The open leads (not won or lost) a space is a live match of, best score first. */
export async function leadsOfferedSpace(sql: Sql, spaceId: string): Promise<OfferedLead[]> {
  return sql<OfferedLead[]>`
    select l.id as lead_id, l.reference, l.company_name, l.status, m.score
    from matches m join leads l on l.id = m.lead_id
    where m.space_id = ${spaceId} and m.withdrawn_at is null and l.status not in ('won', 'lost', 'closed')
    order by m.score desc, l.created_at desc limit 100`;
}

/** The space's last confirmation and whether it is past SPACE_VERIFY_DAYS (`stale`) or twice that (`suspended`). */
export async function spaceVerification(
  sql: Sql,
  spaceId: string,
  verifyDays: number,
): Promise<{ verifiedAt: string; stale: boolean; suspended: boolean } | null> {
  const [r] = await sql<{ verifiedAt: Date; stale: boolean; suspended: boolean }[]>`
    select verified_at,
           status = 'available' and verified_at < now() - make_interval(days => ${verifyDays}) as stale,
           status = 'available' and verified_at < now() - make_interval(days => ${2 * verifyDays}) as suspended
    from spaces where id = ${spaceId}`;
  return r ? { verifiedAt: r.verifiedAt.toISOString(), stale: r.stale, suspended: r.suspended } : null;
}

export type SaveOutcome =
  | { ok: true; outcome: "created" | "updated" | "unchanged"; rerouted: number; unassigned: number }
  | { ok: false; reason: "idTaken" | "unknownPark" }
  | { ok: false; reason: "clash"; field: "id" | "email"; message: Bilingual }
  | { ok: false; reason: "changedMeanwhile"; current: DbRow };

/**
 * Saves one row from an admin form through the import's own upsert (same checks, same index and
 * reverse-matching work), in one transaction. `create`: the id must be new. A recruiter who is now
 * away or inactive has their open offers re-routed in the same transaction. An id a stored row has in
 * another case, or a recruiter email another recruiter has, is "clash" with its field and message (ADR 107).
 */
export async function saveInventoryRow<C extends Collection>(
  sql: Sql,
  collection: C,
  value: InventoryValue[C],
  opts: {
    create: boolean;
    routing: RoutingOptions;
    /**
     * Editing: given the row as it is now (locked), what to save — the form's changes over it (ADR 091) —
     * or null when it changed meanwhile in a way the form conflicts with: then nothing is saved.
     */
    merge?: (current: DbRow) => InventoryValue[C] | null;
  },
): Promise<SaveOutcome> {
  return sql.begin(async (tx): Promise<SaveOutcome> => {
    if (opts.create && (await loadDbRows(tx, collection, [value.id])).length) return { ok: false, reason: "idTaken" };
    let toSave = value;
    if (!opts.create && opts.merge) {
      await tx`select 1 from ${tx(collection as string)} where id = ${value.id} for update`;
      const [current] = await loadDbRows(tx, collection, [value.id]);
      if (current) {
        const merged = opts.merge(current);
        if (!merged) return { ok: false, reason: "changedMeanwhile", current };
        toSave = merged;
      }
    }
    const value3: Collections = { parks: [], spaces: [], recruiters: [] };
    (value3[collection] as unknown[]).push(toSave);
    const [clash] = await inventoryClashes(tx, value3);
    if (clash) return { ok: false, reason: "clash", field: clash.field, message: clash.reason };
    const result = await applyInventory(tx, value3);
    if (!result.ok) return { ok: false, reason: "unknownPark" };
    const counts = result.counts[collection];
    const outcome = counts.created ? "created" : counts.updated ? "updated" : "unchanged";
    const { moved: rerouted, unassigned } =
      collection === "recruiters" ? await rerouteOffersOfUnavailable(tx, [toSave.id], opts.routing) : { moved: 0, unassigned: 0 };
    return { ok: true, outcome, rerouted, unassigned };
  });
}
