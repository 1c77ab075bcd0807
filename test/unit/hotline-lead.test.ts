import { describe, expect, it } from "vitest";

import { closesTask } from "~/domain/call-outcomes";
import { isEmptyCallerQuery, phonePrefixDigits, readCallerQuery } from "~/domain/caller-query";
import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { hardCheck } from "~/domain/matching/hard";
import { rankMatches } from "~/domain/matching/rank";
import type { SpaceCandidate } from "~/domain/matching/types";
import { phoneTailDigits } from "~/domain/phone";

// The hotline's side of the one lead schema (issue 12 item 1), what the caller lookup reads from the
// typed boxes (item 2), and which call outcomes close a task (item 3).

const phoneLead = {
  need: { kind: "factory" },
  company: { name: "南京热线机械有限公司" },
  contact: { name: "钱经理", phone: "+86 139-0000-1111" },
  consent: "on",
};

describe("a phone lead (channel hotline)", () => {
  it("needs only company, contact, phone and need kind; a deal not said is 'either'; no area, industry or product yet", () => {
    const r = createLeadSchema("zh", "hotline").safeParse(phoneLead);
    expect(r.success).toBe(true);
    const lead = r.data!.lead;
    expect(lead.need.deal).toBe("either");
    expect(lead.contact.phone).toBe("+8613900001111");
    expect(lead.use.industry).toBeUndefined();
    expect(lead.need.areaMinSqm).toBeUndefined();
  });

  it("refuses a lead without each of the four, the field named, and without the caller's oral consent", () => {
    const r = createLeadSchema("zh", "hotline").safeParse({ consent: "" });
    expect(r.success).toBe(false);
    const errors = issuesToFieldErrors(r.error!);
    for (const field of ["need.kind", "company.name", "contact.name", "contact.phone"]) expect(errors[field]?.length).toBe(1);
    expect(errors["company.name"]).toEqual(["请填写此项"]);
    expect(errors.consent).toEqual(["请先向来电人说明个人信息处理规则，并确认其口头同意"]);
    for (const field of ["need.deal", "need.areaMin", "use.industry", "use.product", "tax.annualTaxWan"])
      expect(errors[field]).toBeUndefined();
  });

  it("still reads what the caller gives: the notes fill the blanks, a wrong industry code is an error", () => {
    const r = createLeadSchema("zh", "hotline").safeParse({
      ...phoneLead,
      need: { kind: "factory", notes: "要5000平单层厂房，层高8米" },
      use: { industry: "Z99" },
    });
    expect(r.success).toBe(false);
    expect(Object.keys(issuesToFieldErrors(r.error!))).toEqual(["use.industry"]);
    const ok = createLeadSchema("zh", "hotline").parse({ ...phoneLead, need: { kind: "factory", notes: "要5000平单层厂房，层高8米" } });
    expect(ok.lead.need.ceilingMinM).toBe(8);
    expect(ok.lead.need.singleStorey).toBe(true);
    expect(ok.lead.need.areaMinSqm).toBeGreaterThan(0);
  });

  it("the web form still requires deal, an area, industry, product and tax", () => {
    const r = createLeadSchema("zh", "web").safeParse(phoneLead);
    const errors = issuesToFieldErrors(r.error!);
    for (const field of ["need.deal", "use.industry", "use.product", "tax.annualTaxWan"]) expect(errors[field]).toBeDefined();
  });

  it("matches without an area or industry: nothing excluded for it, the reasons say what to check", () => {
    const { lead } = createLeadSchema("zh", "hotline").parse(phoneLead);
    const space = {
      id: "S1",
      parkId: "P",
      kind: "factory",
      deals: ["lease"],
      title: "单层厂房",
      areaSqm: 4800,
      status: "available",
      park: { id: "P", name: "园区", district: "高淳区", industries: ["C35"], excludedIndustries: ["C26"] },
    } as SpaceCandidate;
    expect(hardCheck(lead, space).pass).toBe(true);
    const [match] = rankMatches(lead, [space]);
    const words = match.reasons.map((x) => x.zh).join(" ");
    expect(words).toContain("需求面积未定");
    expect(words).toContain("行业未填");
  });
});

