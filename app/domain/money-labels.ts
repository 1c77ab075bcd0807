import type { FigureRefusal } from "./figure-refusal";
import { fold } from "./fold-text";
import { parseWan } from "./money";

// The words people type around an amount of the lead's 万元 fields ("年纳税500万", "500万元/年", "总投资1亿",
// "年产值：2亿"): the field's own name before the figure and "a year" after it say what the field already
// says, so they are taken off before the figure is read. An amount per mu (亩均税收, 投资强度) or per month
// is another figure: refused with its own message, never read as the field's total (docs/decisions/097).

/** The lead's amount fields in 万元 (lead-schema.ts `tax`). */
export type MoneyField = "annualTax" | "investment" | "annualOutput";

const YEARLY = "(?:每年|一年|全年|年度|年均|年)";
/** The field's name before the figure, with an optional "expected" and a yearly word (zh and en). */
const BEFORE: Record<MoneyField, RegExp> = {
  // English first: the Chinese alternative may match nothing, and the first alternative that matches wins.
  annualTax: new RegExp(
    `^(?:(?:expected\\s+)?(?:annual\\s+)?tax(?:\\s+paid)?(?:\\s+per\\s+year)?|(?:预计|预期|计划)?\\s*(?:${YEARLY}的?\\s*)?(?:纳税总额|纳税额|纳税|税收总额|税收|税额|缴税|交税|上缴税收)?)`,
    "i",
  ),
  investment:
    /^(?:(?:total\s+)?investment|(?:预计|计划|拟)?\s*(?:项目总投资|总投资额|总投资|投资总额|投资额|固定资产投资|固投|投资(?!强度))?)/i,
  annualOutput: new RegExp(
    `^(?:(?:annual\\s+)?(?:output|revenue|sales)|(?:预计|预期)?\\s*(?:${YEARLY}的?\\s*)?(?:总产值|产值|营业收入|营收|销售收入|销售额|产出)?)`,
    "i",
  ),
};
/** "a year" after the figure: 万/年, 万元每年, per year, p.a. */
const PER_YEAR = /\s*(?:\/\s*年|每年|一年|\/\s*(?:year|yr|a)|(?:per|a)\s+(?:year|annum)|p\.\s*a\.?)$/i;
/** The unit written in brackets after the figure: "500（万元）", "500(万)". */
const BRACKETED_UNIT = /\(\s*(万元|万|元)\s*\)$/;

/**
 * `typed` without the field's own name before the figure (and a colon), "a year" after it and brackets
 * round its unit: what the field's number reader then reads ("年纳税约500万" → "约500万"). Text that is not
 * a string, or has none of these, is returned as it came.
 */
export function pastMoneyLabel(field: MoneyField): (typed: unknown) => unknown {
  return (typed) => {
    if (typeof typed !== "string") return typed;
    const s = fold(typed).trim();
    const past = s
      .replace(BEFORE[field], "")
      .replace(/^\s*[:：]?\s*(?:是|为|约为)?\s*/, "")
      .replace(PER_YEAR, "")
      .replace(BRACKETED_UNIT, "$1")
      .trim();
    return past === s || past === "" ? typed : past;
  };
}

const PER_MU = /亩均|每亩|\/\s*亩|一亩|per\s+mu|\/\s*mu/i;
const PER_MONTH = /每月|每个月|月均|一个?月|\/\s*月|^月|per\s+month|a\s+month|monthly|\/\s*mo(?:nth)?/i;
const FIGURE = /[0-9零〇一二两三四五六七八九十百千万亿]/;

/**
 * Why an amount the field could not read is another figure: per mu (亩均税收 50万, 300万/亩, 投资强度) →
 * `moneyPerMu`; per month (月纳税50万, 50万/月) → `moneyPerMonth` with the year's amount when the figure
 * reads (×12), else `moneyPerMonthBare`. null for anything else (the field's plain message applies).
 */
export function moneyPeriodRefusal(typed: string): FigureRefusal | null {
  const s = fold(typed).trim();
  if (PER_MU.test(s) || /强度/.test(s)) return { key: "moneyPerMu", params: {} };
  if (!PER_MONTH.test(s)) return null;
  const at = s.search(FIGURE);
  const figure = at < 0 ? "" : s.slice(at).replace(/\s*(?:\/\s*月|每个?月|per\s+month|a\s+month|monthly|\/\s*mo(?:nth)?)$/i, "");
  const monthly = figure ? parseWan(figure) : null;
  if (monthly === null || monthly <= 0) return { key: "moneyPerMonthBare", params: {} };
  return { key: "moneyPerMonth", params: { monthly: trim(monthly), yearly: trim(monthly * 12) } };
}

function trim(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/**
 * Words that say the amount is not known yet: 待定, 未定, 不确定, 不清楚, 不知道, 还没算, 没算过, 暂无, 未知,
 * 说不准, 不好说, 待核算, unknown, not sure (yet), no idea, TBD, N/A, "?" (folded; 目前, 暂时, 还 before them allowed, "we're",
 * "still" before the English, "yet" after it: docs/decisions/162). The
 * required tax box answers that an estimate is fine; an optional amount box reads them as left blank.
 */
export function saysAmountUnknown(typed: string): boolean {
  const t = fold(typed)
    .trim()
    .toLowerCase()
    .replace(/[。.!！~]+$/, "");
  return /^(?:(?:目前|暂时|暂|现在|还|尚|都|也)*\s*(?:待定|未定|未确定|不确定|不太确定|没确定|不清楚|不太清楚|不大清楚|说不清|不知道|不晓得|还没算|没算|没算过|未算|未核算|待核算|待测算|待评估|暂无|未知|说不准|说不好|不好说|没想好|还没想好|没有数|心里没数))(?:的|呢|啊|哦)?$|^(?:(?:(?:(?:we|i)\s*(?:'re|'m|\s+are|\s+am)?|it'?s|it\s+is)\s+)?(?:still\s+|currently\s+)?(?:unknown|not\s+sure|unsure|don'?t\s+know|do\s+not\s+know|not\s+known|not\s+decided|undecided|not\s+calculated)(?:\s+yet)?|tbd|tba|n\/?a|no\s+idea|to\s+be\s+(?:decided|determined|confirmed|calculated))$|^[?？]+$/.test(
    t,
  );
}
