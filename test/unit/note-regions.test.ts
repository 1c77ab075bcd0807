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

// Places named without a marker or a kind (ADR 076): read by the division names themselves, only where
// the words around them show places are meant — names joined as options, or a city with its district.
describe("planNoteRegions, places without a marker", () => {
  it.each([
    ["高淳或者溧水都行", ["320117", "320118"]],
    ["溧水或高淳都可以", ["320117", "320118"]],
    ["江宁、溧水均可", ["320115", "320117"]],
    ["高淳还是溧水都行", ["320117", "320118"]],
    ["高淳和溧水以及江宁都可以", ["320115", "320117", "320118"]],
    ["要高淳或溧水的厂房，5000平", ["320117", "320118"]],
    ["高淳或者溧水区都行", ["320117", "320118"]],
    ["單層廠房，高淳或者溧水都行", ["320117", "320118"]],
    ["南京江宁的厂房", ["320115"]],
    ["南京鼓楼的仓库", ["320106"]],
    ["苏州昆山，5000平", ["320583"]],
    ["江苏南京江宁区附近", ["320115"]],
    ["南京或者苏州都行", ["320100", "320500"]],
  ])("%s → %j", (notes, codes) => {
    expect(planNoteRegions(notes, [])?.fill?.codes).toEqual(codes);
  });

  it("a shared name among the options (鼓楼) is read, not guessed: nothing filled, every place flagged", () => {
    const plan = planNoteRegions("鼓楼或者高淳都行", [])!;
    expect(plan).toMatchObject({ fill: null, problems: [{ input: "鼓楼", kind: "ambiguous" }] });
    expect(plan.unread.map((f) => f.text)).toEqual(["鼓楼", "高淳"]);
  });

  it.each([
    "高淳的厂房", // a lone name: nothing around it says it is a place
    "高淳和客户谈",
    "吉利或者比亚迪都行",
    "高淳或者比亚迪都行", // one option names no division: the options are not places
    "平房或者楼房都行",
    "光明或者宝安都行", // 光明 is also an everyday word: the whole list is left to the recruiter
    "高新或者新区都行",
    "开发区或者高新区都可以",
    "老城或者工业园区都行",
    "我们是南京江宁的企业",
    "我们南京江宁的厂房要扩产",
    "南京江宁机械有限公司，要5000平",
    "靠近港口的仓库",
  ])("%s → nothing", (notes) => {
    expect(planNoteRegions(notes, [])).toMatchObject({ places: [], fill: null, unread: [] });
  });

  it("the present location is left out, the wanted place after it is read", () => {
    expect(planNoteRegions("公司位于南京江宁，要去高淳", [])).toMatchObject({ fill: { codes: ["320118"], typed: ["高淳"] } });
  });
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
    const unmarked = parse({ notes: "高淳或者溧水都行，5000平" }, "web");
    expect(unmarked.lead.need).toMatchObject({ regions: ["高淳", "溧水"], regionCodes: ["320117", "320118"] });
    expect(unmarked.assist).toContainEqual({ field: "need.regions", value: "320117,320118", text: "高淳或者溧水" });
    expect(parse({ notes: "南京江宁的厂房" }).lead.need).toMatchObject({ regions: ["南京江宁"], regionCodes: ["320115"] });
  });

  it("leaves regions as typed, and leaves them blank with the places flagged when one is ambiguous", () => {
    expect(parse({ notes: NOTES, regions: "溧水区" }).lead.need).toMatchObject({ regions: ["溧水区"], regionCodes: ["320117"] });
    const { lead } = parse({ notes: "在鼓楼，要5000平" });
    expect(lead.need).toMatchObject({ regions: [], regionCodes: [] });
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "unread", text: "鼓楼" });
  });
});
