import { describe, expect, it } from "vitest";

import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";
import { clausesNotRead } from "~/domain/notes-clauses-not-read";

// The most common way of writing an area in the notes — "面积5000平米左右", "占地50亩" — was read into the area (the
// box filled) and at once listed as "未能识别，请与企业核实" on the confirmation page, the staff cards and the live
// reading: the area reader reports the figure alone, and 面积 / 占地 / 规模 / area / size were no glue words (the
// ceiling's, the load's and the power's labels are read with their figure). Found at session 40's end.
const at = new Date("2026-12-06T00:00:00Z");
const notRead = (notes: string) => clausesNotRead(notes, { kind: "factory", at, extras: [extractMoney] });

describe("an area figure named by its noun is read, not listed", () => {
  it.each([
    "面积5000平",
    "面积5000平米左右",
    "厂房面积5000平",
    "建筑面积5000平方米",
    "面积大概5000平",
    "占地50亩",
    "占地面积约50亩",
    "规模5000平",
    "大小5000平",
    "5000平左右的面积",
    "需要厂房，面积5000平，层高8米",
    "area 5000 sqm",
    "size about 5000 sqm",
    "floor area 5000 sqm",
    "GFA 5000 sqm",
    "总面积5000平",
    "使用面积5000平",
    "Total area around 5000 square meters",
  ])("%s", (notes) => {
    const read = parseNeedText(notes, at, [extractMoney], "factory").found.map((f) => f.field);
    expect(read.some((f) => f === "areaMinSqm" || f === "areaMaxSqm")).toBe(true);
    expect(notRead(notes)).toEqual([]);
  });

  it.each(["预算租金20元/平/月以内", "租金预算20元/平方米/月", "budget rent 20 yuan/sqm/month"])(
    "a budget named by its nouns is read (the budget reader reports the figure): %s",
    (notes) => {
      expect(parseNeedText(notes, at, [extractMoney], "factory").budget.length).toBeGreaterThan(0);
      expect(notRead(notes)).toEqual([]);
    },
  );

  it.each([
    "想找6000平左右的厂房",
    "求租6000平厂房",
    "寻找6000平厂房",
    "物色一个6000平的厂房",
    "打算租6000平",
    "有意向租6000平厂房",
    "急需6000平厂房",
    "急租6000平厂房",
    "诚求6000平厂房",
    "拟租6000平厂房",
    "seeking 6000 sqm",
    "we are searching for 6000 sqm",
    "interested in 6000 sqm",
    "plan to rent 6000 sqm",
  ])("looking for it and meaning to take it say nothing of their own: %s", (notes) => {
    expect(notRead(notes)).toEqual([]);
  });

  it.each([
    "We are looking for around 5,000 square meters",
    "Minimum ceiling height of 8 metres",
    "Power supply of at least 500 kVA",
    "We'd like to buy 30 mu of industrial land",
    "budget 1,200,000 RMB",
  ])("English: a figure's nouns, a thousands comma and a contraction are no clause of their own: %s", (notes) => {
    expect(notRead(notes)).toEqual([]);
  });

  it.each([
    ["要有月台,500平", ["要有月台"]],
    ["5,000 sqm,loading dock", ["loading dock"]],
    ["Lease term 5 years", ["Lease term 5 years"]],
  ])("a comma still ends a clause where it is no thousands separator: %s", (notes, listed) => {
    expect(notRead(notes)).toEqual(listed);
  });

  it.each([
    ["面积要大一点", ["面积要大一点"]],
    ["急租，价格要便宜", ["价格要便宜"]],
    ["求租6000平厂房，要有独立院子", ["要有独立院子"]],
    ["资金6000万", ["资金6000万"]],
    ["租金要便宜", ["租金要便宜"]],
    ["占地要方正", ["占地要方正"]],
    ["规模以上企业", ["规模以上企业"]],
    ["面积5000平带月台", ["面积5000平带月台"]],
    ["面积5000平双回路供电", ["面积5000平双回路供电"]],
    ["面积5000平，要有独立院子", ["要有独立院子"]],
    ["area 5000 sqm with a loading dock", ["area 5000 sqm with a loading dock"]],
    ["size 5000 sqm on floor 3", ["size 5000 sqm on floor 3"]],
  ])("a condition beside it, or the noun without a figure, is still listed: %s", (notes, listed) => {
    expect(notRead(notes)).toEqual(listed);
  });
});
