/**
 * How a hotline call can end (the desk's buttons; stored in call_tasks.status, `refused` as done).
 * `refused` is for a hand-over only: the phone recruiter turned the lead down on the call.
 */
export const CALL_OUTCOMES = ["done", "no-answer", "wrong-number", "refused"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Outcomes that end the task (the desk asks to confirm them first); `no-answer` brings it back later. */
export function closesTask(outcome: string): boolean {
  return outcome === "done" || outcome === "wrong-number" || outcome === "refused";
}

/** Longest note kept on a lead (lead_notes.body check, migration 027); the desk's boxes use the same maxLength. */
export const NOTE_MAX = 2000;
