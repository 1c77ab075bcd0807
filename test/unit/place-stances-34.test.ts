import { describe, expect, it } from "vitest";

import { findListedPlaceCandidates, findPlaceMentions } from "~/domain/need-places";
import { MAX_UNMARKED_NAMES, planNoteRegions, readPlaceList } from "~/domain/note-regions";
import { markStance } from "~/domain/place-marks";
import { readingWork } from "~/domain/reading-work";
import { latinOneLetterOff } from "~/domain/regions";

import { codes, GC, JN, LH, LS, PK, type PlaceRow, readPlaces } from "../support/place-stances";

// ADR 145 (places34): the attack on the merged place readers (2026-12-05), each finding a kind — marks between two places,
// a refusal's reach, a place after 要, ranked choices and fallbacks, joiners and labels, a grudging yes, a refusal of a
// quality in brackets, one-letter typos. Inputs beyond the attack's: zh and en, full and half width, emoji with and
// without U+FE0F, blanks or none.

const read = readPlaces;
type Row = PlaceRow;

describe("H1: a mark belongs to the place it touches or follows, on the side the text puts its marks", () => {
  it.each<Row>([
    ["江宁 ✔ 浦口 ✖", [JN], ["浦口"]],
    ["江宁 ✔️ 浦口 ✖️", [JN], ["浦口"]],
    ["江宁✔ 浦口✖", [JN], ["浦口"]],
    ["江宁✔️浦口✖️", [JN], ["浦口"]],
    ["江宁 ✅ 浦口 ❌", [JN], ["浦口"]],
    ["六合 👍 溧水 👎", [LH], ["溧水"]],
    ["六合 ☑️ 溧水 ❎", [LH], ["溧水"]],
    ["溧水 ✓ 六合 ✗", [LS], ["六合"]],
    ["六合√ 溧水×", [LH], ["溧水"]],
    ["六合✔︎ 溧水✖︎", [LH], ["溧水"]],
    ["✔ 江宁 ✖ 浦口", [JN], ["浦口"]],
    ["✅ 溧水 ❌ 六合", [LS], ["六合"]],
    ["✅️溧水 ❌️六合", [LS], ["六合"]],
    ["江宁 ❌浦口 ✅", [PK], ["江宁"]],
    ["江宁区 ✔ 浦口区 ✖ 高淳区 ✔", [JN, GC], ["浦口区"]],
    ["地点：江宁 ✔ 浦口 ✖", [JN], ["浦口"]],
    ["江宁×，浦口√", [PK], ["江宁"]],
    ["六合✗，溧水✓", [LS], ["六合"]],
    ["Jiangning ✅ Pukou ❌", [JN], ["Pukou"]],
    ["✔ Jiangning ✖ Pukou", [JN], ["Pukou"]],
    ["Jiangning ✔️ Pukou ✖️", [JN], ["Pukou"]],
    ["Jiangning✔, Pukou✖", [JN], ["Pukou"]],
    // After a colon or a dash: the name's before it.
    ["江宁：✔ 浦口：✖", [JN], ["浦口"]],
    ["江宁 - ✔ 浦口 - ✖", [JN], ["浦口"]],
    ["江宁区✔️浦口区✖️", [JN], ["浦口区"]],
    // In brackets, an x too.
    ["江宁(x) 浦口(✓)", [PK], ["江宁"]],
    ["江宁（X）", [], ["江宁"]],
    ["Jiangning (x) Pukou (✓)", [PK], ["Jiangning"]],
    // ADR 140's, kept.
    ["❌江宁 ✅浦口", [PK], ["江宁"]],
    ["江宁❌浦口✅", [PK], ["江宁"]],
    ["江宁❌ 浦口✅", [PK], ["江宁"]],
  ])("%s → fills %j, rules out %j", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out });
  });

  it.each([
    ["江宁 ✔ 浦口", [JN]],
    ["江宁 浦口 ✖", []],
  ])("%s: a name beside a marked one with no mark of its own is told unread, never dropped", (notes, fill) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), unread: [notes] });
  });

  it("the side is the marks' vote; a mark with no name on that side is the other side's", () => {
    // Spans of the place in each text.
    expect(markStance("江宁 ✔ 浦口 ✖", [0, 2])).toBe("in");
    expect(markStance("江宁 ✔ 浦口 ✖", [5, 7])).toBe("out");
    expect(markStance("✔ 江宁 ✖ 浦口", [2, 4])).toBe("in");
    expect(markStance("✔ 江宁 ✖ 浦口", [7, 9])).toBe("out");
    expect(markStance("❌江宁 浦口✅", [4, 6])).toBe("in"); // leading text, ✅ has no name after it
    expect(markStance("江宁 ✅ 5000平", [0, 2])).toBe("in");
    expect(markStance("江宁，✅", [0, 2])).toBeNull(); // another clause's
  });
});

