import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { planNoteRegions } from "~/domain/note-regions";
import { markStance } from "~/domain/place-marks";

import { validLeadJson } from "../support/leads";
import { codes, GC, JN, LH, LS, PK, type PlaceRow, readPlaces } from "../support/place-stances";

// ADR 145, amended (attack 12-05g, /work/notes/attack34b.md): the place readers after 145 — a label's colon taken for a place's,
// unmarked English neighbours filled, refusal labels storing the refused place, a refusal reaching back over a colon or a line
// break, ranks with blanks, a place beside a figure dropped, NG, numbered items after a colon, English in Chinese punctuation.
// Each a kind: inputs beyond the attack's — zh and en, full and half width, blanks or line breaks for punctuation, emoji with
// and without U+FE0F (and U+FE0E). Rule: a refused place is never stored, a wanted one never refused, unsure → told unread.

/** What the notes fill, rule out (as typed, or the division's name when an English name named two) and tell unread. */
function read(notes: string) {
  const { wish: _wish, ...rest } = readPlaces(notes);
  return rest;
}
type Row = PlaceRow;

/** Rows read outright: the places filled and those ruled out, nothing told unread. */
function readAs(rows: Row[]) {
  it.each<Row>(rows)("%j → fills %j, rules out %j", (notes, fill, out) => {
    expect(read(notes)).toEqual({ fill: codes(...fill), out, unread: [] });
  });
}

/** Rows where a place is neither wanted nor ruled out: its clause told unread (`told`), never dropped, never filled. */
function toldAs(rows: [notes: string, fill: string[], out: string[], told: string][]) {
  it.each(rows)("%j → fills %j, rules out %j, tells %j unread", (notes, fill, out, told) => {
    const r = read(notes);
    expect({ fill: r.fill, out: r.out }).toEqual({ fill: codes(...fill), out });
    expect(r.unread.join("|")).toContain(told);
  });
}

describe("H3: a mark after a label's colon, or a list's bullet, is the place's after it (REGRESSION of 145)", () => {
  readAs([
    ["地点：❌江宁 ✅浦口", [PK], ["江宁"]],
    ["备注：❌江宁 ✅浦口", [PK], ["江宁"]],
    ["区域:❌江宁 ✅浦口", [PK], ["江宁"]],
    ["地点：❌️江宁 ✅️浦口", [PK], ["江宁"]],
    ["地点：✖︎江宁 ✔︎浦口", [PK], ["江宁"]],
    ["地点：×江宁 √浦口", [PK], ["江宁"]],
    ["意向区域：✅江宁 ❌浦口", [JN], ["浦口"]],
    ["客户意向：✅江宁 ❌浦口", [JN], ["浦口"]],
    ["地点：✔ 江宁 ✖ 浦口", [JN], ["浦口"]],
    ["地点：❌江宁\n✅浦口", [PK], ["江宁"]],
    ["-✅江宁 -❌浦口", [JN], ["浦口"]],
    ["> ✅江宁 ❌浦口", [JN], ["浦口"]],
    ["- ✅ 江宁\n- ❌ 浦口\n- ✅ 六合", [JN, LH], ["浦口"]],
    ["Location: ✅ Jiangning ❌ Pukou", [JN], ["Pukou"]],
    ["Location：✅Jiangning ❌Pukou", [JN], ["Pukou"]],
    ["Areas: ❌ Jiangning ✅ Pukou", [PK], ["Jiangning"]],
    ["Areas:❌️Jiangning ✅️Pukou", [PK], ["Jiangning"]],
    ["备注：✔ Jiangning ✖ Pukou", [JN], ["Pukou"]],
    ["Districts: ❌ Gaochun ✅ Lishui", [LS], ["Gaochun"]],
    ["地点：✅ 江宁、❌ 浦口", [JN], ["浦口"]],
    ["区域：✅江宁，❌浦口，✅六合", [JN, LH], ["浦口"]],
    ["Location - ✅ Jiangning ❌ Pukou", [JN], ["Pukou"]],
    ["备注 - ❌江宁 ✅浦口", [PK], ["江宁"]],
    ["地点：江宁✅ 浦口❌", [JN], ["浦口"]],
    // A mark before a colon labels the place after it.
    ["✔：江宁区 ✖：六合区", [JN], ["六合区"]],
    // A place's own colon or dash still gives it the mark after (ADR 145).
    ["江宁：✔ 浦口：✖", [JN], ["浦口"]],
    ["江宁: ✔️ 浦口: ✖️", [JN], ["浦口"]],
    ["江宁-✔ 浦口-✖", [JN], ["浦口"]],
    ["江宁 - ✔ 浦口 - ✖", [JN], ["浦口"]],
    ["Jiangning: ✅ Pukou: ❌", [JN], ["Pukou"]],
    ["Jiangning：✅，Pukou：❌", [JN], ["Pukou"]],
  ]);

  it("the side of a label's marks: before the names", () => {
    expect(markStance("地点：❌江宁 ✅浦口", [4, 6])).toBe("out");
    expect(markStance("地点：❌江宁 ✅浦口", [8, 10])).toBe("in");
    expect(markStance("江宁：✔ 浦口：✖", [0, 2])).toBe("in");
  });
});

