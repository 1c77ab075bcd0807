import { describe, expect, it } from "vitest";

import { readAwayDay } from "~/inventory/cell-dates";
import { cellReadings, checkTextRow } from "~/inventory/inventory-check";

// 休假开始/结束 took ISO dates only ("12月8日", "下周五" refused; new-user trial). Days as people write
// them, the year the next occurrence. `now`: Friday 2026-12-04 10:00 China time.
const now = new Date("2026-12-04T02:00:00Z");

describe("a day away as people write it", () => {
  it.each([
    ["2026-12-08", "2026-12-08"],
    ["2026年12月8日", "2026-12-08"],
    ["2027.1.5", "2027-01-05"],
    ["12月8日", "2026-12-08"],
    ["12月8号", "2026-12-08"],
    ["12.8", "2026-12-08"],
    ["12/8", "2026-12-08"],
    ["12月4日", "2026-12-04"], // today counts
    ["12月3日", "2027-12-03"], // gone: next year's
    ["1月5日", "2027-01-05"],
    ["2月29日", "2028-02-29"], // the next one that exists
    ["今天", "2026-12-04"],
    ["明天", "2026-12-05"],
    ["周五", "2026-12-04"],
    ["星期一", "2026-12-07"],
    ["本周日", "2026-12-06"],
    ["这周三", "2026-12-02"],
    ["下周五", "2026-12-11"],
    ["下个星期一", "2026-12-07"],
    ["下礼拜天", "2026-12-13"],
  ])("%s → %s", (typed, day) => {
    expect(readAwayDay(typed, now)).toBe(day);
  });

  it.each(["13月1日", "2月30日", "12.32", "周八", "下下周五", "过几天"])("%s is not read", (typed) => {
    expect(readAwayDay(typed, now)).toBeNull();
  });

  const base = {
    id: "R1",
    name: "周",
    email: "a@example.com",
    phone: "13812345678",
    channel: "邮件",
    parks: "P1",
    capacity: "5",
  };
  it("the recruiter form reads them and refuses what it cannot, at the field", () => {
    const r = checkTextRow("recruiters", { ...base, awayFrom: "2026年12月8日", awayTo: "2026年12月12日" }, now);
    expect(r.ok && r.value.away).toEqual([{ from: "2026-12-08", to: "2026-12-12" }]);
    const bad = checkTextRow("recruiters", { ...base, awayFrom: "过几天", awayTo: "2026-12-12" }, now);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.key)).toEqual(["awayFrom"]);
  });

  it("says what words were read as (form flash and import notes), and nothing for an ISO day", () => {
    const cells = { ...base, awayFrom: "下周五", awayTo: "2026-12-20" };
    const r = checkTextRow("recruiters", cells, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const said = cellReadings("recruiters", cells, r.value);
    expect(said).toEqual([
      { key: "awayFrom", reason: { zh: "休假开始“下周五”读作 2026-12-11", en: "away from “下周五” read as 2026-12-11" } },
    ]);
  });
});
