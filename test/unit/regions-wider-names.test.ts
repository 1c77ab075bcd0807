import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { resolveRegion } from "../../app/domain/regions";
import { validLeadJson } from "../support/leads";

// Region names that are no one division but still say where (docs/decisions/097): the regions 招商 people
// name (长三角, 苏南), a name with a "within" word, a place inside a county, and "anywhere".

function codes(typed: string): string[] {
  const r = resolveRegion(typed);
  if (!r.ok) throw new Error(`${typed}: ${r.kind} ${r.suggestions.join(" ")}`);
  return r.divisions.map((d) => d.code).sort();
}
function leadRegions(regions: unknown) {
  const r = createLeadSchema("zh", "api").safeParse({ ...validLeadJson(), need: { ...validLeadJson().need, regions } });
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return [r.data.lead.need.regions, r.data.lead.need.regionCodes];
}

describe("regions named by their members", () => {
  it.each<[string, string[]]>([
    ["长三角", ["310000", "320000", "330000", "340000"]],
    ["长江三角洲", ["310000", "320000", "330000", "340000"]],
    ["京津冀", ["110000", "120000", "130000"]],
    ["珠三角", ["440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"]],
    ["苏南", ["320100", "320200", "320400", "320500", "321100"]],
    ["苏中", ["320600", "321000", "321200"]],
    ["苏北", ["320300", "320700", "320800", "320900", "321300"]],
  ])("%s → %j", (typed, want) => {
    expect(codes(typed)).toEqual(want);
  });
});

describe("a name with a 'within' word, or a place inside a county", () => {
  it.each<[string, string[]]>([
    ["江苏省内", ["320000"]],
    ["南京市内", ["320100"]],
    ["苏州全境", ["320500"]],
    ["江宁区范围内", ["320115"]],
    ["南京市江宁区秣陵街道", ["320115"]],
    ["江宁开发区", ["320115"]],
    ["昆山开发区", ["320583"]],
    ["高淳区东坝镇", ["320118"]],
    ["南京市秣陵街道", ["320100"]],
  ])("%s → %j", (typed, want) => {
    expect(codes(typed)).toEqual(want);
  });

  it("a road or place whose first name is shared by several divisions stays a question (中山路: 中山市 or 中山区?)", () => {
    const r = resolveRegion("中山路");
    expect(r.ok).toBe(false);
  });
  it("what names no place stays unknown", () => {
    for (const typed of ["火星开发区", "浙北", "月球境内"]) expect(resolveRegion(typed).ok).toBe(false);
  });
});

describe("'anywhere' is no region asked for", () => {
  it.each(["不限", "全国", "都可以", "区域不限", "哪里都行", "无要求", "anywhere"])("%s → no regions", (typed) => {
    expect(leadRegions(typed)).toEqual([[], []]);
    expect(leadRegions([typed])).toEqual([[], []]);
  });
  it("beside a place it is dropped and the place kept; a place starting like one of those words is a place (无锡)", () => {
    expect(leadRegions("江宁、不限")).toEqual([["江宁"], ["320115"]]);
    expect(leadRegions("无锡")).toEqual([["无锡"], ["320200"]]);
  });
  it("the lead keeps the words typed and the codes of what they name", () => {
    expect(leadRegions("长三角")).toEqual([["长三角"], ["310000", "320000", "330000", "340000"]]);
    expect(leadRegions("南京市江宁区秣陵街道")).toEqual([["南京市江宁区秣陵街道"], ["320115"]]);
  });
});
