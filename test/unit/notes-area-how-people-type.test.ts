import { describe, expect, it } from "vitest";

import { maskContactNumbers } from "../../app/domain/contact-numbers";
import { leadFlags } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors, type Lead } from "../../app/domain/lead-schema";
import { planAssist } from "../../app/domain/need-assist";
import { extractMoney } from "../../app/domain/need-money";
import { parseNeedText } from "../../app/domain/need-text";
import { needAsTyped, needOnlySchema, newerNotes } from "../../app/hotline/need-edit";
import { validLeadJson } from "../support/leads";

// An attack and two trials (2026-12-04, after ADR 112 and its amendments) on how people really type the
// notes (docs/decisions/117):
// 1. "5000平，备用电话13912345678" told "用电话13912345678" as an unread power figure (用电);
// 2. "30亩，2万平也行" stored 20000–20000 (one size said in two units, read as a range of no width);
// 3. "冷库1000平，常温库5000平" on a warehouse lead stored ~1000 and told 5000 as unread;
// 4. "5000平，4000平不能少", "超过6000平不要", "6000平以上不要" were unread or ruled out whole;
// 5. an "unread" area flag stayed after staff typed the area by hand.

const MU = 2000 / 3;
const NOW = () => new Date("2026-12-04T06:00:00Z");
const r2 = (x: number) => Math.round(x * 100) / 100;

/** The area the reader fills for `notes` on a lead of `kind`: [min, max] in ㎡ (null: not filled). */
function area(notes: string, kind: string | undefined = "factory"): [number | null, number | null] {
  const { hints } = parseNeedText(notes, undefined, [], kind);
  return [hints.areaMinSqm ?? null, hints.areaMaxSqm ?? null];
}
function read(notes: string, kind: string | undefined = "factory") {
  return parseNeedText(notes, NOW(), [extractMoney], kind);
}
function lead(notes: string, kind = "factory", need: Record<string, unknown> = {}) {
  const need0 = { kind, deal: "lease", areaUnit: "sqm", notes, ...need };
  const r = createLeadSchema("zh", "api", { now: NOW }).safeParse({ ...(validLeadJson() as object), need: need0 });
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}

describe("a figure with its unit after a contact word is the need's figure, not a phone (attack 12-04 late)", () => {
  it.each([
    // [notes, the area read]: a phone maker's need, "cell"/"tel" inside other words, a unit after the figure.
    ["手机 20000平，高淳", [18000, 22000]],
    ["手机20000平", [18000, 22000]],
    ["生产手机 15000平米以上", [15000, null]],
    ["电话机 12000平方米左右", [10800, 13200]],
    ["battery cell 20000 sqm", [18000, 22000]],
    ["hotel 20000 sqm", [18000, 22000]],
    ["Intel supplier, 20000 sqm", [18000, 22000]],
  ] as const)("%s → %j", (notes, want) => {
    const r = read(notes);
    expect([r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null]).toEqual(want);
  });

  it.each([
    // Still phone numbers: a label, then digits and no unit.
    ["手机 88886666，5000平", "手机 ########，5000平"],
    ["tel 88886666", "tel ########"],
    ["cell: 8888 6666", "cell: #### ####"],
    ["手机号 13912345678 20000平", "手机号 ########### 20000平"],
  ])("%s masks the number: %s", (notes, masked) => {
    expect(maskContactNumbers(notes)).toBe(masked);
  });
});

