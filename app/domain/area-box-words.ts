// The words people put around a figure in an area box (trial36 MEDIUM-1, docs/decisions/165): "3000到5000平米之间",
// "5000左右平米", "5000平方米（可分割）". Read so the box's one reader (area-bounds.ts areaBoxText, field-value.ts) sees
// the figure as it reads it elsewhere: "3000到5000平米", "5000平米左右", "5000平方米" with the remark apart.

import { NOTES_MAX } from "./field-limits";
import { refusal } from "./schema-made";

/** Words closing a range that add nothing to it: "之间", "范围内", "的范围", "都可以". */
const RANGE_CLOSE =
  /(?<=[0-9零〇一二两三四五六七八九十百千万亿平米方亩㎡²m])\s*(?:之间|中间|范围内|范围|区间|的样子|都可以|都行|均可)\s*$/u;
/** A separator between two figures: only a range is closed by 之间. */
const RANGE_SEP = /[0-9零〇一二两三四五六七八九十百千万]\s*(?:-|~|～|—|到|至)\s*[0-9零〇一二两三四五六七八九十百千万]/u;
/** "5000左右平米", "两千上下平": the word of "about" typed before the unit, as after it. */
const ABOUT_BEFORE_UNIT = /^(.*?[0-9零〇一二两三四五六七八九十百千万])\s*(左右|上下)\s*(平方米|平米|平方|平|㎡|m²|m2|sqm|亩)\s*$/iu;
/** A remark in brackets after the figure: "5000平方米（可分割）", "50亩(可以分期)". */
const REMARK = /^(.*\S)\s*[（(]([^（）()]+)[）)]\s*$/u;

/**
 * An area box's text with the words around its figure set as the reader reads them: a range's closing word dropped
 * ("3000到5000平米之间" → "3000到5000平米"), "about" moved after the unit ("5000左右平米" → "5000平米左右"), and a
 * bracketed remark taken apart (`remark`: "可分割" — the caller keeps it in the notes, where it is said as not read).
 * Text with none of these comes back as typed, no remark.
 */
export function areaBoxWords(typed: string): { text: string; remark?: string } {
  let text = typed.trim();
  let remark: string | undefined;
  const r = REMARK.exec(text);
  // Only a remark after a figure: "（5000）" alone is the figure, and read (or refused) as typed.
  if (r && /[0-9零〇一二两三四五六七八九十百千万]/u.test(r[1])) [text, remark] = [r[1], r[2].trim()];
  if (RANGE_SEP.test(text)) text = text.replace(RANGE_CLOSE, "");
  text = text.replace(ABOUT_BEFORE_UNIT, "$1$3$2");
  return remark ? { text, remark } : { text: text === typed.trim() ? typed : text };
}

/**
 * A need (the form's raw object) with the bracketed remarks of its area boxes moved to the end of its notes, as
 * "面积：可分割" — never lost, said among the words not read on the confirmation page and seen by the recruiter
 * (DECISION, docs/decisions/165). When the notes have no room left for it (NOTES_MAX), the box is a refusal instead
 * (`refusal({ refused: "own", key: "areaRemarkNoRoom" })`, schema-made.ts; docs/decisions/168). Anything not a need object,
 * or a need without remarks, comes back as it came.
 */
export function areaRemarksToNotes(need: unknown): unknown {
  if (typeof need !== "object" || need === null || Array.isArray(need)) return need;
  const n = { ...(need as Record<string, unknown>) };
  const remarks: { box: "areaMin" | "areaMax"; remark: string }[] = [];
  for (const box of ["areaMin", "areaMax"] as const) {
    const v = n[box];
    if (typeof v !== "string") continue;
    const { text, remark } = areaBoxWords(v);
    if (remark === undefined) continue;
    n[box] = text;
    remarks.push({ box, remark });
  }
  if (!remarks.length) return need;
  const notes = typeof n.notes === "string" ? n.notes.trim() : "";
  const said = [...new Set(remarks.map((r) => r.remark))].map((r) => `面积：${r}`).join("；");
  // Already in the notes (a form sent again after a refusal keeps what was moved): not twice.
  const moved = notes.includes(said) ? notes : notes ? `${notes}；${said}` : said;
  // No room left in the notes (NOTES_MAX): the box keeping the remark is refused on its own field, saying so (DECISION,
  // docs/decisions/168) — the stored notes never exceed their limit and the remark is never dropped. Notes over the limit as
  // typed are refused by their own field; the remark is not added to them.
  if (moved.length > NOTES_MAX && notes.length <= NOTES_MAX)
    for (const r of remarks) n[r.box] = refusal({ refused: "own", key: "areaRemarkNoRoom", params: { remark: r.remark, max: NOTES_MAX } });
  else if (notes.length <= NOTES_MAX) n.notes = moved;
  return n;
}
