import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { validLeadJson } from "../support/leads";

// A choice of the lead (need kind, deal, area unit, 环评) as people and API clients write it
// (docs/decisions/097): its code in any case, or a word it goes by; anything else named with the choices.

type Body = Record<string, Record<string, unknown>>;
function parse(edit: (b: Body) => void, lng: "zh" | "en" = "zh") {
  const body = structuredClone(validLeadJson()) as unknown as Body;
  edit(body);
  return createLeadSchema(lng, "api").safeParse(body);
}

describe("a choice written as its code in any case, or as a word it goes by", () => {
  it.each<[string, string, string]>([
    ["need.kind", "Factory", "factory"],
    ["need.kind", "厂房", "factory"],
    ["need.kind", "标准厂房", "factory"],
    ["need.kind", "土地", "land"],
    ["need.kind", "写字楼", "office"],
    ["need.kind", "仓库", "warehouse"],
    ["need.kind", "ＷＡＲＥＨＯＵＳＥ", "warehouse"],
    ["need.deal", "租", "lease"],
    ["need.deal", "购买", "buy"],
    ["need.deal", "租或买", "either"],
    ["need.deal", "LEASE", "lease"],
    ["need.areaUnit", "亩", "mu"],
    ["need.areaUnit", "平米", "sqm"],
    ["use.eia", "报告表", "report-form"],
    ["use.eia", "环评登记表", "registration"],
    ["use.eia", "不需要", "none"],
  ])("%s %j → %s", (path, typed, code) => {
    const [group, field] = path.split(".");
    const r = parse((b) => (b[group][field] = typed));
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    expect((r.data.lead as unknown as Body)[group][field]).toBe(code);
  });
});

describe("anything else is refused with what was sent and every choice", () => {
  it("in Chinese, each code with its name", () => {
    const r = parse((b) => (b.need.kind = "厂房房"));
    expect(!r.success && issuesToFieldErrors(r.error)["need.kind"]).toEqual([
      "“厂房房”不是可选项；可选：factory（厂房）、land（土地）、office（办公）、warehouse（仓库）",
    ]);
  });
  it("in English, the codes", () => {
    const r = parse((b) => (b.need.deal = "rent-to-own"), "en");
    expect(!r.success && issuesToFieldErrors(r.error)["need.deal"]).toEqual([
      "“rent-to-own” is not one of the choices: lease, buy, either",
    ]);
  });
  it("a missing required choice still says to choose; a value of another type says so without echoing it", () => {
    const missing = parse((b) => delete b.need.kind);
    expect(!missing.success && issuesToFieldErrors(missing.error)["need.kind"]).toEqual(["请选择一项"]);
    const wrongType = parse((b) => (b.need.kind = 3));
    expect(!wrongType.success && issuesToFieldErrors(wrongType.error)["need.kind"]).toEqual(["请选择一项"]);
  });
});
