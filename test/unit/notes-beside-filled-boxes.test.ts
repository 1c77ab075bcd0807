import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors, regionProblemMessage } from "~/domain/lead-schema";
import { describeNoteRegions, planNoteRegions } from "~/domain/note-regions";
import { notRead } from "~/leads/lead-view.server";

import { validLeadJson } from "../support/leads";

// docs/decisions/159 (trial35 M3): what the notes say that the boxes do not hold is not dropped because a box is
// filled. A place the notes rule out that the regions box does not list was flagged (placeExcluded) only with the
// box blank; beside a typed box it vanished — no flag, not in the not-read list, not on the confirmation.

const AT = new Date("2026-12-05T04:00:00Z");

function lead(need: Record<string, unknown>) {
  const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown> };
  body.need = { kind: "factory", deal: "lease", areaMin: "3000", ...need };
  const r = createLeadSchema("zh", "api", { now: () => AT }).safeParse(body);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  const l = r.data.lead;
  return { need: l.need, flags: l.flags.map((f) => `${f.field}:${f.code}:${f.text}`), notRead: notRead(l.need as never, l.flags, AT) };
}

describe("a place ruled out beside a regions box that does not list it stays a refusal (placeExcluded)", () => {
  it.each<[string, string, string]>([
    ["不考虑高淳", "江宁", "高淳"],
    ["❌不考虑高淳", "江宁或者浦口都行", "高淳"],
    ["高淳太远了，要有月台", "江宁、浦口", "高淳"],
    ["除了六合都行", "江宁", "六合"],
    ["not Gaochun, no Liuhe", "Jiangning", "Gaochun、Liuhe"],
    ["Lishui is not ok", "江宁", "Lishui"],
  ])("%j beside the box %j → placeExcluded %j, the box kept", (notes, regions, out) => {
    const l = lead({ notes, regions });
    expect(l.flags).toContain(`need.notes:placeExcluded:${out}`);
    expect(l.need.regions.join("、")).not.toMatch(new RegExp(out.split("、").join("|")));
    // Said as the refusal it is, so not also among the parts not read.
    for (const name of out.split("、")) expect(l.notRead.join("|")).not.toContain(name);
  });

  it("a place the box names is the box's clash (notesDiffer), and a refusal as the one it does not list (ADR 184)", () => {
    const l = lead({ notes: "不要高淳，也不要六合", regions: "高淳区、江宁" });
    expect(l.flags.filter((f) => f.includes("notesDiffer") || f.includes("placeExcluded"))).toEqual([
      "need.notes:placeExcluded:高淳、六合",
      "need.regions:notesDiffer:高淳 ≠ 高淳区、江宁",
    ]);
  });

  it("the hotline preview says the refusal as one matched on the box, not as 'the box is still blank'", () => {
    for (const lng of ["zh", "en"] as const) {
      const said = describeNoteRegions(planNoteRegions("不考虑高淳", ["江宁"])!, lng, (p) => regionProblemMessage(lng, p));
      expect(said.unread).toBe(lng === "zh" ? "不要的区域：高淳" : "places ruled out: 高淳");
    }
  });
});

describe("an area bound the notes state on a side the boxes leave open is told (notesDiffer)", () => {
  it.each<[Record<string, unknown>, string]>([
    [{ areaMin: "3000", notes: "5000平以上的不要" }, "5000平以上的不要"],
    [{ areaMin: "3000", notes: "最多5000平" }, "最多5000平"],
    [{ areaMin: "", areaMax: "8000", notes: "至少5000平" }, "至少5000平"],
    [{ areaMin: "20", areaUnit: "mu", notes: "不超过30亩" }, "不超过30亩"],
  ])("%j → flagged with %j", (need, words) => {
    const l = lead(need);
    expect(l.flags.some((f) => f.startsWith("need.notes:notesDiffer:") && f.includes(words))).toBe(true);
  });
});
