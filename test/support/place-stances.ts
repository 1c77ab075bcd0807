import { expect, it } from "vitest";

import { planNoteRegions } from "~/domain/note-regions";

// The place readers' tables (test/unit/place-stances-34*.test.ts): what a typed note fills, rules out, wishes for and tells.

/** Nanjing's districts these notes name, by their GB/T 2260 codes: 江宁, 浦口, 六合, 高淳, 溧水. */
export const [JN, PK, LH, GC, LS] = ["320115", "320111", "320116", "320118", "320117"];

/** What the notes fill (codes, sorted), rule out and only wish for (as typed), and tell unread. */
export function readPlaces(notes: string) {
  const p = planNoteRegions(notes, [])!;
  return {
    fill: [...(p.fill?.codes ?? [])].sort(),
    out: p.excluded.map((x) => x.text),
    wish: p.wished.map((x) => x.text),
    unread: p.unread.map((u) => u.text),
  };
}

/** Codes in the order `readPlaces` gives them (sorted). */
export const codes = (...c: string[]) => [...c].sort();

/** A table row: the notes, the codes filled, what is ruled out. */
export type PlaceRow = [notes: string, fill: string[], out: string[]];

/** A row: the notes, the codes filled, the places ruled out (as read), and what is told unread ("" = nothing). */
export type ToldRow = [notes: string, fill: string[], out: string[], told: string];

/** One test per row: what the notes fill and rule out, and what is told unread ("" = nothing told). */
export function readAs(rows: ToldRow[]) {
  it.each<ToldRow>(rows)("%j → fills %j, rules out %j, tells %j", (notes, fill, out, told) => {
    const { wish: _wish, ...r } = readPlaces(notes);
    expect({ fill: r.fill, out: r.out }).toEqual({ fill: codes(...fill), out });
    if (told === "") expect(r.unread).toEqual([]);
    else expect(r.unread.join("|")).toContain(told);
  });
}
