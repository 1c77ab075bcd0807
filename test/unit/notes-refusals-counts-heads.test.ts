import { describe, expect, it } from "vitest";

import { maskContactNumbers } from "../../app/domain/contact-numbers";
import { assistPreview } from "../../app/leads/assist-preview";
import { about, MU, notesReading, r2 } from "../support/notes-reading";

// An attack on the notes' area reader after ADR 122 (docs/decisions/128). Each block is a kind of fault, tested
// beyond the attack's own examples:
// M2 a refusal of a bound read reversed (the bound stored as the opposite): a comma between the bound and the
//    refusal, 地 or 我们 between, a comparison said before the figure (超过6000平…太大了 was set aside as the premises
//    had), a price refusal (太贵了);
// M3 counts multiplied that are not the need: units the enterprise has ("去年租了3栋，每栋5000平"), the building's
//    count beside the count wanted ("共5层，但我们只要2层"), an area per head ("员工300人，每人10平");
// 4  a count right before the figure not multiplied ("三栋5000平的厂房"); 上万平 told as 万平; a phone number mixing
//    digits and Chinese numerals not masked.
// Whatever cannot be read confidently is told as unread — never stored as the opposite, never lost silently.

const NOW = () => new Date("2026-12-05T06:00:00Z");
const { read, area, lead } = notesReading(NOW);
const flags = (l: ReturnType<typeof lead>, code: string) => (l.flags ?? []).filter((f) => f.code === code).map((f) => f.text);

describe("M2: a bound refused is the other bound, whatever stands between the bound and its refusal", () => {
  it.each([
    // Commas between (the attack's), and more of the kind.
    ["6000平以上的车间，太大了，不用", "factory", [null, 6000]],
    ["6000平以上的车间，太大了不用", "factory", [null, 6000]],
    ["6000平以上，太大了", "factory", [null, 6000]],
    ["6000平以上的，不考虑", "factory", [null, 6000]],
    ["超过6000平的，太大了，不要", "factory", [null, 6000]],
    ["50亩以上的地，太大了，不要", "land", [null, r2(50 * MU)]],
    ["500平以上的写字楼，太贵了，不考虑", "office", [null, 500]],
    // 地 as the use (the attack's), and the land words.
    ["50亩以上的地太大了不要", "land", [null, r2(50 * MU)]],
    ["多于50亩的地太大了不要", "land", [null, r2(50 * MU)]],
    ["30亩以上的地块用不了", "land", [null, 20000]],
    // 我们 before 用不了 (the attack's), and other subjects.
    ["8000平以上的我们用不了", "factory", [null, 8000]],
    ["8000平以上的话我们用不着", "factory", [null, 8000]],
    ["8000平以上咱们用不了", "factory", [null, 8000]],
    ["6000平以上的厂房，我们用不了", "factory", [null, 6000]],
    // A comparison said before the figure: a refusal, not the premises had (the attack's was set aside as "own").
    ["超过6000平的车间太大了不用", "factory", [null, 6000]],
    ["大于6000平的厂房太大了", "factory", [null, 6000]],
    ["超过6000平的仓库，太大了不考虑", "warehouse", [null, 6000]],
    // A price refusal (the attack's), with the use's whole word.
    ["500平以上的写字楼太贵了不考虑", "office", [null, 500]],
    ["500平以上的办公室太贵了", "office", [null, 500]],
    ["over 500 sqm of office space is too expensive", "office", [null, 500]],
    ["超过5000平的厂房租金太高了", "factory", [null, 5000]],
    ["100亩以上的土地我们拿不下", "land", [null, r2(100 * MU)]],
    ["3000平以上的我们租不起", "factory", [null, 3000]],
    ["6000 sqm or more is too big for us", "factory", [null, 6000]],
    ["more than 6000 sqm, too big", "factory", [null, 6000]],
    // The mirror: below refused is the lower bound.
    ["3000平以下的太小了不要", "factory", [3000, null]],
    ["3000平以下的，太小了，不要", "factory", [3000, null]],
    ["少于3000平的厂房太小了不考虑", "factory", [3000, null]],
    ["不到3000平的太小了不要", "factory", [3000, null]],
    ["不足3000平的不考虑", "factory", [3000, null]],
    ["低于3000平的，我们放不下", "factory", [3000, null]],
    ["3000平以下的仓库不够用", "warehouse", [3000, null]],
    // With the figure wanted beside: what both allow.
    ["6000平以上的车间，太大了，不用，5000平左右", "factory", [4500, 6000]],
    ["超过6000平的车间太大了不用，要4000平以上", "factory", [4000, 6000]],
  ] as const)("%s (%s) → %j", (notes, kind, want) => {
    expect(area(notes, kind)).toEqual(want);
    expect(read(notes, kind).unread).toEqual([]);
  });

  it.each([
    // A refusal of the other side, right after the bound: no bound can be read — told, never stored reversed.
    ["6000平以上不够", "6000平以上不够"],
    ["6000平以上的太小了", "6000平以上的太小了"],
    ["3000平以下太大了", "3000平以下太大了"],
  ])("%s: nothing stored, %s told", (notes, told) => {
    expect(area(notes)).toEqual([null, null]);
    expect(read(notes).unread).toEqual([told]);
  });

  it.each([
    // Past a comma, only a refusal of the side said is the bound's; another field's word, a wish about what is not
    // wanted beside the figure, or the other side, leave the bound as said.
    ["5000平以上，层高不够", [5000, null]],
    ["5000平以上，太贵的不要", [5000, null]],
    ["需要5000平以上，太小了不行", [5000, null]],
    ["5000平以上就行，太大了不要", [5000, null]],
    ["需要5000平以上，不要太远", [5000, null]],
    ["至少5000平，不够的话再说", [5000, null]],
    ["5000平以上，不需要行车", [5000, null]],
    ["需要5000平左右，太小了不行", about(5000)],
    // A lone figure with a refusal past a comma is not ruled out (only one right after it is).
    ["5000平的厂房，不要太旧", about(5000)],
    // 不到 is "less than" only as a bound: "找不到3000平" is no bound.
    ["一直找不到3000平的厂房", about(3000)],
    ["用不到5000平", [null, 5000]],
    // The premises had stay the premises had.
    ["现有厂房超过6000平，太大了，想换3000平", about(3000)],
    ["8000多平的厂房太大了，想换3000平", about(3000)],
  ] as const)("%s → %j", (notes, want) => {
    expect(area(notes)).toEqual(want);
  });

  it("the recruiter sees the bound with its refusal, as typed", () => {
    const found = (notes: string, kind = "factory") => read(notes, kind).found.find((f) => f.field === "areaMaxSqm")?.text;
    expect(found("6000平以上的车间，太大了，不用")).toBe("6000平以上的车间，太大了，不用");
    expect(found("超过6000平的车间太大了不用")).toBe("超过6000平的车间太大了不用");
    expect(read("超过6000平的车间太大了不用").setAside).toEqual([]);
  });
});

