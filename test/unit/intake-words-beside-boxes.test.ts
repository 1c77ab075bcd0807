import { describe, expect, it } from "vitest";

import { areaBoxText } from "../../app/domain/area-bounds";
import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { readMoveIn } from "../../app/domain/move-in";
import { planAssist } from "../../app/domain/need-assist";
import { extractMoney } from "../../app/domain/need-money";
import { parseNeedText } from "../../app/domain/need-text";
import { notesNotRead } from "../../app/domain/notes-not-read";
import { assistPreview } from "../../app/leads/assist-preview";
import { validLeadJson } from "../support/leads";

// docs/decisions/165 (units36, trial36 HIGH-1, MEDIUM-1, MEDIUM-2, LOW-2, LOW-9): what people type beside the boxes.
const NOW = new Date("2026-12-05T02:00:00Z");

function parse(need: Record<string, unknown>, lng: "zh" | "en" = "zh") {
  const base = validLeadJson();
  return createLeadSchema(lng, "web", { now: () => NOW }).safeParse({ ...base, need: { ...base.need, ...need } });
}
function stored(need: Record<string, unknown>) {
  const r = parse(need);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}
const differs = (lead: ReturnType<typeof stored>) => lead.flags.filter((f) => f.code === "notesDiffer");

describe("the notes' unit count beside typed area boxes (HIGH-1)", () => {
  it.each([
    ["两栋厂房，每栋3000平左右，年后就要搬", "6000", "", 2],
    ["需要3个车间，每个2000平", "6000", "", 3],
    ["两栋厂房，每栋3000平左右", "5000", "5333", 2],
    ["two buildings, 3000 sqm each", "6000", "", 2],
    ["厂房要两栋，每栋约3000平", "", "7000", 2],
    ["4 units of 1500 sqm each", "6000", "", 4],
  ])("%s beside areaMin %s / areaMax %s fills the blank count box", (notes, areaMin, areaMax, count) => {
    const lead = stored({ notes, areaMin, areaMax, unitCount: "" });
    expect(lead.need.unitCount).toBe(count);
    // The boxes stay the area.
    if (areaMin) expect(lead.need.areaMinSqm).toBe(Number(areaMin));
  });

  it.each([
    ["两栋厂房，每栋3000平左右", "3000"],
    ["3栋，每栋5000平", "5000"],
    ["two buildings, 3000 sqm each", "2000"],
    ["两栋厂房，每栋6000平", "6000"],
    ["4 units of 5000 sqm each", "5000"],
  ])("%s beside %s: the notes' total disagrees, flagged for staff", (notes, areaMin) => {
    const lead = stored({ notes, areaMin, areaMax: "", unitCount: "" });
    expect(differs(lead).map((f) => f.field)).toEqual(["need.notes"]);
  });

  it("a typed count the notes contradict is still flagged on the count, beside typed area boxes", () => {
    const lead = stored({ notes: "3栋厂房，每栋2000平", areaMin: "6000", unitCount: "2" });
    expect(lead.need.unitCount).toBe(2);
    expect(differs(lead)).toContainEqual({ field: "need.unitCount", code: "notesDiffer", text: "3栋 ≠ 2栋" });
  });

  it.each([
    ["zh", "两栋厂房，每栋3000平左右", 3000, "不一致", "共2栋"],
    ["en", "two buildings, 3000 sqm each", 3000, "differ", "2 buildings"],
    ["zh", "要5栋，每栋4000平", 4000, "不一致", "共5栋"],
  ] as const)("the hotline's live reading (%s) says the count read and the disagreement", (lng, notes, min, word, count) => {
    const p = assistPreview(notes, new Set(["areaMin"]), lng, "factory", [extractMoney], { minSqm: min });
    expect(p.understood).toContain(count);
    expect(p.differs).toContain(word);
    expect(p.differs).toContain(" ≠ ");
  });

  it("the live reading says nothing against boxes the notes agree with", () => {
    const p = assistPreview("两栋厂房，每栋3000平左右", new Set(["areaMin"]), "zh", "factory", [extractMoney], { minSqm: 6000 });
    expect(p.differs).toBe("");
    expect(p.understood).toContain("共2栋");
  });

  it("the live reading tells a typed count the notes contradict", () => {
    const p = assistPreview("3栋厂房，每栋2000平", new Set(["areaMin", "unitCount"]), "zh", "factory", [extractMoney], {
      minSqm: 6000,
      count: 2,
    });
    expect(p.differs).toContain("3栋 ≠ 2栋");
  });

  it("planAssist fills the count beside typed area boxes, never the area", () => {
    const plan = planAssist("两栋厂房，每栋3000平左右", new Set(["areaMin"]), NOW, [], "factory", { minSqm: 6000 });
    expect(plan.fills.map((f) => f.field)).toEqual(["unitCount"]);
    expect(plan.notesArea).toMatchObject({ minSqm: 5400, maxSqm: 6600 });
  });
});

