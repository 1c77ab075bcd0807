/**
 * The one table of limits of the lead's number fields, in stored units. The schema refuses a typed value
 * outside them, and the free-text assist never fills one (it reports it to the recruiter instead), so a
 * figure can never be stored outside its field's limits by either path.
 */
export const FIELD_LIMITS = {
  areaSqm: 100_000_000, // 10 km² — far above any real park plot
  ceilingMinM: 100,
  floorLoadMinKg: 100_000,
  powerMinKva: 1_000_000,
  craneMinT: 2_000,
  wan: 100_000_000, // 1万亿元
  employees: 10_000_000,
} as const;

/**
 * Figures that are possible but implausible for an enterprise asking for a factory or a plot: stored as
 * typed, and flagged to the recruiter ("年纳税额异常，需核实"). China's largest single taxpayers pay a few
 * hundred 亿元 a year; an intake form claiming more than 10 亿元 of annual tax is far more likely a unit
 * slip (元 typed into a 万元 field, or ¥ read as 万) than a real figure.
 */
export const PLAUSIBLE_MAX = {
  "tax.annualTaxWan": 100_000, // 10 亿元
  "tax.investmentWan": 5_000_000, // 500 亿元
  "tax.annualOutputWan": 10_000_000, // 1000 亿元
  "tax.employees": 200_000,
} as const;

/**
 * Areas (㎡) that are possible but implausible for one enterprise's need: stored as typed, flagged to the
 * recruiter ("面积异常，需核实"). Below 10 ㎡ no factory, plot, warehouse or office is meant ("3.000" with a
 * European thousands point reads 3 ㎡); above 10 km² (1.5万亩) is far more likely a unit slip (万亩 for
 * 亩, 万平 for 平) than one enterprise's plot. A minimum of 0 is "from nothing", not a figure.
 */
export const PLAUSIBLE_AREA_SQM = { min: 10, max: 10_000_000 } as const;
// The bounds for each kind of space (PLAUSIBLE_AREA_SQM_BY_KIND) are in area-bounds.ts: they are read
// with the schema, and this table also goes with the form's first-load script (ADR 041).

/**
 * Longest need.notes, in characters (the schema refuses longer, "最多 2000 个字"). The notes' readers
 * (need-assist.ts, note-regions.ts, need-places.ts) read nothing past it: their work grows faster than the
 * text, and an 18,000-character note held the web 15 s before its 400 (attack of 2026-12-04, 28-H5).
 */
export const NOTES_MAX = 2000;

/** Longest phone input read at all (number + extension + a short note), in characters. */
export const PHONE_INPUT_MAX = 60;

/**
 * Longest text of a figure box (an area, a building figure, the move-in month, an amount, a count), in
 * characters: the schema refuses longer ("最多 200 个字") before any reader sees it. The readers' work grows
 * with the text (each reading folds and scans it whole): a box of 60,000 characters held the web process
 * 2–5 s for its refusal (attack 12-05, M1). The longest figure people type, with its words ("3000到5000平米
 * 之间（可分割）", "约5千平方米左右，最好单层"), is under 40. DECISION: docs/decisions/166.
 */
export const FIGURE_BOX_MAX = 200;
