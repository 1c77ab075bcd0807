import { describe, expect, it } from "vitest";

import type { LeadFlag } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors, regionProblemMessage } from "../../app/domain/lead-schema";
import { describeNoteRegions, planNoteRegions } from "../../app/domain/note-regions";
import { describeFlag, isReadingFlag } from "../../app/i18n/flag-messages";
import { validLeadJson } from "../support/leads";

// An attack (2026-12-04, F4): places the enterprise rules out in the notes were ignored silently —
// "不要高淳的，溧水可以" stored regions [] with no flag, and the lead was offered to 高淳's parks. Now a
// place ruled in ("溧水可以", "只要溧水") fills the blank regions box, a place ruled out never does and is
// told to the recruiter — a doubt when nothing else is named, since matching then does not exclude it; a
// place only wished for ("最好溧水") is no filter, as a wished figure is not (ADR 097; docs/decisions/110).

const LISHUI = "320117";
const JIANGNING = "320115";

const codesOf = (flags: LeadFlag[]) => flags.map((f) => `${f.code}:${f.text}`);

describe("a place ruled in beside one ruled out: the wanted one filled, the other read out", () => {
  it.each([
    ["不要高淳的，溧水可以", [LISHUI], "高淳"],
    ["高淳不考虑，溧水可以", [LISHUI], "高淳"],
    ["只要溧水，高淳不要", [LISHUI], "高淳"],
    ["溧水或者江宁，不要高淳", [JIANGNING, LISHUI], "高淳"],
    ["只考虑江宁，别去高淳", [JIANGNING], "高淳"],
    ["高淳太偏了，江宁也行", [JIANGNING], "高淳"],
    ["不要高淳區，溧水可以", [LISHUI], "高淳區"],
    ["除了高淳，江宁、溧水都行", [JIANGNING, LISHUI], "高淳"],
    ["在江宁，高淳就算了", [JIANGNING], "高淳"],
    ["不要鼓楼，江宁可以", [JIANGNING], "鼓楼"], // ruled out needs no one district to be told
    ["高淳可能不行，溧水可以", [LISHUI], "高淳"],
    ["江宁或溧水，高淳估计不太合适", [JIANGNING, LISHUI], "高淳"],
  ])("%s → %j, %s ruled out", (notes, codes, out) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill?.codes).toEqual(codes);
    expect(plan.unread).toEqual([]);
    expect(codesOf(plan.ruled)).toEqual([`placeExcluded:${out}`]);
    expect(isReadingFlag(plan.ruled[0])).toBe(true);
  });
});

describe("nothing ruled in: nothing filled, the places ruled out flagged for the recruiter", () => {
  it.each([
    ["除了高淳都行", "高淳"],
    ["不考虑江宁", "江宁"],
    ["不要在高淳区", "高淳区"],
    ["高淳和溧水都不要", "高淳、溧水"],
    ["不要高淳或者溧水", "高淳、溧水"],
    ["避开江宁", "江宁"],
    ["江宁除外，其他都可以", "江宁"],
    ["高淳太远了", "高淳"],
    // Turned down politely: a hedge before the "no" (the attack of 12-04 read "高淳可能不行" as nothing).
    ["高淳可能不行", "高淳"],
    ["高淳估计不太合适", "高淳"],
    ["江宁恐怕不方便", "江宁"],
    ["高淳有点远", "高淳"],
    ["江宁应该不考虑", "江宁"],
    ["高淳那边感觉不太行", "高淳"],
    ["高淳的话可能不行", "高淳"],
  ])("%s → no regions, %s flagged as a doubt", (notes, out) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill).toBeNull();
    expect(codesOf(plan.ruled)).toEqual([`placeExcludedOpen:${out}`]);
    expect(isReadingFlag(plan.ruled[0])).toBe(false);
  });
});

describe("a place only wished for is no filter (ADR 097), beside a wanted one it widens", () => {
  it.each(["最好溧水", "最好在溧水", "溧水优先", "尽量在溧水", "首选溧水", "溧水的厂房最好"])(
    "%s → nothing filled, a wish read out",
    (notes) => {
      const plan = planNoteRegions(notes, [])!;
      expect(plan.fill).toBeNull();
      expect(codesOf(plan.ruled)).toEqual([expect.stringMatching(/^placeWished:溧水/)]);
    },
  );

  it("高淳太远了，最好溧水: 高淳 ruled out, 溧水 wished — both told, nothing filled", () => {
    const plan = planNoteRegions("高淳太远了，最好溧水", [])!;
    expect(plan.fill).toBeNull();
    expect(codesOf(plan.ruled)).toEqual(["placeExcludedOpen:高淳", "placeWished:溧水"]);
  });

  it.each([
    ["在江宁，最好溧水", [JIANGNING, LISHUI]],
    ["江宁区或溧水区都行，江宁区的厂房优先", [JIANGNING, LISHUI]],
  ])("%s → %j", (notes, codes) => {
    expect(planNoteRegions(notes, [])!.fill?.codes).toEqual(codes);
  });
});

