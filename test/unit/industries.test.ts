import { describe, expect, it } from "vitest";

import {
  findIndustry,
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  industryFit,
  industryLabel,
  isIndustryExcluded,
  normalizeIndustryCode,
  sectionOf,
} from "../../app/domain/industries";

// GB/T 4754-2017 section → [first division, last division].
const SECTION_RANGES: Record<string, [number, number]> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 96],
  T: [97, 97],
};

describe("taxonomy data", () => {
  it("has the 20 sections A–T in order", () => {
    expect(INDUSTRY_SECTIONS).toHaveLength(20);
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join("")).toBe("ABCDEFGHIJKLMNOPQRST");
  });

  it("has the 97 divisions 01–97 in order", () => {
    expect(INDUSTRY_DIVISIONS).toHaveLength(97);
    INDUSTRY_DIVISIONS.forEach((d, i) => {
      expect(d.division).toBe(String(i + 1).padStart(2, "0"));
    });
  });

  it("has unique codes", () => {
    const codes = [...INDUSTRY_SECTIONS, ...INDUSTRY_DIVISIONS].map((x) => x.code);
    expect(new Set(codes).size).toBe(codes.length);
    const zhDivisions = INDUSTRY_DIVISIONS.map((d) => d.zh);
    // 教育/国际组织/房地产业 share a name with their single-division section, but
    // division names are unique among divisions.
    expect(new Set(zhDivisions).size).toBe(97);
  });

  it("gives every division a consistent code and an existing section", () => {
    const sections = new Set(INDUSTRY_SECTIONS.map((s) => s.code));
    for (const d of INDUSTRY_DIVISIONS) {
      expect(sections.has(d.section)).toBe(true);
      expect(d.code).toBe(d.section + d.division);
      expect(d.code).toMatch(/^[A-T]\d{2}$/);
    }
  });

  it("puts each section's divisions in the official range", () => {
    for (const s of INDUSTRY_SECTIONS) {
      const nums = INDUSTRY_DIVISIONS.filter((d) => d.section === s.code).map((d) => Number(d.division));
      const [lo, hi] = SECTION_RANGES[s.code];
      expect(nums, s.code).toEqual(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
    }
  });

  it("has non-empty zh and en names without stray whitespace", () => {
    for (const x of [...INDUSTRY_SECTIONS, ...INDUSTRY_DIVISIONS]) {
      expect(x.zh.length).toBeGreaterThan(0);
      expect(x.en.length).toBeGreaterThan(0);
      expect(x.zh).toBe(x.zh.trim());
      expect(x.en).toBe(x.en.trim());
      expect(x.zh).not.toMatch(/[A-Za-z]/);
    }
  });

  it.each([
    ["A", "农、林、牧、渔业"],
    ["C", "制造业"],
    ["D", "电力、热力、燃气及水生产和供应业"],
    ["I", "信息传输、软件和信息技术服务业"],
    ["M", "科学研究和技术服务业"],
    ["S", "公共管理、社会保障和社会组织"],
    ["T", "国际组织"],
    ["A05", "农、林、牧、渔专业及辅助性活动"],
    ["B11", "开采专业及辅助性活动"],
    ["C13", "农副食品加工业"],
    ["C25", "石油、煤炭及其他燃料加工业"],
    ["C26", "化学原料和化学制品制造业"],
    ["C27", "医药制造业"],
    ["C35", "专用设备制造业"],
    ["C36", "汽车制造业"],
    ["C37", "铁路、船舶、航空航天和其他运输设备制造业"],
    ["C38", "电气机械和器材制造业"],
    ["C39", "计算机、通信和其他电子设备制造业"],
    ["C40", "仪器仪表制造业"],
    ["C43", "金属制品、机械和设备修理业"],
    ["E50", "建筑装饰、装修和其他建筑业"],
    ["F51", "批发业"],
    ["G53", "铁路运输业"],
    ["G58", "多式联运和运输代理业"],
    ["G59", "装卸搬运和仓储业"],
    ["I64", "互联网和相关服务"],
    ["I65", "软件和信息技术服务业"],
    ["M73", "研究和试验发展"],
    ["N79", "土地管理业"],
    ["R87", "广播、电视、电影和录音制作业"],
    ["S96", "基层群众自治组织及其他组织"],
    ["T97", "国际组织"],
  ])("%s is %s", (code, zh) => {
    expect(findIndustry(code)?.zh).toBe(zh);
  });

  it("has English names", () => {
    expect(findIndustry("C")?.en).toBe("Manufacturing");
    expect(findIndustry("C39")?.en).toMatch(/computers, communication and other electronic equipment/);
    expect(findIndustry("I65")?.en).toMatch(/software and information technology services/i);
  });

  it("is read-only at runtime", () => {
    expect(Object.isFrozen(INDUSTRY_SECTIONS)).toBe(true);
    expect(Object.isFrozen(INDUSTRY_DIVISIONS)).toBe(true);
    expect(Object.isFrozen(INDUSTRY_DIVISIONS[0])).toBe(true);
  });
});

