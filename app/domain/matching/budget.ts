import { leadFlags } from "~/domain/lead-flags";
import { parseChineseNumber } from "~/domain/numbers";

import type { MatchNeed } from "./types";

/**
 * The rent ceilings the notes gave (`budget` flags on need.notes, need-money.ts: kept as typed, never a field; ADR 101, 165):
 * per ㎡ and month ("租金每平米每月不超过20元", "每平米20元以内", "租金两块五一平", "budget under 25 RMB/sqm/month") and per month in all
 * ("月租不超过3万", "租金每月2万以内", "monthly rent under 30,000 yuan"). Read here only to warn where a space's rent is above one
 * (trial39 M6: a rent above the budget was shown as a green fit) — never a filter, never a change to the score.
 * Each with the words it was read from. Figures in digits or Chinese numerals; a sale price or a land price is no rent.
 */
export type RentBudget = { perSqmMonth?: number; perMonth?: number; text: string };

const N = "([0-9]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)";
const SQM = "(?:平方米|平米|平方|平|㎡|m2|m²)";
const YUAN = "(?:元|块钱|块)";
/** 20元/㎡, 20元每平米, 两块一平, 20元/平/月. */
const PER_SQM_AFTER = new RegExp(`${N}\\s*${YUAN}(?:([0-9]|[一二三四五六七八九])(?:毛|角)?)?\\s*(?:/|每|一)\\s*个?\\s*${SQM}`, "u");
/** 每平米20元, 每平米每月不超过20元, 一平两块五. */
const PER_SQM_BEFORE = new RegExp(
  `(?:每|一)\\s*${SQM}\\s*(?:(?:每|一)\\s*个?\\s*月)?\\s*(?:租金|房租)?\\s*(?:不超过|不高于|最多|在|是|为|约|大概)?\\s*${N}\\s*${YUAN}(?:([0-9]|[一二三四五六七八九])(?:毛|角)?)?`,
  "u",
);
const PER_SQM_EN = /([0-9]+(?:\.[0-9]+)?)\s*(?:rmb|yuan|cny)?\s*(?:\/|per\s+)\s*(?:sq\.?\s?m|sqm|m2|m²|㎡|square\s+met(?:er|re))/iu;
/** 月租不超过3万, 租金每月2万以内, 每月租金3万. */
const PER_MONTH = new RegExp(
  `(?:月租金?|月租|(?:租金|房租)\\s*(?:每|一)\\s*个?\\s*月|(?:每|一)\\s*个?\\s*月\\s*(?:租金|房租))\\s*(?:不超过|不高于|最多|控制在|在|是|为|约|大概)?\\s*${N}\\s*(万|千)?\\s*${YUAN}?`,
  "u",
);
const PER_MONTH_EN = /monthly\s+rent\s+(?:of\s+|under\s+|below\s+|up\s+to\s+|at\s+most\s+)?([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|thousand)?/iu;

function figure(digits: string, tenths?: string): number | null {
  const whole = /^[0-9.]+$/.test(digits) ? Number(digits) : parseChineseNumber(digits);
  if (whole === null || !Number.isFinite(whole)) return null;
  if (!tenths) return whole;
  const t = /^[0-9]$/.test(tenths) ? Number(tenths) : parseChineseNumber(tenths);
  return t === null ? whole : whole + t / 10;
}

export function rentBudgets(n: MatchNeed): RentBudget[] {
  const out: RentBudget[] = [];
  for (const f of leadFlags({ flags: n.flags })) {
    if (f.code !== "budget" || f.field !== "need.notes") continue;
    const t = f.text;
    // A price to buy, a land price or a total: no rent ("售价每平米5000元", "地价每亩30万").
    if (/售价|总价|地价|土地价格|买|购|\bprice\b/iu.test(t) && !/租/u.test(t)) continue;
    const a = PER_SQM_AFTER.exec(t) ?? PER_SQM_BEFORE.exec(t);
    const sqm = a ? figure(a[1], a[2]) : PER_SQM_EN.exec(t) ? Number(PER_SQM_EN.exec(t)![1]) : null;
    if (sqm !== null && sqm > 0 && !/(?:\/|每|一)\s*(?:年|天)|\/\s*(?:year|day)/iu.test(t)) {
      out.push({ perSqmMonth: sqm, text: t });
      continue;
    }
    const m = PER_MONTH.exec(t);
    if (m) {
      const v = figure(m[1]);
      if (v !== null && v > 0) out.push({ perMonth: v * (m[2] === "万" ? 10_000 : m[2] === "千" ? 1_000 : 1), text: t });
      continue;
    }
    const e = PER_MONTH_EN.exec(t);
    if (e) {
      const v = Number(e[1].replace(/,/g, ""));
      if (v > 0) out.push({ perMonth: v * (e[2] ? 1_000 : 1), text: t });
    }
  }
  return out;
}
