import { fold } from "./fold-text";
import { parseChineseNumber, withoutSpaces } from "./numbers";

/** English magnitude words after an amount, as people write money in English (× 元). */
const ENGLISH_MAGNITUDES: Record<string, number> = {
  thousand: 1e3,
  thousands: 1e3,
  k: 1e3,
  million: 1e6,
  millions: 1e6,
  mln: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
};
const ENGLISH_MAGNITUDE = new RegExp(`^(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(${Object.keys(ENGLISH_MAGNITUDES).join("|")})$`);

/**
 * A money amount in 万元, as typed into a 万元 field: "300", "300万", "300万元", "1.5亿", "5千万", "一个亿",
 * "1.5个亿", "一亿一千万", "8千3万", "五萬", "¥5,000,000", "5000000元", and in English "3 million yuan",
 * "3m", "RMB 3 million", "2.5 million RMB", "500k yuan" (= 300, 300, 300, 250, 50 万元).
 *
 * The amount is read as ONE number, magnitudes included ("一亿一千万" = 110,000,000). Its unit is 元 when
 * the person wrote a magnitude word (万/亿 — "300万" is 3,000,000 元; thousand/k, million/m/mn, billion/bn),
 * a currency sign (¥ ￥ RMB CNY 人民币) or the suffix 元/块/yuan; only a bare figure ("300", "5千") is in the field's own unit, 万元.
 * 萬/億 are folded to 万/亿 first, so "1000萬" is 1000 万元, never ×10,000 on top.
 * Not a number, or two numbers apart ("50 80": a range, see withoutSpaces) → null. Qualifiers (约, 余, 以上) are the caller's business (field-value.ts).
 */
export function parseWan(input: string): number | null {
  let s = withoutSpaces(fold(input))?.toLowerCase() ?? null;
  if (s === null) return null;
  let yuan = false;
  s = s.replace(/^(?:人民币|rmb|cny|¥|￥)|(?:人民币|rmb|cny)$/g, () => {
    yuan = true;
    return "";
  });
  s = s.replace(/(?:元|块钱|块|yuan)(?:人民币|rmb)?$/, () => {
    yuan = true;
    return "";
  });
  if (s === "") return null;
  // English magnitudes ("3 million yuan", "3m", "RMB 3 million", "500k"; ADR 149): an amount in 元, on Arabic
  // figures only. Mixed with 万/亿 ("3 million万"), another currency ("$3m") or spelt out: not read.
  const english = ENGLISH_MAGNITUDE.exec(s);
  if (english) {
    const n = parseChineseNumber(english[1]);
    return n === null ? null : Number(((n * ENGLISH_MAGNITUDES[english[2]]) / 10_000).toPrecision(15));
  }
  if (/[万亿]/.test(s)) yuan = true;
  const n = parseChineseNumber(s);
  if (n === null) return null;
  return yuan ? Number((n / 10_000).toPrecision(15)) : n;
}

/** Plain counts (employees): Arabic or Chinese numerals, 人/名/位 allowed; "20 30" (two numbers) → null. */
export function parseCount(input: string): number | null {
  const s = withoutSpaces(fold(input))?.replace(/(?:人|名|位)$/, "");
  return !s ? null : parseChineseNumber(s);
}
