import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../app/domain/lead-schema";
import { wechatBoxIsPhone } from "../../app/domain/phone";
import { validLeadJson } from "../support/leads";

// M7 (docs/decisions/190): a WeChat that is the phone number was stored as the words the typer used, in the typer's
// language ("同手机号" / "same as the phone number"), and shown raw to staff reading the other language. Now: one
// reading of the box, a language-neutral marker stored, and "same as phone" beside a landline or a 400/800 number
// refused at the box that said it. Only modules the base has: these tests say what failed there.

const NOW = new Date("2026-12-06T03:00:00Z");
type Json = Record<string, unknown>;

function parse(contact: Json, lng: "zh" | "en" = "zh", channel: LeadChannel = "api") {
  const base = validLeadJson();
  return createLeadSchema(lng, channel, { now: () => NOW }).safeParse({ ...base, contact: { ...base.contact, ...contact } });
}
function stored(contact: Json, lng: "zh" | "en" = "zh", channel: LeadChannel = "api") {
  const r = parse(contact, lng, channel);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead.contact as Json;
}
function refused(contact: Json, lng: "zh" | "en" = "zh", channel: LeadChannel = "api") {
  const r = parse(contact, lng, channel);
  if (r.success) throw new Error(`accepted: ${JSON.stringify(r.data.lead.contact)}`);
  return issuesToFieldErrors(r.error);
}

/** The box's words that say WeChat is the phone: Chinese, Traditional, full-width, spaced, English variants. */
const SAME = [
  "同手机号",
  "同手机号码",
  "手机同号",
  "微信同号",
  "微信同號",
  "同手機號",
  "手機同號",
  "同电话号码",
  "与手机号相同",
  "和手机号一样",
  "就是手机号",
  "手机号",
  "微信：同手机号",
  "微信号同手机",
  " 同 手 机 号 ",
  "同手机号。",
  "（同手机号）",
  "同上",
  "same as phone",
  "Same as phone.",
  "SAME AS PHONE NUMBER",
  "same as my mobile no.",
  "same as mobile",
  "same with phone",
  "same as above",
  "ditto",
  "phone number",
  "my mobile number",
  "WeChat = phone",
  "wechat is my phone number",
  "WeChat ID: same as phone",
  "ｓａｍｅ　ａｓ　ｐｈｏｎｅ",
  "Ｓａｍｅ ａｓ ｍｏｂｉｌｅ",
  "同手机号\u200b",
];
/** WeChat IDs, never read as the phone. */
const IDS = ["wang_88", "phone123", "samuel_li", "wxid_abc123", "same_li", "mobile_king", "sameasphone88", "tongshoujihao"];

describe("the WeChat box's words for the phone, read once (phone.ts wechatBoxIsPhone)", () => {
  it.each(SAME)("%j says WeChat is the phone", (box) => {
    expect(wechatBoxIsPhone(box)).toBe(true);
  });
  it.each(IDS)("%j stays an ID", (box) => {
    expect(wechatBoxIsPhone(box)).toBe(false);
  });
});

describe("stored as a marker, the same whatever language the lead was typed or read in", () => {
  it.each(SAME)("%j beside a mobile: wechatSameAsPhone, no words stored, in zh as in en", (box) => {
    const zh = stored({ wechat: box }, "zh");
    const en = stored({ wechat: box }, "en");
    expect(zh).toMatchObject({ phone: "+8613812345678", phoneKind: "mobile", wechatSameAsPhone: true });
    expect(zh.wechat).toBeUndefined();
    expect(en).toEqual(zh);
  });
  it.each([
    ["web", "13812345678（微信同号）"],
    ["hotline", "138 1234 5678 微信同號"],
    ["api", "13812345678 (same on WeChat)"],
  ] as const)("%s: %j beside the number stores the marker, not words", (channel, phone) => {
    const zh = stored({ phone }, "zh", channel);
    expect(zh.wechatSameAsPhone).toBe(true);
    expect(zh.wechat).toBeUndefined();
    expect(stored({ phone }, "en", channel)).toEqual(zh);
  });
  it.each(IDS)("%j is stored as typed, no marker", (box) => {
    const contact = stored({ wechat: box }, "en");
    expect(contact.wechat).toBe(box);
    expect(contact.wechatSameAsPhone).toBeUndefined();
  });
  it("no WeChat at all: neither", () => {
    const contact = stored({});
    expect(contact.wechat).toBeUndefined();
    expect(contact.wechatSameAsPhone).toBeUndefined();
  });
});

describe("“same as phone” beside a landline or a 400/800 number is refused at the box that said it", () => {
  const LANDLINES = ["025-83456789", "０２５－８３４５６７８９", "(025) 8345 6789 转 123"];
  const SERVICE = ["400-820-8820", "800 820 8820"];

  it.each(LANDLINES.flatMap((phone) => ["同手机号", "微信同號", "same as phone", "ｓａｍｅ ａｓ ｐｈｏｎｅ"].map((box) => [phone, box])))(
    "landline %j + WeChat box %j: contact.wechat refused, zh first, en on an English request",
    (phone, box) => {
      const zh = refused({ phone, wechat: box }, "zh");
      expect(Object.keys(zh)).toEqual(["contact.wechat"]);
      expect(zh["contact.wechat"]).toEqual(["所填电话是座机，座机号没有微信，这里不能填“同手机号”：请填写微信号，或留空"]);
      const en = refused({ phone, wechat: box }, "en");
      expect(en["contact.wechat"]?.[0]).toMatch(/^The phone given is a landline, which has no WeChat/);
    },
  );

  it.each(SERVICE)("400/800 %j + “同手机号”: refused, said as a 400/800 number", (phone) => {
    expect(refused({ phone, wechat: "同手机号" })["contact.wechat"]?.[0]).toContain("400/800 号码");
    expect(refused({ phone, wechat: "same as phone" }, "en")["contact.wechat"]?.[0]).toContain("400/800 number");
  });

  it.each([
    ["web", "025-83456789（微信同号）", "微信同号"],
    ["hotline", "025 8345 6789 微信同號", "微信同號"],
    ["api", "4008208820 (same on WeChat)", "same on WeChat"],
  ] as const)("%s: %j — the phone's note refused at contact.phone, the note quoted", (channel, phone, note) => {
    const zh = refused({ phone }, "zh", channel);
    expect(zh["contact.phone"]?.[0]).toContain(`“${note}”`);
    expect(zh["contact.phone"]?.[0]).toMatch(/没有微信/);
    const en = refused({ phone }, "en", channel);
    expect(en["contact.phone"]?.[0]).toMatch(/has no WeChat/);
  });

  it("said beside a refused field elsewhere, it is said too (every error at once)", () => {
    const base = validLeadJson();
    const r = createLeadSchema("zh", "api", { now: () => NOW }).safeParse({
      ...base,
      company: { name: "" },
      contact: { ...base.contact, phone: "025-83456789", wechat: "同手机号" },
    });
    expect(r.success).toBe(false);
    const errors = r.success ? {} : issuesToFieldErrors(r.error);
    expect(Object.keys(errors).sort()).toEqual(["company.name", "contact.wechat"]);
  });

  it("a WeChat ID beside a landline is fine", () => {
    expect(stored({ phone: "025-83456789", wechat: "wang_88" })).toMatchObject({ phoneKind: "landline", wechat: "wang_88" });
  });
});
