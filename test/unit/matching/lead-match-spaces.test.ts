import { describe, expect, it } from "vitest";

import { divisionCodesOf, regionCovers } from "../../../app/domain/division-codes";
import { hardCheck, hardCheckOf } from "../../../app/domain/matching/hard";
import { rankMatches } from "../../../app/domain/matching/rank";
import { explainExclusions } from "../../../app/domain/matching/why-not";
import { spaceFields, type SpaceRow, toSpaceCandidate } from "../../../app/inventory/inventory-rows";
import { LeadMatchSpaces } from "../../../worker/lead-match-spaces";
import { lead } from "../../fixtures/match-eval";

// issue 14: lead.match converts each row once and hard-checks each candidate once per job. Same results
// as converting and checking every time; a row re-read with another version is converted again.

const NOW = "2026-12-01T18:00:00.000Z";
const OPTIONS = { now: NOW, verifyDays: 30 };
const n = lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000, tax: 150, regions: ["高淳区"] });

function row(over: Partial<SpaceRow> = {}): SpaceRow {
  return {
    id: "S1",
    parkId: "P1",
    kind: "factory",
    deals: ["lease"],
    title: "一号厂房",
    areaSqm: 5000,
    divisibleMinSqm: null,
    floors: 1,
    singleStorey: true,
    ceilingM: 9,
    floorLoadKg: 3000,
    powerKva: 800,
    craneT: null,
    rentYuanPerSqmMonth: 18,
    priceYuanPerSqm: null,
    landPriceWanPerMu: null,
    availableFrom: null,
    status: "available",
    notes: "近高速",
    version: "10",
    verifiedAt: new Date("2026-11-20T08:00:00.000Z"),
    parkVersion: "3",
    parkName: "高淳经济开发区",
    parkDistrict: "高淳区",
    parkDistrictCode: "320118",
    parkIndustries: ["C35"],
    parkExcluded: ["C26"],
    minTaxPerMuWan: null,
    minInvestmentPerMuWan: null,
    minTaxPer1000sqmWan: 20,
    lat: 31.3,
    lng: 118.9,
    ...over,
  } as SpaceRow;
}

const rows = [
  row(),
  row({ id: "S2", areaSqm: 4500, rentYuanPerSqmMonth: 25, version: "11" }),
  row({ id: "S3", areaSqm: 9000, version: "12" }), // too big: why-not
  row({ id: "S4", areaSqm: 5200, verifiedAt: new Date("2026-08-01T00:00:00.000Z"), version: "13" }), // stale
  row({ id: "S5", parkDistrict: "江宁区", parkDistrictCode: "320115", version: "14" }), // another district
  row({ id: "S6", areaSqm: 4100, status: "let", version: "15" }),
];

const PARK_PLACE = { id: "P1", name: "高淳经济开发区", district: "高淳区", districtCode: "320118" };
const PARK_TERMS = {
  industries: ["C35"],
  excludedIndustries: ["C26"],
  minTaxPerMuWan: null,
  minInvestmentPerMuWan: null,
  minTaxPer1000SqmWan: 20,
};