describe("an open side refused in other words is the other bound, never the side refused (attack 12-04 late)", () => {
  it.each([
    // [notes, [min, max]]: each stored the opposite bound before (6000平以上太大了 → at least 6000).
    ["6000平以上太大了", [null, 6000]],
    ["6000平以上用不了", [null, 6000]],
    ["6000平以上的不适合", [null, 6000]],
    ["6000平以上没必要", [null, 6000]],
    ["6000平以上就算了", [null, 6000]],
    ["5000平以下的不需要", [5000, null]],
    ["4000平以下太小了", [4000, null]],
    ["5000平以下不够", [5000, null]],
    ["5000平以下不够用", [5000, null]],
    ["anything over 6000 sqm is no good", [null, 6000]],
    ["over 6000 sqm is not needed", [null, 6000]],
    // Unchanged: a bound with no refusal, and a lone figure taken back.
    ["5000平以上", [5000, null]],
    ["5000平太大了，3000平就行", [2700, 3300]],
  ] as const)("%s → %j", (notes, want) => {
    expect(area(notes)).toEqual(want);
  });
});

describe("a phone number or a contact word is never a figure of the need", () => {
  it.each([
    // [notes, the area read]
    ["5000平，备用电话13912345678", [4500, 5500]],
    ["配电800kva，备用电话13912345678，5000平", [4500, 5500]],
    ["面积5000平 用电话13912345678联系", [4500, 5500]],
    ["5000平，用电话025-12345678联系", [4500, 5500]],
    ["5000平，用电话400-820-8820", [4500, 5500]],
  ] as const)("%s → %j, nothing unread", (notes, want) => {
    const r = read(notes);
    expect([r.hints.areaMinSqm, r.hints.areaMaxSqm]).toEqual(want);
    expect(r.unread).toEqual([]);
    expect(r.budget).toEqual([]);
  });

  it.each([
    // A number where a figure would be, with only a contact word or a phone around it: nothing read, nothing unread.
    "面积不清楚 电话13912345678",
    "面积待定 联系电话025-12345678",
    "面积问手机139 1234 5678",
    "面积请问400-820-8820",
    "面积请问4008208820",
    "面积：客服4008208820",
    "面积 电话88886666",
    "面积 联系 025-12345678",
    "面积 座机(025)83456789",
    "area: tel 025 83456789",
    "配电：备用电话 (025)12345678",
    "用电话13912345678联系",
    "用电请打13912345678",
    "配电问手机13912345678",
    "用电量请问0512-88886666转123",
  ])("%s → no area, no power, nothing unread", (notes) => {
    const r = read(notes);
    expect(r.hints).toEqual({});
    expect(r.unread).toEqual([]);
  });

  it("the power figure beside a phone is still read (用电 is the power's word, 电话 is not)", () => {
    expect(read("用电量500kva，联系电话 0512-88886666").hints.powerMinKva).toBe(500);
    expect(read("备用电话13912345678，用电800kva").hints.powerMinKva).toBe(800);
    expect(read("用电话").unread).toEqual([]);
    expect(read("配电800kva，备用电话13912345678").unread).toEqual([]);
  });

  it("a phone beside the need's figures leaves them as read (guards, with the phone kinds)", () => {
    for (const [notes, want] of [
      ["5000平，联系电话025-12345678", [4500, 5500]],
      ["5000平，电话：0512-88886666转123", [4500, 5500]],
      ["5000平 手机139 1234 5678", [4500, 5500]],
      ["5000平，手机+86 139-1234-5678", [4500, 5500]],
      ["5000平，热线400-820-8820", [4500, 5500]],
      ["联系人王工13912345678，要3000平", [2700, 3300]],
      ["座机(025)83456789，厂房5000平左右", [4500, 5500]],
      ["tel 025 83456789, 5000 sqm", [4500, 5500]],
      ["5000平，备用电话13912345678", [4500, 5500]],
    ] as const) {
      const r = read(notes);
      expect([notes, r.hints.areaMinSqm, r.hints.areaMaxSqm, r.unread]).toEqual([notes, ...want, []]);
    }
  });

  it("figures that only look like numbers of a phone are read as before", () => {
    expect(area("3000-5000平")).toEqual([3000, 5000]);
    expect(area("1300平")).toEqual([1170, 1430]);
    expect(area("20000平")).toEqual([18000, 22000]);
    expect(area("0.5万平")).toEqual([4500, 5500]);
    expect(maskContactNumbers("年纳税1000万，5000平")).toBe("年纳税1000万，5000平");
    expect(area("面积问手机139 1234 5678")).toEqual([null, null]); // was 139 ㎡ (±10 %)
  });

  it("masks keep every position (the snippets quote what was typed)", () => {
    for (const s of ["电话13912345678", "025-12345678", "400 820 8820", "手机：139-1234-5678"])
      expect(maskContactNumbers(s)).toHaveLength(s.length);
    expect(maskContactNumbers("电话13912345678")).toBe("电话###########");
    expect(read("面积 电话88886666，5000平").found.map((f) => f.text)).toEqual(["5000平", "5000平"]);
    expect(read("面积 电话88886666").unread).toEqual([]);
  });

  it("through the schema: the stored lead has its area and no flag about the phone", () => {
    const stored = lead("厂房5000平，备用电话13912345678，座机025-12345678");
    expect([stored.need.areaMinSqm, stored.need.areaMaxSqm]).toEqual([4500, 5500]);
    expect(leadFlags(stored)).toEqual([]);
  });
});

