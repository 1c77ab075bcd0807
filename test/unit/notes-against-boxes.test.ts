import { describe, expect, it } from "vitest";

import { leadFlags } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../app/domain/lead-schema";
import { planAssist } from "../../app/domain/need-assist";
import { extractMoney } from "../../app/domain/need-money";
import { parseNeedText } from "../../app/domain/need-text";
import { wechatIsThisNumber } from "../../app/domain/phone";
import { describeFlag, isReadingFlag } from "../../app/i18n/flag-messages";
import { areaAboutReading } from "../../app/leads/area-reading";
import { assistPreview } from "../../app/leads/assist-preview";
import { validLeadJson } from "../support/leads";

// docs/decisions/101: the notes against the boxes. What the enterprise has now is not its need; a box the
// notes contradict is kept and flagged with both values; money in the notes is read (the tax) or read out
// (a budget); "don't know" in the tax box asks for an estimate; 微信同号 is a habit, not a doubt; a region
// named twice is stored once.

const NOW = new Date("2026-12-04T03:00:00Z"); // 11:00 on 4 December 2026 in China

type Json = Record<string, unknown>;
function parse(patch: { need?: Json; tax?: Json; contact?: Json }, channel: LeadChannel = "api", lng: "zh" | "en" = "zh") {
  const base = validLeadJson();
  return createLeadSchema(lng, channel, { now: () => NOW }).safeParse({
    ...base,
    need: { ...base.need, ...patch.need },
    tax: { ...base.tax, ...patch.tax },
    contact: { ...base.contact, ...patch.contact },
  });
}
function lead(patch: Parameters<typeof parse>[0], channel: LeadChannel = "api") {
  const r = parse(patch, channel);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data;
}
const flagsOf = (patch: Parameters<typeof parse>[0], channel: LeadChannel = "api") => leadFlags(lead(patch, channel).lead);

describe("the premises the enterprise has now are not the need (zh and en)", () => {
  it.each<[string, [number, number] | [number, undefined]]>([
    ["现有厂房8000平太大，想换3000平", [2700, 3300]],
    ["目前租的厂房是8000平，想找个3000平左右的", [2700, 3300]],
    ["现厂房8000平，需要3000平", [2700, 3300]],
    ["原来的厂房5000平不够用了，需要1万平以上", [10000, undefined]],
    ["从8000平换到3000平", [2700, 3300]],
    ["从8000平缩小到3000平", [2700, 3300]],
    ["从5000平扩大到1万平", [9000, 11000]],
    ["8000平换3000平", [2700, 3300]],
    ["現有廠房8000平太大，想換3000平", [2700, 3300]],
    ["We currently rent 8000 sqm and need 3000 sqm", [2700, 3300]],
    ["Our existing plant is 8000 sqm, looking for 12000 sqm", [10800, 13200]],
    ["moving from 8000 sqm to 3000 sqm", [2700, 3300]],
    ["current factory 8000 sqm is too big, want 3000 sqm", [2700, 3300]],
  ])("%j → the wanted area", (notes, [min, max]) => {
    const { hints, unread } = parseNeedText(notes);
    expect([hints.areaMinSqm, hints.areaMaxSqm]).toEqual([min, max]);
    expect(unread).toEqual([]); // the current figure is neither the need nor "not understood"
  });

  it.each(["现在8000平", "目前租的是8000平", "we currently have 8000 sqm"])("%j: only the current premises → no area", (notes) => {
    const { hints } = parseNeedText(notes);
    expect([hints.areaMinSqm, hints.areaMaxSqm]).toEqual([undefined, undefined]);
  });

  it.each([
    ["目前需要3000平", 2700],
    ["现在急需5000平厂房", 4500],
    ["currently looking for 3000 sqm", 2700],
  ])("%j: a word of wanting after 目前/现在/currently makes it the need", (notes, min) => {
    expect(parseNeedText(notes).hints.areaMinSqm).toBe(min);
  });

  it("a range of a change is from what is to what is wanted; a range alone is a range", () => {
    expect(parseNeedText("面积从3000到5000平都可以").hints).toMatchObject({ areaMinSqm: 3000, areaMaxSqm: 5000 });
  });

  it.each<[string, Json]>([
    ["现有厂房层高6米，想要层高9米以上", { ceilingMinM: 9 }],
    ["现有配电500kva不够，需要1000kva", { powerMinKva: 1000 }],
    ["现在的行车5吨，需要10吨行车", { craneMinT: 10 }],
  ])("%j: spec figures alike", (notes, want) => {
    expect(parseNeedText(notes).hints).toMatchObject(want);
  });

  it("the schema stores the wanted area from such notes (the API, blank area boxes)", () => {
    const need = lead({ need: { areaMin: undefined, areaMax: undefined, notes: "现有厂房8000平太大，想换3000平" } }).lead.need;
    expect([need.areaMinSqm, need.areaMaxSqm]).toEqual([2700, 3300]);
  });
});

