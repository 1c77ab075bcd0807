import { describe, expect, it } from "vitest";

import type { LeadFlag } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors, regionProblemMessage } from "../../app/domain/lead-schema";
import { describeNoteRegions, planNoteRegions } from "../../app/domain/note-regions";
import { resolveRegions, searchZones } from "../../app/domain/regions";
import { describeFlag, isReadingFlag } from "../../app/i18n/flag-messages";
import { assistPreview } from "../../app/leads/assist-preview";
import { validLeadJson } from "../support/leads";

// ADR 113, amended (attack 2026-12-04 28-H4/M3/M4, trial 28 item 5): zones are places in the notes as
// districts are — in lists, with joiners, ruled in and out; a place named as its own clause beside one
// ruled out is the one wanted; "不在X也行" is no exclusion; the notes' places the typed box leaves out are
// told; a city and a zone kind is that city's zone or a question, never the whole city.
// Codes by hand from zones.ts' sources and GB/T 2260, not from the resolver.

const JIANGNING = "320115";
const LISHUI = "320117";
const GAOCHUN = "320118";
const JIANGBEI_NEW_AREA = ["320111", "320113", "320116"]; // 浦口、栖霞、六合
const SIP = "320576"; // 苏州工业园区, an NBS unit of its own
const SND = "320505"; // 苏州高新区 = 虎丘区
const XIONGAN = ["130629", "130632", "130638"];
const LIANGJIANG = ["500105", "500109", "500112"];
const sorted = (...c: (string | string[])[]) => [...new Set(c.flat())].sort();
const flagsOf = (flags: LeadFlag[]) => flags.map((f) => `${f.code}:${f.text}`);

describe("zones in the notes' lists and joiners fill as districts do", () => {
  it.each<[string, string[]]>([
    ["江宁或者江北新区", sorted(JIANGNING, JIANGBEI_NEW_AREA)],
    ["江北新区或者江宁", sorted(JIANGNING, JIANGBEI_NEW_AREA)],
    ["江宁和江北新区都可以", sorted(JIANGNING, JIANGBEI_NEW_AREA)],
    ["高淳、江北新区均可", sorted(GAOCHUN, JIANGBEI_NEW_AREA)],
    ["苏州工业园区或者苏州高新区", sorted(SIP, SND)],
    ["苏州高新区或者苏州工业园区", sorted(SIP, SND)],
    ["苏州工业园区、苏州高新区", sorted(SIP, SND)],
    ["苏州工业园区", [SIP]],
    ["在苏州工业园区", [SIP]],
    ["苏州工业园区的厂房", [SIP]],
    ["苏州工业园区或者江宁", sorted(SIP, JIANGNING)],
    ["江宁和苏州工业园区都可以", sorted(SIP, JIANGNING)],
    ["雄安或两江新区", sorted(XIONGAN, LIANGJIANG)],
    ["在南京经开区或者江宁", sorted("320113", JIANGNING)],
    ["东坝工业集中区、溧水都行", sorted(GAOCHUN, LISHUI)],
    ["江苏省南京市江北新区或者江宁", sorted(JIANGNING, JIANGBEI_NEW_AREA)],
    ["在溧水或者南京江北新区", sorted(LISHUI, JIANGBEI_NEW_AREA)],
    ["江北新區或者江寧都行", sorted(JIANGNING, JIANGBEI_NEW_AREA)], // Traditional
  ])("%s → %j", (notes, codes) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill?.codes).toEqual(codes);
    expect(plan.unread).toEqual([]);
    expect(plan.ruled).toEqual([]);
  });

  it.each(["公司在苏州工业园区", "我们目前在苏州工业园区，找仓库", "苏州工业园区某某科技有限公司介绍来的"])(
    "%s: no place wanted",
    (notes) => {
      expect(planNoteRegions(notes, [])!.fill).toBeNull();
    },
  );
});

