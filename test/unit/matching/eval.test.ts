import { describe, expect, it } from "vitest";

import { rankMatches } from "../../../app/domain/matching/rank";
import { demoCandidates, MATCH_EVAL } from "../../fixtures/match-eval";

const TODAY = "2026-06-01";

describe("match evaluation set (demo inventory)", () => {
  const candidates = demoCandidates();

  it("has at least 32 labelled cases with unique names", () => {
    expect(MATCH_EVAL.length).toBeGreaterThanOrEqual(32);
    expect(new Set(MATCH_EVAL.map((c) => c.name)).size).toBe(MATCH_EVAL.length);
  });

  it.each(MATCH_EVAL.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const results = rankMatches(c.lead, candidates, { today: TODAY });
    const best = results[0];
    expect(best?.spaceId ?? null, `${c.why}\n${JSON.stringify(results.map((r) => [r.spaceId, r.score, r.conditional]))}`).toBe(
      c.expectBest,
    );
    if (c.expectConditional !== undefined) expect(best?.conditional).toBe(c.expectConditional);
    // Reserved and let spaces are never offered, whatever the case.
    const ids = new Set(results.map((r) => r.spaceId));
    for (const s of candidates) if (s.status !== "available") expect(ids.has(s.id)).toBe(false);
  });
});