describe("a box the notes contradict is kept and flagged with both values", () => {
  it("move-in 2027-06 in the box, notes 年底前: the box stays, the recruiter is told (zh, en)", () => {
    const r = lead({ need: { moveInBy: "2027-06", notes: "年底前要搬进去" } });
    expect(r.lead.need.moveInBy).toBe("2027-06");
    const flags = leadFlags(r.lead).filter((f) => f.code === "notesDiffer");
    expect(flags).toEqual([{ field: "need.moveInBy", code: "notesDiffer", text: "年底前要搬进去（2026-12） ≠ 2027-06" }]);
    expect(describeFlag("zh", flags[0])).toBe(
      "备注中的入驻时间与所填入驻时间不一致（已按所填），请与企业核实：年底前要搬进去（2026-12） ≠ 2027-06",
    );
    expect(describeFlag("en", flags[0])).toMatch(/^The notes give another move-in date than the box \(the box is kept\)/);
  });

  it("ceiling 6 m in the box, notes 至少10米", () => {
    const r = lead({ need: { ceilingMinM: "6", notes: "层高至少10米" } });
    expect(r.lead.need.ceilingMinM).toBe(6);
    expect(leadFlags(r.lead)).toContainEqual({ field: "need.ceilingMinM", code: "notesDiffer", text: "层高至少10米 ≠ 6 m" });
  });

  it.each<[string, Json, string]>([
    ["power", { powerMinKva: "500", notes: "配电要1000kva" }, "need.powerMinKva"],
    ["crane", { craneMinT: "5", notes: "要有10吨行车" }, "need.craneMinT"],
    ["floor load", { floorLoadMinKg: "1000", notes: "承重3吨" }, "need.floorLoadMinKg"],
    ["single storey ticked, notes 多层也行", { singleStorey: true, notes: "多层也行" }, "need.singleStorey"],
  ])("%s", (_, need, field) => {
    const flags = flagsOf({ need });
    expect(flags.filter((f) => f.code === "notesDiffer").map((f) => f.field)).toEqual([field]);
    for (const f of flags) expect(describeFlag("zh", f)).toMatch(/请与企业核实/);
  });

  it("area 2000 in the minimum box alone, notes 5000平: flagged (one bound typed is the figure named)", () => {
    const r = lead({ need: { areaMin: "2000", areaMax: undefined, notes: "5000平" } });
    expect(r.lead.need.areaMinSqm).toBe(2000);
    expect(leadFlags(r.lead)).toContainEqual({ field: "need.notes", code: "notesDiffer", text: "5000平 ≠ ≥ 2000㎡" });
  });

  it.each<[string, Json]>([
    ["the same month", { moveInBy: "2026-12", notes: "年底前入驻" }],
    ["the same ceiling", { ceilingMinM: "9", notes: "层高9米以上" }],
    ["an area near the box", { areaMin: "2000", areaMax: undefined, notes: "2000平左右" }],
    ["single storey in both", { singleStorey: true, notes: "要单层" }],
  ])("%s: no flag", (_, need) => {
    expect(flagsOf({ need }).filter((f) => f.code === "notesDiffer")).toEqual([]);
  });

  it("the tax box against the notes' tax: the box stays, flagged", () => {
    const r = lead({ tax: { annualTaxWan: "300" }, need: { notes: "年纳税500万" } }, "web");
    expect(r.lead.tax.annualTaxWan).toBe(300);
    const flag = leadFlags(r.lead).find((f) => f.field === "tax.annualTaxWan");
    expect(flag).toEqual({ field: "tax.annualTaxWan", code: "notesDiffer", text: "年纳税500万 ≠ 300万元" });
    expect(describeFlag("zh", flag!)).toBe("备注中的年纳税额与所填不一致（已按所填），请与企业核实：年纳税500万 ≠ 300万元");
  });

  it("reads the clock once a lead though both the box and the notes name a month", () => {
    let reads = 0;
    const base = validLeadJson();
    const schema = createLeadSchema("zh", "api", { now: () => (reads++, NOW) });
    const r = schema.safeParse({ ...base, need: { ...base.need, moveInBy: "明年3月", notes: "年底前要搬" } });
    expect(r.success).toBe(true);
    expect(reads).toBe(1);
  });
});

