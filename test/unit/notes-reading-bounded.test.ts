import { describe, expect, it } from "vitest";

import { BLANK_RUN_MAX, foldText } from "../../app/domain/fold-text";
import { planAssist } from "../../app/domain/need-assist";
import { MAX_UNMARKED_NAMES, planNoteRegions } from "../../app/domain/note-regions";
import { notesNotRead } from "../../app/domain/notes-not-read";
import { readingWork } from "../../app/domain/reading-work";
import { divisionNameAt } from "../../app/domain/regions";
import { notRead } from "../../app/leads/lead-view.server";

// Attack L9 (docs/decisions/142): notes of the allowed length made slow to read. The readers' work is bounded, and
// counted here — never timed (a busy machine fails a timed unit test); the times are bench:intake's.

const fill = (phrase: string, n = 2000) => phrase.repeat(Math.ceil(n / phrase.length)).slice(0, n);
const fills = (notes: string) => planAssist(notes, new Set(), new Date("2026-12-05T02:00:00Z"), [], "factory").fills;

describe("a run of blanks is read as four blanks at most", () => {
  it.each([
    ["1,990 blanks between words", "5000平x" + " ".repeat(1990) + "x", "5000平x    x"],
    ["1,985 blanks after 电话", "电话" + " ".repeat(1985) + "13912345678", "电话    13912345678"],
    ["a line break inside 81 blanks", "5000平" + " ".repeat(40) + "\n" + " ".repeat(40) + "层高8米", "5000平   \n层高8米"],
    ["2,000 blanks", " ".repeat(2000), "    "],
  ])("%s: folded to four, the map still into the text as typed", (_, notes, folded) => {
    const { s, at } = foldText(notes);
    expect(s).toBe(folded);
    expect(at).toHaveLength(s.length + 1);
    // Every character kept maps to the same character as typed, and the end to the end.
    for (let i = 0; i < s.length; i++) expect(notes[at[i]]).toBe(s[i]);
    expect(at[s.length]).toBe(notes.length);
  });

  it("runs of up to four blanks are kept as typed", () => {
    for (let n = 1; n <= BLANK_RUN_MAX; n++) expect(foldText(`5000平${" ".repeat(n)}层高8米`).s).toBe(`5000平${" ".repeat(n)}层高8米`);
  });

  it.each([
    ["需要5000平", "层高8米以上"],
    ["电话：", "13912345678，要5000平厂房"],
    ["3000-5000平", "2027年3月前入驻"],
  ])("%s + 300 blanks + %s reads as with four blanks between", (a, b) => {
    expect(fills(a + " ".repeat(300) + b)).toEqual(fills(a + "    " + b));
  });
});

describe("place names looked up without a marker: a bounded number a text", () => {
  it.each([
    ["江宁浦口六合溧水高淳 run together", fill("江宁浦口六合溧水高淳")],
    ["鼓楼, a name several cities share", fill("鼓楼")],
    ["a zone again and again", fill("江北新区")],
    ["a list with 、", fill("江宁、")],
    ["places ruled out", fill("不要高淳")],
  ])("%s: at most MAX_UNMARKED_NAMES names, the first places still read", (_, notes) => {
    const before = readingWork.namesLookedUp;
    const plan = planNoteRegions(notes, []);
    expect(readingWork.namesLookedUp - before).toBeLessThanOrEqual(MAX_UNMARKED_NAMES);
    expect(plan).not.toBeNull();
  });

  it("ordinary notes read as they did: the places named first, all of them", () => {
    expect(planNoteRegions("江宁或者溧水都行，5000平", [])?.fill?.typed).toEqual(["江宁", "溧水"]);
    expect(planNoteRegions("南京江宁的厂房，不要高淳", [])?.excluded.map((p) => p.text)).toEqual(["高淳"]);
  });

  it("the longest name starting at a place, as a chain of names inside one another", () => {
    const s = fill("江宁浦口六合溧水高淳", 40);
    expect(divisionNameAt(s, 0)).toMatchObject({ end: 2, parts: 1 });
    expect(divisionNameAt("江苏南京江宁区的厂房", 0)).toMatchObject({ end: 7, parts: 3 });
    expect(divisionNameAt("南京江宁", 0)?.divisions.map((d) => d.code)).toEqual(["320115"]);
  });
});

describe("the confirmation page's reading of notes made slow to read", () => {
  it.each([
    ["blanks between words", "要有月台" + " ".repeat(1990) + "双回路供电"],
    ["names run together", fill("江宁浦口六合溧水高淳")],
  ])("%s: read once by each reader, the clauses not read still said", (_, notes) => {
    const before = { ...readingWork };
    const parts = notRead({ kind: "factory", notes }, [], new Date("2026-12-05T02:00:00Z"));
    // The notes' figures read once, and the places by the two plans at most (with the box typed and without).
    expect(readingWork.textsRead - before.textsRead).toBe(1);
    expect(readingWork.namesLookedUp - before.namesLookedUp).toBeLessThanOrEqual(2 * MAX_UNMARKED_NAMES);
    expect(Array.isArray(parts)).toBe(true);
  });

  it("blanks between clauses leave the clauses as typed", () => {
    expect(notesNotRead("要有月台" + " ".repeat(500) + "\n双回路供电", [])).toEqual(["要有月台", "双回路供电"]);
  });
});
