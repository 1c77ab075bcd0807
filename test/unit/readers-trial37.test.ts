import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { readMoveIn } from "~/domain/move-in";
import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";
import { wechatBoxIsPhone } from "~/domain/phone";
import { parsePowerKva } from "~/domain/units";
import { notRead } from "~/leads/lead-view.server";

import { validLeadJson } from "../support/leads";

// docs/decisions/173 (trial37): what enterprises type, read as they mean it — a clause a reader used is never told to
// them as unread (H1), a budget said 两万五 / 2万5 is kept whole (H2), transformers counted in English add up (M1), a
// quarter's end reads as the quarter (M3), "same as phone" in the WeChat box (L2).

const AT = new Date("2026-12-05T04:00:00Z");

function lead(need: Record<string, unknown>, lng: "zh" | "en" = "zh", contact: Record<string, unknown> = {}) {
  const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown>; contact: Record<string, unknown> };
  body.need = { kind: "factory", deal: "lease", areaMin: "3000", ...need };
  body.contact = { ...body.contact, ...contact };
  const r = createLeadSchema(lng, "api", { now: () => AT }).safeParse(body);
  if (!r.success) return { errors: issuesToFieldErrors(r.error) } as const;
  return { lead: r.data.lead, notRead: notRead(r.data.lead.need as never, r.data.lead.flags, AT) } as const;
}
function accepted(need: Record<string, unknown>, lng: "zh" | "en" = "zh", contact: Record<string, unknown> = {}) {
  const r = lead(need, lng, contact);
  if (!r.lead) throw new Error(JSON.stringify(r.errors));
  return r;
}
const en = (s: string) => (/[a-z]/i.test(s) ? "en" : "zh");

describe("H1: a clause whose figure or kind was read is never listed as not read", () => {
  it.each<[string, Record<string, unknown>]>([
    ["要有5吨行车", { craneMinT: 5 }],
    ["要有行车5吨", { craneMinT: 5 }],
    ["必须有5吨行车", { craneMinT: 5 }],
    ["得有5吨行车", { craneMinT: 5 }],
    ["带5吨行车", { craneMinT: 5 }],
    ["要求有5吨行车", { craneMinT: 5 }],
    ["一定要有10吨行车", { craneMinT: 10 }],
    ["务必有10吨行车，配备800千伏安配电", { craneMinT: 10, powerMinKva: 800 }],
    ["需配5吨行车", { craneMinT: 5 }],
    ["要有10吨行车，层高9米", { craneMinT: 10, ceilingMinM: 9 }],
    ["必须有2台630千伏安变压器", { powerMinKva: 1260 }],
    ["Need a single-storey building, ceiling at least 10 m", { singleStorey: true, ceilingMinM: 10 }],
    ["Must have a 10t crane", { craneMinT: 10 }],
    ["Requires a 5 t crane", { craneMinT: 5 }],
    ["power 1000 kVA, two 10 t cranes", { powerMinKva: 1000, craneMinT: 10 }],
  ])("%j: read, and not listed", (notes, read) => {
    const r = accepted({ notes }, en(notes));
    expect(r.lead.need).toMatchObject(read);
    expect(r.notRead).toEqual([]);
  });

  it("the hotline desk's list (the same function on the need as typed, no flags yet) agrees", () => {
    for (const notes of ["要有5吨行车", "带5吨行车", "要求有5吨行车，层高9米", "Need a single-storey building"])
      expect(notRead({ notes, kind: "factory", regions: [] }, [], AT)).toEqual([]);
  });

  it.each<[string, string[]]>([
    // A condition beside the lead-in words is still a condition no reader took.
    ["需要带月台的仓库", ["需要带月台的仓库"]],
    ["要有5吨行车，带月台", ["带月台"]],
    ["要有5吨行车和月台", ["要有5吨行车和月台"]],
    ["必须有环评", ["必须有环评"]],
    ["要有5吨行车，要有平台", ["要有平台"]],
    ["Must have a 10t crane and a loading dock", ["a loading dock"]],
    ["two loading docks, 10 t crane", ["two loading docks"]],
  ])("%j: the condition not read is still listed", (notes, parts) => {
    expect(accepted({ notes }, en(notes)).notRead).toEqual(parts);
  });
});

