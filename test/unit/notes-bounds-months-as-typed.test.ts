import { describe, expect, it } from "vitest";

import { readMoveIn } from "~/domain/move-in";
import { planAssist } from "~/domain/need-assist";
import { parseNeedText } from "~/domain/need-text";

import { about } from "../support/notes-reading";

// ADR 132 (bounds32, 2026-12-05): an attack and a trial on the notes' reader of areas and months. Refusals further from the
// figure than ADR 128's five fillers were dropped and the bound stored reversed; "需要5000平以上，太大了不行" stored at most
// 5000; a ceiling alone read from a refusal matched spaces far below it unsaid; months typed wrong, in the past or that do
// not exist were dropped unflagged; "1e400平" read 400 ㎡; "15000一18000平" about 18000; a count wanted in the sentence before
// "每栋5000平" was not joined.

/** A clock the tests hold: 2026-12-05 14:00 China time, unless given. */
const DEC5 = new Date("2026-12-05T06:00:00Z");

function read(notes: string, now = DEC5) {
  const r = parseNeedText(notes, now, [], "factory");
  return {
    min: r.hints.areaMinSqm ?? null,
    max: r.hints.areaMaxSqm ?? null,
    count: r.hints.unitCount ?? null,
    month: r.hints.moveInBy ?? null,
    told: r.unread,
    ceilingOnly: r.ceilingOnly,
  };
}

describe("F3: a refusal further from the bound than the fillers the reader knows is told, never stored reversed", () => {
  it.each([
    // the attack's words
    "5000平以上的厂房我们这边老板觉得其实真的太大了不要",
    "anything above 5000 sqm is honestly, for a company like ours, way too big",
    // fillers of every kind and length, Chinese
    "5000平以上的厂房老板说太大",
    "5000平以上的厂房，我们老板说太大了",
    "5000平以上的厂房，我们老板看了觉得实在是太大了，不要",
    "超过5000平的我们公司觉得太大了",
    "大于5000平的场地说实话对我们来说确实是太大了",
    "5000平以上的厂房说实话对我们来说确实是太大了",
    "5000平以上那种规模的我们这个行业一般都用不完",
    "5000平以上的话咱们这边租金肯定负担不起",
    "8000平方米以上的单层厂房老板的意思是先不考虑",
    "30亩以上的地块我们这个项目根本吃不下",
    "3000平以下的厂房我们老板觉得其实真的太小了不行",
    "不到3000平的那种车间我们设备根本放不下",
    "不超过5000平的，说实话我们觉得太小了",
    // English, any words between
    "anything above 5000 sqm is way too big",
    "5000 sqm or more is, frankly, too big",
    "spaces of over 5000 sqm are, in our experience, too expensive",
    "anything under 2000 sqm is, given our production lines, too small",
    "over 8000 sqm would honestly be more than we could ever use, too much",
  ])("%s → no area, told", (notes) => {
    const r = read(notes);
    expect([r.min, r.max]).toEqual([null, null]);
    expect(r.told.length).toBeGreaterThan(0);
  });

  it.each([
    // a lone figure with its refusal in its clause, past the fillers
    "5000平左右的厂房我们老板觉得其实真的太大了不要",
    "about 5000 sqm is, for a company like ours, too big",
  ])("%s → a lone figure refused further on: no area, told", (notes) => {
    const r = read(notes);
    expect([r.min, r.max]).toEqual([null, null]);
    expect(r.told.length).toBeGreaterThan(0);
  });

  it.each([
    // a want word before the bound, its refusal after: the wish turned — which is meant is not the reader's to guess
    "需要5000平以上，太大了不行",
    "要5000平以上的，太大了不要",
    "we need over 5000 sqm, too big won't do",
  ])("%s → the bound said as a wish and refused: no area, told", (notes) => {
    const r = read(notes);
    expect([r.min, r.max]).toEqual([null, null]);
    expect(r.told.length).toBeGreaterThan(0);
  });

  it.each([
    // guards: what said the wish stays it
    ["5000平以上，太贵的不要", 5000, null],
    ["5000平以上就行，太大了不要", 5000, null],
    ["5000平以上的，我们觉得太小的不要", 5000, null],
    ["需要5000平以上，太小了不行", 5000, null],
    ["至少3000平，不要太旧的", 3000, null],
    ["需要5000平以上，层高8米以下的不要", 5000, null],
    ["We need at least 3000 sqm. The old one was too big.", 3000, null],
    ["需要5000平左右，太小了不行", ...about(5000)],
    ["5000平以上的不要", null, 5000],
    ["最多6000平，我们老板说再大就太贵了不考虑", null, 6000],
    ["超过6000平不要，5000平左右", 4500, 6000],
    ["above 5000 sqm is too big for us", null, 5000],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    const r = read(notes);
    expect([r.min, r.max]).toEqual([min, max]);
  });
});

