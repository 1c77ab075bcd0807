import { describe, expect, it } from "vitest";

import { cellReadings, checkTextRow } from "~/inventory/inventory-check";
import { readTextRow, writeCells } from "~/inventory/inventory-columns";

// New-user trial (12-05): a space's 状态 written as Chinese park staff write availability — 可租, 可售, 可租可售,
// 在租, 已租, 已售, 待租 — was refused (or read without its deal). These words say the status and the deal: the
// deal fills a blank 交易方式 and must be among the deals a filled one gives; 在租 says neither for sure and is
// refused asking for 可租 or 已租 (docs/decisions/169).

const SPACE = { id: "S1", parkId: "P1", kind: "厂房", title: "1号厂房", areaSqm: "5000" };
const check = (cells: Record<string, string>, stored: string[] = []) => checkTextRow("spaces", { ...SPACE, ...cells }, undefined, stored);
const LEASE = ["lease"];
const BUY = ["buy"];
const BOTH = ["lease", "buy"];

describe("a 状态 word that says the deal: the status stored, and the deals when 交易方式 is blank", () => {
  it.each([
    ["可租", "available", LEASE],
    ["可出租", "available", LEASE],
    ["待租", "available", LEASE],
    ["招租中", "available", LEASE],
    ["可售", "available", BUY],
    ["待售", "available", BUY],
    ["在售", "available", BUY],
    ["可租可售", "available", BOTH],
    ["可售可租", "available", BOTH],
    ["可租、可售", "available", BOTH],
    ["可租／可售", "available", BOTH], // full-width slash
    ["可租 或 可售", "available", BOTH],
    ["待租待售", "available", BOTH],
    [" 可租 ", "available", LEASE],
    ["已租", "let", LEASE],
    ["已出租", "let", LEASE],
    ["已租出", "let", LEASE],
    ["已售", "let", BUY],
    ["已出售", "let", BUY],
    ["已賣出", "let", BUY], // Traditional 賣
  ])("%j → %s, deals %j", (word, status, deals) => {
    expect(check({ status: word })).toEqual({ ok: true, value: expect.objectContaining({ status, deals }) });
    // The same with 交易方式 given as the word says it.
    expect(check({ status: word, deals: deals.length === 2 ? "出租、出售" : deals[0] === "lease" ? "出租" : "出售" })).toMatchObject({
      ok: true,
      value: { status, deals },
    });
  });

  it("a word naming one of two deals 交易方式 gives is taken, the deals as given (可租 beside 出租、出售)", () => {
    expect(check({ status: "可租", deals: "出租、出售" })).toMatchObject({ ok: true, value: { status: "available", deals: BOTH } });
    expect(check({ status: "已售", deals: "租售" })).toMatchObject({ ok: true, value: { status: "let", deals: BOTH } });
  });

  it("the column's own names say no deal, as before: 可租售 with 交易方式 blank still asks for it", () => {
    expect(check({ status: "已租售", deals: "出售" })).toMatchObject({ ok: true, value: { status: "let", deals: BUY } });
    expect(check({ status: "空置", deals: "出租" })).toMatchObject({ ok: true, value: { status: "available", deals: LEASE } });
    const blank = check({ status: "可租售" });
    expect(blank.ok).toBe(false);
    expect(!blank.ok && blank.issues.map((i) => i.key)).toEqual(["deals"]);
  });

  it("an export re-imports to the same status and deals (the export writes the names, never a deal word)", () => {
    for (const [status, deals] of [
      ["available", LEASE],
      ["let", BUY],
      ["reserved", BOTH],
    ] as const) {
      const cells = writeCells("spaces", { ...SPACE, kind: "factory", areaSqm: 5000, status, deals: [...deals] } as never);
      expect(readTextRow("spaces", cells).value).toMatchObject({ status, deals });
    }
  });
});

