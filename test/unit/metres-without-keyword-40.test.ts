import { describe, expect, it } from "vitest";

import { notRead } from "~/leads/lead-view.server";

import { notesReading } from "../support/notes-reading";

// readers40 item 3: "现在的厂房层高6米，想找8米的" — the 8 m was listed as not read on the confirmation page and no flag told the
// recruiter; "要8米的厂房" was not even listed (its figure taken for glue). Where the notes say the item — the premises' own ceiling
// just before, then a word of looking for ("想找", "找", "换") — the figure is the ceiling wanted (ADR 139/146's reading, its words of
// wanting widened). A metre figure no item's word names is otherwise told: an `unread` flag on the notes, as every other figure of
// ours no reader used is, so the recruiter asks; never guessed. Distances and other dimensions are no such figure.

const NOW = new Date("2026-12-05T04:00:00Z");
const { lead, figures } = notesReading(() => NOW);
const unreadFlags = (notes: string) =>
  ((lead(notes, "factory", { areaMin: 3000, regions: [] }).flags ?? []) as { code: string; text: string }[])
    .filter((f) => f.code === "unread")
    .map((f) => f.text);

describe("a wanted ceiling said after the premises' own, without its word, is read", () => {
  it.each<[string, number]>([
    ["现在的厂房层高6米，想找8米的", 8],
    ["现在的厂房层高6米，想找8米以上的", 8],
    ["现在的厂房层高6米，想找10米以上", 10],
    ["现在的厂房6米高，想找8米的", 8],
    ["现有厂房层高6米，找个9米的", 9],
    ["现有厂房层高只有6米，想换8米的", 8],
    ["现在厂房层高6米，打算找8米的", 8],
    ["Current ceiling is 6 m, looking for 8 m", 8],
    // as before
    ["现在厂房层高6米，需要8米的", 8],
    ["现有厂房层高只有6米，新厂房要8米", 8],
  ])("%j → ceiling ≥ %i m, the premises' 6 m set aside", (notes, m) => {
    const f = figures(notes);
    expect(f.ceiling).toBe(m);
    expect(f.told).toEqual([]);
    const l = lead(notes, "factory", { areaMin: 3000, regions: [] });
    expect(l.need.ceilingMinM).toBe(m);
    expect(notRead(l.need as Record<string, unknown>, l.flags ?? [], NOW)).toEqual([]);
  });
});

describe("a metre figure no word names is told to the recruiter, never dropped", () => {
  it.each<[string, string]>([
    ["想找8米的", "8米"],
    ["要8米的厂房", "8米"],
    ["厂房要5000平，8米的", "8米"],
    ["单层，9米", "9米"],
    ["8 m please", "8 m"],
  ])("%j → an unread flag %j, no ceiling filled", (notes, told) => {
    expect(figures(notes).ceiling).toBeNull();
    expect(unreadFlags(notes)).toContain(told);
  });

  it.each([
    "离地铁站500米以内",
    "门宽4米",
    "跨度24米，柱距8米",
    "要有8米宽的大门",
    "需要一个5米的通道",
    "距离高速口2公里",
    "5000平米",
    "budget 8m",
    "investment of 8m RMB",
    "within 500 m of the metro",
    "层高8米，5000平",
    "厂房8米高",
  ])("%j: no metre figure told unread", (notes) => {
    expect(figures(notes).told.filter((t) => /米|m$/u.test(t))).toEqual([]);
  });
});
