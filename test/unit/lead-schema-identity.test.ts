import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../app/domain/lead-schema";
import { describeFlag } from "../../app/i18n/flag-messages";
import { validLeadJson } from "../support/leads";

// The schema's side of phones, credit codes, consent and invisible characters (issue 9, items 9, 14, 16).

function parse(body: unknown, channel: LeadChannel = "api", lng: "zh" | "en" = "zh") {
  return createLeadSchema(lng, channel).safeParse(body);
}
function errorsOf(body: unknown, channel: LeadChannel = "api", lng: "zh" | "en" = "zh") {
  const r = parse(body, channel, lng);
  if (r.success) throw new Error("expected a refusal");
  return issuesToFieldErrors(r.error);
}
const base = validLeadJson();

describe("consent is required on every channel", () => {
  const channels: LeadChannel[] = ["web", "api", "hotline"];
  it.each(channels.flatMap((c) => [undefined, false, "false", "no", 0, null, "", "off"].map((v) => [c, v] as const)))(
    "%s with consent %j → refused on consent",
    (channel, value) => {
      const body = { ...base, consent: value };
      if (value === undefined) delete (body as { consent?: unknown }).consent;
      const errors = errorsOf(body, channel);
      expect(Object.keys(errors)).toEqual(["consent"]);
      expect(errors.consent[0]).toMatch(channel === "hotline" ? /口头同意/ : /同意个人信息处理说明/);
    },
  );

  it.each(channels.flatMap((c) => [true, "on", "true"].map((v) => [c, v] as const)))("%s with consent %j → accepted", (channel, value) => {
    const r = parse({ ...base, consent: value }, channel);
    expect(r.success && r.data.lead.consent).toBe(true);
  });

  it("answers in English too", () => {
    expect(errorsOf({ ...base, consent: false }, "api", "en").consent[0]).toMatch(/accept the personal information notice/);
    expect(errorsOf({ ...base, consent: false }, "hotline", "en").consent[0]).toMatch(/oral consent/);
  });
});

