import { fold } from "./fold-text";
import { englishNumberWords, parseChineseNumber, parseQuantity } from "./numbers";

/**
 * Single technical figures typed into a field, each with an optional unit, converted to the stored
 * unit (kVA, kg/㎡, m, t). A bare number is already in the stored unit. Not understood → null.
 */

type Units = ReadonlyArray<readonly [string, number]>;

const POWER_UNITS: Units = [
  ["kva", 1],
  ["千伏安", 1],
  ["mva", 1000],
  ["兆伏安", 1000],
  // kW is real power, kVA apparent power (kW = kVA × power factor, ~0.8–0.9). Enterprises say
  // "500千瓦" for the supply they need and parks quote transformer kVA; treating them as equal
  // slightly understates the need, which a recruiter confirms on the call anyway.
  ["kw", 1],
  ["千瓦", 1],
  ["mw", 1000],
  ["兆瓦", 1000],
  // Plain volt-amperes are a thousand times smaller: "伏安" is NOT a synonym of 千伏安.
  ["va", 0.001],
  ["伏安", 0.001],
];

/** One transformer's (or a plain supply's) capacity in kVA: "1000", "1000kVA", "1.25MVA", "500千瓦". */
function onePowerKva(s: string): number | null {
  return parseQuantity(s, POWER_UNITS, 1);
}

/**
 * Power in kVA as typed, transformers counted and added up (COUNTED.power): "1000kVA", "2台500kva",
 * "两台500千伏安", "500kva×2", "2×500KVA", "500kVA*2", "2台500kva变压器" → 1000. A count with no size
 * ("2台"), transformers of two sizes, or an unclear count → null (readCounted says why).
 */
export function parsePowerKva(s: string): number | null {
  return readFigure(s, COUNTED.power);
}

/** Every way of writing "per square metre" after a mass unit. */
const PER_SQM = ["/㎡", "/m2", "/m²", "/平方米", "/平米", "/平方", "/平", "每平方米", "每平米", "每平方", "每平", "/sqm"];

function perArea(masses: Units): Units {
  return masses.flatMap(([m, f]) => [[m, f] as const, ...PER_SQM.map((a) => [m + a, f] as const)]);
}

const FLOOR_LOAD_UNITS: Units = perArea([
  ["kg", 1],
  ["公斤", 1],
  ["千克", 1],
  // Floor load quoted in tonnes per ㎡ (common for ground floors: "承重3吨") → ×1000.
  ["吨", 1000],
  ["t", 1000],
  ["ton", 1000],
  ["tons", 1000],
]);

export function parseFloorLoadKg(s: string): number | null {
  return parseQuantity(s, FLOOR_LOAD_UNITS, 1);
}

const CEILING_UNITS: Units = [
  ["m", 1],
  ["米", 1],
  ["公尺", 1],
  // Drawings give heights in millimetres ("层高9000mm").
  ["mm", 0.001],
  ["毫米", 0.001],
  ["cm", 0.01],
  ["厘米", 0.01],
  // US listings quote clear height in feet ("clear height 32 ft"): 1 ft = 0.3048 m exactly.
  ["ft", 0.3048],
  ["feet", 0.3048],
  ["foot", 0.3048],
  ["英尺", 0.3048],
];

/**
 * A bare height of 1000 or more can only be millimetres (drawings write 层高9000): no building has a
 * 1000 m storey. Below that a bare number is metres.
 */
export const BARE_MM_FROM = 1000;

/**
 * Metres and what is said or written after 米 / m: "8米5", "8m5", "八米五" (a spoken tenth, as 亩半 is said
 * for 1.5 亩), "8米半", and "8m50" / "8米25" (centimetres after the metres, as on a tape).
 */
const METRES_AND_PART = /^(?<metres>.+?)\s*(?<unit>米|m)\s*(?<part>[0-9]+|[一二三四五六七八九]|半)$/;

/** A height read from typed text: metres, or why the text names no one height. */
export type CeilingRead = { ok: true; value: number } | { ok: false; problem: "unclear" };

