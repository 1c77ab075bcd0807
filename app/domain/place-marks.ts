/**
 * Crosses and ticks said of places in typed notes (ADR 140, amended by ADR 145): "❌江宁 ✅浦口", "江宁✔ 浦口✖", "江宁 ✔️ 浦口 ✖️",
 * "江宁×，浦口√". Server and browser alike (no division data): which place a mark belongs to is read from the text around it.
 *
 * A text puts its marks on one side of its places, and a mark belongs to the place on that side (attack 2026-12-05 H1: a mark
 * before a blank was taken as the next place's). The side is the marks' own vote: a mark that touches a name only after it
 * ("✅江宁"), or opens its clause, says "before"; one that touches a name only before it ("江宁✅"), or ends its clause, says
 * "after"; marks between two names that touch both or neither say nothing; with no majority, "after" (the list "江宁 ✔ 浦口 ✖").
 * A mark with no name on the text's side in its clause is the place's on the other side ("❌江宁 浦口✅": ✅ is 浦口's). A mark
 * right after the place wins over one before it. A variation selector (U+FE0F), a skin tone and a gender sign after an emoji
 * are part of it. A "name" here is any Han or Latin letter (the browser has no division names).
 */
/** Marks that rule a place out: crosses, a "no" hand, a thumb down; ✖, ×, ✕, ╳ as people type them. */
const CROSS = "(?:❌|❎|✗|✘|✖|✕|×|╳|🚫|⛔|🙅|👎)";
/** Any mark, crosses and ticks (✅ ✔ ✓ ☑ √ 👍 ⭕ 🆗), with what an emoji may carry after it. */
const MARK = `(?:${CROSS}|✅|✔|✓|☑|√|👍|⭕|🆗|👌|💯|⭐|🌟|🙆|○|◯|〇)[\\uFE0E\\uFE0F]?[\\u{1F3FB}-\\u{1F3FF}]?(?:\\u200D[♀♂]\\uFE0F?)?`;
/**
 * A mark after the place (a kind typed after the name kept with it; blanks between), and a letter after it: another name. A mark
 * after a colon, a dash or an arrow ("江宁：✔ 浦口：✖", "江宁 - ✔") is the place's whatever the side (`sep`).
 */
const MARK_AFTER = new RegExp(
  `^(?:区|县|市)?[^\\S\\n]*(?<sep>(?:[:：→>]|-+>?)[^\\S\\n]*)?(?<mark>${MARK})(?![^\\S\\n]*[:：])[^\\S\\n]*(?<name>[\\p{Script=Han}A-Za-z])?`,
  "u",
);
/**
 * A mark before the place (blanks and 在/去/是 between: `tail`), and a letter before it: another name; after a separator: the name's
 * before it — when a name, not a label, is before the separator (`sepFollowsName`).
 */
const MARK_BEFORE = new RegExp(
  `(?:(?<name>[\\p{Script=Han}A-Za-z])|(?<sep>[:：→>-]))?[^\\S\\n]*(?<mark>${MARK})(?<tail>[^\\S\\n]*(?:[:：][^\\S\\n]*)?(?:在|去|是)?[^\\S\\n]*)$`,
  "u",
);
/**
 * Words before a colon that label what follows, not a place (attack 12-05g H3: "地点：❌江宁 ✅浦口" gave ❌ to 江宁's left): the
 * labels of need-places.ts PLACE_LABEL and of a note's parts, Chinese and English. Matched at the end of the letters before it.
 */
const LABEL_WORD =
  /(?:地点|位置|区域|地区|区位|选址|地址|落户地|地段|区县|县区|行政区|备注|说明|其他|其它|补充|要求|需求|意向|偏好|范围|选择|倾向|情况|首选|备选|次选|候选|想要|需要|不要|排除|location|locations|area|areas|district|districts|region|regions|site|sites|place|places|note|notes|remark|remarks|comment|comments|preference|preferences|option|options|choice|choices)$/iu;
/** A separator a mark may follow, at the end of the text before the mark, and the letters before it. */
const SEP_BEFORE = /(?<word>[\p{Script=Han}A-Za-z]*)[^\S\n]*(?:[:：→>]|-+>?)[^\S\n]*$/u;
/** A dash with a blank before it and the mark right after it: a list's bullet ("江宁 -❌浦口"), not "江宁 - ❌" or "江宁-❌". */
const BULLET = /[^\S\n]-+$/u;
/** After a mark: a name and then another mark before a separator or the clause's end — the marks are said before the names. */
const NAME_THEN_MARK = new RegExp(`^[^\\S\\n]*[\\p{Script=Han}A-Za-z][^，。；;,!?！？、\\n:：→>-]*?${MARK}`, "u");

/**
 * Whether the separator that ends `left` (the text before a mark) is a name's, so the mark is that name's ("江宁：✔ 浦口：✖",
 * "江宁 - ✔"): a name is right before it, no label ("地点：", "Areas:"), and the text after the mark (`right`) is not a name
 * followed by another mark ("地点：❌江宁 ✅浦口", "客户意向：✅江宁 ❌浦口": a label's colon, then marks before the names).
 * A separator with no letters before it is a list's bullet ("- ✅江宁", "> ✅江宁"). Attack 12-05g H3.
 */
