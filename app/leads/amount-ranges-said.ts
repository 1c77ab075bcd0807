import { type LeadFlag, leadFlags } from "~/domain/lead-flags";
import { formatWan } from "~/domain/money-format";
import type { Lng } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";

/**
 * The investment and output boxes typed as a range ("5000-8000万"): the lower figure stored, the range as typed kept (`amountRange`,
 * docs/decisions/189) — said back on the confirmation page as the tax box's range is (ADR 168: "5000万元（您给的是范围“5000-8000万”，
 * 按较低的数）"), so the person sees which figure the match uses (readers40 item 6: the staff were told, the person was not).
 */
export type AmountRangeSaid = { field: "investmentWan" | "annualOutputWan"; wan: number; range: string };

const FIELDS = ["investmentWan", "annualOutputWan"] as const;

/** The ranges of a stored lead's tax (its figures) and flags, in the boxes' order; [] when none was a range. */
export function amountRangesOf(tax: Record<string, unknown> | null | undefined, flags: unknown): AmountRangeSaid[] {
  const all: LeadFlag[] = leadFlags({ flags });
  return FIELDS.flatMap((field) => {
    const wan = tax?.[field];
    const flag = all.find((f) => f.code === "amountRange" && f.field === `tax.${field}`);
    return flag && typeof wan === "number" && Number.isFinite(wan) ? [{ field, wan, range: flag.text }] : [];
  });
}

/** The page's rows for them: [label, text] — the figure stored, with the range it came from (the tax line's own words). */
export function amountRangeRows(lng: Lng, ranges: readonly AmountRangeSaid[]): [string, string][] {
  return ranges.map((r) => [
    publicText(lng, r.field === "investmentWan" ? "inquiry.summary.investment" : "inquiry.summary.output"),
    publicText(lng, "inquiry.summary.taxRange", {
      amount: formatWan(lng, r.wan, r.field === "annualOutputWan" ? "year" : ""),
      range: r.range,
    }),
  ]);
}
