import type { Sql } from "~/db/db.server";
import type { Lead } from "~/domain/lead-schema";
import type { Exclusion } from "~/domain/matching/why-not";
import { listMatches, listWithdrawnMatches, type StoredMatch, type WithdrawnMatch } from "~/matching/match-store.server";

export type LeadView = {
  id: string;
  reference: string;
  status: string;
  source: string;
  createdAt: string;
  lead: Lead;
  assist: unknown[];
  /** Live matches, best first. */
  matches: StoredMatch[];
  /** Matches that were live and no longer are (the space was let, a re-match dropped it), with the reason. */
  withdrawnMatches: WithdrawnMatch[];
  /** Why not: spaces of the lead's kind left out, the rule and both figures, grouped by park, nearest first. */
  excluded: Exclusion[];
  /** The inventory version the matches were computed against (docs/decisions/018). */
  matchedVersion: string | null;
  assignments: AssignmentView[];
};

export type AssignmentView = {
  id: string; recruiterId: string | null; parkId: string; channel: "email" | "hotline" | null; status: string;
  rule: string; reason: { zh: string; en: string }; reroutes: number; acceptBy: string | null;
};

async function listAssignments(sql: Sql, leadId: string): Promise<AssignmentView[]> {
  const rows = await sql<{ id: string; recruiter_id: string | null; park_id: string; channel: "email" | "hotline" | null; status: string; rule: string; reason: { zh: string; en: string }; reroutes: number; accept_by: Date | null }[]>`
    select id, recruiter_id, park_id, channel, status, rule, reason, reroutes, accept_by from assignments
    where lead_id = ${leadId} order by created_at, park_id`;
  return rows.map((r) => ({ id: r.id, recruiterId: r.recruiter_id, parkId: r.park_id, channel: r.channel, status: r.status, rule: r.rule, reason: r.reason, reroutes: r.reroutes, acceptBy: r.accept_by?.toISOString() ?? null }));
}

/** The lead as staff and the admin API see it: matches best first, then its assignments. */
export async function getLeadView(sql: Sql, id: string): Promise<LeadView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await sql<{ id: string; reference: string; status: string; source: string; created_at: Date; lead: Lead; assist: unknown[]; excluded: Exclusion[]; matched_version: string | null }[]>`
    select id, reference, status, source, created_at, lead, assist, excluded, matched_version::text from leads where id = ${id}`;
  if (!row) return null;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    source: row.source,
    createdAt: row.created_at.toISOString(),
    lead: row.lead,
    assist: row.assist,
    matches: await listMatches(sql, row.id),
    withdrawnMatches: await listWithdrawnMatches(sql, row.id),
    excluded: row.excluded ?? [],
    matchedVersion: row.matched_version,
    assignments: await listAssignments(sql, row.id),
  };
}
