import { describe, expect, it } from "vitest";

import { findListedPlaceCandidates, findPlaceMentions } from "~/domain/need-places";
import { findLatinPlaceMentions } from "~/domain/need-places-en";
import { planNoteRegions } from "~/domain/note-regions";
import { resolveRegions } from "~/domain/regions";
import { assistPreview } from "~/leads/assist-preview";

import { notesReading } from "../support/notes-reading";

// ADR 131 (places32): the notes' reader of places misread how people type them — names run together ("江宁浦口都行"
// kept 浦口 only), a second choice ("浦口优先，其次江宁" read as anywhere), refusals after a place it did not know
// ("江宁最好不要" stored as a wish, "in Pukou, Jiangning is not ok" stored Jiangning as wanted), English places with no
// marker ("no Jiangning please", "anywhere but Jiangning", "Pukou, Jiangning, Liuhe", "Jiangning is not ok") dropped
// silently; the live preview offered 高速口 and never the real districts.

const NOW = new Date("2026-12-05T04:00:00Z");
const JIANGNING = "320115";
const PUKOU = "320111";
const LIUHE = "320116";
const GAOCHUN = "320118";
const LISHUI = "320117";

/** What the notes fill (codes), the places ruled out and preferred, what is told unread, and the ruled flags. */
function places(notes: string, typed: string[] = []) {
  const p = planNoteRegions(notes, typed)!;
  return {
    codes: p.fill?.codes ?? [],
    excluded: p.excluded.map((x) => x.text),
    unread: p.unread.map((u) => u.text),
    ruled: p.ruled.map((r) => `${r.code}:${r.text}`),
  };
}
const sorted = (codes: string[]) => [...codes].sort();

describe("Chinese places as people type them", () => {
  it.each([
    // names run together, then 都行
    ["江宁浦口都行", [JIANGNING, PUKOU]],
    ["江宁浦口六合都可以", [JIANGNING, PUKOU, LIUHE]],
    ["江宁 浦口都行", [JIANGNING, PUKOU]],
    ["高淳溧水均可，要5000平厂房", [GAOCHUN, LISHUI]],
    // lists with every separator
    ["江宁、浦口、六合都可以", [JIANGNING, PUKOU, LIUHE]],
    ["江宁或者浦口", [JIANGNING, PUKOU]],
    ["江宁/浦口", [JIANGNING, PUKOU]],
    ["江宁或浦口都行，明年3月前入驻", [JIANGNING, PUKOU]],
    ["要2000平仓库，江宁和浦口都没问题", [JIANGNING, PUKOU]],
    // a first choice and a second: both, the first preferred
    ["浦口优先，其次江宁", [PUKOU, JIANGNING]],
    ["首选浦口，其次是江宁", [PUKOU, JIANGNING]],
    ["浦口优先，江宁也可以", [PUKOU, JIANGNING]],
    ["最好在高淳，备选溧水", [GAOCHUN, LISHUI]],
  ])("%s → %j", (notes, codes) => {
    const p = places(notes);
    expect(p.codes).toEqual(sorted(codes));
    expect(p.unread).toEqual([]);
    expect(p.excluded).toEqual([]);
  });

  it("a first choice beside an acceptable one is said as preferred (a reading), both filled", () => {
    expect(places("浦口优先，其次江宁").ruled).toEqual(["placePreferred:浦口"]);
    expect(places("首选浦口，其次是江宁").ruled).toEqual(["placePreferred:浦口"]);
    expect(places("在江宁，最好溧水").ruled).toEqual(["placePreferred:溧水"]);
    // a wish alone stays a wish, no filter (ADR 110)
    expect(places("浦口优先")).toMatchObject({ codes: [], ruled: ["placeWished:浦口"] });
  });

  it.each([
    ["江宁最好不要", [], ["江宁"]],
    ["江宁就免了", [], ["江宁"]],
    ["江宁还是不要了", [], ["江宁"]],
    ["浦口可以，江宁就不用了", [PUKOU], ["江宁"]],
    ["在浦口，江宁不用考虑", [PUKOU], ["江宁"]],
    ["除江宁外都行", [], ["江宁"]],
    ["江宁区暂不考虑，浦口区可以", [PUKOU], ["江宁区"]],
    ["江宁不适合我们，浦口都行", [PUKOU], ["江宁"]],
  ])("%s: a refusal after the place rules it out, never a wish or a want", (notes, codes, out) => {
    const p = places(notes);
    expect(p.codes).toEqual(codes);
    expect(p.excluded).toEqual(out);
    expect(p.ruled.some((r) => /^place(Wished|Preferred)/.test(r))).toBe(false);
  });

  it("names run together are one list for the words after them: 都不要 rules out both", () => {
    expect(places("江宁浦口都不要")).toMatchObject({ codes: [], excluded: ["江宁", "浦口"] });
  });

  it("what is not read as several places stays as before: a city and its district, the present site, a shared name", () => {
    expect(places("南京江宁的厂房都行").codes).toEqual([JIANGNING]);
    expect(places("公司在江宁，浦口可以").codes).toEqual([PUKOU]);
    expect(places("鼓楼或者高淳都行")).toMatchObject({ codes: [], unread: ["鼓楼", "高淳"] });
  });
});

