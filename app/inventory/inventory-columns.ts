import { parseArea } from "~/domain/area";
import { splitQualifier } from "~/domain/comparison";
import { FIGURE_BOX_MAX } from "~/domain/field-limits";
import { looksNegative, readFieldNumber, withoutMinus } from "~/domain/field-value";
import { bareFloorLoad, ceilingRefusal, countedRefusal, refusalText } from "~/domain/figure-refusal";
import { fold } from "~/domain/fold-text";
import { cleanTyped } from "~/domain/format-chars";
import { parseCount, parseWan } from "~/domain/money";
import { parseChineseNumber, withoutSpaces } from "~/domain/numbers";
import {
  FIGURE_LABELS,
  FIGURE_NOUNS_AFTER,
  parseCeilingM,
  parseCraneT,
  parseFloorLoadKg,
  parsePowerKva,
  readPastLabel,
} from "~/domain/units";
import { NO_SPELLINGS, YES_SPELLINGS } from "~/domain/yes-no";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";
import type { Lng } from "~/i18n/lng";

import { type CellRead, readAvailableFromCell, readAwayDay, readDay } from "./cell-dates";
import type { Park, Recruiter, Space } from "./inventory-schema";
import { dealsNotGiven, isAmbiguousStatus, statusDealWord } from "./status-words";

// The inventory as people write it: one column per field, Chinese headers, values with their units
// ("5千平", "50亩", "300万元", "出租、出售", "是"). Shared by the Excel/CSV import, the export, the
// template and the admin forms (the form field names are the column keys), so a value reads the same
// everywhere. Reading turns a cell's text into the import format's value (inventory-schema.ts does
// the checking); writing turns a stored value back into the text a re-import reads identically.

export type Collection = "parks" | "spaces" | "recruiters";
export type CellValue = string | number | null;
export type Column = {
  /** The form field name and the flat key of a row. */
  key: string;
  header: Bilingual;
  /** What the cell takes (the template's second line and the form's hint). */
  hint?: Bilingual;
  required?: boolean;
  /** The values allowed (choices in the template, options in the form). */
  choices?: { value: string; label: Bilingual }[];
  list?: boolean;
  /** A figure with a unit (面积, 承重, 租金 …): a unit in the sheet's header applies to its bare cells (read-workbook). */
  figure?: boolean;
  /** The import format holds a number here: a JSON string is read as this column's cell (`readJsonNumbers`). */
  number?: boolean;
  /** A list of GB/T 4754 industries, each item a code or words read to one (inventory-schema.ts, readIndustry). */
  industry?: boolean;
  /**
   * A day or month: an Excel date cell is read as the day it shows (read-workbook.server.ts `dateCellText`), the serial
   * number of a Chinese date format exceljs does not know (2027年3月) included.
   */
  date?: boolean;
  /**
   * What a figure column keeps and its name in the message: a JSON number finer than it is refused (or a coordinate
   * rounded) as the cell's text is (`readJsonNumbers`, docs/decisions/196).
   */
  kept?: { precision: Precision; name: Bilingual };
  /**
   * Other names a park office's sheet gives the column (建筑面积 for 面积, 净高 for 层高), best first: an import reads a
   * header so named as this column, says so, and when a sheet names one field twice reads the better name
   * (our own header first, then this order) and says the other was not read (docs/decisions/199).
   */
  aliases?: readonly string[];
  /** `now`: the clock words relative to today are read against (可入驻时间 "下半年"), once per row. */
  read: (text: string, now?: Date) => CellRead;
  write: (value: unknown) => CellValue;
};

const ok = (value: unknown): CellRead => ({ ok: true, value });
const bad = (zh: string, en: string): CellRead => ({ ok: false, reason: { zh, en } });

const text: Pick<Column, "read" | "write"> = {
  read: (t) => ok(t),
  write: (v) => (typeof v === "string" && v !== "" ? v : null),
};

/**
 * A figure read by `parse` with the lead form's grammar (field-value.ts readFieldNumber: qualifiers like 约
 * allowed), so a cell reads what the lead form reads. What it refuses is said for what was read:
 * - a range ("二三十亩", "20-30亩", "5000-8000平"): the column holds one figure, so the message names
 *   the range's two ends and what to write (`figureRange`);
 * - a figure after a minus sign ("-500", "－3吨/㎡"): negative, "应大于 0" for a column that must be
 *   positive (`positive`: 面积), else "不能为负数" (the schema's own bounds, inventory-schema.ts); a
 *   `signed` column (latitude, longitude) reads it as a number;
 * - `why`: the column's own reason for a text it could not read, in both languages (a counted figure's
 *   problem: figure-refusal.ts, the lead form's message), said instead of the generic one.
 * - a figure finer than the column keeps (`precision`: decimals of its stored unit — "0.0000001" 万元/亩, a
 *   tax threshold of a thousandth of a yuan; "31.123456789" degrees): refused naming the precision kept
 *   (`finerThanKept`; attack 38).
 * `name`: the column's name in the message (its header without the unit); `example`: "例如 …" in both
 * languages.
 */
/**
 * A column where park offices write 无 for "there is none" (行车 无: the building has no crane): read as 0, a
 * figure every need above it fails, where a blank cell is "not stated" and matches ask to check it (hard.ts).
 * Only the whole cell: "无行车", "没有", "none", "no" alone; "有" (a crane of unknown capacity) stays refused.
 */
const NONE_CELL = /^\s*(?:无|没有|无行车|没有行车|无吊车|none|no)\s*$/i;
function noneAsZero(parse: (s: string) => number | null): (s: string) => number | null {
  return (s) => (NONE_CELL.test(s) ? 0 : parse(s));
}

function numeric(
  parse: (s: string) => number | null,
  example: Bilingual,
  opts: {
    name: Bilingual;
    precision: Precision;
    why?: (s: string) => Bilingual | null;
    positive?: boolean;
    signed?: boolean;
    /** A figure read that the column still refuses, said why (a bare floor load under 100: tonnes or kilograms?). */
    unclear?: (typed: string, value: number) => Bilingual | null;
  },
): Pick<Column, "read" | "write" | "figure" | "number" | "kept"> {
  const { name, why, positive, signed, precision, unclear } = opts;
  const names = (lng: Lng) => ({ name: name[lng], example: example[lng] });
  return {
    figure: true,
    number: true,
    kept: { precision, name },
    read: (t) => {
      if (!signed && looksNegative(t) && readFieldNumber(withoutMinus(t), parse, "amount").ok)
        return {
          ok: false,
          reason: inventoryRuleMessages.both(positive ? "figurePositive" : "figureNotNegative", (lng) => ({ typed: t, ...names(lng) })),
        };
      const r = readFieldNumber(t, parse, "amount");
      const kept = r.ok ? keptFigure(t, r.value, precision, name) : null;
      if (kept) return kept;
      const doubt = r.ok ? unclear?.(t, r.value) : null;
      if (doubt) return { ok: false, reason: doubt };
      if (r.ok) {
        // "约五千", "5000平以上", "3000多平": read as the one figure, and the word it drops said back (docs/decisions/117).
        const said = r.about ? "about" : qualifierOf(t);
        return said ? { ok: true, value: r.value, said } : ok(r.value);
      }
      if (r.reason === "range")
        return {
          ok: false,
          reason: inventoryRuleMessages.both("figureRange", (lng) => ({ typed: t, low: r.low, high: r.high, ...names(lng) })),
        };
      const reason = r.reason === "number" ? why?.(t) : null;
      return reason ? { ok: false, reason } : bad(`无法识别“${t}”，${example.zh}`, `cannot read “${t}”; ${example.en}`);
    },
    write: (v) => (typeof v === "number" ? v : null),
  };
}

