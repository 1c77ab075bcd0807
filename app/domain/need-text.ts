import { parseArea } from "./area";
import { parseChineseNumber, toHalfWidth } from "./numbers";
import { parseCeilingM, parseCraneT, parseFloorLoadKg, parsePowerKva } from "./units";

/**
 * Free-text assist: reads a requirement as people write or say it ("需要单层厂房五千平左右，层高9米以上，
 * 配电1000千伏安，要有10吨行车") and proposes need fields. It only suggests: the caller decides what to
 * fill, so when a phrase is ambiguous we prefer extracting nothing over extracting something wrong.
 */
export type NeedHints = {
  kind?: "factory" | "land" | "office" | "warehouse";
  deal?: "lease" | "buy" | "either";
  areaMinSqm?: number;
  areaMaxSqm?: number;
  ceilingMinM?: number;
  floorLoadMinKg?: number;
  powerMinKva?: number;
  craneMinT?: number;
  singleStorey?: boolean;
};

/** `text` is the snippet of the original input the value came from (shown to staff as evidence). */
export type NeedHintFound = { field: keyof NeedHints; value: NeedHints[keyof NeedHints]; text: string };

// ---------------------------------------------------------------------------------------------
// Building blocks (regex sources). All matching runs on a half-width, ASCII-lower-cased copy whose
// positions equal the original's, so snippets are cut from what the person actually typed.

const CN = "零〇一二两俩三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億";
/**
 * One number token: Arabic (with , groups and decimals), Chinese numerals, or a mix (1.5万). The Arabic
 * part must end where the digits end, so a long digit run has exactly one way to match (no
 * catastrophic backtracking on "1111…1x"), and a token only starts where a run of number characters
 * starts, so a long run is scanned once rather than from each of its positions.
 */
const NUM = `(?<![0-9${CN}])(?:\\d+(?:,\\d{3})*(?:\\.\\d+)?(?!\\d)|[${CN}]|点(?=[0-9零〇一二两三四五六七八九]))+`;
/** Range separators: 3000-5000, 3000~5000, 三到五千, 3000 to 5000. */
const SEP = `\\s*(?:-|~|〜|—|–|到|至|\\bto\\b|\\band\\b)\\s*`;
/** Filler allowed between a keyword and its number ("层高要求不低于9米"); never digits or punctuation. */
const GAP = `[^0-9${CN}，。；;,!?！？、\\n]{0,8}?`;
/** Trailing "or more" words, only so that the quoted snippet reads naturally. */
const OR_MORE = `(?:\\s*(?:及以上|或以上|以上|起|\\+|or more|or above))?`;

const AREA_UNIT =
  "(?:平方公里|平方公尺|平方米|平方|平米|平(?![台均整衡安价])|方(?![面案向便式法位圆可协])|㎡|m2|m²|sqm|sq\\.?\\s?m\\b\\.?" +
  "|square\\s+met(?:er|re)s?|亩|mu\\b|公顷|hectares?|ha\\b|km2|km²)";
const CEILING_UNIT = "(?:米|公尺|毫米|厘米|mm|cm|m(?![a-z0-9²]))";
const MASS_UNIT = "(?:吨|公斤|千克|kg|tons?\\b|-?\\s?tons?\\b|t(?![a-z]))";
const PER_AREA = "(?:\\s*(?:/|每)\\s*(?:平方米|平米|平方|平|㎡|m2|m²|sqm))";
const POWER_UNIT = "(?:千伏安|kva|mva|兆伏安|千瓦(?!时)|kw(?!h)|兆瓦(?!时)|mw(?!h))";
const CRANE_WORD = "(?:行车|吊车|天车|航吊|行吊|桥吊|龙门吊|起重机|overhead\\s+crane|cranes?\\b)";

/** `low…high unit` (unit optional on the low end) or `value unit`; named groups lo, loU, hi, v, u. */
function quantity(unit: string, unitOptional = false): string {
  const q = unitOptional ? "?" : "";
  return `(?:(?<lo>${NUM})\\s*(?<loU>${unit})?${SEP}(?<hi>${NUM})\\s*(?<hiU>${unit})${q}|(?<v>${NUM})\\s*(?<u>${unit})${q})`;
}

// ---------------------------------------------------------------------------------------------
// Number tokens

