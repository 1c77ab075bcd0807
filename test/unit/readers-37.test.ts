import { describe, expect, it } from "vitest";

import { areaRemarksToNotes } from "~/domain/area-box-words";
import { NOTES_MAX } from "~/domain/field-limits";
import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "~/domain/lead-schema";
import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";
import { resolveRegions } from "~/domain/regions.server";
import { readTaxBox } from "~/domain/tax-box-reading";
import { describeFlag } from "~/i18n/flag-messages";
import { assistPreview } from "~/leads/assist-preview";
import { taxBoxReading } from "~/leads/tax-reading";

import { validLeadJson } from "../support/leads";
import { JN, LH, PK, readAs } from "../support/place-stances";

// docs/decisions/168: the leftovers of session 36, each a kind — a tax range (box and notes), a refused deal in the live
// reading, the place phrases and corrections read the same live as on saving, an area box's remark with no room in the notes.
// (The hotline's not-read list goes through the real web process: test/integration/readers-37.test.ts.)

const NOW = new Date("2026-12-05T03:00:00Z");

function parse(
  over: { need?: Record<string, unknown>; tax?: Record<string, unknown> },
  channel: LeadChannel = "api",
  lng: "zh" | "en" = "zh",
) {
  const base = validLeadJson();
  return createLeadSchema(lng, channel, { now: () => NOW }).safeParse({
    ...base,
    need: { ...base.need, ...over.need },
    tax: { ...base.tax, ...over.tax },
  });
}
const lead = (r: ReturnType<typeof parse>) => {
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
};
const errors = (r: ReturnType<typeof parse>): Record<string, string> =>
  r.success ? {} : Object.fromEntries(Object.entries(issuesToFieldErrors(r.error)).map(([k, v]) => [k, v.join(" ")]));

describe("1. a tax range: its lower figure is the expected tax, said back, the range kept for the recruiter", () => {
  // [typed in the box, 万元 stored]
  const BOX: [string, number][] = [
    ["800-1000", 800],
    ["800到1000万", 800],
    ["800～1000", 800],
    ["800万-1000万", 800],
    ["800~1000万元", 800],
    ["三到五百万", 300],
    ["3~5亿", 30000],
    ["年纳税800至1000万", 800],
    ["约800-1000万", 800],
    ["3-5 million yuan", 300],
  ];
  it.each(BOX)("the box %j → %d 万元 on every channel, a `taxRange` flag with the words typed", (typed, wan) => {
    for (const channel of ["web", "api", "hotline"] as const) {
      const l = lead(parse({ tax: { annualTaxWan: typed } }, channel));
      expect(l.tax.annualTaxWan).toBe(wan);
      expect(l.flags.filter((f) => f.code === "taxRange")).toEqual([{ field: "tax.annualTaxWan", code: "taxRange", text: typed }]);
    }
    expect(readTaxBox(typed)).toEqual({ state: "range", wan });
  });

  it("said back beside the box as a range with the figure taken (zh, en); the recruiter's line says it (zh, en)", () => {
    expect(taxBoxReading("800-1000", "zh")).toBe("年纳税“800-1000”是一个范围，按较低的数读作：800 万元/年（招商专员会与您核实）");
    expect(taxBoxReading("800到1000万", "en").replace(/\u00a0/g, " ")).toBe(
      "Annual tax “800到1000万” is a range; its lower figure is taken: CNY 8 million/year (a recruiter will check with you)",
    );
    const flag = lead(parse({ tax: { annualTaxWan: "800-1000" } })).flags.find((f) => f.code === "taxRange")!;
    expect(describeFlag("zh", flag)).toBe("年纳税填的是范围，已按较低的数作为预计年纳税：800-1000");
    expect(describeFlag("en", flag)).toMatch(/range; its lower figure is taken as the expected tax: 800-1000$/);
  });

  it("guards: a reversed range, a range per mu or per month are still refused (the other money boxes read a range: ADR 189); one figure has no flag", () => {
    expect(errors(parse({ tax: { annualTaxWan: "1000-800" } }))).toHaveProperty(["tax.annualTaxWan"]);
    expect(errors(parse({ tax: { annualTaxWan: "亩均税收30-50万" } }))).toHaveProperty(["tax.annualTaxWan"]);
    expect(errors(parse({ tax: { annualTaxWan: "每月10到20万" } }))).toHaveProperty(["tax.annualTaxWan"]);
    expect(lead(parse({ tax: { investmentWan: "1000-2000" } })).tax.investmentWan).toBe(1000);
    expect(lead(parse({ tax: { annualTaxWan: "800" } })).flags.some((f) => f.code === "taxRange")).toBe(false);
    expect(readTaxBox("800")).toEqual({ state: "plain" });
  });

  // [notes, 万元 read, the words kept]
  const NOTES: [string, number, string][] = [
    ["年纳税800到1000万", 800, "年纳税800到1000万"],
    ["预计纳税800-1000万/年，5000平厂房", 800, "预计纳税800-1000万"],
    ["每年税收800万到1000万", 800, "每年税收800万到1000万"],
    ["年纳税三到五百万", 300, "年纳税三到五百万"],
    ["annual tax 3-5 million yuan", 300, "annual tax 3-5 million yuan"],
  ];
  it.each(NOTES)("the notes %j: %d 万元 read, nothing unread", (notes, wan, text) => {
    const r = parseNeedText(notes, NOW, [extractMoney], "factory");
    expect(r.hints.annualTaxWan).toBe(wan);
    expect(r.found.find((f) => f.field === "annualTaxWan")?.text).toBe(text);
    expect(r.unread).toEqual([]);
  });

  it("the notes' range fills a blank box (web: the box required), flagged, and said live as a range (zh, en)", () => {
    const l = lead(parse({ need: { notes: "年纳税800到1000万" }, tax: { annualTaxWan: "" } }, "web"));
    expect(l.tax.annualTaxWan).toBe(800);
    expect(l.flags.filter((f) => f.code === "taxRange").map((f) => f.text)).toEqual(["年纳税800到1000万"]);
    const preview = (lng: "zh" | "en") =>
      assistPreview("年纳税800到1000万", new Set(), lng, "factory", [extractMoney]).understood.replace(/\u00a0/g, " ");
    expect(preview("zh")).toContain("年纳税“年纳税800到1000万”是一个范围，按较低的数：800 万元/年");
    expect(preview("zh")).not.toContain("年纳税 800万元");
    expect(preview("en")).toContain("is a range; its lower figure is taken: CNY 8 million/year");
  });

  it("guards: a range per mu or per month in the notes is still told unread; beside a typed box the notes' range is compared", () => {
    for (const notes of ["亩均税收30到50万", "月纳税10到20万"]) {
      const r = parseNeedText(notes, NOW, [extractMoney], "factory");
      expect(r.hints.annualTaxWan).toBeUndefined();
      expect(r.unread.join("|")).toContain(notes.slice(0, 4));
    }
    const l = lead(parse({ need: { notes: "年纳税800到1000万" }, tax: { annualTaxWan: "500" } }));
    expect(l.tax.annualTaxWan).toBe(500);
    expect(l.flags.filter((f) => f.code === "notesDiffer" && f.field === "tax.annualTaxWan").map((f) => f.text)).toEqual([
      "年纳税800到1000万 ≠ 500万元",
    ]);
  });
});

