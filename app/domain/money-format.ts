import type { Lng } from "~/i18n/lng";
import { moneyMessages } from "~/i18n/money-messages";

// Money stored in 万元 (DESIGN.md "Units") said as people read it (ADR 134). In Chinese the figure and 万元;
// in English the amount in yuan — "300 × 10,000 CNY" made the reader multiply: "CNY 3 million" when the
// amount is a whole number of ten-thousands from a million up (exact, at most two decimals: "CNY 3.05
// million"), "CNY 1.2 billion" likewise, otherwise the exact figure ("CNY 123,400"). No-break spaces hold
// the English amount together on one line.

const zhNumber = (n: number) => String(Math.round(n * 10_000) / 10_000);
// One formatter for the module: toLocaleString with options builds a new one at every call (~80 µs against
// ~2 µs; matching says a threshold's amount for every space it scores: 5 % of the worker's profile, 12-06).
const EN_GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const enGrouped = (n: number) => EN_GROUPED.format(n);

/** What the amount is per: nothing, a year (tax, output), a mu (a land price). */
export type MoneyPer = "" | "year" | "mu";

/** An amount of `wan` 万元 in `lng`: "300 万元" / "CNY 3 million"; `per` adds "/年" "/year", "/亩" "/mu". */
export function formatWan(lng: Lng, wan: number, per: MoneyPer = ""): string {
  const m = (key: Parameters<typeof moneyMessages.t>[1], params?: Record<string, string>) => moneyMessages.t(lng, key, params);
  const tail = per ? m(per === "year" ? "per.year" : "per.mu") : "";
  if (lng === "zh") return `${m("wan", { amount: zhNumber(wan) })}${tail}`;
  const yuan = Math.round(wan * 10_000 * 100) / 100;
  const abs = Math.abs(yuan);
  const amount =
    abs >= 1e9 && abs % 1e7 === 0
      ? m("billion", { n: enGrouped(yuan / 1e9) })
      : abs >= 1e6 && abs % 1e4 === 0
        ? m("million", { n: enGrouped(yuan / 1e6) })
        : enGrouped(yuan);
  return `${m("yuan", { amount })}${tail}`;
}
