import { describe, expect, it } from "vitest";

import { parseNeedText } from "~/domain/need-text";
import { planNoteRegions } from "~/domain/note-regions";

import { about } from "../support/notes-reading";

// ADR 136 (after32, trial 2026-12-05 H1, M6, L1): a count said after the area ("5000平的厂房要两栋", "厂房5000平×2")
// was dropped silently — the need became one unit of that size; a count beside the area that no figure was read
// with ("一期两栋5000平，二期再要1栋") was lost, nothing told; "100栋500平" became a 500 ㎡ need. A lone district name
// as its own clause ("…，高淳", "…，溧水那边") was lost without a flag.

const NOW = new Date("2026-12-05T04:00:00Z");
const read = (notes: string, kind = "factory") => parseNeedText(notes, NOW, [], kind);
const need = (notes: string, kind = "factory") => {
  const r = read(notes, kind);
  return { min: r.hints.areaMinSqm, max: r.hints.areaMaxSqm, count: r.hints.unitCount, unread: r.unread };
};
const units = (n: number, sqm: number) => {
  const [min, max] = about(n * sqm);
  return { min, max, count: n };
};

describe("a count said after the area multiplies it (H1)", () => {
  it.each([
    ["5000平的厂房要两栋，高淳", 2, 5000],
    ["厂房5000平×2", 2, 5000],
    ["5000平×2栋", 2, 5000],
    ["5000平*3栋", 3, 5000],
    ["5000平米两栋", 2, 5000],
    ["5000平 x 3", 3, 5000],
    ["3000平方两栋", 2, 3000],
    ["5000平的厂房两栋", 2, 5000],
    ["5000平左右的厂房，需要3栋", 3, 5000],
    ["单层厂房5000平左右，要两栋", 2, 5000],
    ["5000㎡ X 2", 2, 5000],
    ["五千平的厂房要三栋", 3, 5000],
    ["3000平的厂房要两个", 2, 3000],
    ["5000 sqm x 3", 3, 5000],
    ["need 5000 sqm × 2 buildings", 2, 5000],
    ["5000 sqm * 2", 2, 5000],
    // a count right before the figure is its own, a second phase told (below)
    ["一期两栋5000平，二期再要1栋", 2, 5000],
    // the floors of each building times the buildings
    ["两栋楼，每栋两层，每层2000平", 2, 4000],
    ["两栋厂房，每栋三层，每层1000平", 2, 3000],
    // the units said before still count as before (ADR 122, 128, 130)
    ["三栋5000平的厂房，我们只要两栋", 2, 5000],
    ["3栋厂房，每栋5000平，我们要2栋", 2, 5000],
    ["需要3栋厂房，每栋5000平", 3, 5000],
    ["2×5000平", 2, 5000],
  ])("%s → %i × %i", (notes, n, sqm) => {
    expect(need(notes)).toMatchObject(units(n, sqm));
  });

  it.each(["5000平×2栋", "5000平的厂房要两栋", "3 buildings, 5000 sqm each"])("the total is kept as ADR 130 does: %s", (notes) => {
    const r = need(notes);
    expect(r.min! / r.count!).toBeCloseTo(4500);
    expect(r.unread).toEqual([]);
  });
});

describe("a count no figure was read with is told, never dropped", () => {
  it.each([
    ["一期两栋5000平，二期再要1栋", "二期再要1栋"],
    ["5000平，两栋", "两栋"],
    ["5000平，共3栋", "共3栋"], // each or the total: asked
    ["要5000平的厂房，最好有两栋", "最好有两栋"],
    ["3栋厂房5000平", "3栋厂房5000平"], // each or the total: ADR 128 left it — asked, not guessed
  ])("%s → told %s", (notes, told) => {
    expect(need(notes).unread).toContain(told);
  });

  it.each([["100栋500平"], ["500平×100"], ["500平的厂房要120栋"]])("a count over 99 is told with its figure, no area: %s", (notes) => {
    const r = need(notes);
    expect(r.min).toBeUndefined();
    expect(r.max).toBeUndefined();
    expect(r.count).toBeUndefined();
    expect(r.unread.length).toBe(1);
  });
});