/**
 * What a figure column keeps: `decimals` of its stored unit (`unit`, as the message names it); a figure finer than that is
 * refused at its field, or rounded to it where `round` (coordinates).
 */
type Precision = { decimals: number; unit: Bilingual; round?: true };

/**
 * A figure `value` read from `typed` against what its column keeps: null when within it; a coordinate's extra places
 * (a GIS export's 9+, not a typing slip) rounded to what is kept; any other figure finer than kept refused naming the
 * places kept (`figurePrecision`). One rule for a cell's text, a form's box and a JSON number (docs/decisions/196).
 */
export function keptFigure(typed: string, value: number, precision: Precision, name: Bilingual): CellRead | null {
  if (!finerThanKept(typed, value, precision.decimals)) return null;
  if (precision.round) return ok(Number(value.toFixed(precision.decimals)));
  const step = (10 ** -precision.decimals).toFixed(precision.decimals);
  return {
    ok: false,
    reason: inventoryRuleMessages.both("figurePrecision", (lng) => ({
      typed,
      name: name[lng],
      decimals: String(precision.decimals),
      step,
      unit: precision.unit[lng],
    })),
  };
}

/**
 * A number (an Excel numeric cell, a JSON number) as Excel shows it, to 15 significant digits: a formula's float noise
 * (12.300000000000001) is no place typed (finerThanKept); 1e-7 written out as a cell shows it (0.0000001), so a
 * refusal quotes the figure, not an exponent nobody typed.
 */
export function numberText(v: number): string {
  const n = Number(v.toPrecision(15));
  return /e-/.test(String(n)) ? n.toFixed(20).replace(/\.?0+$/, "") : String(n);
}

/** The first Arabic figure written in a text, its thousands separators dropped ("1,200.5万" → 1200.5); null when none. */
function firstWrittenFigure(t: string): number | null {
  const m = /\d[\d,]*(?:\.\d+)?/.exec(fold(t));
  return m ? Number(m[0].replace(/,/g, "")) : null;
}

/**
 * Whether `value` (read from `typed`, in the column's stored unit) is finer than `decimals` places of that unit: a
 * figure other than 0 smaller than one step, whatever unit it was written in ("0.0000001", "0.00001亩"); or,
 * when it was written in the stored unit or a power of ten of it ("30.123456", "1.23456789万"), one with more
 * places than kept. A figure converted by another factor ("50亩" → 33,333.33… ㎡, "310元/㎡/年" ÷ 12) has
 * the conversion's places, not the writer's, and is kept as read.
 */
export function finerThanKept(typed: string, value: number, decimals: number): boolean {
  if (value === 0) return false;
  const steps = Math.abs(value) * 10 ** decimals;
  if (steps < 1 - 1e-9) return true;
  const written = firstWrittenFigure(typed);
  if (!written) return false;
  const power = Math.log10(Math.abs(value) / written);
  if (Math.abs(power - Math.round(power)) > 1e-9) return false;
  // Float rounding of the scaling (30.12 × 100 = 3011.9999999999995) is no place written.
  return Math.abs(steps - Math.round(steps)) > Math.max(1e-6, steps * 1e-10);
}

/** 多/余 between a figure and its unit ("3000多平", "200余人"): at least it (field-value.ts reads it so). */
const MORE_INFIX = /(?<=[0-9零〇一二两三四五六七八九十百千万])\s*[余多](?=\s*(?:[^0-9零〇一二两三四五六七八九十]|$))/;

/** The bound a figure cell's words say besides the figure ("5000平以上" min, "8000以内" max), or null. */
function qualifierOf(t: string): "min" | "max" | null {
  const f = fold(t).trim();
  const cmp = splitQualifier(f).cmp;
  if (cmp === "min" || cmp === "max") return cmp;
  return MORE_INFIX.test(f) ? "min" : null;
}

// What each figure column keeps (finerThanKept): money to the yuan (万元: 4 places) or the fen (元: 2), an area to
// the hundredth of a ㎡, a height to the millimetre (drawings give 9005 mm), a load, a power to a tenth, a crane to 10 kg, a coordinate to
// 7 places (about a centimetre; a map's link gives 6 or 7; a GIS export's 9 or more are rounded, not refused).
const KEPT = {
  degrees: { decimals: 7, unit: { zh: "度", en: "degrees" }, round: true },
  wan: (per: Bilingual): Precision => ({ decimals: 4, unit: { zh: `万元${per.zh}`, en: `10k CNY ${per.en}` } }),
  sqm: { decimals: 2, unit: { zh: "平方米", en: "㎡" } },
  m: { decimals: 3, unit: { zh: "米", en: "m" } },
  kg: { decimals: 1, unit: { zh: "公斤/平方米", en: "kg/㎡" } },
  kva: { decimals: 1, unit: { zh: "千伏安", en: "kVA" } },
  t: { decimals: 2, unit: { zh: "吨", en: "t" } },
  yuanMonth: { decimals: 2, unit: { zh: "元/平方米/月", en: "CNY/㎡/month" } },
  yuan: { decimals: 2, unit: { zh: "元/平方米", en: "CNY/㎡" } },
} satisfies Record<string, Precision | ((per: Bilingual) => Precision)>;

/**
 * A floor load written as a bare figure under 100 ("3", "2.5", "五"): in the column's 公斤/㎡ it is no floor (an office
 * takes 200–300 kg/㎡, a warehouse 500 and more), and in tonnes, as people say 承重3吨, it is the load of a heavy one —
 * stored as kilograms it failed every lead asking for a load, unsaid (import40). Refused asking for the unit, as an unclear
 * height is (ADR 076); "3吨", "3公斤" or a header's unit (承重(吨/平方米)) say which.
 */
function bareLoadUnclear(typed: string, value: number): Bilingual | null {
  if (bareFloorLoad(typed) !== value) return null;
  return inventoryRuleMessages.both("floorLoadBare", { typed, tonnes: String(Number((value * 1000).toPrecision(12))) });
}

const plainNumber = (s: string) => {
  const compact = withoutSpaces(fold(s));
  return compact === null ? null : parseChineseNumber(compact);
};

/**
 * A whole number as people write a count in its column: bare ("3", "三"), or with the column's own counting word
 * after it and 共 before ("3层", "共3层", "3层楼"; "20条", "20个") — as every figure column takes its unit. Another
 * word stays refused ("3栋" in 层数).
 */