describe("a place named as its own clause beside one ruled out is the one wanted", () => {
  it.each<[string, string[], string]>([
    ["江宁，不考虑溧水", [JIANGNING], "溧水"],
    ["江宁，不要溧水", [JIANGNING], "溧水"],
    ["溧水不要，江宁", [JIANGNING], "溧水"],
    ["江宁，不考虑江北新区", [JIANGNING], "江北新区"],
    ["江北新区，不要高淳", JIANGBEI_NEW_AREA, "高淳"],
    ["苏州工业园区，不考虑苏州高新区", [SIP], "苏州高新区"],
    ["高淳太远了，江宁", [JIANGNING], "高淳"],
    ["不要江北新区，江宁可以", [JIANGNING], "江北新区"],
  ])("%s → %j, %s ruled out", (notes, codes, out) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill?.codes).toEqual(codes);
    expect(flagsOf(plan.ruled)).toEqual([`placeExcluded:${out}`]);
  });

  it.each<[string, string]>([
    ["不要江北新区", "江北新区"],
    ["苏州工业园区不考虑", "苏州工业园区"],
    ["江北新区以外", "江北新区"],
    ["江宁以外", "江宁"],
    ["雄安除外", "雄安"],
  ])("%s: a zone or place ruled out alone is a doubt", (notes, out) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill).toBeNull();
    expect(flagsOf(plan.ruled)).toEqual([`placeExcludedOpen:${out}`]);
  });
});

describe("outside a place is fine too: neither wanted nor ruled out", () => {
  it.each(["不在江北新区也行", "不在江宁也可以", "江北新区以外也可以", "江宁以外的地方也行", "不一定在苏州工业园区都行"])("%s", (notes) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill).toBeNull();
    expect(plan.excluded).toEqual([]);
    expect(plan.ruled).toEqual([]);
  });

  it("beside a place wanted, only that one fills and nothing is told as ruled out", () => {
    const plan = planNoteRegions("在江宁，不在江北新区也行", [])!;
    expect(plan.fill?.codes).toEqual([JIANGNING]);
    expect(plan.ruled).toEqual([]);
  });

  it("all but a place (都, not 也) still rules it out", () => {
    expect(flagsOf(planNoteRegions("江北新区以外的都行", [])!.ruled)).toEqual(["placeExcludedOpen:江北新区"]);
  });
});

describe("the regions box typed: places the notes name beyond it are told, the box kept", () => {
  it.each<[string, string[], string | null]>([
    ["江北新区或江宁都可以", ["江北新区"], "江宁 ≠ 江北新区"],
    ["在江宁或者溧水", ["江宁区"], "溧水 ≠ 江宁区"],
    ["在苏州工业园区", ["江宁"], "苏州工业园区 ≠ 江宁"],
    ["在鼓楼", ["江宁"], "鼓楼 ≠ 江宁"], // names no one district: cannot be said to be covered
    ["江宁和江北新区都可以", ["江宁区", "浦口区"], "江北新区 ≠ 江宁区、浦口区"], // 六合、栖霞 left out
    ["在江宁", ["江宁区"], null],
    ["在江宁或溧水", ["南京市"], null],
    ["江北新区的厂房", ["浦口区", "六合区", "栖霞区"], null],
    ["不要高淳", ["江宁"], null],
    ["不在江北新区也行", ["江宁"], null],
    ["在做锂电池", ["江宁"], null],
  ])("notes %s, box %j → %s", (notes, box, text) => {
    const plan = planNoteRegions(notes, box)!;
    expect(plan.fill).toBeNull();
    const flags = plan.ruled.filter((f) => f.code === "placesNotInBox");
    expect(flags.map((f) => f.text)).toEqual(text ? [text] : []);
    if (text) {
      expect(flags[0].field).toBe("need.regions");
      expect(isReadingFlag(flags[0])).toBe(false); // a doubt: the recruiter asks
    }
  });

  it("the stored lead keeps the box and carries the flag; staff and the desk's preview say it in zh/en", () => {
    const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown> };
    body.need = { kind: "factory", deal: "lease", areaMin: "3000", regions: "江北新区", notes: "江北新区或江宁都可以" };
    const r = createLeadSchema("zh", "api").safeParse(body);
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    expect(r.data.lead.need.regionCodes).toEqual(JIANGBEI_NEW_AREA);
    const flag = r.data.lead.flags.find((f: LeadFlag) => f.code === "placesNotInBox")!;
    expect(describeFlag("zh", flag)).toMatch(/备注中提到的区域不在所填意向区域里.*江宁 ≠ 江北新区/);
    expect(describeFlag("en", flag)).toMatch(/notes name places that Preferred districts does not cover.*江宁 ≠ 江北新区/);
    const plan = planNoteRegions("江北新区或江宁都可以", ["江北新区"])!;
    const say = (lng: "zh" | "en") => describeNoteRegions(plan, lng, (p) => regionProblemMessage(lng, p)).unread;
    expect(say("zh")).toMatch(/^备注中的地点 江宁 不在所填意向区域里/);
    expect(say("en")).toMatch(/^places 江宁 in the notes are not in Preferred districts/);
  });

  it("the form's live preview names the notes' places beside a typed box (zh/en)", () => {
    const zh = assistPreview("在江宁或者溧水", new Set(["regions"]), "zh", "factory");
    expect(zh.places).toMatch(/^备注中的地点 江宁、溧水（按所填意向区域匹配/);
    const en = assistPreview("在江宁或者溧水", new Set(["regions"]), "en", "factory");
    expect(en.places).toMatch(/^Places 江宁, 溧水 in the notes \(matched on Preferred districts/);
    expect(assistPreview("在江宁或者溧水", new Set(), "zh", "factory").places).toMatch(/^地点 江宁、溧水（提交时核对/);
  });
});

