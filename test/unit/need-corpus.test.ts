import { describe, expect, it } from "vitest";

import { extractMoney } from "../../app/domain/need-money";
import { type NeedHints, parseNeedText } from "../../app/domain/need-text";
import { type CorpusExpect, NEED_CORPUS } from "../fixtures/need-corpus";

function expand(e: CorpusExpect): NeedHints {
  const h: NeedHints = {};
  if (e.k) h.kind = e.k;
  if (e.d) h.deal = e.d;
  if (e.s !== undefined) h.singleStorey = e.s;
  if (e.a?.[0] != null) h.areaMinSqm = e.a[0];
  if (e.a?.[1] != null) h.areaMaxSqm = e.a[1];
  if (e.c !== undefined) h.ceilingMinM = e.c;
  if (e.l !== undefined) h.floorLoadMinKg = e.l;
  if (e.p !== undefined) h.powerMinKva = e.p;
  if (e.t !== undefined) h.craneMinT = e.t;
  if (e.x !== undefined) h.annualTaxWan = e.x;
  if (e.o !== undefined) h.annualOutputWan = e.o;
  return h;
}

describe("the requirement corpus (test/fixtures/need-corpus.ts)", () => {
  it("holds at least 150 sentences, each once", () => {
    expect(NEED_CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(NEED_CORPUS.map(([s]) => s)).size).toBe(NEED_CORPUS.length);
  });

  it.each(NEED_CORPUS)("%j", (text, expected) => {
    // The money reader runs where the schema and the desks read the notes (need-money.ts, ADR 101).
    expect(parseNeedText(text, undefined, [extractMoney]).hints).toEqual(expand(expected));
  });
});
