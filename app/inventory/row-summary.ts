import { formatMu, formatSqm, muWithSqm, sqmToMu } from "~/domain/area";
import { formatWan } from "~/domain/money-format";
import { englishPathLabel } from "~/domain/regions.server";
import type { Bilingual } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";

import { type Collection, columnByKey } from "./inventory-columns";
import type { InventoryValue } from "./inventory-rows.server";

// What an import will write, row by row, in the words of the sheet (docs/decisions/103): the preview
// lists each row with the values it read — a space's kind, area with its unit and prices; a park's place
// and industries; a recruiter's email and parks — so the admin checks "3000" was read as 3000 ㎡ and not
// 3000 亩 before applying, not only counts and row numbers.

export type SummaryKey =
  "kind" | "deals" | "area" | "spec" | "price" | "park" | "status" | "place" | "industries" | "excluded" | "thresholds" | "email" | "parks";
export type RowSummary = Partial<Record<SummaryKey, Bilingual>>;

const both = (text: string): Bilingual => ({ zh: text, en: text });
/** A list in each language's punctuation: "C33、C34" / "C33, C34" (a full-width 、 only in Chinese text, ADR 143). */
const listed = (xs: string[]): Bilingual => ({
  zh: xs.join(punctuationMessages.t("zh", "list")),
  en: xs.join(punctuationMessages.t("en", "list")),
});
/** At most 2 decimals, no trailing zeros; thousands grouped (prices and areas people read at a glance). */
const NUM = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }); // built once (house rule: formatters-built-once)
const num = (n: number) => NUM.format(Math.round(n * 100) / 100);

function choiceLabel(collection: Collection, key: string, value: string): Bilingual {
  return columnByKey(collection, key)?.choices?.find((c) => c.value === value)?.label ?? both(value);
}

/**
 * The key values of a checked row (the import format, stored units) as the preview shows them:
 * spaces → kind, deals (lease / sale), area (㎡; land in 亩 with its ㎡; the divisible area), the building's
 * figures (ceiling m, floor load kg/㎡, power kVA, crane t, floors, single storey), prices (rent 元/㎡·月,
 * sale 元/㎡, land 万元/亩), park, status (with the month it is available from); parks → place (province, city, district as stored; in English their English names, the Chinese path after them), focus industries,
 * excluded industries, the thresholds matching reads (亩均税收 and 投资强度 in 万元/亩, tax per 1000 ㎡ in 万元:
 * docs/decisions/169); recruiters → email, parks. A price, threshold or list not given is absent.
 */
