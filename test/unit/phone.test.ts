import fc from "fast-check";
import { parsePhoneNumberFromString, type PhoneNumber } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";

import { formatPhoneForDisplay, maskPhone, normalizePhone, type PhoneKind, telHref } from "../../app/domain/phone";
import { PHONE_GOLDEN } from "../fixtures/phone-golden";

// Validity and type come from libphonenumber's CN metadata (libphonenumber-js/max); these tables pin
// what parkmatch makes of what people type around the number (docs/decisions/016).

type Ok = [input: string, value: string, kind: PhoneKind];

describe("issue 9, item 9: every example is read", () => {
  it.each<Ok>([
    ["(+86)13812345678", "+8613812345678", "mobile"],
    ["0755—88888888", "+8675588888888", "landline"], // em dash U+2014
    ["0755–88888888", "+8675588888888", "landline"], // en dash U+2013
    ["0755\u201088888888", "+8675588888888", "landline"], // hyphen U+2010
    ["0755\u201188888888", "+8675588888888", "landline"], // non-breaking hyphen U+2011
    ["0755\uFE6388888888", "+8675588888888", "landline"], // small hyphen-minus U+FE63
    ["+86\u221213812345678", "+8613812345678", "mobile"], // minus sign U+2212
    ["\u202D13812345678\u202C", "+8613812345678", "mobile"], // LRO … PDF around a copied contact
    ["\u200E13812345678", "+8613812345678", "mobile"], // left-to-right mark
    ["138\u200B1234\u200B5678", "+8613812345678", "mobile"], // zero-width space
    ["\u206013812345678", "+8613812345678", "mobile"], // word joiner
    ["13812345678。", "+8613812345678", "mobile"],
  ])("%j → %s (%s)", (input, value, kind) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value, kind });
  });

  it("keeps （微信同号） as a note instead of refusing the number", () => {
    expect(normalizePhone("13812345678（微信同号）")).toEqual({ ok: true, value: "+8613812345678", kind: "mobile", note: "微信同号" });
  });
});

