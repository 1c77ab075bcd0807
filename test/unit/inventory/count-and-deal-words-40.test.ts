import { describe, expect, it } from "vitest";

import { checkTextRow } from "~/inventory/inventory-check";

// New-user trial 40: an Excel sheet as park staff fill it was refused on cells a person reads at once — 层数 `3层`
// (“3层”不是整数), 容量 `20条`, 交易方式 `租售均可`. Every figure column takes its unit; a count column now takes its
// counting word, and 交易方式 the ways both deals are said. Same columns for the import, the JSON import and the
// admin forms (inventory-columns.ts).

const SPACE = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", title: "1号厂房", areaSqm: "5000", status: "可租售" };
const space = (cells: Record<string, string>) => checkTextRow("spaces", { ...SPACE, ...cells }, undefined, []);
const RECRUITER = { id: "R9", name: "张三", email: "r9@example.cn", phone: "13900000000", channel: "邮件", parks: "P1", capacity: "10" };
const recruiter = (cells: Record<string, string>) => checkTextRow("recruiters", { ...RECRUITER, ...cells }, undefined, []);

describe("层数 with its counting word", () => {
  it.each([
    ["3层", 3],
    ["共3层", 3],
    ["3 层", 3],
    ["三层", 3],
    ["4层楼", 4],
    ["４层", 4], // full-width digit
    ["3層", 3], // Traditional
    ["2 floors", 2],
    ["5", 5],
  ])("%j → %d", (cell, floors) => {
    expect(space({ floors: cell })).toEqual({ ok: true, value: expect.objectContaining({ floors }) });
  });

  it.each(["3栋", "3.5层", "三到五层", "层", "3层高"])("%j stays refused", (cell) => {
    const r = space({ floors: cell });
    expect(r.ok).toBe(false);
  });
});

describe("容量 with its counting word", () => {
  it.each([
    ["20条", 20],
    ["20个", 20],
    ["共20条", 20],
    ["二十条线索", 20],
    ["15 leads", 15],
  ])("%j → %d", (cell, capacity) => {
    expect(recruiter({ capacity: cell })).toEqual({ ok: true, value: expect.objectContaining({ capacity }) });
  });

  it.each(["20层", "20平"])("%j stays refused", (cell) => {
    expect(recruiter({ capacity: cell }).ok).toBe(false);
  });
});

describe("交易方式: both deals as park staff write them", () => {
  const BOTH = ["lease", "buy"];
  it.each([
    ["租售均可", BOTH],
    ["租售皆可", BOTH],
    ["租售都可以", BOTH],
    ["租售两可", BOTH],
    ["可租售", BOTH],
    ["出租或出售", BOTH],
    ["出售或出租", BOTH],
    ["出租出售", BOTH],
    ["租赁或出售均可", BOTH],
    ["租售", BOTH], // as before
    ["出租、出售", BOTH], // as before
    ["出租均可", ["lease"]],
    ["出租", ["lease"]],
  ])("%j → %j", (cell, deals) => {
    expect(space({ deals: cell })).toEqual({ ok: true, value: expect.objectContaining({ deals }) });
  });

  it.each(["均可", "租房", "出借"])("%j stays refused", (cell) => {
    expect(space({ deals: cell }).ok).toBe(false);
  });
});
