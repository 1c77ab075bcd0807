import { describe, expect, it } from "vitest";

import { searchTerms } from "~/domain/search-variants";

describe("searchTerms: what the recruiter's search box is compared with", () => {
  it("gives the query in Simplified and Traditional forms, so either way of writing a name finds it", () => {
    const t = searchTerms(" 鼎盛電子 ");
    expect(t.texts).toContain("鼎盛电子");
    expect(t.texts).toContain("鼎盛電子");
    expect(searchTerms("精密机械").texts).toContain("精密機械");
    expect(searchTerms("ＰＭ-2026").texts).toContain("pm-2026"); // full-width folded, lower-cased
  });

  it("reads a phone number or part of one as national digits with the trunk 0", () => {
    expect(searchTerms("+86 139-1234-0001").digits).toBe("013912340001");
    expect(searchTerms("0086 139 1234").digits).toBe("01391234");
    expect(searchTerms("025-5234").digits).toBe("0255234");
    expect(searchTerms("１３９１２").digits).toBe("13912");
    expect(searchTerms("13").digits).toBeNull();
    expect(searchTerms("鼎盛 139").digits).toBeNull();
  });

  it("gives nothing to look for when the box is blank", () => {
    expect(searchTerms("   ")).toEqual({ texts: [], digits: null });
  });
});
