/**
 * The small grammar of comparison phrases around a figure, shared by the free-text assist and the number
 * fields (both read folded text, see fold-text.ts). A phrase is read whole, negation included:
 *
 *   [negation] comparator [等于]   不低于 / 不能低于 / 不得少于 → at least;  不超过 / 不要超过 / 不能大于 → at most
 *                                  低于 / 小于 / 不到 / 不足 → at most ("找不到3000平" is no bound: docs/decisions/128);  超过 / 大于 / 大于等于 → at least
 *   fixed words                    至少 起码 最少 最低 最小 下限 底线 ≥ → at least;  最多 至多 最大 最高 上限 ≤ → at most
 *                                  (a stated limit is a bound, never "about": "上限8000平" is at most 8000, docs/decisions/146)
 *   suffixes                       以上 及以上 起 多 余 + 不能少 → at least (+ and plus only with no figure after it in its
 *                                  clause: "厂房3000平+仓库2000平" joins two figures, docs/decisions/112);  以下 以内 之内 不能超过 → at most;  左右 上下 → about
 *                                  ("4000平不能少", "6000平不能再多": a bound said after its figure, docs/decisions/117;
 *                                  "or above"/"or under" before another figure is that figure's: "under 3000 sqm or above 8000", ADR 139;
 *                                  为下限/是底线/minimum/at least → at least, 为上限/maximum/at most/tops → at most, ADR 146)
 *
 * followed by filler such as 要/需要/得/为/是/在/达到 ("起码得2000平", "最小要2000平").
 */
export type Comparison = "min" | "max" | "about";

const NEG = "(?:不能|不要|不得|不可以|不可|不应|不宜|不会|不需要|别|不|(?<![a-z])(?:not|no))";
const LESS =
  "(?:低于|少于|小于|短于|矮于|窄于|(?<![找买租])不(?:到|足)|(?<![a-z])(?:less\\s+than|lower\\s+than|smaller\\s+than|under|below))";
const MORE = "(?:超过|高于|大于|多于|超出|(?<![a-z])(?:more\\s+than|greater\\s+than|larger\\s+than|higher\\s+than|over|above|exceeding))";
// Signs (a variation selector after one taken): ≥ >= ≧ ⩾ > › (＞ is folded to >) are at least, ≤ <= ≦ ⩽ < ‹ at most —
// never an arrow ("->", "=>": a change, ADR 109), nor > or < right after a figure's unit, no blank between ("5000平>3000平",
// "8米>10米": a change or a ranking, not a bound of the figure after). docs/decisions/146, amended.
const UNIT_BEFORE_SIGN = "(?:[0-9平米㎡亩吨方]|sqm|m2|kva|kw|\\bt)";
const MIN_WORDS = `(?:至少|起码|最少|最低|最小|不小于|下限\\s*[:：]?|底线\\s*[:：]?|(?:≥|>=|(?<!${UNIT_BEFORE_SIGN}[^\\S\\n]*)=>|≧|⩾|(?<![-=>]|${UNIT_BEFORE_SIGN})>(?!=)|›)[\\uFE0E\\uFE0F]?|(?<![a-z])(?:at\\s+least|min(?:imum)?\\.?\\s*[:：]?|from))`;
const MAX_WORDS = `(?:最多|至多|最大|最高|封顶|上限\\s*[:：]?|(?:≤|<=|(?<!${UNIT_BEFORE_SIGN}[^\\S\\n]*)=<|≦|⩽|(?<![<=]|${UNIT_BEFORE_SIGN})<(?![=-])|‹)[\\uFE0E\\uFE0F]?|(?<![a-z])(?:at\\s+most|up\\s+to|max(?:imum)?\\.?\\s*[:：]?|within))`;
const ABOUT_WORDS = "(?:大约|大概|约|差不多|将近|接近|近|~|(?<![a-z])(?:approx(?:imately|\\.)?|about|around|roughly|circa|ca\\.))";
const FILLER = "(?:\\s*(?:也|都|还)?\\s*(?:需要|要求|要|需|得|能|为|是|在|达到|有|必须))?\\s*(?:是|为|在|达到|有)?";

/**
 * The field named between a limit word and its figure (attack 12-05h H10/M2): "最小面积5000平", "min area 5000 sqm", "minimum floor
 * area: 5000 sqm" — the limit is the figure's; "max ceiling 12m", "最大层高12米" read so too (an upper ceiling, told: no field
 * stores it). Not power nor cranes: "最大负荷500kva" is the peak load needed.
 */