describe("2. a refused deal is said in the live reading, with the deal box blank or chosen (zh, en)", () => {
  it.each([
    ["只租不买", "购买（“只租不买”）", 'buying ("只租不买")'],
    ["不考虑购买，5000平", "购买（“不考虑购买”）", 'buying ("不考虑购买")'],
    ["要5000平，租的不要，只买", "租赁（“租的不要，只买”）", 'leasing ("租的不要，只买")'],
    ["lease only, 5000 sqm", "购买（“lease only”）", 'buying ("lease only")'],
    ["5000 sqm, no purchase", "购买（“no purchase”）", 'buying ("no purchase")'],
  ])("%j → %j", (notes, zh, en) => {
    for (const filled of [new Set<string>(), new Set(["deal"])]) {
      expect(assistPreview(notes, filled, "zh", "factory").understood).toContain(`明确不要：${zh}，不会推荐`);
      expect(assistPreview(notes, filled, "en", "factory").understood).toContain(`ruled out: ${en}, never suggested`);
    }
  });

  it.each(["买不买都行", "租售均可", "不买也行", "租金不要太贵", "现在的厂房是租的"])("%j: no refusal said", (notes) => {
    expect(assistPreview(notes, new Set(), "zh", "factory").understood).not.toContain("明确不要");
  });

  it("the deal the notes give never holds the deal they refuse (the hotline's blank box, the preview)", () => {
    for (const [notes, deal] of [
      ["要5000平，租的不要，只买", "buy"],
      ["购买不考虑，租的话可以", "lease"],
    ] as const) {
      const l = lead(parse({ need: { deal: "", notes } }, "hotline"));
      expect(l.need.deal).toBe(deal);
      expect(assistPreview(notes, new Set(), "zh", "factory").understood).not.toContain("租售均可");
    }
  });
});