describe("M3: only the units the lead wants are counted", () => {
  it.each([
    // Units the enterprise has or had (the attack's): set aside as its premises; the need read after.
    ["去年租了3栋，每栋5000平，现在要再找2000平", about(2000), "去年租了3栋，每栋5000平"],
    ["之前租了两栋厂房，每栋3000平，现在还需要2000平", about(2000), "之前租了两栋厂房，每栋3000平"],
    ["我们已经有3栋，每栋5000平，还要一栋2000平的", about(2000), "我们已经有3栋，每栋5000平"],
    ["我们租了3栋，每栋5000平，还要找2000平", about(2000), "我们租了3栋，每栋5000平"],
    ["前年买了2块地，每块30亩，现在要租5000平厂房", about(5000), "前年买了2块地，每块30亩"],
    ["we rented 3 buildings last year, 5000 sqm each, now need 2000 sqm", about(2000), "we rented 3 buildings last year, 5000 sqm each"],
  ] as const)("%s → %j, %s set aside", (notes, want, aside) => {
    const r = read(notes);
    expect(area(notes)).toEqual(want);
    expect(r.setAside).toEqual([{ text: aside, why: "own" }]);
    expect(r.unread).toEqual([]);
  });

  it.each([
    // The count the lead wants wins over the building's (the attack's), before or after the figure.
    ["每层1000平，共5层，但我们只要2层", about(2000)],
    ["这栋楼5层，每层1000平，要租其中2层", about(2000)],
    ["共5层，每层2000平，只需要3层", about(6000)],
    ["3栋厂房，每栋5000平，我们要2栋", about(10000)],
    ["每栋5000平，共3栋，去年已经租了2栋，还要1栋", about(5000)],
    ["5 floors, 1000 sqm each, we only need 2 floors", about(2000)],
    ["1000 sqm per floor, 5 floors, we need 2 floors", about(2000)],
    ["三栋5000平的厂房，我们只要两栋", about(10000)],
    // No count wanted: the building's, as ADR 122 reads it.
    ["每层1000平，共5层", about(5000)],
    ["要3栋厂房，每栋5000平", about(15000)],
  ] as const)("%s → %j", (notes, want) => {
    expect(area(notes)).toEqual(want);
  });

  it.each([
    // An area per head or per desk is no floor area the lead needs (the attack's): told with its headcount.
    ["员工300人，每人10平", "office", "员工300人，每人10平"],
    ["员工三百名，人均10平", "office", "员工三百名，人均10平"],
    ["300人，10平/人", "office", "300人，10平/人"],
    ["每人10平，共300人", "office", "每人10平，共300人"],
    ["每个工位5平，200个工位", "office", "每个工位5平，200个工位"],
    ["300 staff, 10 sqm per person", "office", "300 staff, 10 sqm per person"],
    ["每人10平", "office", "每人10平"],
    ["工人200人，每人15平", "factory", "工人200人，每人15平"],
  ] as const)("%s (%s): nothing stored, %s told", (notes, kind, told) => {
    expect(area(notes, kind)).toEqual([null, null]);
    expect(read(notes, kind).unread).toEqual([told]);
  });

  it("an area per head beside the area is told; the area is read", () => {
    const r = read("员工300人，每人10平，需要3000平办公", "office");
    expect(area("员工300人，每人10平，需要3000平办公", "office")).toEqual(about(3000));
    expect(r.unread).toEqual(["员工300人，每人10平"]);
    // Another use's per head is set aside as that use's (ADR 112), not told.
    expect(read("宿舍每人10平，厂房5000平").setAside).toEqual([{ text: "宿舍每人10平", why: "otherUse" }]);
    expect(area("宿舍每人10平，厂房5000平")).toEqual(about(5000));
  });
});

