import { describe, expect, it } from "vitest";

import { calendarOverrideAddSchema } from "~/admin/calendar-override-form";
import { leadActionSchema } from "~/admin/lead-forms";
import { createStaffSchema } from "~/admin/staff-forms";
import { readCallerQuery } from "~/domain/caller-query";
import { normalizeCreditCode } from "~/domain/credit-code";
import { foldText } from "~/domain/fold-text";
import { cleanTyped, stripFormatChars } from "~/domain/format-chars";
import { createLeadSchema } from "~/domain/lead-schema";
import { normalizePhone } from "~/domain/phone";
import { callNoteSchema } from "~/hotline/call-note-form";
import { checkTextRow } from "~/inventory/inventory-check";
import { parkSchema, recruiterSchema, spaceSchema } from "~/inventory/inventory-schema";
import { leadWorkSchema } from "~/recruiter-desk/desk-forms";

import { validLeadJson } from "../support/leads";

// Every text a person types goes through one cleaning (`cleanTyped`): what nobody types (U+FFFD from a
// page that leaked zero bytes, a pasted backspace or escape) and invisible format characters go, the
// characters an emoji is made of stay. The lead form did it; the staff side and the imports did not.

const FAMILY = "👨\u200d👩\u200d👧";
const TECHNOLOGIST = "👩🏽\u200d💻"; // skin tone before the joiner
const RAINBOW = "🏳\ufe0f\u200d🌈"; // variation selector before the joiner
const SCOTLAND = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"; // a subdivision flag: tag characters (Cf)
const KEYCAP = "1\ufe0f\u20e3";
/** What a careless paste or a broken page adds to a text: each one inside, at the ends, around a digit. */
const NOISE = (s: string) => `\u200b\ufeff${s.slice(0, 2)}\u200b\u00ad\u2060\u200e${s.slice(2)}\ufffd\u0008\u001b\u0000\u202d `;

describe("stripFormatChars keeps what an emoji is made of", () => {
  it("a ZWJ sequence, a skin-toned or variation-selected one, a subdivision flag and a keycap stay whole", () => {
    for (const e of [FAMILY, TECHNOLOGIST, RAINBOW, SCOTLAND, KEYCAP])
      expect(stripFormatChars(`厂房${e}好`), JSON.stringify(e)).toBe(`厂房${e}好`);
    expect(stripFormatChars(`${SCOTLAND}${FAMILY}`)).toBe(`${SCOTLAND}${FAMILY}`);
  });

  it("a joiner between letters or digits, or at an emoji's edge, and stray tags go", () => {
    expect(stripFormatChars("a\u200db")).toBe("ab");
    expect(stripFormatChars("1\u200d3")).toBe("13");
    expect(stripFormatChars("👨\u200d厂")).toBe("👨厂");
    expect(stripFormatChars("厂\u200d👨")).toBe("厂👨");
    expect(stripFormatChars("\u200d👨")).toBe("👨");
    expect(stripFormatChars("厂\u{E0067}\u{E007F}房")).toBe("厂房");
    expect(stripFormatChars("\u202d138\u200b1234\u00ad5678\u202c")).toBe("13812345678");
  });

  it("numbers still read through any of them (phone, credit code, caller lookup, number folding)", () => {
    for (const zw of ["\u200b", "\u200d", "\ufeff", "\u2060", "\u00ad", "\u200e"]) {
      expect(normalizePhone(`138${zw}1234${zw}5678`), JSON.stringify(zw)).toMatchObject({ ok: true, value: "+8613812345678" });
      expect(normalizeCreditCode(`91320${zw}1007${zw}2837`)).toBe("9132010072837");
      expect(readCallerQuery({ phone: `138${zw}12345` }).phoneDigits).toBe("13812345");
      expect(foldText(`3${zw}000平`).s).toBe("3000平");
    }
  });
});

// Attack 12-05g L5: "高淳区" + U+FE0F was refused with a message that showed "高淳区" — a variation selector selects
// nothing after a Han character or a digit; after a pictograph or in a keycap it is part of the emoji.
describe("variation selectors that select nothing go", () => {
  it.each([
    ["高淳区\uFE0F", "高淳区"],
    ["高淳区\uFE0E", "高淳区"],
    ["138\uFE0F1234\uFE0F5678", "13812345678"],
    ["C35\uFE0F", "C35"],
    ["葛\u{E0100}洲坝", "葛洲坝"],
    ["Jiangning\uFE0F", "Jiangning"],
  ])("%j → %j", (typed, clean) => expect(stripFormatChars(typed)).toBe(clean));

  it.each(["✔\uFE0F江宁", "✔\uFE0E", "❤\uFE0F", "👍🏽\uFE0F", "1\uFE0F\u20E3", "#\uFE0F\u20E3"])("%j stays as typed", (typed) =>
    expect(stripFormatChars(typed)).toBe(typed),
  );

  it("the lead schema takes the region, phone and industry as they look", () => {
    const body = validLeadJson() as { need: Record<string, unknown>; use: Record<string, unknown>; contact: Record<string, unknown> };
    const r = createLeadSchema("zh", "api").safeParse({
      ...body,
      need: { ...body.need, regions: ["高淳区\uFE0F"] },
      use: { ...body.use, industry: "C35\uFE0F" },
      contact: { ...body.contact, phone: "138\uFE0F1234\uFE0F5678" },
    });
    expect(
      r.success && { regions: r.data.lead.need.regions, industry: r.data.lead.use.industry, phone: r.data.lead.contact.phone },
    ).toEqual({
      regions: ["高淳区"],
      industry: "C35",
      phone: "+8613812345678",
    });
  });
});

