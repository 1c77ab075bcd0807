// Times of day as office hours are written: "09:00" ⇄ minutes after midnight (540). No calendar here, so
// forms in the browser can use it.

import { stripFormatChars } from "./format-chars";
import { parseChineseNumber, toHalfWidth } from "./numbers";

/** "09:00" for 540 (minutes after midnight). */
export function formatClockMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

// 上午/下午 words: after noon adds 12 hours to 1–11 o'clock (下午6点 = 18:00; 中午12点 = 12:00).
const AFTERNOON = /^(下午|晚上|傍晚|午后|pm)/i;
const MORNING = /^(上午|早上|早晨|凌晨|中午|am)/i;

/**
 * Minutes after midnight for a time of day as staff type it, or null for anything else:
 * "09:00", "9:00", "18：30", "18.30", "9 : 00"; digits only, as a phone's number pad types them:
 * "0900", "900", "9", "18"; in words: "9点", "9点半", "8点30", "8点30分", "九点半", "下午6点" (18:00),
 * "6pm", "晚上7点半"; full-width digits. 24:00 is allowed (an end of day); 24:30, 25:00, 9:60, 1860 are not.
 */
export function parseClockMinute(text: string): number | null {
  let s = toHalfWidth(stripFormatChars(text)).trim().replace(/\s+/g, "");
  let afternoon = false;
  let morning = false;
  const before = AFTERNOON.exec(s) ?? MORNING.exec(s);
  if (before) {
    afternoon = AFTERNOON.test(before[0]);
    morning = !afternoon;
    s = s.slice(before[0].length);
  }
  const after = /(am|pm)$/i.exec(s);
  if (after) {
    afternoon = after[1].toLowerCase() === "pm";
    morning = !afternoon;
    s = s.slice(0, -2);
  }
  const hm = readHourMinute(s);
  if (!hm) return null;
  const min = hm[1];
  let h = hm[0];
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  if ((afternoon || morning) && (h > 12 || h === 0)) return null; // 下午18点 is a slip, not 06:00 or 30:00
  if (afternoon && h < 12) h += 12;
  if (morning && h === 12 && /^(凌晨|am)/i.test(before?.[0] ?? after?.[0] ?? "")) h = 0;
  return h * 60 + min;
}

/** [hour, minute] of "9:30", "0930", "930", "9", "9点半", "九点三十分"; null otherwise. */
function readHourMinute(s: string): [number, number] | null {
  const colon = /^(\d{1,2})[:：.](\d{2})$/.exec(s);
  if (colon) return [Number(colon[1]), Number(colon[2])];
  const digits = /^\d{1,4}$/.exec(s);
  if (digits) {
    // 1–2 digits are the hour; 3–4 digits end in the minutes (830 = 8:30, 0830, 1830)
    if (s.length <= 2) return [Number(s), 0];
    return [Number(s.slice(0, -2)), Number(s.slice(-2))];
  }
  const words = /^([\d零〇一二两三四五六七八九十]{1,3})[点時时](?:(半)|(?:([\d零〇一二三四五六七八九十]{1,3})分?)|整)?$/.exec(s);
  if (!words) return null;
  const h = parseChineseNumber(words[1]);
  const min = words[2] ? 30 : words[3] ? parseChineseNumber(words[3]) : 0;
  if (h === null || min === null || !Number.isInteger(h) || !Number.isInteger(min)) return null;
  return [h, min];
}
