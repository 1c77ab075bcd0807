import { fold } from "./fold-text";
import { parseChineseNumber } from "./numbers";

// The unit-count box as people type it (need.unitCount, docs/decisions/130, 135): digits, half or full width, or
// Chinese numerals 二…九十九 and 两 ("两栋", "三", "十二处"), a measure word after them taken. One reader for the
// lead schema (what is stored, or refused at the field) and the forms' live preview (the area the notes fill beside it).

const COUNT_BOX = /^(\d{1,3}|[零〇一二两三四五六七八九十百]{1,4})\s*(?:栋|幢|座|个|间|套|处|块)?$/;

/**
 * The whole number a typed count box says ("3", "３", "3栋", "两栋", "三", "二十"), of any size — the schema's
 * range refuses 0, 1 and 100 and more with the box's one message — or null when it says no whole number
 * ("3.5", "几栋", "三四栋", "many").
 */
export function readUnitCount(text: string): number | null {
  const m = COUNT_BOX.exec(fold(text).trim());
  if (!m) return null;
  if (/^\d/.test(m[1])) return Number(m[1]);
  const n = parseChineseNumber(m[1]);
  return n !== null && Number.isInteger(n) ? n : null;
}
