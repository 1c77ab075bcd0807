import { calledName } from "./contact-name";
import { normalizeCreditCode } from "./credit-code";
import { stripFormatChars } from "./format-chars";
import { toHalfWidth } from "./numbers";
import { markedTailDigits, TAIL_MAX, TAIL_MIN } from "./phone";
import { searchText } from "./search-text.server";

/**
 * What a hotline agent has typed so far, read as the caller lookup needs it (issue 12 "link, don't
 * duplicate"). Each part is absent when the text is too short to say anything:
 * - `phoneDigits`: the national digits as far as typed, without +86 / 0086 / a trunk 0 — the form the
 *   leads index keeps (`phoneDigits` in search/lead-document.ts: "+86 139-1234" → "1391234",
 *   "025-8345" → "258345"); at least PHONE_PREFIX_MIN digits.
 * - `phoneTail`: the number's last TAIL_MIN–TAIL_MAX digits, when the agent marked them as its end
 *   ("尾号5678", "后四位 5678", "*5678", "last 5678"): callers often give only that. Unmarked digits are
 *   read as the number's start, as it is typed: the end of every number would flood the list while a
 *   whole number is keyed in.
 * - `creditCode`: an 18-character code so far (upper case, no spaces), at least CREDIT_PREFIX_MIN characters.
 * - `company`: the name in its search form (search-text.server.ts: Traditional → Simplified character by
 *   character, full-width → ASCII, lower case: the form of the index's `companyFolded`), at least
 *   COMPANY_MIN characters.
 * - `contact`: the contact's name in the same search form, from one character on ("张"), as it is called
 *   (contact-name.ts: "张先生", "王总", "老张" → 张; the lead may hold 张伟): it only narrows the other parts (a surname alone would
 *   list a twentieth of the lead base), so a query of a contact alone is empty.
 */
export type CallerQuery = { phoneDigits?: string; phoneTail?: string; creditCode?: string; company?: string; contact?: string };

export const PHONE_PREFIX_MIN = 5;
export const CREDIT_PREFIX_MIN = 6;
export const COMPANY_MIN = 2;
const CREDIT_CHARS = /^[0-9A-HJ-NP-RTUW-Y]+$/;
/** The typed phone → national digits so far (see CallerQuery), or "" when it holds no number. */
export function phonePrefixDigits(typed: string): string {
  const plain = toHalfWidth(stripFormatChars(typed)).trim();
  let digits = plain.replace(/\D/g, "");
  if (plain.startsWith("+86") || (plain.startsWith("+") && digits.startsWith("86"))) digits = digits.slice(2);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.startsWith("86") && digits.length > 11) digits = digits.slice(2);
  return digits.replace(/^0+/, "");
}

/** Reads the caller's boxes of the desk (phone, company, credit code, contact); any may be blank. */
export function readCallerQuery(input: { phone?: string; company?: string; creditCode?: string; contact?: string }): CallerQuery {
  const q: CallerQuery = {};
  const tail = markedTailDigits(toHalfWidth(stripFormatChars(input.phone ?? "")));
  if (tail !== null) {
    if (tail.length >= TAIL_MIN && tail.length <= TAIL_MAX) q.phoneTail = tail;
  } else {
    const digits = phonePrefixDigits(input.phone ?? "").slice(0, 20);
    if (digits.length >= PHONE_PREFIX_MIN) q.phoneDigits = digits;
  }
  const code = normalizeCreditCode(input.creditCode ?? "").slice(0, 18);
  if (code.length >= CREDIT_PREFIX_MIN && CREDIT_CHARS.test(code)) q.creditCode = code;
  const company = searchText((input.company ?? "").slice(0, 100));
  if ([...company].length >= COMPANY_MIN) q.company = company;
  const contact = searchText((input.contact ?? "").slice(0, 50));
  if (contact) q.contact = calledName(contact);
  return q;
}

/** Nothing to look up: no number, code or company (a contact's name alone is no lookup, see CallerQuery). */
export function isEmptyCallerQuery(q: CallerQuery): boolean {
  return !q.phoneDigits && !q.phoneTail && !q.creditCode && !q.company;
}
