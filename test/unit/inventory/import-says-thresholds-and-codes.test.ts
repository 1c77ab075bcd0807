import { describe, expect, it } from "vitest";

import { validateInventory } from "~/inventory/import.server";
import { rowSummary } from "~/inventory/row-summary";

// Leftovers of the 12-05 trial (docs/decisions/169): (2) a new park's preview showed its place and focus industries
// but not the minimums matching refuses leads by — 亩均税收, 投资强度, tax per 1000 ㎡ — nor its excluded industries;
// (3) the JSON import read industry words to GB/T 4754 codes and said nothing, while the Excel preview says
// "锂电池 → C38" (docs/decisions/160).

const PARK = { id: "P-T", name: "门槛园", province: "江苏省", city: "南京市", district: "江宁区", industries: ["C33"] };

describe("a park's preview values: its minimums as stored, with their units, and its excluded industries", () => {
  it("all three minimums, zh and en", () => {
    const s = rowSummary("parks", {
      ...PARK,
      excludedIndustries: ["C26", "C25"],
      minTaxPerMuWan: 30,
      minInvestmentPerMuWan: 300,
      minTaxPer1000SqmWan: 20,
    } as never);
    expect(s.thresholds).toEqual({
      zh: "亩均税收门槛 30 万元/亩；投资强度门槛 300 万元/亩；每千平方米税收门槛 20 万元",
      en: "min tax per mu CNY\u00a0300,000/mu; min investment per mu CNY\u00a03\u00a0million/mu; min tax per 1000\u00a0㎡ CNY\u00a0200,000",
    });
    expect(s.excluded).toEqual({ zh: "C26、C25", en: "C26, C25" });
  });

  it("one minimum, a fraction and 0 are said as stored; none set → no value", () => {
    expect(rowSummary("parks", { ...PARK, excludedIndustries: [], minTaxPer1000SqmWan: 12.5 } as never).thresholds).toEqual({
      zh: "每千平方米税收门槛 12.5 万元",
      en: "min tax per 1000\u00a0㎡ CNY\u00a0125,000",
    });
    expect(rowSummary("parks", { ...PARK, excludedIndustries: [], minTaxPerMuWan: 0 } as never).thresholds?.zh).toBe(
      "亩均税收门槛 0 万元/亩",
    );
    const none = rowSummary("parks", { ...PARK, excludedIndustries: [], minTaxPerMuWan: null } as never);
    expect(none).not.toHaveProperty("thresholds");
    expect(none).not.toHaveProperty("excluded");
  });
});

describe("the JSON import says what each industry word became", () => {
  const RECRUITER = {
    id: "R-T",
    name: "张三",
    email: "r-t@example.test",
    phone: "13912345678",
    channel: "email",
    parks: ["P-T"],
    capacity: 5,
  };
  const input = {
    parks: [{ ...PARK, industries: ["锂电池", "C38", "金属制品"], excludedIndustries: ["c26"] }],
    spaces: [],
    recruiters: [
      { ...RECRUITER, industries: ["C35"] },
      { ...RECRUITER, id: "R-U", email: "r-u@example.test", industries: ["做芯片的"] },
    ],
  };

  it("in the caller's language, by row, each list said once; codes as stored say nothing", () => {
    const zh = validateInventory(input, "zh");
    expect(zh.ok).toBe(true);
    expect(zh.ok && zh.notes).toEqual([
      {
        collection: "parks",
        index: 0,
        id: "P-T",
        notes: [
          "industries：主导产业：“锂电池” → C38 电气机械和器材制造业；“C38” → C38 电气机械和器材制造业（与“锂电池”相同，只存一次）；“金属制品” → C33 金属制品业",
          "excludedIndustries：禁入产业：“c26” → C26 化学原料和化学制品制造业",
        ],
      },
      { collection: "recruiters", index: 1, id: "R-U", notes: [expect.stringMatching(/^industries：擅长行业：“做芯片的” → C39 /)] },
    ]);
    const en = validateInventory(input, "en");
    expect(en.ok && en.notes[0].notes[0]).toBe(
      "industries: focus industries: “锂电池” → C38 Manufacture of electrical machinery and equipment; “C38” → C38 Manufacture of electrical machinery and equipment (the same as “锂电池”, stored once); “金属制品” → C33 Manufacture of fabricated metal products",
    );
  });

  it("the codes stored are the ones said", () => {
    const r = validateInventory(input, "zh");
    expect(r.ok && r.value.parks[0]).toMatchObject({ industries: ["C38", "C33"], excludedIndustries: ["C26"] });
  });
});
