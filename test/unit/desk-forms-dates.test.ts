import { describe, expect, it } from "vitest";

import { leadWorkSchema, shanghaiToday } from "~/recruiter-desk/desk-forms";

// The recruiter desk's dates against a pinned "today" (the action passes the one it read): a visit is
// recorded once it happened, so tomorrow is refused and today accepted; follow-ups within a year.
const TODAY = "2026-12-01";
const fieldErrors = (value: Record<string, string>) => {
  const r = leadWorkSchema("zh", TODAY).safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("recruiter desk dates (today pinned)", () => {
  it("a visit today or before is taken; tomorrow is refused as a planned visit", () => {
    expect(fieldErrors({ intent: "visit", visitOn: TODAY })).toEqual([]);
    expect(fieldErrors({ intent: "visit", visitOn: "2026-11-29" })).toEqual([]);
    expect(fieldErrors({ intent: "visit", visitOn: "2026-12-02" })).toEqual(["看厂日期不能晚于今天；预约的看厂请记为下次跟进日期。"]);
  });

  it("a follow-up date from today to a year ahead; a day before today is refused as a slip, not a plan", () => {
    expect(fieldErrors({ intent: "followUp", followUpOn: TODAY })).toEqual([]);
    expect(fieldErrors({ intent: "followUp", followUpOn: "2027-12-01" })).toEqual([]);
    expect(fieldErrors({ intent: "followUp", followUpOn: "2027-12-03" })).toHaveLength(1);
    expect(fieldErrors({ intent: "followUp", followUpOn: "2026-11-30" })).toEqual(["下次跟进日期不能早于今天。"]);
    expect(fieldErrors({ intent: "followUp" })).toEqual([]); // no date: the follow-up is cleared
  });

  it("a note too long says so, not 'write a note'", () => {
    expect(fieldErrors({ intent: "note", body: "记".repeat(2001) })).toEqual(["备注最多 2000 字，请删减后再保存。"]);
    expect(fieldErrors({ intent: "note", body: "  " })).toEqual(["请填写备注（最多 2000 字）。"]);
  });

  it("a wrong date gets one message, not the same one twice and a range beside it", () => {
    for (const typed of ["2026/12/10", "明天", "2026-02-30", "2026-13-01", "12-10"]) {
      expect(fieldErrors({ intent: "followUp", followUpOn: typed }), typed).toEqual(["请填写日期（年-月-日）。"]);
      expect(fieldErrors({ intent: "visit", visitOn: typed }), typed).toEqual(["请填写日期（年-月-日）。"]);
    }
    expect(fieldErrors({ intent: "followUp", followUpOn: "2099-01-01" })).toEqual(["日期应在今天前后一年之内。"]);
    expect(fieldErrors({ intent: "visit", visitOn: "2099-01-01" })).toHaveLength(1);
  });

  it("today turns at midnight in China (16:00 UTC)", () => {
    expect(shanghaiToday(new Date("2026-11-30T15:59:59.999Z"))).toBe("2026-11-30");
    expect(shanghaiToday(new Date("2026-11-30T16:00:00.000Z"))).toBe("2026-12-01");
  });
});
