import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";

import { readAvailableFrom, readMoveIn } from "~/domain/move-in";
import { readAvailableFromCell } from "~/inventory/cell-dates";

// Trial 39 L14: "春节后" (after the Spring Festival) is a first day; a space's 可入驻时间 read as 2027-02-01, before 春节 2027
// (02-06). Words that say "after a holiday" now name the day after it: the festival's 正月初八 (work starts again after
// 初一–初七), checked against the lunar calendar of chinese-days; a fixed holiday's first day after its customary days.
const { getSolarDateFromLunar } = chineseDays;
const at = (iso: string) => new Date(`${iso}T04:00:00Z`);
const festival = (year: number) => getSolarDateFromLunar(`${year}-01-01`).date;
const chuBa = (year: number) => getSolarDateFromLunar(`${year}-01-08`).date;

describe("after the Spring Festival is a day after the festival", () => {
  it.each([
    ["春节后", "2026-08-10", 2027],
    ["过完年", "2026-08-10", 2027],
    ["年后", "2026-12-01", 2027],
    ["节后", "2026-12-01", 2027],
    ["过完节", "2026-12-01", 2027],
    ["春节假期后", "2026-12-01", 2027],
    ["春节以后", "2026-12-01", 2027],
    ["过年后可入驻", "2026-12-01", 2027],
    ["明年春节后", "2026-08-10", 2027],
    ["2028年春节后", "2026-08-10", 2028],
    ["2030年过完年", "2026-08-10", 2030],
    ["2031年春节后", "2026-08-10", 2031],
    ["after Chinese New Year", "2026-12-01", 2027],
    ["春节后", "2027-03-15", 2028],
  ])("%s (on %s) → 正月初八 of %i, after the festival", (typed, now, year) => {
    const r = readAvailableFromCell(typed, at(now));
    expect(r).toEqual({ ok: true, value: chuBa(year) });
    const day = (r as { value: string }).value;
    expect(day > festival(year)).toBe(true);
    expect(day.slice(0, 7)).toBe((readAvailableFrom(typed, at(now)) as { month: string }).month);
  });

  it("after 元宵 is 正月十六", () =>
    expect(readAvailableFromCell("元宵节后", at("2026-12-01"))).toEqual({ ok: true, value: getSolarDateFromLunar("2027-01-16").date }));

  it.each([
    ["国庆后", "2026-08-10", "2026-10-08"],
    ["国庆节后", "2026-11-10", "2027-10-08"],
    ["五一后", "2026-02-10", "2026-05-06"],
    ["劳动节以后", "2026-02-10", "2026-05-06"],
    ["元旦后", "2026-08-10", "2027-01-02"],
  ])("%s (on %s) → %s, after the holiday's days", (typed, now, day) =>
    expect(readAvailableFromCell(typed, at(now))).toEqual({ ok: true, value: day }),
  );

  it("a lead's move-in (by when) still reads the month", () => {
    expect(readMoveIn("年后", at("2026-12-01"))).toEqual({ ok: true, month: "2027-02" });
    expect(readMoveIn("国庆后", at("2026-08-10"))).toEqual({ ok: true, month: "2026-10" });
    expect(readMoveIn("节后", at("2026-12-01"))).toEqual({ ok: true, month: "2027-02" });
  });

  it.each(["2026-08-10", "2026-05-03", "2026-10-20"])("节后 out of the festival's season (on %s) names no festival: not read", (now) => {
    expect(readAvailableFrom("节后", at(now))).toBeNull();
    expect(readMoveIn("节后", at(now))).toBeNull();
  });

  it("节后 in January before the festival is this year's", () =>
    expect(readAvailableFromCell("节后", at("2027-01-10"))).toEqual({ ok: true, value: chuBa(2027) }));

  it("before the festival is still its month, no day", () =>
    expect(readAvailableFromCell("春节前", at("2026-08-10"))).toEqual({ ok: true, value: "2027-02" }));
});