describe("cleanTyped: the one cleaning of person-typed text", () => {
  it("drops what nobody types and stray format characters, keeps emoji, tab and line breaks", () => {
    expect(cleanTyped(NOISE("苏州工业园区"))).toBe("苏州工业园区");
    expect(cleanTyped(` 家庭${FAMILY}\n第二行\t${SCOTLAND}\ufffd `)).toBe(`家庭${FAMILY}\n第二行\t${SCOTLAND}`);
    expect(cleanTyped("\u200b\ufeff\ufffd\u0000")).toBe("");
  });

  it("inventory rows (admin forms and Excel cells): every text column", () => {
    const park = checkTextRow("parks", {
      id: "P1",
      name: NOISE("高淳经济开发区"),
      province: "江苏省",
      city: "南京市",
      district: NOISE("高淳区"),
      address: NOISE("古檀大道3号"),
      policies: NOISE("前三年免租"),
    });
    expect(park.ok && [park.value.name, park.value.district, park.value.address, park.value.policies]).toEqual([
      "高淳经济开发区",
      "高淳区",
      "古檀大道3号",
      "前三年免租",
    ]);
    const space = checkTextRow("spaces", {
      id: "S1",
      parkId: "P1",
      kind: "厂房",
      deals: "出租",
      areaSqm: "5000",
      status: "可租售",
      title: NOISE("一号厂房"),
      notes: NOISE(`行车10吨${FAMILY}`),
    });
    expect(space.ok && [space.value.title, space.value.notes]).toEqual(["一号厂房", `行车10吨${FAMILY}`]);
    const recruiter = checkTextRow("recruiters", {
      id: "R1",
      name: NOISE("王经理"),
      email: "r1@example.test",
      phone: "139\u200b0000\ufffd0001",
      channel: "邮件",
      parks: "P1",
      capacity: "5",
    });
    expect(recruiter.ok && [recruiter.value.name, recruiter.value.phone]).toEqual(["王经理", "+8613900000001"]);
  });

  it("the JSON import (/api/import, npm run import): every text field", () => {
    const park = parkSchema.parse({
      id: "P1",
      name: NOISE("高淳经济开发区"),
      province: "江苏省",
      city: "南京市",
      district: "高淳区",
      address: NOISE("古檀大道3号"),
      policies: NOISE("前三年免租"),
    });
    expect([park.name, park.address, park.policies]).toEqual(["高淳经济开发区", "古檀大道3号", "前三年免租"]);
    const space = spaceSchema.parse({
      id: "S1",
      parkId: "P1",
      kind: "factory",
      deals: ["lease"],
      title: NOISE("一号厂房"),
      notes: NOISE("行车10吨"),
      areaSqm: 5000,
      status: "available",
    });
    expect([space.title, space.notes]).toEqual(["一号厂房", "行车10吨"]);
    const recruiter = recruiterSchema.parse({
      id: "R1",
      name: NOISE("王经理"),
      email: "r1@example.test",
      phone: "13900000001",
      channel: "email",
      parks: ["P1"],
      capacity: 5,
    });
    expect(recruiter.name).toBe("王经理");
  });

  it("staff forms: account name, notes (hotline call, recruiter), reasons, a holiday's name", () => {
    const staff = createStaffSchema("zh").parse({ email: "new@example.test", name: NOISE("张三"), role: "hotline", access: "invite" });
    expect(staff.name).toBe("张三");
    expect(callNoteSchema("zh").parse({ body: NOISE(`客户说下周看厂${FAMILY}\n再联系`) }).body).toBe(`客户说下周看厂${FAMILY}\n再联系`);
    const note = leadWorkSchema("zh", "2026-12-01").parse({ intent: "note", body: NOISE("已联系") });
    expect(note.intent === "note" && note.body).toBe("已联系");
    const close = leadActionSchema("zh").parse({ intent: "close", as: "spam", note: NOISE("广告") });
    expect(close.intent === "close" && close.note).toBe("广告");
    const day = calendarOverrideAddSchema("zh").parse({ intent: "override-add", day: "2026-12-24", kind: "off", name: NOISE("园区停电") });
    expect(day.name).toBe("园区停电");
  });

  it("the lead schema (every channel) cleans the same way and keeps a joined emoji", () => {
    const base = validLeadJson();
    const r = createLeadSchema("zh", "api").safeParse({ ...base, company: { ...base.company, name: NOISE(`星辰电子${FAMILY}有限公司`) } });
    expect(r.success && r.data.lead.company.name).toBe(`星辰电子${FAMILY}有限公司`);
  });
});
