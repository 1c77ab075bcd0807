import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { type NeedHints, parseNeedText } from "../../app/domain/need-text";
import { COUNTED, countedTotal, parseCeilingM, parseCraneT, parsePowerKva, readCounted } from "../../app/domain/units";
import { readTextRow } from "../../app/inventory/inventory-columns";
import { validLeadJson } from "../support/leads";

// Spec figures typed with a count of items, in the fields as the notes reader reads them (units.ts
// COUNTED: transformers add up, each crane lifts its own). What names no one figure — a count with no
// size, two sizes, an unclear count — is refused with a message saying what to type, never cut or guessed.
const NOW = new Date("2026-12-01T02:00:00Z");

function parse(need: Record<string, unknown>, lng: "zh" | "en" = "zh", channel: "api" | "web" | "hotline" = "api") {
  const base = validLeadJson();
  return createLeadSchema(lng, channel, { now: () => NOW }).safeParse({ ...base, need: { ...base.need, ...need } });
}

function stored(need: Record<string, unknown>) {
  const r = parse(need);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead.need;
}

function errorOf(field: string, need: Record<string, unknown>, lng: "zh" | "en" = "zh") {
  const r = parse(need, lng);
  return r.success ? undefined : issuesToFieldErrors(r.error)[`need.${field}`];
}

describe("the power field: transformers counted add up", () => {
  it.each<[string, number]>([
    ["2台500kva", 1000],
    ["2台500KVA", 1000],
    ["两台500千伏安", 1000],
    ["俩台500kVA", 1000],
    ["二台500千伏安", 1000],
    ["500kva×2", 1000],
    ["500KVA x 2", 1000],
    ["2×500KVA", 1000],
    ["2x500kva", 1000],
    ["2X630KVA", 1260],
    ["500kVA*2", 1000],
    ["500kva＊2", 1000],
    ["２台５００ｋＶＡ", 1000],
    ["2 台 500 kVA", 1000],
    ["500kva两台", 1000],
    ["500kva 2台", 1000],
    ["2台500kva变压器", 1000],
    ["两台500千伏安的变压器", 1000],
    ["变压器2台500kva", 1000],
    ["配电：2台630kva", 1260],
    ["三台800千伏安", 2400],
    ["十二台1250kva", 15000],
    ["1台1000kva", 1000],
    ["2台1.25MVA", 2500],
    ["2台500", 1000], // a bare size is kVA, the stored unit
    ["2×500", 1000],
    ["2台500kva以上", 1000],
    ["至少2台500kva", 1000],
    ["2台500kva和1台500kva", 1500], // one size, listed twice
    ["兩臺500千伏安", 1000], // Traditional
    // plain figures as before
    ["1000", 1000],
    ["1000kVA", 1000],
    ["1,000kva", 1000],
    ["配电1000千伏安", 1000],
  ])("%j → %d kVA", (typed, kva) => {
    expect(stored({ powerMinKva: typed }).powerMinKva).toBe(kva);
  });

  it("the same reading in the inventory's parser (parsePowerKva)", () => {
    expect(parsePowerKva("2台500kva")).toBe(1000);
    expect(parsePowerKva("630kva×2")).toBe(1260);
    expect(parsePowerKva("2台")).toBeNull();
  });
});

describe("the crane field: a count does not multiply capacity", () => {
  it.each<[string, number]>([
    ["2台10吨行车", 10],
    ["2台10吨", 10],
    ["两台10t", 10],
    ["10吨×2", 10],
    ["2×10t", 10],
    ["2x10吨", 10],
    ["10t两台", 10],
    ["10吨行车2台", 10],
    ["2部10吨吊车", 10],
    ["双梁行车2台16吨", 16],
    ["2台16/3.2t", 16], // main/auxiliary hook: the main hook
    ["三台5吨的桥式起重机", 5],
    ["2 x 20 tons", 20],
    ["10吨和10吨", 10],
    ["10", 10],
    ["10吨", 10],
  ])("%j → %d t", (typed, t) => {
    expect(stored({ craneMinT: typed }).craneMinT).toBe(t);
  });

  it("parseCraneT reads the same", () => {
    expect(parseCraneT("2台10吨行车")).toBe(10);
    expect(parseCraneT("10吨和16吨")).toBeNull();
  });
});

