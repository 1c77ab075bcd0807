import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { cny, thresholdReason } from "~/domain/matching/hard";
import { formatWan } from "~/domain/money-format";
import { validateInventory } from "~/inventory/import.server";
import { COLUMNS } from "~/inventory/inventory-columns";
import type { InventoryValue } from "~/inventory/inventory-rows.server";
import { rowSummary } from "~/inventory/row-summary";

// An attack on the English admin pages (docs/decisions/143): the import preview said the stored values
// ("factory", "lease"), match reasons said money "CNY 208.3k" where every other English page says "CNY 2.083
// million" / "CNY 208,300" (ADR 134), and the import's row errors put a half-width ":" in Chinese text.

const space = (over: Partial<InventoryValue["spaces"]>): InventoryValue["spaces"] =>
  ({
    id: "S-X",
    parkId: "P-X",
    kind: "factory",
    deals: ["lease"],
    title: "一号厂房",
    areaSqm: 3000,
    status: "available",
    ...over,
  }) as never;

describe("the English import preview says words, not stored values", () => {
  it.each([
    ["factory", ["lease"], "factory building", "for lease"],
    ["factory", ["buy", "lease"], "factory building", "for sale, for lease"],
    ["warehouse", ["buy"], "warehouse", "for sale"],
    ["land", ["buy"], "land", "for sale"],
    ["office", ["lease"], "office", "for lease"],
  ] as const)("%s %j → %s / %s", (kind, deals, kindEn, dealsEn) => {
    const s = rowSummary("spaces", space({ kind, deals: [...deals] }));
    expect(s.kind?.en).toBe(kindEn);
    expect(s.deals?.en).toBe(dealsEn);
  });

  it("no choice a person reads in English is a stored value that is no English word of its own", () => {
    // The values a reader would take for code: "factory" (a factory building), "lease"/"buy" (for lease, for sale).
    for (const [collection, columns] of Object.entries(COLUMNS))
      for (const c of columns)
        for (const choice of c.choices ?? [])
          expect(["factory", "lease", "buy"], `${collection}.${c.key}: ${choice.value}`).not.toContain(choice.label.en);
  });

  it("an English sheet may still write the values or the English words", () => {
    const kind = COLUMNS.spaces.find((c) => c.key === "kind")!;
    for (const typed of ["factory", "Factory building", "厂房"])
      expect(kind.read(typed, new Date())).toMatchObject({ ok: true, value: "factory" });
  });

  it("lists are joined in each language's punctuation: 、 in Chinese, a comma in English", () => {
    const park = rowSummary("parks", {
      id: "P",
      name: "园",
      province: "江苏省",
      city: "南京市",
      district: "江宁区",
      industries: ["C33", "C34"],
    } as never);
    expect(park.industries).toEqual({ zh: "C33、C34", en: "C33, C34" });
    // The place in English names, the Chinese path after them (lows33 leftover: the English preview showed 江苏省南京市江宁区 alone).
    expect(park.place).toEqual({ zh: "江苏省南京市江宁区", en: "Jiangning District, Nanjing, Jiangsu (江苏省南京市江宁区)" });
    const municipality = rowSummary("parks", {
      id: "P",
      name: "园",
      province: "上海市",
      city: "上海市",
      district: "浦东新区",
      industries: [],
    } as never);
    expect(municipality.place).toEqual({ zh: "上海市浦东新区", en: "Pudong New Area, Shanghai (上海市浦东新区)" });
    const unknown = rowSummary("parks", {
      id: "P",
      name: "园",
      province: "江苏省",
      city: "南京市",
      district: "某某区",
      industries: [],
    } as never);
    expect(unknown.place?.en).toBe("江苏省南京市某某区");
    const recruiter = rowSummary("recruiters", { id: "R", email: "a@b.test", parks: ["P1", "P2"] } as never);
    expect(recruiter.parks).toEqual({ zh: "P1、P2", en: "P1, P2" });
  });
});

describe("match reasons say money as every English page does (one formatter)", () => {
  it.each([
    [20.83, "CNY\u00a0208,300"],
    [20.8333, "CNY\u00a0208,300"],
    [300, "CNY\u00a03\u00a0million"],
    [208.3, "CNY\u00a02,083,000"],
    [346.15, "CNY\u00a03,461,500"],
    [25, "CNY\u00a0250,000"],
  ])("%d 万元 → %s", (wan, en) => {
    expect(cny(wan)).toBe(en);
    expect(cny(wan)).toBe(formatWan("en", Math.round(wan * 100) / 100));
  });

  it("every threshold reason, any figure: no 'k' or 'm' amounts, the amounts formatWan says, the same figure as the Chinese", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("taxPerMu", "investmentPerMu", "taxPer1000Sqm"),
        fc.double({ min: 0.01, max: 100_000, noNaN: true }),
        fc.double({ min: 0.01, max: 100_000, noNaN: true }),
        fc.boolean(),
        (key, value, min, gate) => {
          const r = thresholdReason({ key, value, min, ratio: value / min }, gate);
          expect(r.en).not.toMatch(/CNY\s?[\d.,]+\s?[kKmM]\b/);
          const round2 = (x: number) => Math.round(x * 100) / 100;
          expect(r.en).toContain(formatWan("en", round2(value)));
          expect(r.en).toContain(formatWan("en", round2(min)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("import row errors: a full-width colon only in Chinese text, a half-width one in English", () => {
  const bad = {
    parks: [{ id: "BP1", name: "园", province: "江苏", city: "南京", district: "不存在区", industries: ["C33"] }],
    spaces: [
      { id: "BS1", parkId: "BP1", kind: "城堡", deals: ["lease"], title: "x", areaSqm: "很大", status: "available" },
      { id: "BS2", parkId: "BP1", kind: "factory", deals: ["lease"], title: "y", areaSqm: -5, status: "available" },
    ],
    recruiters: [{ id: "BR1", name: "某", email: "not-an-email", phone: "1", channel: "email", parks: ["BP1"], capacity: "many" }],
  };
  for (const lng of ["zh", "en"] as const)
    it(lng, () => {
      const checked = validateInventory(bad, lng);
      expect(checked.ok).toBe(false);
      const said = checked.ok ? [] : checked.errors.flatMap((e) => e.errors);
      expect(said.length).toBeGreaterThanOrEqual(4);
      for (const text of said) {
        if (lng === "en") expect(text, text).not.toMatch(/[：；、，（）]/u);
        // In Chinese: a field's name, then "：" — never ": " before the Chinese reason.
        else expect(text, text).not.toMatch(/: /u);
      }
      if (lng === "zh") expect(said.some((t) => /^[\w.[\]]+：/u.test(t))).toBe(true);
    });
});