describe("money in the notes", () => {
  it.each<[string, number]>([
    ["年纳税三百万", 300],
    ["预计年纳税500万元", 500],
    ["年税收约300万", 300],
    ["每年交税1.2亿", 12000],
    ["纳税额：800万", 800],
    ["annual tax 300万", 300],
  ])("%j fills a blank tax box (the API, the hotline)", (notes, wan) => {
    for (const channel of ["api", "hotline"] as const) {
      const r = lead({ tax: { annualTaxWan: undefined }, need: { notes } }, channel);
      expect(r.lead.tax.annualTaxWan).toBe(wan);
      expect(r.assist).toContainEqual(expect.objectContaining({ field: "tax.annualTaxWan", value: wan }));
    }
  });

  // A range ("年纳税300-500万") is its lower figure since docs/decisions/168 (test/unit/readers-37.test.ts).
  it.each(["亩均税收50万", "月纳税50万"])("%j fills nothing and is told to the recruiter", (notes) => {
    const r = lead({ tax: { annualTaxWan: undefined }, need: { notes } });
    expect(r.lead.tax.annualTaxWan).toBeUndefined();
    expect(leadFlags(r.lead)).toContainEqual({ field: "need.notes", code: "unread", text: notes });
  });

  it("the tax paid now is not the expected tax", () => {
    expect(parseNeedText("目前年纳税200万，搬过来后预计纳税500万", undefined, [extractMoney]).hints.annualTaxWan).toBe(500);
    expect(parseNeedText("目前年纳税200万", undefined, [extractMoney]).hints.annualTaxWan).toBeUndefined();
  });

  it.each([
    ["月租不超过3万", "月租不超过3万"],
    ["预算300万，买10亩地", "预算300万"],
    ["租金3万/月，面积3000平", "租金3万/月"],
    ["每平米不超过25元", "每平米不超过25元"],
    ["租金25元/平方米/月", "租金25元/平方米/月"],
    ["预算在300万左右", "预算在300万左右"],
    ["budget 3万/月", "budget 3万/月"],
  ])("%j: a budget reading for the recruiter, apart from the doubts (zh, en)", (notes, text) => {
    const flags = flagsOf({ need: { notes } });
    const budget = flags.filter((f) => f.code === "budget");
    expect(budget).toEqual([{ field: "need.notes", code: "budget", text }]);
    expect(isReadingFlag(budget[0])).toBe(true);
    expect(describeFlag("zh", budget[0])).toBe(`预算/价格（备注原话）：${text}`);
    expect(describeFlag("en", budget[0])).toBe(`Budget/price (the notes' words): ${text}`);
  });

  it("a floor load per ㎡ is no price", () => {
    expect(parseNeedText("楼面荷载每平米3吨", undefined, [extractMoney]).budget).toEqual([]);
  });

  it("the preview under the notes says the tax and the budget it read (hotline: no tax box)", () => {
    const zh = assistPreview("年纳税三百万，月租不超过3万", new Set(), "zh", "factory", [extractMoney]);
    // 月租 says the enterprise rents: the deal, its box blank (ADR 109).
    expect(zh.understood).toBe("方式：租赁；年纳税 300万元；预算/价格：月租不超过3万");
    const en = assistPreview("年纳税三百万，月租不超过3万", new Set(["tax.annualTaxWan"]), "en", "factory", [extractMoney]);
    expect(en.understood).toBe("deal: lease; budget/price: 月租不超过3万");
    // The inquiry form's first load has no money reader: nothing is said until its later chunk has come.
    expect(assistPreview("年纳税三百万，月租不超过3万", new Set(), "zh", "factory").understood).toBe("方式：租赁");
  });

  it("the plan reads the notes once: tax and budget come with the need's figures", () => {
    const plan = planAssist("年纳税三百万，预算300万，层高9米", new Set(["ceilingMinM"]), NOW, [extractMoney]);
    expect(plan.tax).toEqual({ value: 300, text: "年纳税三百万" });
    expect(plan.budget.map((f) => f.text)).toEqual(["预算300万"]);
    expect(plan.notesSay).toEqual([{ field: "ceilingMinM", value: 9, text: "层高9米" }]);
  });
});