describe("LeadMatchSpaces", () => {
  it("ranks, withdraws and explains exactly as converting and checking every row each time", () => {
    const spaces = new LeadMatchSpaces(n, rows, OPTIONS);
    const candidates = rows.map(toSpaceCandidate);
    const results = spaces.rank(2);
    expect(results).toEqual(rankMatches(n, candidates, { limit: 2, ...OPTIONS }));
    expect(results.map((r) => r.spaceId)).toEqual(["S1", "S2"]);

    const live = [
      { spaceId: "S2", foundBy: "lead" as const },
      { spaceId: "S3", foundBy: "lead" as const },
      { spaceId: "S4", foundBy: "space" as const },
      { spaceId: "S9", foundBy: "space" as const },
    ];
    const { withdrawals, excluded } = spaces.outcome(live, results.slice(0, 1));
    expect(excluded).toEqual(explainExclusions(n, candidates, new Set(["S1"]), OPTIONS));
    expect(withdrawals.map((w) => w.spaceId)).toEqual(["S2", "S3", "S4", "S9"]);
    expect(withdrawals[1].reason.zh).toContain("面积");
    expect(withdrawals[2].reason.zh).toContain("未核实");
  });

  it("converts a row once: the same candidate objects from one call to the next", () => {
    const spaces = new LeadMatchSpaces(n, rows, OPTIONS);
    const first = spaces.candidates();
    expect(spaces.candidates()).toEqual(first);
    spaces.candidates().forEach((c, i) => expect(c).toBe(first[i]));
  });

  it("keeps a row re-read with the same version, converts one with another version again", () => {
    const spaces = new LeadMatchSpaces(n, rows, OPTIONS);
    const before = spaces.candidates();
    // Same version: nothing changed, the held candidate stays.
    expect(spaces.update(["S1", "S2"], [row(), rows[1]])).toBe(false);
    expect(spaces.candidates()[0]).toBe(before[0]);

    // S1 let since it was read: a new version, a new candidate, and S1 is no longer offered.
    expect(spaces.update(["S1", "S2"], [row({ status: "let", version: "20" }), rows[1]])).toBe(true);
    const after = spaces.candidates();
    expect(after[0]).not.toBe(before[0]);
    expect(after[0].status).toBe("let");
    expect(after[1]).toBe(before[1]);
    expect(spaces.version("S1")).toBe("20");
    expect(spaces.rank(2).map((r) => r.spaceId)).toEqual(["S2"]);

    // S2's park retired since it was read: the space's own version is the same, its park's is not.
    expect(
      spaces.update(
        ["S2"],
        [row({ id: "S2", areaSqm: 4500, rentYuanPerSqmMonth: 25, version: "11", status: "retired", parkVersion: "21" })],
      ),
    ).toBe(true);
    expect(spaces.candidates()[1].status).toBe("retired");
    expect(spaces.rank(2)).toEqual([]);
  });

  it("makes one frozen candidate of a kept (frozen) row for every job, and a fresh one of any other row", () => {
    const kept = Object.freeze(row({ id: "S9", version: "40" }));
    const a = new LeadMatchSpaces(n, [kept, rows[1]], OPTIONS).candidates();
    const b = new LeadMatchSpaces(n, [kept, rows[1]], OPTIONS).candidates();
    expect(a[0]).toBe(b[0]);
    expect(Object.isFrozen(a[0]) && Object.isFrozen(a[0].park)).toBe(true);
    expect(a[0]).toEqual(toSpaceCandidate(kept));
    expect(a[1]).not.toBe(b[1]);
  });

  it("drops an offered space that is gone on re-read, and keeps the last row of a space read twice", () => {
    const spaces = new LeadMatchSpaces(n, [...rows, row({ id: "S2", areaSqm: 5100, version: "30" })], OPTIONS);
    expect(spaces.version("S2")).toBe("30");
    expect(spaces.candidates().map((c) => c.id)).toEqual(["S1", "S2", "S3", "S4", "S5", "S6"]);
    expect(spaces.update(["S1", "S2"], [row()])).toBe(true);
    expect(spaces.candidates().map((c) => c.id)).toEqual(["S1", "S3", "S4", "S5", "S6"]);
  });
});

describe("hardCheckOf", () => {
  it("gives hardCheck's result, checked once per candidate object", () => {
    const check = hardCheckOf(n, OPTIONS);
    const [a, b] = rows.slice(2, 4).map(toSpaceCandidate);
    expect(check(a)).toEqual(hardCheck(n, a, OPTIONS));
    expect(check(a)).toBe(check(a));
    expect(check(b)).toEqual(hardCheck(n, b, OPTIONS));
    // A new object for the same space (a re-read row) is checked again.
    const a2 = toSpaceCandidate(rows[2]);
    expect(check(a2)).not.toBe(check(a));
    expect(check(a2)).toEqual(check(a));
  });
});

describe("toSpaceCandidate", () => {
  it("is the row's spaceFields with verifiedAt as ISO text and the park's facts", () => {
    const r = row({ availableFrom: "2027-03-01", divisibleMinSqm: 1200 });
    expect(toSpaceCandidate(r)).toEqual({
      ...spaceFields(r),
      verifiedAt: r.verifiedAt.toISOString(),
      park: { ...PARK_PLACE, ...PARK_TERMS },
    });
    // The remembered ISO text follows the instant, not the Date object.
    expect(toSpaceCandidate(row({ verifiedAt: new Date("2026-11-21T00:00:00.000Z") })).verifiedAt).toBe("2026-11-21T00:00:00.000Z");
    expect(() => toSpaceCandidate(row({ verifiedAt: new Date("junk") }))).toThrow(RangeError);
  });
});

describe("regionCovers", () => {
  it("is 'one of the lead's codes is among the district's divisionCodesOf'", () => {
    const districts = ["320118", "320100", "441900", "110105", "高淳区", "", null, undefined, "32011"];
    const asked = [[], ["320000"], ["320100"], ["320118"], ["320115"], ["441900", "440000"], ["110000"], ["none"]];
    for (const d of districts)
      for (const codes of asked) expect(regionCovers(codes, d)).toBe(codes.some((c) => divisionCodesOf(d).includes(c)));
  });
});