/**
 * A height in m as typed, docs/decisions/076: "9", "9米", "8.5m", "9000mm", "32 ft"; metres with a part
 * after the unit — one digit is tenths ("8米5", "8m5", "八米五": 8.5), two digits are centimetres
 * ("8m50", "8米25": 8.5, 8.25 — as a person's height is said and written, 一米七五, 1米75), 半 is a half
 * ("8米半"). A bare figure of BARE_MM_FROM or more is millimetres. Unclear, refused rather than guessed
 * (`problem: "unclear"`): a part starting with 0 ("9米0", "8m05": 8.05 or 8.5?), three digits or more
 * ("8m500": 8.5, or 500 mm more?), "8m2" (8.2 m, or 8 ㎡?), a part after a decimal ("8.5m5"). null when `s` is no height at all.
 */
export function readCeiling(s: string): CeilingRead | null {
  const typed = fold(s).trim();
  const split = METRES_AND_PART.exec(typed)?.groups;
  if (split) {
    const metres = parseQuantity(`${split.metres}米`, CEILING_UNITS, 1);
    if (metres === null) return null;
    const { part, unit } = split;
    const unclear = { ok: false, problem: "unclear" } as const;
    if (!Number.isInteger(metres)) return unclear;
    if (part === "半") return { ok: true, value: metres + 0.5 };
    if (/^[1-9]$/.test(part)) return unit === "m" && part === "2" ? unclear : { ok: true, value: clean(metres + Number(part) / 10) };
    if (/^[1-9][0-9]$/.test(part)) return { ok: true, value: clean(metres + Number(part) / 100) };
    if (/^[0-9]+$/.test(part)) return unclear;
    const tenth = parseChineseNumber(part);
    return tenth === null ? null : { ok: true, value: metres + tenth / 10 };
  }
  const n = parseQuantity(s, CEILING_UNITS, 1);
  if (n === null) return null;
  return { ok: true, value: parseQuantity(s, [], 1) !== null && n >= BARE_MM_FROM ? n / 1000 : n };
}

/** A height in m (readCeiling), or null when it is none or unclear. */
export function parseCeilingM(s: string): number | null {
  const r = readCeiling(s);
  return r?.ok ? r.value : null;
}

const CRANE_UNITS: Units = [
  ["t", 1],
  ["吨", 1],
  ["ton", 1],
  ["tons", 1],
];

/**
 * Crane capacity in t. "16/3.2t" (main/auxiliary hook, GB/T 14405 notation) is a 16 t crane: the main
 * hook is the first figure.
 */
export function parseCraneT(s: string): number | null {
  return readFigure(s, COUNTED.crane);
}

/** One crane's capacity in t: "10", "10吨", "16/3.2t" (main hook first). */
function oneCraneT(s: string): number | null {
  const hooks = /^\s*([^/]+?)\s*\/\s*[0-9.]+\s*(t|吨|tons?)?\s*$/i.exec(fold(s));
  if (hooks) return parseQuantity(`${hooks[1]}${hooks[2] ?? ""}`, CRANE_UNITS, 1);
  return parseQuantity(s, CRANE_UNITS, 1);
}

/**
 * `parse`, reading past the figure's own name typed before it ("层高9米", "层高：九米", "行车 10吨") and, with
 * `after`, the thing it measures typed after it ("10吨行车", "1000千伏安的变压器", "9米高"): people write the
 * label they see or say. Used by the lead form and the inventory's columns alike.
 */
export function readPastLabel<T>(parse: (s: string) => T | null, label: RegExp, after?: RegExp): (s: string) => T | null {
  return (s) => {
    const past = s
      .trim()
      .replace(label, "")
      .replace(/^\s*[:：]?\s*/, "");
    return parse(after ? past.replace(after, "").trim() : past);
  };
}

