import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatPhoneForDisplay, maskPhone, normalizePhone, type PhoneKind } from "../../app/domain/phone";

describe("normalizePhone: accepted", () => {
  it.each<[string, string, PhoneKind]>([
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
    // landlines: 3-digit area codes, 7- and 8-digit subscribers
    ["0571-88888888", "+8657188888888", "landline"],
    ["0571-8888888", "+865718888888", "landline"],
    ["0411 8765 4321", "+8641187654321", "landline"],
    ["+86 571 8888 8888", "+8657188888888", "landline"],
    // extensions
    ["025-83456789转123", "+862583456789;ext=123", "landline"],
    ["025-83456789 转 8", "+862583456789;ext=8", "landline"],
    ["025-83456789 ext. 123", "+862583456789;ext=123", "landline"],
    ["025-83456789 EXT 123456", "+862583456789;ext=123456", "landline"],
    ["025-83456789#123", "+862583456789;ext=123", "landline"],
    ["025-83456789-123", "+862583456789;ext=123", "landline"],
    ["0571-8888888-12", "+865718888888;ext=12", "landline"],
    ["025-83456789分机66", "+862583456789;ext=66", "landline"],
    // 400 / 800 service numbers
    ["400-123-4567", "+864001234567", "service"],
    ["4001234567", "+864001234567", "service"],
    ["800 123 4567", "+868001234567", "service"],
    ["+86 400 123 4567", "+864001234567", "service"],
    ["400-123-4567转2", "+864001234567;ext=2", "service"],
    ["４００－１２３－４５６７", "+864001234567", "service"],
  ])("%j → %s (%s)", (input, value, kind) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value, kind });
  });
});

describe("normalizePhone: rejected", () => {
  it.each([
    "",
    "   ",
    "1381234567", // 10 digits
    "138123456789", // 12-digit mobile
    "12812345678", // 12x is not a mobile segment
    "10812345678",
    "83456789", // no area code
    "025-03456789", // subscriber starts with 0
    "025-13456789", // subscriber starts with 1
    "025-834567", // 6-digit subscriber
    "025-834567890", // 9-digit subscriber
    "2583456789", // area code without trunk 0 and without +86
    "4001234", // short service number
    "40012345678", // long service number
    "5001234567", // not 400/800
    "138abc45678",
    "138-1234-567O", // letter O
    "tel:13812345678",
    "+1 415 555 0100", // not mainland
    "+85291234567", // Hong Kong
    "+86 12345",
    "0086",
    "13812345678转123", // mobiles have no extensions
    "025-83456789转1234567", // extension too long
    "13812345678 / 13987654321", // two numbers
  ])("%j → not ok", (input) => {
    expect(normalizePhone(input)).toEqual({ ok: false });
  });
});

const mobileArb = fc
  .tuple(fc.constantFrom("3", "4", "5", "6", "7", "8", "9"), fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 9, maxLength: 9 }))
  .map(([second, rest]) => `1${second}${rest}`);

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

  it("ignores spaces and dashes put anywhere in a mobile number", () => {
    fc.assert(
      fc.property(mobileArb, fc.array(fc.constantFrom(" ", "-"), { minLength: 11, maxLength: 11 }), (m, seps) => {
        const spaced = [...m].map((d, i) => d + (i < 10 ? seps[i] : "")).join("");
        const r = normalizePhone(spaced);
        expect(r.ok && r.value).toBe(`+86${m}`);
      }),
    );
  });

  it.each(["+862583456789", "+865718888888", "+862583456789;ext=123", "+864001234567", "+868001234567;ext=9"])(
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
    ["+865718888888", "0571-888 8888"],
    ["+862583456789;ext=123", "025-8345 6789 转123"],
    ["+864001234567", "400-123-4567"],
    ["+868001234567", "800-123-4567"],
    ["not a phone", "not a phone"],
  ])("%s → %s", (value, shown) => {
    expect(formatPhoneForDisplay(value)).toBe(shown);
  });
});

describe("maskPhone", () => {
  it.each([
    ["+8613812345678", "+86 138****5678"],
    ["+862583456789", "025-****6789"],
    ["+865718888888", "0571-***8888"],
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