describe("guards: premises had, floors, totals, other counts", () => {
  it.each([["我们现在有两栋5000平的厂房"], ["现有5000平的厂房两栋"], ["目前租了两栋，每栋5000平"]])(
    "the premises the company has are set aside, no count: %s",
    (notes) => {
      const r = read(notes);
      expect(r.hints.unitCount).toBeUndefined();
      expect(r.hints.areaMinSqm).toBeUndefined();
      expect(r.setAside.map((a) => a.why)).toContain("own");
    },
  );

  it("premises had beside the need: the need's area, no count", () => {
    expect(need("现有5000平厂房两栋，想再找3000平")).toEqual({ ...units(1, 3000), count: undefined, unread: [] });
  });

  it.each([
    ["3层5000平", 5000],
    ["5000平3层", 5000],
    ["5000平的厂房，3层", 5000],
    ["5000平两层", 5000],
    ["5000平的厂房要3层", 5000],
    ["5000平，3个月内入驻", 5000],
    ["要5000平厂房，两个月内", 5000],
    ["3栋厂房共15000平", 15000], // a total (ADR 130): no count, nothing told
    ["需要5000平，1栋就够", 5000],
    ["5000 sqm, 2 floors", 5000],
  ])("one unit, nothing told: %s", (notes, sqm) => {
    expect(need(notes)).toEqual({ ...units(1, sqm), count: undefined, unread: [] });
  });

  it("a count right before another figure is that figure's", () => {
    const r = read("厂房5000平，另外还要1栋2000平的仓库");
    expect(r.hints.unitCount).toBeUndefined();
    expect(r.unread).toEqual([]);
    expect(r.setAside.map((a) => a.why)).toEqual(["otherUse"]);
  });
});

const GAOCHUN = "320118";
const LISHUI = "320117";
const JIANGNING = "320115";
const places = (notes: string) => {
  const p = planNoteRegions(notes, [])!;
  return { codes: p.fill?.codes ?? [], unread: p.unread.map((u) => u.text) };
};

describe("a lone district name as its own clause is a place wanted (L1)", () => {
  it.each([
    ["5000平的厂房要两栋，高淳", [GAOCHUN]],
    ["客户说要三栋厂房，每栋五千平左右，溧水那边", [LISHUI]],
    ["要厂房，溧水附近", [LISHUI]],
    ["5000平厂房，高淳一带", [GAOCHUN]],
    ["高淳，5000平", [GAOCHUN]],
    ["需要厂房，溧水那边，明年3月", [LISHUI]],
    ["5000平，高淳就行", [GAOCHUN]],
    ["5000平，江宁周边", [JIANGNING]],
    ["高淳", [GAOCHUN]],
  ])("%s → %j", (notes, codes) => {
    expect(places(notes)).toEqual({ codes, unread: [] });
  });

  it.each(["5000平，平房", "要5000平厂房，资源", "5000平，光明", "要单层平房5000平", "高淳不要"])("no place filled: %s", (notes) => {
    expect(places(notes).codes).toEqual([]);
  });
});

describe("English places with a name of two readings (M6)", () => {
  it.each([
    ["in Gaochun or Lishui", [LISHUI, GAOCHUN]],
    ["3 buildings of about 5000 sqm each, in Lishui or Gaochun", [LISHUI, GAOCHUN]],
    ["Lishui, Gaochun", [LISHUI, GAOCHUN]],
    ["in Jiangning or Lishui", [JIANGNING, LISHUI]],
    ["near Gaochun and Lishui", [LISHUI, GAOCHUN]],
  ])("%s → %j (溧水区, in the city of the others)", (notes, codes) => {
    expect(places(notes)).toEqual({ codes: [...codes].sort(), unread: [] });
  });

  it("alone, Lishui stays a question (溧水区 or 丽水市): told", () => {
    expect(places("in Lishui")).toEqual({ codes: [], unread: ["Lishui"] });
  });
});
