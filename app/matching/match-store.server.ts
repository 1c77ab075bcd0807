import type { Sql, TransactionSql } from "~/db/db.server";
import type { MatchResult } from "~/domain/matching/types";

export type StoredMatch = MatchResult & { foundBy: "lead" | "space"; createdAt: string };

/** Replaces the matches found when the lead itself was matched (reverse matches stay). One round trip. */
export async function replaceLeadMatches(tx: TransactionSql, leadId: string, results: MatchResult[]): Promise<void> {
  await Promise.all([
    tx`delete from matches where lead_id = ${leadId} and found_by = 'lead'`.execute(),
    results.length > 0 &&
      tx`
        insert into matches ${tx(results.map((r) => ({ lead_id: leadId, space_id: r.spaceId, park_id: r.parkId, score: r.score, conditional: r.conditional, reasons: tx.json(r.reasons as never), found_by: "lead" })))}
        on conflict (lead_id, space_id) do update set score = excluded.score, conditional = excluded.conditional, reasons = excluded.reasons, found_by = 'lead'`.execute(),
  ]);
}

/** Adds (or refreshes) one match found by reverse matching. */
export async function upsertSpaceMatch(tx: TransactionSql, leadId: string, r: MatchResult): Promise<void> {
  await tx`
    insert into matches (lead_id, space_id, park_id, score, conditional, reasons, found_by)
    values (${leadId}, ${r.spaceId}, ${r.parkId}, ${r.score}, ${r.conditional}, ${tx.json(r.reasons as never)}, 'space')
    on conflict (lead_id, space_id) do update set score = excluded.score, conditional = excluded.conditional, reasons = excluded.reasons`;
}

/** A lead's matches, best first, in the contract's shape. */
export async function listMatches(sql: Sql, leadId: string): Promise<StoredMatch[]> {
  const rows = await sql<{ space_id: string; park_id: string; score: number; conditional: boolean; reasons: MatchResult["reasons"]; found_by: "lead" | "space"; created_at: Date }[]>`
    select space_id, park_id, score, conditional, reasons, found_by, created_at from matches
    where lead_id = ${leadId} order by score desc, space_id`;
  return rows.map((r) => ({ spaceId: r.space_id, parkId: r.park_id, score: r.score, conditional: r.conditional, reasons: r.reasons, foundBy: r.found_by, createdAt: r.created_at.toISOString() }));
}
