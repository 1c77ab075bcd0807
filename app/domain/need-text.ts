import { parseArea } from "./area";
import { needBesideWish } from "./area-wish-beside";
import { type Comparison, comparisonAfter, comparisonBefore, INFIX_ABOUT, INFIX_MORE, infixComparison } from "./comparison";
import { maskContactNumbers } from "./contact-numbers";
import { ENGLISH_AREA_FIGURE, englishFigure } from "./english-figures";
import { FIELD_LIMITS } from "./field-limits";
import { foldText } from "./fold-text";
import { isPastMoveInMonth, readMoveIn } from "./move-in";
import { parseChineseNumber, parseNumberRange } from "./numbers";
import { readingWork } from "./reading-work";
import { extractRentPerArea } from "./rent-per-area";
import { saidEnough } from "./said-enough";
import { UNCLEAR_DIGITS, unclearFigureReader } from "./unclear-figures";
import {
  COUNT_SOURCE,
  COUNTED,
  type CountedKind,
  EN_COUNT_TOKEN,
  parseCeilingM,
  parseCraneT,
  parseFloorLoadKg,
  parsePowerKva,
  readCount,
  readCounted,
} from "./units";

/**
 * Free-text assist: reads a requirement as people write or say it ("需要单层厂房五千平左右，层高9米以上，
 * 配电1000千伏安，要有10吨行车") and proposes need fields. It only suggests: the caller decides what to
 * fill, so when a phrase is ambiguous we prefer extracting nothing over extracting something wrong.
 */
const NEED_KINDS = ["factory", "land", "office", "warehouse"] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export type NeedHints = {
  kind?: NeedKind;
  deal?: "lease" | "buy" | "either";
  areaMinSqm?: number;
  areaMaxSqm?: number;
  ceilingMinM?: number;
  floorLoadMinKg?: number;
  powerMinKva?: number;
  craneMinT?: number;
  singleStorey?: boolean;
  /** "YYYY-MM" (move-in.ts readMoveIn); read only when the caller gives the clock. */
  moveInBy?: string;
  /** The expected annual tax in 万元 ("年纳税三百万", "预计纳税500万/年"): tax.annualTaxWan, not a need field. */
  annualTaxWan?: number;
  /**
   * The planned investment and the expected annual output in 万元 ("投资5000-8000万": 5000, "预计投资1亿元": 10000, "年产值5000万"):
   * tax.investmentWan and tax.annualOutputWan, not need fields — a blank box is filled, as the tax's is (docs/decisions/203).
   */
  investmentWan?: number;
  annualOutputWan?: number;
  /** The count the area's figure was each unit's of, 2–99 ("3栋厂房，每栋5000平": 3; eachCount, docs/decisions/130). */
  unitCount?: number;
  /**
   * Each unit's bounds as the notes said them, beside `unitCount` (the area is the total): "每栋5000平" 4500–5500 even when
   * a total is said apart ("…，共16000平"), "一栋3000平一栋5000平" 3000–5000 (docs/decisions/141). Not a field: a typed count
   * the notes' count contradicts takes this size, times the box's count (need-assist.ts planAssist, docs/decisions/135).
   */
  unitAreaMinSqm?: number;
  unitAreaMaxSqm?: number;
};

/** `text` is the snippet of the original input the value came from (shown to staff as evidence). */
export type NeedHintFound = { field: keyof NeedHints; value: NeedHints[keyof NeedHints]; text: string };

// ---------------------------------------------------------------------------------------------
// Building blocks (regex sources). All matching runs on the folded text (fold-text.ts: Simplified,
// half-width, one dash and one tilde, lower-case); its position map cuts snippets from what the person
// actually typed.

const CN = "零〇一二两俩三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億";
/**
 * One number token: Arabic (with , groups and decimals), Chinese numerals, or a mix (1.5万). The Arabic
 * part must end where the digits end, so a long digit run has exactly one way to match (no
 * catastrophic backtracking on "1111…1x"), and a token only starts where a run of number characters
 * starts, so a long run is scanned once rather than from each of its positions. A decimal 点 joins digits
 * of one script (1点5, 一点五), never 一点 and Arabic digits: "面积大一点5000平" is "a bit bigger, 5000 ㎡",
 * not 1.5 ㎡ (attack of 2026-12-04, 28-H1).
 */
export const NUM = `(?<![0-9${CN}几数])(?:\\d+(?:,\\d{3})*(?:\\.\\d+)?(?!\\d)|十几|[${CN}]|(?<=[0-9])点(?=[0-9])|(?<=[零〇一二两俩三四五六七八九十百千万拾佰仟萬])点(?=[零〇一二两三四五六七八九]))+`;
/** Range separators: 3000-5000, 3000~5000, 三到五千, 3000 to 5000 (every dash and tilde is folded to - and ~). */
const SEP = `\\s*(?:-|~|到|至|\\bto\\b|\\band\\b)\\s*`;
/** Filler allowed between a keyword and its number ("层高要求不低于9米"); never digits or punctuation. */
export const GAP = `[^0-9${CN}，。；;,!?！？、\\n]{0,8}?`;
/** Trailing comparison words, so that the quoted snippet reads naturally (their meaning: comparison.ts). */
export const OR_MORE = `(?:\\s*(?:及以上|或以上|以上|起|\\+|or more|or above|及以下|或以下|以下|以内|之内|左右|上下))?`;

const AREA_UNIT =
  "(?:平方英尺|平方公里|平方公尺|平方米|平方|平米|平(?![台均整衡安价])|方(?![面案向便式法位圆可协])|㎡|m2|m²|sqm|sq\\.?\\s?ft\\b|sqft|square\\s+feet|sq\\.?\\s?m\\b\\.?" +
  "|square\\s+met(?:er|re)s?|sq\\s+feet|square\\s+foot|ft2|ft²|英亩|亩|mu\\b|公顷|hectares?|ha\\b|acres?\\b|km2|km²)";
/**
 * 米 or m with a part after it, read by the fields' reader (units.ts readCeiling, ADR 076): a spoken tenth
 * or half ("8米5", "8m5", "8米半" = 8.5 m), centimetres ("8m50", "8米25"), or what it refuses ("8m05"; then
 * the figure is reported) — never the start of another figure ("层高8米5000平"), never ㎡ ("8m2").
 */
const METRE_PART = "(?:[0-9]+|[一二三四五六七八九半])(?![0-9.点十百千万吨t平米方亩a-z²])";
const CEILING_UNIT = `(?:米(?:${METRE_PART})?|公尺|毫米|厘米|英尺|mm|cm|ft\\b|feet\\b|foot\\b|m(?:(?!2(?![0-9]))${METRE_PART})?(?![a-z0-9²]))`;
const MASS_UNIT = "(?:吨|公斤|千克|kg|tons?\\b|-?\\s?tons?\\b|t(?![a-z]))";
const PER_AREA = "(?:\\s*(?:/|每)\\s*(?:平方米|平米|平方|平|㎡|m2|m²|sqm))";
const POWER_UNIT = "(?:千伏安|kva|mva|兆伏安|千瓦(?!时)|kw(?!h)|兆瓦(?!时)|mw(?!h))";
const CRANE_WORD = "(?:行车|吊车|天车|航吊|行吊|桥吊|龙门吊|起重机|overhead\\s+crane|cranes?\\b)";

/** `low…high unit` (unit optional on the low end) or `value unit`; named groups lo, loU, hi, v, u. */
function quantity(unit: string, unitOptional = false): string {
  const q = unitOptional ? "?" : "";
  const half = unitOptional ? "" : "(?<half>半)?";
  // A lone 半 before a unit is half of it ("半亩", "半吨"), as numbers.ts parseQuantity reads it.
  const v = unitOptional ? NUM : `${NUM}|(?<![0-9${CN}])半`;
  return `(?:(?<lo>${NUM})\\s*(?<loU>${unit})?${SEP}(?<hi>${NUM})\\s*(?<hiU>${unit})${q}|(?<v>${v})\\s*(?<u>${unit})${q}${half})`;
}

// ---------------------------------------------------------------------------------------------
// Number tokens

const MAGNITUDE = /[十拾百佰千仟万萬亿億]+$/;
const MAG_VALUE: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1e3, 仟: 1e3, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

function magnitudeOf(tok: string): number {
  const m = MAGNITUDE.exec(tok);
  return m ? [...m[0]].reduce((p, c) => p * MAG_VALUE[c], 1) : 1;
}

/**
 * A token as [low, high] (numbers.ts parseNumberRange: spoken ranges such as 一千五六百 or 七八 give two
 * ends). Greedy tokens may swallow a preceding word ("统一五千" → "一五千"), so when the whole token is not
 * a number its longest numeric tail is used.
 */
function readToken(raw: string): [number, number] | null {
  const tok = raw.replace(/[,.]+$/, "");
  // Real numbers are short; bounding the tail search keeps junk input ("一一一…") cheap.
  for (let i = Math.max(0, tok.length - 24); i < tok.length; i++) {
    const r = parseNumberRange(tok.slice(i));
    if (r !== null) return r;
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
    const r: [number, number] | null = g.v === "半" ? [0.5, 0.5] : readToken(g.v);
    const half = g.half ? 0.5 : 0; // "十八亩半" = 18.5 亩
    return r && { lo: r[0] + half, hi: r[1] + half, loUnit: g.u ?? "", unit: g.u ?? "" };
  }
  const unit = g.hiU ?? g.loU ?? "";
  const r = readRange(g.lo!, g.hi!, g.loU === undefined);
  // "8-9米5": the tenth belongs to the high end only.
  return r && { lo: r[0], hi: r[1], loUnit: g.loU ?? unit.replace(/^(米|m).+$/, "$1"), unit };
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
  ["land", /土地|用地|地块|拿地|买地|购地|(?<=亩)地|摘牌|\bland\b|\bplots?\b/g],
  ["office", /办公|写字楼|\boffices?\b/g],
  // The parts of a warehouse people name on their own (常温库, 冷冻库, 立体库 …: docs/decisions/117).
  [
    "warehouse",
    /仓库|仓储|物流|库房|(?:冷|常温|恒温|低温|冷藏|冷冻|阴凉|干货|危险品|危化品|化学品|立体|高架|保税|成品|原料|原材料|备件|中转|平|楼)库|\bwarehouses?\b|\bstorage\b|\blogistics\b|\bcold\s+stores?\b/g,
  ],
];

/**
 * The words of `kind` in `notes` ("厂房", "车间" for a factory), as typed: what the kind box already says, so a clause is read
 * by them as by a figure (notes-clauses-not-read.ts; "10亩地，3000平厂房" on a factory lead listed "3000平厂房" as not read when
 * the kind reader had taken the plot's 地 first). [] for no kind or another word.
 */
export function kindWordTexts(notes: string, kind: string | undefined): string[] {
  const re = KIND_WORDS.find(([k]) => k === kind)?.[1];
  // A copy: matchAll starts at the shared pattern's lastIndex, which the kind reader's loop leaves where it stopped.
  return re ? [...notes.matchAll(new RegExp(re))].map((m) => m[0]) : [];
}

/** 采购 (procurement) and 购物 are not purchases of property; 租售 names both on purpose. */
export const LEASE_WORDS = /租(?!售)|\brent(?:al|ing)?\b|\bleas(?:e|ing)\b/g;
export const BUY_WORDS = /购买|买|(?<!采)购(?!物)|出售|拿地|摘牌|\bbuy(?:ing)?\b|\bpurchas(?:e|ing)\b/g;
export const EITHER_WORDS =
  /租售|租买|买租|可租可(?:售|买)|租或(?:售|买)|(?:租|买)不(?:租|买)都(?:行|可以)|\blease or buy\b|\brent or buy\b|\bbuy or (?:rent|lease)\b/g;
/** A negation right before a deal word: 只买不租, 不考虑购买, 不想租, no buying. */
export const DEAL_NEGATION = /(?:不|不要|不想|不考虑|不接受|不能|无需|不用|不打算|\bno\b|\bnot\b|\bwithout\b)\s*(?:考虑)?\s*$/;

const SINGLE_STOREY =
  /单层|(?<![第每0-9二两三四五六七八九十])一层(?!\s*(?:做|作|用|是|为|放|办|生|仓|车间|层高|面积|高|有|[0-9]))|single[-\s]?stor(?:e)?y|one[-\s]?stor(?:e)?y|single[-\s]?floor/g;
/** A comparator after 不 ("不要超过", "不能低于"): a comparison (comparison.ts), not a negation of the need. */
const COMPARATOR = "(?:低于|少于|小于|短于|矮于|超过|高于|大于|多于|超出)";
/**
 * The words that say something is not needed — ONE list (docs/decisions/138) for a building figure (NEGATION_BEFORE,
 * ITEM_NOT_BEFORE) and an area (RULED_OUT_BEFORE): 不需要, 无需, 用不到, 暂不需要, 没必要…
 */
const NOT_NEEDED_WORDS = "(?:暂时?|目前|现在|先)?(?:不需要|不需|无需|无须|不用|用不到|用不着|不必|没必要(?:要)?)";
/** A comparison that starts with a not-needed word: "不需要大于5000平", "暂不需要超过…" (docs/decisions/139). */
const NOT_NEEDED_FIRST = new RegExp(`^${NOT_NEEDED_WORDS}`);
/** …and in English: "no need for", "don't need". */
const EN_NOT_NEEDED = "\\b(?:(?:do\\s+not|don't|dont|doesn't|does\\s+not|no)\\s+need|no\\s+need\\s+for)";
/** Words that say a requirement is none, right before it: 不要求单层, 不需要10吨行车, 可以不是单层, 没有…也行. */
const NEGATION_BEFORE = new RegExp(
  `(?:不要求|${NOT_NEEDED_WORDS}|免|不一定(?:要|需要|得)?|可以不(?:要|用|是)?|不是|并非|非|没有|无|不限|不考虑|不要(?!\\s*${COMPARATOR})|${EN_NOT_NEEDED}(?:\\s+(?:a|an|any))?|\\bwithout(?:\\s+(?:a|an|any))?)\\s*(?:有|是|带)?\\s*$`,
  "i",
);
/** …between a figure's keyword and its figure: 层高不要求9米, 承重不用3吨, 配电不需要1000千伏安. */
const NEGATION_INSIDE = /不要求|不需要|不用|无需|不必|不一定/;
/** …right after it, ending its clause: 单层不是必须的, 5吨行车不需要, 行车可有可无 (not "8米以上不需要行车": that is the crane's). */
const NEGATION_AFTER =
  /^\s*(?:的)?\s*(?:(?:也|都|就)?\s*(?:不需要|不要求|不用|不必|不是必须|不是必需|非必须|非必需|不一定要?|可有可无|无所谓|可以没有|没有也(?:行|可以)|有没有都(?:行|可以)|用不到|用不着|没必要|不要|不想要|(?:暂|暂时|先)?不(?:予|作|做)?考虑|不行|不接受|不合适|免谈|算了)\s*(?:的|了|啊|哈|呢|哦|喔|噢|呀|啦|吧|嘛|～|~)*|\s*(?:(?:is|are)\s+)?(?:not\s+(?:necessary|needed|required|wanted|an\s+option)|unnecessary|optional|no[-\s]go)\b)\s*(?:[，。；;,!?！？、\n.]|$|(?=\s|谢谢))/i;
/** A wish, not a requirement: 最好单层, 尽量单层, 单层优先 — never a hard filter. */
const PREFERENCE_BEFORE = /(?:最好|尽量|尽可能|优先|希望|倾向于?)\s*(?:是|要)?\s*$/;
const PREFERENCE_AFTER = /^\s*(?:的)?\s*(?:优先|更好|最好|为佳|为宜|更佳)/;
/**
 * A wish said right after a figure's words in other words (docs/decisions/153): in brackets ("（非必须）", "（可选）", "（有更好）"), 可选,
 * 不强求, or a clause of its own that says it would be better to have it ("，有的话更好", "，如果有就更好了", "，能有最好") — the figure is
 * wished for, never a filter.
 */
const WISH_AFTER_ZH =
  /^\s*(?:[(（]\s*(?:非必须|非必需|可选|选配|不强求|有更好|有最好|有的话更好|如有更好|优先)\s*[)）]|(?:可选|选配|不强求)(?=\s*(?:[，,。；;!！\n]|$))|[，,]\s*(?:如果|若)?\s*(?:能)?有(?:的话)?\s*(?:就|则)?\s*(?:更好|最好|为佳|更佳)(?:了|啦)?\s*(?:[，,。；;!！\n]|$)|[，,]\s*如有(?:更好|最好|为佳)\s*(?:[，,。；;!！\n]|$))/;
