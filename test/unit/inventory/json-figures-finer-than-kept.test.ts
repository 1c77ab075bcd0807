import { describe, expect, it } from "vitest";

import { validateInventory } from "~/inventory/import.server";
import { checkTextRow } from "~/inventory/inventory-check";

import { CSV_FIXED, PARK, space } from "./json-row-fixtures";

// Import40 (ADR 196): the JSON import's numbers went past the figures-precision rule that its strings, the Excel
// import and the admin forms keep (attack 38/39): 1234.5678 ㎡ or a rent of 1.23456 was stored, or rounded unsaid. A
// JSON number finer than its column keeps is refused at its field naming the row and the places kept, as the cell's
// text is; a coordinate past 7 places is rounded to 7, as a cell's is. Numbers stay numbers (the import format).

describe("a JSON number finer than its column keeps", () => {
  it.each([
    ["areaSqm", 1234.5678, 2],
    ["divisibleMinSqm", 800.125, 2],
    ["rentYuanPerSqmMonth", 1.23456, 2],
    ["priceYuanPerSqm", 4500.001, 2],
    ["ceilingM", 9.0005, 3],
    ["floorLoadKg", 3000.05, 1],
    ["powerKva", 1250.25, 1],
    ["craneT", 10.001, 2],
    ["landPriceWanPerMu", 30.00001, 4],
    ["areaSqm", 0.0001, 2],
  ])("spaces %s %s: refused at its field in both languages, as the CSV cell is", (key, n, places) => {
    for (const lng of ["zh", "en"] as const) {
      const r = validateInventory({ parks: [PARK], spaces: [space({ [key]: n })] }, lng);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ collection: "spaces", index: 0, id: "S1" });
      expect(r.errors[0].errors).toHaveLength(1);
      const msg = r.errors[0].errors[0];
      expect(msg.startsWith(lng === "zh" ? `${key}：` : `${key}: `), msg).toBe(true);
      expect(msg).toContain(`“${n}”`);
      expect(msg).toContain(lng === "zh" ? `最多保留 ${places} 位小数` : `at most ${places} decimal place`);
    }
    const cell = checkTextRow("spaces", { ...CSV_FIXED, [key]: String(n) });
    expect(cell.ok).toBe(false);
  });

  it.each([
    ["minTaxPerMuWan", 30.12345],
    ["minInvestmentPerMuWan", 0.00001],
    ["minTaxPer1000SqmWan", 5.55555],
  ])("parks %s %s: refused at its field", (key, n) => {
    const r = validateInventory({ parks: [{ ...PARK, [key]: n }] }, "zh");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({ collection: "parks", index: 0, errors: [expect.stringContaining(`${key}：“${n}”超出了`)] }),
    ]);
  });

  it("takes the places kept, a float's noise and whole numbers as they are, and stores them unchanged", () => {
    const r = validateInventory(
      {
        parks: [{ ...PARK, minTaxPerMuWan: 30.1234, minInvestmentPerMuWan: 0.1 + 0.2 }],
        spaces: [space({ areaSqm: 1234.56, rentYuanPerSqmMonth: 1.23, ceilingM: 9.005, floorLoadKg: 3000, powerKva: 0 })],
      },
      "en",
    );
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(r.value.parks[0]).toMatchObject({ minTaxPerMuWan: 30.1234 });
    expect(r.value.spaces[0]).toMatchObject({ areaSqm: 1234.56, rentYuanPerSqmMonth: 1.23, ceilingM: 9.005, floorLoadKg: 3000 });
  });

  it("rounds a coordinate past 7 places to 7, as a cell's is, and refuses nothing for it", () => {
    const r = validateInventory({ parks: [{ ...PARK, location: { lat: 31.123456789, lng: 118.98765432109 } }] }, "zh");
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(r.value.parks[0]).toMatchObject({ location: { lat: 31.1234568, lng: 118.9876543 } });
  });

  it("lists every bad row and figure in one pass, nothing taken", () => {
    const r = validateInventory(
      {
        parks: [PARK],
        spaces: [space({ id: "S1", areaSqm: 100.001 }), space({ id: "S2" }), space({ id: "S3", rentYuanPerSqmMonth: 0.99, craneT: 5.123 })],
      },
      "en",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.id, e.errors.length])).toEqual([
      ["S1", 1],
      ["S3", 1],
    ]);
    expect(r.errors[1].errors[0]).toMatch(/^craneT: /);
  });
});
