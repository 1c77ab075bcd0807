import { formatWan } from "~/domain/money-format";
import { readTaxBox } from "~/domain/tax-box-reading";
import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";

/**
 * What the tax box was read as, said back beside it (docs/decisions/162, trial L5): "“年纳税三百万”读作：300 万元/年" /
 * '"tax about 3 million yuan" is read as CNY 3 million/year'; a range with its lower figure ("“800-1000”是一个范围，按较低的数读作：
 * 800 万元/年", docs/decisions/168); words it could not read as an amount: said so ("未能读出
 * 金额"); "" for a blank box, a bare figure, and "不确定" (the field's own message says why a figure is asked). Shown by
 * the inquiry form (server render, and its script with the later chunk: lead-form-validation.ts).
 */
export function taxBoxReading(typed: string, lng: Lng): string {
  const r = readTaxBox(typed);
  const shown = typed.trim();
  if (r.state === "read") return ui(lng, "tax.read", { typed: shown, amount: formatWan(lng, r.wan, "year") });
  // A range: its lower figure is the one stored (docs/decisions/168), said so the person sees which was taken.
  if (r.state === "range") return ui(lng, "tax.range", { typed: shown, amount: formatWan(lng, r.wan, "year") });
  if (r.state === "unread") return ui(lng, "tax.unread", { typed: shown });
  return "";
}
