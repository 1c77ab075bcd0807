import type { Sql, TransactionSql } from "~/db/db.server";
import type { RoutingEvent, RoutingRuleCode } from "~/domain/statuses";
import type { Bilingual } from "~/i18n/i18n";

// The audit trail of routing (migration 003 `routing_events`, ADR 010): every decision, notice and
// desk action on a lead, with its reason in both languages. Written here only.

export type RoutingEventInput = {
  leadId: string;
  event: RoutingEvent;
  assignmentId?: string | null;
  recruiterId?: string | null;
  /** The policy rule that decided (app/domain/routing/policy.ts), or what triggered a re-match ("need-edited"). */
  rule?: RoutingRuleCode | null;
  /** The reason in both languages; extra fields (a shortlist's id and spaces) are kept in the same JSON. */
  reason: Bilingual & Record<string, unknown>;
  /** Who else was considered and why not (routing decisions only); stored as JSON, default []. */
  considered?: unknown[];
  /** The staff member behind a manual step (an admin's retry), when there is one. */
  actor?: string | null;
};

/**
 * Appends one row to `routing_events`, in the caller's transaction (or on the pool for a single
 * statement). Returns the pending query: `await` it, or `.execute()` it inside a `Promise.all`.
 */
export function recordRoutingEvent(tx: Sql | TransactionSql, e: RoutingEventInput) {
  return tx`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, rule, reason, considered, actor)
    values (${e.assignmentId ?? null}, ${e.leadId}, ${e.event}, ${e.recruiterId ?? null}, ${e.rule ?? null},
            ${tx.json(e.reason as never)}, ${tx.json((e.considered ?? []) as never)}, ${e.actor ?? null})`;
}

/** Recruiter ids that already held this assignment (assigned or re-routed to them): the next choice skips them. */
export async function recruitersWhoHad(tx: Sql | TransactionSql, assignmentId: string): Promise<string[]> {
  const rows = await tx<{ recruiterId: string }[]>`
    select distinct recruiter_id from routing_events
    where assignment_id = ${assignmentId} and event in ('assigned', 'rerouted') and recruiter_id is not null`;
  return rows.map((r) => r.recruiterId);
}
