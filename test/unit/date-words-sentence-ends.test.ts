import { describe, expect, it } from "vitest";

import { createLeadSchema, type Lead } from "~/domain/lead-schema";
import { readMoveIn, withoutEndMarks } from "~/domain/move-in";
import { planAssist } from "~/domain/need-assist";
import { readAvailableFromCell, readAwayDay } from "~/inventory/cell-dates";

// Trial39: date words typed as a sentence — ended by "。", ".", "!", "…", a trailing "～" — were not read. The move-in box refused
// "明年3月。" with an example that was "明年3月"; the space form refused 可入驻时间 "明年3月。" alike; and in the notes an ASCII
// full stop never ended a clause, so "Need 3000 sqm. Ceiling 8 m. Move in by March 2027." lost its month and the whole text
// (figures read in it too) was told as unread ("需要层高8米以上. 3月底前入驻. 配电1000kva." on the confirmation page).
// The kind: a date reader's words with a sentence's end after them; a clause of the notes ended by an ASCII full stop.

const NOW = new Date("2026-12-06T04:00:00Z"); // 12:00 in China, a Sunday

describe("date words with a sentence's end after them are the date before it", () => {
  it.each([
    ["明年3月。", "2027-03"],
    ["明年3月.", "2027-03"],
    ["明年三月底前！", "2027-03"],
    ["年底前!", "2026-12"],
    ["尽快…", "2026-12"],
    ["尽快......", "2026-12"],
    ["March 2027.", "2027-03"],
    ["by end of Q2 2027.", "2027-06"],
    ["2027-05.", "2027-05"],
    ["明年3月前要用～", "2027-03"],
    ["明年3月前入驻～～", "2027-03"],
    ["三个月内？", "2027-03"],
    ["2027年4月 。", "2027-04"],
  ])("move-in %j → %s", (typed, month) => {
    expect(readMoveIn(typed, NOW)).toEqual({ ok: true, month });
  });

  it("what was read before is read the same; a tilde after a month may be a range left open and is not taken off", () => {
    expect(readMoveIn("Sept. 2027", NOW)).toEqual({ ok: true, month: "2027-09" });
    expect(readMoveIn("明年3月", NOW)).toEqual({ ok: true, month: "2027-03" });
    expect(readMoveIn("3月~", NOW)).toBeNull();
    expect(withoutEndMarks("3月~")).toBe("3月~");
    expect(withoutEndMarks("。")).toBe("。"); // marks alone stay what was typed (refused as such)
    expect(readMoveIn("下半年。", NOW)).toMatchObject({ ok: false, problem: "whichYear" }); // a doubt stays a doubt
  });

  it("the move-in box of every channel takes them (the schema's reader)", () => {
    for (const lng of ["zh", "en"] as const)
      for (const typed of ["明年3月。", "March 2027.", "2027-03."]) {
        const r = createLeadSchema(lng, "web", { now: () => NOW }).safeParse({
          need: { kind: "factory", deal: "lease", areaUnit: "sqm", areaMin: "3000", moveInBy: typed },
          use: { industry: "C35", product: "数控机床" },
          tax: { annualTaxWan: "300" },
          company: { name: "南京句号机械有限公司" },
          contact: { name: "王工", phone: "13901507001" },
          consent: true,
        });
        expect(r.success, `${lng} ${typed}: ${r.success ? "" : r.error.issues.map((i) => i.message).join("; ")}`).toBe(true);
        expect((r.data as unknown as { lead: Lead }).lead.need.moveInBy).toBe("2027-03");
      }
  });

  it("the inventory's 可入驻时间 and a recruiter's away days alike (form field and import cell)", () => {
    expect(readAvailableFromCell("明年3月。", NOW)).toEqual({ ok: true, value: "2027-03" });
    expect(readAvailableFromCell("2027-03-15.", NOW)).toEqual({ ok: true, value: "2027-03-15" });
    expect(readAvailableFromCell("现房！", NOW)).toEqual({ ok: true, value: "2026-12" });
    expect(readAwayDay("12月8日。", NOW)).toBe("2026-12-08");
    expect(readAwayDay("下周五.", NOW)).toBe("2026-12-11");
  });
});

describe("an ASCII full stop ends a clause of the notes for the move-in month", () => {
  const plan = (notes: string) => {
    const p = planAssist(notes, new Set(), NOW, [], "factory");
    return { fills: Object.fromEntries(p.fills.map((f) => [f.field, f.value])), unread: p.unread.map((u) => u.text) };
  };

  it.each([
    ["Need 3000 sqm. Ceiling 8 m. Move in by March 2027.", "2027-03"],
    ["Single storey. Move in by March 2027", "2027-03"],
    ["Ceiling 10m.Move in by end of June 2027.", "2027-06"],
    ["需要层高8米以上. 3月底前入驻. 配电1000kva.", "2027-03"],
    ["需要3000平.明年5月前入驻", "2027-05"],
    ["要单层. 年后入驻.", "2027-02"],
    ["明年3月前要用.", "2027-03"],
    ["move in March 2027. No, June 2027", "2027-06"], // a correction after a full stop still corrects
    ["原来说3月入驻. 现在改成6月", "2027-06"],
  ])("%j → %s, nothing told as unread", (notes, month) => {
    const read = plan(notes);
    expect(read.fills.moveInBy).toBe(month);
    expect(read.unread).toEqual([]);
  });

  it("the other figures of those sentences are read as before; a decimal point or an abbreviation ends no clause", () => {
    expect(plan("需要层高8米以上. 3月底前入驻. 配电1000kva.").fills).toMatchObject({ ceilingMinM: 8, powerMinKva: 1000 });
    expect(plan("面积3.5万平.层高8.5米").fills).toMatchObject({ areaMinSqm: 31500, ceilingMinM: 8.5 });
    expect(plan("Move in by Sept. 2027").fills.moveInBy).toBe("2027-09");
    expect(plan("No. 5 building, move in by March 2027").fills.moveInBy).toBe("2027-03");
  });

  it("a sentence whose date is not read is told alone, not with the sentences around it", () => {
    const read = plan("Need 3000 sqm. Ceiling 8 m. Move in around March or April 2027.");
    expect(read.fills).toMatchObject({ ceilingMinM: 8 });
    expect(read.fills.moveInBy).toBeUndefined();
    expect(read.unread).toEqual(["Move in around March or April 2027"]);
  });
});
