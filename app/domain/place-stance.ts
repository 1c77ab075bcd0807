import { foldText } from "./fold-text";
import { isPlace, JOINED, type PlaceMention, takenBackPlaces } from "./need-places";
import { markStance, onlyMarksBetween } from "./place-marks";
import { REFUSAL_BEFORE_EN } from "./place-words-en";

/**
 * What the words around each place in typed notes say of it — wanted, only wished for, ruled out, or neither
 * (docs/decisions/110, 118, 138, 154) — decided in ONE place for the server's reader (note-regions.ts, which then
 * resolves the places) and the public form's live preview (app/leads/assist-preview.ts: a place ruled out is never
 * shown as one to fill; docs/decisions/188). Words only, no division data: browser-safe.
 */
/** The words of a place's clause before it and after it (the clause ends at ，。；,!? and a new line). */
export function clauseAround(notes: string, [a, b]: readonly [number, number]): { before: string; after: string } {
  const before =
    notes
      .slice(0, a)
      .split(/[，。；;,!?！？\n]/)
      .pop() ?? "";
  return { before, after: notes.slice(b).split(/[，。；;,!?！？\n]/)[0] ?? "" };
}

/**
 * What people put between a place and its stance word, writing their notes as a list (ADR 140): a colon, a bracket,
 * a dash or an arrow — "江宁：不要；浦口：可以", "江宁（不要）", "江宁 - 不考虑", "浦口→可以".
 */
const STANCE_SEP = "(?:[(（【\\[:：]|[-—–]+>?|→)?\\s*";
/**
 * A negation or exclusion right before a place, in its clause: 不要高淳, 最好不要在高淳, 除了高淳, 避开高淳; and a refusal's label
 * (attack 12-05g H1/H2): "排除区域：六合区", "不要的区域：六合", "拒绝区域 - 六合", "江宁区 不要：六合区", "Excluded districts: Liuhe".
 */
export const PLACE_NEGATED_BEFORE = new RegExp(
  "(?:(?:不要|不考虑|不(?:太|是很)?想要?|不需要|不希望(?:是)?|不选|不找|别选|别找|不去|不在|不能在|去不了|没法去|不能去|别|避开|除了|除开|除|排除|不接受|拒绝|除外|" +
    // The English words (place-words-en.ts, one list with the preview's; ADR 154), and "Exclude:" as a label.
    String.raw`\b(?:${REFUSAL_BEFORE_EN})|\bexclude[ds]?(?=\s*[:：-]))` +
    String.raw`(?:\s*(?:的)?(?:区域|地区|区县|地点|位置|选址|地方|板块)?\s*(?:[:：]|-+(?!>)))?` +
    // A "no" as a label ("可以：江宁区 不行：六合区").
    String.raw`|(?:不行|不可以|不可|ng)\s*[:：]` +
    // A refusal's label made with NG / 不OK / not OK (attack 12-05h H2: "NG区域：六合", "不OK的区域：六合", "NG areas: Liuhe").
    String.raw`|(?:\bng|不\s*ok(?:ay)?|不\s*行|不可以)\s*(?:的)?\s*(?:区域|地区|区县|地点|位置|选址|地方|板块|areas?|districts?|locations?|places?)\s*(?:[:：]|-+(?!>))` +
    String.raw`|\b(?:excluded?|excluding|unwanted|not\s+(?:wanted|ok|okay|acceptable)|rejected|no[-\s]go|avoid)(?:\s+(?:locations?|areas?|districts?|regions?|sites?|places?))?\s*(?:[:：]|-+(?!>)))\s*(?:在|去|是)?\s*$`,
  "i",
);
/**
 * …or right after it: 高淳区不考虑, 高淳除外, 高淳的不要, 高淳太远了, 高淳和溧水都不要 — also said with a
 * hedge, as people turn a place down politely: 高淳可能不行, 高淳估计不太合适, 高淳恐怕不方便, 高淳有点远,
 * 高淳应该不考虑 (a hedge before a "no" still rules the place out; 高淳可能也行 has no "no" and does not).
 */