describe("H10: a name beside a marked one with no mark of its own is told unread, in English as in Chinese (REGRESSION of 145)", () => {
  toldAs([
    ["Jiangning ✔ Pukou", [JN], [], "Jiangning ✔ Pukou"],
    ["Jiangning ✔️ Pukou", [JN], [], "Jiangning ✔️ Pukou"],
    ["Pukou ✅ Jiangning", [PK], [], "Pukou ✅ Jiangning"],
    ["✅ Jiangning Pukou", [JN], [], "✅ Jiangning Pukou"],
    ["Jiangning Pukou ✅", [PK], [], "Jiangning Pukou ✅"],
    ["Jiangning Pukou ✖", [], ["Pukou"], "Jiangning Pukou ✖"],
    ["Liuhe Jiangning ✔ Pukou ✖", [JN], ["Pukou"], "Liuhe Jiangning ✔ Pukou ✖"],
    ["Gaochun Jiangning ✔ Pukou ✖", [JN], ["Pukou"], "Gaochun"],
    ["✔ Jiangning ✖ Pukou Liuhe", [JN], ["Pukou"], "Liuhe"],
    ["Jiangning ✅ Pukou ❌ Liuhe", [JN], ["Pukou"], "Liuhe"],
    ["Jiangning ✅ Pukou ❌ Liuhe Gaochun", [JN], ["Pukou"], "Gaochun"],
    ["江宁：✔ 浦口", [JN], [], "江宁：✔ 浦口"],
    ["地点：江宁 ✅ 浦口", [JN], [], "地点：江宁 ✅ 浦口"],
    ["Location: Jiangning ✅ Pukou", [JN], [], "Location: Jiangning ✅ Pukou"],
    ["✅江宁 浦口", [JN], [], "✅江宁 浦口"],
    ["江宁✅ 浦口 六合❌", [JN], ["六合"], "江宁✅ 浦口 六合❌"],
    ["六合 溧水 ✅ 高淳 ❌", [LS], ["高淳"], "六合"],
  ]);
});

describe("Numbered places and marks after a colon: none lost (MEDIUM, regressions of 145)", () => {
  readAs([
    ["①江宁②浦口", [JN, PK], []],
    ["①江宁②浦口③六合", [JN, PK, LH], []],
    ["①江宁②浦口（不要六合）", [JN, PK], ["六合"]],
    ["备注：1. 江宁 2. 浦口", [JN, PK], []],
    ["备注：1.江宁 2.浦口", [JN, PK], []],
    ["备注：①江宁 ②浦口", [JN, PK], []],
    ["备注：(1) 江宁 (2) 浦口", [JN, PK], []],
    ["备注：（1）江宁（2）浦口", [JN, PK], []],
    ["说明：1、江宁 2、浦口", [JN, PK], []],
    ["1、江宁 2、浦口 3、六合（不要）", [JN, PK], ["六合"]],
    ["备注：方案一：江宁，方案二：浦口", [JN, PK], []],
    ["备注: 1. Jiangning 2. Pukou", [JN, PK], []],
    ["1) Jiangning 2) Pukou", [JN, PK], []],
  ]);
});

