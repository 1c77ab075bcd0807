import { FIELD_LIMITS } from "./field-limits";
import { parseWan } from "./money";
import { type Extraction, GAP, NUM, OR_MORE } from "./need-text";
import { taxRangeLow } from "./tax-box-reading";

// Money in the notes. The expected annual tax fills tax.annualTaxWan (money-labels.ts reads the same words
// in the box); a budget, rent or price is no field of the contract: it is read out for the recruiter.
// English magnitudes and yuan as money.ts parseWan reads them ("annual tax 3 million yuan"; ADR 149) — not a bare
// "m" or "k" in free text, where "3m" may be metres.
/** The numerals a spoken sum's last digit may be followed by, so a run is taken whole (need-text.ts NUM's characters). */
const CN_DIGITS = "零〇一二两俩三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億";
const MONEY_UNIT =
  "(?:万元|万|千元|千|亿元|个亿|亿|元|块钱|块|(?:millions?|mln|mn|thousand|billions?|bn)\\b(?:\\s*(?:yuan|rmb|cny)\\b)?|(?:yuan|rmb|cny)\\b)";
const TAX_RE = new RegExp(
  `(?:(?:预计|预期)?\\s*(?:每年|一年|全年|年度|年)?\\s*(?:纳税总额|纳税额|纳税|税收总额|税收|税额|缴税|交税|上缴税收|上缴税金)|\\b(?:annual\\s+)?tax(?:es)?(?:\\s+paid)?\\b)${GAP}(?<q>${NUM}\\s*${MONEY_UNIT}?)`,
  "gd",
);
/**
 * The planned investment ("投资5000-8000万", "预计投资1亿元", "总投资额2亿", "固定资产投资3000万", "investment of 50 million yuan") and the
 * expected annual output ("年产值5000万", "预计年产值1亿", "annual output 100 million yuan"), each its box's figure (docs/decisions/203):
 * not 注册资本 (capital), nor a tonnage (年产5万吨 has no 值), nor 投资强度 / 亩均 (per mu: told, never filled).
 */
const INVESTMENT_RE = new RegExp(
  `(?:(?<perMu>投资强度|亩均投资|每亩投资)|(?:(?:预计|计划|拟|项目|总|固定资产)\\s*)*(?:投资(?:总额|总额度|额度?|规模|金额|总计)?|投入资金)(?!强度|回报|方|人|商|者|公司|意向)|\\b(?:total\\s+|planned\\s+|fixed[-\\s]asset\\s+)?investment(?:\\s+of)?\\b|\\b(?:we\\s+)?(?:plan\\s+to\\s+|will\\s+)?invest\\b)${GAP}(?<q>${NUM}\\s*${MONEY_UNIT}?)`,
  "gd",
);
const OUTPUT_RE = new RegExp(
  `(?:(?:(?:预计|预期|达产后?|投产后?)\\s*)*(?:(?:每年|一年|全年|年度|年)\\s*(?:总)?产值|产值)|\\b(?:(?:expected\\s+)?annual\\s+output(?:\\s+value)?|output\\s+value)\\b)${GAP}(?<q>${NUM}\\s*${MONEY_UNIT}?)`,
  "gd",
);
const PER_BEFORE = /(?:亩均|每亩|每个?月|月均|月)\s*$/;
const PER_AFTER = /^\s*(?:万元|万)?\s*(?:\/|每|一个?)\s*(?:亩|月)/;
/** The rest of a range after its low figure ("到1000万", "-1000万元", "~5亿"): the high figure with its unit. */
const RANGE_REST = new RegExp(`^\\s*(?:-|~|～|到|至)\\s*${NUM}\\s*${MONEY_UNIT}?`);
/**
 * What a price is per, after its figure: "/月", "每平米", and in English "/sqm/month", "per square metre", "a month"
 * (trial 12-05 M2: "Budget under 25 RMB/sqm/month" was kept as "under 25 RMB", a total price to the recruiter).
 */
const PER_THING =
  "(?:\\s*(?:/|每|一个?)\\s*(?:月|个月|年|天|平方米|平米|平方|平|㎡|m2|亩)" +
  "|\\s*(?:/|\\bper\\b|\\ba\\b|\\beach\\b)\\s*(?:sq\\.?\\s?m\\.?|sqm|m2|m²|㎡|square\\s+met(?:er|re)s?|mu|month|mo|year|yr|annum|day)(?![a-z]))";