describe("F8 (trial, DECISION FOR PRODUCT): a ceiling read only from a refusal is kept and told", () => {
  it.each([
    "6000平以上的车间，太大了，不用",
    "6000平以上太大了不用",
    "超过6000平的不要",
    "不要6000平以上的",
    "we don't want anything above 6000 sqm",
  ])("%s → at most 6000, told as a ceiling only", (notes) => {
    const r = read(notes);
    expect([r.min, r.max]).toEqual([null, 6000]);
    expect(r.ceilingOnly).toHaveLength(1);
  });

  it.each([
    ["超过6000平不要，5000平左右", 4500, 6000],
    ["至少3000平，超过6000平不要", 3000, 6000],
    ["不超过6000平", null, 6000],
    ["最多6000平", null, 6000],
  ] as const)("%s → [%s, %s], no ceiling-only word (a lower bound said, or the ceiling is the wish)", (notes, min, max) => {
    const r = read(notes);
    expect([r.min, r.max]).toEqual([min, max]);
    expect(r.ceilingOnly).toEqual([]);
  });

  it("the plan flags it for the recruiter (areaCeilingOnly), not beside typed area boxes", () => {
    const plan = planAssist("6000平以上的车间，太大了，不用", new Set(), DEC5, [], "factory");
    expect(plan.fills.map((f) => [f.field, f.value])).toEqual([["areaMaxSqm", 6000]]);
    expect(plan.ceilingOnly).toEqual([{ field: "need.notes", code: "areaCeilingOnly", text: "6000平以上的车间，太大了，不用" }]);
    expect(planAssist("6000平以上的车间，太大了，不用", new Set(["areaMin"]), DEC5, [], "factory").ceilingOnly).toEqual([]);
  });
});

describe("odd figures are told, never misread", () => {
  it.each([
    "需要1e400平",
    "需要1e5平",
    "需要1.5e4平",
    "需要1E5 sqm",
    "需要2e+3平方米",
    "需要Infinity平",
    "需要NaN平",
    "需要∞平",
    "需要0.0001平",
    "需要0.5平",
    "需要99999999999999999999平",
    "需要1,000,000,000平",
  ])("%s → no area, told", (notes) => {
    const r = read(notes);
    expect([r.min, r.max]).toEqual([null, null]);
    expect(r.told.length).toBeGreaterThan(0);
  });

  it("scientific notation in another unit is told too", () => {
    const r = parseNeedText("层高9米，配电1e3kva", DEC5, [], "factory");
    expect(r.hints.powerMinKva).toBeUndefined();
    expect(r.unread).toContain("1e3kva");
  });
});

describe("a range's dash as people type it", () => {
  it.each([
    "需要15000一18000平",
    "需要15000~18000平",
    "需要15000～18000平",
    "需要15000－18000平",
    "需要15000—18000平",
    "需要15000ー18000平",
    "需要1.5万-1.8万平",
    "需要1.5万一1.8万平",
    "需要15000至18000平",
    "需要15000到18000平",
    "15000一18000平方米的厂房",
    "need 15000 to 18000 sqm",
  ])("%s → 15000–18000", (notes) => {
    expect([read(notes).min, read(notes).max]).toEqual([15000, 18000]);
  });

  it("一 between words stays a numeral: 一万一千平 is 11000", () => {
    expect([read("面积一万一千平").min, read("面积一万一千平").max]).toEqual(about(11000));
  });
});