describe("normalizeIndustryCode", () => {
  it.each<[string, string | null]>([
    ["C39", "C39"],
    ["c39", "C39"],
    ["39", "C39"],
    [" C 39 ", "C39"],
    ["\tc39\n", "C39"],
    ["Ｃ３９", "C39"], // full-width
    ["C", "C"],
    ["c", "C"],
    [" t ", "T"],
    ["01", "A01"],
    ["a01", "A01"],
    ["65", "I65"],
    ["70", "K70"],
    ["97", "T97"],
    ["T97", "T97"],
    // unknown / malformed
    ["", null],
    ["   ", null],
    ["U", null],
    ["Z", null],
    ["00", null],
    ["98", null],
    ["99", null],
    ["C00", null],
    ["C44", null], // 44 belongs to D
    ["A39", null],
    ["1", null],
    ["C3", null],
    ["C391", null],
    ["C3911", null],
    ["CC", null],
    ["制造业", null],
  ])("%j → %j", (input, expected) => {
    expect(normalizeIndustryCode(input)).toBe(expected);
  });

  it("round-trips every code", () => {
    for (const x of [...INDUSTRY_SECTIONS, ...INDUSTRY_DIVISIONS]) {
      expect(normalizeIndustryCode(x.code)).toBe(x.code);
      expect(normalizeIndustryCode(x.code.toLowerCase())).toBe(x.code);
    }
    for (const d of INDUSTRY_DIVISIONS) expect(normalizeIndustryCode(d.division)).toBe(d.code);
  });
});

describe("findIndustry / sectionOf / industryLabel", () => {
  it("finds sections and divisions in any accepted form", () => {
    expect(findIndustry("C")).toBe(INDUSTRY_SECTIONS[2]);
    expect(findIndustry("c")?.code).toBe("C");
    expect(findIndustry("C39")?.code).toBe("C39");
    expect(findIndustry("c39")?.code).toBe("C39");
    expect(findIndustry("39")?.code).toBe("C39");
    expect(findIndustry("65")).toMatchObject({ code: "I65", section: "I", division: "65" });
    expect(findIndustry("X")).toBeUndefined();
    expect(findIndustry("D39")).toBeUndefined();
    expect(findIndustry("")).toBeUndefined();
  });

  it.each<[string, string | null]>([
    ["C39", "C"],
    ["C", "C"],
    ["c39", "C"],
    ["39", "C"],
    ["A01", "A"],
    ["I65", "I"],
    ["T97", "T"],
    ["X1", null],
    ["98", null],
    ["", null],
  ])("sectionOf(%j) = %j", (code, expected) => {
    expect(sectionOf(code)).toBe(expected);
  });

  it("labels codes", () => {
    expect(industryLabel("C39", "zh")).toBe("C39 计算机、通信和其他电子设备制造业");
    expect(industryLabel("c39", "zh")).toBe("C39 计算机、通信和其他电子设备制造业");
    expect(industryLabel("39", "en")).toBe("C39 Manufacture of computers, communication and other electronic equipment");
    expect(industryLabel("C", "zh")).toBe("C 制造业");
    expect(industryLabel("C", "en")).toBe("C Manufacturing");
    expect(industryLabel("I65", "zh")).toBe("I65 软件和信息技术服务业");
    expect(industryLabel("ZZ9", "zh")).toBe("ZZ9");
    expect(industryLabel("98", "en")).toBe("98");
  });
});

describe("industryFit", () => {
  it.each<[string, string[], ReturnType<typeof industryFit>]>([
    // exact division
    ["C39", ["C39"], "division"],
    ["c39", ["C39"], "division"],
    ["39", ["c 39"], "division"],
    ["C39", ["C36", "C39"], "division"],
    ["C39", ["C", "C39"], "division"], // division beats section-focus
    // whole section listed
    ["C39", ["C"], "section-focus"],
    ["C39", ["c"], "section-focus"],
    ["C39", ["I65", "C"], "section-focus"],
    ["C39", ["C36", "C"], "section-focus"], // section-focus beats same-section
    ["C", ["C"], "section-focus"],
    ["I65", ["I"], "section-focus"],
    // another division in the same section
    ["C39", ["C36"], "same-section"],
    ["C39", ["C36", "C38"], "same-section"],
    ["C13", ["14"], "same-section"],
    ["C", ["C39"], "same-section"], // section-only lead, park lists a division
    ["I64", ["I65"], "same-section"],
    // nothing
    ["C39", ["I65"], "none"],
    ["C39", ["I", "M73"], "none"],
    ["C39", [], "none"],
    ["C", ["I65", "D"], "none"],
    ["C39", ["junk", "", "98"], "none"],
    ["", ["C39"], "none"],
    ["junk", ["C"], "none"],
    ["98", ["C", "C39"], "none"],
  ])("%j vs %j → %s", (lead, focus, expected) => {
    expect(industryFit(lead, focus)).toBe(expected);
  });
});

describe("isIndustryExcluded", () => {
  it.each<[string, string[], boolean]>([
    ["C26", ["C26"], true],
    ["c26", ["C26"], true],
    ["26", ["c 26"], true],
    ["C26", ["C25", "C26"], true],
    ["C26", ["C"], true], // whole section excluded
    ["C26", ["c"], true],
    ["B06", ["B"], true],
    ["C", ["C"], true],
    ["C26", ["C27"], false],
    ["C26", ["B"], false],
    ["C26", [], false],
    ["C", ["C26"], false], // section-only lead is not excluded by one division
    ["C26", ["junk", "", "98"], false],
    ["", ["C"], false],
    ["junk", ["C26"], false],
    ["98", ["C", "T"], false],
  ])("%j with %j → %s", (lead, excluded, expected) => {
    expect(isIndustryExcluded(lead, excluded)).toBe(expected);
  });
});
