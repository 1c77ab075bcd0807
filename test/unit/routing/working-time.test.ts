import { describe, expect, it } from "vitest";

import { parseClockMinute } from "~/domain/clock-time";
import {
  acceptDeadline,
  addWorkingMinutes,
  calendarOverrides,
  isChinaWorkday,
  isWorkdayFor,
  officeCalendar,
  packageCoversYear,
  recruiterCalendar,
  yearsWithoutSchedule,
} from "~/domain/routing/working-time";

// The acceptance SLA on working time (ADR 028): the clock is moved to the moment an offer is made and
// the deadline read back. Office hours 09:00–18:00 China time; 120 minutes to accept.
const china = (local: string) => new Date(`${local}+08:00`);
const due = (offeredAt: string, minutes = 120) => addWorkingMinutes(china(offeredAt), minutes).toISOString();

describe("the mainland calendar (chinese-days)", () => {
  it("knows weekends, public holidays and 调休 make-up days", () => {
    expect(isChinaWorkday("2025-03-14")).toBe(true); // a Friday
    expect(isChinaWorkday("2025-03-15")).toBe(false); // a Saturday
    expect(isChinaWorkday("2025-10-01")).toBe(false); // National Day, a Wednesday
    expect(isChinaWorkday("2025-10-08")).toBe(false); // the last day of the Golden Week, a Wednesday
    expect(isChinaWorkday("2025-10-11")).toBe(true); // 调休: a Saturday worked for the Golden Week
    expect(isChinaWorkday("2025-09-28")).toBe(true); // 调休: a Sunday worked
  });
});

describe("accept deadline on working time", () => {
  it("inside one working day it is plain minutes", () => {
    expect(due("2025-03-12T10:00:00")).toBe(china("2025-03-12T12:00:00").toISOString());
  });

  it("a lead offered on Friday night is due on Monday morning, not on Saturday", () => {
    expect(due("2025-03-14T22:00:00")).toBe(china("2025-03-17T11:00:00").toISOString());
  });

  it("an offer late on Friday carries its remainder over the weekend", () => {
    expect(due("2025-03-14T17:30:00")).toBe(china("2025-03-17T10:30:00").toISOString());
  });

  it("a public holiday does not count: offered the evening before National Day, due after the Golden Week", () => {
    // 2025-10-01…08 are off; 2025-10-09 (Thursday) is the first working day after.
    expect(due("2025-09-30T17:00:00")).toBe(china("2025-10-09T10:00:00").toISOString());
  });

  it("a 调休 working Saturday counts: offered late on Friday 2025-10-10, due on Saturday 2025-10-11", () => {
    expect(due("2025-10-10T17:00:00")).toBe(china("2025-10-11T10:00:00").toISOString());
    // and an ordinary Saturday does not: a week later the same offer waits until Monday
    expect(due("2025-10-17T17:00:00")).toBe(china("2025-10-20T10:00:00").toISOString());
  });

  it("a 调休 working Sunday counts too, while the Saturday before it does not", () => {
    expect(due("2025-09-27T12:00:00")).toBe(china("2025-09-28T11:00:00").toISOString());
  });

  it("before opening time the count starts at opening; the office hours the admin set are used", () => {
    expect(due("2025-03-12T06:00:00")).toBe(china("2025-03-12T11:00:00").toISOString());
    const hours = { startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 };
    expect(addWorkingMinutes(china("2025-03-14T17:00:00"), 60, hours).toISOString()).toBe(china("2025-03-17T09:00:00").toISOString());
  });

  it("the wall clock ignores the calendar", () => {
    expect(acceptDeadline(china("2025-03-14T22:00:00"), 120, "wall").toISOString()).toBe(china("2025-03-15T00:00:00").toISOString());
    expect(acceptDeadline(china("2025-03-14T22:00:00"), 120, "office-hours").toISOString()).toBe(
      china("2025-03-17T11:00:00").toISOString(),
    );
  });

  it("refuses office hours that end before they start", () => {
    expect(() => addWorkingMinutes(new Date(), 10, { startMinute: 600, endMinute: 540 })).toThrow(RangeError);
  });

  it("reads times of day as people type them", () => {
    expect(parseClockMinute("9:00")).toBe(540);
    expect(parseClockMinute("18：30")).toBe(1110);
    expect(parseClockMinute("24:00")).toBe(1440);
    expect(parseClockMinute("25:00")).toBeNull();
    expect(parseClockMinute("nine")).toBeNull();
  });

  // A phone's number pad has no colon (the office-hours boxes open it): digits alone are a time too, and
  // so are the words people say on the phone. Each [typed, minutes after midnight or null].
  it.each([
    ["0900", 540],
    ["900", 540],
    ["9", 540],
    ["1830", 1110],
    ["2400", 1440],
    ["18.30", 1110],
    ["１８：００", 1080],
    ["09 : 00", 540],
    ["9点", 540],
    ["9点整", 540],
    ["9点半", 570],
    ["8点30分", 510],
    ["九点半", 570],
    ["十二点", 720],
    ["下午6点", 1080],
    ["下午六点三十分", 1110],
    ["晚上7点半", 1170],
    ["中午12点", 720],
    ["6pm", 1080],
    ["8:30am", 510],
    ["下午18点", null],
    ["1860", null],
    ["9:60", null],
    ["12345", null],
    ["24:30", null],
    ["9点61", null],
    ["", null],
  ] as const)("reads %j as %j", (typed, minute) => {
    expect(parseClockMinute(typed)).toBe(minute);
  });
});

