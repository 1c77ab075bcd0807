import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { planAssist } from "../../app/domain/need-assist";
import { describeNeedHints } from "../../app/domain/need-hints-text";
import { parseNeedText } from "../../app/domain/need-text";
import { validLeadJson } from "../support/leads";

// The notes assist reads the move-in month as the move-in field reads it (move-in.ts parseMoveInBy),
// relative to the clock it is given, and fills need.moveInBy only when the person left it blank.
const NOW = new Date("2026-12-01T02:00:00Z"); // 2026-12-01 10:00 in China

describe("parseNeedText with a clock: the move-in month", () => {
  it.each<[string, string]>([
    ["要5000平单层厂房，层高8米，在高淳，明年3月前", "2027-03"],
    ["3月份入驻", "2027-03"],
    ["希望3月份能入驻", "2027-03"],
    ["年底前", "2026-12"],
    ["今年年底前入驻", "2026-12"],
    ["明年年底", "2027-12"],
    ["下个月", "2027-01"],
    ["下个月就要搬进来", "2027-01"],
    // How people say moving in (a trial's 年底前要搬进去 and 希望年底能搬 were dropped without a word).
    ["年底前要搬进去", "2026-12"],
    ["希望年底能搬", "2026-12"],
    ["明年3月要搬过去", "2027-03"],
    ["最迟明年6月入住", "2027-06"],
    ["预计明年5月开业", "2027-05"],
    ["明年3月份投入使用", "2027-03"],
    ["下个月得搬家", "2027-01"],
    ["最晚年底前搬厂", "2026-12"],
    ["明年3月之前要搬进去", "2027-03"],
    ["三个月内能搬进去吧", "2027-03"],
    ["明年3月左右入驻", "2027-03"],
    ["希望明年3月前入驻", "2027-03"],
    ["尽快入驻", "2026-12"],
    ["越快越好", "2026-12"],
    ["三个月内能用", "2027-03"],
    ["半年内入驻", "2027-06"],
    ["计划2027年5月投产", "2027-05"],
    ["入驻时间：2027-06", "2027-06"],
    ["明年上半年", "2027-06"],
    ["厂房5000平，明年3月", "2027-03"],
    ["要仓库；最好明年初搬过来", "2027-01"],
  ])("%j → %s", (text, month) => {
    const r = parseNeedText(text, NOW);
    expect(r.hints.moveInBy).toBe(month);
    expect(r.found.find((f) => f.field === "moveInBy")?.text).toBeTruthy();
  });

  it.each(["5000平", "层高8米", "租期一年内", "3个月", "2020年3月", "明年3月前的价格", "3月份考察", "一九九八年"])(
    "%j → no move-in month (not a whole date, or past)",
    (text) => {
      expect(parseNeedText(text, NOW).hints.moveInBy).toBeUndefined();
    },
  );

  it("without a clock nothing is read (the parser is pure)", () => {
    expect(parseNeedText("明年3月前").hints.moveInBy).toBeUndefined();
  });

  it("the first date wins", () => {
    expect(parseNeedText("下个月，最晚明年3月", NOW).hints.moveInBy).toBe("2027-01");
  });
});

describe("the assist fills need.moveInBy only when blank", () => {
  it("plans it from the notes, and not when the field is filled", () => {
    expect(planAssist("明年3月前", new Set(), NOW).fills).toEqual([{ field: "moveInBy", value: "2027-03", text: "明年3月前" }]);
    expect(planAssist("明年3月前", new Set(["moveInBy"]), NOW).fills).toEqual([]);
  });

  it("says what it understood, in both languages", () => {
    expect(describeNeedHints({ moveInBy: "2027-03" }, "zh")).toEqual(["入驻 2027-03 前"]);
    expect(describeNeedHints({ moveInBy: "2027-03" }, "en")).toEqual(["move in by 2027-03"]);
  });

  function parse(need: Record<string, unknown>) {
    const base = validLeadJson();
    const r = createLeadSchema("zh", "hotline", { now: () => NOW }).safeParse({ ...base, need: { ...base.need, ...need } });
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    return r.data;
  }

  it("the schema stores it from the schema's clock and lists it as an assist fill", () => {
    const r = parse({ moveInBy: undefined, notes: "要5000平单层厂房，层高8米，在高淳，明年3月前" });
    expect(r.lead.need.moveInBy).toBe("2027-03");
    expect(r.assist).toContainEqual({ field: "need.moveInBy", value: "2027-03", text: "明年3月前" });
  });

  it("never overrides the typed month", () => {
    expect(parse({ moveInBy: "2027-08", notes: "明年3月前" }).lead.need.moveInBy).toBe("2027-08");
  });
});