const REFUSED: [field: string, typed: string, zh: RegExp, en: RegExp][] = [
  // a count with no size
  ["powerMinKva", "2台", /^请写明每台变压器的容量/, /^Say how large each transformer is/],
  ["powerMinKva", "两台变压器", /^请写明每台变压器的容量/, /^Say how large each transformer is/],
  ["powerMinKva", "变压器2台", /^请写明每台变压器的容量/, /^Say how large each transformer is/],
  ["powerMinKva", "2台大的", /^请写明每台变压器的容量/, /^Say how large each transformer is/],
  ["craneMinT", "2台行车", /^请写明行车吨位/, /^Give the crane's capacity/],
  ["craneMinT", "两部", /^请写明行车吨位/, /^Give the crane's capacity/],
  // two sizes: the total (transformers) or the largest (cranes) is offered, not stored
  ["powerMinKva", "2台500kva和1台800kva", /^变压器容量不一：请填合计容量（千伏安），例如 1800；/, /type their total in kVA, e\.g\. 1800,/],
  ["powerMinKva", "500kva+630kva", /例如 1130；/, /e\.g\. 1130,/],
  ["powerMinKva", "1台630、1台800", /例如 1430；/, /e\.g\. 1430,/],
  ["craneMinT", "10吨和16吨", /^行车吨位不一：此项填最大一台的吨位，例如 16；/, /type the largest, e\.g\. 16,/],
  ["craneMinT", "2台10吨、1台5吨行车", /例如 10；/, /e\.g\. 10,/],
  // the count unclear: a range of counts, or which figure is the count
  ["powerMinKva", "2-3台500kva", /^看不清几台、每台多大/, /^It is unclear how many transformers/],
  ["powerMinKva", "0台500kva", /^看不清几台、每台多大/, /^It is unclear how many transformers/],
  // a spoken range of counts is a range, as in every number field
  ["powerMinKva", "两三台500kva", /^这是一个范围/, /^This is a range/],
  ["craneMinT", "2x10", /^看不清几台、每台几吨/, /^It is unclear how many cranes/],
  ["craneMinT", "2到3台10吨", /^看不清几台、每台几吨/, /^It is unclear how many cranes/],
  // not a count at all: the field's own message, as before
  ["powerMinKva", "很大", /^请输入配电容量/, /^Enter a power supply/],
  ["craneMinT", "一些", /^请输入行车吨位/, /^Enter a crane capacity/],
];

describe("what names no one figure is refused with a message saying what to type (zh and en)", () => {
  it.each(REFUSED)("%s %j → refused", (field, typed, zh, en) => {
    const zhErrors = errorOf(field, { [field]: typed });
    const enErrors = errorOf(field, { [field]: typed }, "en");
    expect(zhErrors).toHaveLength(1);
    expect(zhErrors![0]).toMatch(zh);
    expect(enErrors).toHaveLength(1);
    expect(enErrors![0]).toMatch(en);
  });

  it.each(["web", "hotline"] as const)("the %s channel says the same", (channel) => {
    const r = parse({ powerMinKva: "2台" }, "zh", channel);
    expect(r.success).toBe(false);
    expect(issuesToFieldErrors(r.error!)["need.powerMinKva"]?.[0]).toMatch(/^请写明每台变压器的容量/);
  });

  it("a count past the field's limit is too large, not cut", () => {
    expect(errorOf("powerMinKva", { powerMinKva: "99台20000kva" })).toEqual(["数值过大，请核对"]);
  });
});

// ADR 076: the inventory's power and crane columns (Excel/CSV import, admin forms) refuse a counted
// figure with the lead field's message, in both languages — "2台" got "cannot read" before.
describe("the inventory's columns refuse what the lead fields refuse, with the same message", () => {
  const COLUMN: Record<string, string> = { powerMinKva: "powerKva", craneMinT: "craneT" };
  it.each(REFUSED.filter(([, typed]) => !/^(?:两三台500kva|很大|一些)$/.test(typed)))("%s %j", (field, typed) => {
    const { errors } = readTextRow("spaces", { [COLUMN[field]]: typed });
    expect(errors).toEqual([
      { key: COLUMN[field], reason: { zh: errorOf(field, { [field]: typed })![0], en: errorOf(field, { [field]: typed }, "en")![0] } },
    ]);
  });

  it("配电 2台 (with the column's own label) and a counted figure that reads", () => {
    expect(readTextRow("spaces", { powerKva: "配电：2台" }).errors[0].reason).toEqual({
      zh: "请写明每台变压器的容量，例如“2台500千伏安”，或直接填合计容量，例如 1000",
      en: "Say how large each transformer is, e.g. 2 × 500 kVA, or type the total, e.g. 1000",
    });
    expect(readTextRow("spaces", { powerKva: "3套630kva", craneT: "2台10吨" }).value).toMatchObject({ powerKva: 1890, craneT: 10 });
    // Not a count at all: the column's own message, as before.
    expect(readTextRow("spaces", { powerKva: "很大" }).errors[0].reason.zh).toBe("无法识别“很大”，例如 1250 或 1250KVA");
  });
});

describe("readCounted: one rule per kind", () => {
  it.each<[string, ReturnType<typeof readCounted>]>([
    ["2台500kva", { ok: true, value: 1000 }],
    ["500kva", null],
    ["2台", { ok: false, problem: "countOnly" }],
    ["500kva、800kva", { ok: false, problem: "sizes", hint: 1300 }],
    ["0台500kva", { ok: false, problem: "count" }],
    ["100台500kva", { ok: false, problem: "count" }],
    ["max 1000kva", null], // the x of "max" is no times sign
    ["1,000kva", null], // a thousands comma lists nothing
  ])("power %j → %j", (typed, read) => {
    expect(readCounted(typed, COUNTED.power)).toEqual(read);
  });

  it("sum and each", () => {
    expect(countedTotal(COUNTED.power.combine, 2, 630)).toBe(1260);
    expect(countedTotal(COUNTED.crane.combine, 2, 10)).toBe(10);
    expect(countedTotal("sum", 3, 0.1)).toBe(0.3);
  });
});

describe("the notes read counts by the same rule", () => {
  it.each<[string, NeedHints]>([
    ["2台500kva变压器", { powerMinKva: 1000 }],
    ["两台500千伏安", { powerMinKva: 1000 }],
    ["500kva×2", { powerMinKva: 1000 }],
    ["2×500KVA", { powerMinKva: 1000 }],
    ["变压器500kVA两台", { powerMinKva: 1000 }],
    ["2台10吨行车", { craneMinT: 10 }],
    ["10吨行车2台", { craneMinT: 10 }],
    // ADR 076: the field's count words (套, 部, 个, 组) and counts up to 99, not only 台/组 and 1–9
    ["需要3套500kva变压器", { powerMinKva: 1500 }],
    ["两部630千伏安变压器", { powerMinKva: 1260 }],
    ["配电2个500kva", { powerMinKva: 1000 }],
    ["一组1250kva", { powerMinKva: 1250 }],
    ["12台630kva变压器", { powerMinKva: 7560 }],
    ["十二台630kva", { powerMinKva: 7560 }],
    ["630kva×12", { powerMinKva: 7560 }],
  ])("%j → %j", (text, hints) => {
    expect(parseNeedText(text).hints).toEqual(hints);
  });

  it.each(["2台500kva", "3套500kva", "两部630千伏安", "2个500kva", "12台630kva", "十二台630kva", "630kva×12", "500kva十台"])(
    "%j: the notes and the power field read the same figure",
    (typed) => {
      expect(parseNeedText(`配电${typed}`).hints.powerMinKva).toBe(parsePowerKva(typed));
      expect(stored({ powerMinKva: typed }).powerMinKva).toBe(parsePowerKva(typed));
    },
  );

  it.each(["2-3台500kva", "两三台500kva", "1台500kva和1台800kva", "2台变压器"])(
    "%j: the field refuses it, the notes fill nothing and report it",
    (typed) => {
      const r = parseNeedText(`需要${typed}`);
      expect(r.hints.powerMinKva).toBeUndefined();
      expect(r.unread).toEqual([typed]);
    },
  );
});

describe("a height with a spoken tenth (8米5), field and notes alike", () => {
  it.each<[string, number]>([
    ["8米5", 8.5],
    ["八米五", 8.5],
    ["8米5以上", 8.5],
    ["层高8米5", 8.5],
    ["不低于9米2", 9.2],
    ["12米5", 12.5],
    ["8米半", 8.5],
    ["8点5米", 8.5],
  ])("ceilingMinM %j → %d m", (typed, m) => {
    expect(stored({ ceilingMinM: typed }).ceilingMinM).toBe(m);
    expect(parseNeedText(`层高${typed.replace(/^层高/, "")}`).hints.ceilingMinM).toBe(m);
  });

  it.each(["8米5米", "8米5厘"])("%j → refused with the height message (not 8.5, not 85)", (typed) => {
    expect(parseCeilingM(typed)).toBeNull();
    expect(errorOf("ceilingMinM", { ceilingMinM: typed })?.[0]).toMatch(/^请输入高度/);
  });

  // ADR 076: m as 米 ("8m5"), centimetres after the metres ("8米50", as 1米75 is said for a person's
  // height), in the field, the notes and the inventory's column alike.
  it.each<[string, number]>([
    ["8m5", 8.5],
    ["8M5", 8.5],
    ["8 m 5", 8.5],
    ["层高8m5", 8.5],
    ["8m5以上", 8.5],
    ["8m半", 8.5],
    ["8米50", 8.5],
    ["8m50", 8.5],
    ["8米25", 8.25],
    ["12m80", 12.8],
  ])("ceilingMinM %j → %d m, the notes and the inventory's column alike", (typed, m) => {
    expect(stored({ ceilingMinM: typed }).ceilingMinM).toBe(m);
    // The notes read a part after the unit only written close to it ("8 m 5" there may be 8 m and a 5 of what follows).
    if (!/\s/.test(typed))
      expect(parseNeedText(`层高${typed.replace(/^层高/, "")}，5000平`).hints).toMatchObject({ ceilingMinM: m, areaMinSqm: 4500 });
    expect(readTextRow("spaces", { ceilingM: typed }).value).toMatchObject({ ceilingM: m });
  });

  it.each(["8m05", "8米05", "9米0", "8m500", "8m2", "8.5m5"])(
    "%j → refused as unclear, in zh and en (field and inventory), reported from the notes",
    (typed) => {
      expect(parseCeilingM(typed)).toBeNull();
      expect(errorOf("ceilingMinM", { ceilingMinM: typed })).toEqual([`看不清“${typed}”是几米：请写成小数，例如 8.5 或 8.05`]);
      expect(errorOf("ceilingMinM", { ceilingMinM: typed }, "en")).toEqual([
        `It is unclear how many metres “${typed}” is: type a decimal, e.g. 8.5 or 8.05`,
      ]);
      const [cell] = readTextRow("spaces", { ceilingM: typed }).errors;
      expect(cell).toEqual({
        key: "ceilingM",
        reason: {
          zh: `看不清“${typed}”是几米：请写成小数，例如 8.5 或 8.05`,
          en: `It is unclear how many metres “${typed}” is: type a decimal, e.g. 8.5 or 8.05`,
        },
      });
      if (typed !== "8m2") expect(parseNeedText(`层高${typed}，5000平`).hints.ceilingMinM).toBeUndefined();
    },
  );
});