export function rowSummary<C extends Collection>(collection: C, value: InventoryValue[C]): RowSummary {
  if (collection === "spaces") {
    const s = value as InventoryValue["spaces"];
    const area = (lng: Lng) =>
      s.kind === "land" ? muWithSqm(formatMu(sqmToMu(s.areaSqm), lng), formatSqm(s.areaSqm), lng) : formatSqm(s.areaSqm);
    const prices: Bilingual[] = [];
    if (s.rentYuanPerSqmMonth != null)
      prices.push({ zh: `租金 ${num(s.rentYuanPerSqmMonth)} 元/㎡·月`, en: `rent ${num(s.rentYuanPerSqmMonth)} yuan/㎡·month` });
    if (s.priceYuanPerSqm != null)
      prices.push({ zh: `售价 ${num(s.priceYuanPerSqm)} 元/㎡`, en: `sale ${num(s.priceYuanPerSqm)} yuan/㎡` });
    if (s.landPriceWanPerMu != null)
      prices.push({ zh: `地价 ${num(s.landPriceWanPerMu)} 万元/亩`, en: `land ${formatWan("en", s.landPriceWanPerMu, "mu")}` });
    // Every other figure the sheet gives is read too, and shown (docs/decisions/109): the divisible area
    // beside the area, the building's figures together, the move-in month beside the status.
    const divisible =
      s.divisibleMinSqm != null
        ? { zh: `（可分割，最小 ${formatSqm(s.divisibleMinSqm)}）`, en: ` (divisible down to ${formatSqm(s.divisibleMinSqm)})` }
        : { zh: "", en: "" };
    const spec: Bilingual[] = [];
    if (s.ceilingM != null) spec.push({ zh: `层高 ${num(s.ceilingM)} m`, en: `ceiling ${num(s.ceilingM)} m` });
    if (s.floorLoadKg != null) spec.push({ zh: `承重 ${num(s.floorLoadKg)} kg/㎡`, en: `floor load ${num(s.floorLoadKg)} kg/㎡` });
    if (s.powerKva != null) spec.push({ zh: `配电 ${num(s.powerKva)} kVA`, en: `power ${num(s.powerKva)} kVA` });
    if (s.craneT != null) spec.push({ zh: `行车 ${num(s.craneT)} t`, en: `crane ${num(s.craneT)} t` });
    if (s.floors != null) spec.push({ zh: `${s.floors} 层`, en: `${s.floors} ${s.floors === 1 ? "floor" : "floors"}` });
    if (s.singleStorey != null) spec.push(s.singleStorey ? { zh: "单层", en: "single storey" } : { zh: "非单层", en: "not single storey" });
    const deals = [...new Set(s.deals)].sort().map((d) => choiceLabel("spaces", "deals", d));
    const status = choiceLabel("spaces", "status", s.status);
    const from = s.availableFrom?.slice(0, 7);
    return {
      kind: choiceLabel("spaces", "kind", s.kind),
      ...(deals.length ? { deals: { zh: deals.map((d) => d.zh).join("、"), en: deals.map((d) => d.en).join(", ") } } : {}),
      area: { zh: `${area("zh")}${divisible.zh}`, en: `${area("en")}${divisible.en}` },
      ...(spec.length ? { spec: { zh: spec.map((p) => p.zh).join("；"), en: spec.map((p) => p.en).join("; ") } } : {}),
      ...(prices.length ? { price: { zh: prices.map((p) => p.zh).join("；"), en: prices.map((p) => p.en).join("; ") } } : {}),
      park: both(s.parkId),
      status: from ? { zh: `${status.zh}（${from} 起可入驻）`, en: `${status.en} (from ${from})` } : status,
    };
  }
  if (collection === "parks") {
    const p = value as InventoryValue["parks"];
    const place = `${p.province}${p.city === p.province ? "" : p.city}${p.district}`;
    return {
      // English readers get the division's English names with the Chinese path after them, as the region picker says it.
      place: { zh: place, en: englishPathLabel(place) },
      ...(p.industries.length ? { industries: listed(p.industries) } : {}),
      ...(p.excludedIndustries?.length ? { excluded: listed(p.excludedIndustries) } : {}),
      ...parkThresholds(p),
    };
  }
  const r = value as InventoryValue["recruiters"];
  return { email: both(r.email), parks: listed(r.parks) };
}

/**
 * A park's minimums as stored (万元) with their units — "亩均税收门槛 30 万元/亩；投资强度门槛 300 万元/亩；每千平方米税收门槛
 * 20 万元" / "min tax per mu CNY 300,000/mu; …" (money-format.ts formatWan) — or nothing when it sets none. A new
 * park's preview showed none of them, though matching refuses leads by them (docs/decisions/169).
 */
function parkThresholds(p: InventoryValue["parks"]): RowSummary {
  const said: Bilingual[] = [];
  if (p.minTaxPerMuWan != null)
    said.push({
      zh: `亩均税收门槛 ${formatWan("zh", p.minTaxPerMuWan, "mu")}`,
      en: `min tax per mu ${formatWan("en", p.minTaxPerMuWan, "mu")}`,
    });
  if (p.minInvestmentPerMuWan != null)
    said.push({
      zh: `投资强度门槛 ${formatWan("zh", p.minInvestmentPerMuWan, "mu")}`,
      en: `min investment per mu ${formatWan("en", p.minInvestmentPerMuWan, "mu")}`,
    });
  if (p.minTaxPer1000SqmWan != null)
    said.push({
      zh: `每千平方米税收门槛 ${formatWan("zh", p.minTaxPer1000SqmWan)}`,
      en: `min tax per 1000\u00a0㎡ ${formatWan("en", p.minTaxPer1000SqmWan)}`,
    });
  return said.length ? { thresholds: { zh: said.map((x) => x.zh).join("；"), en: said.map((x) => x.en).join("; ") } } : {};
}
