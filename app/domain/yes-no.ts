import { fold } from "./fold-text";

// Yes and no as people and programs send them — the ONE reader of a yes/no value: the lead's consent
// (every channel: the form's checkbox "on", POST /api/leads' JSON, the hotline), the lead's singleStorey,
// and the inventory's yes/no columns (单层, 在岗), which add words of their own.

/** The spellings of yes: JSON true and 1, the checkbox's "on", "true", "1", "yes", "y", 是, √, and the words of consent (同意, 是的, I agree). */
export const YES_SPELLINGS = ["true", "on", "1", "yes", "y", "是", "√", "是的", "同意", "我同意", "agree", "i agree", "agreed"] as const;
/** The spellings of no: JSON false and 0, "false", "off", "0", "no", "n", 否, ×. */
export const NO_SPELLINGS = ["false", "off", "0", "no", "n", "否", "×"] as const;

/**
 * A yes/no value → true, false, or null when it is neither (a value of another kind, other words). Texts
 * are compared folded (full-width "１", "ＹＥＳ"), trimmed and case-blind; numbers 1 and 0 and booleans as
 * they are. The consent rule (PIPL) takes only a yes: no, blank and anything else are not consent.
 */
export function readYesNo(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : null;
  // No spelling of yes or no is longer than a few words: a longer text is neither, and is not folded (attack37, ADR 171).
  if (typeof value !== "string" || value.length > 100) return null;
  const t = fold(value).trim().toLowerCase();
  if ((YES_SPELLINGS as readonly string[]).includes(t)) return true;
  if ((NO_SPELLINGS as readonly string[]).includes(t)) return false;
  return null;
}
