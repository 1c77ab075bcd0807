import { describe, expect, it } from "vitest";

import { parseNeedText } from "~/domain/need-text";
import { placePhrasesAsMarks } from "~/domain/place-phrases";

import { GC, JN, LH, PK, readAs } from "../support/place-stances";

// docs/decisions/161: the faults session 35 left open, each a kind — a wish after a lone area figure, a figure said to be enough
// after the premises, unclear digits in every figure's unit, places said with blanks, "one of two" and "rather than".

const read = (notes: string) => parseNeedText(notes, new Date("2026-12-05T02:00:00Z"));
const area = (notes: string) => {
  const r = read(notes);
  return { min: r.hints.areaMinSqm ?? null, max: r.hints.areaMaxSqm ?? null, wished: r.wished, unread: r.unread, own: r.setAside };
};

describe("1. a wish after a lone area figure: the figure a bound, the wish told as a wish, nothing unread", () => {
  it.each([
    ["需要5000平，最好6000平", { min: 5000, max: null, wished: ["最好6000平"] }],
    ["需要5000平，最好6000", { min: 5000, max: null, wished: ["最好6000"] }],
    ["要5000平的厂房，最好能有6000平", { min: 5000, max: null }],
    ["要5000平，6000平更好", { min: 5000, max: null, wished: ["6000平更好"] }],
    ["need 5000 sqm, ideally 6000 sqm", { min: 5000, max: null, wished: ["ideally 6000 sqm"] }],
    ["we need 5000 sqm, preferably 6000 sqm", { min: 5000, max: null }],
    ["需要30亩，最好40亩", { min: 20000, max: null }],
    ["需要5000平，最好4000平", { min: null, max: 5000 }],
    ["需要5000平，最好6000平，不超过8000平", { min: 5000, max: 8000 }],
  ] as const)("%j → %j", (notes, want) => {
    const r = area(notes);
    expect(r).toMatchObject(want);
    expect(r.wished.length).toBe(1);
    expect(r.unread).toEqual([]);
  });

  it("guards: a figure said approximate stays about; the same size wished changes nothing; a bound first is as before", () => {
    expect(area("5000平左右，最好6000平")).toMatchObject({ min: 4500, max: 5500, unread: [] });
    expect(area("需要5000平，最好5000平")).toMatchObject({ min: 4500, max: 5500, unread: [] });
    expect(area("至少5000平，最好6000平")).toMatchObject({ min: 5000, max: null, wished: ["最好6000平"] });
  });
});

describe("2. the premises called too large, then a figure said to be enough: the need, not the premises", () => {
  it.each([
    ["现有厂房大了，3000平就够", [2700, 3300]],
    ["现有厂房太大了，3000平就够了", [2700, 3300]],
    ["现在的仓库偏大，2000平足够", [1800, 2200]],
    ["目前的厂房太大，3000平就行", [2700, 3300]],
    ["现有厂房大了，5000平以内就行", [null, 5000]],
    ["our current plant is too big, 3000 sqm will do", [2700, 3300]],
    ["existing factory too large, 3000 sqm is enough", [2700, 3300]],
  ] as const)("%j → %j, nothing set aside", (notes, [min, max]) => {
    expect(area(notes)).toMatchObject({ min, max, own: [] });
  });

  it("a ceiling said to be enough after the premises is the need too", () => {
    expect(read("现有厂房大了，层高8米就够").hints.ceilingMinM).toBe(8);
  });

  it("guards: the premises' size stays theirs; a figure said not enough is not the need", () => {
    expect(area("现有厂房太大，8000平")).toMatchObject({ min: null, own: [{ text: "8000平", why: "own" }] });
    expect(area("现有厂房8000平，3000平就够")).toMatchObject({ min: 2700, max: 3300, own: [{ text: "现有厂房8000平", why: "own" }] });
  });

  // A word that only begins like "enough" (行车 is a crane, 行业 an industry, 好几 several) or one on the next line says nothing
  // of the figure before it: the premises' figures stay theirs (need-figures-34c H7).
  it.each([
    ["现有厂房\n层高6米\n行车5吨\n需要层高8米，行车10吨", { ceilingMinM: 8, craneMinT: 10 }],
    ["现有厂房层高6米 行车5吨，需要层高8米、行车10吨", { ceilingMinM: 8, craneMinT: 10 }],
    ["现有厂房层高6米，行业是机械，需要层高9米", { ceilingMinM: 9 }],
    ["现有厂房层高6米\n好几台设备要放，需要层高10米", { ceilingMinM: 10 }],
  ])("%j: a word like 'enough' after a premises' figure is not one", (notes, hints) => {
    expect(read(notes).hints).toMatchObject(hints);
  });
});