describe("words that name no place beside those words stay no place", () => {
  it.each([
    "不要平房",
    "只要单层",
    "不要合作社的厂房",
    "除了价格都行",
    "光明或者宝安都行",
    "我们是高淳机械有限公司，不要太远",
    "公司在高淳，不要太远",
  ])("%s → nothing", (notes) => {
    expect(planNoteRegions(notes, [])).toMatchObject({ fill: null, ruled: [], unread: [] });
  });
});

describe("the regions box typed: it wins; the notes ruling out a place it covers are flagged", () => {
  // The box naming the place itself: the clash is told, and the place stays refused (ADR 184: never matched on a refusal).
  it('不要高淳 beside ["高淳区"] → notesDiffer on need.regions and the refusal kept', () => {
    expect(planNoteRegions("不要高淳", ["高淳区"])).toMatchObject({
      fill: null,
      ruled: [
        { field: "need.notes", code: "placeExcluded", text: "高淳" },
        { field: "need.regions", code: "notesDiffer" },
      ],
    });
  });
  // A place inside a wider box narrows it (ADR 184): "南京，不要高淳" is no clash.
  it.each([
    ["高淳不考虑", ["南京市"], "高淳"],
    ["南京都可以就是不要江宁", ["南京"], "江宁"],
    ["江苏都行，除了南京", ["江苏省"], "南京"],
    ["不考虑六合和浦口", ["南京市", "镇江"], "六合、浦口"],
  ])("%s beside %j → the refusal (placeExcluded %s), no clash", (notes, typed, out) => {
    expect(planNoteRegions(notes, typed)).toMatchObject({ fill: null, ruled: [{ field: "need.notes", code: "placeExcluded", text: out }] });
    expect(planNoteRegions(notes, typed)!.ruled.some((f) => f.code === "notesDiffer")).toBe(false);
  });
  it("a place the box does not cover: kept as the refusal it is (placeExcluded, ADR 159), no clash", () => {
    expect(planNoteRegions("不要高淳", ["溧水区"])!.ruled).toEqual([{ field: "need.notes", code: "placeExcluded", text: "高淳" }]);
  });
});

describe("said to the desk and the recruiter in zh and en", () => {
  it("the desk's lines under the notes", () => {
    const say = (notes: string, lng: "zh" | "en") =>
      describeNoteRegions(planNoteRegions(notes, [])!, lng, (p) => regionProblemMessage(lng, p));
    expect(say("不要高淳的，溧水可以", "zh")).toEqual({ understood: "意向区域 江苏省南京市溧水区", unread: "不要的区域：高淳" });
    expect(say("除了高淳都行", "zh").unread).toMatch(/^不要的区域：高淳（意向区域仍为空/);
    expect(say("除了高淳都行", "en").unread).toMatch(/^places ruled out: 高淳 \(Preferred districts is still blank/);
    expect(say("最好溧水", "zh").unread).toMatch(/^希望的区域：溧水/);
    expect(say("最好溧水", "en").unread).toMatch(/^places preferred: 溧水/);
  });

  it("the stored lead (every channel's schema): flags the recruiter's page describes", () => {
    const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown> };
    body.need = { kind: "factory", deal: "lease", areaMin: "3000", notes: "除了高淳都行" };
    const r = createLeadSchema("zh", "api").safeParse(body);
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    const flag = r.data.lead.flags.find((f: LeadFlag) => f.code === "placeExcludedOpen")!;
    expect(r.data.lead.need.regionCodes).toEqual([]);
    expect(describeFlag("zh", flag)).toMatch(/企业说不要这些区域.*高淳/);
    expect(describeFlag("en", flag)).toMatch(/rules these places out.*高淳/);
  });
});

describe("a hedge without a no rules nothing out", () => {
  it.each(["高淳可能也行", "江宁比较急，溧水可以", "高淳应该可以", "溧水有点兴趣"])("%s: no place ruled out", (notes) => {
    const plan = planNoteRegions(notes, []);
    expect(plan?.excluded ?? []).toEqual([]);
  });
});

// Attack of 2026-12-04 (28-H4): "江宁区以外" stored the very place it rules out.
describe("a place with 以外 / 之外 after it is ruled out", () => {
  it.each([
    ["江宁区以外", "江宁区"],
    ["高淳以外的都行", "高淳"],
    ["溧水之外都可以", "溧水"],
  ])("%s → nothing filled, %s flagged", (notes, out) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill).toBeNull();
    expect(codesOf(plan.ruled)).toEqual([`placeExcludedOpen:${out}`]);
  });
  it("beside a wanted place: the wanted one filled", () => {
    const plan = planNoteRegions("高淳以外，江宁、溧水都行", [])!;
    expect(plan.fill?.codes).toEqual([JIANGNING, LISHUI]);
    expect(codesOf(plan.ruled)).toEqual(["placeExcluded:高淳"]);
  });
});
