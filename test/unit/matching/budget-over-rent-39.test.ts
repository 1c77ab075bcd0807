import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { rentBudgets } from "~/domain/matching/budget";
import { hardCheck } from "~/domain/matching/hard";
import { priceFactor, scoreSpace } from "~/domain/matching/score";
import type { MatchNeed, Reason } from "~/domain/matching/types";

import { lead, space } from "../../fixtures/match-eval";
import { validLeadJson } from "../../support/leads";

// Trial 39 M6: a rent above the budget the notes gave ("租金每平米每月不超过20元") was shown as a green fit ("租金 25元/㎡/月 ≤ 参考价 ...":
// no, ≤ the reference). The match now says the budget is exceeded, as a warning; whether it matches and its score are unchanged.
const TODAY = "2026-06-01";
const withBudget = (text: string): MatchNeed => ({
  ...lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000 }),
  flags: [{ field: "need.notes", code: "budget", text }],
});
const at = (rent: number) => space({ kind: "factory", areaSqm: 5000, rentYuanPerSqmMonth: rent });
const kinds = (rs: Reason[]) => rs.map((r) => r.kind);

describe("a rent above the notes' budget is a warning", () => {
  it.each([
    ["租金每平米每月不超过15元", 18],
    ["每平米15元以内", 16],
    ["租金15元/㎡/月以内", 18],
    ["租金两块五一平", 3],
    ["预算每平米每月12块", 13],
    ["Budget under 15 RMB/sqm/month", 18],
    ["月租不超过5万", 12], // 5000 ㎡ × 12 = 60,000 a month
    ["租金每月8万以内", 18],
    ["monthly rent under 50,000 yuan", 12],
  ])("%s, rent %d → warn, both languages", (text, rent) => {
    const n = withBudget(text);
    const f = priceFactor(n, at(rent));
    expect(kinds(f.reasons)).toEqual(["warn"]);
    expect(f.reasons[0].zh).toContain(text);
    expect(f.reasons[0].en).toMatch(/^(?:Rent|Monthly rent) .* above the notes' budget of /);
    expect(f.reasons[0].en).not.toMatch(/[\u4e00-\u9fff]/u);
    // Not the match's business otherwise: the same value and the same hard check as without the budget.
    const plain = lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000 });
    expect(f.value).toBe(priceFactor(plain, at(rent)).value);
    expect(hardCheck(n, at(rent)).pass).toBe(hardCheck(plain, at(rent)).pass);
    expect(scoreSpace(n, at(rent), undefined, TODAY).score).toBe(scoreSpace(plain, at(rent), undefined, TODAY).score);
  });

  it.each([
    ["租金每平米每月不超过20元", 18],
    ["月租不超过10万", 18],
    ["Budget under 25 RMB/sqm/month", 18],
  ])("%s, rent %d → within the budget: the reference reason as before", (text, rent) =>
    expect(kinds(priceFactor(withBudget(text), at(rent)).reasons)).toEqual(["fit"]),
  );

  it.each(["售价每平米5000元", "地价每亩30万", "预算300万"])("%s → no rent budget", (text) =>
    expect(rentBudgets(withBudget(text))).toEqual([]),
  );

  it("the schema's budget flag is what it reads", () => {
    const body = validLeadJson() as { need: Record<string, unknown> };
    const r = createLeadSchema("zh", "api").safeParse({ ...body, need: { ...body.need, notes: "租金每平米每月不超过15元" } });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const n = { ...r.data.lead, flags: r.data.lead.flags } as MatchNeed;
    expect(rentBudgets(n)).toEqual([{ perSqmMonth: 15, text: expect.stringContaining("15元") }]);
  });
});
