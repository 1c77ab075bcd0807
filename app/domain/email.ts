import { cleanTyped } from "./format-chars";
import { toHalfWidth } from "./numbers";

/**
 * An email address as typed → as kept: blank and invisible characters at the ends gone, full-width
 * letters, digits, ＠ and ． (a Chinese IME in full-width mode types them) and the ideographic full stop
 * 。 (the same IME's dot) read as ASCII; the punctuation a sentence puts after it ("a@b.cn。", "a@b.cn，")
 * dropped; the domain lower-cased (domains have no case, RFC 5321 §2.4). The local part's case is left
 * alone (staff accounts lower-case it themselves). Whether it is an address at all stays each form's
 * check. Every email field goes through it: the staff account and the sign-in, the recruiter record,
 * the lead's contact.
 */
export function normalizeEmail(s: string): string {
  const typed = cleanTyped(
    toHalfWidth(cleanTyped(s))
      .replace(/。/g, ".")
      .replace(/[.,;，；、]+$/, ""),
  );
  const at = typed.lastIndexOf("@");
  return at < 0 ? typed : typed.slice(0, at + 1) + typed.slice(at + 1).toLowerCase();
}