const FIELD_BETWEEN = String.raw`(?:\s*(?:建筑面积|占地面积|面积|占地|层高|净高|(?:(?:floor|building|site|land)\s+)?area\b|ceiling(?:\s+height)?|clear\s+height)\s*[:：]?)?`;
/**
 * Any field's word: a limit word after a figure and before it may be that field's ("area min 5000 sqm max ceiling 12 m") —
 * `Qualifier.fieldNext`, which the notes' reader weighs against a comparison said before the figure.
 */
const FIELD_AHEAD = String.raw`(?:建筑面积|占地|面积|层高|净高|檐高|楼高|承重|荷载|行车|吊车|配电|用电|电力|负荷|(?:floor\s+|building\s+|site\s+)?area\b|ceiling|clear\s+height|height\b|power\b|cranes?\b|floor\s+load|load\b|size\b)`;

/** Anchored at the end of the text before a number. */
const PREFIX_RE = new RegExp(
  `(?:(?<neg>${NEG})\\s*(?:能|要|得|可以|可|应该|应)?\\s*)?(?:(?<less>${LESS})|(?<more>${MORE}))(?<eq>\\s*或?等于)?${FILLER}\\s*$` +
    `|(?<min>${MIN_WORDS})${FIELD_BETWEEN}${FILLER}\\s*$|(?<max>${MAX_WORDS})${FIELD_BETWEEN}${FILLER}\\s*$|(?<about>${ABOUT_WORDS})${FILLER}\\s*$`,
);

/** Anchored at the start of the text after a number (and its unit). */
/** Not before another figure (a limit word there is that figure's): a colon, 是/为, a numeral and one line break may stand between. */
const NO_FIGURE = String.raw`(?![^\S\n]*\n?[^\S\n]*[:：]?[^\S\n]*(?:是|为|要|在)?[^\S\n]*[0-9零〇一二两三四五六七八九十百千万])`;
/** The area named between two signs: "5000平<面积<8000平", "5000 sqm < area < 8000 sqm". */
const AREA_WORD = "(?:建筑面积|面积|占地|area\\b)";

/**
 * Anchored at the start of the text after a number (and its unit). Never past a line break (a line ends the figure's words),
 * and a limit word that another figure follows is that figure's ("下限5000平 上限8000平", "5000平 不能超过8000平",
 * "min 5000 sqm max 8000 sqm": docs/decisions/146, amended). "<面积" / "< area" after a figure: the area is above it.
 */
const SUFFIX_RE = new RegExp(
  String.raw`^[^\S\n]*(?:的)?[^\S\n]*(?:(?<about>左右|上下|前后|附近|approx(?:imately|\.)?)` +
    String.raw`|(?<min>[(（【\[][^\S\n]*(?:下限|最少|至少|最低|底线|min(?:imum)?\.?|at\s+least)[^\S\n]*[)）】\]]|及以上|或以上|以上|起步|起(?!码)|(?:也|最少|至少)?(?:不能|不可|不得)再?(?:少|小|低)(?!于)${NO_FIGURE}|(?:\+|plus)(?![^，。；;,!?！？、\n]*[0-9一二两三四五六七八九])` +
    String.raw`|(?:or\s+more|or\s+above|and\s+above|and\s+up)(?!\s*[0-9])|(?:为|是)(?:下限|底线)|(?:下限|底线)${NO_FIGURE}|(?:at\s+(?:the\s+)?)?(?:minimum|min\b)(?!\.?\s*[:：]?\s*[0-9])\.?|at\s+least(?!\s*[0-9])` +
    String.raw`|(?:<|‹|≤|<=|=<|≦|⩽)\s*${AREA_WORD})` +
    String.raw`|(?<max>[(（【\[][^\S\n]*(?:上限|最多|至多|封顶|最大|max(?:imum)?\.?|at\s+most)[^\S\n]*[)）】\]]|及以下|或以下|以下|以内|之内|封顶${NO_FIGURE}|(?:为|是)上限|上限${NO_FIGURE}|(?:at\s+(?:the\s+)?)?maximum(?!\s*[:：]?\s*[0-9])|at\s+(?:the\s+)?most(?!\s*[0-9])|tops\b` +
    String.raw`|(?:也|最多)?(?:不能|不可|不得)再?(?:多|大|超过|超出|超(?![过出]))(?!于)${NO_FIGURE}|内|(?:or\s+less|or\s+below|or\s+under)(?!\s*[0-9])|max\b(?!\.?\s*[:：]?\s*[0-9])\.?` +
    String.raw`|(?:>|›|≥|>=|=>|≧|⩾)\s*${AREA_WORD}))`,
);

