import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, isValidCreditCode, normalizeCreditCode } from "../../app/domain/credit-code";

/**
 * Independent check-character computation for the tests: the standard's weights are 3^i mod 31,
 * so they are derived here instead of copied from the module's table.
 */
function expectedCheckChar(body: string): string {
  const cs = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let sum = 0;
  let w = 1;
  for (const ch of body) {
    sum += cs.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return cs[(31 - (sum % 31)) % 31];
}

describe("CREDIT_CODE_CHARSET", () => {
  it("is the 31 characters of GB 32100 (no I, O, Z, S, V)", () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    expect(CREDIT_CODE_CHARSET).not.toMatch(/[IOZSV]/);
    expect(new Set(CREDIT_CODE_CHARSET).size).toBe(31);
  });
});

describe("normalizeCreditCode", () => {
  it.each([
    ["91330100716105852F", "91330100716105852F"],
    ["91330100716105852f", "91330100716105852F"],
    ["9133 0100 7161 0585 2F", "91330100716105852F"],
    ["91-330100-716105852-F", "91330100716105852F"],
    ["９１３３０１００７１６１０５８５２Ｆ", "91330100716105852F"],
    ["　91330100716105852F　", "91330100716105852F"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeCreditCode(input)).toBe(expected);
  });
});

describe("isValidCreditCode", () => {
  // Published codes of large companies, each checked with expectedCheckChar before being listed.
  it.each(["914403001922038216", "91330100716105852F", "9144030071526726XG", "91110108551385082Q"])(
    "accepts the published code %s",
    (code) => {
      expect(expectedCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(isValidCreditCode(code)).toBe(true);
    },
  );

  it.each([
    ["lower case", "9144030071526726xg"],
    ["spaces", "9144 0300 7152 6726 XG"],
    ["full width", "９１４４０３００７１５２６７２６ＸＧ"],
    ["check char 0", "91320000000000000" + expectedCheckChar("91320000000000000")],
    ["letters in the body", "9132ABCDEFGHJKLMN" + expectedCheckChar("9132ABCDEFGHJKLMN")],
  ])("accepts (%s) %j", (_label, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ["wrong check char", "914403001922038217"],
    ["wrong check char (letter)", "91330100716105852G"],
    ["one body digit changed", "91330100716105853F"],
    ["two digits swapped", "91330100716105825F"],
    ["17 chars", "9133010071610585F"],
    ["19 chars", "91330100716105852F0"],
    ["empty", ""],
    ["forbidden I", "9133010071610585I" + expectedCheckChar("91330100716105851")],
    ["forbidden O", "9133O100716105852F"],
    ["forbidden Z check", "91330100716105852Z"],
    ["forbidden S", "S1330100716105852F"],
    ["forbidden V", "9133010071610585V2"],
    ["punctuation", "91330100716105852*"],
    ["organization code only", "71610585-2"],
  ])("rejects (%s) %j", (_label, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  const body17 = fc.string({ unit: fc.constantFrom(...CREDIT_CODE_CHARSET), minLength: 17, maxLength: 17 });

  it("accepts any 17-character body followed by its computed check character", () => {
    fc.assert(
      fc.property(body17, (body) => {
        expect(creditCodeCheckChar(body)).toBe(expectedCheckChar(body));
        expect(isValidCreditCode(body + expectedCheckChar(body))).toBe(true);
      }),
    );
  });

  it("rejects a body followed by any other character", () => {
    fc.assert(
      fc.property(body17, fc.constantFrom(...CREDIT_CODE_CHARSET), (body, ch) => {
        fc.pre(ch !== expectedCheckChar(body));
        expect(isValidCreditCode(body + ch)).toBe(false);
      }),
    );
  });

  it("detects every single-character substitution", () => {
    fc.assert(
      fc.property(body17, fc.nat(16), fc.constantFrom(...CREDIT_CODE_CHARSET), (body, pos, ch) => {
        fc.pre(body[pos] !== ch);
        const code = body + expectedCheckChar(body);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(isValidCreditCode(changed)).toBe(false);
      }),
    );
  });
});