describe("one size said in two units, or either figure, joined by 也行/或/都可以", () => {
  it.each([
    // Within a tenth of each other: one size said twice — about both (±10 %).
    ["30亩，2万平也行", [18000, r2(22000)]],
    ["30亩或2万平", [18000, 22000]],
    ["30亩、2万平都可以", [18000, 22000]],
    ["2万平，30亩也可以", [18000, 22000]],
    ["30亩左右，2万平也行", [18000, 22000]],
    ["1.5公顷，15000平也可以", [13500, 16500]],
    ["3万平或者45亩", [27000, 33000]],
    ["5000平，5000平也行", [4500, 5500]],
  ] as const)("%s → %j", (notes, want) => {
    const got = area(notes, "land");
    expect(got.map((v) => (v === null ? v : Math.round(v)))).toEqual(want.map((v) => Math.round(v)));
    expect(got[0]! < got[1]!).toBe(true);
    expect(read(notes, "land").unread).toEqual([]);
  });

  it("figures apart span both, in ㎡ (as before); one size said twice no longer gives a range of no width", () => {
    expect(area("30亩，1万平也行", "land")).toEqual([10000, 20000]);
    expect(area("2万平，50亩也可以", "land")).toEqual([20000, r2(50 * MU)]);
    expect(area("50亩或2万平", "land")).toEqual([20000, r2(50 * MU)]);
    expect(area("5000平，3000平也行")).toEqual([3000, 5000]); // ADR 112, unchanged
    expect(area("5000平，5200平也行")).toEqual([5000, 5200]); // one unit, two figures said: as said (ADR 112)
    expect(area("30亩，2万平也行", "land")).not.toEqual([20000, 20000]);
  });
});

