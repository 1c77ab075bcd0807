import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { readMoveIn } from "../../app/domain/move-in";
import { parseNeedText } from "../../app/domain/need-text";
import { validLeadJson } from "../support/leads";

// The move-in month as people say it (move-in.ts readMoveIn), in the field and in the notes alike, relative
// to "today" in China time. Words that name no one month are refused with a message saying what to write,
// never read as a month they might not mean.
const NOW = new Date("2026-12-01T02:00:00Z"); // 2026-12-01 10:00 in China
/** A day at 10:00 in China. */
const on = (day: string) => new Date(`${day}T02:00:00Z`);

function field(typed: string, now = NOW, lng: "zh" | "en" = "zh") {
  const base = validLeadJson();
  const r = createLeadSchema(lng, "api", { now: () => now }).safeParse({ ...base, need: { ...base.need, moveInBy: typed } });
  return r.success ? { month: r.data.lead.need.moveInBy } : { errors: issuesToFieldErrors(r.error)["need.moveInBy"] };
}

describe("read to a month on 2026-12-01 (field and notes)", () => {
  it.each<[string, string]>([
    // a month's part and "by"
    ["3月底前", "2027-03"],
    ["3月中旬", "2027-03"],
    ["三月下旬", "2027-03"],
    ["3月上旬前", "2027-03"],
    ["3月中下旬", "2027-03"],
    ["3月末", "2027-03"],
    ["3月初", "2027-03"],
    ["3月份前", "2027-03"],
    ["明年3月底前", "2027-03"],
    ["2027年3月底前", "2027-03"],
    ["2027年3月中旬", "2027-03"],
    ["２０２７年３月下旬", "2027-03"],
    ["12月中旬", "2026-12"],
    ["十二月底前", "2026-12"],
    // this month and next
    ["本月底", "2026-12"],
    ["月底前", "2026-12"],
    ["这个月内", "2026-12"],
    ["下个月底", "2027-01"],
    ["下月中旬", "2027-01"],
    // points of a year
    ["年中", "2027-06"],
    ["年中前", "2027-06"],
    ["明年年中", "2027-06"],
    ["mid-year", "2027-06"],
    ["年初", "2027-01"],
    ["2027年底", "2027-12"],
    // periods: their last month
    ["上半年", "2027-06"], // this year's is over
    ["明年上半年", "2027-06"],
    ["明年下半年", "2027-12"],
    ["2027年下半年", "2027-12"],
    ["今年下半年", "2026-12"],
    ["一季度", "2027-03"],
    ["第二季度", "2027-06"],
    ["Q3", "2027-09"],
    ["三季度末", "2027-09"],
    ["明年四季度", "2027-12"],
    // the Spring Festival (2027-02-06): 初八 2027-02-13 and 十五 2027-02-20 are both in February
    ["春节后", "2027-02"],
    ["年后", "2027-02"],
    ["过完年", "2027-02"],
    ["过了年", "2027-02"],
    ["过年后", "2027-02"],
    ["春节过后", "2027-02"],
    ["春节以后", "2027-02"],
    ["明年春节后", "2027-02"],
    ["after Chinese New Year", "2027-02"],
    ["春节前", "2027-02"], // 除夕 2027-02-05
    ["年前", "2027-02"],
    ["过年前", "2027-02"],
    ["2028年春节后", "2028-02"], // 2028-01-26: 初八 02-02, 十五 02-09
    ["2028年春节前", "2028-01"], // 除夕 2028-01-25
    // fixed holidays
    ["元旦前", "2026-12"],
    ["元旦后", "2027-01"],
    ["明年元旦前", "2026-12"],
    ["五一前", "2027-04"],
    ["劳动节后", "2027-05"],
    ["国庆前", "2027-09"],
    ["国庆节后", "2027-10"],
    // as before
    ["3月", "2027-03"],
    ["年底", "2026-12"],
    ["明年初", "2027-01"],
    ["尽快", "2026-12"],
  ])("%j → %s", (typed, month) => {
    expect(field(typed)).toEqual({ month });
    expect(parseNeedText(`厂房5000平，${typed}入驻`, NOW).hints.moveInBy).toBe(month);
  });

  // With the words people put around it, in the field as in the notes: one reader (move-in.ts).
  it.each<[string, string]>([
    ["年底前要搬进去", "2026-12"],
    ["希望明年3月能搬", "2027-03"],
    ["最迟明年6月开业", "2027-06"],
    ["明年3月左右", "2027-03"],
    ["3月份入驻", "2027-03"],
  ])("%j with its verb → %s", (typed, month) => {
    expect(field(typed)).toEqual({ month });
    expect(parseNeedText(`厂房5000平，${typed}`, NOW).hints.moveInBy).toBe(month);
  });
});

