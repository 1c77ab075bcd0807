import { describe, expect, it } from "vitest";

import { findFullPhones, maskPhonesInText } from "~/domain/phone-in-text";

describe("full phone numbers in free text", () => {
  it.each([
    ["来电 13812345678 请回电", "13812345678"],
    ["stored +8613812345678", "+8613812345678"],
    ["typed 138 1234 5678.", "138 1234 5678"],
    ["typed 138-1234-5678", "138-1234-5678"],
    ["0086 159 0000 1111", "0086 159 0000 1111"],
    ["全角 １３９１２３４５６７８", "１３９１２３４５６７８"],
    ["landline 025-8345 6789", "025-8345 6789"],
    ["landline stored +862583456789;ext=12", "+862583456789"],
    ["Beijing (010)62345678", "(010)62345678"],
    ["seven digits 0571-8765432", "0571-8765432"],
  ])("finds and masks the number in %j", (text, phone) => {
    expect(findFullPhones(text)).toEqual([phone]);
    const masked = maskPhonesInText(text);
    expect(findFullPhones(masked)).toEqual([]);
    expect(masked).toMatch(/\*{4}\d{4}/);
    expect(masked.startsWith(text.slice(0, text.indexOf(phone)))).toBe(true); // the text around it is kept
  });

  it.each([
    "uuid 0f8a2c1e-1381-2345-6789-13812345678a",
    "time 2026-12-01T02:07:30.123Z epoch 1764555931000",
    "hotline 400-000-0000 and 800 123 4567",
    "reference PM-20261201-0001, lead 42, area 5000 ㎡",
    "order 1381234567 (ten digits) and 138123456789 (twelve)",
    "masked +86 138****5678",
  ])("leaves %j alone", (text) => {
    expect(findFullPhones(text)).toEqual([]);
    expect(maskPhonesInText(text)).toBe(text);
  });
});
