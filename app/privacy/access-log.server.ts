import { getStaffUser, type StaffRole } from "~/auth/session.server";
import { cappedList } from "~/db/capped-list.server";
import { inOneSnapshot, type Sql, type TransactionSql } from "~/db/db.server";
import type { PhoneAccessPlace } from "~/domain/statuses";

export type { PhoneAccessPlace };

// Who saw a full phone number, where and when (PIPL art. 51: access control and records of who
// handled personal information; docs/decisions/022). Written on every page or API answer that shows
// an enterprise contact's full number to staff (once a person, lead and place per VIEW_WINDOW_MINUTES); read by admins at /admin/privacy.

export type StaffActor = { actor: string; role: StaffRole };
export type PhoneView = { leadId: string; reference: string };

/** The staff member behind a request: their account's email and role, or "admin-token" (a script with the bearer token). */
export async function staffActor(request: Request): Promise<StaffActor> {
  const user = await getStaffUser(request);
  return user ? { actor: user.email, role: user.role } : { actor: "admin-token", role: "admin" };
}

/**
 * How long one record of a view stands for the same person, lead and place: a page the desk reloads,
 * or that Remix reloads after every action on it (the hotline desk's lookups and outcomes), shows the
 * same numbers again without anyone looking anew. The log answers "who saw which number, where, when",
 * not "how many times a page was drawn" — /hotline with four call tasks wrote four rows a render.
 */
export const VIEW_WINDOW_MINUTES = 30;

/**
 * Records that `who` was shown the full phone number of each lead in `views` at `place`: one row per
 * lead, unless the same person already has one for that lead and place within VIEW_WINDOW_MINUTES (two
 * renders racing may both write; a duplicate row is harmless, a missing one is not). The row carries the
 * lead and its reference, never the number (ADR 022).
 */
export async function recordPhoneViews(sql: Sql, who: StaffActor, place: PhoneAccessPlace, views: PhoneView[]): Promise<void> {
  if (views.length === 0) return;
  await sql`
    insert into phone_access_log (actor, actor_role, lead_id, reference, place)
    select ${who.actor}, ${who.role}, v.lead_id::uuid, v.reference, ${place}
    from unnest(${views.map((v) => v.leadId)}::text[], ${views.map((v) => v.reference)}::text[]) as v (lead_id, reference)
    where not exists (
      select 1 from phone_access_log p
      where p.lead_id = v.lead_id::uuid and p.at > now() - ${VIEW_WINDOW_MINUTES}::int * interval '1 minute'
        and p.actor = ${who.actor} and p.place = ${place})`;
}

export type PhoneAccessRow = { at: string; actor: string; role: StaffRole; leadId: string; reference: string; place: PhoneAccessPlace };

/** The newest `limit` phone views, newest first; `leadIds` narrows them to some leads. */
export async function loadPhoneAccessLog(
  sql: Sql,
  options: { limit?: number; leadIds?: string[] } = {},
): Promise<{ total: number; rows: PhoneAccessRow[] }> {
  // The count and the rows in one snapshot (ADRs 170, 179): a view logged between them was counted and not listed.
  return inOneSnapshot(sql, (tx) => phoneAccessLog(tx, options));
}

async function phoneAccessLog(
  sql: TransactionSql,
  options: { limit?: number; leadIds?: string[] },
): Promise<{ total: number; rows: PhoneAccessRow[] }> {
  const where = options.leadIds ? sql`where lead_id = any(${options.leadIds}::uuid[])` : sql``;
  return cappedList(
    sql<{ total: number }[]>`select count(*)::int as total from phone_access_log ${where}`,
    sql<{ at: Date; actor: string; actorRole: StaffRole; leadId: string; reference: string; place: PhoneAccessPlace }[]>`
      select at, actor, actor_role, lead_id, reference, place from phone_access_log ${where} order by at desc, id desc limit ${options.limit ?? 100}`,
    (r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      role: r.actorRole,
      leadId: r.leadId,
      reference: r.reference,
      place: r.place,
    }),
  );
}
