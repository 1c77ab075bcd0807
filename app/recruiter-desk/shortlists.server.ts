import { createHash, randomBytes } from "node:crypto";

import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { auditMessages } from "~/i18n/audit-messages";
import type { Lng } from "~/i18n/lng";
import type { SpaceColumns } from "~/inventory/inventory-rows";

import { type FitNeed, shortlistFit } from "./shortlist-fit";

// Shortlists a recruiter shares with an enterprise: a public page at /s/<token> (issue 12 item 7,
// docs/decisions/030). The token is 32 random bytes (256 bits, base64url, 43 characters); only its
// SHA-256 is stored. A wrong, expired or revoked token, or a lead erased on request, opens nothing.
// The page carries only what the park offers and the recruiter's own contact: no data of the lead
// (the link can be forwarded), no notes, no other enterprise.

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const MAX_SHORTLIST_SPACES = 10;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A shortlist made: its token (shown once), and the language the enterprise wrote in (its link opens in it). */
export type ShortlistCreated = { id: string; token: string; expiresAt: string; lng: Lng };

export type CreateShortlistError = "not-yours" | "no-spaces" | "foreign-space" | "reserved" | "closed";

/**
 * Creates a shortlist of `spaceIds` (1–10 spaces of the assignment's park, any status but let) for the
 * recruiter's own open or closed assignment, open for `days` days, and records `shortlist-shared` in the
 * routing audit trail. Returns the token once (it cannot be read back), or why not. A reserved space
 * only with `reservedOk` (the recruiter ticked "share anyway"): a reservation may fall through, so a
 * recruiter may offer one as a fallback, but never without knowing; `reserved` names those refused.
 */
export async function createShortlist(
  sql: Sql,
  input: { assignmentId: string; recruiterId: string; spaceIds: string[]; days: number; reservedOk?: boolean },
): Promise<{ ok: true; shortlist: ShortlistCreated } | { ok: false; error: CreateShortlistError; reserved?: string[] }> {
  const spaceIds = [...new Set(input.spaceIds)];
  if (spaceIds.length === 0 || spaceIds.length > MAX_SHORTLIST_SPACES) return { ok: false, error: "no-spaces" };
  return sql.begin(async (tx) => {
    const [a] = await tx<{ leadId: string; parkId: string; closed: boolean; lng: string }[]>`
      select a.lead_id, a.park_id, l.status = 'closed' as closed, l.lng from assignments a join leads l on l.id = a.lead_id
      where a.id = ${input.assignmentId} and a.recruiter_id = ${input.recruiterId} and l.anonymised_at is null`;
    if (!a) return { ok: false, error: "not-yours" } as const;
    // An admin closed the lead (spam, duplicate; ADR 107): nothing more is offered to it.
    if (a.closed) return { ok: false, error: "closed" } as const;
    // Read in the transaction that stores the list: a space reserved since the page was loaded counts.
    const offered = await tx<{ title: string; status: string }[]>`
      select title, status from spaces
      where id in ${tx(spaceIds)} and park_id = ${a.parkId} and status <> 'let' and retired_at is null
        and not exists (select 1 from parks p where p.id = ${a.parkId} and p.retired_at is not null)
      order by id`;
    if (offered.length !== spaceIds.length) return { ok: false, error: "foreign-space" } as const;
    const reserved = offered.filter((s) => s.status === "reserved").map((s) => s.title);
    if (reserved.length > 0 && !input.reservedOk) return { ok: false, error: "reserved", reserved } as const;
    const token = randomBytes(32).toString("base64url");
    const [row] = await tx<{ id: string; expiresAt: Date }[]>`
      insert into shortlists (token_hash, assignment_id, lead_id, recruiter_id, space_ids, expires_at)
      values (${hashToken(token)}, ${input.assignmentId}, ${a.leadId}, ${input.recruiterId}, ${spaceIds}::text[],
              now() + ${input.days}::int * interval '1 day')
      returning id, expires_at`;
    await recordRoutingEvent(tx, {
      assignmentId: input.assignmentId,
      leadId: a.leadId,
      event: "shortlist-shared",
      recruiterId: input.recruiterId,
      reason: { ...auditMessages.both("desk.shortlistShared", { count: spaceIds.length }), shortlistId: row.id, spaceIds },
    });
    const lng: Lng = a.lng === "en" ? "en" : "zh";
    return { ok: true, shortlist: { id: row.id, token, expiresAt: row.expiresAt.toISOString(), lng } } as const;
  });
}

/** A space on the shortlist page: its own columns as the row holds them, and why it is there. */
export type ShortlistSpace = Omit<SpaceColumns, "parkId" | "divisibleMinSqm" | "status"> & {
  /** Why it fits, in the enterprise's terms (shortlist-fit.ts, never the matcher's screening reasons); may be empty. */
  reasons: { zh: string; en: string }[];
  matched: boolean;
  /** The space's status now: a space reserved or let since the link was made is shown as such, never as free. */
  /** `retired`: the space or its park was retired by an admin since the list was shared (migration 035). */
  status: "available" | "reserved" | "let" | "retired";
};

export type ShortlistPage = {
  park: { name: string; city: string; district: string; address: string | null; policies: string | null };
  recruiter: { name: string; phone: string; email: string };
  spaces: ShortlistSpace[];
  expiresAt: string;
};