const BUDGET_KEYWORD =
  "(?:预算|月租金?|年租金?|租金|房租|租价|租赁费|单价|总价|售价|价格|价位|地价|土地价格|每平方米|每平米|每平方|每平|每㎡|每亩|\\b(?:budget|rent|price)\\b)";
/**
 * A sum said with its magnitude inside and a last digit after it, no unit: "两万五" (25,000), "2万5", "一万二", "两千五",
 * "1亿2" — the number reader's (numbers.ts parseChineseNumber: the digit after 万 is its next unit) whole, never cut
 * after the 万 as if 万 were the unit (trial37 H2: "月租不超过两万五" was kept as "月租不超过两万"). First among the
 * figure's forms, and the whole run of numerals (no numeral after it): "2万5千元" is the unit's form.
 */
/** Where a run of numerals ends: no numeral after, but for the 一 of a period ("两万五一个月", "2块5一平"). */
const NUMERAL_ENDS = `(?!(?!一\\s*个?\\s*[月年天平㎡亩])[0-9${CN_DIGITS}])`;
const SPOKEN_SUM = `${NUM}(?<=[千仟万萬亿億][0-9一二两三四五六七八九])${NUMERAL_ENDS}`;
/** The period a budget is of, said between its keyword and its figure: "租金一个月不超过两万五", "租金每月2万5以内". */
const PERIOD_BEFORE = "(?:(?:每|一)\\s*个?\\s*(?:月|年|天)|每(?:平方米|平米|平方|平|㎡|亩)|\\b(?:per|a)\\s+(?:month|year)\\b)";
/** The jiao and fen said after 块/元 ("两块五", "2块5", "2元5角": 2.5 元; "2块55": 2.55 元), part of the figure, never cut off after the unit (ADR 173). */
const YUAN_TENTHS = `(?:(?<=块|元)(?:[0-9]{1,2}|[一二三四五六七八九])(?:毛|角)?${NUMERAL_ENDS})?`;
const BUDGET_RE = new RegExp(
  `(?:${BUDGET_KEYWORD}${GAP}(?:${PERIOD_BEFORE}${GAP})?` +
    `(?<q>${SPOKEN_SUM}(?:\\s*(?:元|块钱|块|(?:yuan|rmb|cny)\\b))?${PER_THING}{0,2}|${NUM}\\s*(?:${MONEY_UNIT}${YUAN_TENTHS}${PER_THING}{0,2}|${PER_THING}{1,2}))` +
    `|(?<q2>${NUM}\\s*${MONEY_UNIT}${YUAN_TENTHS}${PER_THING}{1,2}))${OR_MORE}`,
  "gd",
);

/**
 * Money in the notes (docs/decisions/101). The expected annual tax ("年纳税三百万", "预计纳税500万/年",
 * "annual tax 300万") is read as the tax box reads it (money.ts parseWan: a bare figure is 万元) into
 * `annualTaxWan`; a range its lower figure (docs/decisions/168); a tax per mu or per month (亩均税收, 月纳税, 50万/月), the tax paid now
 * ("目前年纳税200万") or a figure outside the field's limits fills nothing. Budgets, rents and prices
 * ("预算300万", "月租不超过3万", "租金3万/月", "每平米不超过25元") are no field of the contract: each is kept
 * as typed, with its comparison, in `budget` — read out to the recruiter, never dropped.
 */
