import { describe, expect, it } from "vitest";

import { parseNeedText } from "~/domain/need-text";
import { planNoteRegions } from "~/domain/note-regions";

// Attack 32 (2026-12-05, H1 H2 H4 H5 M2): a refusal stored as the wish — the opposite of what the person said
// (docs/decisions/138). A refusal's end takes particles, a space and anything; 不需要/无需/用不到/"no need for" before a
// figure refuse it (one list for the area and the building figures); a refused ceiling or crane is no requirement;
// 非江宁不可 / 除了江宁都不考虑 are "only Jiangning".

function need(notes: string) {
  const r = parseNeedText(notes, undefined, [], "factory");
  return {
    min: r.hints.areaMinSqm ?? null,
    max: r.hints.areaMaxSqm ?? null,
    ceiling: r.hints.ceilingMinM ?? null,
    crane: r.hints.craneMinT ?? null,
    told: r.unread.length > 0,
    aside: r.setAside.map((a) => a.why),
    ceilingOnly: r.ceilingOnly.length > 0,
  };
}

describe("H1: a refusal after an area bound is the other bound, whatever the person writes after it", () => {
  it.each([
    // the attack's words
    ["6000平以上不要哦", null, 6000],
    ["6000平以上不要～", null, 6000],
    ["6000平以上不要 急", null, 6000],
    ["6000平以上不要 :)", null, 6000],
    ["超过6000平的不要 谢谢", null, 6000],
    ["超过6000平的不要 王总", null, 6000],
    ["超过6000平的不要王总", null, 6000],
    ["6000平以上的不考虑 谢谢", null, 6000],
    ["6000平以上的不要喔", null, 6000],
    ["6000平以上的，不要啦", null, 6000],
    ["anything above 6000 sqm is a no-go for us honestly", null, 6000],
    ["6000 sqm or more: no", null, 6000],
    ["more than 6000 sqm? no way", null, 6000],
    // our own
    ["8000平以上不考虑哈～", null, 8000],
    ["1万平以上的不行呀", null, 10000],
    ["2000平以下的不要呢 谢谢", 2000, null],
    ["3000平以下就算了吧", 3000, null],
    ["少于3000平的不考虑 多谢", 3000, null],
    ["超过5000平的免谈😄", null, 5000],
    ["5000平以上的不要嘛", null, 5000],
    ["5000平以上不需要哦", null, 5000],
    ["under 2000 sqm is a no-go", 2000, null],
    ["over 9000 sqm? nope", null, 9000],
    ["anything above 7000 sqm is not ok honestly", null, 7000],
  ] as const)("%s → [%s, %s], said as a ceiling/floor", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: false });
  });

  it.each([
    // the wish side stays the wish
    ["6000平以上就行", 6000, null],
    ["6000平以上就行哦", 6000, null],
    ["不要太小，5000平以上", 5000, null],
    ["需要5000平以上，不要低于4000", 5000, null],
    ["5000平以上的都可以 谢谢", 5000, null],
    ["at least 5000 sqm, no columns", 5000, null],
    ["5000平以上 急", 5000, null],
    ["不要低于5000平哦", 5000, null],
    ["不要超过8000平 谢谢", null, 8000],
  ] as const)("%s → [%s, %s] (the wish)", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });
});