describe("credit codes in the lead", () => {
  it("keeps a code whose check character fails and flags it for the recruiter (zh and en)", () => {
    const body = { ...base, company: { name: "南京校验测试有限公司", creditCode: "9111 0000 6000 3734 1n" } };
    const zh = parse(body);
    expect(zh.success).toBe(true);
    if (!zh.success) return;
    expect(zh.data.lead.company.creditCode).toBe("91110000600037341N");
    const flags = zh.data.lead.flags;
    expect(flags).toEqual([{ field: "company.creditCode", code: "creditCodeCheck", text: "91110000600037341N" }]);
    expect(describeFlag("zh", flags[0])).toBe("统一社会信用代码校验位不符，需核实：91110000600037341N");
    expect(describeFlag("en", flags[0])).toMatch(/check character does not match/);
  });

  it("raises no flag for a correct code, and none for no code", () => {
    const ok = parse({ ...base, company: { name: "某公司", creditCode: "91110000600037341L" } });
    expect(ok.success && ok.data.lead.flags).toEqual([]);
    const none = parse({ ...base, company: { name: "某公司", creditCode: "  " } });
    expect(none.success && none.data.lead.company.creditCode).toBeUndefined();
  });

  it.each([
    ["000000000000000000", /第 1 位/, /Character 1/],
    ["11010519491231002X", /身份证/, /resident ID number/],
    ["94320000123456788X", /第 2 位/, /Character 2/],
    ["91990000123456788C", /第 3–8 位/, /Characters 3–8/],
    ["91110000610037341L", /第 9–17 位/, /Characters 9–17/],
    ["91330100716105852", /18 位/, /18 digits/],
    // O is never in the code: the message points at the digit meant, and does not call lower case wrong.
    ["91320115MA1XOYO28L", /^(?!.*大写).*字母 O 多为数字 0/, /^(?!.*capital).*an O is usually the digit 0/],
  ])("%j → refused with the rule it breaks, in zh and en", (code, zh, en) => {
    const body = { ...base, company: { name: "某公司", creditCode: code } };
    expect(errorsOf(body)["company.creditCode"]).toEqual([expect.stringMatching(zh)]);
    expect(errorsOf(body, "api", "en")["company.creditCode"]).toEqual([expect.stringMatching(en)]);
  });

  // As a hotline staffer keys it from a licence read out on the phone (trial42): the message says how many
  // characters came and which ones are never in a code, where, so nobody counts 18 characters by hand.
  it.each([
    [
      "9132011 8MA1X2Y3K5",
      /^统一社会信用代码应为 18 位，这里是 17 位/,
      /^The unified social credit code has 18 digits or letters; this one has 17:/,
    ],
    ["91320118MA1X2Y3K5QQ", /这里是 19 位/, /this one has 19:/],
    ["91320118-MA1X2Y-3K5", /这里是 17 位/, /this one has 17:/],
    [
      "9132O118MA1X2Y3K5Q",
      /^统一社会信用代码里不会有第 5 位的“O”：.*字母 O 多为数字 0/,
      /^The credit code cannot have “O” at character 5: .*an O is usually the digit 0/,
    ],
    ["91320118MAIXZY3K5Q", /第 11 位的“I”、第 13 位的“Z”/, /“I” at character 11, “Z” at character 13/],
    [
      "9132O118MA1X2Y3K5",
      /^统一社会信用代码应为 18 位，这里是 17 位[^\n]*\n统一社会信用代码里不会有第 5 位的“O”/,
      /this one has 17: [^\n]*\nThe credit code cannot have “O” at character 5/,
    ],
    ["91320118MA1X2Y3K5号", /第 18 位的“号”/, /“号” at character 18/],
  ])("%j → says its length and the characters never in a code, in zh and en (each fault its own message)", (code, zh, en) => {
    const body = { ...base, company: { name: "某公司", creditCode: code } };
    expect(errorsOf(body, "hotline")["company.creditCode"].join("\n")).toMatch(zh);
    expect(errorsOf(body, "api", "en")["company.creditCode"].join("\n")).toMatch(en);
  });

  it.each(["尽快尽快", "南京某某科技有限公司", "9132OIZS8MA1X2Y3K5"])(
    "%j: more than a few characters no code has → the code's rule, once",
    (code) => {
      const body = { ...base, company: { name: "某公司", creditCode: code } };
      expect(errorsOf(body, "hotline")["company.creditCode"]).toEqual([expect.stringMatching(/^统一社会信用代码应为 18 位数字或字母/)]);
      expect(errorsOf(body, "api", "en")["company.creditCode"]).toHaveLength(1);
    },
  );

  it("refuses a credit code that is not text with our own message", () => {
    expect(errorsOf({ ...base, company: { name: "某公司", creditCode: 91110000 } })["company.creditCode"][0]).toMatch(/统一社会信用代码/);
  });
});

describe("phones in the lead", () => {
  it("keeps a trailing note as a phoneNote flag and stores the number alone", () => {
    const r = parse({ ...base, contact: { name: "王经理", phone: "13812345678（前台转）" } });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.lead.contact).toMatchObject({ phone: "+8613812345678", phoneKind: "mobile" });
    expect(r.data.lead.flags).toEqual([{ field: "contact.phone", code: "phoneNote", text: "前台转" }]);
    expect(describeFlag("zh", r.data.lead.flags[0])).toBe("电话备注：前台转");
  });

  it.each([
    ["\u202D138 1234 5678\u202C", "+8613812345678"],
    ["0755—8888 8888。", "+8675588888888"],
    ["0400-123-4567", "+864001234567"],
    ["(+86)13812345678", "+8613812345678"],
  ])("reads %j as %s", (phone, value) => {
    const r = parse({ ...base, contact: { name: "王", phone } });
    expect(r.success && r.data.lead.contact.phone).toBe(value);
  });

  it.each(["026-12345678", "010-2345678", "14012345678"])("refuses %j on contact.phone", (phone) => {
    expect(errorsOf({ ...base, contact: { name: "王", phone } })["contact.phone"]).toEqual([expect.stringMatching(/手机号/)]);
  });

  it("refuses two numbers in the box saying to keep one and write the other in the notes", () => {
    const phone = "13812345678 / 13987654321";
    expect(errorsOf({ ...base, contact: { name: "王", phone } })["contact.phone"]).toEqual([expect.stringMatching(/只能填一个号码/)]);
  });
});

