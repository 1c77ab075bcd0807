import { parseChineseNumber, toHalfWidth } from "./numbers";

/**
 * A money amount in 万元. People type "300", "300万", "300万元", "1.5亿" or "5千万" into a 万元 field;
 * the unit they write wins over the field's unit, so "300万" is 300 (万元), not 3,000,000.
 */
export function parseWan(input: string): number | null {
  let s = toHalfWidth(input).replace(/\s+/g, "").replace(/人民币|RMB|CNY|¥|￥/gi, "");
  if (s === "") return null;
  let factor = 1;
  if (/亿元?$/.test(s)) {
    factor = 10_000;
    s = s.replace(/亿元?$/, "");
  } else if (/万元?$/.test(s)) {
    s = s.replace(/万元?$/, "");
  } else if (/元$/.test(s)) {
    factor = 1 / 10_000;
    s = s.replace(/元$/, "");
  }
  const n = parseChineseNumber(s);
  return n === null ? null : n * factor;
}

/** Plain counts (employees): Arabic or Chinese numerals, 人 allowed. */
export function parseCount(input: string): number | null {
  const s = toHalfWidth(input).replace(/\s+/g, "").replace(/人$/, "");
  return s === "" ? null : parseChineseNumber(s);
}
