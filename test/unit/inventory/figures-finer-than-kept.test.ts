import { describe, expect, it } from "vitest";

import { COLUMNS, readCell, readTextRow } from "~/inventory/inventory-columns";

// Attack 38: an admin park threshold of 0.0000001 (万元/亩: a thousandth of a yuan) was accepted. Every figure
// column of the admin forms, the Excel import and the JSON import's strings refuses a figure finer than it keeps,
// in the page's language, at its own field; a figure converted from another unit keeps the conversion's places.
const KEPT: Record<string, number> = {
  lat: 7,
  lng: 7,
  minTaxPerMuWan: 4,
  minInvestmentPerMuWan: 4,
  minTaxPer1000SqmWan: 4,
  areaSqm: 2,
  divisibleMinSqm: 2,
  ceilingM: 3,
  floorLoadKg: 1,
  powerKva: 1,
  craneT: 2,
  rentYuanPerSqmMonth: 2,
  priceYuanPerSqm: 2,
  landPriceWanPerMu: 4,
};

const figureColumns = (["parks", "spaces"] as const).flatMap((coll) =>
  COLUMNS[coll].filter((c) => c.number && c.key in KEPT).map((c) => [coll, c] as const),
);

describe("a figure finer than its column keeps", () => {
  it("covers every figure column of parks and spaces", () => {
    const keys = figureColumns.map(([, c]) => c.key).sort();
    expect(keys).toEqual(Object.keys(KEPT).sort());
  });

  it.each(figureColumns.map(([coll, c]) => [c.key, coll, c] as const))(
    "%s: one place more is refused, the places kept are taken",
    (key, _coll, c) => {
      const d = KEPT[key];
      // A bare floor load under 100 is refused asking for its unit (import40): its figures start at 100.
      const whole = key === "floorLoadKg" ? "120" : "12";
      const fine = `${whole}.${"3".repeat(d)}`;
      const finer = `${whole}.${"3".repeat(d)}7`;
      const ok = readCell(c, fine);
      expect(ok.ok, fine).toBe(true);
      if (key === "lat" || key === "lng") {
        // A coordinate from a GIS export (9+ places) is rounded to the 7 kept, never refused.
        expect(readCell(c, finer)).toEqual({ ok: true, value: Number(Number(finer).toFixed(7)) });
        expect(readCell(c, "31.123456789")).toEqual({ ok: true, value: 31.1234568 });
        return;
      }
      const refused = readCell(c, finer);
      expect(refused.ok, finer).toBe(false);
      if (refused.ok) return;
      expect(refused.reason.zh).toContain(`最多保留 ${d} 位小数`);
      expect(refused.reason.zh).toContain(`“${finer}”`);
      expect(refused.reason.en).toContain(`at most ${d} decimal place`);
      // A figure below one step, other than 0, whatever its places.
      for (const tiny of ["0.000000001", "０.０００００００００１"]) expect(readCell(c, tiny).ok, tiny).toBe(false);
      expect(readCell(c, "0").ok || key === "areaSqm").toBe(true);
    },
  );

  it("reads the places of the figure as written, a power of ten of the unit included", () => {
    const tax = COLUMNS.parks.find((c) => c.key === "minTaxPerMuWan")!;
    expect(readCell(tax, "0.0000001").ok).toBe(false);
    expect(readCell(tax, "30.5万元/亩").ok).toBe(true);
    expect(readCell(tax, "每亩30.00005万").ok).toBe(false);
    const area = COLUMNS.spaces.find((c) => c.key === "areaSqm")!;
    expect(readCell(area, "1.23456万平").ok).toBe(true); // 12,345.6 ㎡
    expect(readCell(area, "1.2345678万平").ok).toBe(false); // 12,345.678 ㎡
    expect(readCell(area, "1,200.555").ok).toBe(false);
  });

  it("keeps a figure converted by another factor as read (亩, per day, per year)", () => {
    const area = COLUMNS.spaces.find((c) => c.key === "areaSqm")!;
    const rent = COLUMNS.spaces.find((c) => c.key === "rentYuanPerSqmMonth")!;
    expect(readCell(area, "50亩").ok).toBe(true);
    expect(readCell(area, "0.00000001亩").ok).toBe(false); // below 0.01 ㎡ once converted
    expect(readCell(rent, "310元/㎡/年").ok).toBe(true);
    expect(readCell(rent, "0.83元/㎡/天").ok).toBe(true);
    const ceiling = COLUMNS.spaces.find((c) => c.key === "ceilingM")!;
    expect(readCell(ceiling, "9005mm").ok).toBe(true); // 9.005 m, a drawing's figure
    expect(readCell(ceiling, "9005.5mm").ok).toBe(false);
  });

  it("says it at the field in the admin form's row, in both languages; an Excel number's float noise is no place typed", () => {
    const { errors, value } = readTextRow("parks", {
      id: "p1",
      name: "园",
      province: "江苏",
      city: "南京",
      district: "江宁",
      minTaxPerMuWan: "0.0000001",
      minInvestmentPerMuWan: 12.300000000000001,
      minTaxPer1000SqmWan: 0.0000001,
    });
    expect(errors.map((e) => e.key)).toEqual(["minTaxPerMuWan", "minTaxPer1000SqmWan"]);
    expect(errors[0].reason.zh).toBe(
      "“0.0000001”超出了亩均税收门槛的精度：亩均税收门槛最多保留 4 位小数（精确到 0.0001万元/亩），请检查数字",
    );
    expect(errors[1].reason.en).toContain("“0.0000001”"); // the number cell quoted as the cell shows it, not 1e-7
    expect(value).toMatchObject({ minInvestmentPerMuWan: 12.3 });
  });

  it("still refuses the other absurd figures with the column's own words", () => {
    const tax = COLUMNS.parks.find((c) => c.key === "minTaxPerMuWan")!;
    for (const t of ["-5", "1e3", "1e308", "NaN", "Infinity", "0x10"]) {
      const r = readCell(tax, t);
      expect(r.ok, t).toBe(false);
    }
  });
});