/**
 * The shortlist behind `token`, and one row in shortlist_opens for this opening; null (the caller
 * answers 404 and says nothing) for a malformed, unknown, expired or revoked token or an erased lead;
 * "closed" (nothing of it shown, no opening recorded) when an admin closed its lead as spam or a
 * duplicate: its spaces are no longer offered (ADR 107).
 */
export async function openShortlist(sql: Sql, token: string): Promise<ShortlistPage | "closed" | null> {
  if (!TOKEN.test(token)) return null;
  const [s] = await sql<
    {
      id: string;
      leadId: string;
      need: FitNeed | null;
      spaceIds: string[];
      expiresAt: Date;
      parkName: string;
      city: string;
      district: string;
      address: string | null;
      policies: string | null;
      rName: string;
      rPhone: string;
      rEmail: string;
      closed: boolean;
    }[]
  >`
    select l.status = 'closed' as closed, sl.id, sl.lead_id, l.lead -> 'need' as need, sl.space_ids, sl.expires_at, p.name as park_name, p.city, p.district, p.address, p.policies,
           r.name as r_name, r.phone as r_phone, r.email as r_email
    from shortlists sl join assignments a on a.id = sl.assignment_id join parks p on p.id = a.park_id
    join recruiters r on r.id = sl.recruiter_id join leads l on l.id = sl.lead_id
    where sl.token_hash = ${hashToken(token)} and sl.revoked_at is null and sl.expires_at > now() and l.anonymised_at is null`;
  if (!s) return null;
  if (s.closed) return "closed";
  await sql`insert into shortlist_opens (shortlist_id) values (${s.id})`;
  const spaces = await sql<(Omit<SpaceColumns, "parkId" | "divisibleMinSqm"> & { matched: boolean })[]>`
    select s.id, s.title, s.kind, s.deals, s.area_sqm, s.floors, s.single_storey, s.ceiling_m, s.floor_load_kg, s.power_kva, s.crane_t,
           s.rent_yuan_per_sqm_month, s.price_yuan_per_sqm, s.land_price_wan_per_mu, to_char(s.available_from, 'YYYY-MM-DD') as available_from,
           case when s.retired_at is not null or sp.retired_at is not null then 'retired' else s.status end as status,
           m.lead_id is not null as matched
    from unnest(${s.spaceIds}::text[]) with ordinality as pick (space_id, n)
    join spaces s on s.id = pick.space_id
    join parks sp on sp.id = s.park_id
    left join matches m on m.lead_id = ${s.leadId} and m.space_id = s.id
    order by pick.n`;
  return {
    park: { name: s.parkName, city: s.city, district: s.district, address: s.address, policies: s.policies },
    recruiter: { name: s.rName, phone: s.rPhone, email: s.rEmail },
    expiresAt: s.expiresAt.toISOString(),
    spaces: spaces.map(({ status, ...columns }) => ({
      ...columns,
      reasons: shortlistFit(s.need, { ...columns, status }, new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)),
      status: status as ShortlistSpace["status"],
    })),
  };
}

export type ShortlistSummary = {
  id: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  spaceTitles: string[];
  opens: number;
  lastOpenAt: string | null;
};

/** The shortlists shared for an assignment, newest first, each with how often and when it was last opened. */
export async function listShortlists(sql: Sql | TransactionSql, assignmentId: string): Promise<ShortlistSummary[]> {
  const rows = await sql<
    { id: string; createdAt: Date; expiresAt: Date; expired: boolean; titles: string[]; opens: number; lastOpen: Date | null }[]
  >`
    select sl.id, sl.created_at, sl.expires_at, (sl.expires_at <= now() or sl.revoked_at is not null) as expired,
           (select coalesce(array_agg(s.title order by pick.n), '{}') from unnest(sl.space_ids) with ordinality as pick (id, n) join spaces s on s.id = pick.id) as titles,
           (select count(*)::int from shortlist_opens o where o.shortlist_id = sl.id) as opens,
           (select max(o.at) from shortlist_opens o where o.shortlist_id = sl.id) as last_open
    from shortlists sl where sl.assignment_id = ${assignmentId} order by sl.created_at desc`;
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    expired: r.expired,
    spaceTitles: r.titles,
    opens: r.opens,
    lastOpenAt: r.lastOpen?.toISOString() ?? null,
  }));
}

/** For a person's data export (PIPL art. 45): the shortlist links made for their leads, with every opening's time. */
export async function shortlistsOfLeads(sql: Sql, leadIds: string[]): Promise<Record<string, unknown>[]> {
  if (leadIds.length === 0) return [];
  return sql<Record<string, unknown>[]>`
    select sl.id, sl.lead_id as "leadId", sl.recruiter_id as "recruiterId", sl.space_ids as "spaceIds", sl.created_at as "createdAt",
           sl.expires_at as "expiresAt", sl.revoked_at as "revokedAt",
           coalesce((select jsonb_agg(o.at order by o.at) from shortlist_opens o where o.shortlist_id = sl.id), '[]') as opens
    from shortlists sl where sl.lead_id in ${sql(leadIds)} order by sl.created_at`;
}

/** For erasure (PIPL art. 47): the leads' shortlist links stop opening at once and their opening records go. */
export async function revokeShortlistsOfLeads(tx: TransactionSql, leadIds: string[]): Promise<number> {
  if (leadIds.length === 0) return 0;
  await tx`delete from shortlist_opens where shortlist_id in (select id from shortlists where lead_id in ${tx(leadIds)})`;
  const rows = await tx`update shortlists set revoked_at = now() where lead_id in ${tx(leadIds)} and revoked_at is null`;
  return rows.count;
}
