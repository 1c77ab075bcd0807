import type { Sql, TransactionSql } from "~/db/db.server";
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from "~/domain/routing/working-time";

import { writeAdminAudit } from "./admin-audit.server";

// The office hours the acceptance SLA counts in (migration 025, ADR 028). One row; China time.

/** The office hours now (the defaults 09:00–18:00 when the row is missing). */
export async function loadOfficeHours(sql: Sql | TransactionSql): Promise<OfficeHours> {
  const [row] = await sql<{ startMinute: number; endMinute: number }[]>`select start_minute, end_minute from office_hours`;
  return row ? { startMinute: row.startMinute, endMinute: row.endMinute } : DEFAULT_OFFICE_HOURS;
}

/**
 * An admin sets the office hours (minutes after midnight, start < end); audited. Offers made later get
 * deadlines on them. `merge` (the form's base, ADR 091/092): given the hours as stored now, under a lock
 * that orders two saves, the hours to store — or null to store nothing (another admin changed them:
 * "changed-meanwhile", with the hours as stored).
 */
export async function saveOfficeHours(
  sql: Sql,
  hours: OfficeHours,
  actor: string,
  merge?: (current: OfficeHours) => OfficeHours | null,
): Promise<{ ok: true } | { ok: false; reason: "changed-meanwhile"; current: OfficeHours }> {
  return sql.begin(async (tx) => {
    // One save at a time: the row may not exist yet (the defaults), so no row lock to take.
    await tx`select pg_advisory_xact_lock(hashtext('office-hours'))`;
    const before = await loadOfficeHours(tx);
    const merged = merge ? merge(before) : hours;
    if (!merged) return { ok: false, reason: "changed-meanwhile", current: before } as const;
    hours = merged;
    await tx`insert into office_hours (id, start_minute, end_minute, updated_at, updated_by)
             values (true, ${hours.startMinute}, ${hours.endMinute}, now(), ${actor})
             on conflict (id) do update set start_minute = excluded.start_minute, end_minute = excluded.end_minute,
                                            updated_at = now(), updated_by = excluded.updated_by`;
    await writeAdminAudit(tx, { actor, action: "office-hours-changed", target: "office-hours", detail: { before, after: hours } });
    return { ok: true } as const;
  });
}