describe("the same kinds, other inputs", () => {
  it.each<Ok>([
    // country code in brackets, full-width or square
    ["（+86）138 1234 5678", "+8613812345678", "mobile"],
    ["(86)13912345678", "+8613912345678", "mobile"],
    ["(0086) 025-8345 6789", "+862583456789", "landline"],
    ["【+86】15012345678", "+8615012345678", "mobile"],
    ["+86（0）25 8345 6789", "+862583456789", "landline"],
    // every dash
    ["025\u20128345\u20126789", "+862583456789", "landline"], // figure dash
    ["010\u201562345678", "+861062345678", "landline"], // horizontal bar
    ["0571——88888888", "+8657188888888", "landline"], // the Chinese IME's doubled em dash
    ["0571\u2E3A88888888", "+8657188888888", "landline"], // two-em dash
    ["+86\uFE5813812345678", "+8613812345678", "mobile"], // small em dash
    ["４００－１２３－４５６７", "+864001234567", "service"], // full-width digits and hyphen
    ["0755－8888 8888", "+8675588888888", "landline"],
    // other invisible (Cf) characters
    ["\uFEFF025-83456789", "+862583456789", "landline"], // byte-order mark
    ["138\u200C1234\u00AD5678", "+8613812345678", "mobile"], // ZWNJ, soft hyphen
    ["\u202A+86 138 1234 5678\u202C", "+8613812345678", "mobile"], // LRE … PDF
    ["\u2066025-83456789\u2069", "+862583456789", "landline"], // isolates
    ["\u200F13812345678", "+8613812345678", "mobile"], // right-to-left mark
    // trailing sentence punctuation
    ["13812345678.", "+8613812345678", "mobile"],
    ["13812345678；", "+8613812345678", "mobile"],
    ["025-83456789，", "+862583456789", "landline"],
    ["13812345678！", "+8613812345678", "mobile"],
    // a label before the number
    ["手机：13812345678", "+8613812345678", "mobile"],
    ["电话 025-83456789", "+862583456789", "landline"],
    ["Tel: +86 400 123 4567", "+864001234567", "service"],
    ["tel:13812345678", "+8613812345678", "mobile"],
    // a trunk 0 before a mobile (item 17)
    ["0 138 1234 5678", "+8613812345678", "mobile"],
    ["013812345678", "+8613812345678", "mobile"],
    ["+86 0138 1234 5678", "+8613812345678", "mobile"],
    // 0400- / 0800- are 400/800 numbers, never landlines (item 17)
    ["0400-123-4567", "+864001234567", "service"],
    ["0800 123 4567", "+868001234567", "service"],
    ["0400 888 6666", "+864008886666", "service"],
  ])("%j → %s (%s)", (input, value, kind) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value, kind });
  });

  it.each<[string, string, string]>([
    ["13812345678(同微信)", "+8613812345678", "同微信"],
    ["138 1234 5678 微信同号", "+8613812345678", "微信同号"],
    ["13812345678，微信同号。", "+8613812345678", "微信同号"],
    ["13812345678【王经理】", "+8613812345678", "王经理"],
    ["13912345678 (WeChat too)", "+8613912345678", "WeChat too"],
    ["025-83456789转123（总机）", "+862583456789;ext=123", "总机"],
    ["０２５－８３４５６７８９（工作日9点后）", "+862583456789", "工作日9点后"],
  ])("%j → %s with the note %j", (input, value, note) => {
    const r = normalizePhone(input);
    expect(r).toMatchObject({ ok: true, value, note });
  });

  it.each([
    ["13812345678（备用13987654321）", "a second number in the note"],
    ["13812345678 / 13987654321", "two numbers"],
    ["13812345678（" + "请在工作日上午九点到下午五点之间联系我们的采购部门经理王先生谢谢" + "）", "a note longer than 30 characters"],
    ["微信同号", "a note without a number"],
  ])("%j → not ok (%s)", (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false });
  });
});

describe("item 17: what only the CN metadata knows is refused", () => {
  it.each([
    ["026-12345678", "no area code 026"],
    ["0300-1234567", "no area code 0300"],
    ["010-2345678", "Beijing numbers have 8 digits"],
    ["021-2345678", "Shanghai numbers have 8 digits"],
    ["0755-8888888", "Shenzhen numbers have 8 digits"],
    ["0571-8888888", "Hangzhou numbers have 8 digits"],
    ["0351-12345678", "Taiyuan numbers have 7 digits"],
    ["14012345678", "140 is not an allocated mobile segment"],
    ["16012345678", "160 is not allocated"],
    ["17912345678", "179 is not allocated"],
    ["19412345678", "194 is not allocated"],
    ["15412345678", "154 is not allocated"],
  ])("%j → not ok (%s)", (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false });
  });
});

/**
 * libphonenumber, resources/PhoneNumberMetadata.xml, territory CN: the example number of each type and
 * the ranges its patterns encode (areas with 8-digit subscribers, areas with 7, the allocated mobile
 * segments). Written here as people type them.
 */
