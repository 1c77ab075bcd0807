import { declineAssignment } from "~/assignments/decline.server";
import type { RoutingOptions } from "~/assignments/route-lead.server";
import type { Sql } from "~/db/db.server";

/** `refused` is for a hand-over only: the phone recruiter turned the lead down on the call. */
export const CALL_OUTCOMES = ["done", "no-answer", "wrong-number", "refused"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const NO_ANSWER_RETRY_MINUTES = 30;

/** `handedOver: false` — a hand-over marked done whose offer had already moved on (nothing was accepted). */
export type CallTaskResult =
  { ok: true; status: string; dueAt: string; handedOver?: boolean } | { ok: false; reason: "not-found" | "closed" | "not-a-handover" };

/**
 * Hotline staff record how a call went. No answer → the task comes back after a pause (it is due
 * again); a wrong number closes it and leaves a note in the lead's audit trail for the admin. A
 * hand-over that is done means the hotline recruiter took the lead on the phone: their offer is
 * accepted (so it does not lapse into an SLA re-route).
 */
export async function recordCallOutcome(
  sql: Sql,
  taskId: string,
  outcome: CallOutcome,
  options: { routing: RoutingOptions; retryMinutes?: number },
): Promise<CallTaskResult> {
  const retryMinutes = options.retryMinutes ?? NO_ANSWER_RETRY_MINUTES;
  return sql.begin(async (tx) => {
    const [task] = await tx<
      { id: string; kind: string; lead_id: string; assignment_id: string | null; recruiter_id: string | null; status: string }[]
    >`
      select id, kind, lead_id, assignment_id, recruiter_id, status from call_tasks where id = ${taskId} for update`;
    if (!task) return { ok: false as const, reason: "not-found" as const };
    if (task.status === "done" || task.status === "wrong-number") return { ok: false as const, reason: "closed" as const };
    if (outcome === "refused" && task.kind !== "handover") return { ok: false as const, reason: "not-a-handover" as const };
    // A refusal closes the call (status done) and declines the offer for the recruiter.
    const [row] = await tx<{ status: string; due_at: Date }[]>`
      update call_tasks set status = ${outcome === "refused" ? "done" : outcome}, attempts = attempts + 1, updated_at = now(),
             due_at = case when ${outcome} = 'no-answer' then now() + ${retryMinutes}::float8 * interval '1 minute' else due_at end
      where id = ${taskId}
      returning status, due_at`;
    if (outcome === "wrong-number") {
      await tx`insert into routing_events (assignment_id, lead_id, event, reason)
               values (${task.assignment_id}, ${task.lead_id}, 'wrong-number',
                       ${tx.json({ zh: "热线来电号码错误，需管理员核实联系方式", en: "Wrong number on a hotline call; the admin must check the contact" } as never)})`;
    }
    let handedOver: boolean | undefined;
    if (outcome === "done" && task.kind === "handover" && task.assignment_id && task.recruiter_id) {
      const accepted = await tx`
        update assignments set status = 'accepted', accepted_at = now(), updated_at = now()
        where id = ${task.assignment_id} and recruiter_id = ${task.recruiter_id} and status = 'offered'`;
      handedOver = accepted.count > 0;
      if (handedOver) {
        await tx`insert into routing_events (assignment_id, lead_id, event, recruiter_id, reason)
                 values (${task.assignment_id}, ${task.lead_id}, 'accepted', ${task.recruiter_id},
                         ${tx.json({ zh: "热线转交完成，专员已电话接单", en: "Handed over by the hotline; the recruiter accepted on the phone" } as never)})`;
      }
    }
    if (outcome === "refused" && task.assignment_id && task.recruiter_id) {
      const next = await declineAssignment(tx, { assignmentId: task.assignment_id, recruiterId: task.recruiter_id }, options.routing, {
        zh: "热线转交时专员拒绝接单，改派",
        en: "The phone recruiter declined on the hand-over call; re-routed",
      });
      handedOver = next !== null; // false: the offer had already moved on
    }
    return { ok: true as const, status: row.status, dueAt: row.due_at.toISOString(), ...(handedOver === undefined ? {} : { handedOver }) };
  });
}