function integerOf(word: RegExp): Pick<Column, "read" | "write" | "number"> {
  return {
    number: true,
    read: (t) => {
      const compact = withoutSpaces(fold(t)) ?? "";
      const bare = compact.replace(/^共/, "").replace(word, "");
      const n = parseCount(bare === compact ? t : bare);
      return n !== null && Number.isInteger(n) ? ok(n) : bad(`“${t}”不是整数`, `“${t}” is not a whole number`);
    },
    write: (v) => (typeof v === "number" ? v : null),
  };
}
/** 层数: "4", "4层", "共4层", "4层楼", "四层", "4 floors". */
const floorCount = integerOf(/(?:层楼?|floors?|storeys?|stories)$/);
/** 容量: "20", "20条", "20个", "20条线索", "20 leads". */
const leadCount = integerOf(/(?:条线索|个线索|条需求|个需求|条|个|单|leads?)$/);

// A figure in 元 per ㎡ as people write it: a currency mark before (¥ ￥ RMB 人民币), 元 / 块 / 块钱 after,
// then its "per" units in any order, each with or without / 每 · before it ("25元/㎡/月", "¥18/㎡·月",
// "25元每平方米每月", "25元/月/平"). What is left before the units is the number.
const YUAN_BEFORE = /^(?:人民币|rmb|cny|¥|￥)/;
const YUAN_PER_TAIL = /(?:元|块钱|块)?((?:[/每·・•]?(?:平方米|平米|平方|平|㎡|m2|m²|月|天|日|年))*)$/;

/** `input` → [the number, the time units said after it ("月", "天", …)], or null when it holds none or a negative. */
function readYuanPerSqm(input: string): [number, string[]] | null {
  const s = withoutSpaces(fold(input))?.replace(YUAN_BEFORE, "");
  if (!s) return null;
  const tail = YUAN_PER_TAIL.exec(s)!; // every part optional: it matches, at the latest, at the end
  const n = parseChineseNumber(s.slice(0, tail.index));
  if (n === null || n < 0) return null;
  return [n, tail[1].match(/月|天|日|年/g) ?? []];
}

/**
 * Rent in 元 per ㎡ and month: "25", "25元/㎡/月", "¥18/㎡·月", "25元每平方米每月", "0.8元/平/天" (×30 —
 * DESIGN.md's units), "300元/㎡/年" (÷12). Null when unread, negative, or naming two periods.
 */
export function parseRentPerMonth(input: string): number | null {
  const r = readYuanPerSqm(input);
  if (!r || r[1].length > 1) return null;
  const [n, [per]] = r;
  const factor = per === "天" || per === "日" ? 30 : per === "年" ? 1 / 12 : 1;
  return Number((n * factor).toPrecision(12));
}

/** A price per ㎡ in 元: "4500", "4500元/㎡", "¥4500/平米" (no period: a price, not a rent). */
function parseYuanPerSqm(input: string): number | null {
  const r = readYuanPerSqm(input);
  return r && r[1].length === 0 ? r[0] : null;
}

/** 万元 per 亩: "30", "30万元/亩", "30万/亩", "每亩30万", "亩均30万元". */
function parseWanPerMu(input: string): number | null {
  return parseWanPer(input, "mu");
}

/** The area a 万元 figure may be per, as written: 亩, 1000 ㎡, ㎡, 10 000 ㎡, hectare. */
type PerArea = "mu" | "ksqm" | "sqm" | "wsqm" | "ha";
const PER_AREA: [PerArea, string][] = [
  ["ksqm", "(?:千|1000|1,000)(?:平方米|平方|平米|平|㎡|m2|m²|方)"],
  ["wsqm", "万(?:平方米|平方|平米|平|㎡|m2|m²|方)"],
  ["sqm", "(?:平方米|平方|平米|平|㎡|m2|m²|方)"],
  ["mu", "亩"],
  ["ha", "公顷"],
];
const PER_LABEL: Record<PerArea, Bilingual> = {
  mu: { zh: "每亩", en: "per mu" },
  ksqm: { zh: "每千平方米", en: "per 1000\u00a0㎡" },
  sqm: { zh: "每平方米", en: "per ㎡" },
  wsqm: { zh: "每万平方米", en: "per 10\u00a0000\u00a0㎡" },
  ha: { zh: "每公顷", en: "per hectare" },
};

/** A 万元 figure and the area it is per, written before ("每亩15万", "亩均15万") or after ("15万/亩", "20万元每千平"). */
function readWanPer(input: string): { wan: number | null; per: PerArea | null } {
  const s = withoutSpaces(fold(input)) ?? "";
  for (const [per, unit] of PER_AREA) {
    const before = new RegExp(`^(?:每|${unit === "亩" ? "亩均|" : ""})${unit}(?:均)?`).exec(s);
    const after = new RegExp(`(?:[/每]|元/)${unit}$`).exec(s);
    const hit = before ?? after;
    if (!hit) continue;
    const rest = before ? s.slice(hit[0].length) : s.slice(0, hit.index) + (hit[0].startsWith("元") ? "元" : "");
    return { wan: parseWan(rest), per };
  }
  return { wan: parseWan(s), per: null };
}

/** 万元 per the column's own area (`own`), its unit written or not; another area → null (see wanPerRefusal). */
function parseWanPer(input: string, own: PerArea): number | null {
  const r = readWanPer(input);
  return r.per === null || r.per === own ? r.wan : null;
}

/** A figure written per another area than the column's own: said with both units (no conversion guessed). */
function wanPerRefusal(own: PerArea) {
  return (t: string): Bilingual | null => {
    const r = readWanPer(t);
    if (r.per === null || r.per === own || r.wan === null) return null;
    return inventoryRuleMessages.both("perAreaOther", (lng) => ({ typed: t, unit: PER_LABEL[r.per!][lng], own: PER_LABEL[own][lng] }));
  };
}

const LIST_SEPARATORS = /[、,，;；/\s]+/;

function choice(
  values: { value: string; label: Bilingual; also?: string[] }[],
  what: Bilingual,
): Pick<Column, "read" | "write" | "choices"> {
  const find = (t: string) => {
    const f = fold(t).trim().toLowerCase();
    return values.find((v) => [v.value, v.label.zh, v.label.en.toLowerCase(), ...(v.also ?? [])].some((w) => fold(w).toLowerCase() === f));
  };
  const allowed = values.map((v) => v.label.zh).join("、");
  return {
    choices: values.map(({ value, label }) => ({ value, label })),
    read: (t) => {
      const hit = find(t);
      return hit
        ? ok(hit.value)
        : bad(`“${t}”不是可选的${what.zh}（${allowed}）`, `“${t}” is not a ${what.en} (${values.map((v) => v.label.en).join(", ")})`);
    },
    write: (v) => values.find((x) => x.value === v)?.label.zh ?? null,
  };
}

/** Yes/no as the lead's consent and flags read it (yes-no.ts), and the columns' own words (有/无, 在岗/不在岗). */
const yesNo = choice(
  [
    { value: "true", label: { zh: "是", en: "yes" }, also: [...YES_SPELLINGS, "有", "在岗"] },
    { value: "false", label: { zh: "否", en: "no" }, also: [...NO_SPELLINGS, "无", "不在岗"] },
  ],
  { zh: "是/否", en: "yes/no" },
);
/**
 * What a figure cell read with a word its one figure cannot keep says back ("面积“约五千”读作 5000 ㎡（…）"): the
 * Excel preview's 提示 (inventory-check.ts cellReadings), the admin form's and the JSON import's notes alike.
 */
