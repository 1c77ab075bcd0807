import { describe } from "vitest";

import { GC, JN, LH, LS, PK, readAs } from "../support/place-stances";

// ADR 145, amended (attack 12-05h, /work/notes/attack34c.md): the place readers after the 12-05g amendments — NG after "is"
// and NG/不OK refusal labels, the premises' place filled as wanted, corrections storing both places, wanted places lost silently
// beside new marks, building labels, English markers, a joiner before a refusal, a figure's bracket, "X的话" + figure.
// Each a kind: inputs beyond the attack's — zh and en, full and half width, blanks or none, emoji with and without U+FE0F.
// Rule: a refused place is never stored, a wanted one never refused, the premises' place never filled, unsure → told unread.

describe("H1: NG / no-go after 'is' in English rules the place out (REGRESSION of 12-05g)", () => {
  readAs([
    ["Jiangning is OK, Liuhe is NG", [JN], ["六合区"], ""],
    ["Jiangning OK; Liuhe is NG", [JN], ["六合区"], ""],
    ["Jiangning is fine, Liuhe is NG", [JN], ["六合区"], ""],
    ["Jiangning is OK and Liuhe is NG", [JN], ["六合区"], ""],
    ["Liuhe is NG, Jiangning is OK", [JN], ["六合区"], ""],
    ["Jiangning is ok, Liuhe is ng", [JN], ["六合区"], ""],
    ["Pukou is fine; Gaochun is NG", [PK], ["Gaochun"], ""],
    ["Liuhe is a no-go, Pukou is fine", [PK], ["六合区"], ""],
    ["Pukou is NG", [], ["Pukou"], ""],
  ]);
});

describe("H2: a refusal's label made with NG / 不OK / 不行 rules its places out", () => {
  readAs([
    ["NG区域：六合", [], ["六合"], ""],
    ["NG的区域：六合", [], ["六合"], ""],
    ["ＮＧ区域：六合", [], ["六合"], ""],
    ["NG地区：六合、高淳", [], ["六合", "高淳"], ""],
    ["NG 区域 : 六合、高淳", [], ["六合", "高淳"], ""],
    ["不OK的区域：六合", [], ["六合"], ""],
    ["不ＯＫ的地区：六合", [], ["六合"], ""],
    ["不行的区域：高淳", [], ["高淳"], ""],
    ["OK区域：江宁；NG区域：六合", [JN], ["六合"], ""],
    ["NG地点：六合\n江宁可以", [JN], ["六合"], ""],
    ["NG areas: Liuhe", [], ["Liuhe"], ""],
  ]);
});

describe("H7: the premises' place (现有厂房在X, current factory in X) is where they are, never filled", () => {
  readAs([
    ["现有厂房在江宁，需要5000平", [], [], ""],
    ["现有厂房在江宁区，需要5000平", [], [], ""],
    ["我们现在的厂房在浦口，需要层高8米", [], [], ""],
    ["目前的厂房位于浦口，需要层高8米", [], [], ""],
    ["现有厂房在江宁，需要在浦口找5000平", [PK], [], ""],
    ["现在的仓库在高淳，需要在溧水找", [LS], [], ""],
    ["我司现有工厂在江宁，要在六合租厂房", [LH], [], ""],
    ["目前的公司在江宁，要六合", [LH], [], ""],
    ["现有厂房在江宁，现在的仓库在浦口，需要层高8米", [], [], ""],
    ["current factory in Jiangning, need 5000 sqm in Pukou", [PK], [], ""],
    ["Our current factory is in Jiangning; we need a site in Pukou", [PK], [], ""],
    ["our existing plant is located in Jiangning, looking for 5000 sqm in Pukou", [PK], [], ""],
    // Guard: the company's own place, as before.
    ["公司在江宁，想在浦口找厂房", [PK], [], ""],
  ]);
});

