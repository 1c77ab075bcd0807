import { describe, expect, it } from "vitest";

import { readMoveIn } from "~/domain/move-in";
import { readAvailableFromCell } from "~/inventory/cell-dates";

import { type SheetCell, spaceSheet } from "../../support/space-sheet";

// readers42: the import's readings of 可入驻时间 and 状态 — a year said alone (明年, next year) refused; 现房 said as "a period's
// first month"; 可租 beside 出租 said as 可租售 (as if a sale were added) in a note that named no row; a date cell whose format
// shows a month alone stored as that month (from its 1st) although it holds the 15th.
const NOW = new Date("2026-12-06T05:00:00Z");
const sheet = spaceSheet;
type Cell = SheetCell;
const space = (id: string, from: Cell, status = "可租售", deals = "出租") => [
  id,
  "P1",
  "厂房",
  deals,
  `${id} 厂房`,
  5000,
  25,
  from,
  status,
];

describe("a year said alone is a period of its twelve months", () => {
  const next = new Date(NOW).getUTCFullYear() + 1;
  it.each([
    ["明年", `${next}-01`, `${next}-12`],
    ["明年。", `${next}-01`, `${next}-12`],
    ["明年可入驻", `${next}-01`, `${next}-12`],
    ["後年", `${next + 1}-01`, `${next + 1}-12`],
    ["2028年", "2028-01", "2028-12"],
    ["next year", `${next}-01`, `${next}-12`],
    ["Next Year", `${next}-01`, `${next}-12`],
    ["sometime next year", `${next}-01`, `${next}-12`],
    ["in 2028", "2028-01", "2028-12"],
    ["early next year", `${next}-01`, `${next}-01`],
    ["mid next year", `${next}-06`, `${next}-06`],
  ])("%s: available from %s, a lead in by %s", (typed, from, by) => {
    expect(readAvailableFromCell(typed, NOW)).toEqual({ ok: true, value: from });
    expect(readMoveIn(typed, NOW)).toEqual({ ok: true, month: by });
  });
  it.each(["今年", "2027", "明年吧看情况", "next years"])("%s is still refused, with the column's examples", (typed) => {
    const r = readAvailableFromCell(typed, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.zh).toContain("无法识别可入驻时间");
  });
  it("the words read before are read as before (明年上半年, 年后, 明年初)", () => {
    expect(readAvailableFromCell("明年上半年", NOW)).toEqual({ ok: true, value: `${next}-01` });
    expect(readAvailableFromCell("明年下半年", NOW)).toEqual({ ok: true, value: `${next}-07` });
    expect(readAvailableFromCell("明年初", NOW)).toEqual({ ok: true, value: `${next}-01` });
    expect(readAvailableFromCell("年后", NOW).ok).toBe(true);
  });
});

describe("the import's notes say each reading as what it is, in the cell they are of", () => {
  it("现房 and 随时 are now, 明年 a period, 明年3月 a month; each note names its cell with its row", async () => {
    const { plan } = await sheet([space("A1", "现房"), space("A2", "随时入驻"), space("A3", "明年"), space("A4", "明年3月")]);
    expect(plan.errors).toEqual([]);
    const avail = plan.notes.filter((n) => n.column?.includes("可入驻时间"));
    expect(avail.map((n) => n.column)).toEqual(["H2（可入驻时间）", "H3（可入驻时间）", "H4（可入驻时间）", "H5（可入驻时间）"]);
    expect(avail[0].reason.zh).toMatch(/^编号 A1：可入驻时间“现房”读作 \d{4}-\d{2}（现在即可入驻：按本月）$/);
    expect(avail[0].reason.en).toContain("(available now: this month)");
    expect(avail[1].reason.zh).toContain("（现在即可入驻：按本月）");
    expect(avail[2].reason.zh).toMatch(/^编号 A3：可入驻时间“明年”读作 \d{4}-01（时段按其第一个月）$/);
    expect(avail[3].reason.zh).toMatch(/^编号 A4：可入驻时间“明年3月”读作 \d{4}-03$/);
    for (const n of avail) expect(n.reason.zh).not.toMatch(/现房.*时段|随时.*时段|3月.*时段/);
  });

  it("可租 beside 出租 is said as on offer for lease, never as if 可租售 added a sale; each in its row", async () => {
    const { plan } = await sheet([
      space("S1", "2027-03", "可租", "出租"),
      space("S2", "2027-03", "招租中", "出租、出售"),
      space("S3", "2027-03", "可售", "出售"),
      space("S4", "2027-03", "可租", ""),
    ]);
    expect(plan.errors).toEqual([]);
    const status = plan.notes.filter((n) => n.column?.includes("状态"));
    expect(status.map((n) => n.column)).toEqual(["I2（状态）", "I3（状态）", "I4（状态）", "I5（状态）"]);
    expect(status[0].reason.zh).toBe("状态“可租”读作“可租售”（正在招商），它说的可以出租与交易方式“出租”一致，租售按交易方式存");
    expect(status[0].reason.en).toContain("it says for lease, as the deals “出租” do");
    expect(status[1].reason.zh).toContain("它说的可以出租与交易方式“出租、出售”一致");
    expect(status[2].reason.zh).toContain("它说的可以出售与交易方式“出售”一致");
    // A blank deals cell takes the word's deal, said as before.
    expect(status[3].reason.zh).toBe("状态“可租”读作“可租售”，交易方式按它填为：出租");
    expect(plan.value.spaces.map((s) => s.deals)).toEqual([["lease"], ["lease", "buy"], ["buy"], ["lease"]]);
  });
});

describe("a date cell whose format shows the month alone", () => {
  const on = (d: number, numFmt: string) => ({ value: new Date(Date.UTC(2027, 2, d)), numFmt });
  it("holding another day than the 1st is that day, said; the 1st is the month shown", async () => {
    const { plan, read } = await sheet([
      space("M1", on(15, 'yyyy"年"m"月"')),
      space("M2", on(31, "yyyy/m")),
      space("M3", on(2, "mmm yyyy")),
      space("M4", on(20, '[$-804]yyyy"年"m"月"')),
      space("M5", on(1, 'yyyy"年"m"月"')),
      space("M6", on(15, "yyyy-mm-dd")),
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.value.spaces.map((s) => [s.id, s.availableFrom])).toEqual([
      ["M1", "2027-03-15"],
      ["M2", "2027-03-31"],
      ["M3", "2027-03-02"],
      ["M4", "2027-03-20"],
      ["M5", "2027-03"],
      ["M6", "2027-03-15"],
    ]);
    const said = read.warnings.filter((w) => w.column?.includes("可入驻时间"));
    expect(said.map((w) => [w.row, w.column])).toEqual([
      [2, "H2（可入驻时间）"],
      [3, "H3（可入驻时间）"],
      [4, "H4（可入驻时间）"],
      [5, "H5（可入驻时间）"],
    ]);
    expect(said[0].reason.zh).toBe("单元格的格式只显示年月，单元格里的日期是 2027-03-15：按这一天存入（显示的月份不是从 1 日起）");
    expect(said[0].reason.en).toContain("the date it holds is 2027-03-15");
  });
});
