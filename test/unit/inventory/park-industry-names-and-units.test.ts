import { describe, expect, it } from "vitest";

import { readIndustry } from "~/domain/industry-search";
import { checkTextRow } from "~/inventory/inventory-check";
import { parkSchema } from "~/inventory/inventory-schema";

// A park's 主导产业 took GB/T 4754 codes only ("金属制品" is C33's name and was refused), and its tax
// thresholds refused figures written in the field's own unit ("每亩15万", "20万/千平"). New-user trial.
const park = { id: "P1", name: "高淳园", province: "江苏省", city: "南京市", district: "高淳区" };

describe("主导产业 / 禁入产业: names read to codes", () => {
  it.each([
    ["金属制品、通用设备、家具", ["C33", "C34", "C21"]],
    ["金属制品业，专用设备制造业", ["C33", "C35"]],
    ["C35、化学原料和化学制品制造业", ["C35", "C26"]],
    ["制造业", ["C"]],
    ["33 c39", ["C33", "C39"]],
    ["五金", ["C33"]],
    ["食品", ["C14"]], // 食品制造业's short name
    // A name that reads to a code already typed is kept once, in the order first typed (trial 12-05 L14).
    ["C39、C40、I65、C38、锂电池", ["C39", "C40", "I65", "C38"]],
    ["锂电池、C39、c38，电池", ["C38", "C39"]],
    ["金属制品 C33 c33 33", ["C33"]],
  ])("%s → %j", (typed, codes) => {
    // Each list alone: one industry in both is refused (docs/decisions/103).
    const focus = checkTextRow("parks", { ...park, industries: typed });
    const excluded = checkTextRow("parks", { ...park, excludedIndustries: typed });
    expect(focus.ok && excluded.ok).toBe(true);
    if (!focus.ok || !excluded.ok) return;
    expect(focus.value.industries).toEqual(codes);
    expect(excluded.value.excludedIndustries).toEqual(codes);
  });

  it("an ambiguous name is refused naming its candidates, in zh and en", () => {
    const r = checkTextRow("parks", { ...park, industries: "机械" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].key).toBe("industries");
    expect(r.issues[0].reason.zh).toContain("“机械”可指多个行业：");
    expect(r.issues[0].reason.zh).toContain("C34 通用设备制造业");
    expect(r.issues[0].reason.zh).toContain("C35 专用设备制造业");
    expect(r.issues[0].reason.en).toContain("C34 Manufacture of general-purpose machinery");
  });

  it("an unknown name says how to write it", () => {
    const r = checkTextRow("parks", { ...park, industries: "金属制品、量子玄学" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].reason.zh).toContain("无法识别行业“量子玄学”");
    expect(r.issues[0].reason.en).toContain("unknown industry “量子玄学”");
  });

  it("the JSON import reads names too", () => {
    const r = parkSchema.safeParse({ ...park, industries: ["通用设备", "C39"] });
    expect(r.success && r.data.industries).toEqual(["C34", "C39"]);
  });

  it("readIndustry keeps an exact name over a longer one containing it (金属制品 is not C43)", () => {
    expect(readIndustry("金属制品")).toEqual({ ok: true, code: "C33" });
    expect(readIndustry("机械")).toMatchObject({ ok: false });
  });
});

describe("tax thresholds in the field's own unit", () => {
  it.each([
    ["minTaxPerMuWan", "每亩15万", 15],
    ["minTaxPerMuWan", "亩均15万元", 15],
    ["minTaxPerMuWan", "15万元/亩", 15],
    ["minTaxPerMuWan", "15万每亩", 15],
    ["minTaxPerMuWan", "15", 15],
    ["minInvestmentPerMuWan", "每亩300万元", 300],
    ["minTaxPer1000SqmWan", "20万/千平", 20],
    ["minTaxPer1000SqmWan", "20万元/千平方米", 20],
    ["minTaxPer1000SqmWan", "每千平米20万", 20],
    ["minTaxPer1000SqmWan", "20万/1000㎡", 20],
    ["minTaxPer1000SqmWan", "20", 20],
  ])("%s %s → %s", (key, typed, wan) => {
    const r = checkTextRow("parks", { ...park, [key]: typed });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as Record<string, unknown>)[key]).toBe(wan);
  });

  it.each([
    ["minTaxPerMuWan", "20万/千平", "每千平方米", "每亩"],
    ["minTaxPerMuWan", "每平方米500元", "每平方米", "每亩"],
    ["minTaxPer1000SqmWan", "每亩15万", "每亩", "每千平方米"],
    ["minTaxPer1000SqmWan", "15万/万平", "每万平方米", "每千平方米"],
    ["minInvestmentPerMuWan", "300万/公顷", "每公顷", "每亩"],
  ])("%s %s (another unit) is refused at the field naming both units", (key, typed, unit, own) => {
    const r = checkTextRow("parks", { ...park, [key]: typed });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].key).toBe(key);
    expect(r.issues[0].reason.zh).toBe(`“${typed}”是${unit}的数：本栏按${own}计，请换算成${own}后填写`);
    expect(r.issues[0].reason.en).toContain("this field is per");
  });
});