describe("3. digits that say no one number, in every figure's unit: told, never read", () => {
  it.each([
    ["1.000kva", "1.000kva"],
    ["配电1.000千伏安", "1.000千伏安"],
    ["需要1,0000kva", "1,0000kva"],
    ["power 1.000 kVA", "1.000 kVA"],
    ["5.000吨行车", "5.000吨"],
    ["行车5.000吨", "5.000吨"],
    ["crane 5.000t", "5.000t"],
    ["层高8.000米", "8.000米"],
    ["8.500米层高", "8.500米"],
    ["层高8.000", "层高8.000"],
    ["ceiling 8.000 m", "8.000 m"],
    ["承重1.500吨/平", "1.500吨"],
  ])("%j → nothing stored, %j told", (notes, told) => {
    const r = read(notes);
    expect([r.hints.powerMinKva, r.hints.craneMinT, r.hints.ceilingMinM, r.hints.floorLoadMinKg]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(r.unread).toContain(told);
    expect(r.unreadArea).toEqual([]); // no area figure: an area box typed does not hide it
  });

  it("guards: decimals that say one number are read as before", () => {
    expect(read("层高8.5米").hints.ceilingMinM).toBe(8.5);
    expect(read("配电1000kva").hints.powerMinKva).toBe(1000);
    expect(read("行车5吨").hints.craneMinT).toBe(5);
    expect(read("层高0.125米").unread).toEqual([]);
  });
});

describe("4. places: a correction between blanks, one of two, rather than", () => {
  describe("a correction said between blanks (no comma) takes the first place back", () => {
    readAs([
      ["江宁 哦不 浦口", [PK], [], "江宁"],
      ["江宁 不对 浦口", [PK], [], "江宁"],
      ["江宁 说错了 浦口", [PK], [], "江宁"],
      ["要江宁 呃不对 浦口", [PK], [], "江宁"],
      ["在江宁 哦不 在浦口", [PK], [], "江宁"],
      ["高淳 啊不对 六合", [LH], [], "高淳"],
    ]);
  });

  describe("不是X就是Y, 要么X要么Y: one of the two, neither ruled out", () => {
    readAs([
      ["不是江宁就是浦口", [JN, PK], [], ""],
      ["不是江宁就是浦口的厂房", [JN, PK], [], ""],
      ["厂房不是高淳就是六合", [GC, LH], [], ""],
      ["要么江宁要么浦口", [JN, PK], [], ""],
      ["要么高淳要么六合都行", [GC, LH], [], ""],
      // With a clause's end it is a contrast: not Jiangning — Pukou (ADR 154), and Pukou is now found.
      ["不是江宁，就是浦口", [PK], ["江宁"], ""],
    ]);
  });

  describe("'rather than', 'instead of': the one wanted, the other ruled out", () => {
    readAs([
      ["Jiangning rather than Pukou", [JN], ["Pukou"], ""],
      ["Jiangning instead of Pukou", [JN], ["Pukou"], ""],
      ["in Gaochun rather than Liuhe", [GC], ["六合区"], ""],
      ["Pukou, rather than Jiangning", [PK], ["Jiangning"], ""],
      ["Jiangning rather than 浦口", [JN], ["浦口"], ""],
    ]);
  });

  it("the rewrite keeps the notes' length and every place's position", () => {
    for (const notes of ["江宁 哦不 浦口", "不是江宁就是浦口", "Jiangning rather than Pukou", "要么江宁要么浦口的"]) {
      const said = placePhrasesAsMarks(notes);
      expect(said.length).toBe(notes.length);
      for (const name of ["江宁", "浦口", "Jiangning", "Pukou"]) expect(said.indexOf(name)).toBe(notes.indexOf(name));
    }
    expect(placePhrasesAsMarks("江宁 不 浦口")).toBe("江宁 不 浦口"); // a bare 不 is no correction
    expect(placePhrasesAsMarks("rather than that")).toBe("rather than that");
  });
});
