// Times of day as office hours are written: "09:00" ⇄ minutes after midnight (540). No calendar here, so
// forms in the browser can use it.

/** "09:00" for 540 (minutes after midnight). */
export function formatClockMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** 540 for "09:00" or "9:00"; null for anything that is not a time of day (24:00 allowed as an end). */
export function parseClockMinute(text: string): number | null {
  const m = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}
