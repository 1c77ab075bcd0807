// The parts of the notes no reader used (docs/decisions/133): the confirmation page says them, so that what a
// person wrote and the matching did not take ("双回路供电", "要有月台") is not left unsaid beside the lines it did
// read. A part is a clause — between commas, full stops, 、, line ends, and joining words ("以及", "另外", "and")
// — and it counts as read when any of its characters is in a text some reader reported (a figure, a place,
// a kind, a refusal, an unread flag already said on the page). Pure: the caller gathers the read texts.
// A clause with a contact detail in it is kept with the rest of its words (the page masks the detail:
// contact-mask.ts, docs/decisions/137); one that is nothing but contact details is left out.

import { maskContacts } from "./contact-mask";

/** Where one clause ends and the next begins. */
const SEPARATOR = /[，,。；;！!？?、\n]+|\s+(?:and|also|plus|as well as)\s+|以及|并且|另外|同时|还需要|还要/giu;
/** A clause that says nothing to match: a greeting, thanks. */
const FILLER = /^(?:谢谢(?:您|你)?|多谢|麻烦了|您好|你好|请尽快联系|盼复|thanks?(?: you)?|hi|hello|please call)[!！。.~～\s]*$/iu;
/** The words that only lead to a contact detail (in the clause as masked): a clause of these and masks says nothing to match. */
const CONTACT_WORDS =
  /\d{3}\*{4}\d{4}|\*{3}|微信号?|薇信|威信|v信|vx|wx|qq号?|电话|電話|手机|手機|座机|联系方式|联系人|联系|聯繫|同号|邮箱|郵箱|地址|加我|找|请|打|wechat|phone|tel|mobile|e-?mail|call|contact|me|at|or|[\s:：.,，。()（）/-]/giu;

/** True when the clause is nothing but contact details and the words for them ("电话：138…", "联系人王总 微信abc", "微信同号"). */
function contactOnly(clause: string): boolean {
  const masked = maskContacts(clause);
  const rest = masked.replace(CONTACT_WORDS, "");
  return rest.length < masked.length && rest.length < 2;
}
/** At most this many clauses are said; more end in "…". */
export const NOT_READ_MAX = 8;

/**
 * The clauses of `notes` (as typed, trimmed) that no text of `read` touches, in order, without greetings or
 * clauses of contact details only (the others as typed: the caller masks them), at most NOT_READ_MAX (a last "…" when more). [] for no notes or every clause read.
 */
export function notesNotRead(notes: string | null | undefined, read: readonly string[]): string[] {
  if (!notes) return [];
  const covered = new Uint8Array(notes.length);
  for (const text of read) {
    const t = text.trim();
    if (!t) continue;
    for (let at = notes.indexOf(t); at >= 0; at = notes.indexOf(t, at + 1)) covered.fill(1, at, at + t.length);
  }
  const out: string[] = [];
  let start = 0;
  const take = (end: number) => {
    const raw = notes.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const clause = raw.trim();
    const from = start + lead;
    if (clause && !covered.subarray(from, from + clause.length).some((c) => c === 1) && !FILLER.test(clause) && !contactOnly(clause))
      out.push(clause);
  };
  for (const m of notes.matchAll(SEPARATOR)) {
    take(m.index);
    start = m.index + m[0].length;
  }
  take(notes.length);
  return out.length > NOT_READ_MAX ? [...out.slice(0, NOT_READ_MAX), "…"] : out;
}