describe("the tax box: an estimate is fine", () => {
  it.each(["待定", "不确定", "还没算", "暂时不清楚", "不知道", "未知", "unknown", "Not sure", "TBD", "？"])(
    // docs/decisions/162: why the figure is asked, and that a rough one (or a range's lower figure) will do.
    "%j in the required tax box asks for an estimate (zh, en)",
    (typed) => {
      for (const [lng, message] of [
        [
          "zh",
          "此项必填：园区按年纳税（亩均税收）的门槛招商，没有这个数无法判断哪些园区能接收。不确定也没关系，请估一个大概的数（单位万元），例如 300 或“300万左右”；若只知道范围，可直接填范围，例如 300-500（按较低的数计）",
        ],
        [
          "en",
          "This is required: parks admit enterprises by annual tax (tax per mu), so without a figure we cannot tell which parks can take you. Not sure is fine — give a rough figure in 10,000 yuan, e.g. 300 or “about 300”; if you only know a range, enter it, e.g. 300-500 (its lower figure is taken)",
        ],
      ] as const) {
        const r = parse({ tax: { annualTaxWan: typed } }, "web", lng);
        expect(r.success).toBe(false);
        expect(issuesToFieldErrors(r.error!)["tax.annualTaxWan"]).toEqual([message]);
      }
    },
  );

  it("left blank, the required tax box says the same", () => {
    const r = parse({ tax: { annualTaxWan: "" } }, "web");
    expect(issuesToFieldErrors(r.error!)["tax.annualTaxWan"]).toEqual(["请填写预计年纳税额（估算即可，单位万元），例如 300"]);
  });

  it("left blank on the web form beside notes that give the tax, the notes fill it (as any blank)", () => {
    const r = lead({ tax: { annualTaxWan: "" }, need: { notes: "年纳税三百万" } }, "web");
    expect(r.lead.tax.annualTaxWan).toBe(300);
    expect(r.assist).toContainEqual({ field: "tax.annualTaxWan", value: 300, text: "年纳税三百万" });
  });

  it("the blank tax box's message comes with the other fields' errors at once", () => {
    const base = validLeadJson();
    const r = createLeadSchema("zh", "web", { now: () => NOW }).safeParse({ ...base, tax: {}, company: {} });
    const errors = issuesToFieldErrors(r.error!);
    expect(errors["tax.annualTaxWan"]).toEqual(["请填写预计年纳税额（估算即可，单位万元），例如 300"]);
    expect(errors["company.name"]).toEqual(["请填写此项"]);
  });

  it("待定 in the web form's box is refused even beside notes that give the tax (the box says something else)", () => {
    const r = parse({ tax: { annualTaxWan: "待定" }, need: { notes: "年纳税三百万" } }, "web");
    expect(issuesToFieldErrors(r.error!)["tax.annualTaxWan"]).toEqual([
      "此项必填：园区按年纳税（亩均税收）的门槛招商，没有这个数无法判断哪些园区能接收。不确定也没关系，请估一个大概的数（单位万元），例如 300 或“300万左右”；若只知道范围，可直接填范围，例如 300-500（按较低的数计）",
    ]);
  });

  it("in an optional amount box (investment, the API's tax) the words are the box left blank", () => {
    const r = lead({ tax: { annualTaxWan: "待定", investmentWan: "还没算" } });
    expect(r.lead.tax.annualTaxWan).toBeUndefined();
    expect(r.lead.tax.investmentWan).toBeUndefined();
  });

  it("a figure is read as before", () => {
    expect(lead({ tax: { annualTaxWan: "约300万" } }, "web").lead.tax.annualTaxWan).toBe(300);
  });
});

