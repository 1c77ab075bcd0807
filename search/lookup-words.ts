// Words the leads index keeps so that the hotline's caller lookup (search/callers.query.ts) matches the
// company and the contact typed in part WITHOUT Meilisearch's prefix search, which it applies to the
// query's last word alone, and each in its own attribute only (docs/decisions/094).

import { calledName } from "~/domain/contact-name";

/**
 * Digits typed from which a number may also be a landline's local number, without its area code: a
 * mainland local number has 7 or 8 digits, and fewer would list the landlines of every city.
 */
export const LOCAL_NUMBER_MIN = 7;

/** A letter or a digit: what the company's characters keep (punctuation and spaces separate nothing there). */
const NAME_CHAR = /[\p{L}\p{N}]/u;

/**
 * A company name's search form (searchText) as one word per character, letters and digits only:
 * "杭州华创精密" → "杭 州 华 创 精 密", "abc科技" → "a b c 科 技". Meilisearch cuts a Chinese name into
 * words by its segmenter, and a name typed in part is cut otherwise than the whole name (上海力密新科 |
 * 新科, of 上海力密新科技: 新 | 科技): one character per word is cut the same whichever part is typed.
 */
export function companyChars(folded: string): string {
  return [...folded].filter((c) => NAME_CHAR.test(c)).join(" ");
}

/**
 * Whether a company name (search form) holds every word of what was typed (search form), letters and
 * digits compared ("杭州·华创" is in 杭州华创精密…): what the phrases of companyPhrases find, checked on a hit.
 */
export function companyHolds(folded: string, typed: string): boolean {
  const key = (text: string) => [...text].filter((c) => NAME_CHAR.test(c)).join("");
  const name = key(folded);
  return typed.split(" ").every((word) => name.includes(key(word)));
}

/** Most characters of a company typed that the search reads (the check on the hits reads them all). */
export const COMPANY_PHRASE_MAX = 30;

/**
 * A company typed (search form) as the lookup's query words over `companyChars`: a phrase of its
 * characters per word typed ("华创精 南京" → `"华 创 精" "南 京"`), which matches where the characters
 * stand in that order, one after the other — the company's name holds what was typed; "" when nothing
 * is left. At most COMPANY_PHRASE_MAX characters in all.
 */
export function companyPhrases(folded: string): string {
  let left = COMPANY_PHRASE_MAX;
  const phrases: string[] = [];
  for (const word of folded.split(" ")) {
    const chars = [...word].filter((c) => NAME_CHAR.test(c)).slice(0, left);
    left -= chars.length;
    if (chars.length > 0) phrases.push(`"${chars.join(" ")}"`);
  }
  return phrases.join(" ");
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
 * s … smith), and of the name it is called by when a familiar prefix goes before it (calledName: "老张"
 * → 老, 老张 and 张; "小王总" → … and 王) — the lookup's 张 / 王 typed. A title after the name needs
 * nothing: 张 is a start of 张先生 already. [] for no name.
 */
export function contactHeads(folded: string): string[] {
  const called = calledName(folded);
  const chars = [...folded];
  const heads = new Set<string>(folded.startsWith(called) ? [] : [contactWord(called)]);
  for (let start = 0; start < chars.length; start++) {
    if (chars[start] === " " || (start > 0 && chars[start - 1] !== " ")) continue;
    for (let n = 1; n <= Math.min(CONTACT_HEAD_MAX, chars.length - start); n++) {
      const head = chars.slice(start, start + n);
      if (head[n - 1] !== " ") heads.add(contactWord(head.join("")));
    }
  }
  return [...heads];
}
