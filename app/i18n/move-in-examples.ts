import type { Lng } from "./lng";

// The words the move-in box's hint and its error offer as examples (docs/decisions/159): each read by the box's own
// reader (move-in.ts readMoveIn) as one month not past, on every day of every year — no year written out (2027-03
// is past in April 2027), no period that may be under way (下半年 from October, 年底 in December's last ten days,
// ADR 132) and no festival whose days may fall in two months (春节后). Checked day by day in test/unit/move-in-examples.test.ts.
const EXAMPLES: Record<Lng, readonly string[]> = {
  zh: ["明年3月", "三个月内", "明年下半年", "尽快"],
  en: ["March next year", "within 3 months", "by end of next year", "as soon as possible", "明年3月"],
};

/** The move-in examples of `lng`, as the hint and the error say them (strings, in the order said). */
export function moveInExamples(lng: Lng): readonly string[] {
  return EXAMPLES[lng];
}

/** The examples joined for a message's `{examples}`: "明年3月、三个月内…" / "'March next year', …". */
export function moveInExamplesText(lng: Lng): string {
  return lng === "zh" ? EXAMPLES.zh.map((e) => `“${e}”`).join("") : EXAMPLES.en.map((e) => `'${e}'`).join(", ");
}
