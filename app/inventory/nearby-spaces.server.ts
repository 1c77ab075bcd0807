import type { Sql, TransactionSql } from "~/db/db.server";
import { AREA_LOWER, AREA_UPPER, unitCountOf } from "~/domain/matching/area-window";
import type { MatchNeed } from "~/domain/matching/types";
import { WHY_NOT_LIMIT, whyNotWindow } from "~/domain/matching/why-not-window";
import { orError } from "~/utils/or-error";

/**
 * The why-not listing's spaces for each need (whyNotWindow, app/domain/matching/why-not-window.ts): up to
 * WHY_NOT_LIMIT ids of available spaces — not retired, nor of a retired park (migration 035) — of the need's
 * kind in its window, nearest its target area first (ties by id): the nearest below and the nearest above,
 * each a range read of the spaces_nearby index (migration 097) that stops after WHY_NOT_LIMIT rows, then the
 * nearest of both. One statement for all the needs (a lead.match group, docs/decisions/073). Postgres, not
 * Meilisearch, answers it (docs/decisions/126): a range on one indexed column is a few index pages here,
 * where it was one of a lead's dearest searches there, and the listing sees every space written, not only
 * those indexed. Each answer at its need's index; an Error given in `needs`, or a need whose window cannot be
 * read (a stored lead this code cannot read), is answered with its own Error. Throws when Postgres fails.
 */
export async function nearbySpaceIdsOfEach(sql: Sql, needs: readonly (MatchNeed | Error)[]): Promise<(string[] | Error)[]> {
  const windows = needs.map((n) => (n instanceof Error ? n : orError(() => whyNotWindow(n))));
  const asked = windows.flatMap((w, ord) => (w instanceof Error ? [] : [{ ord, ...w }]));
  const found = new Map<number, string[]>();
  if (asked.length > 0) {
    // One JSON parameter, not four arrays: an array's length is known to a custom plan only, so Postgres planned
    // the statement anew at every call (0.66 ms); a record set is estimated alike either way, and the plan is kept.
    const rows = await sql<{ ord: number; ids: string[] }[]>`
      select k.ord, n.ids
        from jsonb_to_recordset(${sql.json(asked.map((a) => ({ ord: a.ord, kind: a.kind, t: a.targetSqm, lo: a.minAreaSqm, hi: a.maxOfferSqm })))})
             k (ord int, kind text, t float8, lo float8, hi float8)
        cross join lateral (
          select coalesce(array_agg(x.id order by x.gap, x.id), '{}') as ids
            from (select u.id, u.gap from (
                    (select s.id, k.t - s.area_sqm as gap
                       from spaces s join parks p on p.id = s.park_id and p.retired_at is null
                      where s.status = 'available' and s.retired_at is null and s.kind = k.kind
                        and s.area_sqm >= k.lo and s.area_sqm < k.t
                        and (k.hi is null or coalesce(s.divisible_min_sqm, s.area_sqm) <= k.hi)
                      order by s.area_sqm desc, s.id desc
                      limit ${WHY_NOT_LIMIT})
                    union all
                    (select s.id, s.area_sqm - k.t as gap
                       from spaces s join parks p on p.id = s.park_id and p.retired_at is null
                      where s.status = 'available' and s.retired_at is null and s.kind = k.kind
                        and s.area_sqm >= greatest(k.lo, k.t)
                        and (k.hi is null or coalesce(s.divisible_min_sqm, s.area_sqm) <= k.hi)
                      order by s.area_sqm, s.id
                      limit ${WHY_NOT_LIMIT})) u
                   order by u.gap, u.id
                   limit ${WHY_NOT_LIMIT}) x) n`;
    for (const r of rows) found.set(r.ord, r.ids);
  }
  return windows.map((w, ord) => (w instanceof Error ? w : (found.get(ord) ?? [])));
}

/**
 * The available spaces — not retired, nor of a retired park — of the need's kind in `parkIds` that may fit as
 * one of its units (need.unitCount n ≥ 2, docs/decisions/130): an area of at least the unit's window's lower
 * edge (areaMinSqm / n × AREA_LOWER) and, when the need has a maximum, a smallest offer (the divisible minimum,
 * else the whole) of at most its upper edge (areaMaxSqm / n × AREA_UPPER). Loose by design: the matcher checks
 * each in code; what it is for is that rankMatches counts a park's units (how many of its spaces fit as one)
 * from every such space of the park, not only those a search returned. [] for a need without a count, or no
 * park. Ids in id order. Throws when Postgres fails.
 */
export async function parkUnitIds(sql: Sql | TransactionSql, n: MatchNeed, parkIds: readonly string[]): Promise<string[]> {
  const k = unitCountOf(n.need.unitCount);
  const { areaMinSqm: min, areaMaxSqm: max } = n.need;
  if (k === 1 || parkIds.length === 0) return [];
  const lo = min === undefined ? 0 : (min / k) * AREA_LOWER;
  const hi = max === undefined ? null : (max / k) * AREA_UPPER;
  const rows = await sql<{ id: string }[]>`
    select s.id from spaces s join parks p on p.id = s.park_id and p.retired_at is null
     where s.park_id = any(${parkIds as string[]}::text[]) and s.kind = ${n.need.kind}
       and s.status = 'available' and s.retired_at is null
       and s.area_sqm >= ${lo - 0.01} and (${hi}::float8 is null or least(coalesce(s.divisible_min_sqm, s.area_sqm), s.area_sqm) <= ${hi}::float8 + 0.01)
     order by s.id`;
  return rows.map((r) => r.id);
}