describe("H2: a refusal's reach stops at its bracket and at the list before it", () => {
  it.each<Row>([
    ["江宁、浦口（不要高淳）", [JN, PK], ["高淳"]],
    ["六合、溧水(不要高淳)", [LH, LS], ["高淳"]],
    ["六合、溧水（不考虑高淳）", [LH, LS], ["高淳"]],
    ["六合、溧水（高淳不要）", [LH, LS], ["高淳"]],
    ["浦口区 江宁区 不要高淳区", [PK, JN], ["高淳区"]],
    ["六合区 溧水区 不考虑高淳区", [LH, LS], ["高淳区"]],
    ["六合 溧水 不要高淳", [LH, LS], ["高淳"]],
    ["浦口区 江宁区，不要高淳区", [PK, JN], ["高淳区"]],
    ["江宁不要浦口可以", [PK], ["江宁"]],
    ["Jiangning, Pukou (not Gaochun)", [JN, PK], ["Gaochun"]],
    ["Jiangning or Pukou, not Gaochun", [JN, PK], ["Gaochun"]],
    ["Pukou (not Jiangning)", [PK], ["Jiangning"]],
    ["Gaochun (not Jiangning)", [GC], ["Jiangning"]],
    // A refusal of a quality in a bracket, not of the place (places33's leftover).
    ["高淳（不要太偏的）", [GC], []],
    ["溧水（不要离高速太远）", [LS], []],
    // A bracket that holds the refusal alone still rules the place out (ADR 140).
    ["江宁（不要）", [], ["江宁"]],
    ["高淳（太远了）", [], ["高淳"]],
    ["Jiangning (no), Pukou (yes)", [PK], ["Jiangning"]],
  ])("%s → fills %j, rules out %j", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out });
  });
});

describe("H3: a place right after 要/需要/想要/希望/选/找/意向 is wanted", () => {
  it.each<Row>([
    ["要浦口，不要江宁", [PK], ["江宁"]],
    ["不要江宁要浦口", [PK], ["江宁"]],
    ["不考虑江宁，要浦口", [PK], ["江宁"]],
    ["需要六合的厂房，不考虑溧水", [LH], ["溧水"]],
    ["不要溧水，想要六合", [LH], ["溧水"]],
    ["希望六合，不要溧水", [LH], ["溧水"]],
    ["选六合，不选溧水", [LH], ["溧水"]],
    ["意向六合", [LH], []],
    ["找六合的厂房", [LH], []],
    ["需要浦口", [PK], []],
    ["我们要江宁的厂房，不考虑浦口", [JN], ["浦口"]],
    // A want denied is a refusal.
    ["不想要江宁，浦口可以", [PK], ["江宁"]],
    ["不需要江宁，浦口可以", [PK], ["江宁"]],
    ["不考虑江宁，考虑浦口", [PK], ["江宁"]],
    ["看中浦口", [PK], []],
    ["选址江宁", [JN], []],
    ["We'd like Pukou, not Jiangning", [PK], ["Jiangning"]],
    ["Pukou please, not Jiangning", [PK], ["Jiangning"]],
  ])("%s → fills %j, rules out %j", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out });
  });
});