describe("two parts of the lead's kind, each with its figure, are the lead's total", () => {
  it.each([
    // [kind, notes, min, max]
    ["warehouse", "冷库1000平，常温库5000平", 5400, 6600],
    ["warehouse", "1000平冷库，5000平常温库", 5400, 6600],
    ["warehouse", "冷库1000平+常温库5000平", 5400, 6600],
    ["warehouse", "仓库5000平，冷库1000平", 5400, 6600],
    ["warehouse", "冷冻库2000平、恒温库3000平", 4500, 5500],
    ["warehouse", "cold store 1000 sqm, warehouse 5000 sqm", 5400, 6600],
    ["factory", "生产车间3000平，洁净车间2000平", 4500, 5500],
    ["factory", "厂房5000平，车间3000平", 7200, 8800],
    // A total said apart is the lead's.
    ["warehouse", "冷库1000平，常温库5000平，共6000平", 5400, 6600],
    ["warehouse", "冷库1000平，常温库5000平，共8000平", 7200, 8800],
    ["warehouse", "冷库1000平，常温库5000平，总面积6000平左右", 5400, 6600],
  ] as const)("%s: %s → %d–%d, nothing unread", (kind, notes, min, max) => {
    expect(area(notes, kind)).toEqual([min, max]);
    expect(read(notes, kind).unread).toEqual([]);
    expect(read(notes, kind).setAside).toEqual([]);
  });

  it("no sum when the second is included (其中) or accepted (也行) — as before — while two parts are summed", () => {
    expect(area("仓库5000平，其中冷库1000平", "warehouse")).toEqual([4500, 5500]);
    expect(area("仓库5000平，其中常温库1000平", "warehouse")).toEqual([4500, 5500]);
    expect(area("厂房5000平，其中车间3000平", "factory")).toEqual([4500, 5500]);
    expect(area("冷库1000平，常温库5000平也行", "warehouse")).toEqual([1000, 5000]); // a fallback (ADR 112)
    expect(area("仓库5000平，常温库1000平", "warehouse")).toEqual([5400, 6600]);
  });

  it("on a lead of another kind both parts are another use's, each told with its own words", () => {
    expect(area("冷库1000平，常温库5000平", "factory")).toEqual([null, null]);
    expect(read("冷库1000平，常温库5000平", "factory").setAside).toEqual([
      { text: "冷库1000平", why: "otherUse" },
      { text: "常温库5000平", why: "otherUse" },
    ]);
    // Another kind's use beside a part of the lead's is set aside, as before (ADR 112).
    expect(area("冷库1000平，办公楼500平", "warehouse")).toEqual([900, 1100]);
  });

  it("no kind chosen (the hotline before its kind): two parts of one kind are summed too; of two kinds, not", () => {
    expect(area("冷库1000平，常温库5000平", "")).toEqual([5400, 6600]);
    expect(area("厂房3000平，仓库2000平", "")).toEqual([2700, 3300]);
  });

  it("the words the sum came from are the found text (the recruiter reads both parts)", () => {
    expect(read("冷库1000平，常温库5000平", "warehouse").found.find((f) => f.field === "areaMinSqm")?.text).toBe("1000平，常温库5000平");
    expect(read("冷库1000平", "warehouse").hints.kind).toBe("warehouse");
    expect(read("常温库5000平", "warehouse").hints.kind).toBe("warehouse");
  });
});

describe("a bound said after the figure, and an open side refused, are bounds", () => {
  it.each([
    // [notes, [min, max]]
    ["5000平，4000平不能少", [4000, 5500]],
    ["5000平，少于4000平不行", [4000, 5500]],
    ["5000平，低于4000不行", [4000, 5500]],
    ["超过6000平不要", [null, 6000]],
    ["6000平以上不要", [null, 6000]],
    ["6000平以上的不考虑", [null, 6000]],
    ["大于6000平的免谈", [null, 6000]],
    ["不考虑5000平以上", [null, 5000]],
    ["6000平不能再多了", [null, 6000]],
    ["5000平以下不行", [5000, null]],
    ["4000平以下的不考虑", [4000, null]],
    ["5000平，超过6000平不要", [4500, 6000]],
    ["5000平，6000平以上不要", [4500, 6000]],
    ["5000平左右，超过6000平的不要", [4500, 6000]],
    ["5000平，超过6000不要", [4500, 6000]],
    ["5000平，不能少于4000平，超过6000平不要", [4000, 6000]],
    ["5000平，超过6000平不要，不能少于4000平", [4000, 6000]],
    ["5000平，不能少于4000，超过6000不要", [4000, 6000]],
    ["至少5000平，超过8000平不要", [5000, 8000]],
    ["超过6000平不要，5000平左右", [4500, 6000]],
    ["不考虑5000平以上的，3000到4000平", [3000, 4000]],
    ["more than 6000 sqm won't do", [null, 6000]],
  ] as const)("%s → %j, nothing unread or ruled out", (notes, want) => {
    expect(area(notes)).toEqual(want);
    const r = read(notes);
    expect(r.unread).toEqual([]);
    expect(r.setAside).toEqual([]);
  });

  it("a figure refused whole (no open side) is still ruled out (ADR 112, amended); bounds before the figure as before", () => {
    for (const [notes, want, words] of [
      ["不要5000平", [null, null], "不要5000平"],
      ["5000平的不行", [null, null], "5000平的不行"],
      ["不要5000平，3000平就行", [2700, 3300], "不要5000平"],
    ] as const) {
      expect(area(notes)).toEqual(want);
      expect(read(notes).setAside).toEqual([{ text: words, why: "ruledOut" }]);
    }
    expect(area("5000平，不能少于4000平")).toEqual([4000, 5500]);
    expect(area("5000平，最少也得4000平")).toEqual([4000, 5500]);
    expect(area("不要超过6000平")).toEqual([null, 6000]);
    expect(read("超过6000平不要").setAside).toEqual([]);
  });

  it("the schema stores the bound: a refused open side is an area the lead has", () => {
    const stored = lead("厂房，超过6000平不要");
    expect([stored.need.areaMinSqm, stored.need.areaMaxSqm]).toEqual([undefined, 6000]);
    expect(leadFlags(stored).filter((f) => f.code === "areaRuledOut" || f.code === "unread")).toEqual([]);
  });
});

