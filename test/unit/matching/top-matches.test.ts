import { describe, expect, it } from "vitest";

import { MATCH_LIMIT, placeAmongTop, type Standing } from "~/domain/matching/top-matches";

// Reverse matching into a lead's top 5 (ADR 152; attack 12-05g M1: a lead had 5,174 live matches after an import).
const m = (spaceId: string, score: number, parkId = "P1"): Standing => ({ spaceId, parkId, score });
const none = new Set<string>();

describe("placeAmongTop", () => {
  it("fills a lead's top up to MATCH_LIMIT", () => {
    expect(MATCH_LIMIT).toBe(5);
    expect(placeAmongTop([], m("S1", 40), none)).toEqual({ offer: true, displaced: [] });
    expect(placeAmongTop([m("A", 90), m("B", 80), m("C", 70), m("D", 60)], m("S1", 10), none)).toEqual({ offer: true, displaced: [] });
  });

  it("a full top: a better space displaces the lowest, an equal or worse one joins nothing", () => {
    const live = [m("A", 90), m("B", 80), m("C", 70), m("D", 60), m("E", 50)];
    expect(placeAmongTop(live, m("S1", 75), none)).toEqual({ offer: true, displaced: ["E"] });
    expect(placeAmongTop(live, m("S1", 50), none)).toEqual({ offer: false, displaced: [] }); // ties keep the incumbents
    expect(placeAmongTop(live, m("S1", 20), none)).toEqual({ offer: false, displaced: [] });
  });

  it("a lead over the top (an old lead of thousands) is brought back to it by the next space that joins", () => {
    const live = Array.from({ length: 40 }, (_, i) => m(`L${i}`, 30));
    const { offer, displaced } = placeAmongTop(live, m("S1", 95), none);
    expect(offer).toBe(true);
    expect(displaced).toHaveLength(36);
  });

  it("a live match in a park the lead is held in stays; a found space in a held park joins only by its rank", () => {
    const live = [m("A", 90), m("B", 80), m("C", 70), m("D", 60), m("H", 10, "HELD")];
    const held = new Set(["HELD"]);
    expect(placeAmongTop(live, m("S1", 75), held)).toEqual({ offer: true, displaced: [] }); // H stays though outranked
    expect(placeAmongTop([...live, m("E", 65)], m("S2", 5, "HELD"), held)).toEqual({ offer: false, displaced: [] });
  });

  it("the found space already live (a refresh) is weighed once", () => {
    const live = [m("A", 90), m("B", 80), m("C", 70), m("D", 60), m("S1", 50)];
    expect(placeAmongTop(live, m("S1", 55), none)).toEqual({ offer: true, displaced: [] });
  });
});