describe("peer cases: libphonenumber CN metadata", () => {
  it.each<Ok>([
    // example numbers (fixedLine 1012345678, mobile 13123456789, tollFree 8001234567, sharedCost 4001234567)
    ["+86 10 1234 5678", "+861012345678", "landline"],
    ["13123456789", "+8613123456789", "mobile"],
    ["8001234567", "+868001234567", "service"],
    ["4001234567", "+864001234567", "service"],
    ["10800 123 4567", "+86108001234567", "service"], // tollFree (?:10)?800: the 10800 form
    // areas with 8-digit subscribers
    ["0311-86123456", "+8631186123456", "landline"],
    ["0371-65123456", "+8637165123456", "landline"],
    ["0411-84123456", "+8641184123456", "landline"],
    ["0431-88123456", "+8643188123456", "landline"],
    ["0451-86123456", "+8645186123456", "landline"],
    ["0531-88123456", "+8653188123456", "landline"],
    ["0532-80123456", "+8653280123456", "landline"],
    ["0591-87123456", "+8659187123456", "landline"],
    ["0731-84123456", "+8673184123456", "landline"],
    ["0757-86123456", "+8675786123456", "landline"],
    ["0898-66123456", "+8689866123456", "landline"],
    // areas with 7-digit subscribers
    ["0891-6345678", "+868916345678", "landline"],
    ["0351-1234567", "+863511234567", "landline"],
    // allocated mobile segments
    ["14512345678", "+8614512345678", "mobile"],
    ["14712345678", "+8614712345678", "mobile"],
    ["16212345678", "+8616212345678", "mobile"],
    ["16612345678", "+8616612345678", "mobile"],
    ["17012345678", "+8617012345678", "mobile"],
    ["17402345678", "+8617402345678", "mobile"], // 1740[0-5] only
    ["19212345678", "+8619212345678", "mobile"],
    ["19912345678", "+8619912345678", "mobile"],
  ])("%j → %s (%s)", (input, value, kind) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value, kind });
  });

  it.each([
    ["0311-8612345", "8-digit area written with 7"],
    ["0731-8412345", "8-digit area written with 7"],
    ["14112345678", "141"],
    ["14412345678", "144"],
    ["14612345678", "146"],
    ["14812345678", "148"],
    ["16112345678", "161 (only 1610 is allocated)"],
    ["16412345678", "164"],
    ["16912345678", "169"],
    ["17412345678", "1741"],
  ])("%j → not ok (%s)", (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false });
  });

  // Valid in the metadata, outside what parkmatch claims (DESIGN.md: a mobile, a landline with area
  // code, or 400/800 — a number to call an enterprise back on, in mainland China).
  it.each([
    ["16812345", "premium rate (the metadata's premiumRate example): no call-back number"],
    ["95013123456", "950 dial-around (sharedCost): a carrier service, not an enterprise's line"],
    ["10101234", "1010 carrier line (sharedCost)"],
  ])("%j is refused on purpose (%s)", (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false });
  });
});

