import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { leadSearchCopies, searchCopyIfDifferent, searchText } from "~/domain/search-text.server";
import { searchTerms } from "~/domain/search-variants.server";

// The search form every staff search compares (docs/decisions/078): Traditional → Simplified one
// character at a time, so the one-to-many Simplified → Traditional mappings need no guess.

describe("searchText: the one form stored text and queries are compared in", () => {
  it("folds every Traditional form of a one-to-many Simplified character to that character", () => {
    for (const [traditional, simplified] of [
      ["衝壓件", "冲压件"],
      ["沖壓件", "冲压件"],
      ["麵粉加工", "面粉加工"],
      ["乾燥設備", "干燥设备"],
      ["幹線物流", "干线物流"],
      ["理髮用品", "理发用品"],
      ["發電機組", "发电机组"],
      ["鐘錶", "钟表"],
      ["臺灣鼎盛電子", "台湾鼎盛电子"],
      ["颱風", "台风"],
      ["衞浴", "卫浴"], // a Hong Kong form
      ["製造", "制造"],
      ["後道工序", "后道工序"],
    ])
      expect(searchText(traditional), traditional).toBe(simplified);
  });

  it("leaves Simplified text as it is, and mixed text comes out all Simplified", () => {
    expect(searchText("南京精密机械有限公司")).toBe("南京精密机械有限公司");
    expect(searchText("冲压件 面粉 干燥")).toBe("冲压件 面粉 干燥");
    expect(searchText("苏州衝压件厂")).toBe("苏州冲压件厂");
    expect(searchText("南京華兴電子")).toBe("南京华兴电子");
  });

  it("touches English only to lower-case it; full-width is folded, invisible characters dropped, spaces collapsed", () => {
    expect(searchText("Acme Precision Stamping Co., Ltd.")).toBe("acme precision stamping co., ltd.");
    expect(searchText("ＰＭ-2026")).toBe("pm-2026");
    expect(searchText("  南京\u3000 华兴\u200B电子  ")).toBe("南京 华兴电子");
    expect(searchText("")).toBe("");
  });

  it("character by character: the form of a part is a part of the form, so a query inside a text is found in its form", () => {
    // OpenCC's phrases would give 乾隆 for 乾隆 but 干 for 乾 alone.
    expect(searchText("乾隆")).toBe(`${searchText("乾")}${searchText("隆")}`);
    const chars = fc.constantFrom(..."衝沖冲壓压麵面乾幹干髮發发鐘钟臺台颱灣湾著着後后製制電电件廠厂AbZ09-");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), fc.array(chars, { maxLength: 12 }), (a, b) => {
        expect(searchText(a.join("") + b.join(""))).toBe(searchText(a.join("")) + searchText(b.join("")));
      }),
    );
  });

  it("a copy is kept only where it differs from the text", () => {
    expect(searchCopyIfDifferent("衝壓件")).toBe("冲压件");
    expect(searchCopyIfDifferent("冲压件")).toBeNull();
    expect(searchCopyIfDifferent("Stamping")).toBeNull();
    expect(searchCopyIfDifferent(null)).toBeNull();
    expect(leadSearchCopies({ company: { name: "臺灣鼎盛電子" }, use: { product: "衝壓件" } } as never)).toEqual({
      company: "台湾鼎盛电子",
      product: "冲压件",
    });
    expect(leadSearchCopies({ company: { name: "南京" }, use: {} } as never)).toEqual({ company: "南京", product: "" });
  });
});

describe("searchTerms: what the recruiter's search box is compared with", () => {
  it("gives the query's search form, whichever script it is typed in", () => {
    expect(searchTerms(" 鼎盛電子 ").text).toBe("鼎盛电子");
    expect(searchTerms("冲压").text).toBe("冲压");
    expect(searchTerms("衝壓").text).toBe("冲压");
    expect(searchTerms("ＰＭ-2026").text).toBe("pm-2026"); // full-width folded, lower-cased
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
    expect(searchTerms("   ")).toEqual({ text: "", digits: null });
  });
});