describe("English places as people type them (attack F7)", () => {
  it.each([
    ["no Jiangning please, Pukou ok", [PUKOU], ["Jiangning"]],
    ["Pukou ok, Jiangning no", [PUKOU], ["Jiangning"]],
    ["anywhere but Jiangning", [], ["Jiangning"]],
    ["anywhere except Jiangning", [], ["Jiangning"]],
    ["any place other than Jiangning", [], ["Jiangning"]],
    ["Pukou, Jiangning, Liuhe", [PUKOU, JIANGNING, LIUHE], []],
    ["Pukou or Liuhe.", [PUKOU, LIUHE], []],
    ["we can't go to Jiangning", [], ["Jiangning"]],
    ["we cannot move to Jiangning, Pukou is fine", [PUKOU], ["Jiangning"]],
    ["Jiangning is not ok", [], ["Jiangning"]],
    ["Jiangning isn't an option", [], ["Jiangning"]],
    ["Jiangning doesn't work for us", [], ["Jiangning"]],
    ["Jiangning won't work, Pukou would work", [PUKOU], ["Jiangning"]],
    ["in Pukou, Jiangning is not ok", [PUKOU], ["Jiangning"]],
    ["in Pukou, Jiangning is a no-go", [PUKOU], ["Jiangning"]],
    ["Pukou and Liuhe are not ok", [], ["Pukou", "六合区"]], // Liuhe told by the city of the list (六合区)
    ["jiangning is not ok, pukou is fine", [PUKOU], ["jiangning"]],
    ["Pukou preferred, Jiangning also ok", [PUKOU, JIANGNING], []],
  ])("%s → filled %j, ruled out %j", (notes, codes, out) => {
    const p = places(notes);
    expect(p.codes).toEqual(sorted(codes));
    expect(p.excluded).toEqual(out);
    expect(p.unread).toEqual([]);
  });

  it("a bare list that names a place of one city reads a shared syllable there (Liuhe: 六合区, not 柳河县), stored by its name", () => {
    const plan = planNoteRegions("Pukou, Jiangning, Liuhe", [])!;
    expect(plan.fill?.typed).toEqual(["Pukou", "Jiangning", "六合区"]);
    // a Chinese name several divisions share is still asked (ADR 076), and Gulou (鼓楼) too
    expect(places("somewhere in Gulou or Pukou")).toMatchObject({ codes: [], unread: ["Gulou", "Pukou"] });
    expect(resolveRegions(["Liuhe"]).problems[0].kind).toBe("ambiguous"); // the box still asks
  });

  it("an English place with a negation the reader cannot place is told unread: never stored, never as the opposite", () => {
    expect(places("Jiangning has no metro line")).toMatchObject({ codes: [], excluded: [], unread: ["Jiangning has no metro line"] });
    expect(places("in Pukou, Jiangning never floods though")).toMatchObject({
      codes: [PUKOU],
      unread: ["Jiangning never floods though"],
    });
  });

  it("what reads right already stays so", () => {
    expect(places("we want something in Jiangning or Pukou, move in by March 2027").codes).toEqual(sorted([JIANGNING, PUKOU]));
    expect(places("we want Jiangning, not Pukou")).toMatchObject({ codes: [JIANGNING], excluded: ["Pukou"] });
    expect(places("a site that doesn't flood in Jiangning").codes).toEqual([JIANGNING]);
    expect(places("Price, Location.")).toMatchObject({ codes: [], unread: [] }); // a bare list that names no place
    expect(places("in Jiangning, 5000 sqm, no columns").codes).toEqual([JIANGNING]);
  });

  it("the finder cuts no stance word into a name (lower case read by the resolver)", () => {
    const texts = (n: string) => findLatinPlaceMentions(n, true).map((m) => m.text);
    expect(texts("Pukou ok, Jiangning no")).toEqual(["Pukou", "Jiangning"]);
    expect(texts("Jiangning doesn't work for us")).toEqual(["Jiangning"]);
    expect(texts("no Jiangning please")).toEqual(["Jiangning"]);
  });
});