export function figureReadReason(c: Column, typed: string, value: unknown, said: "about" | "min" | "max"): Bilingual {
  // An area is stored in ㎡ whatever unit it was typed in ("约30亩"): said with it.
  const shown = `${String(c.write(value))}${/Sqm$/.test(c.key) ? "\u00a0㎡" : ""}`;
  return inventoryRuleMessages.both(`figureRead.${said}`, (lng) => ({ field: c.header[lng], typed, value: shown }));
}

/** The period a rent is written per, other than the month it is stored per: "0.8元/㎡/天" → day, "300元/㎡/年" → year. */
export function rentPeriodOf(typed: string): "day" | "year" | null {
  const r = readYuanPerSqm(typed);
  // A cell the rent reader took with a word around it ("约0.8元/㎡/天"): its only 天, 日 or 年 is its period.
  const per = r ? r[1][0] : (/[天日年]/.exec(fold(typed))?.[0] ?? undefined);
  return per === "天" || per === "日" ? "day" : per === "年" ? "year" : null;
}

const RENT_SHOWN = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }); // built once (house test formatters-built-once)

/**
 * A rent cell written per day or per year, said with the monthly figure it became ("租金“0.8元/㎡/天”是日租金，按每月 30 天换算为
 * 24 元/平方米/月"): the ×30 or ÷12 of DESIGN.md's units, said as a reading like the others (docs/decisions/196) — in the
 * Excel preview's 提示, the admin form's readings and the JSON import's notes. Null for any other column or a monthly rent.
 */
export function rentReadReason(c: Column, typed: string, value: unknown): Bilingual | null {
  if (c.key !== "rentYuanPerSqmMonth" || typeof value !== "number") return null;
  const per = rentPeriodOf(typed);
  if (!per) return null;
  const shown = RENT_SHOWN.format(Math.round(value * 100) / 100);
  return inventoryRuleMessages.both(`rentRead.${per}`, (lng) => ({ field: c.header[lng], typed, value: shown }));
}

/** Whether a column's choices are yes and no (是/否): their spellings (有, Y, √) are no reading to say back. */
export function isYesNoColumn(c: Column): boolean {
  return c.choices === yesNo.choices;
}
const bool: Pick<Column, "read" | "write" | "choices"> = {
  choices: yesNo.choices,
  read: (t) => {
    const r = yesNo.read(t);
    return r.ok ? ok(r.value === "true") : r;
  },
  write: (v) => (typeof v === "boolean" ? yesNo.write(String(v)) : null),
};

/** A list of values separated by 、 , ; / or spaces; `each` maps one item (a choice's label to its value). */
function listOf(each?: (item: string) => CellRead): Pick<Column, "read" | "write" | "list"> {
  return {
    list: true,
    read: (t) => {
      const items = t.split(LIST_SEPARATORS).filter((x) => x !== "");
      if (!each) return ok(items);
      const out: unknown[] = [];
      for (const item of items) {
        const r = each(item);
        if (!r.ok) return r;
        if (Array.isArray(r.value)) out.push(...r.value);
        else out.push(r.value);
      }
      return ok(out);
    },
    write: (v) => (Array.isArray(v) && v.length ? v.join("、") : null),
  };
}

function day(month: boolean): Pick<Column, "read" | "write"> {
  const example: Bilingual = month ? { zh: "2026-03 或 2026-03-15", en: "2026-03 or 2026-03-15" } : { zh: "2026-03-15", en: "2026-03-15" };
  return {
    read: (t) => {
      const d = readDay(t, month);
      return d ? ok(d) : bad(`无法识别日期“${t}”，例如 ${example.zh}`, `cannot read the date “${t}”, e.g. ${example.en}`);
    },
    write: (v) => (typeof v === "string" && v !== "" ? v : null),
  };
}

/** 休假开始/结束: a day with or without its year, or a weekday (cell-dates.ts readAwayDay). */
const awayDay: Pick<Column, "read" | "write" | "date"> = {
  date: true,
  read: (t, now) => {
    const d = readAwayDay(t, now);
    return d
      ? ok(d)
      : bad(
          `无法识别日期“${t}”，例如 2026-12-08、12月8日 或 下周五`,
          `cannot read the date “${t}”, e.g. 2026-12-08, 12月8日 or 下周五 (next Friday)`,
        );
  },
  write: (v) => (typeof v === "string" && v !== "" ? v : null),
};

// ——— working hours: "周一至周五 09:00-18:00", "工作日 9:00-18:00", "每天 8:30-17:30", "Mon-Fri 09:00-18:00" ———

const WEEKDAY_ZH = ["一", "二", "三", "四", "五", "六", "日"];
const WEEKDAY_EN = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function weekday(token: string): number | null {
  const t = token
    .trim()
    .toLowerCase()
    .replace(/^(?:周|星期|礼拜)/, "");
  const zh = WEEKDAY_ZH.indexOf(t === "天" ? "日" : t);
  if (zh >= 0) return zh + 1;
  const en = WEEKDAY_EN.findIndex((d) => t.startsWith(d));
  if (en >= 0) return en + 1;
  return /^[1-7]$/.test(t) ? Number(t) : null;
}

function readDays(s: string): number[] | null {
  if (/^(?:工作日|weekdays?)$/i.test(s)) return [1, 2, 3, 4, 5];
  if (/^(?:每天|每日|全周|daily|every ?day)$/i.test(s)) return [1, 2, 3, 4, 5, 6, 7];
  const out = new Set<number>();
  for (const part of s.split(/[、,，]/)) {
    const range = part.split(/至|到|~|～|-|–|—/).map((x) => x.trim());
    if (range.length > 2) return null;
    const [a, b] = [weekday(range[0]), weekday(range[1] ?? range[0])];
    if (a === null || b === null || b < a) return null;
    for (let d = a; d <= b; d++) out.add(d);
  }
  return out.size ? [...out].sort((x, y) => x - y) : null;
}

const time = (h: string, m: string | undefined) => `${h.padStart(2, "0")}:${(m ?? "00").padStart(2, "0")}`;

export type WorkingHours = NonNullable<Recruiter["workingHours"]>;

/** Working hours as people write them → {days, start, end}; not understood → null. */
export function readWorkingHours(input: string): WorkingHours | null {
  const s = fold(input).trim().replace(/：/g, ":");
  const m = /^(.*?)\s*(\d{1,2})(?::(\d{2}))?\s*(?:-|–|—|~|～|至|到)\s*(\d{1,2})(?::(\d{2}))?$/.exec(s);
  if (!m) return null;
  const days = m[1].trim() === "" ? [1, 2, 3, 4, 5] : readDays(m[1].trim());
  if (!days) return null;
  return { days, start: time(m[2], m[3]), end: time(m[4], m[5]) };
}

/** A new recruiter's working hours, as the column writes them (the value, in the format's own words). */
export const DEFAULT_WORKING_HOURS = "周一至周五 09:00-18:00";

