import { callTaskDueAt } from "~/assignments/call-task-due.server";
import { declineAssignment } from "~/assignments/decline.server";
import type { RoutingOptions } from "~/assignments/route-lead.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { CALL_OUTCOMES, type CallOutcome } from "~/domain/call-outcomes";
import type { SlaClock } from "~/domain/routing/working-time";
import type { CallTaskKind } from "~/domain/statuses";
import { addLeadNote } from "~/hotline/lead-notes.server";
import { auditMessages } from "~/i18n/audit-messages";
import type { Bilingual } from "~/i18n/i18n";

export { CALL_OUTCOMES, type CallOutcome };
export const NO_ANSWER_RETRY_MINUTES = 30;
/**
 * Submission keys a call task keeps (`call_tasks.outcome_keys`, newest first; docs/decisions/116, 120): a
 * resend of any of its last this many recorded outcomes is recognised. A task is worked a few times (a no
 * answer comes back after NO_ANSWER_RETRY_MINUTES), so twenty covers days of retries and bounds the row.
 */
export const OUTCOME_KEYS_KEPT = 20;

/** One kept entry: `<key>:<outcome>` (migration 095, docs/decisions/124), so a resend is answered with what its key recorded. */
export const outcomeKeyEntry = (key: string, outcome: CallOutcome): string => `${key}:${outcome}`;

/**
 * The outcome a kept submission key recorded (entries as `outcomeKeyEntry` writes them), or null when the
 * key is not kept. An entry whose outcome is not a known one (none is written) is read as no-answer.
 */
export function recordedOutcomeOf(entries: readonly string[], key: string | null): CallOutcome | null {
  if (key === null) return null;
  const entry = entries.find((e) => e.startsWith(`${key}:`));
  if (entry === undefined) return null;
  const outcome = entry.slice(key.length + 1);
  return (CALL_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as CallOutcome) : "no-answer";
}

/**
 * `handedOver: false` — a hand-over marked done whose offer had already moved on (nothing was accepted).
 * `again: true` — this submission (its `submissionKey`) was recorded already: nothing was changed now;
 * `recorded` is the outcome it recorded then, which may not be the `outcome` sent now (docs/decisions/124).
 */
export type CallTaskResult =
  | { ok: true; status: string; dueAt: string; handedOver?: boolean; again?: true; recorded?: CallOutcome }
  | { ok: false; reason: "not-found" | "closed" | "not-a-handover" };

/**
 * Hotline staff record how a call went. No answer → the task comes back after a pause (it is due
 * again); a wrong number closes it and leaves a note in the lead's audit trail for the admin. A
 * hand-over that is done means the hotline recruiter took the lead on the phone: their offer is
 * accepted (so it does not lapse into an SLA re-route). `note`: the agent's call note, kept on the lead
 * (lead_notes, with this task and outcome) in the same transaction; a blank note adds nothing.
 * `submissionKey` (the desk page's formKey, a UUID; docs/decisions/116): the same submission posted again
 * (「再次提交」 on the unavailable page, ADR 115; a double press) — the last one recorded or any of the
 * OUTCOME_KEYS_KEPT before it (a resend of an older submission after a newer one, ADR 120) — changes nothing — no second attempt, no second note, no second audit line — and answers ok with
 * `again` and `recorded` (the outcome that submission recorded — a resend with another outcome stores nothing
 * and is answered with the recorded one, docs/decisions/124), even when that outcome closed the task. A
 * missing key records every post, as before.
 */
