import { describe, expect, it } from "vitest";

import { readDashboardFilters } from "~/admin/dashboard-forms";
import { readLeadFilters } from "~/admin/lead-forms";
import { isCalendarDay } from "~/domain/calendar-day";
import { checkTextRow } from "~/inventory/inventory-check";

// A day that does not exist, typed into an address or a form: month 13, day 0, day 32, 30 February,
// year 0. Each once reached `new Date(…).toISOString()` or Postgres and answered 500 (the admin lead
// list and its export, the dashboard and its CSV, a space's 可入驻时间, a recruiter's 休假 days).
const IMPOSSIBLE = ["2026-13-01", "2026-00-10", "2026-01-00", "2026-02-32", "2026-02-30", "2026-12-40", "0000-01-01", "2025-02-29"];
const REAL = ["2026-01-01", "2024-02-29", "2026-12-31", "2000-02-29"];

describe("one calendar-day check for every typed date", () => {
  it("isCalendarDay takes the days that exist and nothing else", () => {
    for (const d of REAL) expect(isCalendarDay(d), d).toBe(true);
    for (const d of IMPOSSIBLE) expect(isCalendarDay(d), d).toBe(false);
    for (const d of ["2026-1-01", "26-01-01", "2026-01-01T00:00", " 2026-01-01", ""]) expect(isCalendarDay(d), d).toBe(false);
  });

  it("the admin lead list drops an impossible from/to like any other malformed filter", () => {
    for (const d of IMPOSSIBLE) {
      const f = readLeadFilters(new URL(`http://x/admin/leads?from=${d}&to=${d}&status=matched`));
      expect(f.from, d).toBeUndefined();
      expect(f.to, d).toBeUndefined();
      expect(f.status).toBe("matched");
    }
    expect(readLeadFilters(new URL("http://x/admin/leads?from=2024-02-29")).from).toBe("2024-02-29");
  });

  it("the dashboard falls back to its default range instead of throwing", () => {
    const fallback = { from: "2026-11-01", to: "2026-11-30" };
    for (const d of IMPOSSIBLE) {
      expect(readDashboardFilters(new URL(`http://x/admin/dashboard?from=${d}&to=${d}`), fallback), d).toMatchObject(fallback);
    }
    // The range is cut to its last 366 days: from a `to` in year 1 that must not reach year 0.
    const early = readDashboardFilters(new URL("http://x/admin/dashboard?to=0001-01-01"), fallback);
    expect(isCalendarDay(early.from) && isCalendarDay(early.to)).toBe(true);
  });

  it("the dashboard's range ends today at the latest, is a year at most, and says when it was changed", () => {
    const fallback = { from: "2026-11-01", to: "2026-11-30" };
    const read = (q: string) => readDashboardFilters(new URL(`http://x/admin/dashboard?${q}`), fallback);
    expect(read("from=2026-11-20&to=2027-12-31")).toMatchObject({ from: "2026-11-20", to: "2026-11-30", adjusted: "cut" });
    expect(read("from=2027-01-01&to=2027-02-01")).toMatchObject({ from: "2026-11-30", to: "2026-11-30", adjusted: "cut" });
    expect(read("from=1900-01-01&to=2026-11-30")).toMatchObject({ from: "2025-11-30", to: "2026-11-30", adjusted: "cut" });
    expect(read("from=2026-11-30&to=2026-11-01")).toMatchObject({ from: "2026-11-01", to: "2026-11-30", adjusted: null });
    expect(read("from=abc&to=2026-11-30")).toMatchObject({ from: "2026-11-01", to: "2026-11-30", adjusted: "invalid" });
    expect(read("from=2026-11-05")).toMatchObject({ from: "2026-11-05", to: "2026-11-30", adjusted: null });
  });

  it("an inventory row (admin form, Excel) says which date cell is wrong, never throws", () => {
    const space = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", title: "一号厂房", areaSqm: "5000", status: "可租售" };
    for (const d of ["2026-02-32", "2026/1/99", "2026年2月30日", "2026-12-00"]) {
      const r = checkTextRow("spaces", { ...space, availableFrom: d });
      expect(r.ok, d).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.key)).toEqual(["availableFrom"]);
    }
    const recruiter = {
      id: "R1",
      name: "周敏",
      email: "r1@example.test",
      phone: "13900000001",
      channel: "邮件",
      parks: "P1",
      capacity: "5",
    };
    for (const [from, to] of [
      ["2026-12-32", "2026-12-33"],
      ["2026-12-00", "2026-12-03"],
      ["2026-02-29", "2026-03-01"],
    ]) {
      const r = checkTextRow("recruiters", { ...recruiter, awayFrom: from, awayTo: to });
      expect(r.ok, from).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.key)).toContain("awayFrom");
    }
  });
});