export function extractMoney(x: Extraction): void {
  x.each(TAX_RE, (m, numSpan) => {
    const end = m.index + m[0].length;
    x.claim(numSpan);
    // "原来说年纳税500万，现在300万": the newer figure is the tax, the older neither filled nor reported (ADR 109).
    if (x.earlier(numSpan, end)) {
      const r = x.replacement(end);
      const unit = r && /^\s*(?:万元|万|亿元|个亿|亿)?/.exec(r.after)![0];
      const again = r && parseWan(`${x.s.slice(...r.numSpan)}${unit}`);
      if (r && again !== null && again > 0 && again <= FIELD_LIMITS.wan && x.hints.annualTaxWan === undefined) {
        x.set("annualTaxWan", again, [r.numSpan[0], r.numSpan[1] + unit!.length]);
        x.claim(r.numSpan);
      }
      return false;
    }
    if (x.current(numSpan, end)) return false;
    const v = parseWan(m.groups!.q);
    // Per mu (亩均税收), per month (月纳税, 50万/月), a range, beyond the limits: a tax figure the box would
    // refuse — told to the recruiter with the words around it, never filled.
    const per = PER_BEFORE.exec(x.s.slice(Math.max(0, m.index - 3), m.index))?.[0].length ?? 0;
    const after = x.s.slice(end, end + 12);
    // A range ("年纳税800到1000万", "tax 800-1000"): its lower figure, as the tax box reads one (tax-box-reading.ts taxRangeLow,
    // DECISION docs/decisions/168); the text keeps the whole range, so the reading says it and the `taxRange` flag keeps it.
    const rest = per > 0 ? null : RANGE_REST.exec(x.s.slice(end));
    if (rest) {
      const low = taxRangeLow(`${m.groups!.q}${rest[0]}`);
      const rangeEnd = end + rest[0].length;
      if (low === null || low > FIELD_LIMITS.wan || PER_AFTER.test(x.s.slice(rangeEnd, rangeEnd + 8))) {
        x.unread.push([m.index, rangeEnd + (/^[^，。；;,!?！？、\n]{0,8}/.exec(x.s.slice(rangeEnd))?.[0].length ?? 0)]);
        return false;
      }
      x.claim([numSpan[0], rangeEnd]);
      if (x.hints.annualTaxWan === undefined) x.set("annualTaxWan", low, [m.index, rangeEnd]);
      return false;
    }
    if (per > 0 || PER_AFTER.test(after) || v === null || !(v > 0) || v > FIELD_LIMITS.wan) {
      x.unread.push([m.index - per, end + (/^[^，。；;,!?！？、\n]{0,8}/.exec(after)?.[0].length ?? 0)]);
      return false;
    }
    if (x.hints.annualTaxWan === undefined) x.set("annualTaxWan", v, [m.index, x.qualifier(numSpan, end).end]);
    return false;
  });
  readAmount(x, INVESTMENT_RE, "investmentWan");
  readAmount(x, OUTPUT_RE, "annualOutputWan");
  BUDGET_RE.lastIndex = 0;
  for (let m = BUDGET_RE.exec(x.s); m; m = BUDGET_RE.exec(x.s)) {
    const q = m.indices?.groups?.q ?? m.indices?.groups?.q2;
    if (!q || x.isClaimed([q[0], q[1]])) continue;
    const qual = x.qualifier([q[0], q[1]], m.index + m[0].length);
    x.budget.push([Math.min(m.index, qual.start), Math.max(m.index + m[0].length, qual.end)]);
    x.claim([q[0], q[1]]);
  }
}

/**
 * The investment or the output the notes give (INVESTMENT_RE, OUTPUT_RE) into `field`, as the box reads it (money.ts parseWan: a bare
 * figure is 万元; a range its lower figure, docs/decisions/189) — the first one said; per mu or per month, the one the enterprise has now
 * ("目前年产值2000万"), or beyond the box's limits: told unread with the words around it, never filled (docs/decisions/203).
 */
function readAmount(x: Extraction, re: RegExp, field: "investmentWan" | "annualOutputWan"): void {
  x.each(re, (m, numSpan) => {
    const end = m.index + m[0].length;
    if (x.isClaimed(numSpan)) return false;
    x.claim(numSpan);
    if (x.current(numSpan, end)) return false;
    // Per mu (投资强度, 亩均投资: the park's threshold's words, no total) is told, never filled.
    const perMu = m.groups!.perMu !== undefined;
    const per = PER_BEFORE.exec(x.s.slice(Math.max(0, m.index - 3), m.index))?.[0].length ?? 0;
    const rest = per > 0 || perMu ? null : RANGE_REST.exec(x.s.slice(end));
    const rangeEnd = end + (rest?.[0].length ?? 0);
    const value = rest ? taxRangeLow(`${m.groups!.q}${rest[0]}`) : parseWan(m.groups!.q);
    const after = x.s.slice(rangeEnd, rangeEnd + 12);
    if (perMu || per > 0 || PER_AFTER.test(after) || value === null || !(value > 0) || value > FIELD_LIMITS.wan) {
      x.unread.push([m.index - per, rangeEnd + (/^[^，。；;,!?！？、\n]{0,8}/.exec(after)?.[0].length ?? 0)]);
      return false;
    }
    x.claim([numSpan[0], rangeEnd]);
    if (x.hints[field] === undefined) x.set(field, value, [m.index, rest ? rangeEnd : x.qualifier(numSpan, end).end]);
    return false;
  });
}
