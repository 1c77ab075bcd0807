// Why a recruiter closed an assignment: one list per closing step, so the funnel figures can count
// reasons, plus free text for what the list does not cover (issue 12 item 6, docs/decisions/030).

export const DECLINE_REASONS = ["not-our-focus", "no-fitting-space", "over-capacity", "duplicate", "other"] as const;
export const LOST_REASONS = ["chose-other-park", "price", "location", "spec", "timing", "need-dropped", "unreachable", "other"] as const;

export type DeclineReason = (typeof DECLINE_REASONS)[number];
export type LostReason = (typeof LOST_REASONS)[number];
export type CloseReason = DeclineReason | LostReason;

/** The reason codes a closing step accepts: `decline` (before accepting) or `lost` (after). */
export function reasonsFor(step: "decline" | "lost"): readonly CloseReason[] {
  return step === "decline" ? DECLINE_REASONS : LOST_REASONS;
}

/** Minutes a closing step (lost, signed, decline) can be undone by the recruiter who took it (ADR 034). */
export const UNDO_MINUTES = 10;