const MAGNITUDE = /[十拾百佰千仟万萬亿億]+$/;
const MAG_VALUE: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1e3, 仟: 1e3, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
/** "两三千", "七八千", "三五千": two neighbouring digits + magnitude are a spoken range. */
const PAIR = /^([一二两三四五六七八九])([二三四五六七八九])([十百千万]+)$/;
const PAIR_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function magnitudeOf(tok: string): number {
  const m = MAGNITUDE.exec(tok);
  return m ? [...m[0]].reduce((p, c) => p * MAG_VALUE[c], 1) : 1;
}

/**
 * A token as [low, high]. Greedy tokens may swallow a preceding word ("统一五千" → "一五千"), so when the
 * whole token is not a number its longest numeric tail is used.
 */
function readToken(raw: string): [number, number] | null {
  const tok = raw.replace(/[,.]+$/, "");
  const pair = PAIR.exec(tok);
  if (pair) {
    const a = PAIR_DIGIT[pair[1]];
    const b = PAIR_DIGIT[pair[2]];
    if (b === a + 1 || (a === 3 && b === 5)) {
      const mag = magnitudeOf(pair[3]);
      return [a * mag, b * mag];
    }
  }
  // Real numbers are short; bounding the tail search keeps junk input ("一一一…") cheap.
  for (let i = Math.max(0, tok.length - 24); i < tok.length; i++) {
    const n = parseChineseNumber(tok.slice(i));
    if (n !== null) return [n, n];
  }
  return null;
}

/**
 * A range whose magnitude is only written once: "三到五千" = 3000–5000, "3-5万" = 30000–50000. The low end
 * borrows the high end's magnitude only when it has none and the result stays ≤ high ("5000-1万" keeps 5000).
 */
function readRange(loTok: string, hiTok: string, borrow: boolean): [number, number] | null {
  const hi = readToken(hiTok);
  const lo = readToken(loTok);
  if (!hi || !lo) return null;
  let low = lo[0];
  const mag = magnitudeOf(hiTok.replace(/[,.]+$/, ""));
  if (borrow && mag > 1 && !MAGNITUDE.test(loTok) && low * mag <= hi[1]) low *= mag;
  return [low, hi[1]];
}

type Groups = Record<string, string | undefined>;

/**
 * Numbers (each in its own unit's scale) + the unit texts from a `quantity()` match. The low end of a
 * range takes the high end's unit unless it has its own ("30亩-2万平").
 */
function readQuantity(g: Groups): { lo: number; hi: number; loUnit: string; unit: string } | null {
  if (g.v !== undefined) {
    const r = readToken(g.v);
    return r && { lo: r[0], hi: r[1], loUnit: g.u ?? "", unit: g.u ?? "" };
  }
  const unit = g.hiU ?? g.loU ?? "";
  const r = readRange(g.lo!, g.hi!, g.loU === undefined);
  return r && { lo: r[0], hi: r[1], loUnit: g.loU ?? unit, unit };
}