// A recruiter's own working hours (ADR 033): their weekdays and hours, on the mainland calendar's
// holidays and 调休 make-up days. Two recruiters unlike the office (09:00–18:00, Monday–Friday):
// 周二至周六 10:00-19:00 (works Saturdays, not Mondays) and 周一至周五 08:00-12:00 (mornings).
describe("accept deadline on the recruiter's own calendar", () => {
  const tueSat = recruiterCalendar({ days: [2, 3, 4, 5, 6], start: "10:00", end: "19:00" });
  const mornings = recruiterCalendar({ days: [1, 2, 3, 4, 5], start: "08:00", end: "12:00" });
  const dueOn = (cal: ReturnType<typeof recruiterCalendar>, offeredAt: string, minutes = 120) =>
    acceptDeadline(china(offeredAt), minutes, "office-hours", cal).toISOString();

  it("uses their hours and weekdays across a weekend: a Saturday worker's Friday-evening offer is due on Saturday", () => {
    expect(tueSat.source).toBe("recruiter");
    // the office: Monday 11:00; the Tue–Sat recruiter: 1 h on Friday until 19:00, 1 h on Saturday from 10:00
    expect(due("2025-03-14T18:00:00")).toBe(china("2025-03-17T11:00:00").toISOString());
    expect(dueOn(tueSat, "2025-03-14T18:00:00")).toBe(china("2025-03-15T11:00:00").toISOString());
    // offered on their Saturday evening: Sunday and Monday are off for them, Tuesday counts
    expect(dueOn(tueSat, "2025-03-15T18:30:00")).toBe(china("2025-03-18T11:30:00").toISOString());
    // mornings only: 1 h on Friday until 12:00, then Monday from 08:00
    expect(dueOn(mornings, "2025-03-14T11:00:00")).toBe(china("2025-03-17T09:00:00").toISOString());
  });

  it("a public holiday is off for them even on one of their weekdays (National Day's Saturday included)", () => {
    // 2025-10-01…08 are off (10-04 is a Saturday, a working weekday for this recruiter, but a holiday)
    expect(isWorkdayFor("2025-10-04", [2, 3, 4, 5, 6])).toBe(false);
    expect(isWorkdayFor("2025-03-15", [2, 3, 4, 5, 6])).toBe(true); // an ordinary Saturday
    expect(dueOn(tueSat, "2025-09-30T18:00:00")).toBe(china("2025-10-09T11:00:00").toISOString());
  });

  it("a 调休 working Saturday counts for a Monday–Friday recruiter, with their hours", () => {
    // 2025-10-11 (Saturday) is worked for the Golden Week: 1 h Friday morning, 1 h Saturday from 08:00
    expect(dueOn(mornings, "2025-10-10T11:00:00")).toBe(china("2025-10-11T09:00:00").toISOString());
    // an ordinary Saturday a week later does not: Monday 09:00
    expect(dueOn(mornings, "2025-10-17T11:00:00")).toBe(china("2025-10-20T09:00:00").toISOString());
    // a 调休 Sunday (2025-09-28) counts for the Tue–Sat recruiter too, though Sunday is not theirs
    expect(dueOn(tueSat, "2025-09-27T18:00:00")).toBe(china("2025-09-28T11:00:00").toISOString());
  });

  it("without usable hours of their own the office hours apply", () => {
    const office = { startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 };
    for (const own of [null, undefined, { days: [], start: "09:00", end: "18:00" }, { days: [1], start: "18:00", end: "09:00" }]) {
      const cal = recruiterCalendar(own, office);
      expect(cal.source).toBe("office");
      expect(acceptDeadline(china("2025-03-14T17:00:00"), 60, "office-hours", cal).toISOString()).toBe(
        china("2025-03-17T09:00:00").toISOString(),
      );
    }
    // the wall clock ignores every calendar
    expect(acceptDeadline(china("2025-03-14T22:00:00"), 120, "wall", tueSat).toISOString()).toBe(
      china("2025-03-15T00:00:00").toISOString(),
    );
  });
});