describe("3. places: the live preview reads the phrases and corrections the save reads", () => {
  /** The server's resolver, as GET /api/regions?resolve= answers the form's script. */
  const known = (n: string) => resolveRegions([n]).problems.length === 0 && resolveRegions([n]).codes.length > 0;
  const live = (notes: string, lng: "zh" | "en" = "zh") => {
    // As the form's script does: ask the names the preview wants looked up, then show again with the answers.
    const first = assistPreview(notes, new Set(), lng, "factory", undefined, undefined, () => undefined);
    const answers = new Map(first.lookUp.map((n) => [n, known(n)]));
    return assistPreview(notes, new Set(), lng, "factory", undefined, undefined, (n) => answers.get(n)).places;
  };

  it.each([
    ["不是江宁就是浦口", ["江宁", "浦口"], []],
    ["要么江宁要么浦口，5000平", ["江宁", "浦口"], []],
    ["江宁 哦不 浦口", ["浦口"], ["江宁"]],
    ["江宁 说错了 浦口，5000平", ["浦口"], ["江宁"]],
    ["在江宁，哦不，在浦口", ["浦口"], ["江宁"]],
    ["江宁，不对，是浦口", ["浦口"], ["江宁"]],
    ["江宁，就是浦口", ["浦口"], ["江宁"]],
    ["不是江宁，就是浦口", ["浦口"], ["江宁"]],
  ])("%j: shown %j, not %j", (notes, shown, not) => {
    const line = live(notes);
    for (const p of shown) expect(line).toContain(p);
    // Never among the places to check (the line's first part); one the save rules out ("不是江宁，就是浦口") is said as ruled out,
    // as the save flags it (readers40: the preview now finds the names a ruling word touches).
    const toCheck = line.split("；")[0];
    for (const p of not) expect(toCheck).not.toContain(p);
  });

  it("English: 'Jiangning rather than Pukou', 'instead of' show Jiangning, never Pukou", () => {
    for (const notes of ["Jiangning rather than Pukou", "in Jiangning instead of Pukou"]) {
      const line = live(notes, "en");
      expect(line).toContain("Jiangning");
      expect(line).not.toContain("Pukou");
    }
  });

  describe("the save: '江宁，就是浦口' is a correction — Pukou filled, Jiangning told; a contrast and a list stay as they were", () => {
    readAs([
      ["江宁，就是浦口", [PK], [], "江宁"],
      ["江宁，就是浦口。5000平厂房", [PK], [], "江宁"],
      ["在江宁，就是在浦口", [PK], [], "江宁"],
      ["六合，就是江宁", [JN], [], "六合"],
      ["不是江宁，就是浦口", [PK], ["江宁"], ""],
      ["不要六合，就是江宁", [JN], ["六合"], ""],
      ["不是江宁就是浦口", [JN, PK], [], ""],
      ["江宁、浦口都行，就是六合不要", [JN, PK], ["六合"], ""],
      ["江宁 哦不 浦口", [PK], [], "江宁"],
      ["在江宁，哦不，在浦口", [PK], [], "江宁"],
      ["浦口、六合，不对，江宁", [JN], [], "浦口"],
      ["江宁，浦口", [JN, PK], [], ""],
      ["江宁或者六合", [JN, LH], [], ""],
    ]);
  });
});

describe("4. an area box's bracketed remark with no room left in the notes: refused on the box, never dropped, never over the limit", () => {
  const notesOf = (n: number) => "需要单层厂房。".repeat(Math.ceil(n / 7)).slice(0, n);

  it.each([
    [NOTES_MAX - 3, "5000平方米（可分割）"],
    [NOTES_MAX, "5000平方米（可分割）"],
    [NOTES_MAX - 10, "5000平（可以分两期交付，先交一半）"],
  ])("notes of %d characters and %j: refused on the area box, saying the remark and the limit (zh, en)", (n, box) => {
    for (const channel of ["web", "api", "hotline"] as const) {
      const e = errors(parse({ need: { areaMin: box, notes: notesOf(n) } }, channel));
      expect(e["need.areaMin"]).toMatch(new RegExp(`括号里的“${/（(.+)）/.exec(box)![1]}”要放进补充说明，但补充说明最多 2000 个字`));
      expect(e).not.toHaveProperty(["need.notes"]);
    }
    expect(errors(parse({ need: { areaMin: box, notes: notesOf(n) } }, "api", "en"))["need.areaMin"]).toMatch(
      /the notes take at most 2000 characters and have no room left/,
    );
  });

  it("a remark in the maximum box, and in both boxes, is refused the same way", () => {
    const e = errors(parse({ need: { areaMin: "3000平（可分割）", areaMax: "5000平（单层）", notes: notesOf(NOTES_MAX - 5) } }));
    expect(e["need.areaMin"]).toMatch(/可分割/);
    expect(e["need.areaMax"]).toMatch(/单层/);
  });

  it("with room left the remark is moved and the notes stay within the limit, the remark at their end", () => {
    const notes = notesOf(NOTES_MAX - 8);
    const l = lead(parse({ need: { areaMin: "5000平方米（可分割）", notes } }));
    expect(l.need.notes).toBe(`${notes}；面积：可分割`);
    expect(l.need.notes!.length).toBeLessThanOrEqual(NOTES_MAX);
    expect(l.need.areaMinSqm).toBe(5000);
  });

  it("notes over the limit as typed: refused on the notes alone, the remark not added, the box read", () => {
    const e = errors(parse({ need: { areaMin: "5000平方米（可分割）", notes: notesOf(NOTES_MAX + 1) } }));
    expect(e["need.notes"]).toMatch(/2000/);
    expect(e).not.toHaveProperty(["need.areaMin"]);
    const moved = areaRemarksToNotes({ areaMin: "5000平方米（可分割）", notes: notesOf(NOTES_MAX + 1) }) as Record<string, string>;
    expect(moved.notes.length).toBe(NOTES_MAX + 1);
    expect(moved.areaMin).toBe("5000平方米");
  });
});
