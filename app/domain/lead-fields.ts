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