describe("a city and a zone: that city's zone, or a question — never the whole city", () => {
  it.each<[string, string[]]>([
    ["成都天府新区", ["510112", "510116", "510118", "510185"]], // the part of 天府新区 in 成都
    ["眉山天府新区", ["511403", "511421"]],
    ["四川天府新区", ["510112", "510116", "510118", "510185", "511403", "511421"]],
    ["苏州市高新区", [SND]],
    ["苏州高新区", [SND]],
    ["江苏省苏州市高新区", [SND]],
    ["无锡市高新区", ["320214"]],
    ["南京市经开区", ["320113"]],
    ["苏州市工业园区", [SIP]],
    ["江宁开发区", [JIANGNING]], // a county's zone: the county (ADR 099), unchanged
    ["南京市江宁开发区", [JIANGNING]],
  ])("%s → %j", (typed, codes) => {
    const r = resolveRegions([typed], []);
    expect(r.problems).toEqual([]);
    expect(r.codes).toEqual([...codes].sort());
  });

  it.each<[string, string]>([
    // 南京市高新区 is a zone over many districts (zones.ts SPREAD_ZONES, ADR 118): asked too, test/unit/regions-zones-read.test.ts.
    ["合肥市高新区", "安徽省合肥市"],
    ["苏州市综保区", "江苏省苏州市"],
    ["常州市经开区", "江苏省常州市"],
  ])("%s → asked, %s offered", (typed, city) => {
    const r = resolveRegions([typed], []);
    expect(r.codes).toEqual([]);
    expect(r.problems[0]).toMatchObject({ kind: "zone", suggestions: [city] });
  });

  it("a prefix holding none of the zone is still no reading of it", () => {
    expect(resolveRegions(["重庆江北新区"], []).codes).toEqual([]);
    expect(resolveRegions(["上海天府新区"], []).codes).toEqual([]);
  });
});

describe("zones for search-as-you-type", () => {
  it.each<[string, string, string[]]>([
    ["江北新区", "南京江北新区", JIANGBEI_NEW_AREA],
    ["南京江北新区", "南京江北新区", JIANGBEI_NEW_AREA],
    ["雄安", "河北雄安新区", XIONGAN],
    ["两江新区", "两江新区", LIANGJIANG],
    ["苏州高新区", "苏州高新区", [SND]],
    ["南京经开区", "南京经济技术开发区", ["320113"]],
    ["天府新区", "四川天府新区", ["510112", "510116", "510118", "510185", "511403", "511421"]],
    ["西咸新区", "西咸新区", ["610112", "610116", "610118", "610402", "610404", "610423", "610481"]],
    ["东坝工业集中区", "东坝工业集中区", [GAOCHUN]],
  ])("%s → %s", (q, name, codes) => {
    const found = searchZones(q);
    expect(found[0].name).toBe(name);
    expect(found[0].divisions.map((d) => d.code).sort()).toEqual([...codes].sort());
  });

  // Latin is read since ADR 118 ("jiangbei" finds 南京江北新区: test/unit/regions-zones-read.test.ts).
  it.each(["江", "ji", "火星新区", "huoxingxinqu", ""])("%s: none", (q) => expect(searchZones(q)).toEqual([]));
});