/** The names a figure goes by, as typed before it (anchored at the start; zh and en). */
export const FIGURE_LABELS = {
  ceiling: /^(?:层高|净高|檐高|高度|ceiling(?: height)?|clear height)/i,
  floorLoad: /^(?:楼面承重|地面承重|承重|floor load)/i,
  power: /^(?:配电容量|变压器容量|配电|用电|电力|供电|变压器|power|transformers?)/i,
  crane: /^(?:(?:单梁|双梁|桥式|门式)\s*)?(?:行车|吊车|天车|crane)/i,
  area: /^(?:建筑面积|占地面积|面积|area)/i,
  rent: /^(?:租金|租价|rent)/i,
  price: /^(?:售价|单价|价格|price)/i,
  landPrice: /^(?:土地价格|地价|land price)/i,
} as const;

/** What a spec figure measures, as typed after it (anchored at the end; zh): "10吨行车", "9米高". */
export const FIGURE_NOUNS_AFTER = {
  ceiling: /\s*的?\s*(?:层高|净高|檐高|高度|高)$/,
  floorLoad: /\s*的?\s*(?:楼面承重|地面承重|承重|荷载)$/,
  power: /\s*的?\s*(?:变压器|配电容量|配电|用电|容量)$/,
  crane: /\s*的?\s*(?:(?:单梁|双梁|桥式|门式)\s*)?(?:行车|吊车|天车|桥吊|航吊|起重机)$/,
} as const;

/** "No requirement" as typed in a spec figure's box (zh and en), once its name is taken off. */
const NONE_WORDS =
  /^(?:无|没有|不需要|不需|暂不需要|不要|不用|不要求|无要求|没要求|没有要求|不限|不限制|都可以|都行|无所谓|none|no|n\/a|not needed|no requirement|any)$/i;

/**
 * Whether `typed` says the need has no such requirement ("不需要", "无行车", "行车：无", "层高不限",
 * "not needed"): the lead's spec figure boxes (the …Min fields) take it as left blank, which is what it
 * means; a figure or anything else → false.
 */
export function saysNoRequirement(typed: string, label: RegExp, after: RegExp): boolean {
  const s = fold(typed)
    .trim()
    .replace(label, "")
    .replace(/^\s*[:：]?\s*/, "")
    .replace(after, "")
    .trim();
  return NONE_WORDS.test(s);
}

// ---------------------------------------------------------------------------------------------
// Figures typed with a count of items: "2台500kva", "500kva×2", "2台10吨行车".

/**
 * How a count of like items makes one figure (one rule per kind, shared by the fields, the notes reader
 * need-text.ts and the inventory's columns):
 * - "sum": transformers. A site's 配电容量 is the installed capacity of its transformers added up — how a
 *   供电方案 and the 供电营业规则 count 受电变压器容量 (2 × 630 kVA is 1260 kVA of supply).
 * - "each": cranes. Each crane lifts its own rated load (额定起重量, GB/T 14405); two 10 t cranes are no
 *   20 t crane, so "2台10吨行车" needs a 10 t crane.
 */
export type CountRule = "sum" | "each";

/** The figure that `count` items of `each` make under `rule`. */
export function countedTotal(rule: CountRule, count: number, each: number): number {
  return rule === "sum" ? clean(count * each) : each;
}

/**
 * A kind of counted item: how its count combines (its rule), the parser of one item's figure, the item's names typed
 * with it (global), and its English plural (a regular-expression source): the name an English count goes with ("2
 * transformers of 630 kVA", "two 630 kVA transformers": docs/decisions/173).
 */
export type CountedKind = { combine: CountRule; one: (s: string) => number | null; item: RegExp; plural: string };

export const COUNTED = {
  power: { combine: "sum", one: onePowerKva, item: /(?:的)?\s*(?:变压器|transformers?)/g, plural: "transformers" },
  crane: {
    combine: "each",
    one: oneCraneT,
    item: /(?:的)?\s*(?:(?:桥式|门式|单梁|双梁|电动|悬挂)\s*){0,3}(?:行车|吊车|天车|航吊|行吊|桥吊|龙门吊|起重机|(?:overhead\s+)?cranes?)/g,
    plural: "(?:overhead\\s+)?cranes",
  },
} as const satisfies Record<string, CountedKind>;

