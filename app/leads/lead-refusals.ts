import { refusedDeals } from "~/domain/deal-refusal";
import { leadFlags } from "~/domain/lead-flags";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { refusalMessages } from "~/i18n/refusal-messages";

/**
 * What the enterprise explicitly refused, as one line for the staff pages' need summary (hotline lead page, the
 * recruiter's assignment page, the admin's lead page; docs/decisions/158), or null when it refused nothing.
 * Read from the lead's flags (lead-flags.ts): the places ruled out (`placeExcluded`, `placeExcludedOpen`,
 * ADR 110) — "区域 高淳、六合" / "places: 高淳, 六合" —, the deal refused (`dealRefused`, docs/decisions/162) — "购买（“只租不买”）"
 * / 'buying ("只租不买")' —, then each clause of a feature not needed (`notNeeded`) and
 * of an area refused (`areaRuledOut`) as the enterprise typed it ("不需要行车"). `lead`: a stored lead's JSON.
 */
export function leadRefusals(lead: unknown, lng: Lng): { label: string; text: string } | null {
  const flags = leadFlags(lead);
  const p = (key: "list" | "clauses") => punctuationMessages.t(lng, key);
  const places = [
    ...new Set(
      flags
        .filter((f) => f.code === "placeExcluded" || f.code === "placeExcludedOpen")
        .flatMap((f) => f.text.split("、"))
        .filter(Boolean),
    ),
  ];
  const clauses = [...new Set(flags.filter((f) => f.code === "notNeeded" || f.code === "areaRuledOut").map((f) => f.text))];
  const deals = [
    ...new Set(
      flags
        .filter((f) => f.code === "dealRefused")
        .flatMap((f) => refusedDeals(f.text).map((r) => refusalMessages.t(lng, `deal.${r.deal}`, { text: f.text }))),
    ),
  ];
  const items = [...(places.length ? [refusalMessages.t(lng, "places", { places: places.join(p("list")) })] : []), ...deals, ...clauses];
  return items.length ? { label: refusalMessages.t(lng, "label"), text: items.join(p("clauses")) } : null;
}
