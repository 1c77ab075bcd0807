import type { RoutingOptions } from "~/assignments/route-lead.server";
import type { Sql } from "~/db/db.server";
import { CALL_OUTCOMES, type CallOutcome, closesTask, NOTE_MAX } from "~/domain/call-outcomes";
import { cleanTyped } from "~/domain/format-chars";
import { isUuid } from "~/domain/ids";
import type { CallTaskCloseReason } from "~/domain/statuses";
import { recordCallOutcome, recordedOutcomeOf } from "~/hotline/call-tasks.server";

/** The call the agent is recording: which task, how it ended, their note, the lead's reference. */
export type CallAnswer = { taskId: string; outcome: CallOutcome; note: string; reference: string };

export type CallTaskAnswer =
  | { kind: "bad-request"; reason: "outcome" | "not-a-handover" | "note-too-long" }
  /** `closedReason`: why the task was closed when the hotline did not close it (migration 090), else null. */
  | { kind: "stale"; closedReason: CallTaskCloseReason | null }
  | { kind: "not-found" }
  | ({ kind: "confirm" } & CallAnswer)
  | ({ kind: "recorded"; handedOver?: boolean } & CallAnswer)
  /**
   * This page's submission was recorded before with `outcome` (the recorded one, docs/decisions/124); the
   * agent now sent `sent`, another outcome: nothing is stored — the desk says what was recorded and that
   * the new choice was not saved.
   */
  | ({ kind: "recorded-other"; sent: CallOutcome } & CallAnswer);

/** A submission key the desk sends: its page's formKey, a UUID; anything else is no key. */
const keyOf = (k: string | undefined) => (k && isUuid(k) ? k : null);

/**
 * One press of an outcome button on the desk (issue 12 items 3–4). An outcome that closes the task
 * (done, wrong number, refused) is not recorded until `confirmed` — the answer is "confirm" and the
 * desk asks; no-answer is recorded at once. The note goes with the outcome (same transaction). A task
 * already closed is "stale" (with the reason it was closed for when its assignment's ending closed it,
 * which the desk says, ADR 114); one that does not exist is "not-found" (a 404, not a notice that it was
 * closed); a malformed id is "not-found" too (no task has it: the desk's 404 page, not a bare 400);
 * an unknown or missing outcome (reason "outcome"), a note over NOTE_MAX UTF-16 units, as the textarea's
 * maxLength counts ("note-too-long"), or a refusal of a call-back ("not-a-handover") is a
 * "bad-request": the desk says which beside the task's buttons, and nothing is recorded. The same
 * `submissionKey` as an outcome recorded on the task (a resend of the last one or of an earlier one kept,
 * docs/decisions/116, 120) is "recorded" again without a second attempt or note — answered with the outcome
 * that key recorded: sent with another outcome it is "recorded-other" (nothing stored, docs/decisions/124).
 */
export async function workCallTask(
  sql: Sql,
  input: {
    taskId: string;
    outcome: string;
    note: string;
    confirmed: boolean;
    authorId: string;
    routing: RoutingOptions;
    /** The desk page's formKey: the same submission again is answered "recorded", counted once (recordCallOutcome). */
    submissionKey?: string;
  },
): Promise<CallTaskAnswer> {
  if (!isUuid(input.taskId)) return { kind: "not-found" };
  if (!(CALL_OUTCOMES as readonly string[]).includes(input.outcome)) return { kind: "bad-request", reason: "outcome" };
  const outcome = input.outcome as CallOutcome;
  const note = cleanTyped(input.note);
  // Over the maximum only by a crafted post (the textarea has maxLength): refused, never cut (a cut can split an emoji).
  if (note.length > NOTE_MAX) return { kind: "bad-request", reason: "note-too-long" };
  const submissionKey = keyOf(input.submissionKey);
  const [task] = await sql<
    { reference: string; kind: string; status: string; closedReason: CallTaskCloseReason | null; outcomeKeys: string[] }[]
  >`
    select l.reference, c.kind, c.status, c.closed_reason, c.outcome_keys from call_tasks c join leads l on l.id = c.lead_id where c.id = ${input.taskId}`;
  if (!task) return { kind: "not-found" };
  // This very submission was recorded (a resend, a double press): answered as recorded, nothing counted again.
  // Answered with what that submission recorded, never with what was sent now (docs/decisions/124).
  const recorded = recordedOutcomeOf(task.outcomeKeys, submissionKey);
  if (recorded !== null) {
    const answer = { taskId: input.taskId, outcome: recorded, note, reference: task.reference };
    return recorded === outcome ? { kind: "recorded", ...answer } : { kind: "recorded-other", sent: outcome, ...answer };
  }
  if (task.status === "done" || task.status === "wrong-number") return { kind: "stale", closedReason: task.closedReason };
  if (outcome === "refused" && task.kind !== "handover") return { kind: "bad-request", reason: "not-a-handover" };
  const answer: CallAnswer = { taskId: input.taskId, outcome, note, reference: task.reference };
  if (closesTask(outcome) && !input.confirmed) return { kind: "confirm", ...answer };
  const result = await recordCallOutcome(sql, input.taskId, outcome, {
    routing: input.routing,
    note: { body: note, authorId: input.authorId },
    submissionKey,
  });
  // Recorded by a concurrent press of the same submission between the read above and the lock.
  if (result.ok && result.again && result.recorded !== undefined && result.recorded !== outcome)
    return { kind: "recorded-other", sent: outcome, ...answer, outcome: result.recorded };
  if (!result.ok) {
    if (result.reason === "not-a-handover") return { kind: "bad-request", reason: "not-a-handover" };
    const [closed] = await sql<
      { closedReason: CallTaskCloseReason | null }[]
    >`select closed_reason from call_tasks where id = ${input.taskId}`;
    return { kind: "stale", closedReason: closed?.closedReason ?? null };
  }
  return { kind: "recorded", ...answer, ...(result.handedOver === undefined ? {} : { handedOver: result.handedOver }) };
}