/**
 * The item's names right after a figure of its field, as the notes say them ("2台630千伏安" + "变压器", "630 kVA" + "
 * transformers", "800千伏安" + "配电"): readCounted reads past them, so a clause's reading includes them (lead-view.server.ts
 * notRead, docs/decisions/173). Anchored at the start of the text after the figure.
 */
export const ITEM_NAME_AFTER = {
  powerMinKva: new RegExp(`^(?:${COUNTED.power.item.source}|(?:的)?\\s*(?:配电|供电|电力|用电(?!话)|电容|容量|负荷)(?:容量)?)`, "iu"),
  craneMinT: new RegExp(`^(?:${COUNTED.crane.item.source})`, "iu"),
} as const;

/** An English count before items: digits or a word "two" … "twelve" (numbers.ts's words; a regular-expression source, folded text). */
export const EN_COUNT_TOKEN = `(?:[0-9]{1,2}|${englishNumberWords(2, 12).join("|")})`;

/**
 * A count said in English with the item's plural: "2 transformers of 630 kVA", "two transformers rated 630 kVA", "two
 * 630 kVA transformers", "3 × …" being the times form COUNTED_FORMS read. The plural says the number before it is a
 * count (never "2 630" read as 2630). null when `text` (folded) is no such form.
 */
function englishCounted(text: string, kind: CountedKind): { n: number; size: number } | null | "count" {
  const count = `(?<n>${EN_COUNT_TOKEN})`;
  const forms = [
    new RegExp(`^${count}\\s+${kind.plural}\\s+(?:each\\s+)?(?:of|at|rated(?:\\s+at)?|with)\\s+(?<size>.+?)(?:\\s+each)?$`),
    new RegExp(`^${count}\\s+(?<size>.+?)\\s+${kind.plural}(?:\\s+each)?$`),
  ];
  for (const form of forms) {
    const g = form.exec(text)?.groups;
    if (!g) continue;
    const n = /^[a-z]+$/.test(g.n) ? parseChineseNumber(g.n) : readCount(g.n);
    const size = kind.one(g.size);
    if (size === null || size <= 0) continue;
    return n === null ? "count" : { n, size };
  }
  return null;
}

/** Measure words of a count: 台, 组, 套, 部, 个 (2台, 两组, 1套). */
const COUNT_WORD = "(?:台|组|套|部|个)";
/** A times sign as typed: ×, *, or an x standing alone (not the x of "max"); full-width ＊ and Ｘ are folded to these. */
const TIMES = "(?:[×*]|(?<![a-z])x(?![a-z]))";
const COUNT_TOKEN = "(?:[0-9]+|[零〇一二两俩三四五六七八九十]+)";
/**
 * The pieces of a count as regular-expression sources (folded, lower-case text), for the notes reader
 * (need-text.ts) to find a count where the fields' reader (readCounted) would: the measure words, the
 * times sign and the count itself. One grammar: what the notes find here they read with readCounted.
 */
export const COUNT_SOURCE = { word: COUNT_WORD, times: TIMES, token: COUNT_TOKEN } as const;
/** "2-3台", "2到3台", "两三台": a range of counts, never one count. */
const COUNT_RANGE = new RegExp(`(?:[0-9]+\\s*[-~到至或]\\s*[0-9]+|[一二两三四五六七八九]{2})\\s*${COUNT_WORD}`);
const ANY_COUNT = new RegExp(`${COUNT_WORD}|${TIMES}`);
/** Items listed one after another: "2台500kva和1台800kva", "500kva+630kva", "10吨、16吨". A comma before three digits is a thousands mark. */
const LIST_SEP = /\s*(?:和|加上|加|及|与|、|，|;|；|\+|&|,(?!\d{3}(?!\d))|\band\b)\s*/;