/** `fieldNext`: after a figure, the word is followed by another field's word (FIELD_AHEAD) — it may be that field's. */
export type Qualifier = { cmp: Comparison; length: number; fieldNext?: boolean };

/**
 * Words between a figure and its unit, as regex sources for the number fields and the notes alike:
 * 多/余 "a little more than" (3000多平, 200余人) is at least the figure; 来 after a round figure (十来亩,
 * 二十来亩, 5000来平, 百来亩) and 把 after 百/千/万 (千把平, 万把平) are "about" the figure, read as 约
 * is. Source: 现代汉语词典 (第7版) 来 "用在十、百、千等数词或数量词后面表示概数", 把 "用在百、千、万和
 * 里、丈、顷、斤、个等量词后面，表示数量近于这个单位数".
 */
export const INFIX_MORE = "[余多]";
export const INFIX_ABOUT = "(?:(?<=[0十拾百佰千仟万萬])来|(?<=[百佰千仟万萬])把)";

/** The comparison an infix word (INFIX_MORE, INFIX_ABOUT) stands for. */
export function infixComparison(word: string): Comparison {
  return /^[来把]/.test(word.trim()) ? "about" : "min";
}

/** The comparison that ends `before` (the text right before a number), with its length. */
export function comparisonBefore(before: string): Qualifier | null {
  const m = PREFIX_RE.exec(before);
  if (!m?.groups) return null;
  const g = m.groups;
  let cmp: Comparison;
  if (g.less || g.more) {
    const lessThan = Boolean(g.less) !== Boolean(g.neg); // "不超过" = at most, "不低于" = at least
    cmp = lessThan ? "max" : "min";
  } else cmp = g.min ? "min" : g.max ? "max" : "about";
  return { cmp, length: m[0].length };
}

/**
 * A spoken hedge that ends what is said of a figure, after its unit and any comparison: "三千平吧", "三千平左右吧",
 * "差不多三千平的样子", "3000 sqm or so", "3000ish" — the figure is about it, or the bound said before the hedge
 * ("至少三千平吧" is at least 3000). The notes read such words past the figure anyway; a number field (field-value.ts)
 * takes them off with this, then reads the rest with splitQualifier as the notes read a figure (ADR 149).
 */
export const HEDGE_AFTER = /\s*(?:的样子|这样子?|那样子?|吧|(?<![a-z])or\s+so|-?ish(?![a-z]))\s*[。.!！~～]*\s*$/;

/** The comparison that starts `after` (the text right after a number and its unit), with its length. */
export function comparisonAfter(after: string): Qualifier | null {
  let m = SUFFIX_RE.exec(after);
  let skip = 0;
  // A bound word alone on the next line is still the figure's ("5000平\n以上", "5000 sqm\nminimum": attack 12-05h M1); a line
  // with more after the word ("下限5000平\n上限8000平") is not.
  if (!m) {
    // …past one blank line too ("5000平\n\n以上": docs/decisions/153).
    const br = /^[^\S\n]*\n[^\S\n]*(?:\n[^\S\n]*)?/.exec(after);
    const next = br && SUFFIX_RE.exec(after.slice(br[0].length));
    if (next && LINE_ENDS.test(after.slice(br[0].length + next[0].length))) [m, skip] = [next, br[0].length];
  }
  // "8000平，这是上限", "8000平，最多了", "8000 sqm, that's the max": a limit said in a clause of its own right after the figure's
  // (docs/decisions/153) — the clause holds the limit words only, up to its end.
  if (!m) {
    const apart = LIMIT_APART.exec(after);
    if (apart?.groups) return { cmp: apart.groups.min ? "min" : "max", length: apart[0].length };
  }
  if (!m?.groups) return null;
  const cmp: Comparison = m.groups.about ? "about" : m.groups.min ? "min" : "max";
  const length = skip + m[0].length;
  return FIELD_NEXT.test(after.slice(length)) ? { cmp, length, fieldNext: true } : { cmp, length };
}
/**
 * A limit in a clause of its own after the figure's (comma, semicolon or a dash between): 这是上限, 这就是最大的了, 最多了, 封顶了,
 * 不能再多了, 再大不行 → at most; 这是下限/底线, 最少了, 不能再少了, 再小不行 → at least; "that's the max/maximum/limit/most/upper limit",
 * "no more than that", "max" alone → at most; "that's the minimum", "at least that", "min" alone → at least. Nothing but a particle
 * and the clause's end after it: "8000平，最多10000平" is the other figure's (SUFFIX_RE's words stay where they were).
 */
