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

/**
 * Areas (㎡) that are possible but implausible for the kind of space asked for: stored as typed, flagged
 * to the recruiter ("面积与需求类型不符，可能填错了单位（亩/平方米）", code `areaForKind`). The slip they
 * catch is the unit: 1 亩 = 666.67 ㎡, so a figure read in the wrong one of the two is off by ×666.67.
 * Thresholds are ours (docs/decisions/084), set so that the sizes people ask for stay clear of them — the
 * demo inventory's factories are 1,200–12,000 ㎡ and its plots 18–80 亩 — and a ×666.67 slip of them does not:
 * - factory, warehouse: 100 ㎡ – 50万 ㎡. Below 100 ㎡ no standard factory unit or warehouse bay is let (a
 *   "30" meant 30 亩); above 50万 ㎡ (750 亩 of floor) is a 亩 figure in the 平方米 sense ("5000 亩" of factory
 *   is 333万 ㎡, where "5000" meant ㎡).
 * - office: 10 ㎡ – 10万 ㎡ (a whole tower); 150 亩 of office is a 亩-for-㎡ slip.
 * - land: 1 亩 (666.67 ㎡) – the general maximum; a plot under 1 亩 is a 平方米-for-亩 slip ("50" ㎡ of land
 *   meant 50 亩). Thousands of 亩 are real for land (a base), so land keeps the general 10 km² bound.
 * A minimum of 0 is "from nothing", not a figure. The general bounds (PLAUSIBLE_AREA_SQM) come first.
 */
export const PLAUSIBLE_AREA_SQM_BY_KIND = {
  factory: { min: 100, max: 500_000 },
  warehouse: { min: 100, max: 500_000 },
  office: { min: 10, max: 100_000 },
  land: { min: 2000 / 3, max: PLAUSIBLE_AREA_SQM.max },
} as const;

/** Longest phone input read at all (number + extension + a short note), in characters. */
export const PHONE_INPUT_MAX = 60;