describe("H2: not needing a figure, said before it, refuses it (one list with the building figures')", () => {
  it.each([
    ["我们不需要5000平以上的厂房", null, 5000],
    ["不需要5000平以上", null, 5000],
    ["无需5000平以上的厂房", null, 5000],
    ["我们用不到5000平以上的厂房", null, 5000],
    ["暂不需要5000平以上的厂房", null, 5000],
    ["不用5000平以上的", null, 5000],
    ["没必要8000平以上的", null, 8000],
    ["用不着1万平以上的", null, 10000],
    ["no need for 5000 sqm or more", null, 5000],
    ["we don't need 5000 sqm or more", null, 5000],
    ["不需要5000平以下的厂房", 5000, null],
    ["我们不需要3000平以下的", 3000, null],
    ["目前不需要2000平以下的", 2000, null],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("a size not needed is set aside; the real wish said after it is the need", () => {
    expect(need("不需要5000平的，3000平就够")).toMatchObject({ min: 2700, max: 3300, told: false, aside: ["ruledOut"] });
    expect(need("无需8000平的，4000平左右就行")).toMatchObject({ min: 3600, max: 4400, aside: ["ruledOut"] });
  });

  it.each(["不需要5000平", "我们不需要5000平这么大的厂房", "no need for 5000 sqm"])("%s → the refused size is never the need", (notes) => {
    const r = need(notes);
    expect([r.min, r.max]).not.toEqual([4500, 5500]);
    expect(r.min).toBeNull();
  });

  it("comparisons built on a negation stay comparisons", () => {
    expect(need("不需要超过5000平")).toMatchObject({ min: null, max: 5000 });
    expect(need("用不到5000平")).toMatchObject({ min: null, max: 5000 });
    expect(need("不少于5000平")).toMatchObject({ min: 5000, max: null });
  });
});

describe("H4: a refused or unneeded ceiling or crane is no requirement", () => {
  it.each([
    "5000平，层高8米以上的不要",
    "5000平，层高8米以上的不考虑哦",
    "5000 sqm, ceiling of at least 8 m is not necessary",
    "5000 sqm, ceiling of 8 m or more is not needed",
    "5000平，层高8米也用不到",
    "5000平，不需要层高8米以上",
    "5000平，用不到层高8米",
  ])("%s → no ceiling stored", (notes) => {
    expect(need(notes).ceiling).toBeNull();
  });
  it.each([
    "5000 sqm, a crane of at least 10 t is not needed",
    "5000平，10吨以上的行车不要",
    "5000平，行车10吨的没必要",
    "5000平，无需10吨行车",
    "5000平，用不着10吨行车",
    "5000 sqm, no need for a 10 t crane",
  ])("%s → no crane stored", (notes) => {
    expect(need(notes).crane).toBeNull();
  });
  it.each([
    ["5000平，层高8米以上", 8, null],
    ["5000平，需要10吨行车，层高不要低于8米", 8, 10],
    ["5000 sqm, ceiling of at least 8 m is necessary", 8, null],
  ] as const)("%s → the requirement (ceiling %s, crane %s)", (notes, ceiling, crane) => {
    expect(need(notes)).toMatchObject({ ceiling, crane });
  });
});

function places(notes: string) {
  const r = planNoteRegions(notes, []);
  if (!r) return { in: [], out: [], preferred: [] };
  return {
    in: r.places.map((p) => p.text),
    out: r.excluded.map((p) => p.text),
    preferred: r.ruled.filter((f) => f.code === "placePreferred").map((f) => f.text),
  };
}

describe("H5 and M2: a place said with a double negative, a second choice, one of two", () => {
  it.each([
    ["5000平，非江宁不可", ["江宁"], []],
    ["5000平，非江宁不去", ["江宁"], []],
    ["5000平，非江宁莫属", ["江宁"], []],
    ["5000平，非得在江宁", ["江宁"], []],
    ["5000平，只要江宁", ["江宁"], []],
    ["5000平，除了江宁都不考虑", ["江宁"], []],
    ["5000平，除了江宁哪都不去", ["江宁"], []],
    ["5000平，除了江宁别的区都不要", ["江宁"], []],
    ["5000平，除江宁以外一律不考虑", ["江宁"], []],
    // the refusals stay refusals
    ["5000平，除了江宁都行", [], ["江宁"]],
    ["5000平，江宁不可以", [], ["江宁"]],
    ["5000平，不要江宁", [], ["江宁"]],
    ["5000平，江宁不考虑", [], ["江宁"]],
    // not necessarily: neither
    ["5000平，并非江宁不可", [], []],
    ["就在江宁，别的区不考虑", ["江宁"], []],
    ["江宁浦口二选一", ["江宁", "浦口"], []],
    ["江宁、浦口二选一", ["江宁", "浦口"], []],
  ] as const)("%s → in %j, out %j", (notes, wanted, out) => {
    expect(places(notes)).toMatchObject({ in: wanted, out });
  });

  it.each([
    ["需要5000平厂房，浦口其次江宁", ["浦口", "江宁"], ["浦口"]],
    ["江宁优先，浦口备选", ["江宁", "浦口"], ["江宁"]],
    ["Pukou preferred, Jiangning as a backup", ["Pukou", "Jiangning"], ["Pukou"]],
    ["Jiangning preferred, Pukou as a backup", ["Jiangning", "Pukou"], ["Jiangning"]],
    ["Pukou preferred, Jiangning second choice", ["Pukou", "Jiangning"], ["Pukou"]],
  ] as const)("%s → both %j, preferred %j", (notes, wanted, preferred) => {
    expect(places(notes)).toMatchObject({ in: wanted, preferred });
  });
});