describe("a count wanted in the sentence before the size of each", () => {
  it.each([
    ["要3栋厂房。每栋5000平左右。", 3, about(15000)],
    ["需要3栋厂房。每栋5000平。", 3, about(15000)],
    ["要3个冷库。每个1000平。", 3, about(3000)],
    ["要租2栋。每栋3000平左右，层高9米。", 2, about(6000)],
    ["We need 3 buildings; 5000 sqm each.", 3, about(15000)],
  ] as const)("%s → %s units, %j", (notes, count, [min, max]) => {
    const r = read(notes);
    expect([r.min, r.max, r.count]).toEqual([min, max, count]);
  });

  it.each([
    // guards: units had, not wanted; no count
    ["去年租了3栋厂房。每栋5000平。", null],
    ["有3栋厂房。每栋5000平。", null],
    ["每栋5000平左右。", null],
  ] as const)("%s → no count", (notes, count) => {
    expect(read(notes).count).toBe(count);
  });
});

describe("F8 (attack): months typed wrong, that do not exist or are past are told, never dropped nor stored", () => {
  it.each([
    "Mrach 2027入驻",
    "move in Mrach 2027",
    "we want to move in by Febuary 2027",
    "move in by Decmber 2027",
    "move in by Spetember 2027",
    "13/2027",
    "0/2027入驻",
    "2027年13月入驻",
    "2027年十三月入驻",
    "2027年3月或4月入驻",
    "March 2025",
    "move in by March 2025",
    "2025年3月入驻",
    "2026年11月入驻",
    "2025-03入驻",
  ])("%s → no month, told", (notes) => {
    const r = read(notes);
    expect(r.month).toBeNull();
    expect(r.told.length).toBeGreaterThan(0);
  });

  it.each([
    ["2027年3月入驻", "2027-03"],
    ["明年3月入驻", "2027-03"],
    ["March 2027", "2027-03"],
    ["3月入驻", "2027-03"],
    ["2026年12月入驻", "2026-12"],
    ["月底入驻", "2026-12"],
    ["年初入驻", "2027-01"],
    ["明年初入驻", "2027-01"],
  ] as const)("%s → %s, nothing told", (notes, month) => {
    const r = read(notes);
    expect(r.month).toBe(month);
    expect(r.told).toEqual([]);
  });

  it("a company's founding year is no move-in", () => {
    expect(read("公司成立于2015年，员工200人").told).toEqual([]);
  });

  it("13/2027 in the move-in box is a month that does not exist", () => {
    expect(readMoveIn("13/2027", DEC5)).toMatchObject({ ok: false, problem: "noSuchMonth", month: 13 });
    expect(readMoveIn("00/2027", DEC5)).toMatchObject({ ok: false, problem: "noSuchMonth", month: 0 });
  });
});

describe("年底 in December (DECISION): this December until the 20th, then told which year", () => {
  const DEC25 = new Date("2026-12-25T06:00:00Z");
  const DEC20 = new Date("2026-12-20T06:00:00Z");
  it.each([
    ["年底入驻", DEC5, "2026-12"],
    ["年底入驻", DEC20, "2026-12"],
    ["年末搬", DEC5, "2026-12"],
    ["年底前入驻", DEC25, "2026-12"],
    ["年内入驻", DEC25, "2026-12"],
    ["2026年底入驻", DEC25, "2026-12"],
    ["明年年底入驻", DEC25, "2027-12"],
  ] as const)("%s at %s → %s", (notes, now, month) => {
    expect(read(notes, now).month).toBe(month);
  });

  it.each(["年底入驻", "年末入驻"])("%s on Dec 25 → told, no month", (notes) => {
    const r = read(notes, DEC25);
    expect(r.month).toBeNull();
    expect(r.told).toEqual([notes]);
    expect(readMoveIn("年底", DEC25)).toEqual({ ok: false, problem: "whichYear", example: "2027-12" });
  });
});
