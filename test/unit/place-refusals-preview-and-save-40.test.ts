import { describe, expect, it } from "vitest";

import { extractMoney } from "~/domain/need-money";
import { planNoteRegions } from "~/domain/note-regions";
import { findRuledPlaceCandidates } from "~/domain/place-stance";
import { resolveRegions } from "~/domain/regions.server";
import { assistPreview, type PlaceAnswer } from "~/leads/assist-preview";

import { codes, GC, JN, LH, PK, readPlaces } from "../support/place-stances";

// readers40 item 2: "在江宁区除外" ran 除外 into the place's name (the marker's name went on to the end: "江宁区除外", unknown, told
// unread); "除江宁区外" kept 除 ("除江宁区"); "江宁区除开" filled 江宁区; and the live preview could not see a place found only by a
// division name beside a ruling word ("江宁除外", "不要江宁和浦口"): it listed the clause as not read while the save ruled the place
// out. The preview now cuts out the names a ruling word touches (place-stance.ts findRuledPlaceCandidates), asks the server which
// are places, and reads their stance by the same rules the save does.

describe("the save: a refusal after a place is never part of its name", () => {
  it.each<[string, string[], string[]]>([
    ["在江宁区除外", [], ["江宁区"]],
    ["在江宁区除外，其他都行", [], ["江宁区"]],
    ["在六合区除外的地方", [], ["六合区"]],
    ["江宁区除外", [], ["江宁区"]],
    ["江宁除外，浦口可以", [PK], ["江宁"]],
    ["除江宁区外都行", [], ["江宁区"]],
    ["除了江宁区以外", [], ["江宁区"]],
    ["除江宁外其他区都可以", [], ["江宁"]],
    ["江宁区除开", [], ["江宁区"]],
    ["江宁区除去", [], ["江宁区"]],
    ["在高淳区以外的都行", [], ["高淳区"]],
    ["去浦口区不考虑", [], ["浦口区"]],
    ["在江宁区不要，在浦口区可以", [PK], ["江宁区"]],
  ])("%j fills %j, rules out %j", (notes, fill, out) => {
    const r = readPlaces(notes);
    expect({ fill: r.fill, out: r.out, unread: r.unread }).toEqual({ fill: codes(...fill), out, unread: [] });
  });

  it.each(["江宁区的厂房不要太贵", "江宁不要太远"])("%j: 不要太… refuses a quality, never the place", (notes) =>
    expect(readPlaces(notes).out).toEqual([]),
  );
});

/** The server's resolver, as GET /api/regions?resolve= answers the form's script. */
function known(n: string): PlaceAnswer {
  const r = resolveRegions([n]);
  if (r.problems.length === 0 && r.codes.length > 0) return { resolved: r.codes };
  const suggestions = r.problems[0]?.kind === "ambiguous" ? r.problems[0].suggestions : [];
  return { problem: { message: "", suggestions: suggestions.map((path) => ({ label: path, path })) } };
}
/** The live preview as the form's script runs it: the names it asks looked up, then shown again with the answers. */
function live(notes: string) {
  const first = assistPreview(notes, new Set(), "zh", "factory", [extractMoney], undefined, () => undefined);
  const answers = new Map(first.lookUp.map((n) => [n, known(n)]));
  return assistPreview(notes, new Set(), "zh", "factory", [extractMoney], undefined, (n) => answers.get(n));
}
/** The places the preview says are ruled out, and those to check, as listed on its places line. */
function previewPlaces(notes: string) {
  const line = live(notes).places;
  const part = (label: RegExp) =>
    line
      .split("；")
      .map((p) => label.exec(p)?.[1] ?? null)
      .find((x) => x !== null)
      ?.split("、") ?? [];
  return { out: part(/^不要的区域：(.+)$/u), wanted: part(/^地点 (.+?)（/u) };
}

describe("the live preview reads a place beside a ruling word as the save does", () => {
  it.each([
    "江宁除外",
    "江宁区除外",
    "在江宁区除外",
    "江宁除外，浦口可以",
    "高淳区以外",
    "浦口区之外都行",
    "除江宁区外都行",
    "除了江宁以外都行",
    "除了江宁区以外",
    "江宁区排除",
    "江宁区除开",
    "江宁、浦口都不要",
    "不要江宁和浦口",
    "避开六合",
    "江宁不考虑，浦口可以",
    "江宁太远了",
    "江北新区除外",
    "希望在南京，不要高淳和溧水",
    "江宁可以，浦口不行，六合太远",
    "不是江宁",
    "除了鼓楼都行",
    "只要江宁",
  ])("%j: the preview's places are the save's", (notes) => {
    const plan = planNoteRegions(notes, [])!;
    const p = previewPlaces(notes);
    expect(p.out).toEqual(plan.excluded.map((x) => x.text));
    expect(p.wanted).toEqual(plan.places.map((x) => x.text));
    // Read, so not listed as a clause no reader used.
    expect(live(notes).notRead).not.toMatch(/除外|不要|不考虑|以外|之外|排除|除开|太远|避开|不是|不行/u);
  });

  it.each([
    "不要平房",
    "平房不要",
    "不要化工园区",
    "除了价格以外都行",
    "租金太贵了不考虑",
    "不要太远的",
    "这个价格不合适",
    "5000平厂房，除外墙外都要新",
  ])("%j: no place in the preview, none in the save", (notes) => {
    expect(previewPlaces(notes)).toEqual({ out: [], wanted: [] });
    const plan = planNoteRegions(notes, [])!;
    expect([...plan.places, ...plan.excluded]).toEqual([]);
  });

  it.each(["江宁以外也行", "不一定在江宁"])(
    "%j (neither wanted nor ruled out): listed as not read live, told unread on saving",
    (notes) => {
      expect(live(notes).notRead).toContain(notes);
      expect(planNoteRegions(notes, [])!.unread.map((u) => u.text)).toEqual([notes]);
    },
  );

  it("the candidates are names only, never the ruling words", () => {
    const texts = (n: string) => findRuledPlaceCandidates(n).map((c) => c.text);
    expect(texts("江宁除外")).toEqual(["江宁"]);
    expect(texts("在江宁区除外")).toEqual(["江宁区"]);
    expect(texts("不要江宁和浦口")).toEqual(["江宁", "浦口"]);
    for (const t of texts("除了江宁区以外，高淳、溧水都不要")) expect(t).not.toMatch(/除|以外|不要|和|都/u);
  });
});

void GC;
void JN;
void LH;
