import type { Sql } from "~/db/db.server";
import type { Lead } from "~/domain/lead-schema";
import { listMatches, type StoredMatch } from "~/matching/match-store.server";

export type LeadView = {
  id: string;
  reference: string;
  status: string;
  source: string;
  createdAt: string;
  lead: Lead;
  assist: unknown[];
  matches: StoredMatch[];
  assignments: unknown[];
};

/** The lead as staff and the admin API see it: matches best first; assignments come with routing. */
export async function getLeadView(sql: Sql, id: string): Promise<LeadView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await sql<{ id: string; reference: string; status: string; source: string; created_at: Date; lead: Lead; assist: unknown[] }[]>`
    select id, reference, status, source, created_at, lead, assist from leads where id = ${id}`;
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
    assignments: [],
  };
}
