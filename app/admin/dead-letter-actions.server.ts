import { handoverScript, loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { retryDeadLetter } from "~/assignments/dead-letters.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { Sql } from "~/db/db.server";
import { reviveDead } from "~/db/outbox.server";
import { cleanTyped } from "~/domain/format-chars";
import type { SlaClock } from "~/domain/routing/working-time";
import type { NotificationStatus } from "~/domain/statuses";
import { openCallTask } from "~/hotline/call-tasks.server";
import { auditMessages } from "~/i18n/audit-messages";
import type { Lng } from "~/i18n/lng";
import { notifyText } from "~/i18n/notify-messages";

import { writeAdminAudit } from "./admin-audit.server";

// What an admin does with a dead letter at /admin/dead-letters (ADR 028). Each action is one
// transaction with an admin_audit line (and, for a lead's notice, a routing_events line with the actor).

export type DeadLetterAction = "retry" | "hotline" | "handled";
/**
 * `not-dead`: no longer waiting for an admin — retried or dealt with meanwhile (a second press, another
 * admin, another tab); a notice's `status` says which (pending, sending or sent: retried; handled).
 */
export type DeadLetterOutcome =
  { ok: true } | { ok: false; reason: "not-found" | "no-assignment" } | { ok: false; reason: "not-dead"; status?: NotificationStatus };

/**
 * - retry: back to pending with a fresh retry budget (retryDeadLetter);
 * - hotline: a hand-over call task for the hotline to phone the recruiter instead, and the notice handled;
 * - handled: leaves the list (nothing more to do), with the admin's note.
 * `noticeId` is notifications.id; `note` is free text (≤ 500 characters kept).
 */
export async function actOnDeadLetter(
  sql: Sql,
  noticeId: string,
  action: DeadLetterAction,
  actor: string,
  options: { note?: string; slaMinutes: number; slaClock?: SlaClock },
): Promise<DeadLetterOutcome> {
  if (!/^\d{1,18}$/.test(noticeId)) return { ok: false, reason: "not-found" };
  const note = cleanTyped(options.note ?? "").slice(0, 500);
  if (action === "retry") {
    const result = await retryDeadLetter(noticeId, actor, sql);
    if (result.ok) await writeAdminAudit(sql, { actor, action: "dead-letter-retry", target: `notification:${noticeId}`, detail: { note } });
    return result;
  }
  const [peek] = await sql<{ assignmentId: string | null }[]>`select assignment_id from notifications where id = ${noticeId}`;
  const details = action === "hotline" && peek?.assignmentId ? await loadAssignmentDetails(sql, peek.assignmentId) : null;
  return sql.begin(async (tx): Promise<DeadLetterOutcome> => {
    const [n] = await tx<
      { id: string; status: NotificationStatus; leadId: string; assignmentId: string | null; lastError: string | null }[]
    >`
      select id::text, status, lead_id, assignment_id, last_error from notifications where id = ${noticeId} for update`;
    if (!n) return { ok: false, reason: "not-found" };
    if (n.status !== "dead") return { ok: false, reason: "not-dead", status: n.status };
    if (action === "hotline") {
      if (!details?.recruiter) return { ok: false, reason: "no-assignment" };
      const scriptIn = (lng: Lng) => `${notifyText(lng, "handover.noticeFailed")}\n${handoverScript(details, options.slaMinutes, lng)}`;
      await openCallTask(tx, {
        kind: "handover",
        leadId: details.leadId,
        assignmentId: details.id,
        recruiterId: details.recruiter.id,
        phone: details.recruiter.phone,
        script: { zh: scriptIn("zh"), en: scriptIn("en") },
        dedupeKey: `dead-letter-hotline:${n.id}`,
        clock: options.slaClock,
      });
    }
    await tx`update notifications set status = 'handled', handled_at = now(), handled_by = ${actor} where id = ${n.id}`;
    const said =
      action === "hotline"
        ? auditMessages.both("admin.deadLetterHotline")
        : auditMessages.both("admin.deadLetterHandled", (lng) => ({ note: note ? auditMessages.t(lng, "noteColon", { note }) : "" }));
    await recordRoutingEvent(tx, {
      assignmentId: n.assignmentId,
      leadId: n.leadId,
      event: action === "hotline" ? "dead-letter-hotline" : "dead-letter-handled",
      recruiterId: details?.recruiter?.id ?? null,
      reason: said,
      actor,
    });
    await writeAdminAudit(tx, {
      actor,
      action: action === "hotline" ? "dead-letter-hotline" : "dead-letter-handled",
      target: `notification:${n.id}`,
      detail: { note, lastError: n.lastError },
    });
    return { ok: true };
  });
}

/**
 * Retry of background work that ended as a dead letter (an outbox row, docs/decisions/077): back to the
 * relay with a fresh job and a fresh strike count, and an admin_audit line (`outbox:<id>`), in one
 * transaction. `outboxId` is outbox.id. A row that is no longer dead is "not-dead": only this retry
 * revives a dead row (it is never done while dead, never deleted), so it was retried already.
 */
export async function retryDeadWork(
  sql: Sql,
  outboxId: string,
  actor: string,
  options: { note?: string } = {},
): Promise<DeadLetterOutcome> {
  if (!/^\d{1,18}$/.test(outboxId)) return { ok: false, reason: "not-found" };
  const note = cleanTyped(options.note ?? "").slice(0, 500);
  return sql.begin(async (tx): Promise<DeadLetterOutcome> => {
    const row = await reviveDead(tx, outboxId);
    if (!row) {
      const [exists] = await tx`select 1 from outbox where id = ${outboxId}`;
      return { ok: false, reason: exists ? "not-dead" : "not-found" };
    }
    await writeAdminAudit(tx, {
      actor,
      action: "dead-work-retry",
      target: `outbox:${outboxId}`,
      detail: { note, topic: row.topic, item: row.aggregateId, reason: row.deadReason, lastError: row.lastError },
    });
    return { ok: true };
  });
}