describe("invisible characters leave every text field", () => {
  it("strips Cf characters from names, product and notes", () => {
    const r = parse({
      ...base,
      company: { name: "\u202D南京\u200B精工\u2060机械有限公司\u202C" },
      contact: { name: "\uFEFF王\u200E经理", phone: "13812345678" },
      use: { industry: "C35", product: "数控\u200B机床" },
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.lead.company.name).toBe("南京精工机械有限公司");
    expect(r.data.lead.contact.name).toBe("王经理");
    expect(r.data.lead.use.product).toBe("数控机床");
  });

  it("a name made only of invisible characters is missing", () => {
    expect(errorsOf({ ...base, contact: { name: "\u200B\u202D\u202C", phone: "13812345678" } })["contact.name"]).toEqual([
      expect.stringMatching(/请填写/),
    ]);
  });
});

// A JSON client sending the phone as a number was told "enter a valid mobile number" for a valid one.
describe("a phone sent as a JSON number", () => {
  it("is read as its digits; a fraction, a negative or a number too large to be exact is refused as a phone", () => {
    const withPhone = (phone: unknown) => ({ ...base, contact: { ...base.contact, phone } });
    const ok = parse(withPhone(13912345678));
    expect(ok.success && ok.data.lead.contact.phone).toBe("+8613912345678");
    for (const bad of [139.5, -13912345678, 1e30])
      expect(errorsOf(withPhone(bad))["contact.phone"], String(bad)).toEqual(["请输入有效的手机号、带区号的座机或 400/800 号码"]);
  });
});

// A form sent back from a page with React 18's stray zero bytes carried "�" into what was stored; a
// pasted backspace or escape was stored in a company name.
describe("characters nobody typed", () => {
  it("a replacement character and stray controls are dropped from text; line breaks in notes stay", () => {
    const r = parse({
      ...base,
      company: { ...base.company, name: "苏州工业园\uFFFD区精密\u0008电子\u001B有限公司", location: "华\uFFFD东" },
      need: { ...base.need, notes: "第一行\n第二行\t要行车" },
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.lead.company.name).toBe("苏州工业园区精密电子有限公司");
    expect(r.data.lead.company.location).toBe("华东");
    expect(r.data.lead.need.notes).toBe("第一行\n第二行\t要行车");
  });
});

describe("the regions box read as people fill it", () => {
  const regionsOf = (regions: string) => {
    const r = parse({ ...base, need: { ...base.need, regions } });
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    return [r.data.lead.need.regions, r.data.lead.need.regionCodes];
  };

  it("cuts off what is said after the places (都行, 优先, 也可以, 附近) and reads 或者 / 还是 / a slash between them", () => {
    expect(regionsOf("南京江宁、溧水都行")).toEqual([
      ["南京江宁", "溧水"],
      ["320115", "320117"],
    ]);
    expect(regionsOf("江宁区优先，溧水也行")).toEqual([
      ["江宁区", "溧水"],
      ["320115", "320117"],
    ]);
    expect(regionsOf("高淳或者溧水均可")).toEqual([
      ["高淳", "溧水"],
      ["320117", "320118"],
    ]);
    expect(regionsOf("江宁还是浦口")).toEqual([
      ["江宁", "浦口"],
      ["320111", "320115"],
    ]);
    expect(regionsOf("江宁/溧水附近")).toEqual([
      ["江宁", "溧水"],
      ["320115", "320117"],
    ]);
  });

  it("keeps a place whose name holds such a word, and still refuses what names no place", () => {
    expect(regionsOf("天津市和平区")[0]).toEqual(["天津市和平区"]); // 和 is no joiner in this box
    const errors = errorsOf({ ...base, need: { ...base.need, regions: "火星都行" } })["need.regions"];
    expect(errors).toEqual([expect.stringContaining("火星")]);
    expect(errors[0]).not.toContain("都行");
  });
});