/** Converts "value unit" with one of the units.ts parsers (they own unit semantics). */
function convert(n: number, unit: string, parse: (s: string) => number | null): number | null {
  return parse(`${n}${unit.replace(/^-\s*/, "").replace(/\s*(\/|每)\s*/g, "$1")}`);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Keyword fields

const KIND_WORDS: Array<[NonNullable<NeedHints["kind"]>, RegExp]> = [
  ["factory", /厂房|车间|工厂|生产基地|\bfactor(?:y|ies)\b|\bplants?\b|\bworkshops?\b/g],
  ["land", /土地|用地|地块|拿地|摘牌|\bland\b|\bplots?\b/g],
  ["office", /办公|写字楼|\boffices?\b/g],
  ["warehouse", /仓库|仓储|物流|库房|冷库|\bwarehouses?\b|\bstorage\b|\blogistics\b/g],
];

/** 采购 (procurement) and 购物 are not purchases of property. */
const LEASE_WORDS = /租|\brent(?:al|ing)?\b|\bleas(?:e|ing)\b/g;
const BUY_WORDS = /买|(?<!采)购(?!物)|出售|租售|拿地|摘牌|\bbuy(?:ing)?\b|\bpurchas(?:e|ing)\b/g;

const SINGLE_STOREY = /单层|(?<![第每])一层|single[-\s]?stor(?:e)?y|one[-\s]?stor(?:e)?y|single[-\s]?floor/g;
const MULTI_STOREY = /多层|multi[-\s]?stor(?:e)?y|multistor(?:e)?y/g;

function firstMatch(re: RegExp, s: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(s);
}

// ---------------------------------------------------------------------------------------------

type Span = [number, number];

class Extraction {
  readonly hints: NeedHints = {};
  readonly found: NeedHintFound[] = [];
  private readonly claimed: Span[] = [];

  constructor(
    readonly original: string,
    readonly s: string,
  ) {}

  set<K extends keyof NeedHints>(field: K, value: NeedHints[K], span: Span): void {
    this.hints[field] = value;
    this.found.push({ field, value, text: this.original.slice(span[0], span[1]).trim() });
  }

  claim(span: Span): void {
    this.claimed.push(span);
  }

  isClaimed([a, b]: Span): boolean {
    return this.claimed.some(([c, d]) => a < d && c < b);
  }

  /** First match of `re` whose number span is unclaimed and that `accept` takes. */
  each(re: RegExp, accept: (m: RegExpExecArray, numSpan: Span) => boolean): void {
    re.lastIndex = 0;
    for (let m = re.exec(this.s); m; m = re.exec(this.s)) {
      const numSpan = numberSpan(m);
      if (!this.isClaimed(numSpan) && accept(m, numSpan)) return;
      // Resume after this number: restarting inside it would read "12000" as "2000".
      re.lastIndex = Math.max(m.index + 1, numSpan[1]);
    }
  }
}

/** Where the numbers of a match are (named group `q` wraps them; regexes use the `d` flag). */
function numberSpan(m: RegExpExecArray): Span {
  const q = m.indices?.groups?.q;
  return q ? [q[0], q[1]] : [m.index, m.index + m[0].length];
}

// Crane first: "10吨行车" must never become a floor load or anything else.
const CRANE_BEFORE = new RegExp(
  `(?<q>${quantity(MASS_UNIT)})\\s*(?:的|级)?\\s*(?:桥式|门式|单梁|双梁)?\\s*${CRANE_WORD}`,
  "gd",
);
const CRANE_AFTER = new RegExp(
  `${CRANE_WORD}(?:[^0-9${CN}，。；;,!?！？、\\n]|[0-9${CN}]+\\s*[台部个座套])` + `{0,8}?(?<q>${quantity(MASS_UNIT)})${OR_MORE}`,
  "gd",
);

const LOAD_KEYWORD =
  "(?:楼面荷载|地面荷载|地坪荷载|地面承重|地坪承重|楼板承重|楼面承重|承重|荷载|载荷|floor\\s+load(?:ing)?|load(?:ing)?\\s+capacity)";
const LOAD_AFTER_KEYWORD = new RegExp(`${LOAD_KEYWORD}${GAP}(?<q>${quantity(`${MASS_UNIT}${PER_AREA}?`)})${OR_MORE}`, "gd");
/** A mass per area is a floor load wherever it appears ("地面3吨/㎡"). */
const LOAD_PER_AREA = new RegExp(`(?<q>${quantity(`${MASS_UNIT}${PER_AREA}`)})${OR_MORE}`, "gd");
const FOLLOWED_BY_CRANE = new RegExp(`^\\s*(?:的|级)?\\s*${CRANE_WORD}`);

const POWER_KEYWORD = "(?:配电|电力|用电|变压器|电容|供电|负荷|电量|容量|\\bpower\\b|electricity|transformer)";
const POWER_AFTER_KEYWORD = new RegExp(`${POWER_KEYWORD}${GAP}(?<q>${quantity(POWER_UNIT)})${OR_MORE}`, "gd");
/** kVA is unambiguous on its own; kW without a keyword may be a machine's rating, so it needs one. */
const POWER_KVA = new RegExp(`(?<q>${quantity("(?:千伏安|kva|mva|兆伏安)")})${OR_MORE}`, "gd");

const CEILING_KEYWORD = "(?:层高|净高|檐高|檐口高度?|挑高|ceiling(?:\\s+height)?|clear\\s+height)";
const CEILING_AFTER_KEYWORD = new RegExp(`${CEILING_KEYWORD}${GAP}(?<q>${quantity(CEILING_UNIT, true)})${OR_MORE}`, "gd");
const CEILING_BEFORE_KEYWORD = new RegExp(`(?<q>${quantity(CEILING_UNIT)})${OR_MORE}\\s*(?:的)?\\s*(?:${CEILING_KEYWORD}|高|ceiling|high)`, "gd");
/** "层高不超过6米" is a limit, not a minimum: leave it to a human. */
const MAX_WORDS = /不超过|不高于|不大于|最多|以下|以内|至多|at most|no more than|max/;

// Area: prefix and suffix qualifiers decide which bounds a single value sets.
const AREA_RE = new RegExp(`(?<q>${quantity(`(?:(?:多|余)\\s*)?${AREA_UNIT}`)})`, "gd");
const AREA_KEYWORD_BARE = new RegExp(
  `(?:面积|建筑面积|占地|\\barea\\b)${GAP}(?<q>${quantity(AREA_UNIT, true)})(?![0-9${CN}])`,
  "gd",
);
const PREFIX = new RegExp(
  "(?:(?<min>不少于|不低于|不小于|至少|最少|起码|最低|大于|超过|多于|≥|>=|>|(?<![a-z])(?:at least|min(?:imum)?\\.?|over|more than|above|from))" +
    "|(?<max>不超过|不大于|不高于|最多|至多|小于|低于|少于|≤|<=|<|(?<![a-z])(?:at most|up to|no more than|max(?:imum)?\\.?|under|below|less than|within))" +
    "|(?<about>大约|大概|约|差不多|~|(?<![a-z])(?:approx(?:imately|\\.)?|about|around|roughly)))" +
    "\\s*(?:要|需要|需|为|是|在|达到)?\\s*$",
);
const SUFFIX =
  /^\s*(?:的)?\s*(?:(?<about>左右|上下|附近|approx(?:imately|\.)?)|(?<min>及以上|或以上|以上|起|\+|or more|or above|and above|and up|plus)|(?<max>以内|之内|以下|内|or less|or below|or under|max))/;

// ---------------------------------------------------------------------------------------------

export function parseNeedText(text: string): { hints: NeedHints; found: NeedHintFound[] } {
  // toHalfWidth maps 1:1 and the lower-casing is ASCII-only, so indices match `text`.
  const s = toHalfWidth(text).replace(/[A-Z]/g, (c) => c.toLowerCase());
  const x = new Extraction(text, s);

  extractKind(x);
  extractDeal(x);
  extractStorey(x);
  extractCrane(x);
  extractFloorLoad(x);
  extractPower(x);
  extractCeiling(x);
  extractArea(x);

  return { hints: x.hints, found: x.found };
}

/** The kind named first wins: "厂房带办公" is a factory with some office space. */
function extractKind(x: Extraction): void {
  let best: { kind: NonNullable<NeedHints["kind"]>; m: RegExpExecArray } | null = null;
  for (const [kind, re] of KIND_WORDS) {
    const m = firstMatch(re, x.s);
    if (m && (!best || m.index < best.m.index)) best = { kind, m };
  }
  if (best) x.set("kind", best.kind, [best.m.index, best.m.index + best.m[0].length]);
}

function extractDeal(x: Extraction): void {
  const lease = firstMatch(LEASE_WORDS, x.s);
  const buy = firstMatch(BUY_WORDS, x.s);
  // "租售" mentions both on purpose; the buy list carries it so that it lands on "either".
  if (lease && buy) {
    const a = Math.min(lease.index, buy.index);
    const b = Math.max(lease.index + lease[0].length, buy.index + buy[0].length);
    x.set("deal", "either", [a, b]);
  } else if (lease) x.set("deal", "lease", [lease.index, lease.index + lease[0].length]);
  else if (buy) x.set("deal", "buy", [buy.index, buy.index + buy[0].length]);
}

/**
 * Any mention of 多层 means single storey is not a hard requirement, even next to 单层 ("单层多层均可"):
 * a wrong `true` would silently exclude spaces, a wrong `false` only filters less.
 */
function extractStorey(x: Extraction): void {
  const multi = firstMatch(MULTI_STOREY, x.s);
  if (multi) return x.set("singleStorey", false, [multi.index, multi.index + multi[0].length]);
  const single = firstMatch(SINGLE_STOREY, x.s);
  if (single) x.set("singleStorey", true, [single.index, single.index + single[0].length]);
}

/** For every "…Min" figure a range means "at least the low end". */
function extractMin(
  x: Extraction,
  res: RegExp[],
  field: "craneMinT" | "floorLoadMinKg" | "powerMinKva" | "ceilingMinM",
  parse: (s: string) => number | null,
  extra?: (m: RegExpExecArray, numSpan: Span) => boolean,
): void {
  for (const re of res) {
    if (x.hints[field] !== undefined) return;
    x.each(re, (m, numSpan) => {
      if (extra && !extra(m, numSpan)) return false;
      const q = readQuantity(m.groups as Groups);
      const lo = q && convert(q.lo, q.loUnit, parse);
      const hi = q && convert(q.hi, q.unit, parse);
      if (lo === null || hi === null) return false;
      const v = Math.min(lo, hi);
      if (v <= 0) return false;
      x.set(field, round2(v), [m.index, m.index + m[0].length]);
      x.claim(numSpan);
      return true;
    });
  }
}

function extractCrane(x: Extraction): void {
  extractMin(x, [CRANE_BEFORE, CRANE_AFTER], "craneMinT", parseCraneT);
}

function extractFloorLoad(x: Extraction): void {
  // "承重10吨行车" is a crane's lifting capacity: skip a mass that a crane word follows.
  const notCrane = (_m: RegExpExecArray, [, end]: Span) => !FOLLOWED_BY_CRANE.test(x.s.slice(end));
  extractMin(x, [LOAD_AFTER_KEYWORD, LOAD_PER_AREA], "floorLoadMinKg", parseFloorLoadKg, notCrane);
}

function extractPower(x: Extraction): void {
  extractMin(x, [POWER_AFTER_KEYWORD, POWER_KVA], "powerMinKva", parsePowerKva);
}

function extractCeiling(x: Extraction): void {
  const notMax = (m: RegExpExecArray) => !MAX_WORDS.test(m[0]);
  extractMin(x, [CEILING_AFTER_KEYWORD, CEILING_BEFORE_KEYWORD], "ceilingMinM", parseCeilingM, notMax);
}

/**
 * The first area mention wins. A range sets both bounds; a single value sets both unless a qualifier
 * says otherwise: 左右/约 (about) = ±10%, 以上/至少/起 = min only, 以内/不超过 = max only, 五千多 = min.
 */
function extractArea(x: Extraction): void {
  const tryRe = (re: RegExp) =>
    x.each(re, (m, numSpan) => {
      const g = m.groups as Groups;
      const before = x.s.slice(Math.max(0, numSpan[0] - 12), numSpan[0]);
      if (/第\s*$/.test(before)) return false; // 第三方 is an ordinal, not 3 ㎡
      const q = readQuantity(g);
      if (!q) return false;
      const unit = q.unit.replace(/^(?:多|余)\s*/, "");
      const more = unit !== q.unit;
      const perUnit = parseArea(`1${unit}`, "sqm");
      const perLoUnit = parseArea(`1${q.loUnit.replace(/^(?:多|余)\s*/, "")}`, "sqm");
      if (perUnit === null || perLoUnit === null) return false;
      let lo: number | undefined = q.lo * perLoUnit;
      let hi: number | undefined = q.hi * perUnit;
      if (!(hi > 0)) return false;
      // "5000-3000平": the person means the same range, just written backwards.
      if (lo > hi) [lo, hi] = [hi, lo];

      let start = m.index;
      let end = m.index + m[0].length;
      if (g.v !== undefined && q.lo === q.hi) {
        const pre = PREFIX.exec(before);
        const post = SUFFIX.exec(x.s.slice(end));
        const qual = post?.groups ?? pre?.groups;
        if (pre) start = numSpan[0] - pre[0].length;
        if (post) end += post[0].length;
        if (qual?.about) {
          // 左右 / 约 = "about": we read it as ±10% so the match search has a range to work with.
          lo = (q.lo * perUnit * 9) / 10;
          hi = (q.lo * perUnit * 11) / 10;
        } else if (qual?.min || more) hi = undefined;
        else if (qual?.max) lo = undefined;
      }
      if (lo !== undefined) x.set("areaMinSqm", round2(lo), [start, end]);
      if (hi !== undefined) x.set("areaMaxSqm", round2(hi), [start, end]);
      x.claim(numSpan);
      return true;
    });
  tryRe(AREA_RE);
  if (x.hints.areaMinSqm === undefined && x.hints.areaMaxSqm === undefined) tryRe(AREA_KEYWORD_BARE);
}