describe("the words around a figure in an area box (MEDIUM-1)", () => {
  it.each([
    ["3000到5000平米之间", 3000, 5000],
    ["3000-5000平之间", 3000, 5000],
    ["三千到五千平方米之间", 3000, 5000],
    ["3000至5000平范围内", 3000, 5000],
    ["10到20亩之间", 6666.67, 13333.33],
  ])("%s in areaMin is a range", (areaMin, lo, hi) => {
    const lead = stored({ areaMin, areaMax: "" });
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([lo, hi]);
  });

  it.each([
    ["5000左右平米", 4500, 5500],
    ["5000左右平方米", 4500, 5500],
    ["两千上下平", 1800, 2200],
  ])("%s: about, typed before the unit", (areaMin, lo, hi) => {
    const lead = stored({ areaMin, areaMax: "" });
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([lo, hi]);
  });

  it.each([
    ["5000平方米（可分割）", 5000, "可分割"],
    ["5000平(可以分开租)", 5000, "可以分开租"],
    ["50亩（分期）", 33333.33, "分期"],
  ])("%s: the figure read, the remark kept in the notes", (areaMin, sqm, remark) => {
    const lead = stored({ areaMin, areaMax: "", notes: "要交通方便" });
    expect(lead.need.areaMinSqm).toBe(sqm);
    expect(lead.need.notes).toBe(`要交通方便；面积：${remark}`);
  });

  it("areaBoxText sets the words as the reader reads them", () => {
    expect(areaBoxText("3000到5000平米之间")).toBe("3000到5000平米");
    expect(areaBoxText("5000左右平米")).toBe("5000平米左右");
    expect(areaBoxText("5000平方米（可分割）")).toBe("5000平方米");
    expect(areaBoxText("5000")).toBe("5000");
  });

  it.each([
    ["zh", "很大的厂房", "范围可写成 3000-5000"],
    ["en", "big one", "a range can be written 3000-5000"],
    ["zh", "之间", "范围可写成 3000-5000"],
    ["en", "between", "a range can be written 3000-5000"],
    ["zh", "（可分割）", "范围可写成 3000-5000"],
  ] as const)("a refused area (%s, %s) says a range is fine", (lng, areaMin, says) => {
    const r = parse({ areaMin, areaMax: "" }, lng);
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesToFieldErrors(r.error)["need.areaMin"]?.join(" ")).toContain(says);
  });
});

describe("move-in in the notes with a verb after it (MEDIUM-2)", () => {
  it.each([
    ["3月底前能进", "2027-03"],
    ["最好3月底前能进", "2027-03"],
    ["年后就想搬", "2027-02"],
    ["明年开春", "2027-03"],
    ["3月底前要能进场", "2027-03"],
    ["开春后能进来", "2027-03"],
    ["4月份希望能搬进去", "2027-04"],
    ["过完年想搬", "2027-02"],
  ])("%s → %s", (notes, month) => {
    expect(parseNeedText(notes, NOW).hints.moveInBy).toBe(month);
    expect(readMoveIn(notes, NOW)).toEqual({ ok: true, month });
  });

  it("stored from the notes when the move-in box is blank", () => {
    expect(stored({ notes: "需要两栋厂房，每栋3000平左右，3月底前能进", moveInBy: "" }).need.moveInBy).toBe("2027-03");
  });

  it.each(["年后再说搬的事", "春天吧搬"])("%s, not read, is listed not read on the hotline", (notes) => {
    const p = assistPreview(notes, new Set(), "zh", "factory", [extractMoney]);
    expect(p.unread).toBe(notes);
  });

  it("the hotline's live reading says the month read from 年后就想搬", () => {
    const p = assistPreview("年后就想搬", new Set(), "zh", "factory", [extractMoney]);
    expect(p.understood).toContain("2027");
  });
});

describe("a clause read is never listed not read (LOW-2); a budget is said back (LOW-9)", () => {
  it.each([
    ["需要10吨行车两台", "10吨行车"],
    ["需要5吨行车一台", "5吨行车"],
    ["要两台10吨行车", "10吨行车"],
    ["变压器两台", "变压器"],
    ["10吨行车2台", "10吨行车"],
  ])("%s is read", (notes, read) => {
    expect(notesNotRead(notes, [read])).toEqual([]);
  });

  it("a clause with a condition of its own beside the count is still listed", () => {
    expect(notesNotRead("需要10吨行车两台，要有月台", ["10吨行车"])).toEqual(["要有月台"]);
  });

  it.each(["租金每平米每月不超过20元", "预算每年100万以内", "rent under 25 RMB per sqm per month"])(
    "%s is a budget the schema flags",
    (notes) => {
      const lead = stored({ notes });
      expect(lead.flags.filter((f) => f.code === "budget").length).toBe(1);
    },
  );
});
