import { FIGURE_BOX_MAX } from "./field-limits";
import { looksNegative, readFieldNumber } from "./field-value";
import { parseWan } from "./money";
import { pastMoneyLabel, saysAmountUnknown } from "./money-labels";

/**
 * What the tax box (tax.annualTaxWan) reads in what was typed, as the lead schema reads it (its money field:
 * pastMoneyLabel, then readFieldNumber with parseWan, "amount"; unknown words by saysAmountUnknown):
 * - `plain`: blank or a bare figure ("300", "300.5"), or longer than a figure box holds (FIGURE_BOX_MAX: refused unread): nothing to say back;
 * - `read`: words read as `wan` 万元 a year ("年纳税三百万" 300, "每年税收大概两千万左右" 2000, "tax about 3 million yuan" 300);
 * - `unknown`: "不确定", "还不清楚", "not sure yet" — no figure (the web form refuses it: docs/decisions/162);
 * - `unread`: anything else (a range, a negative, per mu or per month, no figure): the schema's field message says why.
 * Pure; the form's reading beside the box (app/leads/tax-reading.ts) says the same in the person's language.
 */
export type TaxBoxReading = { state: "plain" } | { state: "read"; wan: number } | { state: "unknown" } | { state: "unread" };

export function readTaxBox(typed: string): TaxBoxReading {
  const s = typed.trim();
  // Longer than the box holds: the schema refuses it unread and says so on the field; nothing is said beside it (ADR 171).
  if (s.length > FIGURE_BOX_MAX) return { state: "plain" };
  if (s === "" || /^[0-9０-９]+(?:[.．][0-9０-９]+)?$/.test(s)) return { state: "plain" };
  if (saysAmountUnknown(s)) return { state: "unknown" };
  if (looksNegative(s)) return { state: "unread" };
  const past = pastMoneyLabel("annualTax")(s);
  const r = readFieldNumber(typeof past === "string" ? past : s, parseWan, "amount");
  return r.ok && Number.isFinite(r.value) && r.value >= 0 ? { state: "read", wan: r.value } : { state: "unread" };
}