describe("H4/H5: ranked choices and fallbacks fill every place named, the first said preferred", () => {
  it.each<[string, string[], string[]]>([
    ["江宁第一，浦口第二", [JN, PK], ["江宁"]],
    ["六合第一，溧水第二，高淳第三", [LH, LS, GC], ["六合"]],
    ["六合第一选择，溧水第二选择", [LH, LS], ["六合"]],
    ["江宁最好，实在不行浦口", [JN, PK], ["江宁"]],
    ["六合最好，不行的话溧水", [LH, LS], ["六合"]],
    ["江宁为首选，不行就浦口", [JN, PK], ["江宁"]],
    ["六合为首选，溧水为备选", [LH, LS], ["六合"]],
    ["六合是首选，要不然溧水", [LH, LS], ["六合"]],
    ["六合不行就溧水", [LH, LS], ["六合"]],
    ["首选：六合，备选：溧水", [LH, LS], ["六合"]],
    ["首选:六合 备选:溧水", [LH, LS], ["六合"]],
    ["Jiangning first choice, Pukou second choice", [JN, PK], ["Jiangning"]],
    ["Jiangning first, Pukou second", [JN, PK], ["Jiangning"]],
    ["Jiangning is our first choice, Pukou our second choice", [JN, PK], ["Jiangning"]],
    ["prefer Jiangning, then Pukou", [JN, PK], ["Jiangning"]],
    ["prefer Jiangning, otherwise Pukou", [JN, PK], ["Jiangning"]],
    ["Jiangning preferred, Pukou second", [JN, PK], ["Jiangning"]],
    ["Jiangning preferred, Pukou as backup", [JN, PK], ["Jiangning"]],
    ["First choice: Jiangning, second choice: Pukou", [JN, PK], ["Jiangning"]],
    ["first Jiangning, then Pukou", [JN, PK], ["Jiangning"]],
    ["Plan A: Jiangning, Plan B: Pukou", [JN, PK], ["Jiangning"]],
    ["江宁（首选）浦口（备选）", [JN, PK], ["江宁"]],
    ["江宁首选，浦口次选", [JN, PK], ["江宁"]],
  ])("%s → fills %j, %j first", (notes, fill, wish) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out: [], wish });
  });
});

describe("H4: numbered choices and an order with > are the places named, none preferred", () => {
  it.each<Row>([
    ["1. 江宁 2. 浦口", [JN, PK], []],
    ["①江宁 ②浦口", [JN, PK], []],
    ["(1) 江宁 (2) 浦口", [JN, PK], []],
    ["方案一：江宁，方案二：浦口", [JN, PK], []],
    ["Option 1: Jiangning; option 2: Pukou", [JN, PK], []],
    ["江宁 > 浦口 > 六合", [JN, PK, LH], []],
    ["江宁＞浦口", [JN, PK], []],
    ["Jiangning > Pukou", [JN, PK], []],
  ])("%s → fills %j", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out, wish: [] });
  });
});

describe("MEDIUM/LOW: joiners, labels, a grudging yes, one-letter typos", () => {
  it.each<Row>([
    ["江宁|浦口", [JN, PK], []],
    ["江宁&浦口", [JN, PK], []],
    ["江宁+浦口", [JN, PK], []],
    ["六合｜溧水", [LH, LS], []],
    ["六合＆溧水", [LH, LS], []],
    ["六合＋溧水", [LH, LS], []],
    ["六合 | 溧水 都行", [LH, LS], []],
    ["Jiangning | Pukou", [JN, PK], []],
    ["Jiangning + Pukou", [JN, PK], []],
    ["Pukou｜Jiangning", [JN, PK], []],
    ["地点 - 江宁", [JN], []],
    ["地点—六合", [LH], []],
    ["区域 - 溧水", [LS], []],
    ["Location - Jiangning", [JN], []],
    ["备选：浦口", [PK], []],
    ["Backup: Pukou", [PK], []],
    ["所在区县：江宁", [JN], []],
    ["意向区县：六合、溧水", [LH, LS], []],
    ["江宁也不是不行", [JN], []],
    ["六合倒也不是不行", [LH], []],
    ["六合也还行，溧水不要", [LH], ["溧水"]],
    ["六合勉强可以", [LH], []],
    ["Jiangning is not bad", [JN], []],
    ["Jiangning (yes), Gaochun (no)", [JN], ["Gaochun"]],
    ["Jiangning: yes; Gaochun: no", [JN], ["Gaochun"]],
  ])("%s → fills %j, rules out %j", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out });
  });

  it("江宁不行也没关系: not necessarily there (was a refusal), told unread", () => {
    expect(read("江宁不行也没关系")).toMatchObject({ fill: [], out: [], unread: ["江宁不行也没关系"] });
  });

  it.each<Row>([
    ["江宁（近高速）", [JN], []],
    ["1. 面积5000平 2. 层高8米 3. 江宁", [JN], []],
    ["江宁不行的话也可以考虑浦口", [JN, PK], []],
  ])("%s → fills %j (the base ruled out or lost the place)", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out });
  });

  it("a label of preference alone is a wish, as 最好X is (no filter, ADR 110)", () => {
    expect(read("Preferred: Pukou")).toMatchObject({ fill: [], wish: ["Pukou"] });
  });

  it.each(["Jiangnig is not ok", "Gaochum is not ok", "Pukoou doesn't work"])(
    "%s: a place one letter off is told unread, never dropped",
    (notes) => {
      expect(read(notes)).toMatchObject({ fill: [], out: [], unread: [notes] });
    },
  );

  it("one letter off: pinyin typos, not English words", () => {
    for (const w of ["Jiangnig", "Jangning", "Gaochum", "Hangzou"]) expect(latinOneLetterOff(w), w).toBe(true);
    for (const w of ["Timing", "Shipping", "Heating", "Pricing", "Parking", "Jiangning", "Pukou"])
      expect(latinOneLetterOff(w), w).toBe(false);
  });
});