describe("H8: a correction — the place after it is the one meant; the one before is told unread, never filled", () => {
  readAs([
    ["要江宁，不对，是浦口", [PK], [], "要江宁"],
    ["要江宁，不对吧，是浦口", [PK], [], "要江宁"],
    ["在江宁，不对不对，是浦口", [PK], [], "在江宁"],
    ["江宁，不，浦口", [PK], [], "江宁"],
    ["江宁，不对，浦口", [PK], [], "江宁"],
    ["江宁区，不是，浦口区", [PK], [], "江宁区"],
    ["江宁，说错了，浦口", [PK], [], "江宁"],
    ["江宁，说错了，是浦口区", [PK], [], "江宁"],
    ["江宁区，错了，应该是浦口区", [PK], [], "江宁区"],
    ["江宁，更正：浦口", [PK], [], "江宁"],
    ["江宁。更正：浦口", [PK], [], "江宁"],
    ["江宁;更正:浦口", [PK], [], "江宁"],
    ["江宁，纠正一下：浦口", [PK], [], "江宁"],
    ["江宁（打错了，浦口）", [PK], [], "江宁"],
    ["浦口（打错了，江宁）", [JN], [], "浦口"],
    ["in Jiangning, sorry, I mean in Pukou", [PK], [], "in Jiangning"],
    ["in Jiangning, no wait, in Pukou", [PK], [], "in Jiangning"],
    // Jiangning taken back is told, not left unsaid (ADR 154: it was never found).
    ["Jiangning, I mean Pukou", [PK], [], "Jiangning"],
    ["Jiangning, I meant Pukou", [PK], [], "Jiangning"],
    ["Jiangning, I mean Pukou, not Liuhe", [PK], ["六合区"], "Jiangning"],
    ["江宁、浦口，不对，六合", [LH], [], "江宁、浦口"],
    ["江宁，不，浦口也行", [PK], [], "江宁"],
    ["江宁，不好意思，说错了，浦口", [PK], [], "江宁"],
    // Guards: politeness is no correction; a refusal corrected by a refusal rules both out.
    ["江宁，不好意思，浦口也可以", [JN, PK], [], ""],
    ["in Jiangning, sorry for the delay, Pukou is also fine", [JN, PK], [], ""],
    ["不要江宁，不对，不要浦口", [], ["江宁", "浦口"], ""],
  ]);
});

describe("M3: a wanted place beside 👌 ⭐ 🙆 〇 ○ 💯 🌟 marks is read, not lost", () => {
  readAs([
    ["江宁👌 浦口🙅", [JN], ["浦口"], ""],
    ["江宁👌️ 浦口🙅️", [JN], ["浦口"], ""],
    ["江宁👌🏻 浦口🙅‍♂️", [JN], ["浦口"], ""],
    ["江宁⭐ 浦口⛔", [JN], ["浦口"], ""],
    ["江宁⭐️ 浦口⛔️", [JN], ["浦口"], ""],
    ["江宁🙆 浦口🙅", [JN], ["浦口"], ""],
    ["江宁 〇 浦口 ×", [JN], ["浦口"], ""],
    ["江宁○ 浦口×", [JN], ["浦口"], ""],
    ["江宁◯，浦口✖️", [JN], ["浦口"], ""],
    ["江宁 💯 浦口 🚫", [JN], ["浦口"], ""],
    ["江宁🌟 浦口👎", [JN], ["浦口"], ""],
  ]);
});

describe("M3: a wanted place beside a building's label, after 'in', before a joiner and a refusal, in a figure's bracket", () => {
  readAs([
    ["江宁A栋3000平", [JN], [], ""],
    ["江宁C栋5000平", [JN], [], ""],
    ["江宁 A栋 3000平", [JN], [], ""],
    ["江宁3号路5000平", [JN], [], ""],
    ["江宁A区5000平", [JN], [], ""],
    ["江宁B-2栋，5000平", [JN], [], ""],
    ["5000 sqm in 江宁, not 六合", [JN], ["六合"], ""],
    ["5000 sqm in 江宁，not 六合", [JN], ["六合"], ""],
    ["5000 sqm in 江宁，不要六合", [JN], ["六合"], ""],
    ["江宁|浦口|不要六合", [JN, PK], ["六合"], ""],
    ["江宁/浦口/不要六合", [JN, PK], ["六合"], ""],
    ["江宁｜浦口｜不要六合", [JN, PK], ["六合"], ""],
    ["江宁 | 浦口 | 不要六合", [JN, PK], ["六合"], ""],
    ["江宁、浦口、排除六合", [JN, PK], ["六合"], ""],
    ["江宁＋浦口＋不考虑六合", [JN, PK], ["六合"], ""],
    ["一栋3000平（江宁），一栋5000平（浦口）", [JN, PK], [], ""],
    ["一栋3000平(江宁), 一栋5000平(浦口)", [JN, PK], [], ""],
    ["A栋3000平(江宁)，B栋5000平(浦口)", [JN, PK], [], ""],
    ["2栋3000平（浦口）", [PK], [], ""],
  ]);
});

describe("M4: a place said for a figure (X的话 + a figure) is told unread, never lost", () => {
  readAs([
    ["层高8米（江宁的话6米也行）", [], [], "江宁的话6米也行"],
    ["层高8米(江宁的话6米也行)", [], [], "江宁的话6米也行"],
    ["5000平，江宁的话3000平也可以", [], [], "江宁的话3000平也可以"],
    ["江宁的话8米，浦口的话10米", [], [], "浦口的话10米"],
  ]);
});

describe("guards: forms read right before", () => {
  readAs([
    ["江宁 OK，六合 NG", [JN], ["六合"], ""],
    ["Jiangning OK, Liuhe NG", [JN], ["六合区"], ""],
    ["Liuhe: NG", [], ["Liuhe"], ""],
    ["排除区域：六合，高淳", [], ["六合", "高淳"], ""],
    ["在高淳或者溧水", [GC, LS], [], ""],
  ]);
});