const PLACE_NEGATED_AFTER = new RegExp(
  "^\\s*(?:区|县|市)?\\s*" +
    STANCE_SEP +
    "(?:的话|的)?\\s*(?:厂房|地方|那边|那里|区域)?\\s*(?:都|也|就|肯定|实在)?\\s*(?:可能|估计|恐怕|大概|应该|怕是|感觉|好像|觉得)?\\s*" +
    "(?:最好|还是|尽量|暂时|暂|先|都|也|就)?\\s*(?:不考虑|不要(?!\\s*(?:太|过于|那么|这么|很))|不行(?!\\s*(?:的话|就|再|那|也|还))|不去|不可以|不可|除外|除开|除去|排除|就算了|算了|免了|不用|不需要|不予考虑|暂不考虑|不在考虑|" +
    "去不了|不能去|没法去|太远|太偏|太贵|(?:有点|有些|比较|稍微|稍)(?:远|偏|贵)|不合适|不适合|不太(?:合适|行|方便|考虑|想)|不大(?:合适|方便|行)|不理想|不方便|不接受|以外|之外|" +
    // English after the place (places32, attack F7): "Jiangning is not ok", "Jiangning doesn't work for us", "Jiangning no".
    "pass|is\\s+out|is\\s+excluded|is\\s+off\\s+the\\s+table|(?:is|would\\s+be|will\\s+be)\\s+(?:a\\s+)?no(?:-|\\s+)go|is\\s+too\\s+(?:far|remote|expensive)|" +
    "(?:is|are|would\\s+be|will\\s+be)\\s+not\\b|(?:isn['’]t|aren['’]t|wouldn['’]t\\s+be|won['’]t\\s+be)\\b|not\\s+(?:ok|okay|good|possible|acceptable|an\\s+option|suitable|wanted)\\b|" +
    "(?:does\\s+not|doesn['’]t|do\\s+not|don['’]t|will\\s+not|won['’]t|would\\s+not|wouldn['’]t|can(?:not|['’]t))\\s+(?:really\\s+)?(?:work|suit|fit|do)\\b|" +
    // "NG" (no good) after a place, as ticks' opposite in lists (attack 12-05g H12: "江宁区OK，浦口区NG").
    // …also after "is" (attack 12-05h H1: "Jiangning is OK, Liuhe is NG" stored Liuhe as wanted).
    "(?:please\\s+)?no\\b|(?:(?:is|are|=|是|为|属于)\\s*)?(?:a\\s+)?(?:ng\\b|n\\.\\s?g\\b\\.?)|(?:is|are)\\s+(?:a\\s+)?no(?:-|\\s+)go\\b)",
  "iu",
);
/** A place only wished for, before it (最好溧水, 尽量在溧水, 优先考虑溧水, 首选溧水) or after it (溧水优先, 溧水的厂房最好). Not 希望: "希望在溧水" asks. */
const PLACE_WISHED_BEFORE =
  /(?:最好|尽量|尽可能|优先|首选|第一选择|第一志愿|倾向于?|更想|更倾向于?|preferably|ideally|\bprefer(?:red|ence)?|(?:first|top)\s+choice|\bfirst(?:ly)?|\bplan\s+a|would\s+rather(?:\s+be)?)\s*(?:考虑|选择?|要)?\s*(?:在|去|是|is|in)?\s*[:：]?\s*$/i;
/** Where a clause ends, looked for after a rank word ("江宁第一，", "Jiangning first, …"): a rank then anything else is no rank. */
const RANK_END = "(?=\\s*(?:[，。；;,!?！？、\\n)）\\]】]|$))";
/**
 * A Chinese rank ends at blanks too, before the next name (attack 12-05g H7: "江宁第一 浦口第二" kept 浦口 alone): 第一 then a
 * blank and a Han character is no "第一期". English ranks keep RANK_END ("Jiangning first floor" is no rank).
 */
const RANK_END_ZH = "(?=\\s*(?:[，。；;,!?！？、\\n)）\\]】]|$)|[^\\S\\n]+\\p{Script=Han})";
const PLACE_WISHED_AFTER = new RegExp(
  "^\\s*(?:[(（【[:：]|[-—–]+>?|→)?\\s*(?:的)?\\s*(?:厂房|仓库|土地|地方|那边|区域)?\\s*(?:优先|最好(?!不|别)|为佳|更好|(?:为|是|作为|当)?\\s*首选|" +
    "其次(?!\\s*(?:[，。；;,!?！？、\\n]|$))|(?:(?:is|would\\s+be|will\\s+be)\\s+)?(?:the\\s+)?(?:preferred|first\\s+choice|ideal|best|preferable)|preferably|ideally|" +
    // A rank (places34, attack H4/H5): "江宁第一，浦口第二", "江宁为首选", "Jiangning first, Pukou second"; and a fallback after
    // it ("江宁不行的话浦口", "江宁不行就浦口": 江宁 first, the other one wanted too).
    `(?:为|是)?第一(?:选择|志愿|意向|顺位)?${RANK_END_ZH}|(?:is\\s+)?(?:the\\s+|our\\s+|my\\s+)?(?:first|top|1st)(?:\\s+(?:choice|option|pick|preference))?${RANK_END}|` +
    "(?:要是|如果)?\\s*(?:实在)?\\s*不行(?:的话|就|再))",
  "iu",
);
/** A place wanted outright whatever the words around it: 只要溧水, 只考虑溧水, 溧水可以, 溧水也行 (the place finders' own words, `findRuledPlaces`). */
const PLACE_ONLY_BEFORE = new RegExp(
  String.raw`(?:只要|只考虑|只能在|只在|只去|只看|只找|仅限|就要|就在|非得在|非要在|必须在|必须是|一定要在|其次|次选|再次|备选|然后是|再就是|也可以考虑|也考虑|也可以是|only(?:\s+in)?|otherwise|failing\s+that|second(?:\s+choice)?(?:\s+is)?|then|also|` +
    // A fallback before the place (places34, attack H5): "实在不行浦口", "不行就浦口", "要不然浦口", "backup: Pukou".
    String.raw`(?:实在|再|要是|如果)?不行(?:的话)?\s*(?:就|再|那就)?(?:考虑|选|去)?|要不然?|不然(?:的话)?(?:就)?|否则(?:就)?|退而求其次|` +
    String.raw`or\s+else|alternatively|failing\s+which|if\s+not,?|backup|fallback|alternative|plan\s+b)\s*(?:在|去|是|is|in)?\s*[:：]?\s*$`,
  "i",
);
const PLACE_OK_AFTER = new RegExp(
  String.raw`^\s*(?:区|县|市)?\s*(?:[(（【[:：]|[-—–]+>?|→)?\s*(?:的)?\s*(?:厂房|地方|那边|那里)?\s*(?:都|也|就)?\s*(?:(?:作为|当|做|为|是)?\s*(?:备选|备用|次选|第二选择)|次之|(?:其次|再次|第二|第三|其后)(?:选择|志愿)?(?=\s*(?:[，。；;,!?！？、\n)）]|$)|[^\S\n]+\p{Script=Han})|[二两三]选一|任选(?:其)?一|(?:as\s+(?:a|an|the|our)\s+)(?:backup|fallback|alternative|second\s+choice|plan\s+b)\b|(?:is|as)\s+(?:a\s+|the\s+|our\s+)?(?:second\s+choice|backup|fallback)\b|可以|行(?![政业])|可(?!能)|没问题|能接受|ok(?:ay)?\b|(?:is|are|would\s+be)\s+(?:also\s+)?(?:fine|ok|okay|good|acceptable|possible)\b|(?:also\s+|too\s+)?(?:works?|would\s+(?:work|do)|fine|acceptable)\b|` +
    // A yes after the place, a rank after the first (places34): "浦口（要）", "浦口要，江宁不要", "Pukou (yes)", "Pukou second".
    String.raw`要(?=\s*(?:[，。；;,!?！？、\n)）\]】]|$))|yes\b|please\b|不错|(?:is\s+)?(?:the\s+|our\s+|my\s+)?(?:second|third|2nd|3rd)(?:\s+(?:choice|option|pick|preference))?(?=\s*(?:[,.;!?)\]\n]|$)))`,
  "iu",
);
/**
 * A grudging yes after the place (places34): "江宁也不是不行", "江宁倒也不是不可以", "江宁未尝不可", "江宁也还行", "江宁勉强可以",
 * "Jiangning is not bad", "Jiangning wouldn't be a problem" — acceptable, never a refusal (read before PLACE_NEGATED_AFTER,
 * whose 不行 it holds).
 */