describe("once a person typed the area, the notes' area words they could not read are no doubt", () => {
  const typed = new Set(["areaMin", "areaMax"]);
  it.each(["要几千平的厂房", "面积大概几千", "厂房5000平，8000平", "3亿平", "面积：数千平方"])(
    "%s: told while the boxes are blank, not once typed",
    (notes) => {
      expect(planAssist(notes, new Set(), undefined, [], "factory").unread).not.toEqual([]);
      expect(planAssist(notes, typed, undefined, [], "factory").unread).toEqual([]);
      expect(planAssist(notes, new Set(["areaMin"]), undefined, [], "factory").unread).toEqual([]);
    },
  );

  it("other fields' unread words stay (the area boxes say nothing of them)", () => {
    expect(planAssist("要几千平的厂房，配电几百kva", typed, undefined, [], "factory").unread.map((f) => f.text)).toEqual(["配电几百kva"]);
  });

  it("through the schema: an area typed beside unreadable area words stores no unread flag", () => {
    const stored = lead("要几千平的厂房，配电几百kva", "factory", { areaMin: 3000, areaMax: 5000 });
    expect([stored.need.areaMinSqm, stored.need.areaMaxSqm]).toEqual([3000, 5000]);
    expect(leadFlags(stored).filter((f) => f.code === "unread")).toEqual([{ field: "need.notes", code: "unread", text: "配电几百kva" }]);
  });

  it("through the edit's schema: staff typing the area on a lead whose notes say 几千平 clears the flag", () => {
    const base = validLeadJson();
    const stored = {
      ...base,
      need: { ...base.need, kind: "factory", deal: "either", areaUnit: "sqm", notes: "要几千平的厂房" },
    } as unknown as Lead;
    delete (stored.need as Record<string, unknown>).areaMin;
    delete (stored.need as Record<string, unknown>).areaMax;
    const typedNeed = needAsTyped(stored);
    const loaded = Object.fromEntries(Object.entries(typedNeed.need).map(([k, v]) => [`need.${k}`, v]));
    const sent = { ...loaded, "need.areaMin": "3000", "need.areaMax": "5000" };
    const form = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k.slice(5), v]));
    const r = needOnlySchema("zh", stored, [], newerNotes(loaded, sent)).safeParse({ need: form, use: {}, tax: {} });
    if (!r.success) throw new Error(JSON.stringify(r.error.issues));
    expect([r.data.lead.need.areaMinSqm, r.data.lead.need.areaMaxSqm]).toEqual([3000, 5000]);
    expect(leadFlags(r.data.lead).filter((f) => f.code === "unread")).toEqual([]);
  });
});
