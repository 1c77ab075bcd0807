import type { Sql, TransactionSql } from "~/db/db.server";
import type { MatchResult, Reason } from "~/domain/matching/types";
import { auditMessages } from "~/i18n/audit-messages";

export type StoredMatch = MatchResult & { foundBy: "lead" | "space"; createdAt: string };
/** A match that was live once and no longer is (the space was let, or a re-match dropped it): kept as history. */
export type WithdrawnMatch = StoredMatch & { withdrawnAt: string; withdrawnReason: { zh: string; en: string } };

/** A match with the version of the space it was computed against (docs/decisions/018). */
export type VersionedMatch = MatchResult & { spaceVersion: string };
export type Withdrawal = { spaceId: string; reason: { zh: string; en: string } };

/** "Not in the top 5 after re-matching" — a match the lead's own re-match no longer picks. */
export const OUTRANKED: Withdrawal["reason"] = auditMessages.both("match.outranked");

/**
 * The lead's own matching result: `results` become (or stay) live, each withdrawal is kept with its
 * reason. Nothing is deleted. One round trip.
 */
export async function saveLeadMatches(
  tx: TransactionSql,
  leadId: string,
  results: VersionedMatch[],
  withdrawals: Withdrawal[],
): Promise<void> {
  await Promise.all([
    results.length > 0 &&
      tx`
        insert into matches ${tx(results.map((r) => ({ leadId, spaceId: r.spaceId, parkId: r.parkId, score: r.score, conditional: r.conditional, reasons: tx.json(r.reasons as never), foundBy: "lead", spaceVersion: r.spaceVersion })))}
        on conflict (lead_id, space_id) do update set score = excluded.score, conditional = excluded.conditional, reasons = excluded.reasons,
          found_by = 'lead', space_version = excluded.space_version, withdrawn_at = null, withdrawn_reason = null`.execute(),
    ...withdrawals.map((w) => withdrawMatch(tx, leadId, w)),
  ]);
}

export async function withdrawMatch(tx: TransactionSql, leadId: string, w: Withdrawal): Promise<void> {
  await tx`update matches set withdrawn_at = now(), withdrawn_reason = ${tx.json(w.reason as never)}
           where lead_id = ${leadId} and space_id = ${w.spaceId} and withdrawn_at is null`.execute();
}

/** Adds (or refreshes, live again) one match found by reverse matching. */
export async function upsertSpaceMatch(tx: TransactionSql, leadId: string, r: VersionedMatch): Promise<void> {
  await tx`
    insert into matches (lead_id, space_id, park_id, score, conditional, reasons, found_by, space_version)
    values (${leadId}, ${r.spaceId}, ${r.parkId}, ${r.score}, ${r.conditional}, ${tx.json(r.reasons as never)}, 'space', ${r.spaceVersion})
    on conflict (lead_id, space_id) do update set score = excluded.score, conditional = excluded.conditional, reasons = excluded.reasons,
      space_version = excluded.space_version, withdrawn_at = null, withdrawn_reason = null`;
}

type Row = {
  spaceId: string;
  parkId: string;
  score: number;
  conditional: boolean;
  reasons: Reason[];
  foundBy: "lead" | "space";
  createdAt: Date;
  withdrawnAt: Date | null;
  withdrawnReason: { zh: string; en: string } | null;
};
const toStored = (r: Row): StoredMatch => ({
  spaceId: r.spaceId,
  parkId: r.parkId,
  score: r.score,
  conditional: r.conditional,
  reasons: r.reasons,
  foundBy: r.foundBy,
  createdAt: r.createdAt.toISOString(),
});

/** A lead's live matches, best first, in the contract's shape. */
export async function listMatches(sql: Sql | TransactionSql, leadId: string): Promise<StoredMatch[]> {
  const rows = await sql<Row[]>`
    select space_id, park_id, score, conditional, reasons, found_by, created_at, withdrawn_at, withdrawn_reason from matches
    where lead_id = ${leadId} and withdrawn_at is null order by score desc, space_id`;
  return rows.map(toStored);
}

/** A lead's withdrawn matches, most recently withdrawn first. */
export async function listWithdrawnMatches(sql: Sql | TransactionSql, leadId: string): Promise<WithdrawnMatch[]> {
  const rows = await sql<Row[]>`
    select space_id, park_id, score, conditional, reasons, found_by, created_at, withdrawn_at, withdrawn_reason from matches
    where lead_id = ${leadId} and withdrawn_at is not null order by withdrawn_at desc, space_id`;
  return rows.map((r) => ({
    ...toStored(r),
    withdrawnAt: r.withdrawnAt!.toISOString(),
    withdrawnReason: r.withdrawnReason ?? OUTRANKED,
  }));
}

/**
 * Serialises matching decisions about one space (docs/decisions/018): whoever offers a space holds
 * its shared lock until commit; reverse matching takes the exclusive one before it looks for the
 * matches a change invalidates, so it never misses a match that is being written.
 */
export async function lockSpacesShared(tx: TransactionSql, spaceIds: string[]): Promise<void> {
  if (spaceIds.length === 0) return;
  await tx`select pg_advisory_xact_lock_shared(hashtextextended('space:' || id, 0))
           from (select unnest(${[...new Set(spaceIds)].sort()}::text[]) as id order by 1) ids`;
}

export async function lockSpaceExclusive(tx: TransactionSql, spaceId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended('space:' || ${spaceId}, 0))`;
}