const LIMIT_APART = new RegExp(
  String.raw`^[^\S
]*[,，;；\-—–][^\S
]*(?:` +
    String.raw`(?<max>(?:这|那|这个|那个|此)?(?:已经|就|也)?(?:是|为|算是?)?(?:我们的?)?(?:最大(?:的|值|面积)?|最多(?:的)?|上限|封顶|极限|顶格)|(?:最多|最大|封顶|顶天)(?:就这么?多|就这样)?|(?:不能|不可|不得)再?(?:多|大)|再(?:多|大)(?:就)?(?:不行|不要|不可以)|` +
    String.raw`(?<![a-z])(?:(?:that'?s|that\s+is|this\s+is|it'?s)\s+(?:the\s+|our\s+)?(?:max(?:imum)?|most|upper\s+limit|limit|ceiling|top)|no\s+more(?:\s+than\s+that)?|not\s+more|max(?:imum)?|tops|at\s+most))` +
    String.raw`|(?<min>(?:这|那|这个|那个|此)?(?:已经|就|也)?(?:是|为|算是?)?(?:我们的?)?(?:最小(?:的|值|面积)?|最少(?:的)?|下限|底线)|(?:最少|最小|至少|起码)(?:就?这么?多|要这么?多)?|(?:不能|不可|不得)再?(?:少|小)|再(?:少|小)(?:就)?(?:不行|不要|不可以)|` +
    String.raw`(?<![a-z])(?:(?:that'?s|that\s+is|this\s+is|it'?s)\s+(?:the\s+|our\s+)?(?:min(?:imum)?|least|lower\s+limit|floor)|no\s+less(?:\s+than\s+that)?|not\s+less|min(?:imum)?|at\s+least)))` +
    String.raw`[^\S
]*(?:的|了|啦|啊|哈|吧|哦|呢)*[^\S
]*(?=[。.!！?？,，;；
]|$)`,
  "i",
);
const FIELD_NEXT = new RegExp(String.raw`^[^\S\n]*[:：]?[^\S\n]*${FIELD_AHEAD}`, "i");
const LINE_ENDS = /^[^\S\n]*(?:的|啊|吧)?[^\S\n]*[。.!！,，;；]*[^\S\n]*(?:\n|$)/;

// A point starts a number only with a digit after it (".5"): "approx. 3000 sqm" is "approx." before 3000.
const NUMBER_START = /[0-9零〇一二两三四五六七八九十百千半]|\.(?=[0-9])/;

/**
 * A field value with its qualifiers taken off: "约3000万元" → {body "3000万元", cmp "about"}, "9米以上" →
 * {body "9米", cmp "min"}, "≥9" → {body "9", cmp "min"}, "不超过6米" → {body "6米", cmp "max"}.
 * `text` must already be folded. Words that are not a whole qualifier stay in the body.
 */
export function splitQualifier(text: string): { body: string; cmp: Comparison | null } {
  let s = text.trim();
  let cmp: Comparison | null = null;
  const start = s.search(NUMBER_START);
  if (start > 0) {
    const q = comparisonBefore(s.slice(0, start));
    if (q && q.length === s.slice(0, start).length) {
      cmp = q.cmp;
      s = s.slice(start);
    }
  }
  for (let j = 1; j < s.length; j++) {
    const q = comparisonAfter(s.slice(j));
    if (q && q.length === s.length - j) {
      if (cmp && cmp !== q.cmp) return { body: text.trim(), cmp: null }; // "至少5000以下": contradictory
      cmp = q.cmp;
      s = s.slice(0, j);
      break;
    }
  }
  return { body: s.trim(), cmp };
}
