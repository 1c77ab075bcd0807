import { cleanTyped } from "./format-chars";
import { toHalfWidth } from "./numbers";

/**
 * The longest text read as an address, in UTF-16 units: an address holds at most 254 characters (RFC 5321 §4.5.3.1.3
 * less the brackets), with room for the blanks and invisible characters of a paste. A longer text is returned as typed.
 */
export const EMAIL_READ_MAX = 320;

/**
 * An email address as typed → as kept: blank and invisible characters at the ends gone, full-width
 * letters, digits, ＠ and ． (a Chinese IME in full-width mode types them) and the ideographic full stop
 * 。 (the same IME's dot) read as ASCII; the punctuation a sentence puts after it ("a@b.cn。", "a@b.cn，")
 * dropped; the domain lower-cased (domains have no case, RFC 5321 §2.4). The local part's case is left
 * alone (staff accounts lower-case it themselves). Whether it is an address at all stays each form's
 * check. Every email field goes through it: the staff account and the sign-in, the recruiter record,
 * the lead's contact. A text over EMAIL_READ_MAX is no address and is returned unread.
 */
export function normalizeEmail(s: string): string {
  if (s.length > EMAIL_READ_MAX) return s; // no address: each form's check refuses it as typed (attack37, ADR 171)
  const typed = cleanTyped(withoutSentenceEnd(toHalfWidth(cleanTyped(s)).replace(/。/g, ".")));
  const at = typed.lastIndexOf("@");
  return at < 0 ? typed : typed.slice(0, at + 1) + typed.slice(at + 1).toLowerCase();
}

/** The punctuation a sentence puts after an address. */
const SENTENCE_END = new Set([".", ",", ";", "，", "；", "、"]);

/**
 * `s` without the sentence's punctuation at its end, walked back from the end: the pattern `/[.,;，；、]+$/` it replaces
 * was tried from every dot of a run that does not end the text, to the run's end each time — quadratic in the run, and
 * an email box of 120,000 dots and one letter held the web process for seconds before its refusal (attack37, ADR 171).
 */
function withoutSentenceEnd(s: string): string {
  let end = s.length;
  while (end > 0 && SENTENCE_END.has(s[end - 1])) end--;
  return s.slice(0, end);
}
