import { describe, expect, it } from "vitest";

import { leadFlags } from "~/domain/lead-flags";
import { extractMoney } from "~/domain/need-money";
import { accessWishes } from "~/domain/site-access";
import { describeFlag } from "~/i18n/flag-messages";
import { assistPreview } from "~/leads/assist-preview";
import { notRead } from "~/leads/lead-view.server";

import { notesReading } from "../support/notes-reading";

// readers40 item 4: "near metro" / "靠近地铁" — DESIGN.md has no field for what a site must be near (the need holds area, regions,
// specs, a move-in month). Beside a place read in the same clause ("in Jiangning near metro", "factory near metro in Jiangning") the
// clause counted read and nothing told anyone; "Near Metro" was told as an unknown place. Now every such wish is an `unread` flag
// (the confirmation page says it, the recruiter's and hotline's cards list it), and the live preview lists its clause as not read.

const NOW = new Date("2026-12-05T04:00:00Z");
const { lead } = notesReading(() => NOW);
const saved = (notes: string) => lead(notes, "factory", { areaMin: 3000, regions: [] });
const unread = (notes: string) =>
  leadFlags(saved(notes))
    .filter((f) => f.code === "unread")
    .map((f) => f.text);

describe("what the site must be near is told, never dropped", () => {
  it.each<[string, string]>([
    ["靠近地铁", "靠近地铁"],
    ["5000平厂房，靠近地铁", "靠近地铁"],
    ["在江宁，要靠近地铁", "要靠近地铁"],
    ["要5000平，靠近地铁站，在江宁", "靠近地铁站"],
    ["单层厂房靠近地铁口", "靠近地铁口"],
    ["离高速口近一点", "离高速口近"],
    ["离地铁站500米以内", "离地铁站500米以内"],
    ["仓库要在码头附近", "码头附近"],
    ["靠近机场，江宁优先", "靠近机场"],
    ["near metro", "near metro"],
    ["Need 5000 sqm factory in Jiangning near metro", "near metro"],
    ["factory near metro in Jiangning", "near metro"],
    ["Jiangning, near metro", "near metro"],
    ["Near Metro", "Near Metro"],
    ["5000 sqm, near Metro Line 1", "near Metro Line 1"],
    ["close to the airport", "close to the airport"],
    ["5000 sqm, easy access to the port", "easy access to the port"],
    ["within 2 km of the highway exit", "within 2 km of the highway exit"],
  ])("%j → an unread flag %j, no place made of it", (notes, told) => {
    expect(unread(notes)).toContain(told);
    expect(unread(notes).filter((t) => /^metro/iu.test(t))).toEqual([]);
    expect(saved(notes).need.regions.join()).not.toMatch(/metro|地铁/iu);
  });

  it("the recruiter's card says it in words, zh and en", () => {
    const flag = leadFlags(saved("Need 5000 sqm factory in Jiangning near metro")).find((f) => f.text === "near metro")!;
    expect(describeFlag("zh", flag)).toContain("near metro");
    expect(describeFlag("en", flag)).toContain("near metro");
  });

  it.each(["高速发展的行业", "We make bus parts", "公交车能到", "5000平厂房，层高8米"])("%j: no access wish", (notes) =>
    expect(accessWishes(notes)).toEqual([]),
  );

  it.each([
    ["Need 5000 sqm factory in Jiangning near metro", "near metro"],
    ["在江宁靠近地铁的厂房", "靠近地铁"],
    ["factory near metro in Jiangning", "near metro"],
  ])("%j: the live preview lists its clause as not read", (notes, part) => {
    const p = assistPreview(notes, new Set(), /[a-z]/iu.test(notes) ? "en" : "zh", "factory", [extractMoney]);
    expect(p.notRead).toContain(part);
  });

  it("saved, the page says it once (the flag), not again among the clauses not read", () => {
    const l = saved("Need 5000 sqm factory in Jiangning near metro");
    expect(notRead(l.need as Record<string, unknown>, l.flags ?? [], NOW)).toEqual([]);
    expect(unread("Need 5000 sqm factory in Jiangning near metro")).toEqual(["near metro"]);
  });
});
