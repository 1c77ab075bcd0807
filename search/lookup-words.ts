import { PHONE_PREFIX_MIN } from "~/domain/caller-query";

// Words the leads index keeps so that the hotline's caller lookup (search/callers.query.ts) can match a
// part typed only in part WITHOUT Meilisearch's prefix search, which it applies to the query's last word
// alone (docs/decisions/094): the last word is the company's, whose partial last word only Meilisearch's
// own segmentation of the name can complete; a number's start and a contact's name are then whole words.

/**
 * Digits typed from which a number may also be a landline's local number, without its area code: a
 * mainland local number has 7 or 8 digits, and fewer would list the landlines of every city.
 */
export const LOCAL_NUMBER_MIN = 7;

/**
 * The starts of a lead's number that the lookup reads as a number's start (readCallerQuery: from
 * PHONE_PREFIX_MIN digits): `phoneDigits`' first PHONE_PREFIX_MIN to length − 1 digits, and a landline's
 * `phoneLocal`'s first LOCAL_NUMBER_MIN to length − 1 ("13812345678" → "13812" … "1381234567"; the whole
 * numbers are the document's phoneDigits and phoneLocal). Distinct, shortest first.
 */
export function phoneHeadDigits(phoneDigits: string, phoneLocal: string | null): string[] {
  const heads = new Set<string>();
  for (let n = PHONE_PREFIX_MIN; n < phoneDigits.length; n++) heads.add(phoneDigits.slice(0, n));
  if (phoneLocal) for (let n = LOCAL_NUMBER_MIN; n < phoneLocal.length; n++) heads.add(phoneLocal.slice(0, n));
  return [...heads];
}

/** Characters of a contact's name (from the start of one of its words) that the lookup matches: 张 / 张伟 / 欧阳 / "john s". */
export const CONTACT_HEAD_MAX = 12;

/**
 * A contact's name, or its start, as ONE word that nothing but the leads index's `contactHeads` holds:
 * "c" and each character's code point in six hex digits ("张" → "c005f20", "张伟" → "c005f20004f1f").
 * Meilisearch searches every word of a query in every attribute searched, so a plain 张 typed as the
 * contact also matched the 张 of 张家港… in the company, and counted it (docs/decisions/094); this word
 * matches the contact only. `text` in its search form (searchText), at most CONTACT_HEAD_MAX characters used.
 */
export function contactWord(text: string): string {
  return `c${[...text]
    .slice(0, CONTACT_HEAD_MAX)
    .map((c) => c.codePointAt(0)!.toString(16).padStart(6, "0"))
    .join("")}`;
}

/**
 * The contact words of a lead (contactWord): every start, 1 to CONTACT_HEAD_MAX characters, of the name's
 * search form and of each of its words after a space ("张伟" → 张, 张伟; "john smith" → j … john smith,
 * s … smith). [] for no name.
 */
export function contactHeads(folded: string): string[] {
  const chars = [...folded];
  const heads = new Set<string>();
  for (let start = 0; start < chars.length; start++) {
    if (chars[start] === " " || (start > 0 && chars[start - 1] !== " ")) continue;
    for (let n = 1; n <= Math.min(CONTACT_HEAD_MAX, chars.length - start); n++) {
      const head = chars.slice(start, start + n);
      if (head[n - 1] !== " ") heads.add(contactWord(head.join("")));
    }
  }
  return [...heads];
}
