import { describe, expect, it } from "vitest";

import { readMoveIn } from "~/domain/move-in";
import { planAssist } from "~/domain/need-assist";
import { findPlaceMentions } from "~/domain/need-places";
import { findLatinPlaceMentions } from "~/domain/need-places-en";
import { describeNoteRegions, planNoteRegions } from "~/domain/note-regions";
import { resolveRegions } from "~/domain/regions";
import { needRegionsText } from "~/domain/regions.server";
import { searchZonesEnglish } from "~/domain/regions-en";

// Trial 12-05, finding 1: English notes' places and dates were dropped without a word ("we want something
// in Jiangning or Pukou, move in by March 2027" → "Preferred districts: Any"); "jiangning pukou" was refused
// in the regions box; /api/regions found no zone by its English name. Places in English notes are read as
// the Chinese ones are (marker words, lists, stances; the resolver decides), what names none is told as
// unread; English months are read by the one move-in reader, an English month not read is told.

const NOW = new Date("2026-12-05T04:00:00Z");
const JIANGNING = "320115";
const PUKOU = "320111";
const GAOCHUN = "320118";

/** What the notes fill (codes), what is told unread, and the ruled flags' codes. */
function places(notes: string) {
  const p = planNoteRegions(notes, [])!;
  return { codes: p.fill?.codes ?? [], unread: p.unread.map((u) => u.text), ruled: p.ruled.map((r) => `${r.code}:${r.text}`) };
}

describe("places in English notes", () => {
  it.each([
    ["we want something in Jiangning or Pukou, move in by March 2027", [JIANGNING, PUKOU]],
    ["Factory in Nanjing Jiangning District, ready by Q1 2027", [JIANGNING]],
    ["need 3000 sqm near Gaochun", [GAOCHUN]],
    ["looking in jiangning or pukou", [JIANGNING, PUKOU]], // lower case: kept because the resolver names them
    ["looking in jiangning pukou area", [JIANGNING, PUKOU]], // a list written with spaces, as the box reads it
    ["Jiangning, Pukou and Gaochun are all fine", [GAOCHUN, JIANGNING, PUKOU]], // no marker: the words after say so
    ["in Suzhou Industrial Park or Jiangbei New Area", ["320111", "320113", "320116", "320576"]], // zones by their English names
    ["we want Jiangning, not Pukou", [JIANGNING]],
    ["we are in Shanghai now, want to move to Gaochun", [GAOCHUN]], // where they are is no place wanted
  ])("%s → %j", (notes, codes) => {
    expect(places(notes).codes).toEqual([...codes].sort());
    expect(places(notes).unread).toEqual([]);
  });

  it("a name that is no district we know, or one several share, is told as unread, not dropped", () => {
    expect(places("in Jiangnign")).toMatchObject({ codes: [], unread: ["Jiangnign"] });
    expect(places("somewhere in Gulou or Pukou")).toMatchObject({ codes: [], unread: ["Gulou", "Pukou"] }); // all or nothing (ADR 072)
  });

  it("places ruled out or only preferred are said as such (ADR 110), in English words", () => {
    expect(places("we want Jiangning, not Pukou").ruled).toEqual(["placeExcluded:Pukou"]);
    expect(places("anywhere except Gaochun").ruled).toEqual(["placeExcludedOpen:Gaochun"]);
    expect(places("preferably in Pukou").ruled).toEqual(["placeWished:Pukou"]);
  });

  it("words that are no place are not read as one", () => {
    for (const notes of [
      "The factory must be in good condition, we need it in March.",
      "Contact me in May or June",
      "We are based in China; price is fine",
      "in the city centre, at the latest by 2027",
    ])
      expect(places(notes), notes).toEqual({ codes: [], unread: [], ruled: [] });
  });

  it("are found by their shape alone (no division data); the form's live preview stays Chinese-only (its first load)", () => {
    expect(findLatinPlaceMentions("we want something in Jiangning or Pukou, move in by March 2027").map((p) => [p.text, p.named])).toEqual([
      ["Jiangning", true],
      ["Pukou", true],
    ]);
    expect(findLatinPlaceMentions("looking in jiangning or pukou", true).map((p) => [p.text, p.named])).toEqual([
      ["jiangning", false],
      ["pukou", false],
    ]);
    expect(findPlaceMentions("we want something in Jiangning or Pukou")).toEqual([]);
    expect(findPlaceMentions("要5000平单层厂房，在高淳，明年3月前入驻").map((p) => p.text)).toEqual(["高淳"]); // Chinese unchanged
  });

  it("the preview's lines say the districts in English", () => {
    const plan = planNoteRegions("in Jiangning or Pukou", [])!;
    expect(describeNoteRegions(plan, "en", () => "").understood).toContain("Jiangning District, Nanjing, Jiangsu (江苏省南京市江宁区)");
  });
});

