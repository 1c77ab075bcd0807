import { describe, expect, it } from "vitest";

import { eiaNeedFromNotes } from "~/domain/eia-need";
import { createLeadSchema } from "~/domain/lead-schema";
import { extractMoney } from "~/domain/need-money";
import { clausesNotRead } from "~/domain/notes-clauses-not-read";
import { eiaFromNotesOf, eiaFromNotesRow } from "~/leads/amount-ranges-said";

import { validLeadJson } from "../support/leads";

// readers42 (docs/decisions/216): "需要环评报告书" / "要办环评" in the notes (the enterprise's need) and "可办环评" / "园区有环评" (the
// park's) were all listed as not read; the need filled nothing. A clear category fills a blank 环评 box, said back; what a park offers
// is never the need.
const NOW = new Date("2026-12-06T05:00:00Z");

function lead(notes: string, eia?: string) {
  const base = validLeadJson();
  const r = createLeadSchema("zh", "web", { now: () => NOW }).safeParse({
    ...base,
    use: { ...base.use, ...(eia ? { eia } : {}) },
    need: { ...base.need, notes },
  });
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
}

describe("the category the project needs", () => {
  it.each([
    ["需要环评报告书", "report-book"],
    ["我们项目需要做环评报告书", "report-book"],
    ["要办环评报告表", "report-form"],
    ["项目须做环境影响评价报告书", "report-book"],
    ["环评类别：报告表", "report-form"],
    ["环评等级为登记表", "registration"],
    ["环评需要做报告书", "report-book"],
    ["需要環評報告書", "report-book"],
    ["不需要环评", "none"],
    ["无需环评", "none"],
    ["环评不需要", "none"],
    ["园区可办环评，我们需要环评报告书", "report-book"],
    ["We need a full EIA report", "report-book"],
    ["EIA report form required", "report-form"],
    ["no EIA needed", "none"],
  ])("%s → %s", (notes, level) => expect(eiaNeedFromNotes(notes)?.level).toBe(level));

  it.each([
    "可办环评",
    "园区有环评",
    "园区可办环评报告书",
    "能帮办环评报告表",
    "园区已有规划环评，可以办报告书",
    "the park can handle the EIA report form",
    "我们有环评报告书",
    "要办环评", // no category said
    "环评报告书", // whose it is not said
    "需要环评报告表或报告书", // which one not said
    "需要环评报告书，环评类别：登记表", // two that disagree
  ])("%s fills nothing", (notes) => expect(eiaNeedFromNotes(notes)).toBeNull());
});

describe("in the lead", () => {
  it("fills a blank box, with the words it came from, said back on the confirmation page", () => {
    const r = lead("需要5000平厂房，需要环评报告书");
    expect(r.lead.use.eia).toBe("report-book");
    expect(r.assist).toContainEqual({ field: "use.eia", value: "report-book", text: "需要环评报告书" });
    const said = eiaFromNotesOf(r.lead.use as Record<string, unknown>, r.assist);
    expect(said).toEqual({ level: "report-book", notes: "需要环评报告书" });
    expect(eiaFromNotesRow("zh", said!)).toEqual(["环评类别", "报告书（从补充说明“需要环评报告书”读出）"]);
    expect(eiaFromNotesRow("en", said!)).toEqual([
      "Environmental assessment (EIA) level",
      "Full report (read from your notes: “需要环评报告书”)",
    ]);
  });

  it("never overrides a typed box: the same category says nothing, another is told", () => {
    expect(lead("需要环评报告书", "report-book").lead.flags.filter((f) => f.field === "use.eia")).toEqual([]);
    const other = lead("需要环评报告书", "registration");
    expect(other.lead.use.eia).toBe("registration");
    expect(other.lead.flags).toContainEqual({
      field: "use.eia",
      code: "notesDiffer",
      text: "需要环评报告书 ≠ 登记表（registration form）",
    });
  });

  it("the park's capacity fills nothing and stays told as not read", () => {
    const r = lead("园区可办环评就行");
    expect(r.lead.use.eia).toBeUndefined();
    expect(clausesNotRead("园区可办环评就行", { at: NOW, extras: [extractMoney] })).toEqual(["园区可办环评就行"]);
  });

  it("the need's words are read, not listed as not read", () => {
    expect(clausesNotRead("需要环评报告书", { at: NOW, extras: [extractMoney] })).toEqual([]);
    expect(clausesNotRead("不需要环评", { at: NOW, extras: [extractMoney] })).toEqual([]);
  });
});
