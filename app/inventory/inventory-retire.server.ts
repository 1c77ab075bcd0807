import type { RoutingOptions } from "~/assignments/route-lead.server";
import type { Sql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";

import type { Collection } from "./inventory-columns";
import { rerouteOffersOfUnavailable } from "./recruiter-away.server";
import { endOffersOfRetiredPark } from "./retired-park-offers.server";

// Retiring and restoring parks, spaces and recruiters (ADR 033). Nothing is deleted: a retired row keeps
// its matches, assignments and audit lines, and restoring it brings it back as it was.
// - A space (or every space of a park) is retired by `retired_at` (migration 035). The inventory readers
//   then report it as status 'retired', so the space.match job withdraws its live matches with the
//   reason 已下架 and re-matches those leads — the same path as a space that was let — and lead.match
//   never offers it again. The search documents are rewritten (status 'retired'), so queries skip it.
// - A park retired also ends its offers nobody accepted yet (app/inventory/retired-park-offers.server.ts, ADR 157);
//   no lead is assigned or re-routed to it by hand then (admin/lead-actions.server.ts).
// - A recruiter is retired by `active = false` (ADR 027): their open offers re-route now, in the same
//   transaction; accepted work stays with them.

export type RetireOutcome = { ok: true; changed: boolean; rerouted: number; unassigned: number } | { ok: false; reason: "notFound" };

/**
 * Sets (`retired = true`) or clears the retirement of one row, in one transaction, with an admin_audit
 * line (`<collection>-retired` / `-restored`, target `park:<id>` …) naming `actor`. Queues the index
 * and reverse-matching work for the spaces concerned. `changed` is false when the row already was in
 * that state (nothing written, nothing queued). `rerouted`: offers a retired recruiter held that moved; `unassigned`: how many of those went to the unassigned queue (no other recruiter of the park).
 */
export async function setRetired(
  sql: Sql,
  collection: Collection,
  id: string,
  retired: boolean,
  actor: string,
  routing: RoutingOptions,
): Promise<RetireOutcome> {
  return sql.begin(async (tx): Promise<RetireOutcome> => {
    let rows: { id: string }[];
    if (collection === "recruiters") {
      rows = await tx`update recruiters set active = ${!retired}, updated_at = now() where id = ${id} and active = ${retired} returning id`;
    } else {
      const table = collection === "parks" ? "parks" : "spaces";
      rows = await tx`
        update ${tx(table)} set retired_at = ${retired ? tx`now()` : null}, retired_by = ${retired ? actor : null}, updated_at = now()
        where id = ${id} and (retired_at is null) = ${retired} returning id`;
    }
    if (rows.length === 0) {
      const table = collection;
      const [exists] = await tx`select 1 from ${tx(table)} where id = ${id}`;
      return exists ? { ok: true, changed: false, rerouted: 0, unassigned: 0 } : { ok: false, reason: "notFound" };
    }
    let rerouted = 0;
    let unassigned = 0;
    if (collection === "spaces") {
      await enqueue(tx, "space.index", [id]);
      await enqueue(tx, "space.match", [id]);
    } else if (collection === "parks") {
      // A park's re-index rewrites its spaces' documents too (they carry the park's state).
      await enqueue(tx, "park.index", [id]);
      // Retired: its offers nobody accepted end and their leads go to the parks that still fit (ADR 157).
      if (retired) await endOffersOfRetiredPark(tx, id, actor);
      const spaces = await tx<{ id: string }[]>`select id from spaces where park_id = ${id} order by id`;
      await enqueue(
        tx,
        "space.match",
        spaces.map((s) => s.id),
      );
    } else if (retired) {
      ({ moved: rerouted, unassigned } = await rerouteOffersOfUnavailable(tx, [id], routing));
    }
    const noun = collection === "parks" ? "park" : collection === "spaces" ? "space" : "recruiter";
    // One admin_audit line (migration 023), written here rather than through app/admin's writeAdminAudit:
    // app/admin reaches search/, which reads app/inventory — importing back would close a cycle (rooms.test.ts).
    await tx`insert into admin_audit (actor, action, target, detail)
              values (${actor}, ${`${noun}-${retired ? "retired" : "restored"}`}, ${`${noun}:${id}`},
                      ${tx.json((rerouted ? { rerouted } : {}) as never)})`;
    return { ok: true, changed: true, rerouted, unassigned };
  });
}

/** Whether a park or space is retired (a space also when its park is), or a recruiter inactive; null when there is no such row. */
export async function retiredState(sql: Sql, collection: Collection, id: string): Promise<{ retired: boolean; viaPark: boolean } | null> {
  if (collection === "recruiters") {
    const [r] = await sql<{ active: boolean }[]>`select active from recruiters where id = ${id}`;
    return r ? { retired: !r.active, viaPark: false } : null;
  }
  if (collection === "parks") {
    const [p] = await sql<{ retired: boolean }[]>`select retired_at is not null as retired from parks where id = ${id}`;
    return p ? { retired: p.retired, viaPark: false } : null;
  }
  const [s] = await sql<{ own: boolean; park: boolean }[]>`
    select s.retired_at is not null as own, p.retired_at is not null as park from spaces s join parks p on p.id = s.park_id where s.id = ${id}`;
  return s ? { retired: s.own || s.park, viaPark: !s.own && s.park } : null;
}
