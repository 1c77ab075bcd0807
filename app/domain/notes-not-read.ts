// The parts of the notes no reader used (docs/decisions/133): the confirmation page says them, so that what a
// person wrote and the matching did not take ("双回路供电", "要有月台") is not left unsaid beside the lines it did
// read. A part is a clause — between commas, full stops, 、, line ends, and joining words ("以及", "另外", "and")
// — and it counts as read when any of its characters is in a text some reader reported (a figure, a place,
// a kind, a refusal, an unread flag already said on the page). Pure: the caller gathers the read texts.
// A clause with a contact detail in it is kept with the rest of its words (the page masks the detail:
// contact-mask.ts, docs/decisions/137); one that is nothing but contact details is left out.

import { maskContacts } from "./contact-mask";
import { simplifiedInPlace } from "./fold-text";
import { accessWishes } from "./site-access";
import { WANT_WORDS_EN, WANT_WORDS_ZH } from "./want-words";

/**
 * Where one clause ends and the next begins. An English full stop ends one when a space or the end follows
 * ("no chemical parks. Budget under 25 RMB": two; "8.5 m" and "Mr. Li" stay one; trial35 L2, docs/decisions/159); a comma
 * before three digits is a thousands separator ("around 5,000 square meters" is one clause; session 40).
 */
const SEPARATOR =
  /(?:[，。；;！!？?、\n]|(?<!\d),|,(?!\d{3}(?!\d))|(?<!\b(?:mr|mrs|ms|dr|no|approx|ca|e\.g|i\.e|vs|st|rd|ave))\.(?=\s|$))+|\s+(?:and|also|plus|as well as)\s+|以及|并且|另外|同时|还需要|还要/giu;
/**
 * The words around what a reader took that say nothing of their own (a verb of wanting, a particle, a hedge): a
 * clause whose untaken words are only these was read ("要5000平厂房", "江宁浦口都行", "Single storey preferred").
 * Any other word left ("需要带月台的仓库": 带月台) is a condition no reader took, and the clause is listed.
 */