const PLACE_GRUDGING_AFTER = new RegExp(
  String.raw`^\s*(?:区|县|市)?\s*(?:的话)?\s*(?:其实|倒|倒也|也|其实也)?\s*(?:(?:也)?不是不|未尝不|并非不|没有不)(?:行|可以|可|能考虑|考虑|能接受|能去)|` +
    String.raw`^\s*(?:区|县|市)?\s*(?:倒|也|倒也)?\s*(?:还行|勉强(?:可以|能接受|行)|凑合)|` +
    String.raw`^\s*(?:is|are|would\s+be)\s+not\s+(?:bad|impossible|out\s+of\s+the\s+question|(?:a\s+)?ng)\b|^\s*(?:isn['’]t|aren['’]t)\s+(?:a\s+)?ng\b|^\s*(?:区|县|市)?\s*(?:也|倒)?不是\s*ng\b|^\s*(?:isn['’]t|wouldn['’]t\s+be)\s+(?:bad|impossible|out\s+of\s+the\s+question|a\s+problem)\b|^\s*(?:is\s+)?(?:also\s+)?not\s+a\s+problem\b`,
  "iu",
);
/**
 * A place wanted, said with a word of wanting before it (places34, attack H3): "要浦口", "不要江宁要浦口", "需要浦口", "想要浦口的厂房",
 * "希望浦口", "选浦口", "找浦口的", "意向浦口", "we want Pukou". Read after the refusals (不要 is no 要) and the wishes (最好要江宁 wishes).
 */
const PLACE_WANT_BEFORE =
  /(?<![不别没需想])(?:需要|想要|要|希望(?:是)?|选(?!址)|选择|找|意向(?:是)?|考虑|看中|看好|相中|选址(?:在|于)?|\bwant|\bneed|\bchoose|\bpick|\blike|\blooking\s+at|\binterested\s+in|\bgo\s+for)\s*(?:在|去|是|is|in)?\s*[:：]?\s*$/iu;
/**
 * A place as an item of a numbered list ("1. 江宁 2. 浦口", "①江宁 ②浦口", "(1) 江宁", "Option 1: Jiangning", "方案一：江宁"): one of the places named, wanted (places34,
 * attack H4: the order is said by the list; none is taken as the one preferred, a list of needs is numbered so too).
 */
const PLACE_NUMBERED_BEFORE =
  /(?:(?:^|[\s，。；;,!?！？、:：])(?:\d{1,2}\s*[.、)）]|(?:option|choice|方案|选项)\s*(?:[1-9]|[a-c一二三]|one|two|three)\s*[:：])|[(（]\d{1,2}[)）]|[①-⑩])\s*$/iu;

/** The words around a place (see `around`); `bracket`: the words after are a bracket's, opened right after the place. */
type Near = { before: string; after: string; bracket: boolean };

