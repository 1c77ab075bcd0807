import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { planNoteRegions } from "~/domain/note-regions";

import { validLeadJson } from "../support/leads";

// Places in the notes fill a blank regions field only when every one names exactly one division
// (note-regions.ts, ADR 072); the new hotline user's notes were saved with regions [] and matched anywhere.
const NOTES = "要5000平单层厂房，层高8米5，在高淳，明年3月前入驻，需要2台500kva变压器";

describe("planNoteRegions", () => {
  it.each([
    [NOTES, ["320118"]],
    ["在高淳區，要5000平", ["320118"]],
    ["最好在溧水", ["320117"]],
    ["要江宁区的厂房", ["320115"]],
    ["在南京江宁，单层", ["320115"]],
    ["在高淳或者溧水都行", ["320117", "320118"]],
  ])("%s → %j", (notes, codes) => {
    expect(planNoteRegions(notes, [])?.fill?.codes).toEqual(codes);
  });

  it("an ambiguous place (鼓楼 is in Nanjing, Fuzhou, Xuzhou, Kaifeng) is never guessed: nothing filled, every place flagged", () => {
    const plan = planNoteRegions("在高淳或者鼓楼", [])!;
    expect(plan.fill).toBeNull();
    expect(plan.problems).toEqual([expect.objectContaining({ input: "鼓楼", kind: "ambiguous" })]);
    expect(plan.problems[0].suggestions).toContain("江苏省南京市鼓楼区");
    expect(plan.unread.map((f) => f.text)).toEqual(["高淳", "鼓楼"]);
  });

  it("an unknown place is named, not guessed; a company's name is no place; a typed regions field wins", () => {
    expect(planNoteRegions("在高纯，要厂房", [])).toMatchObject({ fill: null, problems: [{ input: "高纯", kind: "unknown" }] });
    expect(planNoteRegions("我们是南京市高淳机械有限公司，要5000平", [])).toMatchObject({ places: [], fill: null, unread: [] });
    expect(planNoteRegions(NOTES, ["溧水区"])).toMatchObject({ places: [], fill: null });
  });

  it.each(["在做锂电池", "在建厂房", "正在谈，在谈一个项目", "靠近地铁站"])(
    "words after a marker that name nothing (%j) neither fill nor block the place beside them",
    (words) => {
      expect(planNoteRegions(`在高淳，${words}`, [])).toMatchObject({ fill: { codes: ["320118"] }, problems: [], unread: [] });
      expect(planNoteRegions(words, [])).toMatchObject({ places: [], fill: null, unread: [] });
    },
  );
});

describe("the lead schema with places in the notes", () => {
  const parse = (need: Record<string, unknown>, channel: "hotline" | "web" = "hotline") =>
    createLeadSchema("zh", channel).parse({ ...validLeadJson(), need: { kind: "factory", deal: "lease", ...need } });

  it("fills blank regions with the places as typed and their codes, and says so in assist", () => {
    const { lead, assist } = parse({ notes: NOTES });
    expect(lead.need).toMatchObject({
      regions: ["高淳"],
      regionCodes: ["320118"],
      ceilingMinM: 8.5,
      powerMinKva: 1000,
      singleStorey: true,
    });
    expect(assist).toContainEqual({ field: "need.regions", value: "320118", text: "高淳" });
    const web = parse({ notes: "在高淳或者溧水，5000平" }, "web");
    expect(web.lead.need).toMatchObject({ regions: ["高淳", "溧水"], regionCodes: ["320117", "320118"] });
  });

  it("leaves regions as typed, and leaves them blank with the places flagged when one is ambiguous", () => {
    expect(parse({ notes: NOTES, regions: "溧水区" }).lead.need).toMatchObject({ regions: ["溧水区"], regionCodes: ["320117"] });
    const { lead } = parse({ notes: "在鼓楼，要5000平" });
    expect(lead.need).toMatchObject({ regions: [], regionCodes: [] });
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "unread", text: "鼓楼" });
  });
});
