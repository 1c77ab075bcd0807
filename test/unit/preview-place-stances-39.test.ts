import { describe, expect, it } from "vitest";

import { planNoteRegions } from "~/domain/note-regions";
import { assistPreview } from "~/leads/assist-preview";

// Trial 39 M3: the public form's live notes hint showed a place the person ruled out ("不要江宁", "江宁除外", "别在江宁") as one to
// fill, and read 看地 ("想去看地") as a place. The preview now reads each place's stance by the server's own rules (place-stance.ts,
// docs/decisions/188): what it shows to fill is what the save fills, what it says is ruled out the save rules out.
const REAL = new Set(["江宁", "浦口", "六合", "溧水", "高淳", "江宁区", "浦口区", "六合区", "Jiangning", "Pukou", "Liuhe"]);
const preview = (notes: string, lng: "zh" | "en" = "zh") =>
  assistPreview(notes, new Set(), lng, "factory", undefined, undefined, (t) => REAL.has(t)).places;
const toFill = (line: string) => /^(?:地点|Places) (.+?)[（(]/u.exec(line)?.[1].split(/、|, /u) ?? [];
const ruledOut = (line: string) => /(?:不要的区域：|places ruled out: )(.+)$/u.exec(line)?.[1].split(/、|, /u) ?? [];

describe("the live preview never offers a place the notes rule out", () => {
  it.each([
    ["别在江宁，去浦口", ["浦口"], ["江宁"]],
    ["不去江宁", [], ["江宁"]],
    ["在浦口，不要在江宁", ["浦口"], ["江宁"]],
    ["不考虑江宁区，要浦口区", ["浦口区"], ["江宁区"]],
    ["江宁区不考虑", [], ["江宁区"]],
    ["别去江宁区，六合区可以", ["六合区"], ["江宁区"]],
    ["在江宁区（不要）", [], ["江宁区"]],
    ["排除区域：江宁区", [], ["江宁区"]],
    ["江宁区太远了，在浦口", ["浦口"], ["江宁区"]],
    ["江宁区除外，去溧水", ["溧水"], ["江宁区"]],
  ])("%s → fills %j, says ruled out %j", (notes, fill, out) => {
    const line = preview(notes);
    expect(toFill(line)).toEqual(fill);
    expect(ruledOut(line)).toEqual(out);
  });

  it.each(["江宁除外，浦口或六合都行", "江宁不要，在浦口", "要5000平厂房，不要江宁", "除了江宁都行", "不一定在江宁，浦口也行"])(
    "%s → 江宁 is never among the places to fill",
    (notes) => expect(toFill(preview(notes))).not.toContain("江宁"),
  );

  it("in English the ruled-out line is the page's language", () =>
    expect(preview("不去江宁，在浦口", "en")).toMatch(/^Places 浦口 \(.*\); places ruled out: 江宁$/u));
});

describe("the live preview and the save agree on the places filled and ruled out", () => {
  it.each([
    "别在江宁，去浦口",
    "在浦口，不要在江宁",
    "不考虑江宁区，要浦口区",
    "江宁区太远了，在浦口",
    "最好在江宁，在浦口也行",
    "在江宁或者浦口",
    "不去六合区，在江宁区",
  ])("%s", (notes) => {
    const line = preview(notes);
    const plan = planNoteRegions(notes, [])!;
    expect(toFill(line)).toEqual(plan.fill?.typed ?? []);
    for (const p of ruledOut(line)) expect(plan.excluded.map((e) => e.text)).toContain(p);
  });
});

describe("a visit or a site is no place (想去看地)", () => {
  it.each([
    ["想去看地，江宁或者浦口", ["江宁", "浦口"]],
    ["下周想去看看厂房", []],
    ["想去考察场地，在溧水", ["溧水"]],
    ["去江宁看地", ["江宁"]],
    ["去江宁看看厂房", ["江宁"]],
    ["在江宁考察一下", ["江宁"]],
    ["月底去拿地", []],
  ])("%s → %j", (notes, fill) => {
    expect(toFill(preview(notes))).toEqual(fill);
    expect(planNoteRegions(notes, [])!.fill?.typed ?? []).toEqual(fill);
  });
});