describe("relative to today: the same words on other days", () => {
  it.each<[day: string, typed: string, month: string]>([
    ["2027-02-10", "上半年", "2027-06"], // under way, in its first half: this one
    ["2027-02-10", "下半年", "2027-12"],
    ["2027-08-15", "下半年", "2027-12"],
    ["2027-08-15", "三季度", "2027-09"],
    ["2027-08-15", "上半年", "2028-06"],
    ["2027-06-15", "年中", "2027-06"],
    ["2027-07-01", "年中", "2028-06"], // this year's June is past
    ["2027-02-10", "春节后", "2027-02"], // after 2027's festival, its working days still this month
    ["2027-03-15", "春节后", "2028-02"],
    ["2027-03-15", "年前", "2028-01"], // 除夕 2028-01-25
    ["2027-11-20", "春节后", "2028-02"],
    ["2026-11-30T15:59:00Z", "年中", "2027-06"],
  ])("on %s %j → %s", (day, typed, month) => {
    const now = day.includes("T") ? new Date(day) : on(day);
    expect(field(typed, now)).toEqual({ month });
  });
});

describe("refused when they name no one month, with a message saying what to write (zh and en)", () => {
  it.each<[day: string, typed: string, zh: string, en: RegExp]>([
    // a period under way past its middle: this year's or next year's?
    [
      "2026-12-01",
      "下半年",
      "“下半年”可能指今年，也可能指明年：请写“今年下半年”或“明年下半年”，或写年月，例如 2027-12",
      /^“下半年” could mean this year or next: .* e\.g\. 2027-12$/,
    ],
    ["2026-12-01", "四季度", "“四季度”可能指今年，也可能指明年：请写“今年四季度”或“明年四季度”，或写年月，例如 2027-12", /e\.g\. 2027-12$/],
    ["2027-05-10", "上半年", "“上半年”可能指今年，也可能指明年：请写“今年上半年”或“明年上半年”，或写年月，例如 2028-06", /e\.g\. 2028-06$/],
    ["2027-09-01", "三季度", "“三季度”可能指今年，也可能指明年：请写“今年三季度”或“明年三季度”，或写年月，例如 2028-09", /e\.g\. 2028-09$/],
    // the festival's working days fall in two months (2026-02-17: 初八 02-24, 十五 03-03)
    [
      "2026-01-10",
      "春节后",
      "“春节后”跨 2026-02 和 2026-03 两个月：请写明年月，例如 2026-03",
      /^“春节后” spans two months \(2026-02 and 2026-03\)/,
    ],
    ["2026-12-01", "2031年春节后", "“2031年春节后”跨 2031-01 和 2031-02 两个月：请写明年月，例如 2031-02", /2031-01 and 2031-02/],
  ])("on %s %j → refused", (day, typed, zh, en) => {
    expect(field(typed, on(day))).toEqual({ errors: [zh] });
    expect(field(typed, on(day), "en").errors?.[0]).toMatch(en);
  });

  it.each(["2060年春节后", "一年后", "年后再说吧", "三年中"])("%j → not a month: the month message", (typed) => {
    expect(field(typed).errors?.[0]).toBe(`没能从“${typed}”读出月份：请写年-月，例如 2027-06`); // the words typed, not the hint again (ADR 173)
    expect(field(typed, NOW, "en").errors?.[0]).toBe(`“${typed}” could not be read as a month: write the year and month, e.g. 2027-06`);
  });

  it("the notes report such words to the recruiter instead of guessing", () => {
    const r = parseNeedText("厂房5000平，下半年入驻", NOW);
    expect(r.hints.moveInBy).toBeUndefined();
    expect(r.unread).toContain("下半年入驻");
    const spans = parseNeedText("今年春节后搬进来", on("2026-01-10"));
    expect(spans.hints.moveInBy).toBeUndefined();
    expect(spans.unread).toEqual(["今年春节后搬进来"]);
  });

  it("a clear date later in the notes is still read, the unclear one reported", () => {
    const r = parseNeedText("下半年，明年9月前", NOW);
    expect(r.hints.moveInBy).toBe("2027-09");
    expect(r.unread).toEqual(["下半年"]);
  });

  it.each(["租期一年后续签", "三年中有两年亏损", "节后联系"])("%j → no move-in month and nothing reported", (text) => {
    const r = parseNeedText(text, NOW);
    expect(r.hints.moveInBy).toBeUndefined();
    expect(r.unread).toEqual([]);
  });
});