/** {days, start, end} → "周一至周五 09:00-18:00" (the form readWorkingHours reads back). */
export function writeWorkingHours(h: WorkingHours): string {
  const runs: string[] = [];
  let i = 0;
  while (i < h.days.length) {
    let j = i;
    while (j + 1 < h.days.length && h.days[j + 1] === h.days[j] + 1) j++;
    const [a, b] = [`周${WEEKDAY_ZH[h.days[i] - 1]}`, `周${WEEKDAY_ZH[h.days[j] - 1]}`];
    runs.push(i === j ? a : j === i + 1 ? `${a}、${b}` : `${a}至${b}`);
    i = j + 1;
  }
  return `${runs.join("、")} ${h.start}-${h.end}`;
}

const workingHours: Pick<Column, "read" | "write"> = {
  read: (t) => {
    const h = readWorkingHours(t);
    return h
      ? ok(h)
      : bad(`无法识别工作时间“${t}”，例如 周一至周五 09:00-18:00`, `cannot read the working hours “${t}”, e.g. Mon-Fri 09:00-18:00`);
  },
  write: (v) => (v && typeof v === "object" ? writeWorkingHours(v as WorkingHours) : null),
};

// ——— the columns of each sheet ———

const col = (
  key: string,
  zh: string,
  en: string,
  kind: Pick<Column, "read" | "write"> & Partial<Column>,
  extra: Partial<Column> = {},
): Column => ({
  key,
  header: { zh, en },
  ...kind,
  ...extra,
});
const hint = (zh: string, en: string) => ({ hint: { zh, en } });
const REQUIRED = { required: true };

const KINDS = choice(
  [
    // English labels are words a reader uses (ADR 143), not the stored values: "factory building", "for lease".
    { value: "factory", label: { zh: "厂房", en: "factory building" }, also: ["标准厂房", "工业厂房"] },
    { value: "land", label: { zh: "土地", en: "land" }, also: ["工业用地", "地块"] },
    { value: "office", label: { zh: "办公", en: "office" }, also: ["写字楼", "办公楼"] },
    { value: "warehouse", label: { zh: "仓库", en: "warehouse" }, also: ["仓储", "物流仓库"] },
  ],
  { zh: "类型", en: "kind" },
);
const DEAL = choice(
  [
    { value: "lease", label: { zh: "出租", en: "for lease" }, also: ["租", "租赁", "to let", "rent"] },
    { value: "buy", label: { zh: "出售", en: "for sale" }, also: ["售", "买", "购买", "sale", "sell"] },
  ],
  { zh: "交易方式", en: "deal" },
);
const STATUS = choice(
  [
    // Words that also say the deal (可租, 待租, 已售 …) are read by status-words.ts (the `status` column below).
    { value: "available", label: { zh: "可租售", en: "available" }, also: ["空置", "可用"] },
    // One name a status everywhere a person reads it (admin, desk, shortlist, import errors): these labels.
    // Older words stay readable in a sheet (已预订 was the label until 2026-12).
    { value: "reserved", label: { zh: "已预留", en: "reserved" }, also: ["已预订", "预订", "预留", "意向中"] },
    { value: "let", label: { zh: "已租售", en: "let or sold" } },
  ],
  { zh: "状态", en: "status" },
);

/**
 * 状态: the choices' names and spellings, and the words that say the deal too (status-words.ts: 可租, 可售,
 * 可租可售, 待租, 已租, 已售 → the status here; the deal joined to 交易方式 by readTextRow). 在租 is refused
 * naming its two meanings; another word is refused as the choices refuse it (docs/decisions/169).
 */
const status: Pick<Column, "read" | "write" | "choices"> = {
  ...STATUS,
  read: (t) => {
    const r = STATUS.read(t);
    if (r.ok) return r;
    const word = statusDealWord(t);
    if (word) return ok(word.status);
    return isAmbiguousStatus(t) ? { ok: false, reason: inventoryRuleMessages.both("statusAmbiguous", { typed: t }) } : r;
  },
};
const CHANNEL = choice(
  [
    { value: "email", label: { zh: "邮件", en: "email" }, also: ["邮箱", "电子邮件"] },
    { value: "hotline", label: { zh: "热线", en: "hotline" }, also: ["电话"] },
  ],
  { zh: "通知方式", en: "channel" },
);

/** Both deals in one item: 租售, 可租售, 可租可售, 租或售, 出租或出售, 出租出售, 租赁或出售 (either order). */
const BOTH_DEALS =
  /^(?:可?租售|可?售租|可租可售|可售可租|(?:出?租|租赁)(?:或|和|及|与|或者)?(?:出?售|销售)|(?:出?售|销售)(?:或|和|及|与|或者)?(?:出?租|租赁))$/;
/** "…均可" after the deals: 租售均可, 租售皆可, 租售都可以, 出租出售都行, 租售两可. */
const EITHER_TAIL = /(?:均可以?|皆可|都可以?|都行|均行|两可)$/;

/** The deals an item of 交易方式 names: a deal's name or word, 租售 (…均可), or a 状态 word of a space on offer (可租, 可售; status-words.ts). */
function dealItem(item: string): CellRead {
  const core = fold(item).trim().replace(EITHER_TAIL, "");
  if (BOTH_DEALS.test(core)) return ok(["lease", "buy"]);
  const word = statusDealWord(item);
  if (word?.status === "available") return ok(word.deals);
  const read = DEAL.read(item);
  if (read.ok || core === fold(item).trim() || core === "") return read;
  // "出租均可": the deal before the tail, read once.
  const again = dealItem(core);
  return again.ok ? again : read;
}

/** 租售: "出租、出售", also "租售", "可租可售", "可租". */
const deals: Pick<Column, "read" | "write" | "list" | "choices"> = {
  ...listOf(dealItem),
  choices: DEAL.choices,
  write: (v) => (Array.isArray(v) && v.length ? v.map((d) => DEAL.write(d)).join("、") : null),
};

const industries: Pick<Column, "read" | "write" | "list" | "industry"> = { ...listOf(), industry: true };

