import { type Extraction, NUM } from "./need-text";

// A rent or price per ㎡ said the way people speak it (fixes37, docs/decisions/180): "租金两块一平" (2 元 per ㎡), "一平两块五",
// "一平米一个月2块5", "2块钱一平", "单价两块五一平". The area reader took "一平" as an area of 1 ㎡ and "两块" as two plots
// (块 counts land): "租金两块一平" was stored as 2 × 1 ㎡ and no price was read. A figure of money (块, 元) beside "一平" /
// "每平" is a price per ㎡ — its unit 元/㎡ (per month when a month is said) — read out with the budgets (ADR 101: never a
// field, kept as typed for the recruiter), found before the area reader so neither figure is read as an area or a count.

const SQM = "(?:平方米|平米|平方|平|㎡|m2)";
/** Per one ㎡: 一平, 1平米, 每平, /㎡. */
const PER_SQM = `(?:(?:一|1)\\s*个?\\s*${SQM}|每\\s*${SQM}|/\\s*${SQM})`;
/** A period: 一个月, 每月, /月, 一年. */
const PERIOD = "(?:(?:每|一)\\s*个?\\s*(?:月|天|年)|/\\s*(?:月|天|年))";
/** The jiao after 块/元 ("两块五", "2块5", "2元5角"), never the 一 of "一平" / "一个月". */
const PER_ONE = "一\\s*个?\\s*(?:平|㎡|m2|月|天|年)";
const TENTHS = `(?:[0-9]{1,2}|[二三四五六七八九]|一(?!\\s*个?\\s*(?:平|㎡|m2|月|天|年)))(?:毛|角)?(?!(?!${PER_ONE})[0-9零〇一二两三四五六七八九十百千万])`;
const LEAD = "(?:(?:租金|月租|房租|租价|单价|价格|价位|预算)\\s*(?:是|为|在|大概|大约|约|不超过|最多|以内)?\\s*)?";

let pattern: RegExp | undefined;
/** Built on first use: need-text.ts imports this module, and NUM is one of its exports. */
function rentPerArea(): RegExp {
  const price = `${NUM}\\s*(?:块钱|块|元钱|元)(?:${TENTHS})?`;
  return (pattern ??= new RegExp(
    `${LEAD}(?:${price}\\s*${PER_SQM}(?:\\s*${PERIOD})?|${PER_SQM}\\s*(?:${PERIOD}\\s*)?${price}(?:\\s*${PERIOD})?)(?:\\s*(?:左右|以内|以下|上下))?`,
    "g",
  ));
}

/**
 * Rents and prices per ㎡ in the folded notes ("租金两块一平", "一平两块五", "一平米一个月2块5"): each read as a budget (the span
 * as typed, unit 元/㎡ or 元/㎡/月) and claimed, so that no reader after this one takes its figures for an area or a count.
 */
export function extractRentPerArea(x: Extraction): void {
  const re = rentPerArea();
  re.lastIndex = 0;
  for (let m = re.exec(x.s); m; m = re.exec(x.s)) {
    const span: [number, number] = [m.index, m.index + m[0].length];
    if (x.isClaimed(span)) continue;
    x.budget.push(span);
    x.claim(span);
  }
}
