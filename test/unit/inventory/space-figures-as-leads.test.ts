import { describe, expect, it } from "vitest";

import { checkTextRow } from "~/inventory/inventory-check";
import { columnByKey } from "~/inventory/inventory-columns";

// A space's figures read as the lead form reads them (field-value.ts readFieldNumber), and what is refused
// is said for what was read: a range is one figure too many, a minus sign makes a negative figure.
const read = (key: string, t: string) => columnByKey("spaces", key)!.read(t);

describe("a space's area typed as people type it", () => {
  it.each([
    ["三千平米", 3000],
    ["1.5万平方米", 15000],
    ["两千㎡", 2000],
    ["30 亩", 20000],
    ["５０００平米", 5000],
    ["５０亩", (50 * 2000) / 3],
    ["约五千平", 5000],
    ["面积：3千平", 3000],
  ])("%s → %s ㎡", (typed, sqm) => {
    const r = read("areaSqm", typed);
    expect(r.ok && (r.value as number)).toBeCloseTo(sqm, 6);
  });

  it.each([
    ["二三十亩", "二十亩", "三十亩"],
    ["20-30亩", "20亩", "30亩"],
    ["五六千平米", "五千平米", "六千平米"],
    ["3~5万平", "3万平", "5万平"],
  ])("a range %s says the area takes one figure and names both ends", (typed, low, high) => {
    const r = read("areaSqm", typed);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.zh).toBe(`面积只能填一个数，例如 5000、5千平 或 50亩；“${typed}”是一个范围（${low}到${high}）`);
    expect(r.reason.en).toContain(`“${typed}” is a range (${low} to ${high})`);
  });

  it("the admin form and the sheet say it at the area's field", () => {
    const r = checkTextRow("spaces", {
      id: "S1",
      parkId: "P1",
      kind: "厂房",
      deals: "出租",
      title: "1号",
      status: "可租售",
      areaSqm: "二三十亩",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ key: "areaSqm", reason: expect.objectContaining({ zh: expect.stringContaining("是一个范围") }) }]);
  });
});

describe("negative figures say they are negative, not unreadable", () => {
  it.each([
    ["areaSqm", "-500", "“-500”是负数：面积应大于 0"],
    ["areaSqm", "－5千平米", "“－5千平米”是负数：面积应大于 0"],
    ["floorLoadKg", "-3吨/㎡", "“-3吨/㎡”是负数：承重不能为负数，不清楚请留空"],
    ["rentYuanPerSqmMonth", "-25元/㎡/月", "“-25元/㎡/月”是负数：租金不能为负数，不清楚请留空"],
    ["priceYuanPerSqm", "-4500", "“-4500”是负数：售价不能为负数，不清楚请留空"],
    ["powerKva", "-1250千伏安", "“-1250千伏安”是负数：配电不能为负数，不清楚请留空"],
    ["craneT", "−10吨", "“−10吨”是负数：行车不能为负数，不清楚请留空"],
    ["landPriceWanPerMu", "-30万元/亩", "“-30万元/亩”是负数：地价不能为负数，不清楚请留空"],
  ])("%s %s", (key, typed, zh) => {
    const r = read(key, typed);
    expect(r).toEqual({ ok: false, reason: { zh, en: expect.stringContaining(`“${typed}” is negative`) } });
  });

  it("a minus sign before words that are no figure stays unreadable", () => {
    const r = read("floorLoadKg", "-3元/㎡");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.zh).toMatch(/^无法识别/);
  });
});

describe("a park's coordinates are signed", () => {
  it.each([
    ["lat", "-33.8", -33.8],
    ["lng", "-118.5", -118.5],
  ])("%s %s reads as %s", (key, typed, value) => {
    expect(columnByKey("parks", key)!.read(typed)).toEqual({ ok: true, value });
  });
});