export const COLUMNS: Record<Collection, Column[]> = {
  parks: [
    col("id", "编号", "id", text, {
      ...REQUIRED,
      ...hint("字母、数字、_ . -，导入时按编号更新", "letters, digits, _ . -; rows are upserted by id"),
    }),
    col("name", "名称", "name", text, { ...REQUIRED, aliases: ["园区名称"] }),
    col("province", "省", "province", text, REQUIRED),
    col("city", "市", "city", text, REQUIRED),
    col("district", "区县", "district", text, { ...REQUIRED, aliases: ["区县名称", "区/县", "县区"] }),
    col(
      "districtCode",
      "区划代码",
      "district code",
      text,
      hint("GB/T 2260 六位代码，可空（按省市区自动识别）", "GB/T 2260, six digits; blank = from the names"),
    ),
    col("address", "地址", "address", text, { aliases: ["详细地址", "园区地址"] }),
    col(
      "lat",
      "纬度",
      "latitude",
      numeric(
        plainNumber,
        { zh: "例如 31.32", en: "e.g. 31.32" },
        { name: { zh: "纬度", en: "latitude" }, signed: true, precision: KEPT.degrees },
      ),
    ),
    col(
      "lng",
      "经度",
      "longitude",
      numeric(
        plainNumber,
        { zh: "例如 118.87", en: "e.g. 118.87" },
        { name: { zh: "经度", en: "longitude" }, signed: true, precision: KEPT.degrees },
      ),
    ),
    col(
      "industries",
      "主导产业",
      "focus industries",
      industries,
      hint("行业代码或名称，用顿号分隔，如 C35、金属制品", "GB/T 4754 codes or names, e.g. C35、金属制品"),
    ),
    col(
      "excludedIndustries",
      "禁入产业",
      "excluded industries",
      industries,
      hint("行业代码或名称，如 C26、化学原料和化学制品制造业", "GB/T 4754 codes or names, e.g. C26"),
    ),
    col(
      "minTaxPerMuWan",
      "亩均税收门槛（万元/亩）",
      "min tax per mu (10k CNY)",
      numeric(
        parseWanPerMu,
        { zh: "例如 30 或 30万元/亩", en: "e.g. 30" },
        { name: { zh: "亩均税收门槛", en: "min tax per mu" }, why: wanPerRefusal("mu"), precision: KEPT.wan({ zh: "/亩", en: "per mu" }) },
      ),
    ),
    col(
      "minInvestmentPerMuWan",
      "投资强度门槛（万元/亩）",
      "min investment per mu (10k CNY)",
      numeric(
        parseWanPerMu,
        { zh: "例如 300 或 300万元/亩", en: "e.g. 300" },
        {
          name: { zh: "投资强度门槛", en: "min investment per mu" },
          why: wanPerRefusal("mu"),
          precision: KEPT.wan({ zh: "/亩", en: "per mu" }),
        },
      ),
    ),
    col(
      "minTaxPer1000SqmWan",
      "每千平方米税收门槛（万元）",
      "min tax per 1000 sqm (10k CNY)",
      numeric(
        (t) => parseWanPer(t, "ksqm"),
        { zh: "例如 20 或 20万元/千平方米", en: "e.g. 20" },
        {
          name: { zh: "每千平方米税收门槛", en: "min tax per 1000 sqm" },
          why: wanPerRefusal("ksqm"),
          precision: KEPT.wan({ zh: "/千平方米", en: "per 1000\u00a0㎡" }),
        },
      ),
    ),
    col("policies", "优惠政策", "policies", text, { aliases: ["政策", "招商政策", "扶持政策"] }),
    col("wecomWebhookUrl", "企业微信群机器人地址", "WeCom webhook URL", text),
  ],
  spaces: [
    col("id", "编号", "id", text, { ...REQUIRED, aliases: ["房源编号", "空间编号", "厂房编号", "载体编号"] }),
    col("parkId", "园区编号", "park id", text, REQUIRED),
    col("kind", "类型", "kind", KINDS, { ...REQUIRED, aliases: ["房源类型", "空间类型", "物业类型", "载体类型"] }),
    col("deals", "交易方式", "deals", deals, {
      ...REQUIRED,
      ...hint("出租、出售，或“租售”", "lease, buy, or both"),
      aliases: ["租售方式", "租售类型"],
    }),
    col("title", "名称", "title", text, { ...REQUIRED, aliases: ["房源名称", "空间名称", "厂房名称", "载体名称"] }),
    col(
      "areaSqm",
      "面积",
      "area",
      numeric(
        readPastLabel((s) => parseArea(s, "sqm"), FIGURE_LABELS.area),
        { zh: "例如 5000、5千平 或 50亩", en: "e.g. 5000, 5千平 or 50亩" },
        { name: { zh: "面积", en: "the area" }, positive: true, precision: KEPT.sqm },
      ),
      {
        ...REQUIRED,
        ...hint("默认平方米，可写 亩、千平、万方", "square metres unless written: 亩, 千平, 万方"),
        aliases: [
          "建筑面积",
          "可租面积",
          "可售面积",
          "出租面积",
          "租赁面积",
          "厂房面积",
          "仓库面积",
          "占地面积",
          "用地面积",
          "土地面积",
          "总面积",
          "floor area",
          "gross floor area",
          "gfa",
        ],
      },
    ),
    col(
      "divisibleMinSqm",
      "最小可分割面积",
      "divisible down to",
      numeric(
        readPastLabel((s) => parseArea(s, "sqm"), FIGURE_LABELS.area),
        { zh: "例如 1000 或 1千平", en: "e.g. 1000" },
        { name: { zh: "最小可分割面积", en: "the divisible area" }, precision: KEPT.sqm },
      ),
      { aliases: ["最小分割面积", "可分割面积", "最小可租面积", "最小出租面积"] },
    ),
    col("floors", "层数", "floors", floorCount, {
      ...hint(
        "空间所占的楼层数：整栋填总层数，楼里的一层（如写字楼 5 楼）填 1",
        "floors the space takes up: a whole building its floors, one floor of a building (e.g. the 5th of a tower) 1",
      ),
      // Not 总层数 or 楼层数: a tower's storey count, not the floors a space takes up (ADR 204).
    }),
    col("singleStorey", "单层", "single storey", bool, {
      ...hint("是否单层建筑：多层楼里的一层填“否”", "a one-storey building? one floor of a taller building: no"),
      aliases: ["是否单层"],
    }),
    col(
      "ceilingM",
      "层高（米）",
      "ceiling (m)",
      numeric(
        readPastLabel(parseCeilingM, FIGURE_LABELS.ceiling, FIGURE_NOUNS_AFTER.ceiling),
        { zh: "例如 9 或 9米", en: "e.g. 9" },
        {
          name: { zh: "层高", en: "the ceiling" },
          precision: KEPT.m,
          why: (t) => refusalText(ceilingRefusal(t)),
        },
      ),
      { aliases: ["净高", "檐高", "clear height", "ceiling height"] },
    ),
    col(
      "floorLoadKg",
      "承重（公斤/㎡）",
      "floor load (kg/㎡)",
      numeric(
        readPastLabel(parseFloorLoadKg, FIGURE_LABELS.floorLoad, FIGURE_NOUNS_AFTER.floorLoad),
        { zh: "例如 3000 或 3吨/㎡", en: "e.g. 3000 or 3吨/㎡" },
        { name: { zh: "承重", en: "the floor load" }, precision: KEPT.kg, unclear: bareLoadUnclear },
      ),
      { aliases: ["地面承重", "楼面承重", "荷载", "地面荷载", "楼面荷载", "floor loading"] },
    ),
    col(
      "powerKva",
      "配电（千伏安）",
      "power (kVA)",
      numeric(
        readPastLabel(parsePowerKva, FIGURE_LABELS.power, FIGURE_NOUNS_AFTER.power),
        { zh: "例如 1250 或 1250KVA", en: "e.g. 1250" },
        {
          name: { zh: "配电", en: "the power" },
          precision: KEPT.kva,
          why: (t) => refusalText(countedRefusal(t, "power")),
        },
      ),
      { aliases: ["配电容量", "变压器容量", "用电容量", "供电容量", "电力容量", "power supply"] },
    ),
    col(
      "craneT",
      "行车（吨）",
      "crane (t)",
      numeric(
        noneAsZero(readPastLabel(parseCraneT, FIGURE_LABELS.crane, FIGURE_NOUNS_AFTER.crane)),
        { zh: "例如 10 或 10吨", en: "e.g. 10" },
        {
          name: { zh: "行车", en: "the crane" },
          precision: KEPT.t,
          why: (t) => refusalText(countedRefusal(t, "crane")),
        },
      ),
      { aliases: ["吊车", "行车吨位", "起重机", "cranes"] },
    ),
    col(
      "rentYuanPerSqmMonth",
      "租金（元/㎡/月）",
      "rent (CNY/㎡/month)",
      numeric(
        readPastLabel(parseRentPerMonth, FIGURE_LABELS.rent),
        { zh: "例如 25 或 0.8元/㎡/天", en: "e.g. 25 or 0.8元/㎡/天" },
        { name: { zh: "租金", en: "the rent" }, precision: KEPT.yuanMonth },
      ),
      { aliases: ["租金单价", "租赁单价", "出租单价", "租价", "租赁价格"] },
    ),
    col(
      "priceYuanPerSqm",
      "售价（元/㎡）",
      "price (CNY/㎡)",
      numeric(
        readPastLabel(parseYuanPerSqm, FIGURE_LABELS.price),
        { zh: "例如 4500", en: "e.g. 4500" },
        { name: { zh: "售价", en: "the price" }, precision: KEPT.yuan },
      ),
      { aliases: ["销售单价", "出售单价", "售价单价", "销售价格", "出售价格", "sale price"] },
    ),
    col(
      "landPriceWanPerMu",
      "地价（万元/亩）",
      "land price (10k CNY/mu)",
      numeric(
        readPastLabel(parseWanPerMu, FIGURE_LABELS.landPrice),
        { zh: "例如 30 或 30万元/亩", en: "e.g. 30" },
        { name: { zh: "地价", en: "the land price" }, why: wanPerRefusal("mu"), precision: KEPT.wan({ zh: "/亩", en: "per mu" }) },
      ),
      { aliases: ["土地价格", "土地单价", "出让价格", "出让单价"] },
    ),
    col(
      "availableFrom",
      "可入驻时间",
      "available from",
      { read: readAvailableFromCell, write: day(true).write, date: true },
      {
        ...hint(
          "年-月 或 年-月-日；也可写 明年下半年、年底、明年3月（时段按其第一个月；只写“下半年”而年份不明时会请您写明年份）",
          "YYYY-MM or YYYY-MM-DD; or words such as 明年下半年 (second half of next year), 年底, 明年3月 (a period reads as its first month; a bare 下半年 whose year is unclear is asked to name the year)",
        ),
        aliases: ["入驻时间", "交付时间", "可交付时间", "可租时间", "可用时间"],
      },
    ),
    col("status", "状态", "status", status, {
      ...REQUIRED,
      ...hint(
        "也可写 可租、可售、可租可售、待租、已租、已售：这些词也说明交易方式，须与交易方式一栏一致（交易方式空白时按它填）",
        "also 可租 (for lease), 可售 (for sale), 可租可售, 待租, 已租 (let), 已售 (sold): these say the deal too, which must agree with the deals column (a blank deals cell takes it)",
      ),
      aliases: ["房源状态", "租售状态", "招商状态"],
    }),
    col("notes", "备注", "notes", text, { aliases: ["说明"] }),
  ],
  recruiters: [
    col("id", "编号", "id", text, REQUIRED),
    col("name", "姓名", "name", text, REQUIRED),
    col("email", "邮箱", "email", text, { ...REQUIRED, aliases: ["电子邮箱", "电子邮件", "email"] }),
    col("phone", "电话", "phone", text, { ...REQUIRED, aliases: ["联系电话", "手机", "手机号", "手机号码"] }),
    col("channel", "通知方式", "channel", CHANNEL, REQUIRED),
    col("parks", "负责园区", "parks", listOf(), { ...REQUIRED, ...hint("园区编号，用顿号分隔", "park ids, separated by 、") }),
    col(
      "industries",
      "擅长行业",
      "industries",
      industries,
      hint("行业代码或名称，如 C35、金属制品；空 = 不限", "GB/T 4754 codes or names; blank = any"),
    ),
    col("capacity", "容量", "capacity", leadCount, { ...REQUIRED, ...hint("同时跟进的需求上限", "open leads at most") }),
    col("active", "在岗", "active", bool),
    col("awayFrom", "休假开始", "away from", awayDay, hint("休假/出差第一天，如 2026-12-01、12月8日、下周五", "first day away")),
    col("awayTo", "休假结束", "away to", awayDay, hint("最后一天（含），如 2026-12-15 或 12月15日", "last day away (inclusive)")),
    col(
      "workingHours",
      "工作时间",
      "working hours",
      workingHours,
      hint("如 周一至周五 09:00-18:00；空 = 按办公时间", "e.g. 周一至周五 09:00-18:00; blank = the office hours"),
    ),
  ],
};

