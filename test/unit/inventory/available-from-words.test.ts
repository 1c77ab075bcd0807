import { afterEach, describe, expect, it, vi } from "vitest";

import { readAvailableFrom, readMoveIn } from "~/domain/move-in";
import { readAvailableFromCell } from "~/inventory/cell-dates";
import { validateInventory } from "~/inventory/import.server";
import { checkTextRow } from "~/inventory/inventory-check";

// 可入驻时间 is read with the lead's move-in reader (move-in.ts): the same words, the same year rules; a
// period is its first month for availability (a lead's move-in reads its last). ADR 087.
const AUG_2026 = new Date("2026-08-10T04:00:00Z");
const NOV_2026 = new Date("2026-11-20T04:00:00Z");
const FEB_2026 = new Date("2026-02-05T04:00:00Z");

describe("available-from words read like a lead's move-in", () => {
  it.each([
    ["下半年", FEB_2026, "2026-07", "2026-12"],
    ["明年上半年", AUG_2026, "2027-01", "2027-06"],
    ["一季度", AUG_2026, "2027-01", "2027-03"],
    ["四季度", AUG_2026, "2026-10", "2026-12"],
    ["年底", AUG_2026, "2026-12", "2026-12"],
    ["年中", FEB_2026, "2026-06", "2026-06"],
    ["明年3月", AUG_2026, "2027-03", "2027-03"],
    ["3月底", AUG_2026, "2027-03", "2027-03"],
    ["尽快", AUG_2026, "2026-08", "2026-08"],
    // What listings write of a space ready now (a tester: 现房 and 即租即用 were refused).
    ["现房", AUG_2026, "2026-08", "2026-08"],
    ["即租即用", AUG_2026, "2026-08", "2026-08"],
    ["拎包入住", AUG_2026, "2026-08", "2026-08"],
    ["可随时入驻", AUG_2026, "2026-08", "2026-08"],
    ["立即入住", AUG_2026, "2026-08", "2026-08"],
    ["空置", AUG_2026, "2026-08", "2026-08"],
    ["三个月内", AUG_2026, "2026-11", "2026-11"],
    ["国庆前", AUG_2026, "2026-09", "2026-09"],
    ["春节前", AUG_2026, "2027-02", "2027-02"],
  ])("%s (%s): available from %s, a lead's move-in by %s", (typed, now, from, by) => {
    expect(readAvailableFrom(typed, now)).toEqual({ ok: true, month: from });
    expect(readMoveIn(typed, now)).toEqual({ ok: true, month: by });
  });

  it("春节后 is the month work starts again, where a lead's move-in asks which of two months", () => {
    // 2026: 正月初八 is 02-24, 正月十五 03-03.
    expect(readMoveIn("春节后", new Date("2025-12-01T04:00:00Z"))).toEqual({ ok: false, problem: "spans", from: "2026-02", to: "2026-03" });
    expect(readAvailableFrom("春节后", new Date("2025-12-01T04:00:00Z"))).toEqual({ ok: true, month: "2026-02", day: "2026-02-24" });
  });

  it("a period under way past its middle asks which year, as for a lead", () => {
    expect(readAvailableFrom("下半年", NOV_2026)).toEqual({ ok: false, problem: "whichYear", example: "2027-07" });
    const r = readAvailableFromCell("下半年", NOV_2026);
    expect(r).toEqual({ ok: false, reason: { zh: expect.stringContaining("“明年下半年”"), en: expect.stringContaining("明年下半年") } });
  });

  it.each([
    ["2027-03-15", "2027-03-15"],
    ["2027年3月", "2027-03"],
    ["2027/3/1", "2027-03-01"],
  ])("dates still read as dates: %s → %s", (typed, value) => {
    expect(readAvailableFromCell(typed, AUG_2026)).toEqual({ ok: true, value });
  });

  it("a day that does not exist is said as such, not read as its month", () => {
    const r = readAvailableFromCell("2027-02-30", AUG_2026);
    expect(r).toEqual({
      ok: false,
      reason: {
        zh: "“2027-02-30”：2027年2月没有30日（这个月只有 28 天），例如 2027-02",
        en: "“2027-02-30”: month 2 of 2027 has no day 30 (it has 28 days), e.g. 2027-02",
      },
    });
    // Every spelling the move-in reader takes, a 号 or a word day and "by" included, and a month 13.
    for (const typed of [
      "2027年2月30日",
      "2027/4/31",
      "2027.02.29",
      "2027年2月30号前",
      "27年2月30日",
      "2027年二月三十日",
      "2027-13",
      "2027年13月",
    ]) {
      const bad = readAvailableFromCell(typed, AUG_2026);
      expect(bad.ok, typed).toBe(false);
      if (!bad.ok) expect(bad.reason.zh, typed).toMatch(/没有(?:\d+日|1[3]月)/);
    }
  });

  it("words that say no date name the field and what to write", () => {
    const r = readAvailableFromCell("等通知", AUG_2026);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.zh).toBe("无法识别可入驻时间“等通知”，例如 2027-03、2027-03-15、下半年、年底 或 明年3月");
  });
});

describe("the sheet, the admin form and the JSON import read it alike", () => {
  afterEach(() => vi.useRealTimers());
  const row = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", title: "1号", status: "可租售", areaSqm: "5000" };

  it("a sheet row / admin form: 下半年 is stored as July", () => {
    const r = checkTextRow("spaces", { ...row, availableFrom: "下半年" }, FEB_2026);
    expect(r.ok && r.value.availableFrom).toBe("2026-07");
  });

  it("the JSON import: 明年3月 and 2027/3/1 read, 2027-02-30 refused", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AUG_2026);
    const space = (availableFrom: string) => ({
      id: "S1",
      parkId: "P1",
      kind: "factory",
      deals: ["lease"],
      title: "1号",
      areaSqm: 5000,
      status: "available",
      availableFrom,
    });
    const good = validateInventory({ spaces: [space("明年3月"), { ...space("2027/3/1"), id: "S2" }] });
    expect(good.ok && good.value.spaces.map((s) => s.availableFrom)).toEqual(["2027-03", "2027-03-01"]);
    const bad = validateInventory({ spaces: [space("2027-02-30")] });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors[0].errors).toEqual(["availableFrom: “2027-02-30”: month 2 of 2027 has no day 30 (it has 28 days), e.g. 2027-02"]);
  });
});
