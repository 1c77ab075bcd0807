import type { Lng } from "~/i18n/lng";
import { notifyText } from "~/i18n/notify-messages";

// Why an assignment ended without its recruiter's doing, as its withdrawal notice says it (docs/decisions/167):
// one reason per path that ends offers and tells the recruiter — a need edit the park no longer fits
// (ADR 108), the park retired by an admin (ADR 157), the lead closed by an admin as spam or a duplicate,
// the enterprise signed with another park (ADR 034: said once the signing can no longer be undone).

/** The reasons a `withdrawal-notice` can give; the dedupe key of a notice carries it (but `need-changed`, ADR 114's key). */
export const WITHDRAWAL_REASONS = ["need-changed", "park-retired", "lead-closed", "signed-elsewhere"] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/**
 * What a withdrawal notice says happened: for a need edit the corrected need in words ("10000–13000㎡ · 溧水区"),
 * for a closed lead how it was closed (and the reference of the lead it duplicates).
 */
export type WithdrawalWhy =
  | { reason: "need-changed"; needText: string }
  | { reason: "park-retired" }
  | { reason: "lead-closed"; closedAs: "spam" | "duplicate"; duplicateOf: string | null }
  | { reason: "signed-elsewhere"; signedPark: string };

/** The words a reason fills in beside the reference and the park: `{why}` (the need, how the lead was closed) and `{signedPark}`. */
export function withdrawalParams(why: WithdrawalWhy, lng: Lng): { why: string; signedPark: string } {
  return {
    why: why.reason === "need-changed" ? why.needText : closedAsText(why, lng),
    signedPark: why.reason === "signed-elsewhere" ? why.signedPark : "",
  };
}

/** A closed lead's "how" in `lng`: "无效线索/垃圾信息", "与线索 PM-… 重复". Empty for the other reasons. */
export function closedAsText(why: WithdrawalWhy, lng: Lng): string {
  if (why.reason !== "lead-closed") return "";
  return why.closedAs === "spam"
    ? notifyText(lng, "withdrawn.closedAs.spam")
    : notifyText(lng, "withdrawn.closedAs.duplicate", { reference: why.duplicateOf ?? "—" });
}