/** The flat row (column key → value) as the import format's object: lat/lng → location, awayFrom/To → away[]. */
export function assembleRow(collection: Collection, flat: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) if (v !== undefined) row[k] = v;
  if (collection === "parks") {
    const { lat, lng, ...rest } = row;
    return lat === undefined && lng === undefined ? rest : { ...rest, location: { lat, lng } };
  }
  if (collection === "recruiters") {
    const { awayFrom, awayTo, ...rest } = row;
    return awayFrom === undefined && awayTo === undefined ? rest : { ...rest, away: [{ from: awayFrom, to: awayTo }] };
  }
  return row;
}

/** The import format's object → flat key → value (the inverse of assembleRow). */
export function flattenRow(collection: Collection, value: Park | Space | Recruiter | Record<string, unknown>): Record<string, unknown> {
  const v = value as Record<string, unknown>;
  if (collection === "parks") {
    const { location, ...rest } = v as { location?: { lat: number; lng: number } | null };
    return { ...rest, lat: location?.lat ?? null, lng: location?.lng ?? null };
  }
  if (collection === "recruiters") {
    const { away, ...rest } = v as { away?: { from: string; to: string }[] };
    return { ...rest, awayFrom: away?.[0]?.from ?? null, awayTo: away?.[0]?.to ?? null };
  }
  return v;
}

/** A schema issue's path → the column key it belongs to (location.lat → lat, away.0.to → awayTo). */
export function columnKeyOf(collection: Collection, path: readonly PropertyKey[]): string | null {
  const [first, second, third] = path.map(String);
  if (first === undefined) return null;
  if (collection === "parks" && first === "location") return second === "lng" ? "lng" : "lat";
  if (collection === "recruiters" && first === "away") return third === "from" ? "awayFrom" : "awayTo";
  return first;
}

export type TextRowRead = { value: Record<string, unknown>; errors: { key: string; reason: Bilingual }[] };