describe("what the caller lookup reads from the boxes", () => {
  it.each([
    ["+86 139-0000-1111", "13900001111"],
    ["＋８６ １３９ ００００", "1390000"],
    ["0086 13900001111", "13900001111"],
    ["8613900001111", "13900001111"],
    ["025-8345 6789", "2583456789"],
    ["\u202D139 0000 1111\u202C", "13900001111"],
  ])("%s → %s", (typed, digits) => {
    expect(phonePrefixDigits(typed)).toBe(digits);
  });

  it("needs enough to say something: 5 digits, 2 characters of a name, 6 of a code; the name folded to Simplified", () => {
    expect(readCallerQuery({ phone: "1390", company: "南", creditCode: "91320" })).toEqual({});
    expect(readCallerQuery({ phone: "13900", company: "南京華興", creditCode: "91 3201-00" })).toEqual({
      phoneDigits: "13900",
      company: "南京华兴",
      creditCode: "91320100",
    });
    expect(readCallerQuery({ creditCode: "91320100IOSZ" }).creditCode).toBeUndefined(); // I, O, S, Z are not in the code's alphabet
  });

  it("reads the contact from one character, folded, but a contact alone is no lookup (it only narrows)", () => {
    expect(readCallerQuery({ phone: "尾号5678", contact: " 張 " })).toEqual({ phoneTail: "5678", contact: "张" });
    expect(readCallerQuery({ company: "华为", contact: "王强" })).toEqual({ company: "华为", contact: "王强" });
    expect(isEmptyCallerQuery(readCallerQuery({ contact: "张经理" }))).toBe(true);
    // A caller who gave only the surname is noted so; the lead may hold the full name.
    for (const typed of ["张先生", "张 女士", "张总", "张经理", "張工"])
      expect(readCallerQuery({ phone: "尾号5678", contact: typed }).contact, typed).toBe("张");
    expect(readCallerQuery({ phone: "尾号5678", contact: "先生" }).contact).toBe("先生"); // nothing left: as typed
    expect(isEmptyCallerQuery(readCallerQuery({ contact: "张", phone: "尾号5678" }))).toBe(false);
  });
});

describe("a number's end, marked as the caller gives it (尾号)", () => {
  it("reads 4–8 digits after a mark as the number's end, in either language and width", () => {
    for (const typed of [
      "尾号5678",
      "尾号 5678",
      "尾号：5678",
      "尾数5678",
      "后四位5678",
      "后4位 56-78",
      "末四位5678",
      "*5678",
      "**5678",
      "…5678",
      "尾号５６７８",
      "last 5678",
      "Ending in 5678",
      "ends with 5678",
    ])
      expect(readCallerQuery({ phone: typed }), typed).toEqual({ phoneTail: "5678" });
    expect(readCallerQuery({ phone: "尾号12345678" })).toEqual({ phoneTail: "12345678" });
    expect(readCallerQuery({ phone: "尾号0123" })).toEqual({ phoneTail: "0123" }); // the end may begin with 0: nothing is stripped
  });

  it("asks nothing for an end too short or too long, and reads unmarked digits as the number's start, as before", () => {
    expect(readCallerQuery({ phone: "尾号678" })).toEqual({});
    expect(readCallerQuery({ phone: "尾号123456789" })).toEqual({});
    expect(readCallerQuery({ phone: "5678" })).toEqual({}); // unmarked: the start of a number being typed
    expect(readCallerQuery({ phone: "025-8345" })).toEqual({ phoneDigits: "258345" });
  });

  it("the index keeps the last 4–8 digits of every kind of number", () => {
    expect(phoneTailDigits("+8613812345678")).toEqual(["5678", "45678", "345678", "2345678", "12345678"]);
    expect(phoneTailDigits("+862583456789;ext=12")).toEqual(["6789", "56789", "456789", "3456789", "83456789"]);
    expect(phoneTailDigits("+864008345678")).toEqual(["5678", "45678", "345678", "8345678", "08345678"]);
    expect(phoneTailDigits("not a number")).toEqual([]);
  });
});

describe("outcomes that close a call task ask for a confirmation", () => {
  it("done, wrong number and refused close it; no answer brings it back", () => {
    expect(["done", "no-answer", "wrong-number", "refused"].filter(closesTask)).toEqual(["done", "wrong-number", "refused"]);
  });
});