describe("4: a count right before the figure is each unit's; 上万平 is read; mixed phone numbers are masked", () => {
  it.each([
    ["三栋5000平的厂房", "factory", about(15000)],
    ["要三栋5000平的厂房", "factory", about(15000)],
    ["三栋约5000平的厂房", "factory", about(15000)],
    ["两个1000平的冷库", "warehouse", about(2000)],
    ["2个1000平冷库", "warehouse", about(2000)],
    ["3块50亩的地", "land", about(150 * MU)],
    ["三间100平的办公室", "office", about(300)],
    ["三栋5000平的厂房，共15000平", "factory", about(15000)],
    ["2×5000平厂房", "factory", about(10000)],
    ["three 5000 sqm buildings", "factory", about(15000)],
    ["2 x 5000 sqm buildings", "factory", about(10000)],
    // Not a count of units: storeys of one building, an ordinal, months, a total, one unit.
    ["两层5000平的厂房", "factory", about(5000)],
    ["第三栋5000平", "factory", about(5000)],
    ["3个月内要5000平", "factory", about(5000)],
    ["三栋共15000平的厂房", "factory", about(15000)],
    ["共3栋5000平", "factory", about(5000)],
    ["一共3栋5000平的厂房", "factory", about(5000)],
    ["一栋5000平的厂房", "factory", about(5000)],
    ["Building 3 5000 sqm", "factory", about(5000)],
    ["in 2 weeks 5000 sqm", "factory", about(5000)],
    // A count said apart from the figure, with no word of "each": as ADR 122 reads it.
    ["3栋厂房5000平", "factory", about(5000)],
  ] as const)("%s (%s) → %j", (notes, kind, want) => {
    expect(area(notes, kind)).toEqual(want);
  });

  it.each([
    ["要上万平", [10000, null], "上万平"],
    ["上万平的厂房", [10000, null], "上万平"],
    ["厂房上万平，层高9米", [10000, null], "上万平"],
    ["过万平的厂房", [10000, null], "过万平"],
    ["万余平", [10000, null], "万余平"],
    ["上千平的厂房", [1000, null], "上千平"],
    ["近万平", about(10000), "近万平"],
    ["上百亩地", [r2(100 * MU), null], "上百亩"],
  ] as const)("%s → %j (the words: %s)", (notes, want, words) => {
    const r = read(notes, notes.includes("亩") ? "land" : "factory");
    expect([r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null]).toEqual(want);
    expect(r.found.filter((f) => f.field.startsWith("area")).map((f) => f.text)[0]).toBe(words);
    expect(r.unread).toEqual([]);
  });

  it("几万平 says an order of size only: still told", () => {
    expect(read("要几万平").unread).toEqual(["几万平"]);
  });

  it.each([
    // A magnitude alone is no figure but after 上/过/破/近 or before 余/来/把: "per thousand" stays no area.
    ["每千㎡税收62.5万元", ["千㎡"]],
    ["租金20万/千平", ["千平"]],
    ["万平", ["万平"]],
  ])("%s: no area (told: %j)", (notes, told) => {
    expect(area(notes)).toEqual([null, null]);
    expect(read(notes).unread).toEqual(told);
  });

  it.each([
    ["面积问手机1三8一二三四五六七八", "面积问手机###########"],
    ["手机1三九12345六七八，5000平", "手机###########，5000平"],
    ["138一二三四五六七八", "###########"],
    ["联系电话1三九 1234 五六七八", "联系电话### #### ####"],
    ["电话：八八8八六六66", "电话：########"],
    // Not phone numbers: 一 typed as a dash between figures, a figure with its unit, areas in numerals.
    ["13000一19000平", "13000一19000平"],
    ["面积15000一18000", "面积15000一18000"],
    ["一万三千五百平", "一万三千五百平"],
  ])("%s masks as %s", (notes, masked) => {
    expect(maskContactNumbers(notes)).toBe(masked);
  });

  it("a mixed phone number is neither an area nor unread", () => {
    const r = read("面积问手机1三8一二三四五六七八");
    expect(r.hints.areaMinSqm).toBeUndefined();
    expect(r.unread).toEqual([]);
  });
});