function sepFollowsName(left: string, right: string): boolean {
  const m = SEP_BEFORE.exec(left);
  if (!m || m.groups!.word === "" || LABEL_WORD.test(m.groups!.word) || BULLET.test(left)) return false;
  return !NAME_THEN_MARK.test(right);
}
const CROSSED = new RegExp(`^${CROSS}`, "u");
/** A mark in brackets right after the place, an x too: "江宁(x) 浦口(✓)", "江宁（×）". The place's, whatever the side. */
const MARK_IN_BRACKETS = new RegExp(`^(?:区|县|市)?[^\\S\\n]*[(（【[][^\\S\\n]*(?<mark>[xX]|${MARK})[^\\S\\n]*[)）】\\]]`, "u");
/** Where a clause ends: a mark is a place's of its own clause only. */
const CLAUSE_END = /[，。；;,!?！？、\n]/u;

/** The last notes looked at, and the side they put marks on (a text is asked once per place). */
let memo: { notes: string; after: boolean } | null = null;
/** A Han or Latin letter: a name's end or start, for the side of a mark. */
const LETTER = /[\p{Script=Han}A-Za-z]/u;

/** Whether the text puts its marks after the places (see above): the marks' vote, "after" when even. */
function marksFollow(notes: string): boolean {
  if (memo?.notes === notes) return memo.after;
  let vote = 0;
  let looked = 0;
  // At most MARKS_WEIGHED marks vote: the side is the first ones' (a bound on the work for long notes, ADR 142).
  for (const m of notes.matchAll(ALL_MARKS)) {
    if (++looked > MARKS_WEIGHED) break;
    const left = notes.slice(Math.max(0, m.index - 8), m.index);
    const right = notes.slice(m.index + m[0].length, m.index + m[0].length + 8);
    const touchL = LETTER.test(left.slice(-1));
    const touchR = LETTER.test(right.slice(0, 1));
    const wide = notes.slice(Math.max(0, m.index - 16), m.index);
    // A mark before a colon labels what follows ("✔：江宁区 ✖：六合区"; attack 12-05g H2).
    if (/^[^\S\n]*[:：]/u.test(right)) {
      vote--;
      continue;
    }
    // After a colon, a dash or an arrow: the name's before it ("江宁：✔"); after a label's or a bullet the mark opens its clause.
    const sep = SEP_BEFORE.test(left);
    if (sep && sepFollowsName(wide, notes.slice(m.index + m[0].length, m.index + m[0].length + 24))) {
      vote++;
      continue;
    }
    const startsClause = sep || /(?:^|[，。；;,!?！？、\n(（])[^\S\n]*$/u.test(left) || left === "";
    const endsClause = /^[^\S\n]*(?:$|[，。；;,!?！？、\n)）])/u.test(right);
    if ((touchR && !touchL) || (startsClause && !endsClause)) vote--;
    else if ((touchL && !touchR) || (endsClause && !startsClause)) vote++;
  }
  const after = vote >= 0;
  memo = { notes, after };
  return after;
}
/** At most this many marks of a text vote for its side. */
const MARKS_WEIGHED = 20;
const ALL_MARKS = new RegExp(MARK, "gu");

/** Whether the words between two places are blanks and marks only, a mark among them ("江宁 ✔ 浦口": findRuledPlaces). */
export function onlyMarksBetween(between: string): boolean {
  // A mark's separator too: "江宁：✔ 浦口" (attack 12-05g: 浦口 was dropped silently).
  return (
    ANY_MARK.test(between) &&
    between
      .replace(ALL_MARKS, "")
      .replace(/[:：→>-]/gu, "")
      .trim() === ""
  );
}
const ANY_MARK = new RegExp(MARK, "u");

/** Whether `text` holds a cross or a tick (note-regions.ts: English names beside a mark are read one by one). */
export function hasMark(text: string): boolean {
  return ANY_MARK.test(text);
}

/**
 * The stance a cross or tick gives the place at `span` ([start, end) in UTF-16 units of `notes`, as typed): "out" for a cross,
 * "in" for a tick, null when no mark is the place's (see above).
 */
export function markStance(notes: string, span: readonly [number, number]): "in" | "out" | null {
  const bracketed = MARK_IN_BRACKETS.exec(notes.slice(span[1], span[1] + 16));
  if (bracketed) return /^[xX]/.test(bracketed.groups!.mark) || CROSSED.test(bracketed.groups!.mark) ? "out" : "in";
  const follow = marksFollow(notes);
  // `name`: a letter on the mark's other side, in the clause — the mark is between two names, and goes to the text's side.
  const after = MARK_AFTER.exec(notes.slice(span[1], span[1] + 16).split(CLAUSE_END)[0]);
  const bullet =
    after?.groups!.sep !== undefined && BULLET.test(after[0].slice(0, after[0].indexOf(after.groups!.sep) + after.groups!.sep.length));
  if (after && (follow || (after.groups!.sep !== undefined && !bullet) || after.groups!.name === undefined))
    return CROSSED.test(after.groups!.mark) ? "out" : "in";
  const front =
    notes
      .slice(Math.max(0, span[0] - 16), span[0])
      .split(CLAUSE_END)
      .pop() ?? "";
  const before = MARK_BEFORE.exec(front);
  // A separator before the mark is the name's before it, unless a label's or a bullet ("地点：❌江宁": ❌ is 江宁's).
  const sepTaken =
    before?.groups!.sep !== undefined &&
    sepFollowsName(
      notes.slice(Math.max(0, span[0] - 32), span[0] - before.groups!.tail.length - before.groups!.mark.length),
      notes.slice(span[0] - before.groups!.tail.length, span[0] - before.groups!.tail.length + 24),
    );
  if (before && !sepTaken && (!follow || before.groups!.name === undefined)) return CROSSED.test(before.groups!.mark) ? "out" : "in";
  return null;
}
