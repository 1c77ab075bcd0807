import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { industryPinyinModule, readingOf } from "../../app/cli/industry-pinyin";

// The industry search's pinyin is written at build time (docs/decisions/096): the checked-in module is
// what pinyin-pro says of today's names and words, or this fails (run `npm run industry:pinyin`).
describe("app/domain/industry-pinyin.ts", () => {
  it("is what `npm run industry:pinyin` writes from today's names and product words", () => {
    expect(readFileSync("app/domain/industry-pinyin.ts", "utf8")).toBe(industryPinyinModule());
  });

  it("reads toneless syllables, ü as v, letters only", () => {
    expect(readingOf("汽车制造业")).toBe("qi che zhi zao ye");
    expect(readingOf("铝")).toBe("lv");
    expect(readingOf("交通运输、仓储和邮政业")).toBe("jiao tong yun shu cang chu he you zheng ye");
  });
});
