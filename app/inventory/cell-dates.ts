import { isCalendarDay } from "~/domain/calendar-day";
import { fold } from "~/domain/fold-text";
import { noSuchDateParams, readAvailableFrom } from "~/domain/move-in";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";

// The inventory's dates as a cell or a form field holds them (a day, a month, 可入驻时间 in words): read
// here for the columns (inventory-columns.ts) and the import's checks (inventory-schema.ts) alike.

/** A read cell: the import format's value (undefined = blank), or why the text is not understood. */
export type CellRead = { ok: true; value: unknown } | { ok: false; reason: Bilingual };

const ok = (value: unknown): CellRead => ({ ok: true, value });

/** A calendar day: "2026-03-01", "2026/3/1", "2026年3月1日", "2026.3.1". `month` also takes "2026-03". */
export function readDay(input: string, month = false): string | null {
  const s = fold(input).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?$/.exec(s);
  if (!m || (!m[3] && !month)) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null];
  if (mo < 1 || mo > 12) return null;
  const ym = `${y}-${String(mo).padStart(2, "0")}`;
  if (d === null) return ym;
  const day = `${ym}-${String(d).padStart(2, "0")}`;
  return isCalendarDay(day) ? day : null;
}

/**
 * 可入驻时间 as people write it: a day or a month ("2027-03-15", "2027年3月"; readDay), else the lead's
 * move-in words read for availability (move-in.ts readAvailableFrom: a period is its first month —
 * "下半年" → July, "明年3月" → next March, "年底" → December). A day that does not exist is said as such
 * (not read as its month); words naming no one year are refused as the lead's move-in refuses them.
 */
export function readAvailableFromCell(t: string, now: Date = new Date()): CellRead {
  const d = readDay(t, true);
  if (d) return ok(d);
  const r = readAvailableFrom(t, now);
  if (r?.ok) return ok(r.month);
  if (r?.problem === "whichYear")
    return { ok: false, reason: inventoryRuleMessages.both("availableWhichYear", { typed: t, example: r.example }) };
  if (r) {
    const key = r.problem === "noSuchDay" ? "availableNoSuchDay" : "availableNoSuchMonth";
    return { ok: false, reason: inventoryRuleMessages.both(key, noSuchDateParams(t, r)) };
  }
  return { ok: false, reason: inventoryRuleMessages.both("availableUnread", { typed: t }) };
}