/** The forms a counted item takes; groups n (the count) and size (one item's figure). */
const COUNTED_FORMS = [
  new RegExp(`^(?<n>${COUNT_TOKEN})\\s*${COUNT_WORD}\\s*(?<size>.+)$`), // 2台500kva
  new RegExp(`^(?<n>${COUNT_TOKEN})\\s*${TIMES}\\s*(?<size>.+)$`), // 2×500kva
  new RegExp(`^(?<size>.+?)\\s*${TIMES}\\s*(?<n>${COUNT_TOKEN})\\s*${COUNT_WORD}?$`), // 500kva×2
  new RegExp(`^(?<size>.+?)\\s*(?<n>${COUNT_TOKEN})\\s*${COUNT_WORD}$`), // 500kva两台
];

/** A count as typed: a whole number of items from 1 to 99 ("2", "两", "十二"); anything else → null. */
export function readCount(token: string): number | null {
  const n = parseChineseNumber(token);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 99 ? n : null;
}

/** Why a counted figure was not read: a count with no size, items of several sizes, or the count unclear. */
export type CountProblem = "countOnly" | "sizes" | "count";

/**
 * `s` read as counted items of `kind`: `{ok, value}` (COUNTED's rule applied), a problem (for "sizes",
 * `hint` is what the field could take instead: the sum of every item for "sum", the largest for "each"),
 * or null when `s` has no count and no list of items (the plain parser reads it).
 * Units are those of `kind.one`; a bare figure is in its stored unit. Two readings of one form that give
 * different figures ("2x10" for a crane: 2 cranes of 10 t, or 10 of 2 t?) are a "count" problem.
 */
export function readCounted(
  s: string,
  kind: CountedKind,
): { ok: true; value: number } | { ok: false; problem: CountProblem; hint?: number } | null {
  const en = englishCounted(fold(s).replace(/\s+/g, " ").trim(), kind);
  if (en === "count") return { ok: false, problem: "count" };
  if (en) return { ok: true, value: countedTotal(kind.combine, en.n, en.size) };
  // The item's names go wherever they stand: "2台500kva变压器", "10吨行车2台".
  const text = fold(s).replace(kind.item, " ").replace(/\s+/g, " ").trim();
  const parts = text.split(LIST_SEP).filter((p) => p !== "");
  if (parts.length < 2 && !ANY_COUNT.test(text)) return null;
  if (COUNT_RANGE.test(text)) return { ok: false, problem: "count" };
  const items: { n: number; size: number }[] = [];
  for (const part of parts) {
    const readings = new Map<number, { n: number; size: number }>();
    let badCount = false; // a size read beside a count that is none: 0台, 100台
    for (const form of COUNTED_FORMS) {
      const g = form.exec(part)?.groups;
      if (!g) continue;
      const n = readCount(g.n);
      const size = kind.one(g.size);
      if (size === null || size <= 0) continue;
      if (n === null) badCount = true;
      else readings.set(countedTotal(kind.combine, n, size), { n, size });
    }
    if (readings.size > 1 || (readings.size === 0 && badCount)) return { ok: false, problem: "count" };
    const [reading] = readings.values();
    if (reading) {
      items.push(reading);
      continue;
    }
    const single = kind.one(part);
    if (single !== null && single > 0) items.push({ n: 1, size: single });
    else if (ANY_COUNT.test(part)) return { ok: false, problem: "countOnly" };
    else return null;
  }
  const sizes = new Set(items.map((i) => i.size));
  const total = items.reduce((sum, i) => sum + countedTotal(kind.combine, i.n, i.size), 0);
  if (sizes.size > 1) return { ok: false, problem: "sizes", hint: kind.combine === "sum" ? clean(total) : Math.max(...sizes) };
  return { ok: true, value: kind.combine === "sum" ? clean(total) : items[0].size };
}

/** A figure of `kind`, counted or plain; null when it is neither (or counted with a problem). */
function readFigure(s: string, kind: CountedKind): number | null {
  const counted = readCounted(s, kind);
  if (counted === null) return kind.one(s);
  return counted.ok ? counted.value : null;
}

function clean(n: number): number {
  return Number(n.toPrecision(15));
}