describe("an about figure in one area box is read as the notes read it, and the reading is shown", () => {
  it.each<[string, string, string, string]>([
    ["2000平左右", "", "zh", "“2000平左右”按约数读作：面积 1800㎡–2200㎡（上下 10%）"],
    ["", "两千平上下", "zh", "“两千平上下”按约数读作：面积 1800㎡–2200㎡（上下 10%）"],
    ["约2000平", "", "en", "“约2000平” is read as about it — area 1800㎡–2200㎡ (10% either side)"],
  ])("min %j max %j (%s)", (min, max, lng, line) => {
    expect(areaAboutReading(min, max, "sqm", lng as "zh" | "en", "factory")).toBe(line);
  });

  it.each([
    ["2000", ""],
    ["约2000平", "3000"],
    ["", ""],
  ])("min %j max %j: nothing to say", (min, max) => {
    expect(areaAboutReading(min, max, "sqm", "zh", "factory")).toBe("");
  });
});

describe("微信同号 beside a phone is a habit, read as the WeChat box", () => {
  it.each([
    "13812345678（微信同号）",
    "13812345678 微信同号",
    "13812345678同微信",
    "13812345678 微信：同上",
    "13812345678（微信也是这个）",
    "138 1234 5678 (same on WeChat)",
    "13812345678 WeChat: same",
  ])("%j: no flag, WeChat = the number", (phone) => {
    const r = lead({ contact: { phone, wechat: undefined } });
    expect(r.lead.contact.phone).toBe("+8613812345678");
    // Stored as its meaning, never words (docs/decisions/190).
    expect(r.lead.contact.wechatSameAsPhone).toBe(true);
    expect(r.lead.contact.wechat).toBeUndefined();
    expect(leadFlags(r.lead).filter((f) => f.field === "contact.phone")).toEqual([]);
  });

  it("read in English, the same marker (docs/decisions/190: no words of the typer's language are stored)", () => {
    const r = parse({ contact: { phone: "13812345678（微信同号）", wechat: undefined } }, "api", "en");
    expect(r.success && r.data.lead.contact).toMatchObject({ wechatSameAsPhone: true });
    expect(r.success && r.data.lead.contact.wechat).toBeUndefined();
  });

  it("a WeChat box holding another ID keeps the note as a flag; the same number agrees", () => {
    expect(flagsOf({ contact: { phone: "13812345678（微信同号）", wechat: "wx_abc" } })).toContainEqual({
      field: "contact.phone",
      code: "phoneNote",
      text: "微信同号",
    });
    const same = lead({ contact: { phone: "13812345678（微信同号）", wechat: "138-1234-5678" } });
    expect(same.lead.contact.wechat).toBe("138-1234-5678");
    expect(leadFlags(same.lead)).toEqual([]);
  });

  it.each(["前台", "张经理", "工作日9点后", "微信另加"])("%j is no WeChat word", (note) => {
    expect(wechatIsThisNumber(note)).toBe(false);
  });

  it("another phone note is a reading, listed apart from the doubts", () => {
    const flag = flagsOf({ contact: { phone: "13812345678（前台）" } }).find((f) => f.code === "phoneNote")!;
    expect(isReadingFlag(flag)).toBe(true);
  });
});

describe("a region named twice is stored once", () => {
  it.each([
    ["在江宁区，最好是南京江宁区的厂房", ["江宁区"]],
    ["江宁区或溧水区都行，江宁区的厂房优先", ["江宁区", "溧水区"]],
  ])("notes %j", (notes, typed) => {
    const need = lead({ need: { regions: [], notes } }).lead.need;
    expect(need.regions).toEqual(typed);
  });

  it("the regions box: 江宁区, 南京江宁, 江宁区 → once", () => {
    const need = lead({ need: { regions: "江宁区，南京江宁，江宁区、溧水" } }).lead.need;
    expect(need.regions).toEqual(["江宁区", "溧水"]);
    expect(need.regionCodes).toEqual(["320115", "320117"]);
  });
});
