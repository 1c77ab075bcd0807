import { describe, expect, it } from "vitest";

import { DEFAULT_LIMIT, describeFailures, orderReasons, rankMatches } from "../../../app/domain/matching/rank";
import type { Reason, SpaceCandidate } from "../../../app/domain/matching/types";
import { lead, space } from "../../fixtures/match-eval";

const TODAY = "2026-06-01";
const n = lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000, tax: 150 });
const focus = { industries: ["C35"] };

describe("rankMatches", () => {
  it("re-checks every candidate: a failing space never appears, however good otherwise", () => {
    const good = space({ id: "A", areaSqm: 5000, rentYuanPerSqmMonth: 10, park: focus });
    const reserved = space({ id: "B", areaSqm: 5000, rentYuanPerSqmMonth: 10, park: focus, status: "reserved" });
    const excluded = space({ id: "C", areaSqm: 5000, park: { ...focus, excludedIndustries: ["C35"] } });
    const tooBig = space({ id: "D", areaSqm: 9000, park: focus });
    const weak = space({ id: "E", areaSqm: 3300, rentYuanPerSqmMonth: 39, park: { industries: ["I65"] } });
    const results = rankMatches(n, [reserved, excluded, tooBig, weak, good], { today: TODAY });
    expect(results.map((r) => r.spaceId)).toEqual(["A", "E"]);
    expect(results[0]).toMatchObject({ spaceId: "A", parkId: "P1", score: 100, conditional: false });
  });

  it("no candidate passes → empty list", () => {
    expect(rankMatches(n, [space({ areaSqm: 100 })], { today: TODAY })).toEqual([]);
    expect(rankMatches(n, [], { today: TODAY })).toEqual([]);
  });

  it("sorts by score, then closeness of area, then id", () => {
    const cands = [
      space({ id: "S9", areaSqm: 5900, park: focus }), // inside, 900 from the middle
      space({ id: "S2", areaSqm: 5100, park: focus }), // inside, 100 from the middle
      space({ id: "S10", areaSqm: 4900, park: focus }), // inside, 100 from the middle: tie → id
      space({ id: "S1", areaSqm: 3300, park: focus }), // below range: lower score
    ];
    const results = rankMatches(n, cands, { today: TODAY });
    expect(results.map((r) => r.spaceId)).toEqual(["S10", "S2", "S9", "S1"]);
    expect(results.slice(0, 3).map((r) => r.score)).toEqual([results[0].score, results[0].score, results[0].score]);
    expect(results[3].score).toBeLessThan(results[0].score);
  });

  it("is deterministic whatever the input order", () => {
    const cands = Array.from({ length: 12 }, (_, i) =>
      space({ id: `K${i}`, areaSqm: 3300 + i * 350, rentYuanPerSqmMonth: 10 + i * 2, park: { industries: i % 2 ? ["C35"] : ["C33"] } }),
    );
    const a = rankMatches(n, cands, { today: TODAY, limit: 20 });
    const b = rankMatches(n, [...cands].reverse(), { today: TODAY, limit: 20 });
    expect(b).toEqual(a);
  });

  it("returns the top 5 by default, or the limit asked", () => {
    const cands = Array.from({ length: 9 }, (_, i) => space({ id: `K${i}`, areaSqm: 4000 + i * 100 }));
    expect(DEFAULT_LIMIT).toBe(5);
    expect(rankMatches(n, cands, { today: TODAY })).toHaveLength(5);
    expect(rankMatches(n, cands, { today: TODAY, limit: 2 })).toHaveLength(2);
    expect(rankMatches(n, cands, { today: TODAY, limit: 0 })).toEqual([]);
    expect(rankMatches(n, cands, { today: TODAY, limit: 50 })).toHaveLength(9);
  });

  it("a space returned twice by the search is listed once", () => {
    const s = space({ id: "A", areaSqm: 5000 });
    expect(rankMatches(n, [s, s, { ...s }], { today: TODAY }).map((r) => r.spaceId)).toEqual(["A"]);
  });

  it("orders reasons fit → warn → check", () => {
    const s = space({ id: "A", areaSqm: 3500, park: { industries: ["I65"], minTaxPer1000SqmWan: 20 } });
    const [r] = rankMatches(lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000, power: 500 }), [s], {
      today: TODAY,
    });
    const kinds = r.reasons.map((x) => x.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => "fwc".indexOf(a[0]) - "fwc".indexOf(b[0])));
    expect(new Set(kinds)).toEqual(new Set(["warn", "check"]));
    expect(r.reasons.map((x) => x.zh)).toContain("配电未知，需核实");
  });

  it("carries the conditional flag and its warning", () => {
    const park = { industries: ["C35"], minTaxPerMuWan: 25, minInvestmentPerMuWan: 300 };
    const plots: SpaceCandidate[] = [
      space({ id: "L1", kind: "land", deals: ["buy"], areaSqm: 12000, park }),
      space({ id: "L2", kind: "land", deals: ["buy"], areaSqm: 13000, park }),
    ];
    // 18亩 → 20万/亩 (80%); 19.5亩 → 18.5万/亩 (74%): both conditional, ranked below nothing else.
    const results = rankMatches(
      lead({ kind: "land", deal: "buy", industry: "C35", min: 15, max: 20, unit: "mu", tax: 360, invest: 6000 }),
      plots,
      { today: TODAY },
    );
    expect(results.map((r) => [r.spaceId, r.conditional])).toEqual([
      ["L1", true],
      ["L2", true],
    ]);
    expect(results[0].reasons.some((x) => x.kind === "warn" && x.zh.includes("有条件匹配"))).toBe(true);
  });

  it("a full pass outranks a conditional one with otherwise equal figures", () => {
    const park = { industries: ["C35"], minTaxPerMuWan: 25 };
    const plots = [
      space({ id: "BIG", kind: "land", deals: ["buy"], areaSqm: 13000, park }),
      space({ id: "SMALL", kind: "land", deals: ["buy"], areaSqm: 12000, park }),
    ];
    // 450万: 18亩 → 25 (100%), 19.5亩 → 23.1 (92%, conditional).
    const results = rankMatches(lead({ kind: "land", deal: "buy", industry: "C35", min: 15, max: 20, unit: "mu", tax: 450 }), plots, {
      today: TODAY,
    });
    expect(results.map((r) => [r.spaceId, r.conditional])).toEqual([
      ["SMALL", false],
      ["BIG", true],
    ]);
  });

  it("scores are integers in 0..100", () => {
    const cands = Array.from({ length: 8 }, (_, i) => space({ id: `K${i}`, areaSqm: 3200 + i * 600, rentYuanPerSqmMonth: i * 6 }));
    for (const r of rankMatches(n, cands, { today: TODAY, limit: 10 })) {
      expect(Number.isInteger(r.score)).toBe(true);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
    }
  });

  it("custom weights change the order", () => {
    const cheapFar = space({ id: "CHEAP", areaSqm: 3300, rentYuanPerSqmMonth: 10 });
    const dearNear = space({ id: "DEAR", areaSqm: 5000, rentYuanPerSqmMonth: 40 });
    expect(rankMatches(n, [cheapFar, dearNear], { today: TODAY })[0].spaceId).toBe("DEAR");
    expect(rankMatches(n, [cheapFar, dearNear], { today: TODAY, weights: { price: 100, size: 1 } })[0].spaceId).toBe("CHEAP");
  });
});

describe("orderReasons / describeFailures", () => {
  it("orderReasons is stable within a kind", () => {
    const r = (kind: Reason["kind"], zh: string): Reason => ({ kind, zh, en: zh });
    expect(orderReasons([r("check", "c1"), r("fit", "f1"), r("warn", "w1"), r("fit", "f2"), r("check", "c2")]).map((x) => x.zh)).toEqual([
      "f1",
      "f2",
      "w1",
      "c1",
      "c2",
    ]);
  });

  it("describeFailures is exported for the admin's why-not view", () => {
    expect(describeFailures(["area", "region"])).toEqual([
      { kind: "warn", zh: "面积超出需求范围", en: "Area outside the wanted range" },
      { kind: "warn", zh: "不在意向区域", en: "Not in the wanted districts" },
    ]);
  });
});