describe("normalizePhone: accepted", () => {
  it.each<Ok>([
    // mobiles
    ["13812345678", "+8613812345678", "mobile"],
    ["138 1234 5678", "+8613812345678", "mobile"],
    ["138-1234-5678", "+8613812345678", "mobile"],
    ["138.1234.5678", "+8613812345678", "mobile"],
    ["(138) 1234 5678", "+8613812345678", "mobile"],
    ["１３８１２３４５６７８", "+8613812345678", "mobile"],
    ["１３８　１２３４　５６７８", "+8613812345678", "mobile"],
    ["+86 138 1234 5678", "+8613812345678", "mobile"],
    ["+86-13812345678", "+8613812345678", "mobile"],
    ["＋８６１３８１２３４５６７８", "+8613812345678", "mobile"],
    ["0086 13812345678", "+8613812345678", "mobile"],
    ["8613812345678", "+8613812345678", "mobile"],
    ["19912345678", "+8619912345678", "mobile"],
    ["  15012345678  ", "+8615012345678", "mobile"],
    // landlines: 2-digit area codes (010, 02x)
    ["025-83456789", "+862583456789", "landline"],
    ["025 8345 6789", "+862583456789", "landline"],
    ["(025) 8345-6789", "+862583456789", "landline"],
    ["02583456789", "+862583456789", "landline"],
    ["010-62345678", "+861062345678", "landline"],
    ["+86 25 8345 6789", "+862583456789", "landline"],
    ["+86 (0)25 8345 6789", "+862583456789", "landline"],
    ["0086 10 6234 5678", "+861062345678", "landline"],
    ["862583456789", "+862583456789", "landline"],
    ["025-8345-6789", "+862583456789", "landline"],
    // without the trunk 0 the area code is still unambiguous (libphonenumber reads it; no mobile or
    // 400/800 number has 10 digits starting 2)
    ["2583456789", "+862583456789", "landline"],
    // landlines: 3-digit area codes
    ["0571-88888888", "+8657188888888", "landline"],
    ["0411 8765 4321", "+8641187654321", "landline"],
    ["+86 571 8888 8888", "+8657188888888", "landline"],
    // extensions
    ["025-83456789转123", "+862583456789;ext=123", "landline"],
    ["025-83456789 转 8", "+862583456789;ext=8", "landline"],
    ["025-83456789 ext. 123", "+862583456789;ext=123", "landline"],
    ["025-83456789 EXT 123456", "+862583456789;ext=123456", "landline"],
    ["025-83456789#123", "+862583456789;ext=123", "landline"],
    ["025-83456789-123", "+862583456789;ext=123", "landline"],
    ["0571-88888888-12", "+8657188888888;ext=12", "landline"],
    ["025-83456789分机66", "+862583456789;ext=66", "landline"],
    // Trial 36 (LOW-1): 转分机, Traditional 分機/轉, 内线 — one reading of an extension.
    ["025-52345678转分机8012", "+862552345678;ext=8012", "landline"],
    ["(025)5765-4321 分機806", "+862557654321;ext=806", "landline"],
    ["025-57654321轉806", "+862557654321;ext=806", "landline"],
    ["025-57654321 转 分机 806", "+862557654321;ext=806", "landline"],
    ["025-57654321内线12", "+862557654321;ext=12", "landline"],
    // 400 / 800 service numbers
    ["400-123-4567", "+864001234567", "service"],
    ["4001234567", "+864001234567", "service"],
    ["800 123 4567", "+868001234567", "service"],
    ["+86 400 123 4567", "+864001234567", "service"],
    ["400-123-4567转2", "+864001234567;ext=2", "service"],
  ])("%j → %s (%s)", (input, value, kind) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value, kind });
  });
});

describe("normalizePhone: rejected", () => {
  it.each([
    "",
    "   ",
    "\u200B\u202C",
    "1381234567", // 10 digits
    "138123456789", // 12-digit mobile
    "12812345678", // 12x is not a mobile segment
    "10812345678",
    "83456789", // no area code
    "025-834567", // 6-digit subscriber
    "025-834567890", // 9-digit subscriber
    "4001234", // short service number
    "40012345678", // long service number
    "5001234567", // not 400/800
    "138abc45678",
    "138-1234-567O", // letter O
    "+86 12345",
    "0086",
    "13812345678转123", // mobiles have no extensions
    "025-83456789转1234567", // extension too long
    "1".repeat(200),
  ])("%j → not ok", (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false });
  });
});

const mobileArb = fc
  .tuple(fc.constantFrom("3", "5", "8"), fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 9, maxLength: 9 }))
  .filter(([second, rest]) => !(second === "5" && rest[0] === "4")) // 154 is not allocated
  .map(([second, rest]) => `1${second}${rest}`);
const invisible = fc.constantFrom(
  "\u200B",
  "\u200C",
  "\u200D",
  "\u200E",
  "\u200F",
  "\u202A",
  "\u202C",
  "\u202D",
  "\u2060",
  "\uFEFF",
  "\u00AD",
);
const dash = fc.constantFrom("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uFE63", "\uFF0D", " ", "");

