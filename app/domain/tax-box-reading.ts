import { FIGURE_BOX_MAX } from "./field-limits";
import { looksNegative, readFieldNumber } from "./field-value";
import { parseWan } from "./money";
import { pastMoneyLabel, saysAmountUnknown } from "./money-labels";
import { NUMERAL } from "./numbers";

/**
 * What the tax box (tax.annualTaxWan) reads in what was typed, as the lead schema reads it (its money field:
 * pastMoneyLabel, then readFieldNumber with parseWan, "amount"; unknown words by saysAmountUnknown):
 * - `plain`: blank or a bare figure ("300", "300.5"), or longer than a figure box holds (FIGURE_BOX_MAX: refused unread): nothing to say back;
 * - `read`: words read as `wan` 万元 a year ("年纳税三百万" 300, "每年税收大概两千万左右" 2000, "tax about 3 million yuan" 300);
 * - `range`: a range ("800-1000", "800到1000万", "3~5亿"): its lower figure `wan` is the expected tax (docs/decisions/168),
 *   `typed` the range as typed, said back so the person sees which figure was taken;
 * - `unknown`: "不确定", "还不清楚", "not sure yet" — no figure (the web form refuses it: docs/decisions/162);
 * - `unread`: anything else (a negative, per mu or per month, no figure): the schema's field message says why.
 * Pure; the form's reading beside the box (app/leads/tax-reading.ts) says the same in the person's language.
 */
export type TaxBoxReading =
  { state: "plain" } | { state: "read"; wan: number } | { state: "range"; wan: number } | { state: "unknown" } | { state: "unread" };

export function readTaxBox(typed: string): TaxBoxReading {
  const s = typed.trim();
  // Longer than the box holds: the schema refuses it unread and says so on the field; nothing is said beside it (ADR 171).
  if (s.length > FIGURE_BOX_MAX) return { state: "plain" };
  if (s === "" || /^[0-9０-９]+(?:[.．][0-9０-９]+)?$/.test(s)) return { state: "plain" };
  if (saysAmountUnknown(s)) return { state: "unknown" };
  if (looksNegative(s)) return { state: "unread" };
  const past = pastMoneyLabel("annualTax")(s);
  const text = typeof past === "string" ? past : s;
  const r = readFieldNumber(text, parseWan, "amount");
  if (r.ok) return Number.isFinite(r.value) && r.value >= 0 ? { state: "read", wan: r.value } : { state: "unread" };
  const low = taxRangeLow(text);
  return low === null ? { state: "unread" } : { state: "range", wan: low };
}

/**
 * The lower figure of a tax range, in 万元 a year, or null when `text` is no range of amounts: "800-1000" 800, "800到1000万"
 * 800, "800～1000" 800, "3~5亿" 30000 (the low end borrows the high end's magnitude and unit: field-value.ts
 * writtenRangeEnds), "三到五百万" 300. THE rule of a tax range, for the box (lead-schema.ts, readTaxBox) and the notes
 * (need-money.ts extractMoney). **DECISION** (docs/decisions/168): the lower figure is the expected tax — parks admit by a
 * threshold, and the lower figure is the one the enterprise says it will reach; the range is kept for the recruiter
 * (`taxRange` flag) and said back to the person. A figure's own words before it ("年纳税") are the caller's to take off.
 */
export function taxRangeLow(text: string): number | null {
  if (looksNegative(text)) return null;
  const r = readFieldNumber(text.trim(), parseWan, "amount");
  if (r.ok || r.reason !== "range") return null;
  const low = readFieldNumber(r.low, parseWan, "amount");
  return low.ok && Number.isFinite(low.value) && low.value > 0 ? low.value : null;
}

/**
 * Whether a tax the notes gave (its words as read: "年纳税800到1000万", "tax 800-1000") is a range, whose lower figure was
 * taken (taxRangeLow): the plan marks it, the form says it back as a range and the schema keeps it as a `taxRange` flag.
 */
export function taxTextIsRange(text: string): boolean {
  const past = pastMoneyLabel("annualTax")(text);
  return taxRangeLow(typeof past === "string" ? past : text) !== null;
}

/**
 * Whether an investment or output the notes gave (its words as read: "投资5000-8000万", "investment 50-80 million") is a range, whose
 * lower figure was taken (taxRangeLow; docs/decisions/189, 203): the words before its first figure are its label.
 */
export function amountTextIsRange(text: string): boolean {
  const figure = NUMERAL.exec(text);
  return figure !== null && taxRangeLow(text.slice(figure.index)) !== null;
}