describe("a 状态 word that disagrees with 交易方式 is refused at 状态, naming both", () => {
  it.each([
    ["可售", "出租"],
    ["可租可售", "出租"],
    ["可租、可售", "出售"],
    ["待租", "出售"],
    ["已售", "出租"],
    ["已租", "出售"],
  ])("%j beside 交易方式 %j", (word, deals) => {
    const r = check({ status: word, deals });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.key)).toEqual(["status"]);
  });

  it("said in zh and en", () => {
    const r = check({ status: "可售", deals: "出租" });
    expect(!r.ok && r.issues[0].reason).toEqual({
      zh: "状态“可售”表示可以出售，与交易方式“出租”不一致：请改正其中一项（状态也可写“可租售”，租售以交易方式为准）",
      en: "status “可售” says for sale, but the deals say “for lease”: correct one of them (or write the status as 可租售, available, and let the deals say the deal)",
    });
    const sold = check({ status: "已售", deals: "出租" });
    expect(!sold.ok && sold.issues[0].reason.zh).toContain("状态“已售”表示已经售出，与交易方式“出租”不一致");
  });

  it("交易方式 holding a stored row's deals (its cell blank) is said so", () => {
    const r = check({ status: "可售", deals: "出租" }, ["deals"]);
    expect(!r.ok && r.issues[0]).toEqual({
      key: "status",
      reason: {
        zh: "状态“可售”表示可以出售，与交易方式“出租”（交易方式未填，沿用原值）不一致：请在交易方式一栏写明租售，或改正状态",
        en: "status “可售” says for sale, but the deals are “for lease” (the deals cell is blank: the stored value, kept): write the deals in their cell, or correct the status",
      },
    });
  });

  it("an unreadable 交易方式 is said at its own cell only", () => {
    const r = check({ status: "可售", deals: "看情况" });
    expect(!r.ok && r.issues.map((i) => i.key)).toEqual(["deals"]);
  });
});

describe("在租 says neither for sure", () => {
  it.each(["在租", " 在租 ", "出租中"])("%j is refused asking for 可租 or 已租, with or without 交易方式", (word) => {
    for (const cells of [{ status: word }, { status: word, deals: "出租" }] as Record<string, string>[]) {
      const r = check(cells);
      expect(r.ok).toBe(false);
      const at = !r.ok ? r.issues.find((i) => i.key === "status") : undefined;
      expect(at?.reason.zh).toBe(`“${word.trim()}”既可指正在招租，也可指已经租出，无法判断：正在招租请写“可租”，已经租出请写“已租”`);
      expect(at?.reason.en).toBe(
        `“${word.trim()}” is said both of a space on offer for lease and of one already let: write 可租 (for lease) or 已租 (let)`,
      );
    }
  });
});

describe("交易方式 takes the words of a space on offer too", () => {
  it.each([
    ["可租", LEASE],
    ["可售", BUY],
    ["可租、可售", BOTH],
    ["可租或可售", BOTH],
  ])("%j → %j", (deals, expected) => {
    expect(check({ status: "可租售", deals })).toMatchObject({ ok: true, value: { deals: expected } });
  });
});

describe("what the word was read as is said back", () => {
  const said = (cells: Record<string, string>) => {
    const row = { ...SPACE, ...cells };
    const r = checkTextRow("spaces", row);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return cellReadings("spaces", row, r.value).map((d) => [d.key, d.reason.zh, d.reason.en]);
  };

  it("with the deals it gave a blank 交易方式", () => {
    expect(said({ status: "可租" })).toEqual([
      [
        "status",
        "状态“可租”读作“可租售”，交易方式按它填为：出租",
        "status “可租” read as “available”, and the deals as it says: for lease",
      ],
    ]);
    expect(said({ status: "可租可售" })).toEqual([
      [
        "status",
        "状态“可租可售”读作“可租售”，交易方式按它填为：出租、出售",
        "status “可租可售” read as “available”, and the deals as it says: for lease, for sale",
      ],
    ]);
    expect(said({ status: "已售" })[0][1]).toBe("状态“已售”读作“已租售”，交易方式按它填为：出售");
  });

  it("when 交易方式 is given: on offer, the deal it says as the deals cell's — never as if 可租售 added a sale (readers42)", () => {
    expect(said({ status: "可租", deals: "出租" })).toEqual([
      [
        "status",
        "状态“可租”读作“可租售”（正在招商），它说的可以出租与交易方式“出租”一致，租售按交易方式存",
        "status “可租” read as “available” (on offer); it says for lease, as the deals “出租” do: the deals are stored as that cell gives them",
      ],
    ]);
  });
});
