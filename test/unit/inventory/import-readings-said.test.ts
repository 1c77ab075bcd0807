import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { validateInventory } from "~/inventory/import.server";
import { readSourceRows } from "~/inventory/import-plan.server";
import { cellReadings, checkTextRow } from "~/inventory/inventory-check";
import { readJsonNumbers } from "~/inventory/inventory-columns";

// A trial (2026-12-04): the import read "约五千" as 5000 and "空置" as 可租售 and said nothing, while it says
// what it read days and place names as (提示, ADR 103/107). Now every figure cell whose words its one figure
// cannot keep, and every choice written in other words than its name, is said back — the Excel/CSV preview's
// 提示, the admin form's flash and the JSON import's notes alike (docs/decisions/117).

const SPACE = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", title: "1号厂房", areaSqm: "5000", status: "可租售" };

/** What the import says back for a space row with `cells` over SPACE, in `lng`: column key → message. */
function said(cells: Record<string, string>, lng: "zh" | "en" = "zh", collection: "spaces" | "recruiters" = "spaces") {
  const row = collection === "spaces" ? { ...SPACE, ...cells } : cells;
  const r = checkTextRow(collection, row);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return cellReadings(collection, row, r.value).map((d) => [d.key, d.reason[lng]]);
}

describe("a figure cell's word its one figure cannot keep is said back", () => {
  it.each([
    ["areaSqm", "约五千", "面积“约五千”读作 5000\u00a0㎡（一格只存一个数：约数按所写的数存入）"],
    ["areaSqm", "5000平左右", "面积“5000平左右”读作 5000\u00a0㎡（一格只存一个数：约数按所写的数存入）"],
    ["areaSqm", "五千来平", "面积“五千来平”读作 5000\u00a0㎡（一格只存一个数：约数按所写的数存入）"],
    ["areaSqm", "大概30亩", "面积“大概30亩”读作 20000\u00a0㎡（一格只存一个数：约数按所写的数存入）"],
    ["areaSqm", "3000多平", "面积“3000多平”读作 3000\u00a0㎡（一格只存一个数：“以上/多”按所写的数存入）"],
    ["areaSqm", "5000平以上", "面积“5000平以上”读作 5000\u00a0㎡（一格只存一个数：“以上/多”按所写的数存入）"],
    ["ceilingM", "8米以上", "层高（米）“8米以上”读作 8（一格只存一个数：“以上/多”按所写的数存入）"],
    ["powerKva", "约1000kva", "配电（千伏安）“约1000kva”读作 1000（一格只存一个数：约数按所写的数存入）"],
    ["rentYuanPerSqmMonth", "25元以内", "租金（元/㎡/月）“25元以内”读作 25（一格只存一个数：“以内/以下”按所写的数存入）"],
  ])("%s “%s”", (key, typed, message) => {
    expect(said({ [key]: typed })).toEqual([[key, message]]);
  });

  it("in English too", () => {
    expect(said({ areaSqm: "约五千" }, "en")).toEqual([
      ["areaSqm", "area “约五千” read as 5000\u00a0㎡ (a cell holds one figure: “about” is stored as the figure written)"],
    ]);
  });
});

describe("a choice written in other words than its name is said back", () => {
  it.each([
    ["status", "空置", "状态“空置”读作“可租售”", "status “空置” read as “available”"],
    [
      "status",
      "待租",
      "状态“待租”读作“可租售”（正在招商），它说的可以出租与交易方式“出租”一致，租售按交易方式存",
      "status “待租” read as “available” (on offer); it says for lease, as the deals “出租” do: the deals are stored as that cell gives them",
    ],
    ["status", "意向中", "状态“意向中”读作“已预留”", "status “意向中” read as “reserved”"],
    ["kind", "标准厂房", "类型“标准厂房”读作“厂房”", "kind “标准厂房” read as “factory building”"],
    ["deals", "租售", "交易方式“租售”读作“出租、出售”", "deals “租售” read as “for lease, for sale”"],
    ["deals", "租赁", "交易方式“租赁”读作“出租”", "deals “租赁” read as “for lease”"],
  ])("%s “%s”", (key, typed, zh, en) => {
    expect(said({ [key]: typed })).toEqual([[key, zh]]);
    expect(said({ [key]: typed }, "en")).toEqual([[key, en]]);
  });

  it("a recruiter's channel written 电话 is the hotline", () => {
    const cells = { id: "R1", name: "张三", email: "r1@example.com", phone: "13912345678", channel: "电话", parks: "P1", capacity: "5" };
    expect(said(cells, "zh", "recruiters")).toEqual([["channel", "通知方式“电话”读作“热线”"]]);
  });

  it("a cell written as stored — its name, its English name, its value, or a plain figure — says nothing", () => {
    expect(said({})).toEqual([]);
    expect(
      said({ status: "available", kind: "factory", deals: "出租、出售", areaSqm: "5千平", ceilingM: "8米", singleStorey: "是" }),
    ).toEqual([]);
    expect(said({ deals: "出租,出售", status: "Available", singleStorey: "有" })).toEqual([]);
    expect(said({ status: "空置", areaSqm: "5千平" }).map(([key]) => key)).toEqual(["status"]); // only what was read to other words
  });
});

describe("the preview's 提示 and the JSON import say the same", () => {
  it("a CSV's rows: 提示 per cell, under the file's own column letters", async () => {
    const text = "编号,园区编号,类型,交易方式,名称,面积,状态\r\nS1,P1,厂房,出租,1号厂房,约五千,空置\r\n";
    const read = await readWorkbook(Buffer.from(text), "空间.csv");
    const rows = readSourceRows(read);
    expect(rows.errors).toEqual([]);
    expect(rows.notes.map((n) => [n.column, n.reason.zh])).toEqual([
      [expect.stringContaining("F"), "面积“约五千”读作 5000\u00a0㎡（一格只存一个数：约数按所写的数存入）"],
      [expect.stringContaining("G"), "状态“空置”读作“可租售”"],
    ]);
  });

  it("the JSON import (API, npm run import) reads a figure string the same way and keeps the note", () => {
    const json = {
      spaces: [{ id: "S1", parkId: "P1", kind: "factory", deals: ["lease"], title: "1号", areaSqm: "约五千", status: "available" }],
    };
    expect(readJsonNumbers("spaces", json.spaces[0]).notes.map((n) => [n.path, n.reason.en])).toEqual([
      [["areaSqm"], "area “约五千” read as 5000\u00a0㎡ (a cell holds one figure: “about” is stored as the figure written)"],
    ]);
    const checked = validateInventory(json);
    expect(checked.ok && checked.notes).toEqual([
      {
        collection: "spaces",
        index: 0,
        id: "S1",
        notes: ["areaSqm: area “约五千” read as 5000\u00a0㎡ (a cell holds one figure: “about” is stored as the figure written)"],
      },
    ]);
    expect(validateInventory({ spaces: [{ ...json.spaces[0], areaSqm: "5000" }] })).toMatchObject({ ok: true, notes: [] });
  });
});
