import { describe, expect, it } from "vitest";

import { readCallerQuery } from "~/domain/caller-query";
import { calledName } from "~/domain/contact-name";

import { companyChars, companyHolds, companyPhrases, contactHeads, contactWord } from "../../search/lookup-words";

// The words the leads index keeps for the hotline's caller lookup (docs/decisions/094): what the document
// holds and what the query sends must be the same words, and the contact's never a word of anything else.
describe("the company as one word per character", () => {
  it("keeps letters and digits of the search form, one per word; the typed company is a phrase per word typed", () => {
    expect(companyChars("杭州华创精密机械有限公司")).toBe("杭 州 华 创 精 密 机 械 有 限 公 司");
    expect(companyChars("abc科技 (南京) co., ltd.")).toBe("a b c 科 技 南 京 c o l t d");
    expect(companyPhrases("杭州华")).toBe('"杭 州 华"');
    expect(companyPhrases("华创精 南京")).toBe('"华 创 精" "南 京"');
    expect(companyPhrases('"-华为"')).toBe('"华 为"'); // a quote or a "not" typed is no query syntax
    expect(companyPhrases("·")).toBe("");
    expect(companyPhrases("华".repeat(40))).toBe(`"${Array(30).fill("华").join(" ")}"`);
  });

  it("a name holds what was typed when every word typed stands in it, letters and digits compared", () => {
    expect(companyHolds("杭州华创精密机械有限公司", "杭州华创精")).toBe(true);
    expect(companyHolds("杭州华创精密机械有限公司", "华创精密")).toBe(true);
    expect(companyHolds("杭州华创精密机械有限公司", "杭州·华创")).toBe(true);
    expect(companyHolds("杭州华创精密机械有限公司", "机械 杭州")).toBe(true);
    expect(companyHolds("杭州华创精密机械有限公司", "杭州精密")).toBe(false);
    expect(companyHolds("上海acme精工有限公司", "acme精")).toBe(true);
  });
});

describe("the contact's words", () => {
  it("is one code word per text, six hex digits a character", () => {
    expect(contactWord("张")).toBe("c005f20");
    expect(contactWord("张伟")).toBe("c005f20004f1f");
    expect(contactWord("𠀀")).toBe("c020000"); // beyond the Basic Multilingual Plane: one character
    expect(contactWord("张".repeat(20))).toBe(`c${"005f20".repeat(12)}`);
  });

  it("every start of the name and of each of its words, 1 to 12 characters", () => {
    expect(contactHeads("张伟")).toEqual([contactWord("张"), contactWord("张伟")]);
    expect(contactHeads("欧阳娜娜")).toEqual(["欧", "欧阳", "欧阳娜", "欧阳娜娜"].map(contactWord));
    expect(contactHeads("jo li")).toEqual(["j", "jo", "jo l", "jo li", "l", "li"].map(contactWord));
    expect(contactHeads("")).toEqual([]);
    expect(contactHeads("a".repeat(20))).toHaveLength(12);
  });

  it("holds the name a contact is called by: 老张 / 小王 / 阿强 have 张 / 王 / 强 besides their own starts", () => {
    for (const [stored, bare] of [
      ["老张", "张"],
      ["小王", "王"],
      ["阿强", "强"],
      ["小王总", "王"],
      ["阿强哥", "强"],
      ["老李先生", "李"],
    ]) {
      expect(contactHeads(stored), stored).toContain(contactWord(bare));
      expect(contactHeads(stored), stored).toContain(contactWord(stored)); // as noted, too
    }
    // A title needs nothing more: the surname is the name's start already.
    for (const [stored, bare] of [
      ["张总", "张"],
      ["王工", "王"],
      ["李经理", "李"],
      ["刘姐", "刘"],
      ["赵老师", "赵"],
      ["孙主任", "孙"],
      ["钱老板", "钱"],
      ["周女士", "周"],
    ])
      expect(contactHeads(stored), stored).toContain(contactWord(bare));
    // Not a familiar prefix: a full name, and a name that is nothing but a title, keep their starts only.
    expect(contactHeads("小林一茶")).not.toContain(contactWord("林"));
    expect(contactHeads("老板")).toEqual([contactWord("老"), contactWord("老板")]);
    expect(contactHeads("张伟")).toEqual([contactWord("张"), contactWord("张伟")]);
  });
});

describe("the name a contact is called by", () => {
  it("drops a title after it, then a familiar prefix before one character", () => {
    expect(["张先生", "王总", "李工", "陈经理", "刘姐", "马哥", "赵老师", "孙主任", "钱老板", "周女士", "吴小姐"].map(calledName)).toEqual([
      "张",
      "王",
      "李",
      "陈",
      "刘",
      "马",
      "赵",
      "孙",
      "钱",
      "周",
      "吴",
    ]);
    expect(["老张", "小王", "阿强", "小王总", "阿强哥"].map(calledName)).toEqual(["张", "王", "强", "王", "强"]);
    expect(["张伟", "欧阳娜娜", "老板", "先生", "小", "john smith"].map(calledName)).toEqual([
      "张伟",
      "欧阳娜娜",
      "老板",
      "先生",
      "小",
      "john smith",
    ]);
  });

  it("is what the lookup looks for when the contact is typed: 老张 and 张总 look for 张, which 老张, 张先生 and 张伟 hold", () => {
    for (const typed of ["老张", "张总", "张先生", "张"]) {
      const q = readCallerQuery({ company: "南京华创", contact: typed });
      expect(q.contact, typed).toBe("张");
      for (const stored of ["老张", "张先生", "张伟", "张总"])
        expect(contactHeads(stored), `${typed} → ${stored}`).toContain(contactWord(q.contact!));
      expect(contactHeads("小张家")).not.toContain(contactWord(q.contact!)); // 小 before more than one character is part of the name
    }
  });
});
