import { describe, expect, it } from "vitest";

import { childDivisions, resolveParkDistrict, shortNames, standardPlaceNames } from "~/domain/regions";
import { validateInventory } from "~/inventory/import.server";
import { cellReadings, checkTextRow } from "~/inventory/inventory-check";

// A park's province typed "江苏" was stored as typed beside another park's "江苏省" (docs/decisions/103):
// the names stored are now the district code's standard names (GB/T 2260), in every channel — the admin
// form and the sheet (checkTextRow), the JSON import (validateInventory) — and the form and the preview
// say what they stored.

const park = { id: "P1", name: "示例园区" };

/** Every county-level division under a province, the way the picker lists them. */
function everyCounty() {
  return childDivisions().flatMap((p) => childDivisions(p.code).flatMap((c) => (c.level === "district" ? [c] : childDivisions(c.code))));
}

describe("standardPlaceNames", () => {
  it.each([
    ["320115", { province: "江苏省", city: "南京市", district: "江宁区" }],
    ["110105", { province: "北京市", city: "北京市", district: "朝阳区" }], // a municipality is its own city
    ["500229", { province: "重庆市", city: "重庆市", district: "城口县" }], // 重庆's counties too
    ["419001", { province: "河南省", city: "济源市", district: "济源市" }], // a province-administered county
    ["652301", { province: "新疆维吾尔自治区", city: "昌吉回族自治州", district: "昌吉市" }],
  ])("%s → %o", (code, names) => {
    expect(standardPlaceNames(code)).toEqual(names);
  });

  it("is undefined for a province, a city or no division", () => {
    expect(standardPlaceNames("320000")).toBeUndefined();
    expect(standardPlaceNames("320100")).toBeUndefined();
    expect(standardPlaceNames("999999")).toBeUndefined();
  });

  it("every county-level division's standard names resolve back to it, and so do their short forms but where two divisions share them", () => {
    const counties = everyCounty();
    expect(counties.length).toBeGreaterThan(2_900);
    const astray: string[] = [];
    const ambiguous = new Set<string>();
    for (const d of counties) {
      const names = standardPlaceNames(d.code)!;
      const back = resolveParkDistrict(names);
      if (!back.ok || back.division.code !== d.code) astray.push(d.code);
      const short = {
        province: shortNames(names.province, "province")[0] ?? names.province,
        city: shortNames(names.city, "city")[0] ?? names.city,
        district: shortNames(names.district, "district")[0] ?? names.district,
      };
      const r = resolveParkDistrict(short);
      if (r.ok && r.division.code === d.code) continue;
      if (!r.ok && r.reason === "ambiguous" && r.suggestions.includes(d.path))
        ambiguous.add(`${short.province}/${short.city}/${short.district}`);
      else astray.push(`${d.code} short`);
    }
    expect(astray).toEqual([]);
    // Only names two divisions of one city share (a city and a county named alike): those get the choices.
    expect([...ambiguous].sort()).toEqual(["新疆/伊犁/伊宁", "新疆/和田/和田", "河北/秦皇岛/北戴河", "甘肃/临夏/临夏"]);
  });
});

describe("a park's places by their short names (form and sheet)", () => {
  it.each([
    [
      { province: "江苏", city: "南京", district: "江宁" },
      { province: "江苏省", city: "南京市", district: "江宁区", districtCode: "320115" },
    ],
    [
      { province: "江苏省", city: "南京市", district: "高淳" },
      { province: "江苏省", city: "南京市", district: "高淳区", districtCode: "320118" },
    ],
    [
      { province: "北京", city: "北京", district: "朝阳" },
      { province: "北京市", city: "北京市", district: "朝阳区", districtCode: "110105" },
    ],
    [
      { province: "上海", city: "上海市", district: "浦东" },
      { province: "上海市", city: "上海市", district: "浦东新区", districtCode: "310115" },
    ],
    [
      { province: "广东", city: "深圳", district: "南山" },
      { province: "广东省", city: "深圳市", district: "南山区", districtCode: "440305" },
    ],
    [
      { province: "新疆", city: "昌吉", district: "昌吉" },
      { province: "新疆维吾尔自治区", city: "昌吉回族自治州", district: "昌吉市", districtCode: "652301" },
    ],
    [
      { province: "江蘇", city: "南京", district: "江寧" },
      { province: "江苏省", city: "南京市", district: "江宁区", districtCode: "320115" },
    ], // Traditional
    // A code given with short names: the code's names.
    [
      { province: "江苏", city: "南京", district: "江宁", districtCode: "320115" },
      { province: "江苏省", city: "南京市", district: "江宁区", districtCode: "320115" },
    ],
  ])("%o is stored as %o, and said", (typed, stored) => {
    const cells = { ...park, ...typed };
    const r = checkTextRow("parks", cells);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject(stored);
    const said = cellReadings("parks", cells, r.value);
    const changed = (["province", "city", "district"] as const).filter((k) => typed[k] !== stored[k]);
    expect(said.map((s) => s.key)).toEqual(changed);
    for (const s of said) {
      const key = s.key as (typeof changed)[number];
      expect(s.reason.zh).toContain(`“${typed[key]}”按规范名称存为“${stored[key]}”`);
      expect(s.reason.en).toContain(`“${typed[key]}” stored by its standard name “${stored[key]}”`);
    }
  });

  it("names written in full say nothing", () => {
    const cells = { ...park, province: "江苏省", city: "南京市", district: "江宁区" };
    const r = checkTextRow("parks", cells);
    expect(r.ok && cellReadings("parks", cells, r.value)).toEqual([]);
  });

  it("a short name two divisions share is refused at 区县, listing the choices, in zh and en", () => {
    const r = checkTextRow("parks", { ...park, province: "甘肃", city: "临夏", district: "临夏" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      {
        key: "district",
        reason: {
          zh: "甘肃/临夏/临夏 对应多个区县，请写规范名称或填区县代码；可选：甘肃省临夏回族自治州临夏市、甘肃省临夏回族自治州临夏县",
          en: "district: 甘肃/临夏/临夏 names several county-level divisions; one of: 甘肃省临夏回族自治州临夏市, 甘肃省临夏回族自治州临夏县; give the official name or the districtCode",
        },
      },
    ]);
    // Either choice, or the code, is taken.
    const city = checkTextRow("parks", { ...park, province: "甘肃", city: "临夏", district: "临夏市" });
    expect(city.ok && city.value).toMatchObject({ city: "临夏回族自治州", district: "临夏市", districtCode: "622901" });
  });
});

describe("the JSON import stores the same names", () => {
  it("江苏 / 南京 / 江宁 → 江苏省 / 南京市 / 江宁区", () => {
    const r = validateInventory({ parks: [{ ...park, province: "江苏", city: "南京", district: "江宁" }] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.parks[0]).toMatchObject({ province: "江苏省", city: "南京市", district: "江宁区", districtCode: "320115" });
  });
});
