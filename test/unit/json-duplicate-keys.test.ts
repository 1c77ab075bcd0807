import { describe, expect, it } from "vitest";

import { MAX_JSON_DEPTH, rawJsonValueAfter, scanJsonShape } from "~/http/inspect-body";

// F8 of session 28 (ADR 113): a key written twice in one JSON object is found in the gate's one pass,
// with its path, as JSON.parse reads keys (escapes decoded), and normal bodies pass untouched.

const lead = {
  need: { kind: "factory", deal: "lease", areaMin: 3000, regions: ["高淳区", "溧水区"], notes: '要 "单层" {厂房}, 带\\反斜杠' },
  use: { industry: "C39", product: "传感器" },
  tax: { annualTaxWan: 200 },
  company: { name: "南京测试有限公司" },
  contact: { name: "王先生", phone: "13812345678" },
  consent: true,
};

describe("scanJsonShape: duplicate keys", () => {
  const cases: [string, string, string | null, number?][] = [
    ["a normal lead", JSON.stringify(lead), null],
    ["a normal lead, pretty-printed", JSON.stringify(lead, null, 2), null],
    ["two top-level need keys", '{"need":{"kind":"factory"},"need":{"kind":"land"}}', "need"],
    ["two phones in contact", '{"contact":{"phone":"13812345678","name":"王","phone":"13912345678"}}', "contact.phone"],
    ["an escaped key beside the plain one", '{"contact":{"\\u0070hone":"1","phone":"2"}}', "contact.phone"],
    ["both escaped differently", '{"contact":{"\\u0070hone":"1","ph\\u006fne":"2"}}', "contact.phone"],
    ["three times", '{"a":1,"a":2,"a":3}', "a", 3],
    ["inside an array item", '{"spaces":[{"id":"S1"},{"id":"S2","id":"S3"}]}', "spaces[1].id"],
    ["deep", '{"x":{"y":[[{"z":{"k":1,"k":2}}]]}}', "x.y[0][0].z.k"],
    ["the same key in sibling objects is fine", '{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}', null],
    ["a key's text inside a string value is no key", '{"note":"\\"phone\\":1","phone":"2"}', null],
    ["keys differing by case are two keys", '{"Phone":"1","phone":"2"}', null],
    ["a string with an escaped quote before a duplicate", '{"a":"x\\"y","a":"z"}', "a"],
    ["a key that is a value in an array is no key", '{"list":["a","a"],"a":1}', null],
    ["an empty key twice", '{"":1,"":2}', ""],
    ["keys with a dot", '{"a.b":1,"a.b":2}', "a.b"],
  ];
  for (const [what, text, path, count = 2] of cases) {
    it(`${what} → ${path ?? "none"}`, () => {
      const { tooDeep, duplicate } = scanJsonShape(text, MAX_JSON_DEPTH);
      expect(tooDeep).toBe(false);
      if (path === null) expect(duplicate).toBeNull();
      else expect(duplicate).toMatchObject({ path, count });
    });
  }

  it("the quoted values are the ones written, in order, strings without quotes, others as written", () => {
    const text = '{"contact":{"phone":"13812345678","phone" : {"a":[1,2]}, "name":"王"},"x":1,"x":  true}';
    const dup = scanJsonShape(text, MAX_JSON_DEPTH).duplicate!;
    expect(dup.path).toBe("contact.phone");
    expect(dup.valueStarts.map((at) => rawJsonValueAfter(text, at))).toEqual(["13812345678", '{"a":[1,2]}']);
  });

  it("nesting: past the bound is too deep, at it is fine (as the gate's old count)", () => {
    expect(scanJsonShape("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH), MAX_JSON_DEPTH).tooDeep).toBe(false);
    expect(scanJsonShape("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH).tooDeep).toBe(true);
    expect(scanJsonShape('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', MAX_JSON_DEPTH).tooDeep).toBe(false);
  });

  it("text that is no JSON does not throw (JSON.parse, run after, refuses it)", () => {
    for (const t of ['{"a', '{"\\u00zz":1,"\\u00zz":2}', "}}]]", '{"a":1,,"a":2', "", '"abc'])
      expect(() => scanJsonShape(t, MAX_JSON_DEPTH)).not.toThrow();
  });

  // Its cost is part of what bench:intake measures (POST /api/leads), not timed here: a unit test's clock fails on a busy machine.
  it("scans a large import whole (20,000 rows): no duplicate found where there is none, one found in the last row", () => {
    const rows = Array.from({ length: 20000 }, (_, i) => ({
      id: `S${i}`,
      parkId: "P1",
      kind: "factory",
      title: `厂房 ${i}`,
      areaSqm: 1000 + i,
    }));
    const big = JSON.stringify({ spaces: rows });
    expect(scanJsonShape(big, MAX_JSON_DEPTH).duplicate).toBeNull();
    const last = `${big.slice(0, -3)},"id":"again"}]}`; // the last row's id written twice
    expect(scanJsonShape(last, MAX_JSON_DEPTH).duplicate).not.toBeNull();
  });
});