// A date written right whose day or month does not exist was once read as the month around it
// ("2027-02-30" → 2027-02): every reader now refuses it as such (docs/decisions/093).
describe("a day or month that does not exist is refused as such, never read as a month", () => {
  it.each<[typed: string, zh: string, en: string]>([
    [
      "2027-02-30",
      "“2027-02-30”：2027年2月没有30日（这个月只有 28 天）；请写存在的日期，或只写年月，例如 2027-02",
      "“2027-02-30”: month 2 of 2027 has no day 30 (it has 28 days); write a day that exists, or just the month, e.g. 2027-02",
    ],
    [
      "2027年2月30日",
      "“2027年2月30日”：2027年2月没有30日（这个月只有 28 天）；请写存在的日期，或只写年月，例如 2027-02",
      "“2027年2月30日”: month 2 of 2027 has no day 30 (it has 28 days); write a day that exists, or just the month, e.g. 2027-02",
    ],
    [
      "2027/4/31",
      "“2027/4/31”：2027年4月没有31日（这个月只有 30 天）；请写存在的日期，或只写年月，例如 2027-04",
      "“2027/4/31”: month 4 of 2027 has no day 31 (it has 30 days); write a day that exists, or just the month, e.g. 2027-04",
    ],
    [
      "2027.02.29",
      "“2027.02.29”：2027年2月没有29日（这个月只有 28 天）；请写存在的日期，或只写年月，例如 2027-02",
      "“2027.02.29”: month 2 of 2027 has no day 29 (it has 28 days); write a day that exists, or just the month, e.g. 2027-02",
    ],
    [
      "2027-13",
      "“2027-13”：没有13月，月份是 1 到 12；请写年月，例如 2027-12",
      "“2027-13”: there is no month 13, months are 1 to 12; write a year and month, e.g. 2027-12",
    ],
  ])("%j → its own message (zh and en)", (typed, zh, en) => {
    expect(field(typed)).toEqual({ errors: [zh] });
    expect(field(typed, NOW, "en")).toEqual({ errors: [en] });
  });

  it.each([
    "2027年2月30号前",
    "27年2月30日",
    "2027年二月三十日",
    "２０２７年２月３０日",
    "2027-2-29日前",
    "2027-06-31",
    "2027-02-00",
    "2027年13月",
    "2027-00",
    "2027年十三月",
  ])("%j → refused as a date that does not exist", (typed) => {
    expect(field(typed).errors?.[0]).toMatch(/没有(?:\d+日|\d+月)/);
    expect(readMoveIn(typed, NOW)).toMatchObject({ ok: false });
  });

  it.each<[string, string]>([
    ["2028-02-29", "2028-02"],
    ["2028年2月29日前", "2028-02"],
    ["2027-04-30", "2027-04"],
    ["2027年三月十五日", "2027-03"],
    ["2027年3月31号", "2027-03"],
  ])("a day that exists still reads as its month: %j → %s", (typed, month) => {
    expect(field(typed)).toEqual({ month });
  });

  it("the notes report such a day to the recruiter instead of reading its month", () => {
    for (const day of ["2027年2月30日", "2027/4/31", "2027.02.29", "2027-13"]) {
      const r = parseNeedText(`厂房5000平，希望${day}入驻`, NOW);
      expect(r.hints.moveInBy, day).toBeUndefined();
      expect(r.unread, day).toEqual([`希望${day}入驻`]);
    }
    // A bare "12.15" in the notes may be no date at all: not reported.
    expect(parseNeedText("厂房5000平，12.15", NOW).unread).toEqual([]);
  });
});

describe("the Spring Festival table agrees with the lunar calendar", () => {
  it("正月初一 of 2024–2040 as chinese-days computes it", () => {
    for (let year = 2024; year <= 2040; year++) {
      const first = chineseDays.getSolarDateFromLunar(`${year}-01-01`).date;
      const day = (offset: number) => {
        const d = new Date(`${first}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + offset);
        return d.toISOString().slice(0, 7);
      };
      const after = readMoveIn(`${year}年春节后`, NOW);
      expect(after, String(year)).toEqual(
        day(7) === day(14) ? { ok: true, month: day(7) } : { ok: false, problem: "spans", from: day(7), to: day(14) },
      );
      expect(readMoveIn(`${year}年春节前`, NOW), String(year)).toEqual({ ok: true, month: day(-1) });
    }
  });
});