describe("a figure taken back with nothing in its place is told, never lost", () => {
  it.each([
    ["3000平太小了", "3000平太小了"],
    ["5000平不要了", "5000平不要了"],
    ["原来要5000平，现在层高要10米", "原来要5000平"],
  ])("%s: %s told", (notes, told) => {
    expect(area(notes)).toEqual([null, null]);
    expect(read(notes).unread).toContain(told);
  });

  it("with a newer figure the older one is not told (ADR 109)", () => {
    expect(area("5000平不要了，要3000平")).toEqual(about(3000));
    expect(read("5000平不要了，要3000平").unread).toEqual([]);
    expect(read("原来要5000平，现在要3000平").unread).toEqual([]);
  });
});

describe("the stored lead and the form's preview read as the reader does", () => {
  it.each([
    ["6000平以上的车间，太大了，不用", "factory", [undefined, 6000]],
    ["50亩以上的地太大了不要", "land", [undefined, r2(50 * MU)]],
    ["超过6000平的车间太大了不用", "factory", [undefined, 6000]],
    ["3000平以下的太小了不要", "factory", [3000, undefined]],
    ["去年租了3栋，每栋5000平，现在要再找2000平", "factory", about(2000)],
    ["每层1000平，共5层，但我们只要2层", "factory", about(2000)],
    ["三栋5000平的厂房", "factory", about(15000)],
    ["要上万平", "factory", [10000, undefined]],
  ] as const)("%s (%s) → %j", (notes, kind, want) => {
    const l = lead(notes, kind);
    expect([l.need.areaMinSqm, l.need.areaMaxSqm]).toEqual(want);
    expect(flags(l, "unread")).toEqual([]);
  });

  it("the premises had are flagged as such; an area per head is no area: the box is asked for, the words told beside it", () => {
    expect(flags(lead("去年租了3栋，每栋5000平，现在要再找2000平"), "ownPremises")).toEqual(["去年租了3栋，每栋5000平"]);
    // No area anywhere: the schema asks for one on the area box (a field error, never 10 ㎡ stored).
    expect(() => lead("员工300人，每人10平", "office")).toThrow(/need\.areaMin/);
    const l = lead("员工300人，每人10平", "office", { areaMin: "3000" });
    expect([l.need.areaMinSqm, l.need.areaMaxSqm]).toEqual([3000, undefined]);
    expect(flags(l, "unread")).toEqual(["员工300人，每人10平"]);
  });

  it("上万平 beside a typed 1000 ㎡ is the notes differing from the box, not dropped", () => {
    expect(flags(lead("要上万平", "factory", { areaMin: "1000" }), "notesDiffer")).toHaveLength(1);
  });

  it("the preview says the same", () => {
    const p = (notes: string, kind: string) => assistPreview(notes, new Set(["deal"]), "zh", kind);
    expect(p("6000平以上的车间，太大了，不用", "factory").understood).toMatch(/面积.*≤\s*6,?000/);
    expect(p("员工300人，每人10平", "office").unread).toBe("员工300人，每人10平");
    expect(p("去年租了3栋，每栋5000平，现在要再找2000平", "factory").understood).toContain("去年租了3栋，每栋5000平");
  });
});