/**
 * The words right before a place in its clause, and the start of those after it, folded (Traditional too). A bracket
 * opened right after the place is read whole, to its closing bracket (at most BRACKET_REACH characters: a longer one is
 * about something else): "江宁（不要）" says of 江宁, "江宁、浦口（不要高淳）" and "高淳（不要太偏的）" do not (places34, `says`).
 */
function around(notes: string, [a, b]: readonly [number, number]): Near {
  // English words are longer than Chinese ones: "preferably in " is 14 characters (trial 12-05).
  const reach = isLatinText(notes.slice(a, b)) ? 24 : 10;
  // 、 after a number is a list's ("1、江宁 2、浦口"), not a clause's end.
  const before =
    notes
      .slice(Math.max(0, a - reach), a)
      .split(/[，。；;,!?！？\n]|(?<![0-9０-９])、/u)
      .pop() ?? "";
  const open = /^[^\S\n]*(?:区|县|市)?[^\S\n]*[(（【[]/u.exec(notes.slice(b, b + 8));
  // A line break ends the words after a place (attack 12-05g H9: "江宁区，浦口区\n不要六合区" ruled out 浦口区): the next line's
  // words are its own places', as the words before a place stop at one.
  if (!open) return { before: foldText(before).s, after: foldText(notes.slice(b, b + reach).split("\n")[0]).s, bracket: false };
  const inside = notes.slice(b, b + BRACKET_REACH);
  const close = inside.slice(open[0].length).search(/[)）】\]]/u);
  const after = close >= 0 ? inside.slice(0, open[0].length + close + 1) : b + BRACKET_REACH >= notes.length ? inside : "";
  return { before: foldText(before).s, after: foldText(after).s, bracket: true };
}
/** A bracket after a place is read to this many characters at most (around). */
const BRACKET_REACH = 40;

/**
 * Whether the words after a place (`near.after`) say what `re` holds; in a bracket only when the bracket says nothing more
 * than it (a particle, a full stop): "江宁（不要）", "Jiangning (no)" — not "江宁（不要高淳）", "高淳（不要太偏的）" (a refusal of a
 * quality, not of the place), "Pukou (not Jiangning)". Attack 2026-12-05 H2.
 */
function says(re: RegExp, near: Near): boolean {
  const m = re.exec(near.after);
  if (!m) return false;
  return !near.bracket || /^[^\S\n]*[了啦吧呢哈哦的!！。.~～]*[^\S\n]*(?:[)）】\]]|$)/u.test(near.after.slice(m.index + m[0].length));
}

function placeNegated(notes: string, span: readonly [number, number], near: Near): boolean {
  if (PLACE_NEGATED_BEFORE.test(near.before) || says(PLACE_NEGATED_AFTER, near)) return true;
  // fix31 (attack 31 F6): an English negation earlier in the clause, governing the marker that takes the place.
  return (
    near.before !== "" &&
    isLatinText(notes.slice(span[0], span[1])) &&
    PLACE_REFUSED_EN.test(foldText(clauseAround(notes, span).before.slice(-80)).s)
  );
}

/**
 * Whose are the words between two places of one clause, `p` then `q` (places34, attack H2/H3): "浦口区 江宁区 不要高淳区" — 不要
 * is 高淳区's, not a refusal after 江宁区; "不要江宁要浦口" — 要 is 浦口's; "江宁不要浦口可以" — 不要 is 江宁's. The words touch
 * one and stand apart from the other (blanks): that one's; else the first's when the second has its own words after it,
 * else the second's (a stance word before a place is the more common: 不要X, 要X). "none": a clause's end between them (each
 * has its own words), nothing but blanks and joiners, more than a few words, or words that are no refusal or want.
 */
function wordsBetween(notes: string, p: readonly [number, number], q: readonly [number, number]): "p" | "q" | "none" {
  const between = notes.slice(p[1], q[0]);
  if (between.length > 12 || /[，。；;,!?！？\n]/u.test(between) || JOINED.test(between)) return "none";
  // Only a refusal or a want may be either's: "浦口其次江宁" says of both (浦口 first, 江宁 second; ADR 138).
  const folded = foldText(between.trimEnd()).s;
  if (!PLACE_NEGATED_BEFORE.test(folded) && !PLACE_WANT_BEFORE.test(folded)) return "none";
  const lead = /^\s*/u.exec(between)![0].length;
  const trail = /\s*$/u.exec(between)![0].length;
  if (lead !== trail) return lead > trail ? "q" : "p";
  const near = around(notes, q);
  const own = [PLACE_NEGATED_AFTER, PLACE_OK_AFTER, PLACE_WISHED_AFTER, PLACE_GRUDGING_AFTER].some((re) => says(re, near));
  return own ? "p" : "q";
}

/**
 * An English refusal before a place, over the words of going, wanting and being there only (ADR 129, amended by
 * fix31): "we don't want Jiangning", "we prefer not to be in Jiangning", "we never want to move to Jiangning",
 * "don't consider Pukou", "we would rather not go to Pukou". A negation followed by any other word ("a site that
 * doesn't flood, in Jiangning" has a comma; "doesn't flood in Jiangning" has "flood") does not reach the place.
 */