// The admin's calendar overrides (ADR 037): chinese-days 1.5.7, the newest on npm on 2026-12-01, has no
// 2027 schedule, so without them 元旦 2027 counts as a working day. The overrides below are what an admin
// enters from the State Council's notice (the 2027 days here are a made-up schedule of that shape).
describe("calendar overrides: the admin's days before the package's", () => {
  const officeWith = (rows: { day: string; work: boolean }[]) => officeCalendar(undefined, calendarOverrides(rows));
  const dueOn = (cal: ReturnType<typeof officeCalendar>, offeredAt: string, minutes = 120) =>
    acceptDeadline(china(offeredAt), minutes, "office-hours", cal).toISOString();

  it("the package knows 2025 and 2026 but not 2027 (why the overrides exist)", () => {
    expect(packageCoversYear(2025)).toBe(true);
    expect(packageCoversYear(2026)).toBe(true);
    // If this fails, chinese-days has learnt 2027: the overrides stay valid, the banner just goes quiet.
    expect(packageCoversYear(2027)).toBe(false);
    expect(isChinaWorkday("2027-01-01")).toBe(true); // 元旦 2027, a Friday, taken for a working day
  });

  it("2027-01-01 off by override: an offer on 2026-12-31 at 17:00 is due on Monday 2027-01-04, not on New Year's Day", () => {
    expect(dueOn(officeCalendar(), "2026-12-31T17:00:00")).toBe(china("2027-01-01T10:00:00").toISOString());
    const cal = officeWith([{ day: "2027-01-01", work: false }]);
    expect(cal.isWorkday("2027-01-01")).toBe(false);
    expect(dueOn(cal, "2026-12-31T17:00:00")).toBe(china("2027-01-04T10:00:00").toISOString());
  });

  it("a make-up Saturday entered as working counts; the Saturday after it does not", () => {
    // 2027-02-20 is a Saturday; entered as 调休上班 (work: true)
    const cal = officeWith([
      { day: "2027-02-20", work: true },
      { day: "2027-02-08", work: false },
    ]);
    expect(dueOn(cal, "2027-02-19T17:00:00")).toBe(china("2027-02-20T10:00:00").toISOString());
    expect(dueOn(cal, "2027-02-26T17:00:00")).toBe(china("2027-03-01T10:00:00").toISOString());
    // a holiday on a Monday: Friday's late offer waits until Tuesday
    expect(dueOn(cal, "2027-02-05T17:00:00")).toBe(china("2027-02-09T10:00:00").toISOString());
  });

  it("an override beats the package for a corrected day, both ways", () => {
    // 2025-10-11 is a 调休 working Saturday in the package; corrected to a day off, the Friday offer waits until Monday
    expect(dueOn(officeCalendar(), "2025-10-10T17:00:00")).toBe(china("2025-10-11T10:00:00").toISOString());
    const corrected = officeWith([
      { day: "2025-10-11", work: false },
      { day: "2025-10-08", work: true },
    ]);
    expect(dueOn(corrected, "2025-10-10T17:00:00")).toBe(china("2025-10-13T10:00:00").toISOString());
    // 2025-10-08 is a holiday in the package; corrected to working, the day before National Day's last offer counts it
    expect(dueOn(corrected, "2025-10-07T12:00:00")).toBe(china("2025-10-08T11:00:00").toISOString());
    expect(isChinaWorkday("2025-10-08", calendarOverrides([{ day: "2025-10-08", work: true }]))).toBe(true);
  });

  it("a recruiter's own calendar takes the overrides too, whatever their weekdays", () => {
    const overrides = calendarOverrides([
      { day: "2027-01-01", work: false },
      { day: "2027-02-21", work: true }, // a Sunday make-up day
    ]);
    expect(isWorkdayFor("2027-01-01", [1, 2, 3, 4, 5], overrides)).toBe(false);
    expect(isWorkdayFor("2027-01-01", [1, 2, 3, 4, 5])).toBe(true);
    expect(isWorkdayFor("2027-02-21", [1, 2, 3, 4, 5], overrides)).toBe(true);
    const mornings = recruiterCalendar({ days: [1, 2, 3, 4, 5], start: "08:00", end: "12:00" }, undefined, overrides);
    expect(dueOn(mornings, "2026-12-31T11:00:00")).toBe(china("2027-01-04T09:00:00").toISOString());
    // without usable own hours, the office calendar — with the same overrides
    const fallback = recruiterCalendar(null, undefined, overrides);
    expect(fallback.source).toBe("office");
    expect(fallback.isWorkday("2027-01-01")).toBe(false);
  });

  it("names a coming year that has neither package data nor any override (the page's banner)", () => {
    expect(yearsWithoutSchedule(china("2026-12-01T09:00:00"), [])).toEqual([2027]);
    expect(yearsWithoutSchedule(china("2026-12-01T09:00:00"), ["2027-01-01"])).toEqual([]);
    expect(yearsWithoutSchedule(china("2026-12-01T09:00:00"), ["2026-10-01"])).toEqual([2027]);
    // 60 days from 2026-11-01 is 2026-12-31: not yet; from 2026-11-02 it is 2027-01-01 (China time)
    expect(yearsWithoutSchedule(china("2026-11-01T12:00:00"), [])).toEqual([]);
    expect(yearsWithoutSchedule(china("2026-11-02T12:00:00"), [])).toEqual([2027]);
    expect(yearsWithoutSchedule(china("2025-12-01T09:00:00"), [])).toEqual([]); // 2026 is in the package
  });
});
