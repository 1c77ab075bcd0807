import { describe, expect, it } from "vitest";

import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";

// Trial 12-05 M1/M2: English "Single storey preferred" was stored as single storey REQUIRED (every
// multi-storey space dropped from matching), and "Budget under 25 RMB/sqm/month" reached the recruiter as
// "Budget under 25 RMB" — a total price. Single storey is the one yes/no feature the notes fill: its wish
// words are the figures' (both languages), and a wish is told, never a filter (ADR 097, 153).

const read = (text: string) => parseNeedText(text, new Date("2026-12-05T04:00:00Z"), [extractMoney]);

describe("single storey wished, not required", () => {
  it.each([
    ["Single storey preferred", "Single storey"],
    ["single-storey would be nice", "single-storey"],
    ["ideally single storey", "single storey"],
    ["preferably a single-storey building", "single-storey"],
    ["we prefer single storey", "single storey"],
    ["We'd prefer single-storey", "single-storey"],
    ["single storey (optional)", "single storey"],
    ["single storey if possible", "single storey"],
    ["单层（非必须）", "单层"],
    ["单层，有的话更好", "单层"],
    ["最好单层", "单层"],
  ])("%s → no filter, told as wished", (text, words) => {
    const r = read(text);
    expect(r.hints.singleStorey).toBeUndefined();
    expect(r.wished).toEqual([words]);
  });

  it.each(["need single storey", "must be single storey", "单层厂房", "要单层的"])("%s → required", (text) => {
    expect(read(text).hints.singleStorey).toBe(true);
  });
});

describe("a price keeps what it is per", () => {
  it.each([
    ["Budget under 25 RMB/sqm/month", "Budget under 25 RMB/sqm/month"],
    ["rent 30 yuan per sqm per month, flexible", "rent 30 yuan per sqm per month"],
    ["price 2,000 RMB/m² max", "price 2,000 RMB/m² max"],
    ["rent: 25 rmb a month per square metre", "rent: 25 rmb a month per square metre"],
    ["budget 1 million yuan a year", "budget 1 million yuan a year"],
    ["每平米不超过25元/月", "每平米不超过25元/月"],
  ])("%s", (text, kept) => {
    expect(read(text).budget).toEqual([kept]);
  });

  it("a total budget stays a total", () => {
    expect(read("budget 3 million yuan in total").budget).toEqual(["budget 3 million yuan"]);
  });
});
