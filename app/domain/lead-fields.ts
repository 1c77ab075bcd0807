// The lead's choice lists, apart from the schema: the inquiry form renders them on its first load, while
// Zod and the phone library (≈150 KB gzip) arrive after the page is up (docs/benchmarks.md, bench:page).

/** 需求类型 — what the enterprise needs. */
export const NEED_KINDS = ["factory", "land", "office", "warehouse"] as const;
/** 租 / 买 / 均可. */
export const NEED_DEALS = ["lease", "buy", "either"] as const;
/** 平方米 or 亩 (1 亩 = 666.67 m²; app/domain/area.ts). */
export const AREA_UNITS = ["sqm", "mu"] as const;
/** 环评 categories (建设项目环境影响评价分类管理名录): none, 登记表, 报告表, 报告书. */
export const EIA_LEVELS = ["none", "registration", "report-form", "report-book"] as const;

/**
 * The words a choice goes by besides its code, as people and API clients write it ("厂房", "租", "报告表",
 * "平米"); the first is the choice's name in a message that lists the codes. Read folded and case-blind
 * (lead-schema.ts `choice`). Every code is one list's only.
 */
export const CHOICE_WORDS: Record<string, readonly string[]> = {
  factory: ["厂房", "标准厂房", "工业厂房", "车间"],
  land: ["土地", "工业用地", "用地", "地块"],
  office: ["办公", "写字楼", "办公楼", "办公室"],
  warehouse: ["仓库", "仓储", "库房"],
  lease: ["租", "租赁", "租用", "rent"],
  buy: ["买", "购买", "购置", "purchase"],
  either: ["租或买", "租售均可", "均可", "都可以", "both"],
  sqm: ["平方米", "平米", "平", "㎡", "m2", "m²"],
  mu: ["亩"],
  none: ["无", "不需要", "无需环评"],
  registration: ["登记表", "环评登记表"],
  "report-form": ["报告表", "环评报告表"],
  "report-book": ["报告书", "环评报告书"],
};

/**
 * The code of `values` a typed choice names — its code in any case or a word it goes by (`words`, the lead's
 * CHOICE_WORDS unless given: lower case, as `fold` and lower-casing leave them), read folded with `fold` — or null.
 * The one reader of a choice that arrives: the lead schema's choices; a staff edit's merge and its messages ("租" is
 * lease, no change over a stored lease, and is said as 租赁, never looked up as a label "租"; attack40 #2: a label
 * looked up by the typed word was a 500); the admin forms' choices (staff roles, calendar days: forms41).
 */
export function choiceCode<T extends readonly string[]>(
  values: T,
  typed: string,
  fold: (s: string) => string,
  words: Readonly<Record<string, readonly string[]>> = CHOICE_WORDS,
): T[number] | null {
  const t = fold(typed).trim().toLowerCase();
  return values.find((code) => code === t || words[code]?.includes(t)) ?? null;
}