describe("normalizePhone properties", () => {
  it("is idempotent on its output for mobiles", () => {
    fc.assert(
      fc.property(mobileArb, (m) => {
        const first = normalizePhone(m);
        expect(first).toEqual({ ok: true, value: `+86${m}`, kind: "mobile" });
        if (!first.ok) return;
        const again = normalizePhone(first.value);
        expect(again.ok && again.value).toBe(first.value);
      }),
    );
  });

  it("ignores any dash, space and invisible character put anywhere in a mobile number", () => {
    fc.assert(
      fc.property(mobileArb, fc.array(fc.tuple(dash, fc.option(invisible)), { minLength: 11, maxLength: 11 }), (m, seps) => {
        const written = [...m].map((d, i) => d + (i < 10 ? seps[i][0] + (seps[i][1] ?? "") : "")).join("");
        const r = normalizePhone(written);
        expect(r.ok && r.value).toBe(`+86${m}`);
      }),
    );
  });

  it.each(["+862583456789", "+8657188888888", "+862583456789;ext=123", "+864001234567", "+868001234567;ext=9"])(
    "is idempotent on stored value %s",
    (value) => {
      const r = normalizePhone(value);
      expect(r.ok && r.value).toBe(value);
    },
  );
});

describe("formatPhoneForDisplay", () => {
  it.each([
    ["+8613812345678", "138 1234 5678"],
    ["+862583456789", "025-8345 6789"],
    ["+861062345678", "010-6234 5678"],
    ["+8657188888888", "0571-8888 8888"],
    ["+868916345678", "0891-634 5678"],
    ["+862583456789;ext=123", "025-8345 6789 转123"],
    ["+864001234567", "400-123-4567"],
    ["+868001234567", "800-123-4567"],
    ["not a phone", "not a phone"],
  ])("%s → %s", (value, shown) => {
    expect(formatPhoneForDisplay(value, "zh")).toBe(shown);
  });
});

describe("telHref: the link that calls the number, an extension after a pause (trial 41)", () => {
  it.each([
    ["+8613812345678", "tel:13812345678"],
    ["+862583456789", "tel:02583456789"],
    ["+862583456789;ext=123", "tel:02583456789,123"], // was tel:02583456789123: the extension ran on into the number
    ["+8651266668888;ext=8001", "tel:051266668888,8001"],
    ["+864001234567", "tel:4001234567"], // no +86: a 400 number is not reached from abroad's format
    // As shown or typed: the email has the shown number, a recruiter's phone comes as typed.
    ["025-8345 6789 转123", "tel:02583456789,123"],
    ["025-8345 6789 ext. 123", "tel:02583456789,123"],
    ["０２５－８３４５６７８９转１２３", "tel:02583456789,123"],
    ["0512-6666 8888-8001", "tel:051266668888,8001"],
    ["138 1234 5678", "tel:13812345678"],
  ])("%s → %s", (value, href) => {
    expect(telHref(value)).toBe(href);
  });

  it.each(["not a phone", "<script>", "12345", ""])("%j is no number we dial: null", (value) => {
    expect(telHref(value)).toBeNull();
  });

  it("dials every stored number's digits and nothing else (the golden numbers)", () => {
    for (const [typed] of PHONE_GOLDEN) {
      const n = normalizePhone(typed);
      if (!n.ok) continue;
      const href = telHref(n.value)!;
      const [number, ext] = href.slice(4).split(",");
      expect(`+86${number.replace(/^0/, "")}${ext ? `;ext=${ext}` : ""}`).toBe(n.value);
    }
  });
});

describe("maskPhone", () => {
  it.each([
    ["+8613812345678", "+86 138****5678"],
    ["+862583456789", "025-****6789"],
    ["+868916345678", "0891-***5678"],
    ["+862583456789;ext=123", "025-****6789"],
    ["+864001234567", "400-***-4567"],
    ["13812345678", "*******5678"], // not a stored value: only the last 4 digits survive
    ["123", "****"],
  ])("%s → %s", (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });

  it("never contains the full national number", () => {
    fc.assert(
      fc.property(mobileArb, (m) => {
        const masked = maskPhone(`+86${m}`);
        expect(masked.replace(/\D/g, "")).not.toContain(m);
        expect(masked.endsWith(m.slice(-4))).toBe(true);
      }),
    );
  });
});