describe("dates in English notes and in the move-in box", () => {
  it.each([
    ["move in by March 2027", "2027-03"],
    ["we need to move in before June 2027", "2027-06"],
    ["by end of March 2027", "2027-03"],
    ["March next year", "2027-03"],
    ["next March", "2027-03"],
    ["in May", "2027-05"],
    ["03/2027", "2027-03"],
    ["Q1 2027", "2027-03"],
    ["first half of 2027", "2027-06"],
    ["by the end of 2027", "2027-12"],
    ["September 15th, 2027", "2027-09"],
    ["move-in date: July 2027", "2027-07"],
    ["ready by Q2 2027", "2027-06"],
  ])("%s → %s", (words, month) => {
    expect(readMoveIn(words, NOW)).toEqual({ ok: true, month });
  });

  it("no month that does not exist, no Chinese reading changed", () => {
    // docs/decisions/132: a month that does not exist, written as month/year, is refused as such (was null: dropped unflagged in the notes).
    expect(readMoveIn("13/2027", NOW)).toMatchObject({ ok: false, problem: "noSuchMonth", year: 2027, month: 13 });
    expect(readMoveIn("明年3月", NOW)).toEqual({ ok: true, month: "2027-03" });
    expect(readMoveIn("下半年", NOW)).toMatchObject({ ok: false, problem: "whichYear" });
  });

  it("the notes' move-in month fills the blank box; an English month not read is told to the recruiter", () => {
    const read = planAssist(
      "we want something in Jiangning or Pukou, move in by March 2027, about 3000 sqm",
      new Set(),
      NOW,
      [],
      "factory",
    );
    expect(read.fills.find((f) => f.field === "moveInBy")).toEqual({ field: "moveInBy", value: "2027-03", text: "move in by March 2027" });
    expect(read.unread).toEqual([]);
    const doubt = planAssist("need a factory, move in around March or April 2027", new Set(), NOW, [], "factory");
    expect(doubt.fills.find((f) => f.field === "moveInBy")).toBeUndefined();
    expect(doubt.unread.map((u) => u.text)).toEqual(["move in around March or April 2027"]);
    // "may" the verb is no month.
    expect(planAssist("we may need a crane later", new Set(), NOW, [], "factory").unread).toEqual([]);
  });
});

describe("Latin names in the regions box and the picker's search", () => {
  it.each([
    ["jiangning pukou", [JIANGNING, PUKOU]],
    ["Jiangning Pukou", [JIANGNING, PUKOU]],
    ["jiangning district pukou district", [JIANGNING, PUKOU]],
    ["suzhou industrial park jiangning", [JIANGNING, "320576"]],
  ])("%s is a list, as 江宁 浦口 is", (typed, codes) => {
    expect(resolveRegions([typed])).toEqual({ codes: [...codes].sort(), problems: [] });
  });

  it("a name in doubt in such a list is the question; words that name nothing stay refused", () => {
    expect(resolveRegions(["gulou pukou"]).problems).toMatchObject([{ input: "gulou", kind: "ambiguous" }]);
    expect(resolveRegions(["good condition"]).problems).toMatchObject([{ kind: "unknown" }]);
    expect(resolveRegions(["nanjing jiangning"]).codes).toEqual([JIANGNING]); // a chain stays a chain
  });

  it("zones are found by the words of their English names", () => {
    expect(searchZonesEnglish("high-tech")).toEqual(["苏州高新区", "无锡高新区"]);
    expect(searchZonesEnglish("jiangning")).toEqual(["江宁经济技术开发区"]);
    expect(searchZonesEnglish("liangjiang new")).toEqual(["两江新区"]);
    expect(searchZonesEnglish("x")).toEqual([]);
  });

  it("a place typed in Latin letters is named in Chinese on a Chinese page, in English on an English one", () => {
    const need = { regions: ["Jiangning", "pukou"], regionCodes: [PUKOU, JIANGNING] };
    expect(needRegionsText(need, "zh")).toBe("江宁区、浦口区");
    expect(needRegionsText(need, "en")).toBe("Jiangning District (江宁区), Pukou District (浦口区)"); // as typed, as the Chinese page
  });
});
