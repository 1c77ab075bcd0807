import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { isUuid } from "~/domain/ids";
import type { RoutingRuleCode } from "~/domain/statuses";
import { notifyText } from "~/i18n/notify-messages";

/**
 * Matches a lead again — the desks call this after editing its need (hotline, recruiter). Call it in
 * the transaction that saved the edit (pass that `tx`), so the re-match happens if and only if the
 * edit commits. Records who/why in the audit trail and queues `lead.match`, which withdraws the
 * matches the new need no longer fits (kept as history) and offers what it now fits
 * (docs/decisions/018).
 *
 * `reason`: free text for the audit trail, e.g. "热线修改需求：面积 3000–4000㎡" (no phone numbers).
 * `rule`: `need-edited` (a desk's edit: the re-match may end the assignments of parks that no longer fit,
 * ADR 108) or `admin-rematch` (an admin's "match again" with the need unchanged: it ends nothing, like an
 * inventory change; docs/decisions/127).
 * Returns false when the lead does not exist or is closed (won/lost); nothing is queued then.
 */
export async function rematchLead(
  sql: Sql | TransactionSql,
  leadId: string,
  reason: string,
  rule: Extract<RoutingRuleCode, "need-edited" | "admin-rematch"> = "need-edited",
): Promise<boolean> {
  if (!isUuid(leadId)) return false;
  const run = async (tx: TransactionSql) => {
    const [lead] = await tx<
      { id: string }[]
    >`select id from leads where id = ${leadId} and status not in ('won', 'lost', 'closed') for update`;
    if (!lead) return false;
    const text = reason.trim().slice(0, 500) || notifyText("zh", "reason.needEdited");
    await recordRoutingEvent(tx, { leadId, event: "rematch", rule, reason: { zh: text, en: text } });
    await enqueue(tx, "lead.match", [leadId]);
    return true;
  };
  // A transaction handle has `savepoint`; the pool has `begin`.
  return "savepoint" in sql ? run(sql as TransactionSql) : (sql as Sql).begin(run);
}