/** Wish words right before a figure's words ("最好有10吨行车", "尽量能有1000千伏安"), or after them ("…更好"). Not 希望: "希望层高9米" is how a requirement is asked politely. */
const PREFERENCE_BEFORE_FIGURE =
  /(?:最好|尽量|尽可能|如果?能|可以的话|\b(?:ideally|preferably|optionally|if\s+possible|(?:we|i)?\s*(?:would|'d)?\s*prefer)\b)\s*(?:(?:是|要|有|能有|能|可以有|带有|带|配有|配备|配|附带|\b(?:with|have|has|having|a|an|some)\b)\s*){0,3}$/i;
/** The same wish after a figure's words, in English ("10t crane would be nice", "crane 10t preferred", "(optional)"). */
const PREFERENCE_AFTER_EN =
  /^\s*[(（]?\s*(?:would\s+be\s+(?:nice|good|great|better|ideal|preferred|a\s+plus)|is\s+a\s+plus|a\s+plus|nice\s+to\s+have|preferred|preferably|ideally|if\s+possible|optional(?:ly)?|if\s+available|where\s+possible|(?:is\s+)?a\s+bonus|not\s+a\s+must|(?:is\s+)?desirable)\b/i;
/**
 * Whether the figure around [a, b) is wished for, not required (ADR 097; trial 12-05f: "最好带行车（10t）" was a hard
 * 行车 ≥ 10 t, and English had no wish words at all): wish words before its words, with the verbs that join them
 * (有, 带, 配有, with, have …), between its keyword and figure ("承重最好3吨"), or after it ("…更好", "would be nice").
 */
function wished(s: string, [a, b]: Span, figureStart: number): boolean {
  return (
    PREFERENCE_BEFORE_FIGURE.test(s.slice(Math.max(0, a - 30), a)) ||
    /最好|尽量|尽可能|更好|为佳|\b(?:ideally|preferably)\b/i.test(s.slice(a, figureStart)) || // between the keyword and its figure: "承重最好3吨", "有行车更好（10吨）"
    PREFERENCE_AFTER.test(s.slice(b)) ||
    WISH_AFTER_ZH.test(s.slice(b, b + 24)) ||
    PREFERENCE_AFTER_EN.test(s.slice(b, b + 40))
  );
}
const MULTI_STOREY = /多层|双层|楼房|multi[-\s]?stor(?:e)?y|multistor(?:e)?y/g;
/** A storey count of two or more ("三层的厂房", "2层", "两层楼") is a multi-storey building, not 单层. */
const FLOOR_COUNT =
  /(?<![第每0-9一二两三四五六七八九十])(?:[二两三四五六七八九]|十[一二三四五六七八九]?|[2-9]|[1-9][0-9])\s*(?:层|楼)(?!\s*高|楼?\s*做)(?:楼|的|厂房|建筑|框架)?|\b(?:[2-9]|two|three|four|five)[-\s]stor(?:e)?y\b/g;

/**
 * What the enterprise has now, not what it wants (docs/decisions/101): a figure in a clause that says so
 * before it — 现有, 目前, 现在, 原来的, currently, existing … with no word of wanting (想, 要, 需, 找, 换,
 * want, need …) between that word and the figure ("目前需要3000平" is the need) — or right after it
 * (太大, 不够用, 换成/换到/扩到/缩到 …, "换3000平": "8000平换3000平", "从8000平换到3000平").
 */
const CURRENT_BEFORE =
  /现有|现在|目前|眼下|原来|原有|原先|以前|之前|去年|前年|曾经|(?:租|买)了|现租|现用|现厂|现址|已有|自有|\b(?:currently|existing|at\s+present|present|current|rented|leased|bought|had|last\s+year)\b/gi;
/**
 * English "now" is the premises' only before a figure wanted later in its sentence ("now 6m ceiling, need at least 8m",
 * docs/decisions/146); alone it is a newer figure ("now about 6000 sqm", ADR 109's NEWER_WORD).
 */
/**
 * The premises named as a clause's subject (Extraction.premisesTopic): 现有厂房, 我们现在的厂房, 目前的仓库, 我们有自己的厂房,
 * 自有厂房, "our existing plant" — not a wish to have one ("想有自己的厂房").
 */
const PREMISES_TOPIC =
  /(?:(?:现有|已有|现租|现用|原有|自有|(?<!想|要|希望|打算|准备|计划|需要)有\s*自己|自己\s*(?:已经?)?有)(?:的)?|(?:现在|目前|眼下|原来|原先|以前)\s*(?:的|用的|租的|有的|所在的|租用的))\s*(?:厂房|仓库|车间|厂区|工厂|厂|场地|办公室|库房)|\b(?:current|existing|present)\s+(?:premises|plant|factory|warehouse|site|building|facility|workshop)\b/i;
/** The premises said too small, too low or not enough (attack 12-05h H4): the figure after is the wish, not theirs. */
const PREMISES_SHORT =
  /(?:太|偏|有点|有些|比较|稍|略)(?:小|矮|低|窄|挤)|(?<![大高宽])[小矮窄挤]了|不(?:太|大)?够|放不下|挤不下|装不下|容纳不下|摆不下|满了|饱和|不足|(?:不能|无法)满足|\btoo\s+(?:small|low|cramped|tight|narrow)\b|\bnot\s+(?:\w+\s+)?enough\b|\bno\s+longer\s+(?:\w+\s+)?enough\b|\b(?:outgrown|insufficient)\b|\b(?:is|are)\s+full\b|\bout\s+of\s+space\b/i;
const NOW_HAD = /\b(?:now|right\s+now|at\s+the\s+moment)\b/gi;
const WANTED_LATER = new RegExp(`\\b(?:need|want|require|looking\\s+for)\\b[^.;!?\\n]{0,40}?(?<n>${NUM})`, "i");
const UNIT_AT = new RegExp(`^(?:${NUM})\\s*([a-z]+|[^\\sa-z0-9])?`, "i");
/** The unit written after the number that starts `t` ("6m ceiling" → "m", "5000 sqm" → "sqm"), "" when none. */
function unitAt(t: string): string {
  return UNIT_AT.exec(t)?.[1] ?? "";
}
const WANT_BEFORE =
  /想|要|需|找|希望|计划|打算|准备|换|搬|扩|缩|新|求|考虑|\b(?:wants?|need(?:s|ed)?|looking|look|requir\w*|seek\w*|plan(?:s|ned|ning)?|mov\w*|relocat\w*|expand\w*|downsiz\w*|switch\w*|new)\b/gi;
const CURRENT_AFTER = new RegExp(
  `^\\s*(?:的)?\\s*(?:厂房|仓库|车间|办公室?|场地|面积)?\\s*(?:已经|有点|有些|实在)?\\s*(?:太大|太小|偏大|偏小|太矮|太低|偏矮|偏低|不够高|不够用?|用不完|太挤|放不下|不够大|(?:换|调整?|缩小?|扩大?|扩充|变)(?:成|到|为|至)|换(?=\\s*(?:${NUM}))|is\\s+too\\b|too\\s+(?:big|small|large|low)\\b|(?:is\\s+)?not\\s+enough\\b)`,
  "i",
);
/**
 * "moving from 8000 to 3000 sqm", "想换厂房，从8000平到3000平", "面积由8000平降到3000平": a change's range is from
 * what was to what is wanted. The verb of change may stand in an earlier clause of the same sentence
 * (docs/decisions/109); words that make it a range after all ("都可以", "之间") keep it a range.
 */
const CHANGE_FROM =
  /(?:换|搬|扩|缩|调|改|变|降|减|\b(?:mov\w*|relocat\w*|downsiz\w*|expand\w*|switch\w*|chang\w*|go(?:es|ing)?)\b)[^。；;!?！？\n]*?(?:从|由|\bfrom\b)\s*$/i;
const RANGE_AFTER = /^\s*(?:的)?\s*(?:之间|以内|范围|都(?:可以|行|能)|均可|皆可|都ok|也行|\b(?:is\s+fine|either|both)\b)/i;

/**
 * A mind changed in the notes (docs/decisions/109): of two figures for one field, the newer is the need,
 * the older neither a bound nor a doubt. A figure is the older one when
 * - its clause says "before" ahead of it (原来, 原先, 本来, 起初, 一开始, 原计划; 之前/以前/先前 opening the
 *   clause; was, previously, originally …) and a later clause says "now" or "changed" with a figure after
 *   it (现在, 后来, 改成, 调整, 其实, now, instead, changed …): "原来要5000平，现在要3000平",
 *   "was 5000 sqm, now 3000" — with no later figure, "原来要5000平" stays the need, as before;
 * - 原 stands right before it ("面积改为3000平（原5000平）", "原为8米");
 * - the words right after it drop or change it ("5000平不要了", "5000平改成3000平", "500kva提高到1000kva",
 *   "8米→10米") — ADR 101's CURRENT_AFTER has the words of moving (换成, 调整为, 缩到…);
 * - the words right after it correct it with a figure ("5000平?不，3000平": CORRECTED_AFTER, docs/decisions/146).
 */
const NOW_WORDS = /^(?:现在|目前|眼下|currently|at\s+present|present|current)$/i;
const OLD_BEFORE =
  /原来|原先|原本|本来|起初|一开始|最初|原计划|原定|上次|^\s*(?:我们|我|他们|他|她|客户|企业|对方|公司|面积|层高|配电|承重|行车|纳税|年纳税)?\s*(?:之前|以前|先前)|\b(?:was|were|previously|originally|initially|earlier|used\s+to)\b/i;
const NEWER_WORD =
  "(?:现在|现(?=需|要|改)|如今|眼下|目前|后来|最新|改(?:成|为|到|了|作)?|调整|变(?:成|为)|更正|更改|修改|其实|实际上?|\\b(?:now|instead|changed?|revised?|updated?|actually)\\b)";
const NEWER_LATER = new RegExp(`${NEWER_WORD}[^，。；;,!?！？、\\n]{0,12}?${NUM}`, "i");
const ORIGINAL_RIGHT_BEFORE = /(?<![来先本有])原(?:为|是|定|计划|要|需要?)?\s*$/;
const DROPPED_OR_CHANGED_AFTER =
  /^\s*(?:的)?\s*(?:(?:也|就|都)?\s*(?:不要了|不用了|不需要了|不行了|算了|取消了?|作废了?|不考虑了|太多了|太大了|太小了)|改(?:成|为|到)|降(?:到|为|至|成)|减(?:到|为|至|成|少到)|增加?(?:到|为|至)|提高?(?:到|为|至)|加到|→|-?>(?!\s*(?:建筑面积|面积|占地|area\b))|\b(?:changed\s+to|is\s+no\s+longer|no\s+longer)\b)/i;
/**
 * A figure corrected as it is typed (docs/decisions/146): right after it, a word that takes it back — 不 (standing alone:
 * "?不，"), 不对, 错了, 说错了, 打错了, 不是，(是), 更正, 纠正, "no,", "sorry", "I mean", "correction", "typo:" — in brackets, after a
 * semicolon or a blank too ("5000平（打错了，3000平）", "5000平 不是 是3000平": docs/decisions/146, amended) — and then a figure: "面积5000平?不，3000平",
 * "层高8米，不，10米", "5000 sqm, sorry, 3000 sqm", "5000 sqm - I mean 3000". The figure after it is the newer (ADR 109's rule).
 * Not "5000平，不是3000平" (not that one: 3000 is refused, ADR 112), nor "5000平，不要行车" (no figure right after).
 */
const CORRECTED_AFTER = new RegExp(
  `^\\s*(?:[?？!！.。…]\\s*){0,3}(?:[，,；;\\-—–(（【\\[]\\s*)?(?:哦|噢|呃|额|啊)?\\s*(?:不对|错了|说错了|打错了|写错了|搞错了|更正|纠正|改正|订正|不好意思|抱歉|对不起|不是(?=\\s*[，,:：。.!！;；]|\\s*是)|不(?:\\s*不){0,3}(?=\\s*[，,!！。.\\s])|\\b(?:no\\s+)?wait\\b|\\b(?:typo|edit)\\b(?=\\s*[,，:：.!！\\-—–])|\\b(?:no|nope)\\b(?=\\s*[,，:：.!！\\-—–])|\\b(?:sorry|oops|correction|i\\s+meant?|scratch\\s+that|actually)\\b|笔误|口误|应为|应该是)\\s*(?:吧|啊|呀|哈)?\\s*(?:[，,:：.。!！\\-—–]\\s*){0,3}(?:应该是|应是|应为|是|要|改为|大概|大约|约|\\b(?:it's|its|it\\s+is|i\\s+meant?|make\\s+(?:it|that))\\b)?\\s*(?=${NUM})`,
  "i",
);
/** The figure that replaces an older one, after a "now" word: "was 5000 sqm, now 3000" (its unit may be left out). */
const REPLACEMENT = new RegExp(`${NEWER_WORD}\\s*(?:的)?\\s*(?:要|是|为|需要?|说|想要?|成|到)?\\s*(?<n>${NUM})`, "gdi");
/** A number with nothing of its own after it: it takes the unit of the figure it replaces. */
const BARE_AFTER =
  /^\s*(?:$|[，。；;,!?！？、\n)）]|左右|上下|以上|以下|以内|就够|就行|即可|足够|差不多|\b(?:is\s+enough|will\s+do|or\s+so|is\s+fine)\b)/i;

// ---------------------------------------------------------------------------------------------
// Figures that are no requirement (docs/decisions/110): what the enterprise has of its own or at its
// present site, and items the notes say are not needed anywhere in the sentence.

/**
 * Why a figure read from the notes is kept out of the need: "own" (自带, 自己有, 原厂房 …, and ADR 101's 现有),
 * "notNeeded" (不需要行车 …), "otherUse" (an area tied to another use than the lead's kind: "1000平办公楼" on
 * a factory lead, docs/decisions/112).
 */
export type SetAsideWhy = "own" | "notNeeded" | "otherUse" | "ruledOut";

/**
 * Words before a figure, in its clause, that make it the enterprise's own equipment or its present site's
 * ("我们自己有10吨行车", "有自己的变压器800kva", "自带变压器800kva", "原厂房层高12米") — unless a word of
 * wanting follows them (WANT_BEFORE: "自己有变压器，但要800kva" is another clause; "自有1000kva还需要500kva" the need).
 */
const OWN_BEFORE =
  /自带|自己带|自己有|自己的|自有|自备|自配|我们有|我司有|已经有|已有|已配|原厂房?|原址|原车间|老厂房?|旧厂房?|\b(?:our\s+own|we\s+(?:already\s+)?have|(?:we|they)\s+bring)\b/gi;
/** …or right after it: "10吨行车我们自己有", "800kva变压器自带", "行车10吨自备". */
const OWN_AFTER =
  /^\s*(?:的)?\s*(?:变压器|行车|吊车|天车|起重机|设备)?\s*(?:我们|我司|企业|公司)?\s*(?:自己有|自己带|自带|自备|自有|自己解决|自己配|已经有了?|已有)/;

function ownScope(s: string, clauseStart: number, a: number, end: number): boolean {
  if (OWN_AFTER.test(s.slice(end, end + 12))) return true;
  const before = s.slice(clauseStart, a);
  let own = -1;
  for (const m of before.matchAll(OWN_BEFORE)) own = m.index + m[0].length;
  if (own < 0) return false;
  return ![...before.matchAll(WANT_BEFORE)].some((m) => m.index >= own);
}

/** The words that name each item a …Min figure measures, as the readers below find them. */
const ITEM_WORDS: Record<MinField, string> = {
  craneMinT: "(?:行车|吊车|天车|航吊|行吊|桥吊|龙门吊|起重机|起重设备|crane)",
  ceilingMinM: "(?:层高|楼高|净高|檐高|檐口高度?|挑高|高度|ceiling(?:\\s+height)?|clear\\s+height)",
  powerMinKva: "(?:配电|电力|用电(?!话)|变压器|供电|电容|电量|容量|负荷|power|electricity|transformer)",
  floorLoadMinKg: "(?:楼面荷载|地面荷载|地坪荷载|承重|荷载|载荷|floor\\s+load)",
};
/** Saying an item is not needed, before its name: 不需要行车, 不用园区配电, 不要求层高, 无需额外的变压器. Never 没有 alone: "现在没有行车，需要10吨行车". */
const ITEM_NOT_BEFORE = `(?:${NOT_NEEDED_WORDS}|不要求|没要求|没有要求|可以没有|不要(?!\\s*${COMPARATOR})|\\bno\\b|${EN_NOT_NEEDED}\\b)`;
/** …or after it, ending its clause: 行车不需要, 层高不要求, 层高没要求, 配电无所谓, 行车可有可无, crane not needed. */
const ITEM_NOT_AFTER =
  "(?:不需要|不需|不要求|没要求|没有要求|无要求|不限|无所谓|不用|不必|不是必须的?|非必须|可有可无|不重要|没有也(?:行|可以)|\\s*[:：]\\s*(?:无|不需要)|\\s+(?:not\\s+(?:needed|required)|optional))";
const itemNegations = new Map<MinField, RegExp>();

/**
 * Whether the sentence holding position `a` (up to 。；!?… — commas do not end it) says the item of `field`
 * is not needed, in words of its own without a figure ("不需要行车，我们自己有10吨行车", "自带变压器800kva，
 * 不用园区配电"). A figure of that item in the sentence is then no requirement, whatever scope it has.
 */
function itemNegated(s: string, field: MinField, a: number): boolean {
  let re = itemNegations.get(field);
  if (!re) {
    const item = ITEM_WORDS[field];
    // Not past a degree ("不用太大的变压器，500kva就够" needs one) nor another storey word ("不要求单层层高…").
    // Nor past a joiner: "不需要行车和层高8米以上" says no crane, and a ceiling (docs/decisions/139).
    const filler = `(?:(?!太|很|特别|那么|这么|过大|过高|多大|多高|和|及|与|以及|跟)[^0-9${CN}层，。；;,!?！？、\\n]){0,6}?`;
    const ends = "(?:的|了|啊|呢|哈)?\\s*(?:[，。；;,!?！？、\\n]|$)";
    re = new RegExp(`${ITEM_NOT_BEFORE}\\s*${filler}${item}|${item}\\s*(?:的)?\\s*(?:也|都)?\\s*${ITEM_NOT_AFTER}${ends}`, "i");
    itemNegations.set(field, re);
  }
  return re.test(s.slice(sentenceStart(s, a), sentenceEnd(s, a)));
}

// ---------------------------------------------------------------------------------------------

export type Span = [number, number];

export class Extraction {
  readonly hints: NeedHints = {};
  readonly found: NeedHintFound[] = [];
  readonly unread: Span[] = [];
  /** Those of `unread` that are area figures ("几千平", "3亿平"). */
  readonly unreadArea: Span[] = [];
  /** Budget, rent and price words (no field holds them), as spans: read out to the recruiter. */
  readonly budget: Span[] = [];
  /** Figures read but kept out of the need, and why (docs/decisions/110): told to the recruiter as readings. */
  readonly setAside: { span: Span; why: SetAsideWhy }[] = [];
  private readonly claimed: Span[] = [];
  /**
   * The words of an area read as a ceiling only, from a refusal of the side above ("6000平以上的车间，太大了，不用" = at most
   * 6000, no lower bound said): stored, and told — the size needed was not said (docs/decisions/132).
   */
  readonly ceilingOnly: string[] = [];
  /** The words of units of different sizes ("一栋3000平一栋5000平"): stored as the count, each unit between the sizes, and told (docs/decisions/141). */
  readonly unitSizes: string[] = [];
  /** Figures wished for, not required ("最好带行车（10t）", "ideally a 10t crane"): never a filter, said apart (docs/decisions/153). */
  readonly wishes: Span[] = [];

  constructor(
    readonly original: string,
    readonly s: string,
    private readonly at: number[],
    /** The need's kind as chosen (need.kind), which an area figure's use word is held against (docs/decisions/112). */
    readonly leadKind?: NeedKind,
  ) {}

  /** What the person typed for a span of the folded text. */
  snippet([a, b]: Span): string {
    return this.original.slice(this.at[a], this.at[b]).trim();
  }

  set<K extends keyof NeedHints>(field: K, value: NeedHints[K], span: Span): void {
    this.hints[field] = value;
    this.found.push({ field, value, text: this.snippet(span) });
  }

  claim(span: Span): void {
    this.claimed.push(span);
  }

  /**
   * Whether the requirement at `span` (its keyword and figure, as matched) is said not to be one: a
   * negation right before it ("不要求单层", "不需要10吨行车", "可以不是单层"), between its keyword and
   * figure ("层高不要求9米", "承重不用3吨") or right after it ("单层不是必须的", "5吨行车不需要"), in its
   * clause. Comparisons built on a negation ("不低于", "不要超过") are not negations: comparison.ts reads them.
   */
  negated([a, b]: Span): boolean {
    const clauseStart = this.clauseStart(a);
    return (
      NEGATION_BEFORE.test(this.s.slice(Math.max(clauseStart, a - 16), a)) ||
      NEGATION_INSIDE.test(this.s.slice(a, b)) ||
      NEGATION_AFTER.test(this.s.slice(b, b + 28))
    );
  }

  /**
   * Whether the figure at `[a, b]` (its match ending at `end`) describes the premises the enterprise has now
   * (CURRENT_BEFORE, CURRENT_AFTER): "现有厂房8000平太大" — never the need (docs/decisions/101).
   */
  current([a]: Span, end: number): boolean {
    if (CURRENT_AFTER.test(this.s.slice(end, end + 16))) return true;
    const start = this.clauseStart(a);
    const before = this.s.slice(start, a);
    let cur = -1;
    let word = "";
    for (const m of before.matchAll(CURRENT_BEFORE)) [cur, word] = [m.index + m[0].length, m[0]];
    // "现有厂房，层高6米，需要8米": the premises named in a clause of their own before, the figures after them theirs.
    // "现有厂房大了，3000平就够": a figure said to be enough is what the enterprise needs, whatever the premises were called
    // (said-enough.ts, docs/decisions/161).
    if (cur < 0 && !saidEnough(this.s.slice(end, end + 24)) && this.premisesTopic(start)) cur = 0;
    if (cur < 0) {
      for (const m of before.matchAll(NOW_HAD)) cur = m.index + m[0].length;
      // …of the same unit: "now 5000 sqm, need 8m ceiling" says the area wanted now — in its sentence or the next
      // ("now 6m ceiling\nneed at least 8m", "now 6m ceiling; need at least 8m": docs/decisions/146, amended).
      const end1 = sentenceEnd(this.s, end);
      const later = WANTED_LATER.exec(this.s.slice(end, end1 < this.s.length ? sentenceEnd(this.s, end1 + 1) : end1));
      if (cur < 0 || !later || unitAt(this.s.slice(a)) !== unitAt(later.groups!.n + this.s.slice(end + later.index + later[0].length)))
        return false;
    }
    // "原来年纳税500万，现在年纳税300万": after a clause of the past with a figure, "now" is the newer figure (ADR 109).
    if (NOW_WORDS.test(word) && new RegExp(`(?:${OLD_BEFORE.source})[^。；;!?！？\\n]*?${NUM}`, "i").test(this.s.slice(0, start)))
      return false;
    return ![...before.matchAll(WANT_BEFORE)].some((m) => m.index >= cur);
  }

  /**
   * Whether a clause before the one starting at `clauseStart`, in its sentence, names the premises the enterprise has with
   * no figure of its own ("现有厂房，", "我们现在的厂房在浦口，", "our existing plant:") and no word of wanting stands between
   * (PREMISES_TOPIC, WANT_BEFORE): the figures said after it are the premises' (docs/decisions/146, amended). Two clauses back at most.
   */
  premisesTopic(clauseStart: number): boolean {
    // Across commas and line breaks ("现有厂房\n层高6米\n需要8米"), never a full stop. A clause of the premises' own figure
    // with no word of wanting is passed ("现有厂房，面积3000平，层高6米，需要…": both figures theirs — attack 12-05h H7), so
    // up to four clauses back; one that calls the premises too small or too low ends it: what follows is the wish (H4).
    for (let c = clauseStart, i = 0; i < 4 && c > 0 && !/[。；;!?！？]/.test(this.s[c - 1]); i++) {
      const prev = this.clauseStart(c - 1);
      const text = this.s.slice(prev, c - 1);
      const topic = PREMISES_TOPIC.exec(text);
      const want = [...text.matchAll(WANT_BEFORE)].map((m) => m.index);
      if (PREMISES_SHORT.test(text.slice(topic?.index ?? 0))) return false;
      if (/[0-9]/.test(text) && (topic || want.length || i >= 2)) return false;
      if (topic) return !want.some((w) => w >= topic.index);
      if (want.length) return false;
      c = prev;
    }
    return false;
  }

  /**
   * Whether the figure at `[a, b]` (its match ending at `end`) is one the notes take back for a newer one
   * (OLD_BEFORE with NEWER_LATER, ORIGINAL_RIGHT_BEFORE, DROPPED_OR_CHANGED_AFTER; docs/decisions/109).
   */
  earlier([a]: Span, end: number): boolean {
    if (ORIGINAL_RIGHT_BEFORE.test(this.s.slice(Math.max(this.clauseStart(a), a - 5), a))) return true;
    if (DROPPED_OR_CHANGED_AFTER.test(this.s.slice(end, end + 16))) return true;
    if (this.correction(end) !== null) return true;
    return OLD_BEFORE.test(this.s.slice(this.clauseStart(a), a)) && NEWER_LATER.test(this.s.slice(end));
  }

  /**
   * Where the figure after a correction of the figure ending at `end` starts ("5000平以上?不，3000平以上": past the
   * comparison said after it), or null when no correction follows (CORRECTED_AFTER, docs/decisions/146).
   */
  correction(end: number): number | null {
    const from = end + (comparisonAfter(this.s.slice(end, end + 16))?.length ?? 0);
    const c = CORRECTED_AFTER.exec(this.s.slice(from, from + 32));
    return c ? from + c[0].length : null;
  }

  /**
   * The number that replaces an older figure ending at `end`, when it is written bare ("was 5000 sqm,
   * now 3000", "原来说年纳税500万，现在300万"): its span and the text right after it (the reader decides
   * whether that is a unit of its own). Null when no "now" word with a number follows.
   */
  replacement(end: number): { numSpan: Span; after: string } | null {
    // "5000平?不，3000": the figure right after a correction (docs/decisions/146).
    const c = this.correction(end);
    const n = c === null ? null : new RegExp(NUM).exec(this.s.slice(c));
    if (c !== null && n?.index === 0) {
      const numSpan: Span = [c, c + n[0].length];
      return this.isClaimed(numSpan) ? null : { numSpan, after: this.s.slice(numSpan[1], numSpan[1] + 16) };
    }
    REPLACEMENT.lastIndex = end;
    const m = REPLACEMENT.exec(this.s);
    const at = m?.indices?.groups?.n;
    if (!m || !at || this.isClaimed([at[0], at[1]])) return null;
    return { numSpan: [at[0], at[1]], after: this.s.slice(at[1], at[1] + 16) };
  }

  /** Whether the figure's clause speaks of the past while the notes give a newer figure somewhere (for the report of unread figures). */
  olderThanTheNotes([a]: Span): boolean {
    const start = this.clauseStart(a);
    const newer = new RegExp(NEWER_WORD, "i");
    return OLD_BEFORE.test(this.s.slice(start, a)) && (newer.test(this.s.slice(0, start)) || newer.test(this.s.slice(a)));
  }

  clauseStart(a: number): number {
    return marksOf(this.s).clause[a];
  }

  /**
   * A figure read but kept out of the need (docs/decisions/110): the enterprise has it of its own or at its
   * present site ("own"), or the notes say the item is not needed ("notNeeded"). Its whole clause goes to
   * the recruiter as a reading; the figure is claimed, so it is not reported as unread too.
   */
  putAside(span: Span, numSpan: Span, why: SetAsideWhy): void {
    this.setAside.push({ span: this.clauseOf(span), why });
    this.claim(numSpan);
  }

  /** The words set aside holding `span` end at `end` (the rest of their clause is read: docs/decisions/146). */
  endAside(span: Span, end: number): void {
    for (const f of this.setAside) if (f.span[0] <= span[0] && f.span[1] >= span[1] && f.span[1] > end) f.span = [f.span[0], end];
  }

  /** The clause holding `[a, b]`, from the mark before it to the mark after it. */
  clauseOf([a, b]: Span): Span {
    const end = /[，。；;,!?！？、\n]/.exec(this.s.slice(b))?.index;
    return [this.clauseStart(a), end === undefined ? this.s.length : b + end];
  }

  /** A figure set aside with the words at `span` only (a clause may hold two figures: "1000平办公楼+5000平厂房"). */
  putAsideWords(span: Span, numSpan: Span, why: SetAsideWhy): void {
    this.setAside.push({ span, why });
    this.claim(numSpan);
  }

  /** Drops what was found for `field` (an accepted "4000平以下也行" opens the lower side: docs/decisions/112, amended). */
  unset(field: keyof NeedHints): void {
    delete this.hints[field];
    const i = this.found.findIndex((f) => f.field === field);
    if (i >= 0) this.found.splice(i, 1);
  }

  /** Replaces what was found for `field` (the area's bounds read again with a second figure: "至少5000平，最多一万平"). */
  reset(field: keyof NeedHints, value: NeedHints[keyof NeedHints], span: Span): void {
    const i = this.found.findIndex((f) => f.field === field);
    if (i >= 0) this.found.splice(i, 1);
    this.set(field, value as never, span);
  }

  /** Why the figure of `field` at `around` (its number at `whole`) is no requirement, or null: setAsideWhy (docs/decisions/110). */
  asideWhy(field: MinField | "area", whole: Span, around: Span, end: number): SetAsideWhy | null {
    if (this.current(whole, end) || ownScope(this.s, this.clauseStart(around[0]), around[0], around[1])) return "own";
    if (field !== "area" && (this.negated(around) || itemNegated(this.s, field, around[0]))) return "notNeeded";
    return null;
  }

  /**
   * A figure the parser saw but will not use: told to the recruiter, never guessed. `area`: it is an area
   * figure — once a person has typed the area boxes, the notes' doubt about it is no longer said
   * (need-assist.ts planAssist, docs/decisions/117).
   */
  reject(span: Span, numSpan: Span, area = false): void {
    this.unread.push(span);
    if (area) this.unreadArea.push(span);
    this.claim(numSpan);
  }

  /** A figure wished for (wished(), ADR 097): claimed, no field filled, its words said as a wish — not as unread (docs/decisions/153). */
  wish(span: Span, numSpan: Span): void {
    this.wishes.push(span);
    this.claim(numSpan);
  }

  isClaimed([a, b]: Span): boolean {
    return this.claimed.some(([c, d]) => a < d && c < b);
  }

  /** Matches of `re` in order whose number span is unclaimed, until `accept` takes one. */
  each(re: RegExp, accept: (m: RegExpExecArray, numSpan: Span) => boolean): void {
    re.lastIndex = 0;
    for (let m = re.exec(this.s); m; m = re.exec(this.s)) {
      const numSpan = numberSpan(m);
      if (!this.isClaimed(numSpan) && accept(m, numSpan)) return;
      // Resume after this number: restarting inside it would read "12000" as "2000".
      re.lastIndex = Math.max(m.index + 1, numSpan[1]);
    }
  }

  /** The comparison around a number: the words of its clause before it, and right after its match. */
  qualifier(numSpan: Span, end: number): { cmp: Comparison | null; start: number; end: number } {
    const clause = this.s
      .slice(Math.max(0, numSpan[0] - 24), numSpan[0])
      .split(/[，。；;,!?！？、\n]/)
      .pop()!;
    const pre = comparisonBefore(clause);
    const after = comparisonAfter(this.s.slice(end));
    // "area min 5000 sqm max ceiling 12 m": a limit word before another field's word that contradicts the one said before the
    // figure is that field's, never this figure's other side (attack 12-05h H10).
    const post = after?.fieldNext && pre && pre.cmp !== after.cmp ? null : after;
    // The word after the figure is closer to it and wins ("至少…5000平以内" is contradictory anyway).
    return {
      cmp: post?.cmp ?? pre?.cmp ?? null,
      start: pre ? numSpan[0] - pre.length : numSpan[0],
      end: post ? end + post.length : end,
    };
  }
}

const CLAUSE_MARK = /[，。；;,!?！？、\n]/;
const SENTENCE_MARK = /[。；;!?！？\n]/;
let marks: { s: string; clause: Int32Array; sentence: Int32Array; sentenceEnd: Int32Array } | null = null;
/**
 * For each position of `s`: where its clause starts, where its sentence starts and ends — worked out once for the text
 * being read, so that each look-up is one step (a search of the text before each figure made a 2,000-character note's
 * reading quadratic: docs/decisions/128).
 */
function marksOf(s: string): NonNullable<typeof marks> {
  if (marks?.s === s) return marks;
  const n = s.length;
  const [clause, sentence, sentenceEnd] = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  for (let i = 1; i <= n; i++) {
    clause[i] = CLAUSE_MARK.test(s[i - 1]) ? i : clause[i - 1];
    sentence[i] = SENTENCE_MARK.test(s[i - 1]) ? i : sentence[i - 1];
  }
  sentenceEnd[n] = n;
  for (let i = n - 1; i >= 0; i--) sentenceEnd[i] = SENTENCE_MARK.test(s[i]) ? i : sentenceEnd[i + 1];
  return (marks = { s, clause, sentence, sentenceEnd });
}

/** Where the sentence holding position `a` starts (clauses joined by commas are one sentence). */
function sentenceStart(s: string, a: number): number {
  return marksOf(s).sentence[a];
}

/** Where the numbers of a match are (named group `q` wraps them; regexes use the `d` flag). */
function numberSpan(m: RegExpExecArray): Span {
  const q = m.indices?.groups?.q;
  return q ? [q[0], q[1]] : [m.index, m.index + m[0].length];
}

/**
 * English words of a minimum between an item and its figure, longer than GAP's 8 characters: "ceiling of at
 * least 8 m", "a crane with a capacity of at least 10 t" (trial 2026-12-05: read as nothing, and not told;
 * docs/decisions/133). Optional: the figure still follows within GAP.
 */
const EN_MIN_WORDS =
  "(?:\\s+(?:with\\s+)?(?:a\\s+)?(?:lifting\\s+)?capacity)?(?:\\s+(?:of|is|should\\s+be|must\\s+be))?" +
  "(?:\\s+(?:at\\s+least|no\\s+less\\s+than|not\\s+less\\s+than|a\\s+minimum\\s+of|minimum(?:\\s+of)?|min\\.?|more\\s+than|over|above))?";

// Crane first: "10吨行车" must never become a floor load or anything else. "16/3.2t" is main/auxiliary hook.
/** A crane's kind words may stack ("双梁桥式起重机", "电动单梁悬挂行车"). */
const CRANE_KIND = "(?:(?:桥式|门式|半门式|单梁|双梁|电动|悬挂|通用|吊钩)\\s*){0,3}";
const HOOKS = `(?<q>(?<v>${NUM})\\s*/\\s*${NUM}\\s*(?<u>${MASS_UNIT}))`;
const CRANE_HOOKS_BEFORE = new RegExp(`${HOOKS}\\s*(?:的|级)?\\s*${CRANE_KIND}${CRANE_WORD}`, "gd");
const CRANE_HOOKS_AFTER = new RegExp(`${CRANE_WORD}[^0-9${CN}，。；;,!?！？、\\n]{0,8}?${HOOKS}`, "gd");
const CRANE_BEFORE = new RegExp(`(?<q>${quantity(MASS_UNIT)})\\s*(?:的|级)?\\s*${CRANE_KIND}${CRANE_WORD}`, "gd");
const CRANE_AFTER = new RegExp(
  `${CRANE_WORD}${EN_MIN_WORDS}(?:[^0-9${CN}，。；;,!?！？、\\n]|[0-9${CN}]+\\s*[台部个座套])` +
    `{0,8}?(?<q>${quantity(MASS_UNIT)})${OR_MORE}`,
  "gd",
);

const LOAD_KEYWORD =
  "(?:楼面荷载|地面荷载|地坪荷载|地面承重|地坪承重|楼板承重|楼面承重|承重|荷载|载荷|floor\\s+load(?:ing)?|load(?:ing)?\\s+capacity)";
const LOAD_AFTER_KEYWORD = new RegExp(`${LOAD_KEYWORD}${GAP}(?<q>${quantity(`${MASS_UNIT}${PER_AREA}?`)})${OR_MORE}`, "gd");
/** A mass per area is a floor load wherever it appears ("地面3吨/㎡"). */
const LOAD_PER_AREA = new RegExp(`(?<q>${quantity(`${MASS_UNIT}${PER_AREA}`)})${OR_MORE}`, "gd");
const FOLLOWED_BY_CRANE = new RegExp(`^\\s*(?:的|级)?\\s*${CRANE_KIND}${CRANE_WORD}`);

/** 用电 never in 电话 ("备用电话13912345678" is a spare phone, not a power figure: docs/decisions/117). */
const POWER_KEYWORD = "(?:配电|电力|用电(?!话)|变压器|电容|供电|负荷|电量|容量|\\bpower\\b|electricity|transformer)";
/**
 * How many transformers of that size: "2台500kva变压器", "变压器2台500kva", "2×500kva", "500kva两台",
 * "630kva×2", "十二台630kva", "3套500kva" (groups count…count4). Built from the count grammar of the
 * fields (units.ts COUNT_SOURCE: 台/组/套/部/个, 1–99) and read by the fields' reader, readCounted
 * (extractMin): the notes read a count as the power field does (ADR 076). A count that belongs to what
 * follows ("500kva 2台10吨行车") or a time ("500kva三个月内") is not one.
 */
const { word: COUNT_WORD, times: TIMES, token: COUNT_TOKEN } = COUNT_SOURCE;
/** A count, or a range of counts that readCounted refuses ("2-3台", "两三台"): found whole, never its last half. */
const COUNT_OR_RANGE = `${COUNT_TOKEN}(?:\\s*[-~到至或]\\s*${COUNT_TOKEN})?`;
const COUNT =
  `(?:(?<![0-9.${CN}])(?<count>${COUNT_OR_RANGE})\\s*${COUNT_WORD}\\s*(?:的\\s*)?` + `|(?<![0-9.])(?<count2>[0-9]+)\\s*${TIMES}\\s*)`;
const COUNT_AFTER =
  `(?:\\s*${TIMES}\\s*(?<count3>[0-9]+)(?![0-9.])(?:\\s*${COUNT_WORD})?|\\s*(?<count4>${COUNT_TOKEN})\\s*${COUNT_WORD}` +
  "(?!\\s*(?:[0-9一二两三四五六七八九十]|行车|吊车|天车|航吊|行吊|起重|设备|机|月|小时|钟头|星期|礼拜|工作日|季度|人|平|亩|米)))";
/** Transformers counted with no size ("2台变压器"): the power field refuses them (countOnly); the notes tell the recruiter. */
/**
 * More transformers listed after one ("1台500kva和1台800kva", "500kva、800kva"): with the first, one figure
 * for readCounted — which refuses two sizes, as the power field does (the total is for the person to say).
 */
const MORE_POWER = new RegExp(
  `^(?:\\s*(?:和|加上|加|以及|及|与|、|\\+|&)\\s*(?:${COUNT_OR_RANGE}\\s*${COUNT_WORD}\\s*)?${NUM}\\s*${POWER_UNIT}` +
    `(?:\\s*${TIMES}\\s*[0-9]+(?![0-9.])|\\s*${COUNT_TOKEN}\\s*${COUNT_WORD}(?![0-9一二两三四五六七八九十]))?)+`,
);
const COUNT_ONLY_POWER = new RegExp(`(?<![0-9.${CN}])(?<q>${COUNT_TOKEN}\\s*${COUNT_WORD})\\s*(?:的)?\\s*(?:变压器|transformers?)`, "gd");
const POWER_AFTER_KEYWORD = new RegExp(`${POWER_KEYWORD}${GAP}(?<q>${COUNT}?${quantity(POWER_UNIT)}${COUNT_AFTER}?)${OR_MORE}`, "gd");
/**
 * Transformers counted in English (docs/decisions/173, trial37 M1): "2 transformers of 630 kVA", "two transformers rated
 * 630 kVA", "two 630 kVA transformers" — the count with the plural, read by readCounted as "2台630千伏安" is (1260 kVA).
 * Two expressions: quantity()'s groups are named once in each.
 */
const POWER_EN_COUNT_FIRST = new RegExp(
  `(?<![a-z0-9.])(?<q>(?<count5>${EN_COUNT_TOKEN})\\s+transformers\\s+(?:each\\s+)?(?:of|at|rated(?:\\s+at)?|with)\\s+${quantity(POWER_UNIT)})${OR_MORE}`,
  "gd",
);
const POWER_EN_SIZE_FIRST = new RegExp(
  `(?<![a-z0-9.])(?<q>(?<count5>${EN_COUNT_TOKEN})\\s+${quantity(POWER_UNIT)}\\s+transformers\\b)${OR_MORE}`,
  "gd",
);
/** kVA is unambiguous on its own; kW without a keyword may be a machine's rating, so it needs one. */
const POWER_KVA = new RegExp(`(?<q>${COUNT}?${quantity("(?:千伏安|kva|mva|兆伏安)")}${COUNT_AFTER}?)${OR_MORE}`, "gd");

const CEILING_KEYWORD = "(?:层高|楼高|净高|檐高|檐口高度?|挑高|ceiling(?:\\s+height)?|clear\\s+height)";
const CEILING_AFTER_KEYWORD = new RegExp(`${CEILING_KEYWORD}${EN_MIN_WORDS}${GAP}(?<q>${quantity(CEILING_UNIT, true)})${OR_MORE}`, "gd");
const CEILING_BEFORE_KEYWORD = new RegExp(
  `(?<q>${quantity(CEILING_UNIT)})${OR_MORE}\\s*(?:的)?\\s*(?:${CEILING_KEYWORD}|高|ceiling|high)`,
  "gd",
);

// Area.
/** Between figure and unit: 多/余 (at least) and 来/把 (about), comparison.ts INFIX_MORE / INFIX_ABOUT. */
const AREA_RE = new RegExp(`(?<q>${quantity(`(?:(?:${INFIX_MORE}|${INFIX_ABOUT})\\s*)?${AREA_UNIT}`)})`, "gd");
const AREA_KEYWORD_BARE = new RegExp(`(?:面积|建筑面积|占地|\\barea\\b)${GAP}(?<q>${quantity(AREA_UNIT, true)})(?![0-9${CN}])`, "gd");
/**
 * 方 is m³ after water, gas, discharge or capacity words ("日用水量200方", "年用气量100万方"): a volume, not an
 * area. Looked for in the same clause before the figure.
 */
const VOLUME_CONTEXT =
  /(?:用水|用气|排水|排污|污水|废水|水量|气量|蒸汽|天然气|产能|土方|混凝土|砼|方量|water|gas)[^，。；;,!?！？、\n]{0,8}$/;

/** Figures in a unit of ours that no extractor used: reported, never guessed. */
const ANY_FIGURE = new RegExp(
  `(?<q>(?:${NUM}|[几数]+[十百千万]+)\\s*(?:${AREA_UNIT}|${POWER_UNIT}|(?:吨|公斤|kg)${PER_AREA}?|(?:吨|t)\\s*(?:的|级)?\\s*${CRANE_WORD}))` +
    `|(?:${CEILING_KEYWORD}|${LOAD_KEYWORD}|${POWER_KEYWORD}|面积)${GAP}(?<q2>(?:${NUM}|[几数]+[十百千万]+)\\s*(?:${CEILING_UNIT}|${MASS_UNIT}|${POWER_UNIT}|${AREA_UNIT})?)`,
  "gd",
);

// ---------------------------------------------------------------------------------------------

/**
 * A reader of more in the notes, run after the need's figures on the same Extraction (their claims
 * seen): need-money.ts `extractMoney` — kept out of this module so the inquiry form's first load does
 * not carry it (ADR 041, 101); the schema and the desks pass it.
 */
export type NotesExtractor = (x: Extraction) => void;

/**
 * `hints`: fields read from the notes, always within the fields' own limits (field-limits.ts);
 * `found`: for each hint the words it came from, as typed; `unread`: figures seen but not used (out of
 * limits, an upper limit where a minimum is asked, unreadable like 几千平), as typed (`unreadArea`: those of
 * them that are area figures, docs/decisions/117); `setAside`: figures
 * read but no requirement, with why. `kind`: the need's kind as chosen (factory | land | office |
 * warehouse; anything else is none): an area figure tied to another use is set aside (docs/decisions/112).
 */
/**
 * An adjective, then 一点: "a bit …" (大一点, 多一点, 便宜一点, 早一点), read as 些许 (no numeral: "层高高一点" read 一些 as 1 m) — not the 高 of 层高 / 净高 / 檐高 …
 * nor the 重 of 承重, the 少 of 至少, the 多 of 最多 before a decimal in Chinese numerals ("层高一点五米", "承重一点五吨", "至少一点五亩" are
 * 1.5 m, 1.5 t, ≥ 1.5 亩, as "层高1.5米" is;
 * readers40: "承重一点五吨" was read as "承重一" and "五吨").
 */
const A_BIT =
  /(?<!(?:层|净|檐|楼|挑|屋|顶|限|承|荷|载|至|最|不)(?=[高重少多大小低]一点[零〇一二两三四五六七八九]))([大小多少高低快慢好宽窄长短远近贵宜早晚强重轻])一点/g;
/** 上, 过 or 破 before a magnitude alone and an area unit: "上万平" is ten thousand ㎡ and up (docs/decisions/128). */
const UPWARDS = /(?<![以加])[上过破](?=[百千万]\s*(?:[多余]\s*)?(?:平|亩|㎡))/g;

/** 一 or the long-vowel mark ー between two figures in digits: a dash typed with the Chinese keyboard (same length). */
/**
 * A k right after a figure, standing alone ("8k平", "8k sqm", "1.5k平", "8 k平"): a thousand — not a unit (kg, kva, kw, km, kv),
 * not inside a name ("abc8k"). The blank moves after 千 so that the text keeps its length (the map of positions stays).
 */
export const THOUSAND_K = /(?<![a-z0-9.])([0-9]+(?:\.[0-9]+)?)(\s?)k(?![a-z0-9])/g;
/**
 * Two figures with the area named between two signs ("5000<面积<8000平", "5000≤面积≤8000", "30‹面积‹50亩", "8000>面积>5000",
 * "5000 < area < 8000"; attack 12-05h H3; "5000=<面积=<8000", "5000‹面积>8000": docs/decisions/153): the range from the smaller
 * to the larger, rewritten as "面积 5000- 8000" (same length: the map of positions stays) so the area's range reader reads both.
 * The first figure may carry the second's unit ("5000平‹面积>8000平").
 */
const SIGN = "(?:<=|=<|≤|≦|⩽|<|‹|>=|=>|≥|≧|⩾|>|›)[\\uFE0E\\uFE0F]?";
const SIGN_RANGE = new RegExp(
  `(?<a>${NUM})(?<ua>[^\\S\\n]*(?:平方米|平米|平|㎡|sqm|m2|亩))?[^\\S\\n]*(?<s1>${SIGN})[^\\S\\n]*(?<w>建筑面积|面积|占地|area\\b)[^\\S\\n]*(?<s2>${SIGN})[^\\S\\n]*(?<b>${NUM})`,
  "gi",
);
/**
 * Signs of two directions ("5000‹面积>8000", "5000<面积>8000": one sign mistyped, docs/decisions/153) or of one direction against
 * the figures' order ("8000<面积<5000") still name the area between the two figures — nothing else two figures around the area
 * word can mean — so they are the range from the smaller to the larger too (the signs' literal reading, "at least 8000", dropped
 * the 5000 silently). Figures that are not plain digits keep the signs' order.
 */
function signRange(m: string, ...args: unknown[]): string {
  const g = args[args.length - 1] as Record<string, string>;
  const up = (sign: string) => /^(?:[<≤≦⩽‹]|=<)/.test(sign);
  // "5000平‹面积>8000亩": a unit on the first figure that is not the second's is no range of one unit.
  const after = g.ua ? (args[args.length - 2] as string).slice((args[args.length - 3] as number) + m.length).trimStart() : "";
  if (g.ua && !after.toLowerCase().startsWith(g.ua.trim().toLowerCase())) return m;
  const [x, y] = up(g.s1) ? [g.a, g.b] : [g.b, g.a];
  const plain = /^[0-9][0-9,]*(?:\.[0-9]+)?$/;
  const swap = plain.test(x) && plain.test(y) && Number(x.replace(/,/g, "")) > Number(y.replace(/,/g, ""));
  const [lo, hi] = swap ? [y, x] : [x, y];
  const head = `${g.w} ${lo}-`;
  return head + " ".repeat(Math.max(0, m.length - head.length - hi.length)) + hi;
}
/**
 * A Chinese comma typed as a thousands separator, the group after it starting with 0 ("面积>5，000平", "1，050平"; attack 12-05h
 * M6): no figure starts with 0, so it is one figure — read as "5,000" (same length). "630，800" stays two figures (ADR of b6df977c).
 */
const ZERO_GROUP = /(?<=(?<![0-9.,，])[0-9]{1,3}(?:[,，]0[0-9]{2})*)，(?=0[0-9]{2}(?![0-9]))/g;
const DASH_ONE = /(?<=[0-9](?:\.[0-9]+)?[千万]?)[一ー](?=[0-9])/g;
/**
 * …or between two figures in Chinese numerals of one magnitude ("三千一五千平", "一万一两万平", "五百一八百平"; docs/decisions/139):
 * 一 after a magnitude and before a numeral with the same magnitude is no numeral — 三千一 is 3100 only when nothing follows it
 * but its unit, and 一万一千 (11000) has the magnitude right after 一.
 */
const CN_DASH_ONE = /(?<=[一二两三四五六七八九十]([百千万]))[一ー](?=[一二两三四五六七八九十]\1)/g;
/** …or between two figures that each have the same area unit: "三亩一五亩", "3000平一5000平" (docs/decisions/139). */
const UNIT_DASH_ONE = /(?<=[0-9一二两三四五六七八九十百千万](亩|平|㎡))[一ー](?=[0-9.一二两三四五六七八九十百千万]+\1)/g;
/**
 * A figure a reader of ours would misread (docs/decisions/132): scientific notation ("1e400平" was read as 400 ㎡), a figure
 * that is not a number ("Infinity平", "NaN平", "∞平"), before a unit of ours. Told as unread, never read.
 */
const ODD_FIGURE = new RegExp(
  `(?<![a-z0-9.])(?<q>(?:[0-9]+(?:\\.[0-9]+)?\\s*e\\s*[+-]?\\s*[0-9]+|infinity|inf|nan|∞)\\s*(?<u>${AREA_UNIT}|${POWER_UNIT}|${MASS_UNIT}|${CEILING_UNIT}))`,
  "gdi",
);

/** Unclear digits (unclear-figures.ts UNCLEAR_DIGITS): the area boxes refuse them too (lead-schema.ts). */
export { UNCLEAR_DIGITS };
const UNCLEAR_AREA = new RegExp(`(?<![a-z0-9.,])(?<q>${UNCLEAR_DIGITS}\\s*(?:${AREA_UNIT}))`, "gdi");

/**
 * Unclear digits of the other figures (docs/decisions/161): "1.000kva", "5.000吨", "8.000米", "层高8.000", "承重1.500吨/平" — told,
 * never read, as the area's are (a kVA, t or m figure is no area: not among the area's unread).
 */
const unclearFigures = unclearFigureReader(
  `${POWER_UNIT}|${MASS_UNIT}|${CEILING_UNIT}`,
  `${CEILING_KEYWORD}|${POWER_KEYWORD}|${LOAD_KEYWORD}|${CRANE_WORD}`,
  GAP,
  AREA_UNIT,
);

function extractOdd(x: Extraction): void {
  for (const m of x.s.matchAll(ODD_FIGURE)) {
    const q = m.indices!.groups!.q;
    x.reject([q[0], q[1]], [q[0], q[1]], new RegExp(`^${AREA_UNIT}$`).test(m.groups!.u));
  }
  for (const m of x.s.matchAll(UNCLEAR_AREA)) {
    const q = m.indices!.groups!.q;
    x.reject([q[0], q[1]], [q[0], q[1]], true);
  }
  for (const f of unclearFigures(x.s)) if (!x.isClaimed(f.digits)) x.reject(f.span, f.digits);
}

export function parseNeedText(
  text: string,
  now?: Date,
  extras: readonly NotesExtractor[] = [],
  kind?: string,
): {
  hints: NeedHints;
  found: NeedHintFound[];
  unread: string[];
  unreadArea: UnreadArea[];
  budget: string[];
  setAside: { text: string; why: SetAsideWhy }[];
  /** The words of an area read as a ceiling only, from a refusal of the side above (Extraction.ceilingOnly, docs/decisions/132). */
  ceilingOnly: string[];
  /** The words of units of different sizes (Extraction.unitSizes, docs/decisions/141). */
  unitSizes: string[];
  /** The words of figures wished for, not required (Extraction.wishes, docs/decisions/153). */
  wished: string[];
} {
  readingWork.textsRead++;
  const folded = foldText(text);
  const at = folded.at;
  // "大一点" / "便宜一点" / "高一点": a bit (bigger, cheaper, higher), never the number 一点… ("大一点五千平" is
  // "a bit bigger, 5000 ㎡"). Same length, so the positions into the typed text stay.
  // Phone numbers ("备用电话13912345678", "025-12345678", "400-820-8820") are no figure of the need: masked
  // for every reader (contact-numbers.ts, docs/decisions/117). Same length too.
  // "上万平", "过万平", "破千平": at least that magnitude, read as "≥万平" (same length; the snippet keeps 上).
  // "15000一18000平", "1.5万一1.8万平": 一 (or ー) typed as a dash between two figures is the range's dash (docs/decisions/132).
  // "8k平", "8K sqm", "1.5k平": k after a figure is a thousand (fold-text.ts reads w as 万), read as 千 (docs/decisions/146).
  const s = maskContactNumbers(folded.s.replace(A_BIT, "$1些许"))
    .replace(THOUSAND_K, "$1千$2")
    .replace(ZERO_GROUP, ",")
    .replace(SIGN_RANGE, signRange)
    .replace(UPWARDS, "≥")
    .replace(DASH_ONE, "-")
    .replace(CN_DASH_ONE, "-")
    .replace(UNIT_DASH_ONE, "-")
    .replace(ENGLISH_AREA_FIGURE, englishFigure);
  const x = new Extraction(
    text,
    s,
    at,
    NEED_KINDS.find((k) => k === kind),
  );

  extractOdd(x);
  extractKind(x);
  extractDeal(x);
  extractStorey(x);
  extractCrane(x);
  extractFloorLoad(x);
  extractPower(x);
  extractCeiling(x);
  // A rent per ㎡ ("租金两块一平") before the area reader, which took its 一平 for an area (docs/decisions/180).
  extractRentPerArea(x);
  extractArea(x);
  for (const extract of extras) extract(x);
  findUnread(x);
  if (now) extractMoveIn(x, now);

  const texts = (spans: Span[]) => [...new Set([...spans].sort((a, b) => a[0] - b[0]).map((span) => x.snippet(span)))].filter(Boolean);
  const setAside = (["own", "notNeeded", "otherUse", "ruledOut"] as const).flatMap((why) =>
    texts(x.setAside.filter((f) => f.why === why).map((f) => f.span)).map((text) => ({ text, why })),
  );
  const uses = usesOf(s);
  const unreadArea = x.unreadArea.map((span): UnreadArea => {
    const tied = tiedUses(s, uses, span, span[1]);
    return { text: x.snippet(span), sqm: roughSqm(s.slice(...span)), otherUse: tied.size > 0 && !tied.has(x.leadKind as NeedKind) };
  });
  return {
    hints: x.hints,
    found: x.found,
    unread: texts(x.unread),
    unreadArea,
    budget: texts(x.budget),
    setAside,
    ceilingOnly: x.ceilingOnly,
    unitSizes: x.unitSizes,
    wished: texts(x.wishes),
  };
}

/**
 * An area figure of the notes not read (docs/decisions/117, 122): its words as typed, the sizes in ㎡ they may
 * mean (`sqm`: 几千平 1000–9999, 上万平 10000 and up, 3亿平 that figure; null when none is seen), and whether
 * it is tied to another use than the lead's kind (宿舍要几百平) — what planAssist needs to tell whether it
 * says the same as a typed area box.
 */
export type UnreadArea = { text: string; sqm: [number, number] | null; otherUse: boolean };

const ROUGH = new RegExp(`(?<n>[几数]+[十百千万]+|${NUM})\\s*(?:[多余来把]\\s*)?(?<u>${AREA_UNIT})?`);
/** The sizes in ㎡ an unread area figure's words may mean: a vague figure's order of size, else the figure. */
function roughSqm(t: string): [number, number] | null {
  const m = ROUGH.exec(t);
  if (!m) return null;
  const per = parseArea(`1${m.groups!.u ?? "平"}`, "sqm") ?? 1;
  const n = m.groups!.n;
  const mag = magnitudeOf(n);
  const r = /[几数]/.test(n) ? [mag, mag * 10 - 1] : (readToken(n) ?? (mag > 1 ? [mag, Infinity] : null));
  return r && [r[0] * per, r[1] * per];
}

/** The kind named first wins: "厂房带办公" is a factory with some office space. */
function extractKind(x: Extraction): void {
  let best: { kind: NonNullable<NeedHints["kind"]>; m: RegExpExecArray } | null = null;
  for (const [kind, re] of KIND_WORDS) {
    // A kind said not to be wanted ("不要厂房，要土地", "不考虑写字楼") is not the need's.
    re.lastIndex = 0;
    let m = re.exec(x.s);
    while (m && x.negated([m.index, m.index + m[0].length])) m = re.exec(x.s);
    if (m && (!best || m.index < best.m.index)) best = { kind, m };
  }
  if (best) x.set("kind", best.kind, [best.m.index, best.m.index + best.m[0].length]);
}

/**
 * Deal words with their negation read: "只买不租" is buy, "不考虑购买，只租" lease, "租售均可" either. Only one
 * of the two said not to be wanted is the other ("不考虑购买" lease, "不租" buy: the deal has two ways);
 * both refused says nothing. A deal word about the premises the enterprise has ("目前租的厂房太小") is
 * not its wish (ADR 101's `current`; docs/decisions/109).
 */
function extractDeal(x: Extraction): void {
  const mentions = (re: RegExp) => {
    const out: { span: Span; negated: boolean }[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(x.s); m; m = re.exec(x.s)) {
      const span: Span = [m.index, m.index + m[0].length];
      if (x.current(span, span[1])) continue;
      out.push({ span, negated: DEAL_NEGATION.test(x.s.slice(Math.max(0, m.index - 6), m.index)) });
    }
    return out;
  };
  const either = mentions(EITHER_WORDS).filter((m) => !m.negated);
  // A deal word inside an "either" phrase ("买不买都行") is not a mention of its own.
  const outside = (ms: { span: Span; negated: boolean }[]) =>
    ms.filter((m) => !either.some((e) => m.span[0] < e.span[1] && e.span[0] < m.span[1]));
  const lease = outside(mentions(LEASE_WORDS));
  const buy = outside(mentions(BUY_WORDS));
  const leaseYes = lease.find((m) => !m.negated);
  const buyYes = buy.find((m) => !m.negated);
  const leaseNo = lease.some((m) => m.negated);
  const buyNo = buy.some((m) => m.negated);
  const wantLease = leaseYes && !leaseNo;
  const wantBuy = buyYes && !buyNo;
  if (either.length > 0 && !leaseNo && !buyNo) return x.set("deal", "either", either[0].span);
  if (wantLease && wantBuy) {
    const a = Math.min(leaseYes.span[0], buyYes.span[0]);
    const b = Math.max(leaseYes.span[1], buyYes.span[1]);
    return x.set("deal", "either", [a, b]);
  }
  if (wantLease) return x.set("deal", "lease", leaseYes.span);
  if (wantBuy) return x.set("deal", "buy", buyYes.span);
  const leaseNot = lease.find((m) => m.negated);
  const buyNot = buy.find((m) => m.negated);
  if (buyNot && !leaseNo) return x.set("deal", "lease", [x.clauseStart(buyNot.span[0]), buyNot.span[1]]);
  if (leaseNot && !buyNo) return x.set("deal", "buy", [x.clauseStart(leaseNot.span[0]), leaseNot.span[1]]);
}

/**
 * Any mention of 多层 or of a storey count of two or more means single storey is not a hard requirement,
 * even next to 单层 ("单层多层均可", "三层的厂房，一层做生产"): a wrong `true` would silently exclude
 * spaces, a wrong `false` only filters less.
 */
function extractStorey(x: Extraction): void {
  // A multi-storey building said not to be wanted ("不要楼房") says nothing against 单层.
  const unnegated = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(x.s); m; m = re.exec(x.s)) if (!x.negated([m.index, m.index + m[0].length])) return m;
    return null;
  };
  const multi = unnegated(MULTI_STOREY) ?? unnegated(FLOOR_COUNT);
  if (multi) return x.set("singleStorey", false, [multi.index, multi.index + multi[0].length]);
  SINGLE_STOREY.lastIndex = 0;
  for (let m = SINGLE_STOREY.exec(x.s); m; m = SINGLE_STOREY.exec(x.s)) {
    const span: Span = [m.index, m.index + m[0].length];
    // "不要求单层", "单层不是必须的": single storey is said to be no requirement — false, which filters nothing.
    if (x.negated(span)) return x.set("singleStorey", false, span);
    // "最好单层", "单层优先", "single storey preferred", "ideally single-storey": a wish the recruiter reads in the
    // notes, never a filter that excludes spaces — the figures' wish words in both languages (wished), and 希望/优先
    // before it (trial 12-05 M1: English "Single storey preferred" was stored as a requirement).
    if (PREFERENCE_BEFORE.test(x.s.slice(Math.max(0, span[0] - 6), span[0])) || wished(x.s, span, span[1])) return x.wish(span, span);
    return x.set("singleStorey", true, span);
  }
}

type MinField = "craneMinT" | "floorLoadMinKg" | "powerMinKva" | "ceilingMinM";
/** Words of wanting right before a figure's words ("需要层高8米", "we need a ceiling of 8 m"). */
const WANT_RIGHT_BEFORE = /(?:需要|要求|想要|希望|要|需|\b(?:we\s+)?(?:need|want|require)\b)\s*$/i;

/**
 * For every "…Min" figure a range means "at least the low end". An upper limit ("层高不能超过6米") is not a
 * minimum requirement, and a value outside the field's limits is never filled: both are reported.
 * `counted`: the kind (units.ts COUNTED) whose reader, readCounted, reads a figure found with a count
 * (groups count…count4) or with `more` items listed after it — as the field reads it; what it refuses
 * ("2-3台500kva", "1台500kva和1台800kva") is reported, never guessed.
 */
function extractMin(
  x: Extraction,
  res: RegExp[],
  field: MinField,
  parse: (s: string) => number | null,
  extra?: (m: RegExpExecArray, numSpan: Span) => boolean,
  counted?: { kind: CountedKind; more?: RegExp },
): void {
  const had: Span[] = []; // the figures of the premises the enterprise has ("现有厂房层高6米太矮了"), set aside
  for (const re of res) {
    if (x.hints[field] !== undefined) return;
    x.each(re, (m, numSpan) => {
      if (extra && !extra(m, numSpan)) return false;
      const q = readQuantity(m.groups as Groups);
      const lo = q && convert(q.lo, q.loUnit, parse);
      const hi = q && convert(q.hi, q.unit, parse);
      if (lo === null || hi === null) return false;
      const g = m.groups as Groups;
      const span: Span = [m.index, m.index + m[0].length];
      const qual = x.qualifier(numSpan, numSpan[1]);
      // A count with the figure (power only: COUNT, COUNT_AFTER) is read as the field reads it.
      const more = counted?.more?.exec(x.s.slice(numSpan[1]))?.[0].length ?? 0;
      const hasCount = (g.count ?? g.count2 ?? g.count3 ?? g.count4 ?? g.count5) !== undefined;
      const read = (hasCount || more > 0) && counted ? readCounted(x.s.slice(numSpan[0], numSpan[1] + more), counted.kind) : null;
      // The figure and the items listed after it, when readCounted read them as one.
      const whole: Span = read ? [numSpan[0], numSpan[1] + more] : numSpan;
      const around: Span = [Math.min(span[0], qual.start), Math.max(span[1], qual.end, whole[1])];
      if (read && !read.ok) {
        x.reject(around, whole);
        return false;
      }
      const v = read ? read.value : Math.min(lo, hi);
      if (v <= 0) return false;
      // "层高原来要8米，现在要10米", "500kva提高到1000kva": a figure the notes take back (docs/decisions/109); the
      // newer one is read in its turn, or here when written bare ("was 8 m, now 10").
      if (x.earlier(whole, around[1])) {
        x.claim(whole);
        const r = x.replacement(around[1]);
        const n = r && readToken(x.s.slice(...r.numSpan));
        if (!r || !n) return false;
        // Bare, it takes this figure's unit; else its own, when this field reads it ("现在要10米" after 层高8米).
        const own = BARE_AFTER.test(r.after) ? null : ownUnit(r.after, (u) => convert(n[0], u, parse));
        const again = own ? own.value : BARE_AFTER.test(r.after) ? convert(n[0], q?.unit ?? "", parse) : null;
        const span: Span = [r.numSpan[0], r.numSpan[1] + (own?.length ?? 0)];
        if (!again || again <= 0 || again > FIELD_LIMITS[field] || x.qualifier(span, span[1]).cmp === "max") return false;
        x.set(field, round2(again), span);
        x.claim(span);
        return true;
      }
      // "现有厂房层高6米", "我们自己有10吨行车" (own); "不要10吨行车", "不需要行车，…10吨行车" (not needed): no
      // requirement to fill — the recruiter is told what was read and why (docs/decisions/101, 110).
      const why = x.asideWhy(field, whole, around, around[1]);
      if (why) {
        x.putAside(around, whole, why);
        if (why === "own") had.push(around);
        return false;
      }
      // "最好有10吨行车", "层高9米以上更好": a wish, like "最好单层" (ADR 097) — never a filter; the recruiter is told.
      if (wished(x.s, around, whole[0])) {
        x.wish(around, whole);
        return false;
      }
      if (qual.cmp === "max" || v > FIELD_LIMITS[field]) {
        x.reject(around, whole);
        return false;
      }
      // "现有厂房 层高6米 需要层高8米": the premises' words set aside in this clause end where the figure read begins.
      let cut = span[0] - (WANT_RIGHT_BEFORE.exec(x.s.slice(Math.max(0, span[0] - 12), span[0]))?.[0].length ?? 0);
      while (cut > 0 && /[\s~～\-—–:：…]/.test(x.s[cut - 1])) cut--;
      x.endAside([span[0], span[0]], cut);
      x.set(field, round2(v), [span[0], Math.max(span[1], whole[1])]);
      x.claim(whole);
      return true;
    });
  }
  for (const around of had) if (x.hints[field] === undefined) wantedAfterHad(x, field, parse, around);
}

/**
 * After a clause with words of wanting only ("需要", "至少要", "we need at least"), what the figure is wanted at: the words
 * between the clause mark and the figure.
 */
const WANTED_LEAD =
  /^\s*(?:(?:但是?|可是|不过|所以|因此|现在|新的?|我们|我司|厂房|车间|仓库|最好|至少|起码|最少|最低|需要|要求|要|需|想要|希望|得|必须|是|有|达到|在|想找|想换|想|找|寻找|换成?|换个|打算|准备|计划|一个|个|\b(?:but|so|now|we|the|new|one|a|need|needs|needed|want|wanted|require|required|requirement|looking\s+for|look\s+for|at\s+least|minimum|min\.?)\b)\s*[:：]?\s*){1,6}$/i;
/** …of which one says the need: a word of wanting or of a lower bound. */
const WANTED_WORD =
  /需|要|希望|必须|得|至少|起码|最少|最低|想|找|换|\b(?:need(?:ed)?|want(?:ed)?|require(?:d|ment)?|looking\s+for|look\s+for|at\s+least|minimum|min)\b/i;
/**
 * Right after the premises' figure, in its own clause, before a figure wanted in the same clause (docs/decisions/146): what
 * is said of the premises (太矮了, 不够用, "too low") and what people put instead of a comma — blanks, ~, -, —, …, a colon.
 */
const HAD_THEN =
  /^\s*(?:(?:的)?\s*(?:已经|有点|有些|实在)?\s*(?:太矮|太低|偏矮|偏低|不够高|不够用?|不够大|太小|偏小|太挤|放不下|(?:is\s+)?too\s+(?:low|small)|(?:is\s+)?not\s+(?:enough|high\s+enough))\s*(?:了|啊|呢|哈|吧)*)?(?:\s|[~～\-—–:：…]|\.{2,})*/i;
/** The words of every item measured (ITEM_WORDS) and of the area: a clause that names one before its figure is that item's. */
const ANY_ITEM =
  /行车|吊车|天车|航吊|行吊|桥吊|龙门吊|起重|crane|层高|楼高|净高|檐高|挑高|高度|ceiling|height|配电|电力|用电|变压器|供电|电容|电量|容量|负荷|power|electric|transformer|荷载|载荷|承重|load|面积|area|占地/i;

/**
 * A building figure wanted after the premises' figure of the same item, written without the item's word
 * (docs/decisions/139, 146): "现有厂房层高6米太矮了，需要8米以上", "现有行车5吨不够用，需要10吨以上", "our current ceiling is 6 m, too low,
 * we need at least 8 m" — the item is the one just said, the figure the need. Looked for in the rest of the premises'
 * clause ("…太矮了需要8米以上", "…太矮了 - 需要8米以上": past HAD_THEN) and then clause by clause to the end of the next sentence;
 * a clause whose figure is claimed, is in another unit ("配电要1000kva", "需要5000平") or follows another item's word is passed
 * over. The figure needs a word of wanting before it (WANTED_LEAD, WANTED_WORD), the field's unit, and nothing after it but a
 * comparison and the clause's end; the first clause that fails that ends the search. Read as the field's reader reads it (an
 * upper limit is told, as always). Work: one pass over at most two sentences.
 */
function wantedAfterHad(x: Extraction, field: MinField, parse: (s: string) => number | null, around: Span): void {
  // To the end of the next sentence: "现有厂房层高6米太矮了。需要8米以上。" A line break is a clause here, not a sentence: notes
  // typed as lines ("现有层高6米\n配电要1000kva\n需要8米") go on to the next full stop (docs/decisions/146, amended) — within 200
  // characters, so the work stays one short pass (ADR 142).
  const ahead = x.s.slice(around[1], around[1] + 200);
  const ends = [...ahead.matchAll(/[。；;!?！？]|\.(?:\s|$)/g)].map((m) => around[1] + m.index);
  const stop = ends.length >= 2 ? ends[1] : around[1] + ahead.length;
  const item = new RegExp(ITEM_WORDS[field], "i");
  let from = around[1];
  let same = true; // still in the premises' own clause
  let past = false; // past another item's figure in that clause, its words apart by blanks ("现有层高6米 配电要1000kva 需要8米")
  let dotEnd = -1; // where an English full stop ended the premises' words ("now 6m ceiling. need at least 8m")
  while (from < stop) {
    let clauseEnd = x.clauseOf([from, from])[1];
    // An English full stop ends a clause here too (docs/decisions/146, amended).
    const dot = /\.(?=\s|$)/.exec(x.s.slice(from, clauseEnd));
    if (dot) clauseEnd = from + dot.index;
    const text = x.s.slice(from, clauseEnd);
    const skip = same && !past ? HAD_THEN.exec(text)![0].length : 0;
    const m = new RegExp(NUM).exec(text.slice(skip));
    const next = () => {
      if (same && dot) dotEnd = clauseEnd + 1;
      [from, same, past] = [clauseEnd + 1, false, false];
    };
    if (!m) {
      next();
      continue;
    }
    const lead = text.slice(skip, skip + m.index);
    const numSpan: Span = [from + skip + m.index, from + skip + m.index + m[0].length];
    const n = readToken(m[0]);
    const unit = n && n[0] === n[1] ? ownUnit(x.s.slice(numSpan[1]), (u) => convert(n[0], u, parse)) : null;
    // The item named again: its own reader read that clause (the premises' words end before it: "现有厂房 层高6米 需要层高8米").
    if (item.test(lead)) {
      if (same) x.endAside(around, from + skip + (/^[\s~～\-—–:：…]*/.exec(lead)?.[0].length ?? 0));
      return;
    }
    // "现有层高6米，配电要1000kva，需要8米": another item's clause, or a figure in another unit, is passed over — in the premises'
    // own clause, only its words up to the next blank ("现有行车5吨 层高要9米 需要10吨的").
    if (x.isClaimed(numSpan) || !unit || ANY_ITEM.test(lead)) {
      if (same && !dot) {
        from = numSpan[1] + /^\S*/.exec(x.s.slice(numSpan[1], clauseEnd))![0].length;
        past = true;
      } else next();
      continue;
    }
    if (!WANTED_LEAD.test(lead) || !WANTED_WORD.test(lead)) return;
    const end = numSpan[1] + unit.length;
    const qual = x.qualifier(numSpan, end);
    // "… 8 m." ends an English sentence (a 。 typed after it too)
    if (!/^\s*(?:的)?\s*(?:[，。；;,!?！？、\n]|\.(?:\s|$|[，。；;,!?！？])|$)/.test(x.s.slice(qual.end))) return;
    const at = from + skip;
    const words: Span = [Math.min(at + /^\s*/.exec(lead)![0].length, qual.start), qual.end];
    // In the premises' clause, the premises' words set aside end where the wanted figure's begin (or at an English full stop).
    if (same || dotEnd >= 0) {
      let cut = same ? words[0] : dotEnd;
      while (cut > around[1] && /[\s~～\-—–:：…]/.test(x.s[cut - 1])) cut--;
      x.endAside(around, cut);
    }
    x.claim(numSpan);
    if (qual.cmp === "max" || unit.value <= 0 || unit.value > FIELD_LIMITS[field]) return void x.reject(words, numSpan);
    x.set(field, round2(unit.value), words);
    return;
  }
}

/** The longest unit right after a number that `read` takes ("米", "吨/平"), within the clause: its value and length. */
function ownUnit(after: string, read: (unit: string) => number | null): { value: number; length: number } | null {
  const clause = /^[^，。；;,!?！？、\n（(]{0,8}/.exec(after)![0];
  for (let len = clause.length; len > 0; len--) {
    const value = read(clause.slice(0, len).trim());
    if (value !== null) return { value, length: len };
  }
  return null;
}

function extractCrane(x: Extraction): void {
  extractMin(x, [CRANE_HOOKS_BEFORE, CRANE_HOOKS_AFTER, CRANE_BEFORE, CRANE_AFTER], "craneMinT", parseCraneT, undefined, {
    kind: COUNTED.crane,
  });
}

function extractFloorLoad(x: Extraction): void {
  // "承重10吨行车" is a crane's lifting capacity: skip a mass that a crane word follows.
  const notCrane = (_m: RegExpExecArray, [, end]: Span) => !FOLLOWED_BY_CRANE.test(x.s.slice(end));
  extractMin(x, [LOAD_AFTER_KEYWORD, LOAD_PER_AREA], "floorLoadMinKg", parseFloorLoadKg, notCrane);
}

function extractPower(x: Extraction): void {
  extractMin(x, [POWER_EN_COUNT_FIRST, POWER_EN_SIZE_FIRST, POWER_AFTER_KEYWORD, POWER_KVA], "powerMinKva", parsePowerKva, undefined, {
    kind: COUNTED.power,
    more: MORE_POWER,
  });
  if (x.hints.powerMinKva !== undefined) return;
  // "2台变压器": the field would refuse it (say how large each is); the recruiter is told, nothing is guessed.
  x.each(COUNT_ONLY_POWER, (m, numSpan) => {
    x.reject([m.index, m.index + m[0].length], numSpan);
    return false;
  });
}

function extractCeiling(x: Extraction): void {
  extractMin(x, [CEILING_AFTER_KEYWORD, CEILING_BEFORE_KEYWORD], "ceilingMinM", parseCeilingM);
}

/**
 * Share of a figure either side that "about" spans: "30亩左右" is 27–33 亩 (18000–22000 ㎡). A house
 * rule (docs/decisions/070-a-lone-area-figure-is-about.md): it gives the match search a range to work
 * with, and a recruiter offering a space a tenth off the figure a caller named is doing their job.
 */
export const ABOUT_SHARE = 0.1;

/** The range "about `v`" stands for (ABOUT_SHARE either side), in `v`'s unit. */
export function aboutRange(v: number): [low: number, high: number] {
  return [v * (1 - ABOUT_SHARE), v * (1 + ABOUT_SHARE)];
}

/**
 * Words of a use an area may be for, each with its kind: the four kinds' words (KIND_WORDS) and uses no
 * lead asks for as its kind (宿舍, 食堂, 配套 …: "other"). An area figure tied to one of them is that use's
 * (docs/decisions/112).
 */
const OTHER_USE =
  "宿舍|食堂|配套用房|配套|生活区|生活用房|公寓|展厅|展示厅|门卫|停车场|综合楼|商铺|店面|门面|餐厅|" +
  "\\bdormitor(?:y|ies)\\b|\\bdorms?\\b|\\bcanteens?\\b|\\bcafeterias?\\b|\\bshowrooms?\\b|\\bparking\\b|\\bapartments?\\b";
/** 地 after 亩 ("30亩地", "要10万亩地") is the unit's noun, said of any plot: no use of its own. */
const USE_WORDS = new RegExp(
  `${KIND_WORDS.map(([kind, re]) => `(?<${kind}>${re.source.replace("|(?<=亩)地", "")})`).join("|")}|(?<other>${OTHER_USE})`,
  "g",
);
type Use = { start: number; end: number; kind: NeedKind | "other" };
/** Between a figure (its unit and comparison) and the use it is for: "5000平的单层厂房", "1000平用于办公"; never a joiner (+, 和, 、), a bracket or a verb of building ("30亩建厂房" is land). */
const MOD_AFTER = new RegExp(`^\\s*(?:的)?\\s*(?:(?![建盖造])[^0-9，。；;,!?！？、\\n+＋&（(和与及加另]){0,6}$`);
/** Between a use and its figure: "办公楼需要1000平", "厂房面积约5000平", "其中办公1000平". */
const GAP_BEFORE = /^[^0-9，。；;,!?！？、\n+＋&（()）和与及]{0,8}$/;
const JOIN_WORDS = /\b(?:and|plus|with)\b/;
/** A count of units right before another use's figure: "2个", "两栋", "3间" (told with it, docs/decisions/139). */
const OTHER_USE_COUNT = new RegExp(`(?<![0-9${CN}])(?:[0-9]+|[两二三四五六七八九十]+)\\s*(?:栋|幢|座|个|间|套|处|块)\\s*$`);
/** A use joined to the use before it: "厂房带办公5000平", "办公楼和厂房一共5000平" — the figure is for both. */
const JOINED_USE = /(?:带|含|包括|包含|附带|连同|配|加|和|与|及|、|\+|＋|&|\band\b|\bwith\b|\bplus\b)\s*$/;
/** Words that include a use in the lead's (docs/decisions/112, amended): like 其中, the figure after them is the included use's when the whole is given apart. */
const INCLUDED_USE = /(?:带|含|包括|包含|附带|配|\bincluding\b|\bwith\b)\s*$/;
/** A total's words right before its figure, in its clause: "共6000平", "合计约6000平", "总面积6000平". */
const TOTAL_BEFORE = /(?:共|合计|总计|总面积|总建筑面积|\btotal\b)[^0-9，。；;,!?！？、\n]{0,6}$/i;
/** Words that make a second part included in the first ("仓库5000平，其中冷库1000平"): no sum (docs/decisions/117). */
const INCLUDED_PART = /其中|含|包括|包含|附带|带|配(?!套)|\b(?:including|of\s+which)\b/i;
/** The lead's own total, later in the sentence: 共/总共/一共/合计/总计/总面积 5000平, "5000 sqm in total". */
const TOTAL_LATER = new RegExp(
  `(?:共|合计|总计|总面积|总建筑面积|\\btotal\\b)[^0-9，。；;,!?！？、\\n]{0,6}?${NUM}|${NUM}[^，。；;,!?！？、\\n]{0,6}?\\b(?:in\\s+)?total\\b`,
  "i",
);

function sentenceEnd(s: string, a: number): number {
  return marksOf(s).sentenceEnd[a];
}

/** A figure right after a use word: the word may be that figure's ("厂房5000平办公1000平"). */
const FIGURE_NEXT = new RegExp(`^[^0-9，。；;,!?！？、\\n+＋&（(]{0,8}?${NUM}`);
/** A figure right before a use word: the word may be that figure's ("5000平厂房1000平办公"). */
const FIGURE_BEFORE = new RegExp(
  `${AREA_UNIT}(?:\\s*(?:左右|上下|以上|及以上|以下|以内|之内|起))?\\s*(?:的)?\\s*(?:[^0-9，。；;,!?！？、\\n+＋&（(和与及加另]){0,6}$`,
);
const FIRST_FIGURE = new RegExp(`${NUM}\\s*(?:[多余来把]\\s*)?${AREA_UNIT}`);

/** 地 right after a plot's unit ("10亩地", "5公顷的地"); not 地区, 地方, 地址, 地点, 地铁, 地下, 地上, 地面. */
const PLOT_NOUN_AFTER = /^\s*(?:的)?\s*地(?![区方址点铁下上面])/;
const PLOT_UNIT_END = /(?:亩|公顷|英亩|\bmu|hectares?|\bha)\s*$/;
const AREA_FIGURES = new RegExp(`(${NUM})\\s*(?:[多余来把]\\s*)?${AREA_UNIT}`, "g");

/**
 * On a building lead (factory, warehouse, office), a plot said in 亩 with 地 ("10亩地，3000平厂房", "需要10亩地建3000平厂房")
 * is the land the building stands on when another figure of the notes is tied to the lead's own kind: that figure is the
 * lead's area, the plot is set aside as another use (docs/decisions/218, amending 112, where "30亩地" alone on a factory
 * lead stays the lead's: nothing else says the building's size). Returns where the plot's words end, or null.
 * `span`: the figure's words (numbers and unit); `end`: where its comparison words end.
 */
function plotBesideOwnFigure(s: string, uses: readonly Use[], ownKind: NeedKind | undefined, span: Span, end: number): number | null {
  if (ownKind === undefined || ownKind === "land") return null;
  if (!PLOT_UNIT_END.test(s.slice(span[0], span[1]))) return null;
  const noun = PLOT_NOUN_AFTER.exec(s.slice(end));
  if (!noun) return null;
  for (const m of s.matchAll(AREA_FIGURES)) {
    if (m.index < end && m.index + m[0].length > span[0]) continue; // the plot's own figure
    if (tiedUses(s, uses, [m.index, m.index + m[1].length], m.index + m[0].length).has(ownKind)) return end + noun[0].length;
  }
  return null;
}

function usesOf(s: string): Use[] {
  const out: Use[] = [];
  for (const m of s.matchAll(USE_WORDS)) {
    const kind = (Object.keys(m.groups!) as Use["kind"][]).find((k) => m.groups![k] !== undefined)!;
    out.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return out;
}

/**
 * The uses an area figure (numbers at `numSpan`, its words ending at `end`) is tied to: the use word right
 * after it ("1000平办公楼", "5000平的厂房") or right before it ("厂房5000平", "其中办公1000平"), with the uses
 * joined to that word ("厂房带办公5000平"). A word between two figures goes by how the sentence names uses:
 * the use first ("厂房5000平办公1000平") or the figure first ("5000平厂房1000平办公"). Empty: untied.
 */
function tiedUses(s: string, uses: readonly Use[], numSpan: Span, end: number): Set<Use["kind"]> {
  return tieOf(s, uses, numSpan, end)?.kinds ?? new Set();
}

/** tiedUses with the use word the figure is tied to (`chosen`), or null when untied. */
function tieOf(s: string, uses: readonly Use[], numSpan: Span, end: number): { chosen: Use; kinds: Set<Use["kind"]> } | null {
  const from = sentenceStart(s, numSpan[0]);
  const after = uses.find((u) => u.start >= end);
  const before = [...uses].reverse().find((u) => u.end <= numSpan[0] && u.start >= from);
  const afterOk = after !== undefined && MOD_AFTER.test(s.slice(end, after.start)) && !JOIN_WORDS.test(s.slice(end, after.start));
  const gap = before && s.slice(before.end, numSpan[0]);
  const beforeOk = gap !== undefined && GAP_BEFORE.test(gap) && !JOIN_WORDS.test(gap);
  if (!afterOk && !beforeOk) return null;
  const firstUse = uses.find((u) => u.start >= from);
  const firstFigure = FIRST_FIGURE.exec(s.slice(from));
  const useFirst = firstUse !== undefined && (!firstFigure || firstUse.start < from + firstFigure.index);
  const mineAfter = afterOk && !(useFirst && FIGURE_NEXT.test(s.slice(after.end)));
  const mineBefore =
    beforeOk && before !== undefined && !(!useFirst && FIGURE_BEFORE.test(s.slice(Math.max(from, before.start - 40), before.start)));
  const chosen = mineAfter && mineBefore ? (useFirst ? before : after) : mineAfter ? after : mineBefore ? before : undefined;
  if (!chosen) return null;
  const kinds = new Set<Use["kind"]>([chosen.kind]);
  // "厂房带办公", "办公楼和厂房": every use joined to the chosen one, back to the first.
  for (let u = chosen, i = uses.indexOf(chosen); i > 0; u = uses[--i]) {
    const prev = uses[i - 1];
    const between = s.slice(prev.end, u.start);
    if (prev.start < from || !JOINED_USE.test(between) || between.length > 4) break;
    // "厂房（含办公1000平）5000平", "厂房，含办公1000平，共5000平": the included use's own figure, not the whole's.
    if (INCLUDED_USE.test(between) && (/[（(]/.test(between) || TOTAL_LATER.test(s.slice(end, sentenceEnd(s, end))))) break;
    kinds.add(prev.kind);
  }
  return { chosen, kinds };
}

/** English words that refuse what follows them: "don't want", "can't take", "never need", "nothing", "avoid", "not interested in". */
const EN_REFUSAL_BEFORE =
  /nothing|avoid(?:ing)?|no|not\s+interested\s+in|(?:do\s+not|don['’]t|dont|does\s+not|doesn['’]t|won['’]t|will\s+not|can['’]t|cannot|can\s+not|would\s+not|wouldn['’]t|never|not)\s+(?:(?:really|ever|even|want\s+to|need\s+to|be\s+able\s+to)\s+)*(?:want|need|take|accept|consider|look\s+at|rent|lease|buy|afford|use|handle|go\s+for)/;
/** What an English refusal may govern before the bound: "anything", "spaces", "a factory", "that is". */
const EN_REFUSED_THING =
  /anything|something|any|spaces?|units?|places?|sites?|premises|factor(?:y|ies)|warehouses?|buildings?|workshops?|plots?|land|ones?|the|a|an|that(?:\s+is|['’]s)?|which\s+is|with|of/;

/**
 * Words that rule an area figure out (docs/decisions/112, amended): right before it in its clause — 不要, 别(给我)推,
 * 不考虑, 不接受, 排除, 不是, 非, "not", "don't want" — or right after it, ending its clause — 不行, 不要, 不考虑,
 * 不合适, 免谈, 不需要, 用不了, 没必要, 算了, 不够, 太大, 太小, "won't do", "is not ok", "too big" (an open side so
 * refused is the other bound: "6000平以上太大了" at most 6000; attack 12-04 late). A comparison built on a negation ("不要超过", "不少于", "no more than")
 * is read by comparison.ts before these are looked for: it is a bound, not a rule-out. "5000平不要了" is a figure
 * taken back (docs/decisions/109), read before.
 *
 * docs/decisions/128: between the figure and the refusal may stand up to five of 的, 的话, a use word with its whole
 * word (办公室), 地, 我们/咱们/我司/客户, "of the space" — and commas: "6000平以上的车间，太大了，不用", "50亩以上的地太大了
 * 不要", "8000平以上的我们用不了"; 太贵 refuses too ("500平以上的写字楼太贵了不考虑"). Past a comma only a bound's refusal
 * of the side said counts (extractArea's ruledOut, TOO). 的 after a refusal only ends it ("太贵的不要" is no refusal of the
 * area: it says which ones are not wanted).
 */
const RULED_OUT_BEFORE = new RegExp(
  `(?:不要|不想要|别|不考虑|不接受|排除|不是|(?<!除)非|${NOT_NEEDED_WORDS}|${EN_NOT_NEEDED}(?:\\s+(?:a|an|any|anything|the))?|\\b(?:not|excluding|except))\\s*` +
    "(?:给我们?|给咱们?)?\\s*(?:推荐?|找|介绍|发|看|要|考虑)?\\s*(?:的)?\\s*$|" +
    // fix31 (attack 31 F1): an English refusal before the bound, with the words it governs — "we don't want anything
    // above 5000 sqm", "nothing above", "avoid anything above", "we can't take anything over", "not interested in
    // anything under" (docs/decisions/128, amended).
    `\\b(?:${EN_REFUSAL_BEFORE.source})\\s+(?:(?:${EN_REFUSED_THING.source})\\s+){0,3}$`,
  "i",
);
/** A negation said before an English area bound that RULED_OUT_BEFORE cannot place: the figure is told, never stored (fix31). */
// Not "no" nor "without": "over 3000 sqm without columns", "no columns" say what is wanted.
const EN_NEGATION = /\b(?:not|never|nothing|none|avoid(?:ing)?|cannot)\b|n['’]t\b/i;
/** A negation that is part of a comparison (comparison.ts reads it whole: "not more than" is at most), not a refusal. */
const EN_NOT_COMPARISON =
  /\b(?:not|no)\s+(?:(?:more|less|larger|smaller|bigger|greater|lower|higher|fewer)\s+than|over|above|under|below|exceeding)\b/gi;
/** Between a bound refused by words before it and the next bound, joined: "的和", "或", "、", "and", "or" (docs/decisions/139). */
const JOINED_REFUSED = /^\s*(?:的)?\s*(?:和|及|以及|与|跟|、|或者?|\b(?:and|or|nor)\b)\s*(?:(?:anything|any|ones?)\s+)?$/i;
/** Words that join two things said in one clause: what is said of one ends there (和, 及, 以及, 与, 但, "and", "but"). */
const JOINER = /和|以及|及|与|但是?|\b(?:and|but)\b/i;
/** After a joiner, right before a bound: nothing but words of wanting ("… and at least 5000 sqm", "… but we need over 5000 sqm"). */
const JOINED_WISH = /^\s*(?:(?:we|i|also|still|do|really|need|want|require|must|would\s+like|have\s+to|has\s+to|it|should|be|is)\s+)*$/i;
/** After a joiner, after a bound: another thing said ("… and we don't need a crane", "… and no crane"). */
const JOINED_OTHER = /^\s*(?:we|i|our|they|also|no|a|an|the)\b/i;
/**
 * What may follow a refusal of a figure (docs/decisions/138, attack 32 H1): sentence particles (哦 啦 吧 呀 嘛 ～ …) and
 * then a clause's end, a space and anything ("6000平以上不要 急"), thanks or a form of address ("…不要 谢谢", "…不要王总").
 * A refusal is never made the wish because of what a person writes after it.
 */
const REFUSAL_PARTICLES = "(?:了|啊|呢|哈|哦|喔|噢|呀|啦|吧|嘛|哟|呦|咯|诶|哎|～|~|…|\\.{2,})";
const REFUSAL_END = `\\s*(?:${REFUSAL_PARTICLES}\\s*)*(?:[，。；;,!?！？、:：)）\\]】\\n]|$|(?=\\s|谢谢|多谢|感谢|麻烦|辛苦|(?:王|李|张|刘|陈|杨|赵|黄|周|吴)?(?:总|经理|老板|先生|女士|老师)|[\\uD83C-\\uDBFF]))`;
const RULED_OUT_AFTER = new RegExp(
  `^\\s*(?:(?:的话|的|这种|那种|这样的|那样的|面积|场地|房子|地方|空间|地|[，,]|对(?:于)?\\s*(?:我们|咱们|我司|我|客户)\\s*(?:来说|而言|来讲)|(?:来说|而言|来讲)|我们|咱们|我司|我|客户|(?:${USE_WORDS.source})(?:楼|室|区|用房)?|\\b(?:of|for|the|a|space|area)\\b)\\s*){0,5}` +
    "(?:(?:(?:也|都|就|肯定|绝对|真的|实在|有点|有些|确实)?\\s*(?:不行|不要|(?:暂|暂时|先)?不(?:予|作|做)?考虑|没法要|要不了|吃不下|看不上|用不完|太浪费|浪费|不合适|不适合|不可以|不接受|免谈|排除|不需要|不用|用不了|用不着|没必要|不必|就算了|算了|不够(?:用|大)?|放不下|拿不下|(?:租|买|负担|承担)不起|太大|太小|太多|太少|太贵|偏大|偏小|偏贵|(?:租金|价格|价钱|费用|成本)(?:太|偏)高)" +
    `\\s*(?:${REFUSAL_PARTICLES}|的(?=\\s*(?:[，。；;,!?！？、\\n]|$)))*\\s*(?:[，,]\\s*)?){1,3}|` +
    "(?:[:：?？]\\s*)?\\b(?:won't\\s+do|will\\s+not\\s+do|(?:won't|will\\s+not|doesn't|does\\s+not|don't|do\\s+not)\\s+work|(?:is|are)\\s+(?:not\\s+(?:ok|okay|acceptable|wanted|needed|an\\s+option|suitable|interesting)|useless|of\\s+no\\s+use|out|no\\s+good|too\\s+(?:big|large|small|much|expensive))|no\\s+good|too\\s+(?:big|large|small|much|expensive)|(?:is|are)\\s+(?:a\\s+)?no[-\\s]go|no\\s+way|(?:is|are)\\s+(?:not\\s+necessary|unnecessary)|(?:no|nope)(?=\\s*(?:[.,;!?:：]|$)))\\b(?:\\s+(?:for|to)\\s+(?:us|me|them))?)" +
    REFUSAL_END,
  "i",
);
/**
 * Refusals that say which side is too much: "above it … too small" (min) or "below it … too big" (max) refuse the side
 * not said — no bound is read (docs/decisions/128).
 */
const TOO = {
  min: /太小|偏小|太少|不够|放不下|too\s+small/i,
  max: /太大|偏大|太多|太贵|偏贵|不起|[太偏]高|吃不下|用不完|浪费|too\s+(?:big|large|much|expensive)/i,
};
/**
 * docs/decisions/132: a refusal the words above cannot place — more words between the figure and it than RULED_OUT_AFTER
 * reads ("5000平以上的厂房我们这边老板觉得其实真的太大了不要", "anything above 5000 sqm is honestly, for a company like ours, way
 * too big"). Not a list of fillers (a person may put any words there) but the refusal itself, looked for in what follows the
 * figure: a word of size or price that refuses a side (`side`), or a refusal that ends its clause (`end`). Found after a bound
 * (up to the next figure in its sentence) or after a lone figure (in its clause), the figure is told and stored as nothing —
 * unless the refusal is of the side the bound already leaves out ("5000平以上的，我们觉得太小的不要": at least 5000).
 */
const REFUSAL_ANYWHERE = new RegExp(
  "(?<side>太大|太小|太多|太少|偏大|偏小|过大|过小|太贵|偏贵|用不完|放不下|不够用?|吃不下|拿不下|(?:租|买|负担|承担)不起|太浪费|\\btoo\\s+(?:big|large|small|much|expensive|little)\\b|\\bnot\\s+(?:big|large)\\s+enough\\b)(?!\\s*的)" +
    "|(?<end>(?:不行|不要|不想要|(?:暂|暂时|先)?不(?:予|作|做)?考虑|不接受|不合适|不适合|免谈|排除|不需要|用不了|用不着|没必要|算了|要不了|看不上|没法要|" +
    "\\bno\\s+good\\b|\\bnot\\s+(?:ok|okay|acceptable|an\\s+option|suitable|wanted|needed|interesting|for\\s+us)\\b|\\bwon['’]t\\s+(?:do|work)\\b|\\buseless\\b|\\bno\\s+thanks?\\b)" +
    "\\s*(?:了|啊|呢|哈|的|吧)?\\s*(?=[，。；;,!?！？、\\n.]|$))",
  "i",
);
/** Where the words of a figure stop for REFUSAL_ANYWHERE: another figure ("5000平以上，层高8米以下的不要" is the height's), an English sentence's end. */
const NEXT_FIGURE = /[0-9]|[一二两三四五六七八九十百千万](?=\s*(?:[多余]\s*)?(?:平|亩|米|吨|栋|幢|层|个|间|㎡|千伏安|kva))|\.\s/i;
/** A bound said to do before its refusal ("5000平以上就行，太大了不要", "5000平以上的都可以，太大的不要"). */
const BOUND_ACCEPTED = /就行|就可以|即可|就够|足够|都行|都可以|也行|没问题|\b(?:is|are)\s+fine\b|\bwill\s+do\b|\bworks?\b/i;
/** A word of wanting in a bound's clause before it ("需要5000平以上，太大了不行": the bound is the wish, the refusal turns it — told). */
const WANT_HERE = /(?<![不没别])(?:需要|想要|想找|要|找|求)|(?<!(?:n['’]t|not|never)\s+)\b(?:need|want|looking\s+for|require|seek)\b/i;

/** An area per head or per desk, before its figure ("每人10平", "人均10平", "每个工位5平") or after it ("10平/人", "10 sqm per person"). */
const PER_HEAD_BEFORE =
  /(?:每\s*(?:个|位|名)?\s*(?:人|员工|工人|职工|工位|床位)|人均|\b(?:per|each)\s+(?:person|head|employee|staff|worker|desk))[^0-9，。；;,!?！？、\n]{0,4}$/i;
const PER_HEAD_AFTER =
  /^\s*(?:\/|每|一)\s*(?:个|位|名)?\s*(?:人|员工|工人|职工|工位|床位)|^\s*(?:per|a|each)\s+(?:person|head|employee|staff|worker|desk)\b/i;
/** A headcount: "300人", "员工三百名" (the count), "200个工位", "300 staff". */
const HEADCOUNT = new RegExp(
  `(?:(?:员工|工人|职工|人员|人数)[^0-9${CN}，。；;,!?！？、\\n]{0,3})?(?<![0-9.])(?:[0-9]+|[${CN}]+)\\s*(?:多|余)?\\s*(?:名|(?:个|位)?\\s*(?:人|员工|工人|职工|工位|床位))|\\b[0-9]+\\s+(?:people|staff|employees|workers|persons)\\b`,
  "gi",
);
/** Between a figure and one size again in brackets: "30亩（约2万平方米）", "2万平（合30亩）", "20000 sqm (about 30 mu)". */
const EQUIVALENT = /^\s*[（(]\s*(?:约|大约|约合|合|即|折合|相当于|about|approx\.?|≈)?\s*$/i;
/**
 * A bare number joined to an area figure before it: "3000+2000平" (a sum), "3000或5000平", "5000/8000平" (either: a range —
 * a slash between two figures of one unit is alternatives, docs/decisions/146).
 */
const LEAD_BARE = new RegExp(`(?<n>${NUM})\\s*(?<op>[+＋]|加上?|或者?|\\bor\\b|/)\\s*$`, "di");

/** How an area figure was said: about it (a lone figure, 左右), at least or at most it (one bound), or a range. */
type AreaSaid = Comparison | "range";
/**
 * One area figure read: its bounds in ㎡ (`lo`/`hi`, one left out for a single bound), the figure itself in
 * ㎡ (`value`: a lone figure's; a range's low end), the words it was said in (`span`), its numbers (`whole`)
 * and the unit it was written in (a bare figure beside it takes that unit).
 */
type AreaRead = {
  said: AreaSaid;
  lo?: number;
  hi?: number;
  value: number;
  span: Span;
  whole: Span;
  unit: string;
  unitSqm?: number;
  /** Each unit's figure times a count ("3栋厂房，每栋5000平": eachCount). */
  each?: boolean;
  /** That count (eachCount's `n`) when it counts units, not floors: the need's unit count (docs/decisions/130). */
  count?: number;
};

const EN_COUNT = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
/** Measure words of premises counted: 3栋, 两个, 5间, 2座, 4层 (docs/decisions/122). */
const UNIT_WORD = "栋|幢|座|个|间|套|处|块|层";
/**
 * Before a figure, in its clause: each unit's — 每栋, 每个冷库, 每层, 单栋, 各 (right before it), "each" — or a count of
 * units right before it ("三栋5000平的厂房", "两个1000平冷库": a size said of each; not 层, "两层5000平的厂房" is one building
 * of two storeys; not after 共, "共3栋5000平" is a total).
 */
const EACH_BEFORE = new RegExp(
  `(?:每\\s*(?<c>${UNIT_WORD})(?:的)?(?:建筑面积|面积)?[^0-9${CN}每各]{0,6}|单(?<c2>栋|幢|座|间)(?:的)?(?:建筑面积|面积)?\\s*(?:约|大约|为|是)?\\s*|各|\\beach\\b[^0-9]{0,12}|(?<![0-9.第共计${CN}])(?<![a-z][-_]?)(?<n3>[0-9${CN}]{1,3})\\s*(?<c3>栋|幢|座|个|间|套|处|块)\\s*(?:约|大约)?\\s*|(?<![0-9.])(?<k>[0-9]{1,2})\\s*(?:栋|幢|座|个|间|块|处)?\\s*[x×*]\\s*|\\b(?<k2>${EN_COUNT.join("|")}|[0-9]{1,2})\\s+)$`,
  "i",
);
/** After a figure said with a count in English right before it: its units, plural ("three 5000 sqm buildings"). */
const UNITS_AFTER = /^\s*(?:[a-z-]+\s+)?(?:buildings|units|blocks|halls|warehouses|factories|workshops|plants)\b/i;
/** After a figure: 5000平/栋, 5000平每栋, 5000平一栋 (not 一层: "5000平一层厂房" is single storey), "5000 sqm each". */
const EACH_AFTER = new RegExp(
  `^\\s*(?:(?:/|每)\\s*(?<c>${UNIT_WORD})|一\\s*(?<c2>栋|幢|座|个|间|套|处|块)|each\\b|per\\s+(?:building|unit|block|hall|floor)\\b)`,
);
/** A count of premises: "3栋", "两个", "十二间", "3 buildings", "two warehouses". */
const UNITS_COUNTED = new RegExp(
  `(?<![0-9.第${CN}])(?<![A-Za-z][-_]?(?=[0-9]))(?<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?<c>${UNIT_WORD})(?![月小钟星礼期])|\\b(?<n2>[0-9]{1,2}|${EN_COUNT.join("|")})\\s+(?:[a-z-]+\\s+)?(?:buildings?|units?|blocks?|halls?|floors?|warehouses?|factories|workshops?|plants?)\\b`,
  "g",
);
/**
 * A count said right after the figure, with no word of "each" (trial 2026-12-05, H1; docs/decisions/136): "5000平×2栋",
 * "厂房5000平×2", "5000平*3栋", "5000 sqm x 3", "5000平米两栋", "3000平方两栋", "5000平的厂房两栋", and after 的, the use word and
 * a word of wanting — "5000平的厂房要两栋", "5000平左右的厂房，需要3栋" — the size is each unit's, as "两栋5000平的厂房" is
 * (ADR 128). Not 层 ("5000平3层" is one building of three storeys), not a count of anything else ("5000平3个月内").
 */
const COUNT_AFTER_FIGURE = new RegExp(
  `^\\s*(?:[x×*]\\s*(?<k>[0-9]{1,4})(?![0-9.])\\s*(?:栋|幢|座|个|间|块|处)?(?!\\s*(?:层|楼|个?月|年|天|米|m\\b|个?小时))|(?:(?:的)?\\s*(?:单层|多层|标准|独栋|独立|双层)?\\s*(?:厂房|仓库|冷库|库房|车间|厂|楼|办公楼|写字楼|地块|土地|地)?\\s*(?:[，,]?\\s*(?:我们|我司|客户)?\\s*(?:要|需要|需|想要|想租|要租|租|买|找)\\s*)?)(?<n>[0-9]{1,4}|[一二两三四五六七八九十百]{1,3})\\s*(?<c>栋|幢|座|块|处|个|间|套)(?![月小钟星礼期天周年号层]|楼层))`,
  "i",
);
/** The count after a correction of a count ("，不，3栋"): its number and measure word. */
const CORRECTED_COUNT = /^(?<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:栋|幢|座|块|处|个|间|套)(?![月小钟星礼期天周年号层])/;
/** Words of wanting right before a count: the units the lead takes ("但我们只要2层", "要租其中2栋"). */
const WANT_COUNT = /(?:要|租|买|用|需)\s*(?:其中)?\s*$|\b(?:need|want|take|rent|lease)\s+(?:only\s+)?$/i;

/**
 * Units named by labels, listed (docs/decisions/153): "A2栋和A3栋", "A栋、B栋", "A、B栋", "1号楼和2号楼", "Building A and Building B" —
 * before a word of each ("A2栋和A3栋，各3000平"), as many units as the labels that differ. A label is SIZED_UNIT_LABEL's: a Latin
 * letter with one or two digits, or a number with 号, before a measure word; "Building A".
 */
const LABEL_ONE = `(?:(?<![a-z0-9])[a-z](?:[-_]?[0-9]{1,2})?|(?<![0-9${CN}])(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\\s*[号#])`;
const LABEL_WORD = "(?:栋|幢|座|楼|厂房|仓库|车间|地块)";
const LABEL_JOIN = "\\s*(?:和|及|与|跟|、|,|，|/|&|\\band\\b)\\s*";
const LABEL_LIST = new RegExp(
  `(?:${LABEL_ONE}\\s*${LABEL_WORD}?(?:${LABEL_JOIN}${LABEL_ONE}\\s*${LABEL_WORD}?)+(?<=${LABEL_WORD})|\\b(?:building|block|unit|warehouse|plot|hall|plant)\\s+(?:[a-z]|[0-9]{1,2})\\b(?:${LABEL_JOIN}(?:(?:building|block|unit|warehouse|plot|hall|plant)\\s+)?(?:[a-z]|[0-9]{1,2})\\b)+)`,
  "gi",
);
/** The labels of a LABEL_LIST match, each once ("A2栋和A3栋" → a2, a3). */
function labelsOf(list: string): Set<string> {
  const one = new RegExp(`${LABEL_ONE}|(?<=\\b(?:building|block|unit|warehouse|plot|hall|plant)\\s+)(?:[a-z]|[0-9]{1,2})\\b`, "gi");
  return new Set([...list.matchAll(one)].map((m) => m[0].replace(/[-_\s号#]/g, "").toLowerCase()));
}
/** "each of the two buildings 3000 sqm", "each of the 2 units is about 3000 sqm": the count of the units each figure is. */
const EACH_OF_EN = new RegExp(
  `\\beach\\s+of\\s+(?:the|these|those|our|its)?\\s*(?<n>${EN_COUNT.join("|")}|[0-9]{1,2})\\s+(?:[a-z-]+\\s+)?(?:buildings|units|blocks|halls|warehouses|factories|workshops|plants|plots)\\b[^0-9]{0,24}$`,
  "i",
);

/**
 * The count an area figure (its words at [start, end]) is each unit's of (docs/decisions/122, 128): a word of
 * "each" before it (EACH_BEFORE: 每栋, 每个, 各, a count right before it) or after it (EACH_AFTER: /栋, 一栋, each) and a
 * count of units in its sentence, within 30 characters — one the lead says it wants first ("每层1000平，共5层，但我们只
 * 要2层" = 2000: WANT_COUNT), else the nearest before it, else the first after it ("每栋5000平，共3栋"); with a
 * measure word said after 每, the count's must be the same (每层 counts 层). `n`: 1–99; `at`: where the count is;
 * `span`: from the count to the figure's words, or to the count after them; `floors`: the count is of floors ("三层楼，每层
 * 1000平": one building's floors, no count of units, docs/decisions/130). Null when either is missing.
 */
function eachCount(
  x: Extraction,
  start: number,
  end: number,
  considered?: Span[],
): { n: number; span: Span; at: number; floors: boolean; times?: number; over?: boolean } | null {
  const s = x.s;
  const b = EACH_BEFORE.exec(s.slice(Math.max(x.clauseStart(start), start - 16), start));
  // "2×5000平", "three 5000 sqm buildings": the count is the one said right before the figure.
  const k0 = b?.groups?.k ?? b?.groups?.k2;
  if (k0 && (b!.groups!.k || UNITS_AFTER.test(s.slice(end)))) {
    const n = EN_COUNT.includes(k0.toLowerCase()) ? EN_COUNT.indexOf(k0.toLowerCase()) + 2 : readCount(k0);
    return n === null ? null : { n, at: start - b![0].length, span: [start - b![0].length, end], floors: false };
  }
  // "一期两栋5000平，二期再要1栋", "100栋500平": a count right before the figure is its own (ADR 128) — never one wanted
  // further on, which is another figure's or another phase's; over 99 it is told, not dropped (docs/decisions/136).
  const n3 = b?.groups?.n3;
  if (n3 !== undefined) {
    const at = start - b![0].length;
    const v = parseChineseNumber(n3);
    if (v !== null && Number.isInteger(v) && v > 99) return { n: v, at, span: [at, end], floors: false, over: true };
    // "三栋5000平的厂房，我们只要两栋": only some of the units said are wanted (ADR 128's WANT_COUNT) — those count.
    const rest = s.slice(end, sentenceEnd(s, end));
    const only = [...rest.matchAll(UNITS_COUNTED)].find(
      (m) => m.groups!.c === b!.groups!.c3 && /(?:只|仅|其中)\s*(?:要|需要?|租|买|用)?\s*(?:其中)?\s*$/.test(rest.slice(0, m.index)),
    );
    const n = readCount(only?.groups?.n ?? n3);
    if (n !== null) return { n, at, span: [at, only ? end + only.index + only[0].length : end], floors: false };
  }
  // "each of the two buildings 3000 sqm": the count inside the words of each (docs/decisions/153).
  const eo = EACH_OF_EN.exec(s.slice(Math.max(x.clauseStart(start), start - 64), start));
  if (eo) {
    const t = eo.groups!.n.toLowerCase();
    const n = EN_COUNT.includes(t) ? EN_COUNT.indexOf(t) + 2 : readCount(t);
    if (n !== null) return { n, at: start - eo[0].length, span: [start - eo[0].length, end], floors: false };
  }
  const a = b && !k0 ? null : EACH_AFTER.exec(s.slice(end, end + 24));
  if (!(b && !k0) && !a) return after();
  const c = a?.groups?.c ?? a?.groups?.c2 ?? b?.groups?.c ?? b?.groups?.c2 ?? b?.groups?.c3;
  const from = Math.max(sentenceStart(s, start), start - 30);
  const to = Math.min(sentenceEnd(s, end), end + 40);
  const counts: { n: number; at: number; to: number; want: boolean; floors: boolean }[] = [];
  considered?.push([from, to]);
  for (const m of s.slice(from, to).matchAll(UNITS_COUNTED)) {
    const at = from + m.index;
    if (at >= start && at < end) continue;
    if (c && m.groups!.c !== c && !m.groups!.n2) continue; // "3 buildings，每栋5000平": an English count names its own unit
    const t = m.groups!.n ?? m.groups!.n2!;
    const n = EN_COUNT.includes(t) ? EN_COUNT.indexOf(t) + 2 : readCount(t);
    // "还要一栋2000平": a count right before another figure is that figure's.
    const next = at + m[0].length + /^\s*(?:大?约)?\s*/.exec(s.slice(at + m[0].length))![0].length;
    if (/[0-9一二两三四五六七八九十]/.test(s[next] ?? "") && (next < start || next >= end)) continue;
    if (n !== null)
      counts.push({ n, at, to: at + m[0].length, want: WANT_COUNT.test(s.slice(x.clauseStart(at), at)), floors: /层|floor/.test(m[0]) });
  }
  const pick = (cs: typeof counts) => cs.filter((k) => k.at < start).pop() ?? cs.find((k) => k.at > start);
  let k = pick(counts.filter((k) => k.want)) ?? pick(counts);
  // "要3栋厂房。每栋5000平左右。": with a word of each before the figure and no count in its sentence, the count of the same
  // units wanted in the sentence right before it (docs/decisions/132; ADR 128 left it).
  const sentence = sentenceStart(s, start);
  if (!k && (c || a) && sentence > 0) {
    const prev = sentenceStart(s, sentence - 1);
    const want = [...s.slice(prev, sentence).matchAll(UNITS_COUNTED)]
      .filter((m) => (c ? m.groups!.c === c : true) && WANT_COUNT.test(s.slice(x.clauseStart(prev + m.index), prev + m.index)))
      .pop();
    const t = want ? (want.groups!.n ?? want.groups!.n2!) : null;
    const n = t === null ? null : EN_COUNT.includes(t) ? EN_COUNT.indexOf(t) + 2 : readCount(t);
    if (want && n !== null) k = { n, at: prev + want.index, to: prev + want.index + want[0].length, want: true, floors: c === "层" };
  }
  // "A2栋和A3栋，各3000平", "Building A and Building B, 3000 sqm each": labelled units listed before, as many as their labels
  // (docs/decisions/153) — only with no count said in the sentence, and the list the nearest before the figure.
  if (!k && (b || a)) {
    const list = [...s.slice(from, start).matchAll(LABEL_LIST)].pop();
    const n = list ? labelsOf(list[0]).size : 0;
    if (list && n >= 2 && n <= 99) k = { n, at: from + list.index, to: from + list.index + list[0].length, want: false, floors: false };
  }
  if (!k) return null;
  const [a0, b0] = [start - (a ? 0 : b![0].length), end + (a?.[0].length ?? 0)];
  const span: Span = [Math.min(k.at, a0), Math.max(b0, k.to)];
  // "两栋楼，每栋两层，每层2000平": the floors are each building's — the buildings' count times the floors' (docs/decisions/136).
  if (k.floors && /每\s*(?:栋|幢|座)\s*$/.test(s.slice(x.clauseStart(k.at), k.at))) {
    const from2 = sentenceStart(s, k.at);
    const units = [...s.slice(from2, k.at).matchAll(UNITS_COUNTED)]
      .map((m) => ({ m, n: readCount(m.groups!.n ?? "") }))
      .filter(({ m, n }) => n !== null && m.groups!.c !== undefined && m.groups!.c !== "层")
      .pop();
    if (units)
      return {
        n: units.n!,
        times: units.n! * k.n,
        at: from2 + units.m.index,
        span: [Math.min(from2 + units.m.index, span[0]), span[1]],
        floors: false,
      };
  }
  return { n: k.n, at: k.at, span, floors: k.floors };

  /** A count right after the figure (COUNT_AFTER_FIGURE): "5000平×2栋", "5000平的厂房要两栋". */
  function after(): ReturnType<typeof eachCount> {
    const m = COUNT_AFTER_FIGURE.exec(s.slice(end, Math.min(end + 24, sentenceEnd(s, end))));
    const t = m?.groups?.k ?? m?.groups?.n;
    if (!m || t === undefined) return null;
    const to = end + m[0].length;
    const at = to - /[0-9一二两三四五六七八九十百]+\s*(?:栋|幢|座|个|间|块|处|套)?$/.exec(m[0])![0].length;
    // "3000平2栋，不，3栋": a count corrected as typed — the newer count (CORRECTED_AFTER, docs/decisions/146, amended).
    const c = CORRECTED_AFTER.exec(s.slice(to, to + 32));
    const newer = c && CORRECTED_COUNT.exec(s.slice(to + c[0].length));
    if (newer) {
      const n = readCount(newer.groups!.n);
      if (n === null || n < 2) return null;
      return { n, at, span: [start, to + c[0].length + newer[0].length], floors: false };
    }
    const v = parseChineseNumber(t);
    if (v !== null && Number.isInteger(v) && v > 99) return { n: v, at, span: [start, to], floors: false, over: true };
    const n = readCount(t);
    return n === null || n < 2 ? null : { n, at, span: [start, to], floors: false };
  }
}

/** Words after a figure that accept it beside another: "5000平，3000平也行", "3000到5000都可以", "3000 sqm is fine too". */
const ACCEPT_AFTER =
  /^\s*(?:的)?\s*(?:也(?:行|可以|可|成|能接受|接受|ok|没问题|能用|凑合|考虑)|都(?:行|可以|能接受|ok|没问题)|亦可|均可|\b(?:(?:is|are)\s+(?:also\s+)?(?:fine|ok|okay|acceptable)|(?:would|will)\s+(?:also\s+)?do|also\s+(?:ok|okay|fine|works?)|works?\s+too)\b)/i;
/** What may join two figures of one area: a comma, "but", "and". */
const JOINED = "\\s*[，,、;；/]?\\s*(?:但是?|而且|并且|以及|和|及|与|\\band\\b|\\bbut\\b)?\\s*(?:面积|\\barea\\b)?\\s*";
/** A bare figure (no unit) after an area figure, that takes its unit: "至少5000平，最多一万", "5000平，3000也行". */
const NEXT_BARE = new RegExp(`^${JOINED}(?<pre>[^0-9${CN}，。；;,!?！？、\\n]{0,8}?)(?<lo>${NUM})(?:${SEP}(?<hi>${NUM}))?`, "d");
/** …before one, that takes its unit: "至少5000，最多一万平", "面积5000以上，一万平以内". */
const PREV_BARE = new RegExp(`(?<lo>${NUM})(?<suf>\\s*(?:及以上|或以上|以上|起|及以下|或以下|以下|以内|之内|封顶))?${JOINED}$`, "d");
/** What may stand before a bare bound in its clause: words of the need, never of another field ("预算至少5000"). */
const BARE_LEAD = new RegExp(`^\\s*(?:(?:面积|建筑面积|占地|需要|需|要|想要|我们|\\barea\\b|${USE_WORDS.source})\\s*(?:的)?\\s*)*$`, "i");
/** After a bare figure wished: a blank or its clause's end, no unit (bareBeside). */
const BARE_THEN = new RegExp(`^(?!\\s*${AREA_UNIT})(?:\\s|$|[，。；;,!?！？、\\n])`);
/** After a bare figure: its clause ends (past a comparison and an accepting word) — never a unit of something else. */
const BARE_END = /^\s*(?:$|[，。；;,!?！？、\n)）])/;

/**
 * Two figures of one area (docs/decisions/112): `first` as read, `other` a figure after it (or a bare bound
 * before it) — the bounds both say, or null when they are not one area's. At least beside at most ("至少5000平，
 * 最多一万平") are the two bounds; a figure accepted beside the first ("5000平，3000平也行", "3000到5000都可以")
 * widens it to take both (a lone figure's "about" gives way to the two figures said).
 */
/** Whether two figures are within ABOUT_SHARE of each other: one size, said twice ("30亩" and "2万平"). */
function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= ABOUT_SHARE * Math.max(a, b);
}

/**
 * Whether `other`, a bound accepted beside `first` ("…也行", "… is fine"), lies on the far side of it — at most a figure at or
 * above the first's lower end ("至少5000平，不超过8000平也行", "5000平左右，不超过8000平也行"), at least a figure at or below the
 * first's upper end ("最多8000平，5000平以上也行") — so that it cannot be a fallback ("4000平以下也行" beside 5000 is one).
 */
function noFallback(first: AreaRead, other: AreaRead): boolean {
  if (first.said === "range") return false;
  const [fLow, fHigh] = first.said === "about" ? [first.value, first.value] : [first.lo, first.hi];
  if (other.said === "max" && first.said !== "max") return other.hi! > (fLow ?? Infinity);
  if (other.said === "min" && first.said !== "min") return other.lo! < (fHigh ?? -Infinity);
  return false;
}

/**
 * Two parts of one need added (docs/decisions/117, 122): each side that both give, summed — two about figures
 * are about their sum, "至少3000平" and "至少2000平" at least 5000, "3000-4000平" and "2000平左右" 4800–6200. The
 * sum takes `other`'s numbers and unit (the last part's: a third is tied as it is). Null when no side is given
 * by both ("至少3000平" and "最多2000平" say nothing of a total).
 */
function sumOf(f: AreaRead, other: AreaRead): (AreaRead & { open?: undefined }) | null {
  const lo = f.lo !== undefined && other.lo !== undefined ? f.lo + other.lo : undefined;
  const hi = f.hi !== undefined && other.hi !== undefined ? f.hi + other.hi : undefined;
  if (lo === undefined && hi === undefined) return null;
  const about = f.said === "about" && other.said === "about";
  return {
    ...other,
    said: lo === undefined ? "max" : hi === undefined ? "min" : about ? "about" : "range",
    lo,
    hi,
    value: f.value + other.value,
    span: [Math.min(f.span[0], other.span[0]), Math.max(f.span[1], other.span[1])],
  };
}

function bothBounds(first: AreaRead, other: AreaRead, accepted: boolean): { lo?: number; hi?: number; open?: "lo" | "hi" } | null {
  // "至少5000平，不超过8000平也行", "at least 5000 sqm, not more than 8000 sqm is fine", "最多8000平，5000平以上也可以": an accepting
  // word after a bound on the far side of the first is no fallback — a fallback downward lies below what was asked, upward
  // above it. It is the other bound, said kindly: read as said (docs/decisions/139).
  if (accepted && noFallback(first, other)) return bothBounds(first, other, false);
  // "要5000平，4000平以下也行": a fallback downward opens the lower side, the first stays the upper end (amended);
  // "5000平，6000平以上也行" opens the upper side. A first bound on that side already open keeps the first as read.
  if (accepted && other.said === "max" && first.said !== "max")
    return first.said === "min" ? { open: "lo" } : { hi: first.said === "range" ? first.hi : first.value, open: "lo" };
  if (accepted && other.said === "min" && first.said !== "min")
    return first.said === "max" ? { open: "hi" } : { lo: first.said === "range" ? first.lo : first.value, open: "hi" };
  if (accepted && (other.said === "max" || other.said === "min")) return null;
  if (accepted) {
    const [low, high] = other.said === "range" ? [other.lo!, other.hi!] : [other.value, other.value];
    const [fLow, fHigh] = first.said === "range" ? [first.lo!, first.hi!] : [first.value, first.value];
    if (first.said === "about" || first.said === "range") {
      const b = { lo: Math.min(fLow, low), hi: Math.max(fHigh, high) };
      // "30亩，2万平也行", "30亩或2万平": one size said twice (30亩 = 20000 ㎡), in two units or the same figure
      // again — within a tenth of each other. Their span would be no range (20000–20000.1): read as about
      // both, from the smaller's −10 % to the larger's +10 % (docs/decisions/117).
      if (first.said === "about" && other.said === "about" && (first.unitSqm !== other.unitSqm || low === fLow) && sameSize(fLow, low))
        return { lo: aboutRange(b.lo)[0], hi: aboutRange(b.hi)[1] };
      return b.lo < b.hi ? b : null;
    }
    // "2万平以上，30亩也行" (30亩 = 2万平): one size said again keeps the bound, whichever unit came first (docs/decisions/122).
    if (first.said === "min") return low < first.lo! || sameSize(low, first.lo!) ? { lo: Math.min(low, first.lo!) } : null;
    return high > first.hi! || sameSize(high, first.hi!) ? { hi: Math.max(high, first.hi!) } : null;
  }
  if (first.said === "min" && other.said === "max" && other.hi! >= first.lo!) return { lo: first.lo, hi: other.hi };
  // "5000平左右，最多6000平": the bound said keeps its side, the "about" the other (trial of 2026-12-04).
  if (first.said === "about" && other.said === "max" && other.hi! >= first.lo!) return { lo: first.lo, hi: other.hi };
  if (first.said === "about" && other.said === "min" && other.lo! <= first.hi!) return { lo: other.lo, hi: first.hi };
  if (first.said === "max" && other.said === "min" && other.lo! <= first.hi!) return { lo: other.lo, hi: first.hi };
  // "超过6000平不要，5000平左右", "最多6000平，5000平左右": the bound said first keeps its side all the same (docs/decisions/117).
  if ((first.said === "min" || first.said === "max") && other.said === "about") return bothBounds(other, first, false);
  // "不考虑5000平以上的，3000到4000平": a range and a bound said of one area: what both allow, when anything.
  if ((first.said === "range") !== (other.said === "range") && first.said !== "about" && other.said !== "about") {
    const lo = Math.max(first.lo ?? 0, other.lo ?? 0);
    const hi = Math.min(first.hi ?? Infinity, other.hi ?? Infinity);
    return lo <= hi ? { lo, hi } : null;
  }
  return null;
}

/**
 * The area: the first figure that is the lead's wins, as said. A range (also a spoken one: 一千五六百平) sets
 * both bounds; a single value is read with the comparison around it (comparison.ts): at least (以上/不低于/
 * 不能低于/起码/最小/大于等于, 五千多) = min only, at most (以内/不超过/不能大于/封顶) = max only, and otherwise —
 * 左右/约/十来亩/千把平, and a lone figure ("要5000平的厂房") too — about: aboutRange, ±10 % (ADR 070). A lone
 * figure said on a call is a round figure, not an exact bound: read as min = max it made every space
 * "smaller" or "larger than asked".
 *
 * docs/decisions/112: a figure tied to a use that is not the lead's kind as chosen (`x.leadKind`; none chosen,
 * none is set aside: "需要1000平办公楼+5000平厂房" on a factory lead, "其中办公1000平", "1000平宿舍") is no figure of the
 * lead's: set aside (`otherUse`) with its use word, for the recruiter. The first figure's other bound may
 * follow it — or, written bare, come right before it — and is read with it (bothBounds): "至少5000平，最多一万平"
 * = 5000–10000, "5000平以上，一万平以内", "面积至少5000，最多10000平", "5000平，3000平也行" = 3000–5000. A bare
 * figure beside an area figure takes its unit. Any other later figure is told as before (unread).
 *
 * Amended (docs/decisions/112, "Amended"): an inclusion word (含/带/包括/配) is read as 其中 when the lead's total
 * is given apart (共/合计/总面积 … later in the sentence, or the included use in brackets): "厂房，含办公1000平，
 * 共5000平" is 5000, the office's 1000 set aside. A figure ruled out ("不要5000平", "5000平的不行", RULED_OUT_BEFORE/
 * AFTER) fills nothing and is told (`ruledOut`); bounds built on a negation (不超过, 不少于) are no rule-out.
 * "3000+2000平" is the sum (about 5000), "3000或5000平" either (3000–5000); an accepted "4000平以下也行" beside the
 * first opens the lower side (bothBounds), "6000平以上也行" the upper.
 */
/** Words of a wish before an area figure in its clause: "最好是6000平", "尽量6000平左右", "ideally 6000 sqm" (docs/decisions/146). */
const PREFERRED_AREA_BEFORE =
  /(?:最好|尽量|尽可能|理想(?:的)?|\b(?:ideally|preferably|would\s+prefer|prefer|best)\b)[^0-9，。；;,!?！？、\n]{0,8}$/i;
/** Before a count of one unit that asks for more: "二期再要1栋", "还要一栋", "另外租1栋". */
const ONE_MORE = /(?:再|还|另|另外|额外)\s*(?:要|需要|需|租|买|找)?\s*$/;
/** A total said in the count's clause: "3栋厂房共15000平" (ADR 130: the total, no count read — not told again). */
const TOTAL_IN_CLAUSE = /(?:共|合计|总计|总共|总面积|\btotal\b|\bin\s+all\b).*?(?:平|㎡|亩|sqm|m2)/i;
/**
 * A total area said in the count's sentence, in any clause: "共8000平，分两栋", "两栋，合计8000平方米", "two buildings, 8000 sqm in
 * total", "total of 8000 sqm" — ADR 130's total as "3栋厂房共15000平" is (docs/decisions/147): no count read, not told.
 */
const TOTAL_SAID = new RegExp(
  `(?:共|合计|总计|总面积|总建筑面积)[^0-9${CN}，。；;,!?！？、\\n]{0,4}${NUM}\\s*${AREA_UNIT}|${NUM}\\s*${AREA_UNIT}\\s*(?:in\\s+total|in\\s+all|altogether|total)\\b|\\btotal(?:\\s+area)?\\s*(?:of|is|:)?\\s*(?:about\\s+)?${NUM}\\s*${AREA_UNIT}`,
  "i",
);

/**
 * The counts of units (栋, 块, 个冷库, "buildings" … not 层, not floors) that no area figure was read with, outside the
 * premises the enterprise has and the words set aside or told: each clause told unread (docs/decisions/136).
 */
function tellUnusedCounts(x: Extraction, used: readonly Span[]): void {
  const inside = (at: number, spans: readonly Span[]) => spans.some(([a, b]) => at >= a && at < b);
  for (const m of x.s.matchAll(UNITS_COUNTED)) {
    const at = m.index;
    if (m.groups!.c === "层" || /floor/i.test(m[0])) continue;
    if (
      inside(at, used) ||
      inside(
        at,
        x.setAside.map((f) => f.span),
      ) ||
      inside(at, x.unread)
    )
      continue;
    const t = m.groups!.n ?? m.groups!.n2!;
    const n = EN_COUNT.includes(t.toLowerCase()) ? EN_COUNT.indexOf(t.toLowerCase()) + 2 : readCount(t);
    if (n === null || n === x.hints.unitCount) continue;
    // "还要一栋2000平的仓库": a count right before another figure is that figure's, read or set aside with it.
    const next = at + m[0].length + /^\s*(?:大?约)?\s*/.exec(x.s.slice(at + m[0].length))![0].length;
    if (x.isClaimed([next, next + 1])) continue;
    const clause = x.clauseOf([at, at + m[0].length]);
    if (n === 1 && !ONE_MORE.test(x.s.slice(clause[0], at))) continue;
    if (TOTAL_IN_CLAUSE.test(x.s.slice(...clause)) || TOTAL_SAID.test(x.s.slice(sentenceStart(x.s, at), sentenceEnd(x.s, at)))) continue;
    if (x.asideWhy("area", [at, at + m[0].length], [at, at + m[0].length], at + m[0].length)) continue;
    x.reject(clause, [at, at + m[0].length]);
  }
}

/** A measure word of one unit (not 层: floors are one building's). */
const UNIT_MW = "(?:栋|幢|座|个|间|块|处|套)";
/** A use word that may follow a unit's measure word or figure: 一栋厂房3000平, 3000平的仓库一个. */
const UNIT_USE = "(?:(?:单层|多层|标准)?(?:厂房|仓库|冷库|库房|车间|厂|楼|办公楼|写字楼|办公室|地块|土地|地))";
const UNIT_FIG = `${NUM}\\s*${AREA_UNIT}`;
/** How many units of one size: 1–99 in digits or numerals ("2栋", "两栋", "十二个"). */
const SIZED_COUNT = `(?:[0-9]{1,2}|[一二两俩三四五六七八九十]{1,3})`;
/**
 * One unit's size: a figure with its unit or a range ("3000-4000平", "三到五千平"), 多/余 or 来/把 between the figure and
 * the unit ("3000多平": at least); named groups a (a range's low end), b, inf, u.
 */
const SIZE_FIG = `(?:(?<a>${NUM})\\s*(?:${AREA_UNIT})?\\s*(?:-|~|到|至|\\bto\\b)\\s*)?(?<b>${NUM})\\s*(?<inf>${INFIX_MORE}|${INFIX_ABOUT})?\\s*(?<u>${AREA_UNIT})`;
/** Words between a unit and its size, checked after (sizedBounds): 面积, 约, 至少, 不低于 … */
const SIZE_PRE = `(?<pre>[^0-9${CN}，。；;,!?！？、\\n]{0,10}?)`;
/** Not a unit counted: 个月, 个小时, 间隔 … */
const NOT_UNIT_AFTER = "(?![月小钟星礼期天周年号隔])";
/**
 * Units with their size, the size after: "一栋3000平", "另一栋4000平", "一个冷库约2000平", "2栋3000平", "一栋3000平以上",
 * "一栋面积不低于3000平".
 */
const SIZED_UNIT_BEFORE = new RegExp(
  `(?:(?:另外?|还有|再|加)\\s*)?(?<![0-9${CN}])(?<![A-Za-z][-_]?)(?:(?<k>${SIZED_COUNT})\\s*${UNIT_MW}${NOT_UNIT_AFTER}\\s*${UNIT_USE}?\\s*${SIZE_PRE}|(?<kx>[0-9]{1,2})\\s*${UNIT_MW}?\\s*[x×*]\\s*)\\s*${SIZE_FIG}`,
  "gd",
);
/** Units with their size, the size before: "3000平的一栋", "3000平2栋", "3000平米左右的厂房要2栋", "5000平以上1栋". */
const SIZED_UNIT_AFTER = new RegExp(
  `${SIZE_FIG}\\s*(?:左右|上下|前后|及以上|或以上|以上|及以下|或以下|以下|以内|之内|起)?\\s*(?:的)?\\s*${UNIT_USE}?\\s*(?:(?:要|需要|需)?\\s*(?<k>${SIZED_COUNT})\\s*${UNIT_MW}${NOT_UNIT_AFTER}` +
    `|[x×*]\\s*(?<kx>[0-9]{1,2})(?![0-9.])\\s*(?:${UNIT_MW}${NOT_UNIT_AFTER})?(?!\\s*(?:层|楼|个?月|年|天|米|m\\b|个?小时)))`,
  "gd",
);
/**
 * Units named by a label, each one unit: "A栋3000平，B栋5000平", "1号楼3000平，2号楼5000平", "一号厂房3000平", "Building A: 3000 sqm;
 * Building B: 5000 sqm" (docs/decisions/147, amended).
 */
const SIZED_UNIT_LABEL = new RegExp(
  `(?<k>(?<![a-z0-9])[a-z](?:[-_]?[0-9]{1,2})?(?=\\s*(?:栋|幢|座|号|地块|厂房|仓库|车间))|(?<![0-9${CN}])(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\\s*[号#]|\\b(?:building|block|unit|warehouse|plot|hall|plant)\\s+(?:[a-z]|[0-9]{1,2})\\b)` +
    `\\s*(?:栋|幢|座|楼|厂房|仓库|车间|地块)?\\s*[:：]?\\s*${SIZE_PRE}\\s*${SIZE_FIG}`,
  "gdi",
);
const EN_UNIT_NOUN = "(?:buildings?|units?|warehouses?|factory|factories|plants?|blocks?|halls?|plots?|workshops?|sheds?)";
/**
 * Units with their size in English: "one 3000 sqm building", "another of 5000 sqm", "two buildings of 3000 sqm", "one of
 * at least 5000 sqm", "a 3000 sqm warehouse".
 */
const SIZED_UNIT_EN = new RegExp(
  `\\b(?<k>one|another|an?|${EN_COUNT.join("|")}|[0-9]{1,2})\\s*(?:[x×*]\\s*|\\s(?:more\\s+)?)(?:${EN_UNIT_NOUN}\\s+)?(?:(?:of|at|with|sized)\\s+)?` +
    `(?<pre>(?:about|around|approx(?:imately|\\.)?|roughly|at\\s+least|at\\s+most|up\\s+to|over|more\\s+than|less\\s+than|under|min(?:imum)?|max(?:imum)?)\\s+)?` +
    `${SIZE_FIG}`,
  "gdi",
);
/** After an English unit's size: its noun and "each" ("one 3000 sqm building", "two of 3000 sqm each"). */
const EN_UNIT_TAIL = new RegExp(`^(?:\\s*-?\\s*${EN_UNIT_NOUN}\\b)?(?:\\s+each\\b)?`, "i");
/**
 * What may stand between two sized units: a mark — a full stop too, "一栋3000平。另一栋5000平。" (docs/decisions/147) —
 * 和/及/与/跟, another's word (另外/还有/再要), "and", "plus"; a 的 ending the first ("两栋3000平的，一栋5000平的").
 */
const SIZED_JOIN =
  /^\s*(?:的)?\s*(?:[，,、;；/。.\n]|和|及|与|跟|以及|加上?|\+|\band\b|\bplus\b)?\s*(?:(?:[0-9]{1,2}\s*[、.)）]|[一二三四五六七八九十]{1,3}\s*、|[(（](?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[)）]|[①-⑩])\s*)?(?:\band\b)?\s*(?:另外|还有|还要|再要|再)?\s*$/i;
/** A numbered item's mark, "1、" (or "一、", docs/decisions/153) after a line's or clause's start (attack 12-05h H5): no size of a list. */
const ITEM_NUMBER = /(?:^|[，,；;。：:\n\s])(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*、$/;
/** One listed size: a figure with its unit, 左右 after it taken. */
const LISTED_FIG = `${UNIT_FIG}(?:\\s*(?:左右|上下))?`;
/** Sizes listed, then each so many units: "3000平和5000平各一栋", "2000平、3000平、5000平的厂房各一个", "…各两栋". */
const SIZES_EACH_ONE = new RegExp(
  `(?<list>${LISTED_FIG}(?:\\s*(?:[、，,/]|和|及|与|跟)\\s*${LISTED_FIG})+)\\s*(?:的)?\\s*${UNIT_USE}?\\s*各\\s*(?:要|需要|需)?\\s*(?<k>${SIZED_COUNT})\\s*${UNIT_MW}`,
  "gd",
);
/** Sizes said one by one after 分别: "两栋厂房，分别3000平和5000平", "面积分别为2000、4000平". */
const SIZES_RESPECTIVELY = new RegExp(
  `分别\\s*(?:是|为|约|要|需要)?\\s*(?<list>${NUM}\\s*(?:${AREA_UNIT})?(?:\\s*(?:左右|上下))?(?:\\s*(?:[、，,/]|和|及|与|跟)\\s*${NUM}\\s*(?:${AREA_UNIT})?(?:\\s*(?:左右|上下))?)+)`,
  "gd",
);
/** Sizes listed (2 to 10): each with its unit, or bare before a joiner — the last has its unit ("3000 and 5000 sqm"). Bounded: one short look from each figure. */
const LIST_SEP = "(?:\\s*(?:[、，,/+＋]|和|及|与|跟|\\band\\b)\\s*)";
const SIZE_LIST = `(?<list>(?:${NUM}\\s*(?:${AREA_UNIT}(?:\\s*(?:左右|上下))?|(?=${LIST_SEP}))${LIST_SEP}){1,9}${NUM}\\s*${AREA_UNIT}(?:\\s*(?:左右|上下))?)`;
const EN_UNITS_NOUN = "(?:buildings|units|blocks|halls|warehouses|factories|workshops|plants|plots|sheds)";
/** A count of units, then as many sizes: "两栋：3000平和5000平", "两栋厂房（3000平、5000平）", "two buildings: 3000 sqm and 5000 sqm". */
const SIZES_OF_COUNT = new RegExp(
  `(?:(?<![0-9${CN}])(?<k>${SIZED_COUNT})\\s*${UNIT_MW}${NOT_UNIT_AFTER}\\s*${UNIT_USE}?|\\b(?<k2>${EN_COUNT.join("|")}|[0-9]{1,2})\\s+(?:[a-z-]+\\s+)?${EN_UNITS_NOUN}\\b)` +
    `\\s*(?:[:：(（,，]|\\bof\\b)\\s*(?:分别|各)?\\s*(?:是|为)?\\s*${SIZE_LIST}`,
  "gdi",
);
/** As many sizes, then their count: "3000平+5000平两栋", "3000平和5000平的厂房，共两栋". */
const SIZES_THEN_COUNT = new RegExp(
  `${SIZE_LIST}\\s*(?:的)?\\s*${UNIT_USE}?\\s*[，,]?\\s*(?:共|一共|总共)?\\s*(?:要|需要|需)?\\s*(?<k>${SIZED_COUNT})\\s*${UNIT_MW}${NOT_UNIT_AFTER}(?!\\s*各)`,
  "gd",
);
const A_FIGURE = new RegExp(`(?<n>${NUM})\\s*(?<u>${AREA_UNIT})?`, "g");
/** Words that may stand before a unit's size and say nothing of it (sizedBounds). */
const SIZE_FILLER = /^(?:的|建筑面积|面积|大小|为|是|需要|要|需|在|都|\s)*/;
/** The sizes' total said after them in their sentence: "一栋3000平一栋5000平，共8000平" (checked against their sum). */
const TOTAL_AFTER_SIZES = new RegExp(
  `^\\s*[，,]?\\s*(?:总共|一共|共|合计|总计|总面积|总建筑面积|in\\s+total|total(?:\\s+of)?|altogether)\\s*(?:约|大约|为|是|:|：)?\\s*(?<t>${NUM})\\s*(?<u>${AREA_UNIT})(?:\\s*(?:in\\s+total|in\\s+all|altogether))?`,
  "di",
);

/** A need of units with their sizes: each item so many units (`k`) of one size, its bounds in ㎡ (either may be open). */
type SizedItem = { at: number; end: number; fig: Span; k: number; lo?: number; hi?: number; exact?: number; label?: string };

/**
 * The bounds of one unit's size as said (docs/decisions/147): a figure alone or about ("3000平", "3000平左右", "约3000平")
 * is that size, as ADR 141 takes it (the matcher's tolerances widen it); at least ("3000平以上", "至少3000平", "3000多平")
 * leaves the top open, at most ("3000平以内") the bottom; a range both. Null when the words before it are no comparison
 * ("一个月内要3000平": not this unit's size) or the figure does not read.
 */
function sizedBounds(
  s: string,
  g: Record<string, [number, number] | undefined>,
  pre: string,
): { fig: Span; end: number; lo?: number; hi?: number; exact?: number } | null {
  const [b, u] = [g.b!, g.u!];
  const unit = s.slice(...u);
  const perUnit = parseArea(`1${unit}`, "sqm");
  if (perUnit === null) return null;
  const fig: Span = [(g.a ?? b)[0], u[1]];
  const rest = pre.replace(SIZE_FILLER, "");
  const before = rest ? comparisonBefore(rest) : null;
  if (rest && before?.length !== rest.length) return null;
  const after = comparisonAfter(s.slice(u[1]));
  const end = u[1] + (after?.length ?? 0);
  if (g.a) {
    const r = readRange(s.slice(...g.a), s.slice(...b), true);
    return r && r[0] > 0 && r[0] < r[1] ? { fig, end, lo: r[0] * perUnit, hi: r[1] * perUnit } : null;
  }
  const t = readToken(s.slice(...b));
  if (!t || t[0] !== t[1] || !(t[0] > 0)) return null;
  const v = t[0] * perUnit;
  const cmp = after?.cmp ?? (g.inf ? infixComparison(s.slice(...g.inf)) : null) ?? before?.cmp ?? "about";
  return cmp === "min" ? { fig, end, lo: v } : cmp === "max" ? { fig, end, hi: v } : { fig, end, lo: v, hi: v, exact: v };
}

/**
 * Units of different sizes, each with its own figure (trial M2, docs/decisions/141, 147): "需要两栋厂房，一栋3000平一栋5000平",
 * "一栋2000平，另一栋4000平", "3000平2栋，5000平1栋", "3000平和5000平各一栋", "one 3000 sqm building and one 5000 sqm building",
 * "two buildings of 3000 sqm and one of 5000 sqm", "一栋3000平以上，一栋5000平左右", and in two sentences ("一栋3000平。另一栋5000平。").
 * Stored as the count of units (the sum of each size's count), each unit between the smallest and the largest size
 * — a size said "以上" leaves the top open, "以内" the bottom (docs/decisions/147) — the area the total of that, and told
 * (`unitSizes`): a park with the two sizes fits, and so do two of either — the recruiter checks. A count of the same
 * units said in the sentence or the sentence before ("需要两栋厂房。…") is theirs when it agrees; another is told
 * (tellUnusedCounts). Sizes said as alternatives ("…，一栋5000平也行") are no units of sizes. Returns the spans of the counts and
 * figures read (for tellUnusedCounts), or null when the notes say no such units (the figures read as before).
 */
function unitsOfSizes(x: Extraction): Span[] | null {
  const s = x.s;
  const runs: { items: SizedItem[]; either: boolean }[] = [];
  // Units said one by one ("一栋3000平一栋5000平", "3000平2栋，5000平1栋", "one … and one …"): consecutive, joined only by a mark or 和.
  for (const re of [SIZED_UNIT_BEFORE, SIZED_UNIT_AFTER, SIZED_UNIT_EN, SIZED_UNIT_LABEL]) {
    let run: SizedItem[] = [];
    let either = false;
    for (const m of s.matchAll(re)) {
      const g = m.indices!.groups!;
      const t = (m.groups!.k ?? m.groups!.kx!).toLowerCase();
      const k =
        re === SIZED_UNIT_LABEL || /^(?:one|another|an?)$/.test(t) ? 1 : EN_COUNT.includes(t) ? EN_COUNT.indexOf(t) + 2 : readCount(t);
      if (k === null || !(k >= 1)) continue;
      // The size before its count ("约3000平的一栋", "至少3000平的2栋"): a comparison right before it in its clause is its own.
      const ahead = re === SIZED_UNIT_AFTER ? (comparisonBefore(s.slice(x.clauseStart(m.index), m.index))?.length ?? 0) : 0;
      const size = sizedBounds(s, g, m.groups!.pre ?? s.slice(m.index - ahead, m.index));
      if (!size || x.isClaimed(size.fig)) continue;
      const at = m.index - ahead;
      let end = Math.max(m.index + m[0].length, size.end);
      if (re === SIZED_UNIT_EN) end += EN_UNIT_TAIL.exec(s.slice(end))![0].length;
      const label = re === SIZED_UNIT_LABEL ? t.replace(/[-_\s#号]/g, "") : undefined;
      const item: SizedItem = { at, end, fig: size.fig, k, lo: size.lo, hi: size.hi, exact: size.exact, label };
      const prev = run[run.length - 1];
      if (prev && !SIZED_JOIN.test(s.slice(prev.end, item.at))) {
        runs.push({ items: run, either });
        [run, either] = [[], false];
      }
      run.push(item);
      // "一栋3000平，一栋5000平也行": either size, not both (bothBounds reads it).
      if (ACCEPT_AFTER.test(s.slice(item.end))) either = true;
    }
    runs.push({ items: run, either });
  }
  // Sizes listed with 各一栋 or after 分别: the list's figures (a bare one takes the unit written after the last).
  // …or a count of units and as many sizes, before or after it: one unit of each ("two buildings: 3000 sqm and 5000 sqm",
  // "3000平+5000平两栋"; docs/decisions/147, amended). Another count is no such list (told, as before).
  for (const re of [SIZES_EACH_ONE, SIZES_RESPECTIVELY, SIZES_OF_COUNT, SIZES_THEN_COUNT]) {
    const oneEach = re === SIZES_OF_COUNT || re === SIZES_THEN_COUNT;
    for (const m of s.matchAll(re)) {
      const [a, b] = m.indices!.groups!.list;
      const list = s.slice(a, b);
      // "1、3000平2栋；2、5000平1栋": the items' numbers are no sizes (the units are read one by one above).
      if ([...list.matchAll(A_FIGURE)].some((f) => !f.groups!.u && ITEM_NUMBER.test(s.slice(0, a + f.index + f[0].length + 1).slice(-6))))
        continue;
      const unit = [...list.matchAll(A_FIGURE)]
        .map((f) => f.groups!.u)
        .filter(Boolean)
        .pop();
      const said = m.groups!.k ?? m.groups!.k2;
      const t = said?.toLowerCase();
      const count = t === undefined ? 1 : EN_COUNT.includes(t) ? EN_COUNT.indexOf(t) + 2 : readCount(t);
      if (oneEach && count !== [...list.matchAll(A_FIGURE)].length) continue;
      const k = oneEach ? 1 : count;
      if (!unit || k === null || !(k >= 1)) continue;
      const items: SizedItem[] = [];
      for (const f of list.matchAll(A_FIGURE)) {
        const sqm = parseArea(`${f.groups!.n}${f.groups!.u ?? unit}`, "sqm");
        const fig: Span = [a + f.index, a + f.index + f[0].length];
        if (sqm !== null && sqm > 0 && !x.isClaimed(fig))
          items.push({ at: m.index, end: m.index + m[0].length, fig, k, lo: sqm, hi: sqm, exact: sqm });
      }
      runs.push({ items, either: ACCEPT_AFTER.test(s.slice(m.index + m[0].length)) });
    }
  }
  const sizeKey = (i: SizedItem) => `${i.lo}-${i.hi}`;
  // Units of one size count too when each has its own label ("A栋3000平，B栋3000平": two buildings, attack 12-05h M5).
  const labelled = (items: SizedItem[]) => items.every((i) => i.label) && new Set(items.map((i) => i.label)).size === items.length;
  const sized = (items: SizedItem[]) => items.length >= 2 && (new Set(items.map(sizeKey)).size >= 2 || labelled(items));
  // Units the enterprise has ("现有一栋3000平，一栋5000平", "去年租了…"): its premises, set aside as the reader does one unit
  // (docs/decisions/128), the figures after them still read ("…，想再找一栋8000平"). A run ends before a unit said to be had.
  const own = (i: SizedItem) => x.asideWhy("area", [i.at, i.end], [i.at, i.end], i.end) !== null;
  let run: SizedItem[] | undefined;
  for (const r of runs) {
    if (r.either || !sized(r.items) || r.items.some((i) => x.isClaimed(i.fig))) continue;
    if (own(r.items[0])) {
      const words: Span = [x.clauseStart(r.items[0].at), Math.max(...r.items.map((i) => i.end))];
      x.putAsideWords(words, r.items[0].fig, "own");
      for (const i of r.items) x.claim(i.fig);
      continue;
    }
    const cut = r.items.findIndex(own);
    const items = cut < 0 ? r.items : r.items.slice(0, cut);
    if (sized(items)) {
      run = items;
      break;
    }
  }
  if (!run) return null;
  const n = run.reduce((sum, i) => sum + i.k, 0);
  if (n > 99) return null;
  // Each unit between the smallest and the largest size; a side one size leaves open stays open.
  let min = run.every((i) => i.lo !== undefined) ? Math.min(...run.map((i) => i.lo!)) : undefined;
  let max = run.every((i) => i.hi !== undefined) ? Math.max(...run.map((i) => i.hi!)) : undefined;
  // Labelled units of one size said about it ("A栋3000平，B栋3000平"): each about that size, as "2栋3000平" is (ADR 070).
  const oneSize = new Set(run.map(sizeKey)).size === 1;
  if (oneSize && run[0].exact !== undefined) [min, max] = aboutRange(run[0].exact);
  if ((max ?? min ?? 0) * n > FIELD_LIMITS.areaSqm) return null;
  let span: Span = [Math.min(...run.map((i) => i.at)), Math.max(...run.map((i) => i.end))];
  const used: Span[] = [span];
  // "一栋3000平以下，一栋5000平以上": no size bounds every unit — told, nothing stored (never a guess).
  if (min === undefined && max === undefined) {
    x.reject(span, run[0].fig, true);
    for (const i of run) x.claim(i.fig);
    return used;
  }
  // "…，共8000平": the sizes' total said after them is theirs when it is their sum (another total is told, as before).
  const total = TOTAL_AFTER_SIZES.exec(s.slice(span[1]));
  if (total && run.every((i) => i.exact !== undefined)) {
    const sqm = parseArea(`${total.groups!.t}${total.groups!.u}`, "sqm");
    const sum = run.reduce((t, i) => t + i.k * i.exact!, 0);
    if (sqm !== null && Math.abs(sqm - sum) < 0.01) {
      const t = total.indices!.groups!.t;
      x.claim([span[1] + t[0], span[1] + total.indices!.groups!.u[1]]);
      span = [span[0], span[1] + total[0].length];
      used.push(span);
    }
  }
  // "需要两栋厂房，一栋3000平一栋5000平", "需要两栋厂房。一栋3000平，一栋5000平。": the count said of these units in their sentence
  // or in the sentence before (one that gives no area of its own), when it agrees, is read with them.
  let from = sentenceStart(s, span[0]);
  if (from > 0) {
    const before = sentenceStart(s, from - 1);
    if (!new RegExp(UNIT_FIG).test(s.slice(before, from))) from = before;
  }
  for (const m of s.slice(from, sentenceEnd(s, span[1])).matchAll(UNITS_COUNTED)) {
    const at = from + m.index;
    const t = m.groups!.n ?? m.groups!.n2!;
    const k = EN_COUNT.includes(t.toLowerCase()) ? EN_COUNT.indexOf(t.toLowerCase()) + 2 : readCount(t);
    if (k !== n || m.groups!.c === "层" || /floor/i.test(m[0]) || (at >= span[0] && at < span[1])) continue;
    if (x.asideWhy("area", [at, at + m[0].length], [at, at + m[0].length], at + m[0].length)) continue;
    used.push([at, at + m[0].length]);
    span = [Math.min(span[0], at), Math.max(span[1], at + m[0].length)];
  }
  if (min !== undefined) x.set("areaMinSqm", round2(min * n), span);
  if (max !== undefined) x.set("areaMaxSqm", round2(max * n), span);
  x.set("unitCount", n, span);
  if (min !== undefined) x.hints.unitAreaMinSqm = round2(min);
  if (max !== undefined) x.hints.unitAreaMaxSqm = round2(max);
  if (!oneSize) x.unitSizes.push(x.snippet(span));
  for (const i of run) x.claim(i.fig);
  return used;
}

function extractArea(x: Extraction): void {
  const uses = usesOf(x.s);
  // Only the kind chosen: the kind the notes name first may be the enterprise's own ("自有土地30亩，想再租一个3000平的仓库").
  const ownKind = x.leadKind;
  const countsUsed: Span[] = []; // where the counts the figures were read with are, and the text each search looked in
  // Units of different sizes ("一栋3000平一栋5000平", docs/decisions/141): the count, each unit between the sizes — the area read.
  const sized = unitsOfSizes(x);
  if (sized) return tellUnusedCounts(x, sized);
  let first: AreaRead | null = null;
  let pairing = true; // the first figure's other bound is looked for once: in the next figure of the area
  let partsOf: AreaRead | null = null; // the first of two parts whose total the sentence gives later (subUses)
  /** Whether the figure is another use's: then it is set aside with its use word. */
  const otherUse = (numSpan: Span, span: Span): boolean => {
    const qual = x.qualifier(numSpan, span[1]);
    const plot = plotBesideOwnFigure(x.s, uses, ownKind, span, qual.end);
    if (plot) {
      x.putAsideWords([span[0], plot], numSpan, "otherUse");
      return true;
    }
    const tied = tiedUses(x.s, uses, numSpan, qual.end);
    if (ownKind === undefined || tied.size === 0 || tied.has(ownKind)) return false;
    const words = [Math.min(span[0], qual.start), qual.end];
    const use = uses.filter(
      (u) =>
        tied.has(u.kind) &&
        (u.end <= words[0]
          ? GAP_BEFORE.test(x.s.slice(u.end, words[0]))
          : u.start >= words[1] && u.start - words[1] <= 8 && MOD_AFTER.test(x.s.slice(words[1], u.start))),
    );
    let a = Math.min(words[0], ...use.map((u) => u.start));
    // "需要2个3000平的仓库" on a factory lead: the count of the other use's units goes with its words (docs/decisions/139).
    a -= OTHER_USE_COUNT.exec(x.s.slice(x.clauseStart(a), a))?.[0].length ?? 0;
    let b = Math.max(words[1], ...use.map((u) => u.end));
    b += /^(?:楼|室|区|用房|中心)?/.exec(x.s.slice(b))![0].length; // the use's whole word: 办公楼, 办公室
    x.putAsideWords([a, b], numSpan, "otherUse");
    return true;
  };
  /**
   * Whether `f` and `other` are the figures of two parts of the lead's kind, each with its own use word
   * ("冷库1000平，常温库5000平", "生产车间3000平，成品仓库2000平" on a warehouse lead … ; docs/decisions/117): the lead
   * needs both, so the area is their sum, about it (the sum rule of ADR 112's amendment). Not when the second
   * is included in the first (其中, 含, 包括 … before it) or a total is given in the sentence (the total is said
   * apart), nor for a bound or a range (each said as its own; the first stays, as before). No kind chosen: the
   * two must be of one kind of the four.
   */
  const subUses = (f: AreaRead, other: AreaRead): "sum" | "total" | null => {
    if (!sumOf(f, other)) return null;
    const a = tieOf(x.s, uses, f.whole, f.span[1]);
    const b = tieOf(x.s, uses, other.whole, other.span[1]);
    if (!a || !b || a.chosen === b.chosen) return null;
    const kind = ownKind ?? (a.kinds.size === 1 ? [...a.kinds][0] : undefined);
    if (kind === undefined || kind === "other" || !a.kinds.has(kind) || !b.kinds.has(kind)) return null;
    if (INCLUDED_PART.test(x.s.slice(f.span[1], Math.min(other.span[0], b.chosen.start)))) return null;
    return TOTAL_LATER.test(x.s.slice(other.span[1], sentenceEnd(x.s, other.span[1]))) ? "total" : "sum";
  };
  /** Whether the person rules the figure out ("不要5000平", "5000平的不行"): then it fills nothing and is told (`ruledOut`). */
  /**
   * An open side refused is the other bound (docs/decisions/117, amending 112): "超过6000平不要", "6000平以上不考虑",
   * "不要6000平以上的" = at most 6000; "少于4000平不行", "4000平以下的不考虑" = at least 4000 — refusing what is above a
   * figure leaves what is up to it, no guess. Null when the figure is not refused so; else the bound said and the
   * refusal's words.
   */
  let refusedBound: { cmp: "min" | "max"; span: Span } | null = null;
  // The last bound refused by words before it ("不要3000平以下…"): its figure, where its words end, and the one before's end.
  let refusedBefore = { at: -1, end: -1, prev: -1 };
  /**
   * Where a refusal of the figure at `numSpan` (its words ending at `end`) ends, when one follows that RULED_OUT_AFTER did
   * not place (REFUSAL_ANYWHERE, docs/decisions/132): after a bound (`cmp`) up to the next figure of its sentence, after a
   * lone figure in its clause. Null when none, or when it refuses the side a bound leaves out anyway.
   */
  const refusalFurtherOn = (numSpan: Span, end: number, cmp: "min" | "max" | null): number | null => {
    // A lone figure's refusal in its clause — or past commas when the figure is what the sentence is about ("about 5000 sqm
    // is, for a company like ours, too big").
    const subject = /^\s*(?:sqm|m2|㎡)?\s*(?:is|are|would\s+be|will\s+be|seems?)\b/i.test(x.s.slice(end));
    const stop = cmp || subject ? sentenceEnd(x.s, numSpan[0]) : x.clauseOf(numSpan)[1];
    let rest = x.s.slice(end, Math.max(end, stop));
    const next = NEXT_FIGURE.exec(rest);
    if (next) rest = rest.slice(0, next.index);
    const r = REFUSAL_ANYWHERE.exec(rest);
    // "5000平以上就行，太大了不要": the bound said to do is the wish; what follows says which are not wanted.
    if (!r || BOUND_ACCEPTED.test(rest.slice(0, r.index))) return null;
    // "5000平以上，太贵的不要", "…，带行车的不要": "the … ones" are not wanted — which ones, not the figure (docs/decisions/128).
    const lead = rest.slice(0, r.index);
    if (r.groups!.end && /的\s*$/.test(lead) && (/[，,]/.test(lead) || /(?:太|偏|过)\S\s*的\s*$/.test(lead))) return null;
    if (cmp && r.groups!.side && TOO[cmp].test(r.groups!.side)) return null;
    // The refusal's words to the end of their clause ("…太大了不要").
    const to = r.index + r[0].length;
    return end + to + /^[^，。；;,!?！？、\n]*/.exec(rest.slice(to))![0].trimEnd().length;
  };
  const dropped: [Span, Span][] = []; // figures taken back with nothing in their place
  const ruledOut = (numSpan: Span, span: Span): boolean => {
    refusedBound = null;
    const qual = x.qualifier(numSpan, span[1]);
    const start = Math.min(span[0], qual.start);
    // English refusals are longer than 12 characters ("we can't take anything over", fix31).
    const from = Math.max(x.clauseStart(numSpan[0]), start - 48);
    const bound = qual.cmp === "min" || qual.cmp === "max";
    // "我们用不到5000平以上的" (docs/decisions/138): 不到 read as the comparison leaves 用 before it — the refusal's word.
    // "不要3000平以下的和8000平以上的", "nothing under 3000 sqm or over 8000 sqm": the refusal said before the first bound
    // governs the bound joined to it (docs/decisions/139).
    // (ruledOut may look at one figure twice: the end before it is the refusal of the figure before.)
    const prevEnd = refusedBefore.at === numSpan[0] ? refusedBefore.prev : refusedBefore.end;
    const joined =
      bound && prevEnd >= 0 && prevEnd <= start && JOINED_REFUSED.test(x.s.slice(prevEnd, start)) ? /$/.exec(x.s.slice(from, start)) : null;
    const before =
      RULED_OUT_BEFORE.exec(x.s.slice(from, start)) ??
      (qual.cmp === "min" && /^不[到着]/.test(x.s.slice(start)) ? /用\s*$/.exec(x.s.slice(from, start)) : null) ??
      joined;
    // "不需要大于5000平" (docs/decisions/139): comparison.ts reads 不需要 with its comparator as one bound (at most 5000), but a
    // word of ADR 138's not-needed list is a refusal of the side said — the bound it leaves is a ceiling alone, told as such.
    if (bound && NOT_NEEDED_FIRST.test(x.s.slice(start, numSpan[0]))) {
      refusedBound = { cmp: qual.cmp as "min" | "max", span: [start, qual.end] };
      return false;
    }
    const found = RULED_OUT_AFTER.exec(x.s.slice(qual.end));
    const text = found?.[0].replace(/[，。；;,!?！？、\n]$/, "") ?? "";
    // Past a comma only a bound's refusal of the side said ("6000平以上的车间，太大了，不用", docs/decisions/128): "5000平左右，
    // 太小了不行" and "5000平以上，太小了不行" refuse what the person does not want beside the figure, not the figure.
    const after = found && !(/[，,]/.test(text) && (!bound || TOO[qual.cmp as "min"].test(text))) ? found : null;
    if (!before && !after) {
      // fix31 (attack 31 F1): an English negation in the bound's clause that the words above cannot place ("we
      // never really go above 5000 sqm", "above 5000 sqm doesn't suit") — the figure is told, never stored as wanted.
      const rest = x.s.slice(qual.end).split(/[，。；;,!?！？\n]/)[0];
      // Not a comparison's own "not" ("not less than 3 mu and no more than 5 mu"), nor one before a joiner that names
      // something else ("we don't need a crane and at least 5000 sqm"): docs/decisions/139.
      const saidParts = x.s.slice(x.clauseStart(numSpan[0]), start).split(JOINER);
      const saidApart = saidParts.length > 1 && JOINED_WISH.test(saidParts[saidParts.length - 1]);
      const said = (saidApart ? saidParts[saidParts.length - 1] : saidParts.join(" ")).replace(EN_NOT_COMPARISON, "");
      const restParts = rest.split(JOINER);
      const next = (restParts.length > 1 && JOINED_OTHER.test(restParts[1]) ? restParts[0] : rest).replace(EN_NOT_COMPARISON, "");
      if (bound && (EN_NEGATION.test(said) || EN_NEGATION.test(next))) {
        x.reject([x.clauseStart(numSpan[0]), qual.end + rest.length], numSpan, true);
        return true;
      }
      // docs/decisions/132: a refusal further on than the words above reach — told, never stored reversed nor as the wish.
      const far = refusalFurtherOn(numSpan, qual.end, bound ? (qual.cmp as "min" | "max") : null);
      if (far) {
        x.reject([x.clauseStart(numSpan[0]), far], numSpan, true);
        return true;
      }
      return false;
    }
    if (bound) {
      const words: Span = [before ? from + before.index : start, qual.end + (after ? text.length : 0)];
      // "6000平以上不够", "3000平以下太大了": a refusal right after that says the other side — no bound can be read from it: told.
      if (after && TOO[qual.cmp as "min"].test(text)) {
        x.reject(words, numSpan, true);
        return true;
      }
      // "需要5000平以上，太大了不行": the bound is said as the wish, the refusal turns it — which is meant is not for the reader
      // to guess (docs/decisions/132): told, nothing stored.
      if (after && !before && WANT_HERE.test(x.s.slice(x.clauseStart(numSpan[0]), start))) {
        x.reject(words, numSpan, true);
        return true;
      }
      refusedBound = { cmp: qual.cmp === "max" ? "min" : "max", span: words };
      if (before && refusedBefore.at !== numSpan[0]) refusedBefore = { at: numSpan[0], end: qual.end, prev: refusedBefore.end };
      return false;
    }
    x.putAside(span, numSpan, "ruledOut");
    return true;
  };
  /**
   * Whether the figure (its words at `[a, end]`) is an area per head or per desk ("员工300人，每人10平", "10 sqm per person"):
   * no floor area the lead needs — told with its headcount, never stored (docs/decisions/128). Another use's ("宿舍每人10平")
   * is set aside before as such.
   */
  const perHead = ([a, end]: Span, whole: Span): boolean => {
    const after = PER_HEAD_AFTER.exec(x.s.slice(end));
    const before = PER_HEAD_BEFORE.exec(x.s.slice(x.clauseStart(a), a));
    if (!after && !before) return false;
    const [from, to] = [a - (before?.[0].length ?? 0), end + (after?.[0].length ?? 0)];
    const at = sentenceStart(x.s, from);
    const heads = [...x.s.slice(at, sentenceEnd(x.s, to)).matchAll(HEADCOUNT)].map((h) => [at + h.index, at + h.index + h[0].length]);
    const [c, d] = heads.filter(([h]) => h < from).pop() ?? heads.find(([h]) => h >= to) ?? [from, to];
    x.reject([Math.min(from, c), Math.max(to, d)], whole, true);
    return true;
  };
  /** `r` (a figure said with "more than" or "less than") as the bound its refusal leaves (refusedBound). */
  let refusedCeiling = false; // an upper bound was read from a refusal of the side above (docs/decisions/132)
  const asRefused = (r: AreaRead | null, bound: { cmp: "min" | "max"; span: Span } | null): AreaRead | null =>
    r && bound
      ? (bound.cmp === "max" && (refusedCeiling = true),
        {
          ...r,
          said: bound.cmp,
          lo: bound.cmp === "min" ? r.value : undefined,
          hi: bound.cmp === "max" ? r.value : undefined,
          span: [Math.min(r.span[0], bound.span[0]), Math.max(r.span[1], bound.span[1])],
        } as AreaRead)
      : r;
  const tryRe = (re: RegExp) =>
    x.each(re, (m, whole) => {
      let g = m.groups as Groups;
      let numSpan = whole;
      const before = x.s.slice(Math.max(0, numSpan[0] - 12), numSpan[0]);
      if (/第\s*$/.test(before)) return false; // 第三方 is an ordinal, not 3 ㎡
      const end = m.index + m[0].length;
      const matched: Span = [numSpan[0] === whole[0] ? m.index : numSpan[0], end];
      // "超过6000平的车间太大了不用": a bound refused is read as such (ruledOut), not as a figure taken back or the premises
      // had — their words are looked for right after the unit, where a comparison said before leaves the refusal.
      const q = x.qualifier(numSpan, end).cmp;
      if ((q === "min" || q === "max") && ruledOut(numSpan, matched)) return false;
      const bound = (q === "min" || q === "max") && refusedBound !== null;
      const asideEnd = bound ? x.s.length : end;
      if (first) {
        // After the lead's figure: another use's is set aside; the next of the lead's may be its other bound.
        if ((!bound && x.earlier(numSpan, end)) || x.asideWhy("area", numSpan, matched, asideEnd)) return false;
        if (ruledOut(numSpan, matched) || otherUse(numSpan, matched) || perHead(matched, whole)) return false;
        if (partsOf && TOTAL_BEFORE.test(x.s.slice(x.clauseStart(numSpan[0]), numSpan[0]))) {
          const total = readingOf(g, numSpan, whole, end, m.index);
          if (total) {
            const span: Span = [partsOf.span[0], total.span[1]];
            x.unset("areaMinSqm");
            x.unset("areaMaxSqm");
            if (total.lo !== undefined) x.set("areaMinSqm", round2(total.lo), span);
            if (total.hi !== undefined) x.set("areaMaxSqm", round2(total.hi), span);
            x.claim(total.whole);
          }
          partsOf = null;
          pairing = false;
          return false;
        }
        // "30亩（约2万平方米）": one size again in brackets is read with the first, not told as unread (docs/decisions/122).
        const same = EQUIVALENT.test(x.s.slice(first.span[1], matched[0])) ? readingOf(g, numSpan, whole, end, m.index) : null;
        if (same && sameSize(first.value, same.value)) {
          const f = first;
          const close = /^\s*[）)]/.exec(x.s.slice(same.span[1]))?.[0].length ?? 0;
          const span: Span = [f.span[0], same.span[1] + close];
          const [lo, hi] = [Math.min(f.value, same.value), Math.max(f.value, same.value)];
          const both = f.said === "about" && same.said === "about" ? { lo: aboutRange(lo)[0], hi: aboutRange(hi)[1] } : f;
          for (const [k, v] of [
            ["areaMinSqm", both.lo],
            ["areaMaxSqm", both.hi],
          ] as const)
            if (v !== undefined) x.reset(k, round2(v), span);
          first = { ...f, ...both, span };
          x.claim(same.whole);
          return false;
        }
        // "仓库5000平，其中冷库1000平": a part of the whole read is in it — neither added nor told (docs/decisions/122).
        const part = INCLUDED_PART.test(x.s.slice(x.clauseStart(matched[0]), matched[0]))
          ? readingOf(g, numSpan, whole, end, m.index)
          : null;
        if (part && part.value <= (first.hi ?? first.value)) {
          const span: Span = [first.span[0], part.span[1]];
          for (const k of ["areaMinSqm", "areaMaxSqm"] as const) if (x.hints[k] !== undefined) x.reset(k, x.hints[k], span);
          x.claim(whole);
          return false;
        }
        // "5000平方米以上，最好是6000平，不超过8000平": a figure preferred beside a bound or a range is a wish, not its other
        // bound (a wish is never a filter, ADR 097): told, and the bound said after it is still the other bound (docs/decisions/146).
        if (!bound) {
          const pref = PREFERRED_AREA_BEFORE.exec(x.s.slice(x.clauseStart(matched[0]), matched[0]));
          const qEnd = x.qualifier(numSpan, end).end;
          const prefAfter = PREFERENCE_AFTER.exec(x.s.slice(qEnd));
          // "需要5000平，最好6000平": after a lone figure the wish tells the side the need leans to (docs/decisions/161).
          const wishedRead =
            (pref || prefAfter) && first.said === "about" && !first.each ? readingOf(g, numSpan, whole, end, m.index) : null;
          if ((pref || prefAfter) && (first.said !== "about" || wishedRead)) {
            if (wishedRead) leanBeside(first, wishedRead.value);
            x.wish([matched[0] - (pref?.[0].length ?? 0), prefAfter ? qEnd + prefAfter[0].length : end], whole);
            return false;
          }
        }
        if (!pairing) return false;
        pairing = false;
        const other = asRefused(readingOf(g, numSpan, whole, end, m.index), refusedBound);
        const accepted = other !== null && ACCEPT_AFTER.test(x.s.slice(other.span[1]));
        const parts = other && !accepted ? subUses(first, other) : null;
        if (other && parts === "total") {
          // "冷库1000平，常温库5000平，共6000平": the parts are the total's, read when it comes.
          x.claim(other.whole);
          pairing = true;
          partsOf = first;
          return false;
        }
        const before = first;
        const paired = other !== null && pair(first, other, accepted, parts === "sum");
        if (paired && parts === "sum") {
          // "冷库2000平+常温库3000平+恒温库1000平": a third part adds to the two (docs/decisions/122).
          first = sumOf(before, other);
          pairing = true;
        } else if (paired && chained(before, other, accepted)) {
          // "5000平，不能少于4000平，超过6000平不要": the about figure gave way on one side; the other bound said may follow.
          first = { ...other, span: [Math.min(before.span[0], other.span[0]), Math.max(before.span[1], other.span[1])] };
          pairing = true;
          const next = bareBeside(first); // …bare: "超过6000不要"
          if (next && !next.accepted && pair(first, next.read, false)) pairing = false;
        }
        return false;
      }
      // "moving from 8000 to 3000 sqm", "想换厂房，从8000平到3000平": the first end is what the enterprise has,
      // the second the need — unless words after make it a range ("从3000到5000平都可以").
      const hiAt = m.indices?.groups?.hi;
      if (
        g.lo !== undefined &&
        hiAt &&
        CHANGE_FROM.test(x.s.slice(sentenceStart(x.s, m.index), m.index)) &&
        !RANGE_AFTER.test(x.s.slice(end))
      ) {
        g = { v: g.hi, u: g.hiU };
        numSpan = [hiAt[0], whole[1]];
      }
      // "原来要5000平，现在要3000平", "5000平不要了": a figure the notes take back (docs/decisions/109). The newer
      // one is read in its turn; written bare ("was 5000 sqm, now 3000") it takes this one's unit.
      if (!bound && x.earlier(numSpan, end)) {
        x.claim(whole);
        const r = x.replacement(end);
        const unit = (g.u ?? g.hiU ?? "").replace(/^[多余来把]\s*/, "");
        // "3000平太小了" with nothing in its place: told if no area is read (docs/decisions/128), never lost silently.
        if (r === null) dropped.push([matched, whole]);
        if (r === null || !BARE_AFTER.test(r.after)) return false;
        readArea({ v: x.s.slice(...r.numSpan), u: unit }, r.numSpan, r.numSpan, r.numSpan[1]);
        return false;
      }
      // "现有厂房8000平太大", "目前租的是8000平", "自己有5000平": what the enterprise has (docs/decisions/101, 110), read out.
      const around: Span = [numSpan[0] === whole[0] ? m.index : numSpan[0], end];
      if (x.asideWhy("area", numSpan, around, asideEnd)) {
        x.putAside(around, whole, "own");
        return false;
      }
      // "需要1000平办公楼+5000平厂房" on a factory lead: the office's 1000 is not the lead's (docs/decisions/112).
      if (ruledOut(numSpan, around) || otherUse(numSpan, around) || perHead(around, whole)) return false;
      readArea(g, numSpan, whole, end, m.index, refusedBound);
      return false;
    });
  /** One area figure as read (groups `g`, its numbers at `numSpan` within the match's `whole` numbers, the match ending at `end`), or null. */
  const readingOf = (g: Groups, numSpan: Span, whole: Span, end: number, matchStart = numSpan[0]): AreaRead | null => {
    const infix = /^([多余来把])\s*/.exec(g.u ?? "")?.[1];
    const approx = infix !== undefined && infixComparison(infix) === "about";
    // "万余平", "百来亩", "千把平", "上万平" (read as ≥万平), "近万平": a magnitude alone is one of it (一万, 一百) — not
    // otherwise: "每千㎡", "20万/千平" are "per thousand" (docs/decisions/128).
    const one =
      /^[百佰千仟万萬]$/.test(g.v ?? "") &&
      (infix !== undefined || /(?:≥|近|约)\s*$/.test(x.s.slice(Math.max(0, numSpan[0] - 2), numSpan[0])));
    const q = readQuantity(one ? { ...g, v: `一${g.v}` } : g);
    if (!q) return null;
    const unit = q.unit.replace(/^[多余来把]\s*/, "");
    const more = infix !== undefined && !approx;
    if (/^方$|^$/.test(unit) && VOLUME_CONTEXT.test(x.s.slice(0, numSpan[0]))) {
      x.claim(numSpan); // a volume in m³: nothing of ours, and not unread either
      return null;
    }
    const perUnit = parseArea(`1${unit}`, "sqm");
    const perLoUnit = parseArea(`1${q.loUnit.replace(/^[多余来把]\s*/, "")}`, "sqm");
    if (perUnit === null || perLoUnit === null) return null;
    let lo: number | undefined = q.lo * perLoUnit;
    let hi: number | undefined = q.hi * perUnit;
    if (!(hi > 0)) return null;
    // "0.0001平": under a square metre, no premises — stored it rounded to 0 (docs/decisions/132). Told.
    if (Math.max(lo, hi) < 1) {
      x.reject([matchStart, end], whole, true);
      return null;
    }
    // "5000-3000平": the person means the same range, just written backwards.
    if (lo > hi) [lo, hi] = [hi, lo];
    const value = lo;
    let said: AreaSaid = "range";
    let start = numSpan[0] === whole[0] ? matchStart : numSpan[0];
    // "3000+2000平" is their sum, "3000或5000平" either: 3000–5000 (docs/decisions/112, amended).
    const lead = g.v !== undefined && q.lo === q.hi ? LEAD_BARE.exec(x.s.slice(x.clauseStart(start), start)) : null;
    const leadAt = lead?.indices?.groups?.n;
    const leadN = lead && leadAt ? readToken(lead.groups!.n) : null;
    if (
      lead &&
      leadAt &&
      leadN &&
      leadN[0] === leadN[1] &&
      !x.isClaimed([x.clauseStart(start) + leadAt[0], x.clauseStart(start) + leadAt[1]])
    ) {
      const from = x.clauseStart(start);
      const sum = /^[+＋加]/.test(lead.groups!.op);
      const [a, b] = [leadN[0] * perUnit, q.lo * perUnit];
      const value = sum ? a + b : Math.min(a, b);
      [lo, hi] = sum ? aboutRange(a + b) : [Math.min(a, b), Math.max(a, b)];
      const both: Span = [from + leadAt[0], whole[1]];
      if (hi > FIELD_LIMITS.areaSqm) {
        x.reject([from + leadAt[0], end], both, true);
        return null;
      }
      return { said: sum ? "about" : "range", lo, hi, value, span: [from + lead.index, end], whole: both, unit, unitSqm: perUnit };
    }
    if (g.v !== undefined && q.lo === q.hi) {
      const qual = x.qualifier(numSpan, end);
      start = Math.min(start, qual.start);
      end = qual.end;
      said = qual.cmp ?? (more ? "min" : "about");
      if (said === "about") [lo, hi] = aboutRange(q.lo * perUnit);
      else if (said === "min") hi = undefined;
      else lo = undefined;
    }
    // "3栋厂房，每栋5000平", "两个冷库各1000平": each unit's figure times the count (docs/decisions/122).
    const each = eachCount(x, start, end, countsUsed);
    const times = each?.times ?? each?.n ?? 1;
    if (each) [start, end] = [Math.min(start, each.span[0]), Math.max(end, each.span[1])];
    if (each) countsUsed.push([each.at, end]);
    // "100栋500平": more units than a need holds (UNIT_COUNT_MAX 99) — told with its figure, never read as one unit.
    if (each?.over) {
      x.reject([start, end], whole, true);
      return null;
    }
    // "去年租了3栋，每栋5000平": units counted where the enterprise has them are its premises, not the need (docs/decisions/128).
    if (each && x.asideWhy("area", [each.at, each.at], [each.at, each.at], each.at)) {
      x.putAsideWords([Math.min(start, x.clauseStart(each.at)), end], whole, "own");
      return null;
    }
    if (Math.max(lo ?? 0, hi ?? 0) * times > FIELD_LIMITS.areaSqm) {
      x.reject([start, end], numSpan, true);
      return null;
    }
    return {
      said,
      lo: lo && lo * times,
      hi: hi && hi * times,
      value: value * times,
      span: [start, end],
      whole,
      unit,
      unitSqm: perUnit,
      each: each !== null,
      count: each && !each.floors ? each.n : undefined,
    };
  };
  /**
   * A lone figure `f` (read about) beside a wished one of `wished` ㎡: at least `f` when the wish is larger, at most when smaller
   * (area-wish-beside.ts needBesideWish, docs/decisions/161). `f` is changed in place: it is the first figure, and its other bound
   * may still follow ("需要5000平，最好6000平，不超过8000平").
   */
  const leanBeside = (f: AreaRead, wished: number): void => {
    const side = needBesideWish(f.value, wished, x.s.slice(...f.span));
    if (side === null) return;
    [f.said, f.lo, f.hi] = side === "min" ? ["min", f.value, undefined] : ["max", undefined, f.value];
    x.unset("areaMinSqm");
    x.unset("areaMaxSqm");
    x.set(side === "min" ? "areaMinSqm" : "areaMaxSqm", round2(f.value), f.span);
  };
  /** Reads one area figure as the lead's (see readingOf), then its other bound written bare beside it. */
  const readArea = (
    g: Groups,
    numSpan: Span,
    whole: Span,
    end: number,
    matchStart = numSpan[0],
    refused: { cmp: "min" | "max"; span: Span } | null = null,
  ): void => {
    const r = asRefused(readingOf(g, numSpan, whole, end, matchStart), refused);
    if (!r) return;
    first = r;
    if (r.lo !== undefined) x.set("areaMinSqm", round2(r.lo), r.span);
    if (r.hi !== undefined) x.set("areaMaxSqm", round2(r.hi), r.span);
    // The count multiplied is the need's unit count (docs/decisions/130); the area stays the total.
    if (r.count !== undefined && r.count >= 2) {
      x.set("unitCount", r.count, r.span);
      // Each unit's bounds as said, kept apart from the total a sentence may give later ("…，共16000平": docs/decisions/141).
      if (r.lo !== undefined) x.hints.unitAreaMinSqm = round2(r.lo / r.count);
      if (r.hi !== undefined) x.hints.unitAreaMaxSqm = round2(r.hi / r.count);
    }
    x.claim(whole);
    x.claim(r.whole); // with the bare figure joined before it ("面积5000或8000平", "面积5000/8000平")
    // "3栋厂房，每栋5000平，共15000平": the total said apart is the lead's, read when it comes (docs/decisions/122).
    if (r.each && TOTAL_LATER.test(x.s.slice(r.span[1], sentenceEnd(x.s, r.span[1])))) return void (partsOf = r);
    const bare = bareBeside(r);
    if (bare) {
      pairing = false;
      if (pair(r, bare.read, bare.accepted) && chained(r, bare.read, bare.accepted)) {
        const bound: AreaRead = { ...bare.read, span: [Math.min(r.span[0], bare.read.span[0]), Math.max(r.span[1], bare.read.span[1])] };
        [first, pairing] = [bound, true];
        // "5000平，不能少于4000，超过6000不要": the other bound, bare too.
        const next = bareBeside(bound);
        if (next && !next.accepted && pair(bound, next.read, false)) pairing = false;
      }
    }
  };
  /** Whether an about figure took one bound said beside it (bothBounds), so the other bound may still come. */
  const chained = (f: AreaRead, other: AreaRead, accepted: boolean): boolean =>
    !accepted && f.said === "about" && (other.said === "min" || other.said === "max");
  /** The first figure's bounds with `other`'s (bothBounds), its words and theirs as one, `other`'s numbers claimed. */
  const pair = (f: AreaRead, other: AreaRead, accepted: boolean, parts = false): boolean => {
    // "3000平+2000平": a sum; "3000平或5000平": either (docs/decisions/112, amended); "冷库1000平，常温库5000平": two
    // parts of the lead's kind, a sum too (`parts`, subUses: docs/decisions/117).
    const between = x.s.slice(f.span[1], other.span[0]);
    const sum = parts || (/^\s*[+＋]\s*$/.test(between) && f.said === "about" && other.said === "about");
    const either = /^\s*(?:或者?|\bor\b|\/)\s*$/i.test(between); // "5000平/8000平": alternatives (docs/decisions/146)
    const both = sum ? sumOf(f, other) : bothBounds(f, other, accepted || either);
    if (!both) return false;
    if (both.open === "lo" || (sum && both.lo === undefined)) x.unset("areaMinSqm");
    if (both.open === "hi" || (sum && both.hi === undefined)) x.unset("areaMaxSqm");
    if (both.lo === undefined && both.hi === undefined) {
      x.reject([Math.min(f.span[0], other.span[0]), Math.max(f.span[1], other.span[1])], other.whole, true);
      return false;
    }
    const span: Span = [Math.min(f.span[0], other.span[0]), Math.max(f.span[1], other.span[1])];
    // Another figure joined to one of each unit's: the area is no longer n units of one size (docs/decisions/130).
    x.unset("unitCount");
    delete x.hints.unitAreaMinSqm;
    delete x.hints.unitAreaMaxSqm;
    if (both.lo !== undefined) x.reset("areaMinSqm", round2(both.lo), span);
    if (both.hi !== undefined) x.reset("areaMaxSqm", round2(both.hi), span);
    x.claim(other.whole);
    return true;
  };
  /** A figure with no unit right after `f` ("…，最多一万", "…，3000也行") or a bound right before it ("至少5000，…"), in `f`'s unit. */
  const bareBeside = (f: AreaRead, wishes = 0): { read: AreaRead; accepted: boolean } | null => {
    const perUnit = parseArea(`1${f.unit}`, "sqm");
    if (perUnit === null) return null;
    const n = NEXT_BARE.exec(x.s.slice(f.span[1]));
    const at = n?.indices?.groups;
    if (n && at) {
      const base = f.span[1];
      const pre = n.groups!.pre;
      const preCmp = pre ? comparisonBefore(pre) : null;
      const whole: Span = [base + at.lo[0], base + (at.hi ?? at.lo)[1]];
      const post = comparisonAfter(x.s.slice(whole[1]));
      const tail = x.s.slice(whole[1] + (post?.length ?? 0));
      // "面积5000/8000": a slash between the figures says either, as "也行" does (docs/decisions/146).
      const accepted = ACCEPT_AFTER.exec(tail) ?? (/^\s*\//.test(x.s.slice(base)) ? /^/.exec(tail) : null);
      const range = n.groups!.hi !== undefined ? readRange(n.groups!.lo, n.groups!.hi, true) : null;
      const one = range ? null : readToken(n.groups!.lo);
      // "面积5000平以上 最好6000 不超过8000": a bare figure wished beside a bound is told (a wish is never a filter, ADR 097) and
      // the other bound looked for after it (docs/decisions/146, amended: blanks as commas).
      if (wishes < 3 && pre && !post && (f.said !== "about" || !f.each) && PREFERRED_AREA_BEFORE.test(pre) && BARE_THEN.test(tail)) {
        // "需要5000平，最好6000": beside a lone figure the wish tells the side the need leans to (docs/decisions/161).
        const wishedTok = f.said === "about" ? readToken(n.groups!.lo) : null;
        if (wishedTok) leanBeside(f, wishedTok[0] * perUnit);
        x.wish([base + at.pre[0], whole[1]], whole);
        return bareBeside({ ...f, span: [f.span[0], whole[1]] }, wishes + 1);
      }
      const cmp = post?.cmp ?? preCmp?.cmp ?? null;
      // "5000平，超过6000不要": an open side refused is the other bound (docs/decisions/117).
      const refusal = !accepted && !range && (cmp === "min" || cmp === "max") ? RULED_OUT_AFTER.exec(tail) : null;
      const refused = refusal && !TOO[cmp as "min"].test(refusal[0]) ? refusal : null;
      const said: AreaSaid | null = range ? "range" : refused ? (cmp === "min" ? "max" : "min") : cmp;
      if (
        (!pre || preCmp?.length === pre.length) &&
        !x.isClaimed(whole) &&
        (range || (one && one[0] === one[1])) &&
        (refused || BARE_END.test(accepted ? tail.slice(accepted[0].length) : tail)) &&
        (accepted || (said !== null && said !== "about" && said !== "range"))
      ) {
        const [lo, hi] = (range ?? one!).map((v) => v * perUnit);
        const read: AreaRead = {
          said: said ?? "about",
          lo: said === "max" ? undefined : lo,
          hi: said === "min" ? undefined : hi,
          value: lo,
          span: [
            base + (pre ? at.pre[0] : at.lo[0]),
            whole[1] + (post?.length ?? 0) + (accepted?.[0].length ?? 0) + (refused?.[0].replace(/[，。；;,!?！？、\n]$/, "").length ?? 0),
          ],
          whole,
          unit: f.unit,
          unitSqm: f.unitSqm,
        };
        if (Math.max(lo, hi) <= FIELD_LIMITS.areaSqm) return { read, accepted: accepted !== null };
      }
    }
    if (f.said !== "min" && f.said !== "max") return null;
    const from = sentenceStart(x.s, f.span[0]);
    const p = PREV_BARE.exec(x.s.slice(from, f.span[0]));
    const pAt = p?.indices?.groups;
    if (!p || !pAt) return null;
    const whole: Span = [from + pAt.lo[0], from + pAt.lo[1]];
    const one = readToken(p.groups!.lo);
    if (!one || one[0] !== one[1] || x.isClaimed(whole)) return null;
    const clause = x.s.slice(x.clauseStart(whole[0]), whole[0]);
    const pre = comparisonBefore(clause);
    const said = p.groups!.suf ? comparisonAfter(p.groups!.suf)?.cmp : pre?.cmp;
    if (!BARE_LEAD.test(clause.slice(0, clause.length - (pre?.length ?? 0)))) return null;
    if (said !== (f.said === "min" ? "max" : "min")) return null;
    const v = one[0] * perUnit;
    if (v > FIELD_LIMITS.areaSqm) return null;
    const start = pre && !p.groups!.suf ? whole[0] - pre.length : whole[0];
    return {
      read: {
        said,
        lo: said === "min" ? v : undefined,
        hi: said === "max" ? v : undefined,
        value: v,
        span: [start, whole[1]],
        whole,
        unit: f.unit,
        unitSqm: f.unitSqm,
      },
      accepted: false,
    };
  };
  const none = () => x.hints.areaMinSqm === undefined && x.hints.areaMaxSqm === undefined;
  tryRe(AREA_RE);
  if (none()) tryRe(AREA_KEYWORD_BARE);
  if (none()) for (const [span, whole] of dropped) x.reject(x.clauseOf(span), whole, true);
  // "一期两栋5000平，二期再要1栋", "5000平，两栋": a count of units beside the area read that no figure was read with is told,
  // never dropped — the need would be one unit of that size, said nowhere (docs/decisions/136).
  if (!none()) tellUnusedCounts(x, countsUsed);
  // "6000平以上…太大了，不用": a ceiling alone, from a refusal — the size needed is not said; told beside the bound (ADR 132).
  if (refusedCeiling && x.hints.areaMaxSqm !== undefined && x.hints.areaMinSqm === undefined)
    x.ceilingOnly.push(x.found.find((f) => f.field === "areaMaxSqm")!.text);
}

/**
 * The move-in month: a clause that, past the words around it ("希望…能搬进去": move-in.ts), is a
 * whole date as the move-in field reads it (move-in.ts readMoveIn, relative to `now`): "明年3月前",
 * "3月份入驻", "年底前", "下个月", "三个月内", "3月中旬", "春节后". The first such clause wins; a month
 * already past is not read. Words that name no one month ("下半年" late in the year, "春节后" when its days
 * fall in two months) before it are reported to the recruiter, never guessed.
 */
/** Words that change a move-in month within a clause: what follows them is the newer month (ADR 109). */
const MOVE_IN_CHANGE =
  /改(?:成|为|到|在)|调整(?:为|到|成)|推迟到|推后到|延后到|延期到|延到|提前到|变(?:成|为)|→|->|\bchanged\s+to\b|\bnow\b/gi;
/** "现在…", "后来…" opening the clause after one of the past: the newer figure, not "move in now". */
const MOVE_IN_NOW = /^\s*(?:但是?|不过|可是)?\s*(?:现在|如今|后来|目前)?\s*(?:又)?\s*(?:改(?:成|为|到|在)?|说|要|是|想)?\s*/;

/**
 * An English month named in a clause, as a date names it: a month's name or short form as a word ("March",
 * "Sept."), "May" only beside a year, a day or a date word ("we may need" is no month). The text is folded
 * (lower case).
 */
const ENGLISH_MONTH_WORD =
  /\b(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?(?!\s*(?:ket|ch|ine)\b)|\b(?:in|by|before|until|early|mid|late|of|end\s+of)\s+may\b|\bmay\s+\d/;

/** The English months' names and short forms, for a name typed wrong ("Mrach", "Febuary", "Decmber"). */
const MONTH_NAMES_EN = ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"];
/** Whether `w` is a month's name typed wrong: one edit (a letter changed, left out, added, or two swapped) from it, two for long names. */
function monthTypo(w: string): boolean {
  if (w.length < 4) return false;
  return MONTH_NAMES_EN.some((name) => damerau(w, name) <= (name.length >= 7 ? 2 : 1));
}
function damerau(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}
/** Words of moving in, for a month in Chinese that was not read ("3月或4月入驻"). */
const MOVE_IN_WORD = /入驻|进驻|入住|搬|投产|开业|进场|能进|进厂|交付|落地|时间|\bmove/;
/**
 * Words that look like a date but were not read as one (docs/decisions/132): a month's name typed wrong beside a year ("Mrach
 * 2027", "2027 Febuary"), a year with 月 ("2027年3月或4月"), or a month in digits or Chinese numerals with words of moving in.
 */
function dateLike(words: string): boolean {
  for (const m of words.matchAll(/\b([a-z]{4,10})\.?,?\s+(?:19|20)[0-9]{2}\b|\b(?:19|20)[0-9]{2}\s+([a-z]{4,10})\b/g))
    if (monthTypo(m[1] ?? m[2])) return true;
  if (/(?:19|20)[0-9]{2}\s*年[^，。；;,!?！？、\n]{0,6}月/.test(words)) return true;
  // A festival or a season with words of moving in ("年后就想搬", "开春能进"): told when not read (docs/decisions/165).
  return /[0-9一二三四五六七八九十]{1,3}\s*月|春节|过年|年[前后底初中]|开春|春天|春季/.test(words) && MOVE_IN_WORD.test(words);
}

/**
 * A month corrected as typed, right after the clause that said it: "明年3月入驻，不，5月", "3月份之前，不对，6月份之前", "move in March,
 * no, June 2027" — the next clause is the newer month (docs/decisions/146, amended: a correction for every field).
 */
const MOVE_IN_CORRECTED =
  /^\s*[，,；;、\n.]?\s*(?:不对|错了|说错了|打错了|写错了|搞错了|更正|纠正|不是|不|\b(?:no|nope|sorry|correction|i\s+mean|typo)\b)\s*[，,:：;；\s]\s*(?:应该是|是|改为|为)?\s*/i;

/**
 * A full stop typed as an ASCII "." that ends a sentence (trial39): before a space, a Chinese character, another stop or the end —
 * "Need 3000 sqm. Move in by March 2027.", "需要层高8米. 3月底前入驻."; after a Chinese character before a figure too ("以上. 3月底前",
 * "平.3月"), and one typed without its space before a word ("10m.Move in": the notes are folded to lower case). Never a decimal point ("3.5万", "8.5m") nor one after a Latin word before a figure ("Sept. 2027", "No. 5").
 */
const SENTENCE_STOP = /(?<=\p{Script=Han})\.+(?=\s|$|\d|\p{Script=Han})|\.+(?!\s*\d)(?=\s|$|\p{Script=Han})|(?<=[a-z0-9])\.(?=[a-z]{2})/gu;

/**
 * The move-in reader's clauses: between the clause marks, and at a sentence's ASCII full stop (SENTENCE_STOP) — a clause run on
 * across sentences was no date, and the whole of it was told as unread, figures read in it too (trial39).
 */
function* moveInClauses(s: string): Generator<{ 0: string; index: number }> {
  for (const m of s.matchAll(/[^，。；;,!?！？、\n]+/g)) {
    let from = 0;
    for (const stop of m[0].matchAll(SENTENCE_STOP)) {
      if (m[0].slice(from, stop.index).trim()) yield { 0: m[0].slice(from, stop.index), index: m.index + from };
      from = stop.index + stop[0].length;
    }
    if (from === 0) yield { 0: m[0], index: m.index };
    else if (m[0].slice(from).trim()) yield { 0: m[0].slice(from), index: m.index + from };
  }
}

function extractMoveIn(x: Extraction, now: Date): void {
  let past = false; // an earlier clause spoke of the past ("原来说3月入驻"): "现在…" then says the newer month
  for (const m of moveInClauses(x.s)) {
    // A mind changed (docs/decisions/109): "3月入驻改成6月" reads what follows the change; "原来说3月入驻，
    // 现在改成6月" skips the older clause and reads the newer past its "now".
    let from = 0;
    for (const c of m[0].matchAll(MOVE_IN_CHANGE)) from = c.index + c[0].length;
    const older = from === 0 && OLD_BEFORE.test(m[0]) && new RegExp(NEWER_WORD, "i").test(x.s.slice(m.index + m[0].length));
    if (older) {
      past = true;
      continue;
    }
    const lead = past ? (MOVE_IN_NOW.exec(m[0].slice(from))?.[0].length ?? 0) : 0;
    const words = m[0].slice(from + lead);
    const read = readMoveIn(words, now); // the words around the date are its own to read (move-in.ts)
    const span: Span = [m.index + from + lead, m.index + m[0].length];
    // Words that name no one month, and an English month in words not read as a date ("March or April
    // 2027", "around spring, maybe March"): told to the recruiter, never dropped (trial 12-05).
    // docs/decisions/132: a date not read that looks like one ("Mrach 2027", "2027年3月或4月入驻") and a month in the past ("2025年3月入驻",
    // "March 2025") are told too — they were dropped silently.
    if ((read && !read.ok) || (read === null && (ENGLISH_MONTH_WORD.test(words) || dateLike(words)))) x.unread.push(span);
    else if (read?.ok && isPastMoveInMonth(read.month, now)) x.unread.push(span);
    if (!read?.ok || isPastMoveInMonth(read.month, now)) continue;
    const end = m.index + m[0].length;
    const c = MOVE_IN_CORRECTED.exec(x.s.slice(end, end + 24));
    if (c) {
      const from2 = end + c[0].length;
      const clause = /^[^，。；;,!?！？、\n]*/.exec(x.s.slice(from2))![0];
      const newer = readMoveIn(clause, now);
      if (newer?.ok && !isPastMoveInMonth(newer.month, now)) return x.set("moveInBy", newer.month, [from2, from2 + clause.length]);
    }
    return x.set("moveInBy", read.month, span);
  }
}

/**
 * A figure in metres that no item's word names and no reader took (readers40): "想找8米的", "要8米的厂房", "厂房要5000平，8米的" — most
 * often the ceiling wanted, but nothing says so: told unread (an `unread` flag the recruiter sees, as every figure of ours no reader
 * used is), never guessed and never dropped (GLUE took "8米" for glue: "要8米的厂房" was counted read). Read where the notes say the
 * item: after the premises' own ceiling ("现在的厂房层高6米，想找8米的", wantedAfterHad). Not a distance or another dimension:
 * "离地铁500米", "门宽4米", "跨度24米", "柱距8米", "宽20米", "8米宽的门", "within 500 m".
 */
const BARE_METRES = new RegExp(
  `(?<![¥$a-z])(?<q>(?:${NUM})\\s*(?:米|公尺|m(?![a-z0-9²³]))(?![^，。；;,!?！？\\n]{0,2}(?:宽|长|深|见方|范围|以内|之内|内|远|半径|直径|距离|路程|宽度|长度|进深|跨度|柱距|门|通道|道路|马路|wide|long|deep|away|from|radius|distance)))`,
  "gdi",
);
/** Words before a metre figure in its clause that make it a distance or another dimension than a height (BARE_METRES). */
const METRES_OTHER_BEFORE =
  /(?:宽|长|深|距|离|远|跨|柱|门|路|道|站|口|公里|半径|直径|周长|范围|相距|步行|开车|间距|进深|开间|width|wide|length|long|depth|deep|distance|from|away|span|door|gate|road|within|walk|radius|budget|rmb|yuan|usd|cny|invest\w*|price|cost|revenue|output|tax|turnover|sales|capital)[^，。；;,!?！？\n]{0,8}$/i;

/** An unread figure that is an area's: its unit is one, or 面积 names it (ANY_FIGURE's second form). */
const AREA_FIGURE = new RegExp(`^面积|${AREA_UNIT}$`);

function findUnread(x: Extraction): void {
  ANY_FIGURE.lastIndex = 0;
  for (let m = ANY_FIGURE.exec(x.s); m; m = ANY_FIGURE.exec(x.s)) {
    const q = m.indices?.groups?.q ?? m.indices?.groups?.q2;
    if (!q || q[0] === q[1]) continue;
    const span: Span = [q[0], q[1]];
    if (x.isClaimed(span)) continue;
    // "面积改为3000平（原5000平）", "现在要3000平，原来要5000平": the older figure is no doubt to report (ADR 109).
    if (x.earlier(span, m.index + m[0].length) || x.olderThanTheNotes(span)) continue;
    if (/^方/.test(x.s.slice(span[0]).replace(/^[^方]*?(?=方)/, "")) && VOLUME_CONTEXT.test(x.s.slice(0, span[0]))) continue;
    const text = x.s.slice(m.index, span[1]);
    const area = AREA_FIGURE.test(m.indices?.groups?.q2 ? text : x.s.slice(...span));
    x.reject(m.indices?.groups?.q2 ? [m.index, span[1]] : span, span, area);
  }
  for (const m of x.s.matchAll(BARE_METRES)) {
    const q = m.indices!.groups!.q;
    const span: Span = [q[0], q[1]];
    if (x.isClaimed(span) || x.earlier(span, span[1]) || x.olderThanTheNotes(span)) continue;
    if (METRES_OTHER_BEFORE.test(x.s.slice(Math.max(0, span[0] - 24), span[0]))) continue;
    x.reject(span, span);
  }
}