describe("H1: a refusal's label rules out the places after it, never stores them", () => {
  readAs([
    ["意向区域：江宁区；排除区域：六合区", [JN], ["六合区"]],
    ["江宁区，排除区域：六合区", [JN], ["六合区"]],
    ["江宁区。排除区域：六合区", [JN], ["六合区"]],
    ["意向区域：江宁区\n排除区域：六合区", [JN], ["六合区"]],
    ["Preferred area: Jiangning\nExcluded area: Liuhe", [JN], ["六合区"]],
    ["Preferred area: Jiangning; excluded areas: Liuhe", [JN], ["六合区"]],
    ["Want: Jiangning\nAvoid: Liuhe", [JN], ["六合区"]],
    ["Yes: Jiangning No: Liuhe", [JN], ["六合区"]],
    ["Preferred: Jiangning, Backup: Pukou, Not: Liuhe", [JN, PK], ["六合区"]],
    ["Location: Jiangning Exclude: Liuhe", [JN], ["六合区"]],
  ]);
  it.each<Row>([
    ["排除区域：六合区", [], ["六合区"]],
    ["排除区域:六合区", [], ["六合区"]],
    ["不要的区域：六合", [], ["六合"]],
    ["拒绝区域：六合区", [], ["六合区"]],
    ["不考虑区域：六合区、高淳区", [], ["六合区", "高淳区"]],
    ["不接受区域：六合", [], ["六合"]],
    ["除外区域：六合", [], ["六合"]],
    ["拒绝区域 - 六合", [], ["六合"]],
    ["排除地区：六合", [], ["六合"]],
    ["排除区域：六合，高淳", [], ["六合", "高淳"]],
    ["Excluded districts: Liuhe, Gaochun", [], ["六合区", "Gaochun"]],
    ["Excluded district: Liuhe and Gaochun", [], ["六合区", "Gaochun"]],
    ["Exclude: Gaochun", [], ["Gaochun"]],
    ["不想要的区域：六合", [], ["六合"]],
    ["不考虑地区：六合区", [], ["六合区"]],
    ["Not wanted: Gaochun", [], ["Gaochun"]],
    ["Not ok: Pukou", [], ["Pukou"]],
    ["Unwanted: Gaochun", [], ["Gaochun"]],
    ["No-go area: Liuhe, Gaochun", [], ["六合区", "Gaochun"]],
  ])("%j → stores nothing, rules out %j", (notes, fill, out) => {
    expect(read(notes)).toMatchObject({ fill: codes(...fill), out });
  });
});

describe("H2/H9: a refusal's words with a colon, or on the next line, are the next place's — never the one before", () => {
  readAs([
    ["江宁区 不要：六合区", [JN], ["六合区"]],
    ["江宁区 排除：六合区", [JN], ["六合区"]],
    ["江宁区　不考虑：六合区", [JN], ["六合区"]],
    ["江宁区 排除区域：六合区", [JN], ["六合区"]],
    ["江宁 不要：六合", [JN], ["六合"]],
    ["地点：江宁 排除：六合", [JN], ["六合"]],
    ["意向: 江宁 不要: 六合", [JN], ["六合"]],
    ["要：江宁区 不要：六合区", [JN], ["六合区"]],
    ["可以：江宁区 不行：六合区", [JN], ["六合区"]],
    ["想要：江宁区\n不要：六合区", [JN], ["六合区"]],
    ["江宁\n不要：六合", [JN], ["六合"]],
    ["江宁 不要 - 六合", [JN], ["六合"]],
    ["江宁区 不要-六合区", [JN], ["六合区"]],
    ["首选：江宁\n备选：浦口\n排除：六合", [JN, PK], ["六合"]],
    ["首选: 江宁 备选: 浦口 排除: 六合", [JN, PK], ["六合"]],
    // A line break ends a refusal's reach backwards (H9).
    ["江宁区，浦口区\n不要六合区", [JN, PK], ["六合区"]],
    ["要浦口\n不要江宁", [PK], ["江宁"]],
    ["希望六合\n不要溧水", [LH], ["溧水"]],
    ["江宁区\n\n不要浦口区", [JN], ["浦口区"]],
    ["江宁区\r\n不要浦口区", [JN], ["浦口区"]],
    ["江宁区 浦口区\n六合区不考虑", [JN, PK], ["六合区"]],
    ["Jiangning, Pukou\nnot Liuhe", [JN, PK], ["六合区"]],
    ["江宁、浦口\n六合不要", [JN, PK], ["六合"]],
    ["江宁 浦口\n（不要六合）", [JN, PK], ["六合"]],
    ["江宁\n- 不要六合", [JN], ["六合"]],
    ["- 江宁\n- 不要六合", [JN], ["六合"]],
    ["我们要江宁的厂房\n不考虑浦口", [JN], ["浦口"]],
  ]);
});

