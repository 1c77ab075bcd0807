import { describe, expect, it } from "vitest";

import { parseChineseNumber } from "~/domain/numbers";

import { notesReading } from "../support/notes-reading";

// readers40 item 5: Chinese-numeral decimals were read apart from the Arabic ones. 一点 after 高 / 重 / 少 / 多 was taken for "a bit"
// ("层高一点五米" → 1 m and "五米" told; "承重一点五吨" → "承重一" and "五吨" told; "至少一点五亩" → about 5 亩, its 至少 lost); a decimal after
// 百 / 千 / 万 broke the figure ("一百点五亩" → 5 亩, "配电一百点五千伏安" → 5 kVA); "层高高一点" filled 1 m.
// The same figure written in Chinese numerals now reads as written in digits, every template, every field.

const NOW = new Date("2026-12-05T04:00:00Z");
const { read, figures } = notesReading(() => NOW);

const PAIRS: [arabic: string, chinese: string][] = [
  ["5.5", "五点五"],
  ["3.2", "三点二"],
  ["0.5", "零点五"],
  ["1.5", "一点五"],
  ["8.5", "八点五"],
  ["2.5", "两点五"],
  ["12.5", "十二点五"],
  ["3.25", "三点二五"],
  ["12000", "一万二千"],
  ["12000", "一万二"],
  ["10.5", "十点五"],
  ["0.25", "零点二五"],
  ["100.5", "一百点五"],
  ["1.2万", "一点二万"],
  ["1.5千", "一点五千"],
];
const TEMPLATES = [
  "{n}亩",
  "面积{n}亩",
  "要{n}亩地",
  "{n}平米的厂房",
  "层高{n}米",
  "净高{n}米以上",
  "{n}吨行车",
  "行车{n}吨",
  "承重{n}吨",
  "地面承重{n}吨",
  "承重{n}吨/平",
  "配电{n}千伏安",
  "{n}kva",
  "至少{n}亩",
  "最多{n}亩",
  "不超过{n}亩",
  "{n}亩左右",
  "年纳税{n}万",
  "投资{n}万",
];
/** What a note is read as: the figures filled, what is told, wished or set aside (counts), the budget. */
function reading(notes: string) {
  const f = figures(notes);
  const r = read(notes);
  return {
    ...f,
    told: f.told.length,
    wished: f.wished.length,
    aside: f.aside.length,
    found: r.found.map((x) => `${x.field}=${String(x.value)}`),
  };
}

describe("a decimal in Chinese numerals reads as the same figure in digits", () => {
  // (A magnitude before the template's own 万 — "1.2万万" — is no figure either way.)
  const rows = TEMPLATES.flatMap((t) =>
    PAIRS.filter(([, c]) => !(t.includes("万") && /[万千]/u.test(c))).map(
      ([a, c]) => [t.replaceAll("{n}", c), t.replaceAll("{n}", a)] as const,
    ),
  );
  it.each(rows)("%j reads as %j", (chinese, arabic) => expect(reading(chinese)).toEqual(reading(arabic)));

  it.each<[string, Record<string, number | null>]>([
    ["层高一点五米", { ceiling: 1.5 }],
    ["承重一点五吨", { load: 1500 }],
    ["至少一点五亩", { min: 1000, max: null }],
    ["最多一点五亩", { min: null, max: 1000 }],
    ["配电一百点五千伏安", { power: 100.5 }],
    ["要一百点五亩地", { min: 60300, max: 73700 }],
  ])("%j → %j", (notes, want) => expect(figures(notes)).toMatchObject(want));

  it("a bit, said with 一点, is still no figure", () => {
    expect(figures("面积大一点，五千平")).toMatchObject({ min: 4500, max: 5500 });
    expect(figures("层高高一点").ceiling).toBeNull();
    expect(figures("便宜一点，早一点").told).toEqual([]);
  });

  it("一万二千万 stays refused (numbers-peers.test.ts: never a wrong number), and is told, not dropped", () => {
    expect(parseChineseNumber("一万二千万")).toBeNull();
  });
});