describe("H2: a budget said with its last digit after 万 / 千 is quoted whole, and a period before the figure is read", () => {
  const budget = (notes: string) => parseNeedText(notes, AT, [extractMoney], "factory").budget;
  it.each<[string, string]>([
    ["月租不超过两万五", "月租不超过两万五"],
    ["租金每月2万5以内", "租金每月2万5以内"],
    ["租金一个月不超过两万五", "租金一个月不超过两万五"],
    ["预算两万五一个月", "预算两万五一个月"],
    ["月租一万二左右", "月租一万二左右"],
    ["月租两千五", "月租两千五"],
    ["月租金最多2万5", "月租金最多2万5"],
    ["总价1亿2", "总价1亿2"],
    ["租金一年三十万", "租金一年三十万"],
    ["租金每年不超过30万", "租金每年不超过30万"],
    ["预算2万5千元/月", "预算2万5千元/月"],
    ["月租两万五一个月", "月租两万五一个月"],
    // The same cut after 块/元: the jiao said after the unit is the figure's.
    ["租金每平米不超过两块五", "租金每平米不超过两块五"],
    ["每平米2块5一个月", "每平米2块5一个月"],
    ["单价2元5角/平/月", "单价2元5角/平/月"],
    ["每平米2块55", "每平米2块55"],
  ])("%j → %j", (notes, text) => {
    expect(budget(notes)).toEqual([text]);
  });

  it("the budget is flagged whole for the recruiter and its clause is not listed as unread (form, API, hotline)", () => {
    const notes = "要一个两千平左右的仓库，最好在江宁，不要浦口，租金一个月不超过两万五，年底前要用";
    const r = accepted({ notes, kind: "warehouse", regions: [] });
    expect(r.lead.flags.filter((f) => f.code === "budget").map((f) => f.text)).toEqual(["租金一个月不超过两万五"]);
    expect(r.notRead).toEqual([]);
    expect(notRead({ notes, kind: "warehouse", regions: [] }, [], AT)).toEqual([]);
  });

  it("an annual tax said the same way was and is read as its number", () => {
    const found = parseNeedText("年纳税两万五", AT, [extractMoney], "factory").found;
    expect(found.filter((f) => f.field === "annualTaxWan").map((f) => f.value)).toEqual([2.5]);
  });
});

describe("M1: transformers counted in English add up as 2台630千伏安 does", () => {
  it.each<[string, number]>([
    ["2 transformers of 630 kVA", 1260],
    ["two 630 kVA transformers", 1260],
    ["two 630kva transformers", 1260],
    ["3 transformers rated 500 kVA", 1500],
    ["three transformers rated at 500 kVA each", 1500],
    ["twelve 630 kVA transformers", 7560],
    ["2台630千伏安变压器", 1260],
    ["630 kVA", 630],
  ])("the power box: %j → %d kVA", (typed, kva) => {
    expect(parsePowerKva(typed)).toBe(kva);
  });

  it.each<[string, number]>([
    ["Need a single-storey building, ceiling at least 10 m, 2 transformers of 630 kVA, 16t crane.", 1260],
    ["two 630 kVA transformers", 1260],
    ["We need three transformers rated 500 kVA each", 1500],
    ["transformers of 630 kVA", 630],
  ])("the notes: %j → %d kVA, nothing left unread", (notes, kva) => {
    const r = accepted({ notes }, "en");
    expect(r.lead.need.powerMinKva).toBe(kva);
    expect(r.notRead).toEqual([]);
  });

  it("a crane's count does not multiply in English either", () => {
    expect(accepted({ notes: "two 10 t cranes" }, "en").lead.need.craneMinT).toBe(10);
  });
});

describe("M3: a quarter or half year with its end words reads as the quarter, in English and in Chinese", () => {
  it.each<[string, string]>([
    ["by end of Q2 2027", "2027-06"],
    ["end of Q2 2027", "2027-06"],
    ["by the end of Q2 2027", "2027-06"],
    ["Q2 2027 end", "2027-06"],
    ["the end of the second quarter of 2027", "2027-06"],
    ["2nd quarter 2027", "2027-06"],
    ["2027Q2", "2027-06"],
    ["2027 Q2末", "2027-06"],
    ["Q2'27", "2027-06"],
    ["end of Q1 next year", "2027-03"],
    ["by end of H1 2027", "2027-06"],
    ["end of Q2", "2027-06"],
    ["2027年二季度末", "2027-06"],
    ["Q2末", "2027-06"],
    ["we want to move in by end of Q2 2027", "2027-06"],
  ])("%j → %s", (typed, month) => {
    expect(readMoveIn(typed, AT)).toEqual({ ok: true, month });
    expect(accepted({ moveInBy: typed }, en(typed)).lead.need.moveInBy).toBe(month);
  });

  it("words not read say what was typed and one month to write, not the hint again", () => {
    const zh = lead({ moveInBy: "等厂房批下来" });
    const english = lead({ moveInBy: "when the permit comes" }, "en");
    expect(zh.errors?.["need.moveInBy"]).toEqual(["没能从“等厂房批下来”读出月份：请写年-月，例如 2027-06"]);
    expect(english.errors?.["need.moveInBy"]).toEqual([
      "“when the permit comes” could not be read as a month: write the year and month, e.g. 2027-06",
    ]);
  });
});

describe("L2: the WeChat box saying it is the phone, in English as in Chinese", () => {
  it.each(["same as phone", "Same as my mobile number", "same as above", "same number", "同手机", "同上", "微信同号"])(
    "%j → WeChat is the phone (stored as the marker, docs/decisions/190)",
    (wechat) => {
      expect(wechatBoxIsPhone(wechat)).toBe(true);
      const { contact } = accepted({ notes: "要有月台" }, en(wechat), { wechat }).lead;
      expect(contact.wechatSameAsPhone).toBe(true);
      expect(contact.wechat).toBeUndefined();
    },
  );
  it.each(["wang_88", "samuel_li", "phone123"])("%j stays an id", (wechat) => {
    expect(wechatBoxIsPhone(wechat)).toBe(false);
    expect(accepted({ notes: "要有月台" }, "en", { wechat }).lead.contact.wechat).toBe(wechat);
  });
});