// parseMainland asks libphonenumber for the type only (getType), not isValid() then getType: with the
// max metadata isValid() is getType() !== undefined. These fail if that ever stops holding.
describe("normalizePhone: the same answers as before the single type look-up", () => {
  it.each(PHONE_GOLDEN)("%j", (input, expected) => {
    expect(normalizePhone(input)).toEqual(expected);
  });

  it("accepts exactly the digit strings that isValid() and the kind accepted", () => {
    const kindOf = (n: PhoneNumber): PhoneKind | null => {
      const t = n.getType();
      if (t === "MOBILE") return "mobile";
      if (t === "FIXED_LINE") return "landline";
      if (t === "TOLL_FREE") return "service";
      return t === "SHARED_COST" && n.nationalNumber.startsWith("400") ? "service" : null;
    };
    const prefix = fc.constantFrom(
      "",
      "0",
      "+86",
      "0086",
      "1",
      "13",
      "15",
      "17",
      "19",
      "0",
      "01",
      "02",
      "05",
      "07",
      "400",
      "800",
      "10800",
      "95",
      "96",
      "16",
    );
    fc.assert(
      fc.property(prefix, fc.stringMatching(/^\d{3,11}$/), (p, rest) => {
        const input = p + rest;
        const n = parsePhoneNumberFromString(input, { defaultCountry: "CN", extract: false });
        expect(n?.isValid() ?? false).toBe(n !== undefined && n.getType() !== undefined);
        const kind = n && n.country === "CN" && n.isValid() ? kindOf(n) : null;
        const r = normalizePhone(input);
        // A number valid elsewhere is refused as well, saying where it is from (ADR 113): only `ok` is compared then.
        expect(r.ok ? r : { ok: false }).toEqual(kind && n ? { ok: true, value: n.number, kind } : { ok: false });
      }),
      { numRuns: 5000 },
    );
  });
});

// ADR 113: a number valid outside the mainland is refused, saying where it is from, for a message that
// says which numbers are taken. The contract's numbers stay the mainland's (DESIGN.md).
describe("numbers from Hong Kong, Macau, Taiwan and elsewhere: refused, saying where from", () => {
  it.each<[string, "HK" | "MO" | "TW" | "other"]>([
    ["+852 9123 4567", "HK"],
    ["+85291234567", "HK"],
    ["+852 2123 4567", "HK"],
    ["(+852) 5123-4567", "HK"],
    ["00852 5123 4567", "HK"],
    ["852 5123 4567", "HK"],
    ["８５２ ５１２３ ４５６７", "HK"],
    ["手机：+852 6123 4567", "HK"],
    ["+852 5123 4567（微信同号）", "HK"],
    ["+853 6612 3456", "MO"],
    ["+853 2888 1234", "MO"],
    ["00853-6612-3456", "MO"],
    ["+886 912 345 678", "TW"],
    ["+886 2 2345 6789", "TW"],
    ["00886 912-345-678", "TW"],
    ["886912345678", "TW"],
    ["+1 415 555 0100", "other"],
    ["+1 650 253 0000", "other"],
    ["+44 20 7946 0958", "other"],
    ["+65 6123 4567", "other"],
  ])("%j → abroad %s", (input, abroad) => {
    expect(normalizePhone(input)).toEqual({ ok: false, abroad });
  });

  it.each([
    "+852 1234", // too short for Hong Kong
    "+853 1234",
    "+886 12",
    "852 1234",
    "+999 1234 5678", // no such country code
    "0085",
    "+86 12345",
  ])("%j → not ok, from nowhere", (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false });
  });

  it("mainland numbers that look like a nearby code are still the mainland's", () => {
    expect(normalizePhone("0852-1234567")).not.toHaveProperty("abroad"); // 0852: a mainland area code
    expect(normalizePhone("18521728385")).toEqual({ ok: true, value: "+8618521728385", kind: "mobile" });
    expect(normalizePhone("+86 138 1234 5678")).toEqual({ ok: true, value: "+8613812345678", kind: "mobile" });
  });
});