/**
 * One row of texts (column key → what the cell or the form field holds) → the import format's object
 * and the cells that could not be read. Blank cells are left out (the schema decides if they are
 * required). Numbers that came as numbers (an Excel numeric cell) are read from their decimal text.
 * A space's 状态 word that says the deal is joined to 交易方式 (joinStatusDeals). `stored`: the column keys
 * whose cells hold a stored row's value, not the file's (import-plan.server.ts keepStoredCells).
 */
export function readTextRow(
  collection: Collection,
  cells: Record<string, unknown>,
  now: Date = new Date(),
  stored: readonly string[] = [],
): TextRowRead {
  const flat: Record<string, unknown> = {};
  const errors: TextRowRead["errors"] = [];
  // A number cell as Excel shows it (numberText).
  const textOf = (key: string) => {
    const v = cells[key];
    if (v === null || v === undefined) return "";
    return typeof v === "number" ? numberText(v) : cleanTyped(String(v));
  };
  for (const c of COLUMNS[collection]) {
    const t = textOf(c.key);
    if (t === "") continue;
    const r = readCell(c, t, now);
    if (r.ok) flat[c.key] = r.value;
    else errors.push({ key: c.key, reason: r.reason });
  }
  if (collection === "spaces" && flat.status !== undefined) joinStatusDeals(textOf("status"), flat, errors, stored.includes("deals"));
  // Form fields for the optional specs: a blank one means "unknown", i.e. null in the import format.
  return { value: assembleRow(collection, flat), errors };
}

/**
 * A 状态 word that says the deal too (status-words.ts: 可售, 已租 …) and the row's 交易方式 (docs/decisions/169):
 * a blank 交易方式 takes the word's deals; a given one must offer every deal the word says (可租 beside 出租、出售
 * is taken: the word names one of the two; 可售 beside 出租 is refused at 状态, naming both — `storedDeals`: the
 * 交易方式 cell was blank or its column left out, and holds the stored deals, said so). A 交易方式 cell that
 * could not be read is said at its own cell.
 */
function joinStatusDeals(typed: string, flat: Record<string, unknown>, errors: TextRowRead["errors"], storedDeals: boolean): void {
  const word = statusDealWord(typed);
  if (!word || errors.some((e) => e.key === "deals")) return;
  const given = flat.deals;
  if (!Array.isArray(given) || given.length === 0) {
    flat.deals = word.deals;
    return;
  }
  if (!dealsNotGiven(word, given).length) return;
  const dealsText = (lng: Lng) =>
    given.map((d) => DEAL.choices!.find((x) => x.value === d)?.label[lng] ?? String(d)).join(lng === "zh" ? "、" : ", ");
  errors.push({
    key: "status",
    reason: inventoryRuleMessages.both(storedDeals ? "statusDealsDisagreeStored" : "statusDealsDisagree", (lng) => ({
      typed,
      says: word.says[lng],
      deals: dealsText(lng),
    })),
  });
}

/**
 * A cell read by its column; a figure's cell longer than a figure box holds (FIGURE_BOX_MAX, the lead's boxes' bound,
 * ADR 166) is refused unread, quoting its start: the figure readers' work grows with the text — a rent cell of 12,000
 * "平" took 1–4 s to read, one step of an import holding the web process (attack37, ADR 171).
 */
export function readCell(c: Column, t: string, now?: Date): CellRead {
  if (c.number && t.length > FIGURE_BOX_MAX) {
    const start = [...t.slice(0, 40)].slice(0, 20).join("");
    return bad(
      `“${start}…”过长：数字一栏最多 ${FIGURE_BOX_MAX} 个字`,
      `“${start}…” is too long: a figure's cell holds at most ${FIGURE_BOX_MAX} characters`,
    );
  }
  return c.read(t, now);
}

/** Where a column's value sits in the import format's object (the inverse of `columnKeyOf`): lat → location.lat. */
function pathOf(collection: Collection, key: string): string[] {
  if (collection === "parks" && (key === "lat" || key === "lng")) return ["location", key];
  if (collection === "recruiters" && (key === "awayFrom" || key === "awayTo")) return ["away", "0", key === "awayFrom" ? "from" : "to"];
  return [key];
}

/** `notes`: strings read with a word their one figure cannot keep ("约五千" → 5000), said back (docs/decisions/117). */
export type JsonRowRead = {
  value: unknown;
  errors: { path: string[]; reason: Bilingual }[];
  notes: { path: string[]; reason: Bilingual }[];
};

/**
 * One row of the JSON import (POST /api/import, `npm run import`) with every number written as a string
 * ("1,200", "1.2万", "25元/㎡·月", "3吨/平方米") read by its column's cell reader, as a CSV or Excel cell
 * of that column is (docs/decisions/096): the value it reads replaces the string, a string it cannot read
 * is an error at its path with the reader's message. A blank string is no value, as a blank cell is.
 * Numbers, other types and every other column are left to the schema.
 */
export function readJsonNumbers(collection: Collection, row: unknown, now: Date = new Date()): JsonRowRead {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return { value: row, errors: [], notes: [] };
  const value = structuredClone(row) as Record<string, unknown>;
  const errors: JsonRowRead["errors"] = [];
  const notes: JsonRowRead["notes"] = [];
  for (const c of COLUMNS[collection]) {
    if (!c.number) continue;
    const path = pathOf(collection, c.key);
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((o, k) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined), value);
    if (typeof parent !== "object" || parent === null) continue;
    const at = parent as Record<string, unknown>;
    const last = path[path.length - 1];
    const n = at[last];
    // A number is the schema's, but for its places: finer than the column keeps is refused here as the cell's text
    // "1234.5678" is (a coordinate rounded to 7 places), not stored or rounded unsaid (docs/decisions/196).
    if (typeof n === "number" && Number.isFinite(n) && c.kept) {
      const kept = keptFigure(numberText(n), n, c.kept.precision, c.kept.name);
      if (kept?.ok) at[last] = kept.value;
      else if (kept) errors.push({ path, reason: kept.reason });
      continue;
    }
    if (typeof at[last] !== "string") continue;
    const t = cleanTyped(at[last] as string);
    if (t === "") {
      delete at[last];
      continue;
    }
    const r = readCell(c, t, now);
    if (r.ok) at[last] = r.value;
    else errors.push({ path, reason: r.reason });
    if (r.ok && r.said) notes.push({ path, reason: figureReadReason(c, t, r.value, r.said) });
    const period = r.ok ? rentReadReason(c, t, r.value) : null;
    if (period) notes.push({ path, reason: period });
  }
  return { value, errors, notes };
}

/** A stored value → the cell (numbers stay numbers, everything else the text readTextRow reads back). */
export function writeCells(collection: Collection, value: Park | Space | Recruiter | Record<string, unknown>): Record<string, CellValue> {
  const flat = flattenRow(collection, value);
  return Object.fromEntries(COLUMNS[collection].map((c) => [c.key, c.write(flat[c.key])]));
}

export function columnByKey(collection: Collection, key: string): Column | undefined {
  return COLUMNS[collection].find((c) => c.key === key);
}

/** A space status as every page names it (the STATUS column's label): 可租售 / 已预留 / 已租售. */
export function spaceStatusLabel(lng: Lng, status: string): string {
  return STATUS.choices!.find((c) => c.value === status)?.label[lng] ?? status;
}
