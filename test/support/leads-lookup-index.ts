import type { Sql } from "~/db/db.server";

import { type SearchClient, waitSucceeded } from "../../search/client";
import { type LeadRow, toLeadDocument } from "../../search/lead-document";
import { ensureLeadsIndex } from "../../search/leads.index";

// A leads index of its own for a caller-lookup test: the database's leads as the index writer writes them.

/** Makes index `uid` with the leads index's settings and adds every lead of `sql` (toLeadDocument); returns the rows. */
export async function indexStoredLeads(sql: Sql, meili: SearchClient, uid: string): Promise<LeadRow[]> {
  const stored = await sql<LeadRow[]>`select id, reference, status, source, lead, created_at from leads`;
  await ensureLeadsIndex(meili, uid);
  await waitSucceeded(meili.index(uid).addDocuments(stored.map(toLeadDocument), { primaryKey: "id" }), 120_000);
  return stored;
}

/** Drops index `uid` (a test's afterAll); a failure is no test's concern. */
export async function dropIndex(meili: SearchClient, uid: string): Promise<void> {
  await waitSucceeded(meili.deleteIndex(uid)).catch(() => {});
}