const GLUE_PARTS = [
  String.raw`[\s\p{P}\p{S}\d]+`,
  // How many of the item a reader took ("需要10吨行车两台": 行车 ≥ 10t read, 两台 its count; trial36 LOW-2, ADR 165).
  "[零〇一二两三四五六七八九十几]+\\s*(?:台|部|套|座|栋|幢|个|间)",
  // The words that lead to a requirement (want-words.ts: "要有5吨行车", "必须有", "带", "Must have"; trial37 H1, ADR 173).
  WANT_WORDS_ZH,
  String.raw`\b(?:${WANT_WORDS_EN})\b`,
  "我们|我司|本公司|公司|需要|想要|希望|最好|尽量|尽可能|大概|大约|左右|上下|以上|以下|以内|之内|至少|最少|最多|不超过|不低于|不少于|" +
    "都行|都可以|也行|也可以|均可|可以|即可|就行|就好|优先|其次|首选|或者|还是|的话|一个|一处|要|需|想|在|的|了|和|与|及|或|约|都|也|就|吧|呢|啊|哦|等|个|处|" +
    // A unit left after a figure a reader took ("25 RMB" read, "/sqm/month" not): no word of its own.
    "平方米|平米|平方|平|米|吨|亩|元|万|月|年|台|部|套|" +
    // What an area figure is of, named beside it ("面积5000平米左右", "占地50亩"): the area reader reports the figure alone, so
    // the most common way of writing an area was listed as not read beside the box it filled (session 40).
    "建筑面积|占地面积|用地面积|厂房面积|仓库面积|总面积|使用面积|实用面积|租赁面积|需求面积|面积|占地|用地|规模|大小|" +
    // Looking for it, and meaning to take it ("求租6000平厂房", "想找6000平左右的", "拟租", "急需"): the verbs around a need that
    // say nothing of their own — the canonical 求租 listing was told 未能识别 beside the area it filled (session 40).
    "寻找|求租|求购|物色|打算|计划|准备|考虑|有意向|意向|急需|急租|急购|诚求|诚租|租用|租赁|购买|找|寻|求|拟|租|买|购|" +
    // Building on the land read beside the building's figure ("需要10亩地建3000平厂房": the plot set aside, the factory read;
    // ADR 218): the verb says nothing of its own.
    "新建|自建|建设|建|盖|" +
    // Enough said after a figure read ("层高6米就够了": the ceiling's minimum, said-enough.ts) and the fillers of speech typed by voice
    // ("呃我们想要那个五千平左右的厂房啊"): no word of their own (session 41).
    "就够了|就够|足够了|足够|够了|够用|呃|嗯|额|那个|这个|就是说|然后|呀|嘛|哈|" +
    // A budget's nouns beside the budget read ("预算租金20元/平/月以内": the budget reader reports 租金20元…, "租金预算…"). A word a
    // reader took a part of ("租金" whose 租 the deal reader took, 急租, 诚租) is weighed whole (clauseRead), never by what is left.
    "预算|租金",
  String.raw`\b(?:we|our|us|i|my|a|an|the|of|in|at|on|with|for|is|are|be|to|and|or|need|needs|needed|want|wants|wanted|would|like|looking|prefer|preferred|preferably|ideally|please|around|about|approx|approximately|roughly|at least|at most|least|most|max|min|minimum|maximum|up|than|more|less|over|under|within|is fine|fine|ok|okay|good|also|too|either|any|some|one|best|first|per|sqm|sq|m2|m|mu|ton|tons|t|kva|kw|kg|rmb|yuan|cny|month|months|year|years|` +
    // The building itself, named beside a figure or kind read ("Need a single-storey building": trial37 H1, ADR 173).
    String.raw`build|built|building|buildings|premises|facility|facilities|space|site|` +
    // An area figure's noun ("area 5000 sqm", "size about 5000 sqm", "floor area …"; not "floor" alone: "floor 3" is a wish).
    String.raw`area|floor area|total|size|footprint|gfa|budget|rent|lease|buy|purchase|seeking|searching|search|find|interested|plan|planning|intend|intending|hope|hoping|am|` +
    // A figure's own nouns and units in words beside it ("Power supply of at least 500 kVA", "… of 8 metres", "5,000 square
    // meters", "30 mu of industrial land"), and what is left of a contraction ("We'd like"): no word of their own.
    String.raw`power|supply|electricity|ceiling|height|clear|metre|metres|meter|meters|square|industrial|d|re|ll|ve|` +
    // Urgency beside a need read ("We urgently need a 5000 sqm factory"), as 急需 is in Chinese (session 41); said alone it is the
    // move-in month (move-in.ts ASAP).
    String.raw`urgently|urgent|` +
    // A comparison the figure's reader took ("no lower than 8m clear height": ceiling ≥ 8 m).
    String.raw`no\s+(?:lower|less|smaller|fewer|more|higher|larger|bigger|greater)\s+than|lower|higher|smaller|larger|bigger|greater|` +
    // How many of the item a reader took, in English ("two 10 t cranes", "three transformers rated 500 kVA each").
    String.raw`each|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`,
];
const GLUE = new RegExp(GLUE_PARTS.join("|"), "giu");
/**
 * GLUE's words one at a time, tried at a given place (sticky), the longest first: a word a reader took a part of is weighed whole
 * (clauseRead). The Chinese word lists are split into their words (an alternation takes the first that matches, not the longest:
 * "租" before "租金").
 */
const GLUE_WORD = new RegExp(
  GLUE_PARTS.flatMap((part) => (/^[\p{Script=Han}|]+$/u.test(part) ? part.split("|") : [part]))
    .sort((x, y) => y.length - x.length)
    .join("|"),
  "iuy",
);
/**
 * Words made of GLUE's single characters that are conditions of their own: 月台 (a loading dock: 月 + 台), 平台, 配套
 * (带 / 有 / 配 before them are glue since ADR 173: "需要带月台的仓库" is still listed).
 */
const NOT_GLUE = /月台|平台|配套/u;
/** A clause that says nothing to match: a greeting, thanks. */
const FILLER = /^(?:谢谢(?:您|你)?|多谢|麻烦了|您好|你好|请尽快联系|盼复|thanks?(?: you)?|hi|hello|please call)[!！。.~～\s]*$/iu;
/**
 * A person's name or title beside a contact detail ("联系：李总 138…", "王经理 微信同号", "Mr. Li 138…": trial35 L1,
 * ADR 159) — no condition; taken out only of a clause that has a contact detail or its words.
 */
const CONTACT_NAME =
  /[\u4e00-\u9fff]{0,2}(?:总|经理|先生|女士|小姐|老板|主任|老师|工)|(?:老|小)[\u4e00-\u9fff]|\b(?:mr|mrs|ms|miss|dr)\.?\s*[a-z]+/giu;
/** The words that only lead to a contact detail (in the clause as masked): a clause of these and masks says nothing to match. */
const CONTACT_WORDS =
  /\d{3}\*{4}\d{4}|\*{3}|微信号?|薇信|威信|v信|vx|wx|qq号?|电话|電話|手机|手機|座机|联系方式|联系人|联系|聯繫|同号|邮箱|郵箱|地址|加我|找|请|打|wechat|phone|tel|mobile|e-?mail|call|contact|me|at|or|[\s:：.,，。()（）/-]/giu;