const PLACE_REFUSED_EN = new RegExp(
  "(?:\\b(?:not|never|avoid(?:ing)?|cannot)|n['’]t)\\s+" +
    "(?:(?:really|ever|even|want|wanna|wish|like|plan|intend|prefer|need|care|consider(?:ing)?|look(?:ing)?|go(?:ing)?|move|moving|relocate|relocating|" +
    "expand(?:ing)?|be|being|stay|settle|base|based|located|locate|set\\s+up|to|for|at|in|into|near|around|something|anything|a|an|the|site|space|" +
    "factory|plant|warehouse|office|place|location|premises|land|plot|anywhere|somewhere|there)\\s+)*$",
  "iu",
);

/** A negation in the rest of an English place's clause (clauseAround's `after`). */
const LATIN_NEGATION_AFTER = /\b(?:not|no|never|none|nothing|cannot)\b|n['’]t\b/iu;

/** "open": a place the enterprise says it need not be in ("不在江北新区也行", "江北新区以外也可以"): neither wanted nor ruled out. */
export type Stance = "in" | "wish" | "out" | "open";

/** "不在X也行", "不一定在X都可以" — outside X is fine too: no want, no exclusion. */
const OUTSIDE_OK_BEFORE = /(?:不在|不一定在|不是|不一定是|不限于?)\s*$/u;
const OUTSIDE_OK_AFTER = /^\s*(?:区|县|市)?\s*(?:的话)?\s*(?:也|都)\s*(?:行|可以|可|没问题|没关系|能接受|ok\b)/iu;
/** "X以外也行", "X之外的地方也可以": outside X is fine *too* (也); "X以外的都行" (all but X) rules X out. */
const OUTSIDE_OK_AFTER_ALONE =
  /^\s*(?:区|县|市)?\s*(?:以外|之外)\s*(?:的)?\s*(?:地方|区域|厂房)?\s*也\s*(?:行|可以|可|没问题|没关系|能接受)/u;

/**
 * Not necessarily there (ADR 118): "不一定在江北新区", "不必在江北新区", "不是非要在江宁", "江北新区不一定",
 * "江北新区无所谓", "江宁不强求", "江宁不行也没关系" (places34: it was a refusal) — neither wanted nor ruled out, as "不在江北新区也行" is not.
 */
const NOT_NECESSARILY_BEFORE = /(?:不一定(?:要)?|不必|不用|不需要|未必|不是非要|不非要|不是一定要)\s*(?:在|是|去)\s*$/u;
const NOT_NECESSARILY_AFTER =
  /^\s*(?:区|县|市)?\s*(?:的话|这边|那边)?\s*(?:也|都)?\s*(?:不一定|不是必须|不是非要|不强求|无所谓|可有可无|不必须|(?:不行|去不了|没有)也(?:没关系|无所谓|行|可以))/u;

/** What the words right around one place say of it, or null when they say nothing. */
/**
 * Nothing but the place (docs/decisions/138, attack 32 H5): a refusal after it that a 非 or 除了 before it turns —
 * 非江宁不可, 非江宁不去, 非江宁莫属 (it must be Jiangning), 除了江宁都不考虑, 除了江宁哪都不去 (only Jiangning). Not 除了江宁都行
 * (anywhere but Jiangning) — that is no refusal after it.
 */
const MUST_BEFORE = /(?:(?<![除并])非|非得|非要|除了|除开|除去|除)\s*(?:在|去|是)?\s*$/u;
const MUST_AFTER =
  /^\s*(?:区|县|市)?\s*(?:以外|之外)?\s*(?:的)?\s*(?:地方|区域|厂房|那边)?\s*(?:(?:哪|哪儿|哪里|其他|其它|别的|别处)\s*(?:地方|区|区域)?\s*)?(?:都|也|一律|全都|全部|一概)?\s*(?:不可|不去|莫属|不行|不考虑|不要|不接受|免谈|不予考虑|pass\b)/iu;

export function ownStance(
  notes: string,
  span: readonly [number, number],
  prev?: readonly [number, number],
  next?: readonly [number, number],
): Stance | null {
  const marked = markStance(notes, span);
  if (marked) return marked;
  const near = around(notes, span);
  // The words between this place and the next (or the one before) that are the other's (wordsBetween).
  if (next && wordsBetween(notes, span, next) === "q") near.after = "";
  if (prev && wordsBetween(notes, prev, span) === "p") near.before = "";
  // Words then a colon after a place label the next place, not this one ("江宁区 不行：六合区", "首选: 江宁 排除: 六合";
  // attack 12-05g H2: 江宁 was ruled out, 六合 wanted).
  if (LABEL_OF_NEXT.test(near.after)) near.after = "";
  if (says(MUST_AFTER, near)) {
    // "并非江宁不可", "不是非江宁不可": not necessarily there — neither wanted nor ruled out (ADR 118's "open").
    if (/(?:并非|不是非|不一定非)\s*(?:得|要)?\s*(?:在|是|去)?\s*$/u.test(near.before)) return "open";
    if (MUST_BEFORE.test(near.before)) return "in";
  }
  if ((OUTSIDE_OK_BEFORE.test(near.before) && says(OUTSIDE_OK_AFTER, near)) || says(OUTSIDE_OK_AFTER_ALONE, near)) return "open";
  if (NOT_NECESSARILY_BEFORE.test(near.before) || says(NOT_NECESSARILY_AFTER, near)) return "open";
  // "江宁的话6米也行" (a figure said for one place): not the place asked for outright — told unread (attack 12-05h M4).
  if (IF_THERE_FIGURE.test(near.after)) return "open";
  // Near the place ("江宁不要太远", "离江宁近一点", "靠近江宁", "not too far from Jiangning"; session 41: listed as not read): the place
  // wanted, as "江宁附近", "高淳一带" are (readers L1) — one rule for the words of nearness.
  // Away from it ("远离江宁", "不要靠近江宁", "not close to Jiangning"): ruled out — never read as near (its opposite).
  if (PLACE_AWAY_BEFORE.test(near.before)) return "out";
  if (PLACE_NEAR_BEFORE.test(near.before) || says(PLACE_NEAR_AFTER, near)) return "in";
  if (says(PLACE_GRUDGING_AFTER, near)) return "in";
  // "江宁，不是浦口", "要江宁的，而不是浦口的": the place contrasted away, ruled out (ADR 154; it was told or not read at all).
  if (NOT_THIS_BEFORE.test(near.before) && NOT_THIS_AFTER.test(near.after)) return "out";
  if (placeNegated(notes, span, near)) return "out";
  if (PLACE_ONLY_BEFORE.test(near.before) || says(PLACE_OK_AFTER, near)) return "in";
  if (PLACE_WISHED_BEFORE.test(near.before) || says(PLACE_WISHED_AFTER, near)) return "wish";
  if (PLACE_WANT_BEFORE.test(near.before) || PLACE_NUMBERED_BEFORE.test(near.before)) return "in";
  // A list after a refusal's label, on its line ("排除区域：六合，高淳"): each is ruled out (attack 12-05g H1).
  const line =
    notes
      .slice(Math.max(0, span[0] - 48), span[0])
      .split("\n")
      .pop() ?? "";
  if (REFUSED_LABEL_LIST.test(foldText(line).s)) return "out";
  return null;
}
/** Away from a place, before it: 远离江宁, 不要靠近江宁, 别挨着江宁, "away from Jiangning", "not close to Jiangning". */
const PLACE_AWAY_BEFORE =
  /(?:远离|(?:不要|别|不想|不能|不希望|避免|不宜)\s*(?:靠近|临近|接近|挨着|紧邻|紧挨着?)|\b(?:away\s+from|not\s+(?:close|near)\s+to|not\s+near|(?<!(?:not|n['’]t)\s+(?:too\s+|so\s+)?)far\s+from))\s*$/iu;
/** A word of nearness before a place: 离江宁近, 距江宁不远, 靠近江宁, "close to Jiangning", "not too far from Jiangning". */
const PLACE_NEAR_BEFORE =
  /(?:离|距离?|靠近|临近|接近|挨着|紧邻|紧挨着?|(?:不要|别|不能)(?:离|距)|\b(?:close\s+to|not\s+(?:too\s+)?far\s+from|near\s+to|in\s+the\s+vicinity\s+of))\s*$/iu;
/** …or after it: 江宁不要太远, 江宁近一点 (not 江宁太远: a refusal, PLACE_NEGATED_AFTER; 江宁附近 and 一带 are read as wanted already). */
const PLACE_NEAR_AFTER =
  /^\s*(?:区|县|市)?\s*(?:的)?\s*(?:(?:不要|别|不能|不用|不会|不)太?远|(?:近|近一点|近点|近些|近一些)(?![^，。；;,!?！？\n]*(?:不要|不考虑|不行)))/u;
/**
 * 不是 opening a clause right before a place that ends it: the place set against the one wanted ("江宁，不是浦口", "而不是浦口的").
 * Read after "不是X也行" (outside X is fine too) and "不是非要在X" (not necessarily there); "不是X就是Y" goes on (no clause's end).
 */
const NOT_THIS_BEFORE = /^[^\S\n]*(?:而|并|可|但|也)?不是[^\S\n]*(?:在|去)?[^\S\n]*$/u;
const NOT_THIS_AFTER =
  /^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:那边|那里|这边)?[^\S\n]*(?:的)?[^\S\n]*(?:厂房|地方|区域)?[^\S\n]*(?:的)?[^\S\n]*(?:[，。；;,!?！？\n)）]|$)/u;
/** A place then "的话" and a figure in its clause: a condition on a figure, not a place wanted (ownStance). */
const IF_THERE_FIGURE = /^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:那边|这边)?的话[^，。；;,!?！？\n]{0,6}?\d/u;
/** Words then a colon after a place, the start of another item: a label of what follows (ownStance). */
export const LABEL_OF_NEXT =
  /^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:\p{Script=Han}{1,6}|[A-Za-z]{1,12}(?: [A-Za-z]{1,12})?)[^\S\n]*[:：][^\S\n]*[^\s]/u;
/** A refusal's label, then places joined by commas up to this one. */
const REFUSED_LABEL_LIST =
  /(?:排除|不要|不考虑|拒绝|不接受|除外|ng|不\s*ok|不行)(?:的)?(?:区域|地区|区县|地点|位置|选址)?\s*[:：]\s*(?:[^，。；;!?！？\n:：]{1,12}\s*[，,、]\s*)+$/iu;

/**
 * Each place's stance, in the order given (docs/decisions/110): its own words, else those of the places it
 * is listed with ("不要高淳或者溧水", "高淳、溧水都不要", "最好溧水或江宁": the first's words before, the
 * last's after), else wanted.
 */
export function placeStances(notes: string, places: readonly PlaceMention[]): Stance[] {
  const own = places.map((p, i) => ownStance(notes, p.span, places[i - 1]?.span, places[i + 1]?.span));
  // A name with no words of its own beside a marked one, nothing but blanks and marks between ("Jiangning ✔ Pukou", "✔ Jiangning
  // ✖ Pukou Liuhe"): a mark rules one place, never its neighbour — neither wanted nor ruled out, told unread (ADR 145; attack
  // 12-05g H10: the English names were filled, as no finder flagged them the way findRuledPlaces does the Chinese ones).
  const marked = places.map((p, i) => own[i] !== null && markStance(notes, p.span) !== null);
  for (const [i, p] of places.entries()) {
    if (own[i] !== null) continue;
    const prev = places[i - 1];
    const next = places[i + 1];
    if (
      (prev && marked[i - 1] && onlyMarksBetween(notes.slice(prev.span[1], p.span[0]))) ||
      (next && marked[i + 1] && onlyMarksBetween(notes.slice(p.span[1], next.span[0])))
    )
      own[i] = "open";
  }
  const out: Stance[] = [];
  for (let i = 0; i < places.length;) {
    let j = i;
    while (j + 1 < places.length && JOINED.test(notes.slice(places[j].span[1], places[j + 1].span[0]))) j++;
    // The last's words after it rule the list ("高淳、溧水都不要") — not over a bare English comma, which also ends a
    // clause, unless they speak of several ("in Pukou, Jiangning is not ok" rules out Jiangning alone; places32).
    const bareComma = places.slice(i, j).some((p, k) => /^\s*,\s*$/.test(notes.slice(p.span[1], places[i + k + 1].span[0])));
    const plural = /^\s*(?:are|both|all|neither|none|either|aren['’]t|don['’]t|do\s+not)\b/iu.test(notes.slice(places[j].span[1]));
    // A mark is one place's (place-marks.ts): beside it, a name of the list with none is neither wanted nor ruled out.
    const byMark = (k: number) => own[k] !== null && markStance(notes, places[k].span) !== null;
    const list = own[i] ?? (bareComma && !plural ? null : own[j]) ?? "in";
    const markedList = own[i] !== null ? byMark(i) : own[j] !== null && byMark(j);
    // An English list no word rules, with a negation after it in its clause that none of the words above places
    // ("Jiangning has no metro line"): never wanted, never ruled out — its clause is told unread (places32, attack F7).
    const doubt =
      own[i] === null &&
      own[j] === null &&
      isLatinText(notes.slice(places[j].span[0], places[j].span[1])) &&
      LATIN_NEGATION_AFTER.test(afterInClause(notes, places[j].span, places[j + 1]?.span));
    for (let k = i; k <= j; k++) out.push(own[k] ?? (markedList || (doubt && (k === j || !bareComma || plural)) ? "open" : list));
    i = j + 1;
  }
  // A correction between two places ("要江宁，不对，是浦口", "江宁，说错了，浦口", "Jiangning, I mean Pukou", "江宁，就是浦口"): the place
  // after it is the one meant; the one before is neither wanted nor ruled out — told unread, never filled (attack 12-05h H8).
  // A list before it is corrected whole ("江宁、浦口，不对，六合"). The one rule the live preview reads too (need-places.ts).
  for (const [k, back] of takenBackPlaces(notes, places).entries()) if (back) out[k] = "open";
  return out;
}
/**
 * The rest of a place's clause after it, up to the next place when that is in the clause, without the words before the next
 * that are its own (wordsBetween): "Pukou (not Jiangning)" — the "not" is Jiangning's, nothing is said against Pukou (places34).
 */
function afterInClause(notes: string, span: readonly [number, number], next?: readonly [number, number]): string {
  const after = clauseAround(notes, span).after;
  if (!next || next[0] - span[1] > after.length) return after;
  return wordsBetween(notes, span, next) === "q" ? "" : notes.slice(span[1], next[0]);
}

/** Whether a place as typed is written in Latin letters only (no Han): an English or pinyin name. */
export function isLatinText(text: string): boolean {
  return /[A-Za-z]/.test(text) && !/\p{Script=Han}/u.test(text);
}

/**
 * Words right after a place that rule it (the stems of PLACE_NEGATED_AFTER, MUST_AFTER, OUTSIDE_OK_AFTER_ALONE, NOT_NECESSARILY_AFTER,
 * PLACE_OK_AFTER's Chinese words): where a name ruled by them ends ("江宁除外", "江宁区不考虑", "江宁以外也行"). Read on folded text.
 */
const RULED_TAIL =
  /^(?:的话)?(?:的)?(?:都|也|就|肯定|实在|可能|估计|恐怕|大概|应该)?(?:不考虑|不要|不行|不去|不可以|不可|除外|除开|除去|排除|就算了|算了|免了|不用|不需要|暂不考虑|去不了|不能去|没法去|太远|太偏|太贵|有点远|有点偏|比较远|比较偏|不合适|不适合|不太|不大|不理想|不方便|不接受|以外|之外|莫属|不一定|无所谓|不强求|可以|也行|没问题|能接受|优先|为佳|其次|备选|近)/u;
/** Words right before a place that rule it (the stems of PLACE_NEGATED_BEFORE, MUST_BEFORE, PLACE_ONLY_BEFORE, NOT_NECESSARILY_BEFORE). */
const RULED_FRONT =
  /(?:不要|不考虑|不想要?|不需要|不希望|不选|不找|别选|别找|不去|不在|不能在|避开|除了|除开|除去|除|排除|不接受|拒绝|别|只要|只考虑|只能在|只在|只去|仅限|非得在|非要在|非|不一定在|不必在|不是|离|距离?|靠近|临近|接近)(?:在|去|是)?$/u;
const RULED_KIND = /[区县市]/u;
/** Cuts that are no name: a joiner or a particle inside, a front or a tail word left on ("江宁和", "了江宁", "江宁以外", "浦口都"). */
const RULED_NOT_A_NAME = /^.+(?:和|或|及|与|跟|、)|[的都也了]|(?:以|之)外?$|外$|^[在去是要别除]|不/u;
const RULED_JOIN = /^(?:或者|或是|或|还是|和|以及|及|与|跟|、|\/)/u;
/** At most this many names are cut out as candidates (each may be looked up by the live preview). */
const RULED_CANDIDATES_MAX = 12;

/**
 * Names said without a marker that a ruling word touches ("江宁除外", "江宁区除外", "除江宁区外", "不要江宁和浦口", "江宁、浦口都不要",
 * "江宁以外也行"): candidates for the live preview (browser-safe: no division names), which asks the server's resolver which are places
 * (app/leads/assist-preview.ts) and then reads each one's stance by this module's rules, as the server's reader finds such names by
 * the division names themselves (note-regions.ts findRuledPlaces). Each name is cut two to four characters long, with its kind
 * when one follows (江宁, 江宁区, 江北新区), and along a list joined by 、/和/或.
 */
export function findRuledPlaceCandidates(notes: string): PlaceMention[] {
  const { s, at } = foldText(notes);
  const out: PlaceMention[] = [];
  const seen = new Set<string>();
  const han = (i: number) => i >= 0 && i < s.length && /\p{Script=Han}/u.test(s[i]);
  const push = (start: number, end: number) => {
    if (start < 0 || end > s.length || end - start < 2 || out.length >= RULED_CANDIDATES_MAX) return;
    for (let i = start; i < end; i++) if (!han(i)) return;
    const name = s.slice(start, end);
    // The shape rules every place from the notes passes (need-places.ts isPlace: 平房, 光明, a company's name are none).
    if (seen.has(name) || RULED_NOT_A_NAME.test(name) || !isPlace(name, s.slice(end))) return;
    seen.add(name);
    out.push({ text: notes.slice(at[start], at[end]), span: [at[start], at[end]] });
  };
  /** The names ending at `end` (2–4 characters, or 2–4 before a kind that ends them), and the list before them. */
  const endingAt = (end: number, depth: number) => {
    const lengths = RULED_KIND.test(s[end - 1] ?? "") ? [3, 4, 5] : [2, 3, 4];
    for (const n of lengths) {
      if (!han(end - n)) break;
      push(end - n, end);
      const joiner = /(?:或者|或是|或|还是|和|以及|及|与|跟|、|\/)$/u.exec(s.slice(Math.max(0, end - n - 2), end - n));
      if (joiner && depth < 4) endingAt(end - n - joiner[0].length, depth + 1);
    }
  };
  /** The names starting at `start`, and the list after them. */
  const startingAt = (start: number, depth: number) => {
    for (const n of [2, 3, 4, 5]) {
      if (!han(start + n - 1)) break;
      if (n === 5 && !RULED_KIND.test(s[start + 4])) continue;
      push(start, start + n);
      const joiner = RULED_JOIN.exec(s.slice(start + n, start + n + 2));
      if (joiner && depth < 4) startingAt(start + n + joiner[0].length, depth + 1);
    }
  };
  for (let i = 1; i < s.length && out.length < RULED_CANDIDATES_MAX; i++) {
    if (han(i - 1) && RULED_TAIL.test(s.slice(i, i + 8))) endingAt(i, 0);
    // "除江宁区外": 外 closes what 除 opened.
    if (s[i] === "外" && han(i - 1) && /除(?:了|开|去)?[^，。；;,!?！？\n]{2,8}$/u.test(s.slice(Math.max(0, i - 10), i))) endingAt(i, 0);
    const front = RULED_FRONT.exec(s.slice(Math.max(0, i - 6), i));
    if (front && han(i) && han(i + 1)) startingAt(i, 0);
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}