describe("places with areas, months and the typed box", () => {
  const { lead } = notesReading(() => NOW);
  it("mixed notes: the area and the month read beside the places", () => {
    const l = lead("要5000平厂房，江宁浦口都行，明年3月前入驻");
    expect(sorted(l.need.regionCodes)).toEqual(sorted([JIANGNING, PUKOU]));
    expect(l.need.areaMinSqm).toBeGreaterThan(4000);
    expect(l.need.moveInBy).toBe("2027-03");
    const en = lead("need 3000 sqm, no Jiangning please, Pukou ok, move in by March 2027");
    expect(en.need.regionCodes).toEqual([PUKOU]);
    expect(en.flags).toContainEqual({ field: "need.notes", code: "placeExcluded", text: "Jiangning" });
    expect(en.need.moveInBy).toBe("2027-03");
  });

  it("a place the notes name beside a typed box is told (placesNotInBox), the box kept", () => {
    const l = lead("江宁浦口都行", "factory", { areaMin: 1000, regions: ["江宁"] });
    expect(l.need.regionCodes).toEqual([JIANGNING]);
    expect(l.flags).toContainEqual({ field: "need.regions", code: "placesNotInBox", text: "浦口 ≠ 江宁" });
  });
});

describe("the live preview (browser: no division names)", () => {
  const preview = (notes: string, known?: (n: string) => boolean | undefined) =>
    assistPreview(notes, new Set(), "zh", "factory", undefined, undefined, known);
  /** The server's resolver, as GET /api/regions?resolve= answers the form's script. */
  const resolver = (n: string) => resolveRegions([n]).problems.length === 0 && resolveRegions([n]).codes.length > 0;

  it.each(["靠近高速口", "地铁口附近", "靠近地铁站", "在园区里", "靠近路口", "临近机场", "靠近码头", "在市中心"])(
    "%s: no administrative place, none offered",
    (notes) => {
      expect(findPlaceMentions(notes)).toEqual([]);
      expect(preview(notes, resolver).places).toBe("");
    },
  );

  it("still finds places that end like site words: 浦口, 海口, 张家口", () => {
    expect(findPlaceMentions("在浦口或者海口").map((p) => p.text)).toEqual(["浦口", "海口"]);
    expect(findPlaceMentions("靠近张家口").map((p) => p.text)).toEqual(["张家口"]);
  });

  it.each([
    ["江宁、浦口、六合都可以", ["江宁", "浦口", "六合"]],
    ["江宁浦口都行", ["江宁", "浦口"]],
    ["江宁或者浦口", ["江宁", "浦口"]],
    ["江宁/浦口", ["江宁", "浦口"]],
    ["浦口优先，其次江宁", ["浦口", "江宁"]],
    ["靠近高速口，江宁、浦口都行", ["江宁", "浦口"]],
  ])("%s: the names to look up, then shown once the resolver named them", (notes, names) => {
    const first = preview(notes, () => undefined);
    expect(first.places).toBe("");
    for (const n of names) expect(first.lookUp).toContain(n);
    const then = preview(notes, resolver);
    expect(then.lookUp).toEqual([]);
    expect(then.places).toContain(names.join("、"));
    expect(then.places).not.toMatch(/高速口|江宁浦口/);
  });

  it("words that are no place are looked up and never shown", () => {
    expect(findListedPlaceCandidates("价格优先").map((c) => c.text)).toEqual(["价格"]);
    expect(preview("价格优先", resolver).places).toBe("");
    expect(preview("厂房或者仓库都可以", resolver).places).toBe("");
    expect(preview("要5000平，明年3月", resolver).lookUp).toEqual([]);
  });
});