describe("guards: what read before reads so", () => {
  it.each<Row>([
    ["浦口其次江宁", [PK, JN], []],
    ["江宁、浦口都行，不要高淳", [JN, PK], ["高淳"]],
    ["不要高淳或者溧水，江宁可以", [JN], ["高淳", "溧水"]],
    ["公司所在区县：六合", [], []],
    ["Jiangning: no; Pukou: ok", [PK], ["Jiangning"]],
  ])("%s → fills %j, rules out %j", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out });
  });
  it("Timing is not ok names no place and tells nothing", () => {
    expect(read("Timing is not ok")).toEqual({ fill: [], out: [], wish: [], unread: [] });
  });
});

describe("the browser's preview (no division data) and the regions box", () => {
  it.each([
    ["江宁 ✔ 浦口 ✖", ["江宁"]],
    ["要浦口，不要江宁", ["浦口"]],
    ["江宁第一，浦口第二", ["江宁", "浦口"]],
    ["江宁为首选，不行就浦口", ["江宁", "浦口"]],
    ["江宁最好，实在不行浦口", ["江宁", "浦口"]],
    ["江宁|浦口", ["江宁", "浦口"]],
    ["江宁＋浦口", ["江宁", "浦口"]],
  ])("%s: the preview's candidates %j (the server names them)", (notes, names) => {
    expect(findListedPlaceCandidates(notes).map((p) => p.text)).toEqual(names);
  });
  it.each([
    ["地点 - 江宁", ["江宁"]],
    ["首选：江宁，备选：浦口", ["江宁", "浦口"]],
    ["意向区县：六合、溧水", ["六合", "溧水"]],
    ["在江宁|浦口", ["江宁", "浦口"]],
  ])("%s: the preview's marked places %j", (notes, names) => {
    expect(findPlaceMentions(notes).map((p) => p.text)).toEqual(names);
  });
  it.each(["江宁|浦口", "江宁&浦口", "江宁+浦口", "江宁 | 浦口", "江宁｜浦口"])("the box's list reader: %s → 江宁, 浦口", (text) => {
    expect(readPlaceList(text)?.map((p) => p.text)).toEqual(["江宁", "浦口"]);
  });
});

describe("bounded work (ADR 142)", () => {
  it("2,000 characters of marked places look up a bounded number of names", () => {
    const notes = "江宁 ✔️ 浦口 ✖ ".repeat(160).slice(0, 2000);
    const before = readingWork.namesLookedUp;
    const plan = planNoteRegions(notes, [])!;
    expect(readingWork.namesLookedUp - before).toBeLessThanOrEqual(2 * MAX_UNMARKED_NAMES);
    expect(plan.fill?.codes).toEqual([JN]);
  });
});