describe("H7: ranks separated by blanks keep every place, the first preferred", () => {
  it.each<[string, string[], string]>([
    ["江宁第一 浦口第二", [JN, PK], "江宁"],
    ["江宁第一　浦口第二", [JN, PK], "江宁"],
    ["江宁 第一 浦口 第二", [JN, PK], "江宁"],
    ["六合第一 溧水第二 高淳第三", [LH, LS, GC], "六合"],
    ["六合第一选择 溧水第二选择", [LH, LS], "六合"],
    ["江宁区第一 浦口区第二", [JN, PK], "江宁区"],
    ["江宁第一，浦口第二 六合第三", [JN, PK, LH], "江宁"],
  ])("%j → fills %j, %s preferred", (notes, fill, first) => {
    const p = planNoteRegions(notes, [])!;
    expect([...(p.fill?.codes ?? [])].sort()).toEqual(codes(...fill));
    expect(p.wished.map((w) => w.text)).toEqual([first]);
  });
  it("no rank without a name after the blank: 第一期", () => {
    expect(read("江宁第一期厂房")).toEqual({ fill: [], out: [], unread: [] });
  });
});

describe("H8: a place in the clause of a figure is read, not dropped", () => {
  readAs([
    ["江宁5000平", [JN], []],
    ["江宁５０００平", [JN], []],
    ["南京江宁5000平", [JN], []],
    ["江宁附近5000平", [JN], []],
    ["江宁的厂房5000平", [JN], []],
    ["六合2000平", [LH], []],
    ["溧水 10亩", [LS], []],
    ["江宁+5000平", [JN], []],
    ["江宁>5000平", [JN], []],
    ["江宁或浦口5000平", [JN, PK], []],
    ["江宁、浦口 > 5000平", [JN, PK], []],
    ["5000平江宁浦口都可以", [JN, PK], []],
    ["5000平江宁", [JN], []],
    ["江宁5000平或者浦口3000平", [JN, PK], []],
    ["江宁 5000平 浦口 3000平", [JN, PK], []],
    ["江宁5000㎡", [JN], []],
    ["江宁（5000平）", [JN], []],
    ["Jiangning 5000 sqm", [JN], []],
    ["5000 sqm Jiangning", [JN], []],
    ["Pukou 8,000 sqm", [PK], []],
    ["Jiangning, 5000 sqm, ceiling 8m, not Pukou", [JN], ["Pukou"]],
  ]);

  it("through the schema: the figure and the place are both stored", () => {
    const body = validLeadJson();
    const parsed = createLeadSchema("zh", "hotline", { now: () => new Date("2026-12-05T12:00:00Z") }).safeParse({
      ...body,
      need: { kind: "factory", notes: "江宁或浦口5000平" },
    });
    expect(parsed.success).toBe(true);
    const need = parsed.success ? (parsed.data.lead.need as { regionCodes?: string[]; areaMinSqm?: number }) : {};
    expect([...(need.regionCodes ?? [])].sort()).toEqual(codes(JN, PK));
    expect(need.areaMinSqm).toBeGreaterThan(0);
  });
});

describe("H12: NG (no good) rules the place out; OK and NG in capitals are no part of an English name", () => {
  readAs([
    ["江宁区OK，浦口区NG", [JN], ["浦口区"]],
    ["江宁OK，浦口NG", [JN], ["浦口"]],
    ["江宁区ok 浦口区ng", [JN], ["浦口区"]],
    ["江宁区ＯＫ，浦口区ＮＧ", [JN], ["浦口区"]],
    ["Jiangning OK, Pukou NG", [JN], ["Pukou"]],
    ["江宁区NG 浦口区OK", [PK], ["江宁区"]],
    ["Jiangning NG Pukou OK", [PK], ["Jiangning"]],
  ]);
});

describe("English place lists inside Chinese punctuation", () => {
  readAs([
    ["您好，Jiangning > Pukou，谢谢", [JN, PK], []],
    ["您好，Jiangning | Pukou，谢谢", [JN, PK], []],
    ["您好，Pukou｜Jiangning，谢谢", [JN, PK], []],
    ["您好，Jiangning、Pukou都可以", [JN, PK], []],
    ["你好：Jiangning / Pukou。", [JN, PK], []],
    ["您好，Jiangning or Pukou, not Gaochun，谢谢", [JN, PK], ["Gaochun"]],
  ]);
});

describe("guards: what was read stays read", () => {
  readAs([
    ["地点：江宁", [JN], []],
    ["意向地区：江宁", [JN], []],
    ["江宁：不要；浦口：可以", [PK], ["江宁"]],
    ["江宁×，浦口√", [PK], ["江宁"]],
    ["❌江宁 ✅浦口", [PK], ["江宁"]],
    ["江宁 ✔ 浦口 ✖", [JN], ["浦口"]],
    ["江宁区可以，浦口区不行", [JN], ["浦口区"]],
    ["We want Jiangning", [JN], []],
  ]);
  it.each(["Jiangning first floor", "NG品仓库", "备注：江宁"])("%j reads no place", (notes) => {
    expect(read(notes).fill).toEqual([]);
  });
});
