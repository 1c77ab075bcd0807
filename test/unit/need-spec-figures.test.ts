import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { type NeedHints, parseNeedText } from "../../app/domain/need-text";
import { parseCeilingM, parsePowerKva } from "../../app/domain/units";
import { validLeadJson } from "../support/leads";

// Spec figures as people type them, in the notes and in the fields: a spoken tenth after 米 ("8米5"),
// transformers counted ("2台500kva"), crane and load units written every way. A wrong value is worse
// than none: what cannot be read whole is left alone or reported, never cut short.
const NOW = new Date("2026-12-01T02:00:00Z");

function need(patch: Record<string, unknown>) {
  const base = validLeadJson();
  const r = createLeadSchema("zh", "api", { now: () => NOW }).safeParse({ ...base, need: { ...base.need, ...patch } });
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead.need;
}

describe("parseCeilingM: a spoken tenth after 米", () => {
  it.each<[string, number]>([
    ["8米5", 8.5],
    ["八米五", 8.5],
    ["9米3", 9.3],
    ["12米5", 12.5],
    ["8 米 5", 8.5],
    ["8米半", 8.5],
    ["8.5米", 8.5],
  ])("%j → %d m", (typed, m) => {
    expect(parseCeilingM(typed)).toBe(m);
  });

  it.each(["8米05", "8.5米5", "9米0", "8米5米"])("%j → null (not a height as written)", (typed) => {
    expect(parseCeilingM(typed)).toBeNull();
  });

  it.each<[string, number]>([
    ["层高8米5", 8.5],
    ["8米5", 8.5],
    ["净高：九米三", 9.3],
  ])("ceilingMinM %j → %d", (typed, m) => {
    expect(need({ ceilingMinM: typed }).ceilingMinM).toBe(m);
  });

  it("craneMinT reads past the crane's kind too: 双梁行车16吨", () => {
    expect(need({ craneMinT: "双梁行车16吨" }).craneMinT).toBe(16);
  });
});

describe("notes: spec figures", () => {
  it.each<[string, NeedHints]>([
    // crane: each crane's capacity, never multiplied by how many
    ["10t行车", { craneMinT: 10 }],
    ["10吨行车", { craneMinT: 10 }],
    ["行车 10 T", { craneMinT: 10 }],
    ["双梁行车16吨", { craneMinT: 16 }],
    ["需要2台10吨行车", { craneMinT: 10 }],
    ["需要10吨行车2台", { craneMinT: 10 }],
    // floor load
    ["承重3t/㎡", { floorLoadMinKg: 3000 }],
    ["3吨/平", { floorLoadMinKg: 3000 }],
    ["地面承重5吨每平米", { floorLoadMinKg: 5000 }],
    // ceiling, with the spoken tenth
    ["层高 8.5m", { ceilingMinM: 8.5 }],
    ["层高8米5", { ceilingMinM: 8.5 }],
    ["层高八米五", { ceilingMinM: 8.5 }],
    ["8米5的层高", { ceilingMinM: 8.5 }],
    ["净高9米3以上", { ceilingMinM: 9.3 }],
    ["层高8米5，承重3吨", { ceilingMinM: 8.5, floorLoadMinKg: 3000 }],
    ["层高8米，5吨行车", { ceilingMinM: 8, craneMinT: 5 }],
    // power: transformers add up
    ["配电1000KVA", { powerMinKva: 1000 }],
    ["1000千伏安", { powerMinKva: 1000 }],
    ["2台500kva变压器", { powerMinKva: 1000 }],
    ["变压器2台500kva", { powerMinKva: 1000 }],
    ["两台630千伏安的变压器", { powerMinKva: 1260 }],
    ["配电2x630kva", { powerMinKva: 1260 }],
    ["2×500kva", { powerMinKva: 1000 }],
    ["630kva×2", { powerMinKva: 1260 }],
    ["变压器500kva两台", { powerMinKva: 1000 }],
    ["配电500kva，2台行车", { powerMinKva: 500 }],
    ["配电500kva 2台10吨行车", { powerMinKva: 500, craneMinT: 10 }],
  ])("%j → %j", (text, hints) => {
    expect(parseNeedText(text).hints).toEqual(hints);
    expect(parseNeedText(text).unread).toEqual([]);
  });

  it("层高8米5000平: the 5 starts the area, it is no tenth of the height", () => {
    expect(parseNeedText("层高8米5000平").hints).toMatchObject({ ceilingMinM: 8, areaMinSqm: 4500, areaMaxSqm: 5500 });
  });

  it("a transformer count with no size is reported, not guessed", () => {
    expect(parseNeedText("变压器2台").hints.powerMinKva).toBeUndefined();
    expect(parseNeedText("变压器2台").unread).toEqual(["变压器2"]);
  });

  // ADR 076: the notes read a counted figure with the field's reader; what the field refuses (two sizes,
  // an unclear count) the notes report whole instead of reading its first part.
  it.each([
    ["2台500kva和1台800kva", "2台500kva和1台800kva"],
    ["配电500kva、800kva", "配电500kva、800kva"],
    ["需要2-3台500kva变压器", "2-3台500kva"],
    ["需要两三台500kva", "两三台500kva"],
    ["需要2台变压器", "2台变压器"],
  ])("%j: the field refuses it, the notes report %j and fill nothing", (text, unread) => {
    const r = parseNeedText(text);
    expect(r.hints.powerMinKva).toBeUndefined();
    expect(r.unread).toEqual([unread]);
  });

  // The field's count grammar (units.ts COUNT_SOURCE): 台/组/套/部/个, 1–99, in digits or words.
  it.each([
    ["需要3套500kva变压器", 1500],
    ["两部500千伏安变压器", 1000],
    ["配电2个630kva", 1260],
    ["一组1250kva", 1250],
    ["12台630kva变压器", 7560],
    ["十二台630kva", 7560],
    ["变压器500kva十台", 5000],
    ["2台500kva和2台500kva", 2000],
    ["配电500kva三个月内入驻", 500],
  ])("%j → %d kVA, as the power field reads it", (text, kva) => {
    const r = parseNeedText(text);
    expect(r.hints.powerMinKva).toBe(kva);
    expect(r.unread).toEqual([]);
    const field = text.replace(/^(?:需要|配电)/, "").replace(/三个月内入驻$/, "");
    expect(parsePowerKva(field)).toBe(kva);
  });
});