export async function recordCallOutcome(
  sql: Sql,
  taskId: string,
  outcome: CallOutcome,
  options: {
    routing: RoutingOptions;
    retryMinutes?: number;
    note?: { body: string; authorId: string | null };
    submissionKey?: string | null;
  },
): Promise<CallTaskResult> {
  const retryMinutes = options.retryMinutes ?? NO_ANSWER_RETRY_MINUTES;
  return sql.begin(async (tx) => {
    // Lock order: the task's assignment, then the task — the order an assignment's ending takes them (its
    // trigger closes the task in the same statement, migration 090, ADR 114), so the two never deadlock.
    await tx`select 1 from assignments where id = (select assignment_id from call_tasks where id = ${taskId}) for no key update`;
    const [task] = await tx<
      {
        id: string;
        kind: string;
        leadId: string;
        assignmentId: string | null;
        recruiterId: string | null;
        status: string;
        dueAt: Date;
        outcomeKeys: string[];
      }[]
    >`
      select id, kind, lead_id, assignment_id, recruiter_id, status, due_at, outcome_keys from call_tasks where id = ${taskId} for update`;
    if (!task) return { ok: false as const, reason: "not-found" as const };
    const key = options.submissionKey ?? null;
    const recorded = recordedOutcomeOf(task.outcomeKeys, key);
    if (recorded !== null)
      return { ok: true as const, status: task.status, dueAt: task.dueAt.toISOString(), again: true as const, recorded };
    if (task.status === "done" || task.status === "wrong-number") return { ok: false as const, reason: "closed" as const };
    if (outcome === "refused" && task.kind !== "handover") return { ok: false as const, reason: "not-a-handover" as const };
    // A no-answer is tried again retryMinutes on, on the same clock as a new task's due time (ADR 158).
    const retryAt = outcome === "no-answer" ? await callTaskDueAt(tx, options.routing.slaClock, retryMinutes) : null;
    // A refusal closes the call (status done) and declines the offer for the recruiter.
    const [row] = await tx<{ status: string; dueAt: Date }[]>`
      update call_tasks set status = ${outcome === "refused" ? "done" : outcome}, attempts = attempts + 1, updated_at = now(),
             outcome_keys = case when ${key}::text is null then outcome_keys
                                 else (array[${key === null ? null : outcomeKeyEntry(key, outcome)}::text] || outcome_keys)[1:${OUTCOME_KEYS_KEPT}::int] end,
             due_at = case when ${outcome} = 'no-answer' then ${retryAt}::timestamptz else due_at end
      where id = ${taskId}
      returning status, due_at`;
    if (options.note)
      await addLeadNote(tx, {
        leadId: task.leadId,
        authorId: options.note.authorId,
        body: options.note.body,
        source: "hotline",
        callTaskId: taskId,
        callOutcome: outcome,
      });
    if (outcome === "wrong-number") {
      await recordRoutingEvent(tx, {
        assignmentId: task.assignmentId,
        leadId: task.leadId,
        event: "wrong-number",
        reason: auditMessages.both("hotline.wrongNumber"),
      });
    }
    let handedOver: boolean | undefined;
    if (outcome === "done" && task.kind === "handover" && task.assignmentId && task.recruiterId) {
      const accepted = await tx`
        update assignments set status = 'accepted', accepted_at = now(), updated_at = now()
        where id = ${task.assignmentId} and recruiter_id = ${task.recruiterId} and status = 'offered'`;
      handedOver = accepted.count > 0;
      if (handedOver) {
        await recordRoutingEvent(tx, {
          assignmentId: task.assignmentId,
          leadId: task.leadId,
          event: "accepted",
          recruiterId: task.recruiterId,
          reason: auditMessages.both("hotline.handedOver"),
        });
      }
    }
    if (outcome === "refused" && task.assignmentId && task.recruiterId) {
      const next = await declineAssignment(
        tx,
        { assignmentId: task.assignmentId, recruiterId: task.recruiterId },
        options.routing,
        auditMessages.both("hotline.handoverDeclined"),
      );
      handedOver = next !== null; // false: the offer had already moved on
    }
    return { ok: true as const, status: row.status, dueAt: row.dueAt.toISOString(), ...(handedOver === undefined ? {} : { handedOver }) };
  });
}

export type NewCallTask = {
  kind: CallTaskKind;
  leadId: string;
  assignmentId?: string | null;
  /** The recruiter a hand-over is for; null for call-backs and escalations. */
  recruiterId?: string | null;
  /** The number hotline staff dial, as stored (E.164 or the lead's own). */
  phone: string;
  /** What staff read on the call, in both languages (the desk shows its own). */
  script: Bilingual;
  /** One task per key: a retried job or a second sender adds nothing (`on conflict do nothing`). */
  dedupeKey: string;
  /** The clock its due time is on (SLA_CLOCK, app/assignments/call-task-due.server.ts): "office-hours" — due at the next working moment; "wall" or absent — now. */
  clock?: SlaClock;
};

/**
 * Opens a call task for hotline staff, in the caller's transaction, once per `dedupeKey`, due on the hotline's
 * working time (callTaskDueAt: a task opened at night or at a weekend is due when the office opens, ADR 158).
 */
export async function openCallTask(tx: Sql | TransactionSql, t: NewCallTask): Promise<void> {
  const due = await callTaskDueAt(tx, t.clock);
  await tx`
    insert into call_tasks (kind, lead_id, assignment_id, recruiter_id, phone, script, script_en, dedupe_key, due_at)
    values (${t.kind}, ${t.leadId}, ${t.assignmentId ?? null}, ${t.recruiterId ?? null}, ${t.phone}, ${t.script.zh}, ${t.script.en}, ${t.dedupeKey}, ${due})
    on conflict (dedupe_key) do nothing`;
}

/** The lead reference a call task is about (the hotline page links to the lead after an outcome); null if no such task. */
export async function leadReferenceOfTask(sql: Sql, taskId: string): Promise<string | null> {
  const [row] = await sql<
    { reference: string }[]
  >`select l.reference from call_tasks c join leads l on l.id = c.lead_id where c.id = ${taskId}`;
  return row?.reference ?? null;
}