/** True when the clause is nothing but contact details and the words for them ("电话：138…", "联系人王总 微信abc", "微信同号"). */
function contactOnly(clause: string): boolean {
  const masked = maskContacts(clause);
  const words = masked.replace(CONTACT_WORDS, "");
  const rest = words.replace(CONTACT_NAME, "");
  return words.length < masked.length && rest.length < 2;
}
/**
 * Whether a clause was read: a text said touches it (`covered` 2), or some reader took a part of it (1) and what no
 * reader took is only GLUE. (A clause touched anywhere once counted as read: "需要带月台的仓库" went unsaid for its 仓库.)
 */
function clauseRead(clause: string, covered: Uint8Array): boolean {
  if (covered.some((c) => c === 2)) return true;
  if (!covered.some((c) => c === 1)) return false;
  // The untaken runs, each apart (a taken part between two words keeps them two words)…
  const untaken = Array.from({ length: clause.length }, (_, i) => (covered[i] ? " " : clause[i])).join("");
  if (NOT_GLUE.test(untaken)) return false;
  const glue = new Uint8Array(clause.length);
  for (const m of untaken.matchAll(GLUE)) glue.fill(1, m.index, m.index + m[0].length);
  // …and the clause's words as typed, a word a reader took a part of whole ("租金" beside the 租 the deal reader took, "急租", "诚租":
  // session 41 — once a list of the characters left, 金 among them). Every start is tried, the longest word first (GLUE_WORD).
  for (let i = 0; i < clause.length; i++) {
    GLUE_WORD.lastIndex = i;
    const m = GLUE_WORD.exec(clause);
    if (m && m[0].length > 0) glue.fill(1, i, i + m[0].length);
  }
  return glue.every((g, i) => g === 1 || covered[i] !== 0);
}
/** At most this many clauses are said; more end in "…". */
export const NOT_READ_MAX = 8;

/**
 * The clauses of `notes` (as typed, trimmed) not read, in order, without greetings or clauses of contact details
 * only (the others as typed: the caller masks them), at most NOT_READ_MAX (a last "…" when more). [] for no notes
 * or every clause read. `read`: the parts readers took (a figure, a kind) — their clause is read when what is left
 * of it is GLUE. `said`: texts that read their whole clause wherever they touch it (a place with the words that rule
 * it out or wish for it, a flag the page already says) — the readers report the place, not its stance words.
 */
export function notesNotRead(notes: string | null | undefined, read: readonly string[], said: readonly string[] = []): string[] {
  if (!notes) return [];
  // The words around what was read are weighed in Simplified (GLUE, the item names, fillers are written so), index for index
  // the notes as typed: Traditional notes read exactly as Simplified ones (trial37/fixes37 "2臺630千伏安變壓器"; ADR 180).
  const simple = simplifiedInPlace(notes);
  const covered = new Uint8Array(notes.length);
  for (const [mark, texts] of [
    [1, read],
    [2, said],
  ] as const)
    for (const text of texts) {
      const t = text.trim();
      if (!t) continue;
      for (const [within, what] of [
        [notes, t],
        [simple, simplifiedInPlace(t)],
      ])
        for (let at = within.indexOf(what); at >= 0; at = within.indexOf(what, at + 1))
          for (let i = at; i < at + what.length; i++) covered[i] = Math.max(covered[i], mark);
    }
  // What the site must be near ("靠近地铁", "near metro"; site-access.ts): no field holds it, so a clause with one that no text
  // covers is listed even where a place said beside it reads the rest ("in Jiangning near metro" was counted read; readers40).
  const untakenAccess = new Uint8Array(notes.length);
  for (const w of accessWishes(notes))
    if (!covered.subarray(w.span[0], w.span[1]).some((c) => c === 1)) untakenAccess.fill(1, w.span[0], w.span[1]);
  const out: string[] = [];
  let start = 0;
  const take = (end: number) => {
    const raw = notes.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const clause = raw.trim();
    const from = start + lead;
    const words = simple.slice(from, from + clause.length);
    const unread =
      untakenAccess.subarray(from, from + clause.length).some((c) => c === 1) ||
      !clauseRead(words, covered.subarray(from, from + clause.length));
    if (clause && unread && !FILLER.test(words) && !contactOnly(words)) out.push(clause);
  };
  for (const m of notes.matchAll(SEPARATOR)) {
    take(m.index);
    start = m.index + m[0].length;
  }
  take(notes.length);
  return out.length > NOT_READ_MAX ? [...out.slice(0, NOT_READ_MAX), "…"] : out;
}
