import { describe, expect, it } from "vitest";

import { calendarOverrides, callTaskDue, officeCalendar } from "../../../app/domain/routing/working-time";

// Trial 35, L6 (docs/decisions/158): a call-back made at 23:20 on a Saturday (China time) was due at once and
// counted overdue all night and all Sunday, while the recruiter's acceptance deadline followed office hours.
// A call task is due on the hotline's working time: the office hours on mainland working days.

/** A China-time wall clock ("2026-12-05 23:20") as an instant. */
const china = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);

describe("a call task's due time", () => {
  const office = officeCalendar();

  it.each([
    ["Saturday night (the trial)", "2026-12-05 23:20", "2026-12-07 09:00"],
    ["Sunday noon", "2026-12-06 12:00", "2026-12-07 09:00"],
    ["a weekday before opening", "2026-12-08 07:30", "2026-12-08 09:00"],
    ["a weekday after closing", "2026-12-08 18:00", "2026-12-09 09:00"],
    ["Friday evening", "2026-12-11 19:45", "2026-12-14 09:00"],
    ["National Day (a public holiday, chinese-days)", "2026-10-01 10:00", "2026-10-08 09:00"],
  ])("made %s is due at the next opening", (_label, made, due) => {
    expect(callTaskDue(china(made), "office-hours", office)).toEqual(china(due));
  });

  it.each([
    ["at opening", "2026-12-08 09:00"],
    ["mid-morning", "2026-12-08 10:17"],
    ["a minute before closing", "2026-12-08 17:59"],
  ])("made %s on a working day is due at once", (_label, made) => {
    expect(callTaskDue(china(made), "office-hours", office)).toEqual(china(made));
  });

  it("follows the admin's office hours and calendar overrides (a make-up Saturday worked)", () => {
    const late = officeCalendar({ startMinute: 8 * 60, endMinute: 22 * 60 }, calendarOverrides([{ day: "2026-12-12", work: true }]));
    expect(callTaskDue(china("2026-12-08 21:00"), "office-hours", late)).toEqual(china("2026-12-08 21:00"));
    expect(callTaskDue(china("2026-12-11 23:00"), "office-hours", late)).toEqual(china("2026-12-12 08:00"));
  });

  it("a no-answer's next try counts working minutes: 30 minutes from 17:50 is 09:20 next working day", () => {
    expect(callTaskDue(china("2026-12-08 17:50"), "office-hours", office, 30)).toEqual(china("2026-12-09 09:20"));
    expect(callTaskDue(china("2026-12-05 23:20"), "office-hours", office, 30)).toEqual(china("2026-12-07 09:30"));
  });

  it("on the wall clock (a 24/7 desk) is now, and a retry plain minutes on", () => {
    expect(callTaskDue(china("2026-12-05 23:20"), "wall")).toEqual(china("2026-12-05 23:20"));
    expect(callTaskDue(china("2026-12-05 23:20"), "wall", office, 30)).toEqual(china("2026-12-05 23:50"));
  });
});
