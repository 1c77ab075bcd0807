import { type LeadFlag, leadFlags } from "~/domain/lead-flags";
import { formatWan } from "~/domain/money-format";
import type { Lng } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";
import { ui, type UiKey } from "~/i18n/ui-messages";

/**
 * The investment and output boxes typed as a range ("5000-8000万"): the lower figure stored, the range as typed kept (`amountRange`,
 * docs/decisions/189) — said back on the confirmation page as the tax box's range is (ADR 168: "5000万元（您给的是范围“5000-8000万”，
 * 按较低的数）"), so the person sees which figure the match uses (readers40 item 6: the staff were told, the person was not).
 */
export type AmountRangeSaid = { field: "investmentWan" | "annualOutputWan"; wan: number; range: string; notes?: undefined };
/**
 * An investment or output the notes gave that filled its blank box ("预计投资1亿元" → 10000 万元; docs/decisions/203): said back with the
 * words it was read from, so the person sees the figure the match uses came from their notes. A range said there is an AmountRangeSaid.
 */
export type AmountFromNotesSaid = { field: "investmentWan" | "annualOutputWan"; wan: number; notes: string; range?: undefined };

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

/**
 * The stored lead's investment and output that its notes filled (its `assist` entries: lead-schema.ts, docs/decisions/203) and said
 * no range (a range is said by amountRangesOf), in the boxes' order; [] for none.
 */
export function amountsFromNotesOf(
  tax: Record<string, unknown> | null | undefined,
  assist: unknown,
  flags: unknown,
): AmountFromNotesSaid[] {
  const fills = Array.isArray(assist) ? (assist as { field?: unknown; value?: unknown; text?: unknown }[]) : [];
  const ranged = new Set(amountRangesOf(tax, flags).map((r) => r.field));
  return FIELDS.flatMap((field) => {
    const wan = tax?.[field];
    const fill = fills.find((f) => f?.field === `tax.${field}` && f.value === wan && typeof f.text === "string");
    return fill && !ranged.has(field) && typeof wan === "number" && Number.isFinite(wan)
      ? [{ field, wan, notes: fill.text as string }]
      : [];
  });
}

/**
 * The page's rows for them: [label, text] — the figure stored, with the range it came from (the tax line's own words), or the notes'
 * words it was read from.
 */
export function amountRangeRows(lng: Lng, ranges: readonly (AmountRangeSaid | AmountFromNotesSaid)[]): [string, string][] {
  return ranges.map((r) => {
    const amount = formatWan(lng, r.wan, r.field === "annualOutputWan" ? "year" : "");
    return [
      publicText(lng, r.field === "investmentWan" ? "inquiry.summary.investment" : "inquiry.summary.output"),
      r.notes !== undefined
        ? publicText(lng, "inquiry.summary.amountFromNotes", { amount, text: r.notes })
        : publicText(lng, "inquiry.summary.taxRange", { amount, range: r.range }),
    ];
  });
}

/** The EIA category (use.eia) the notes filled, with the words it was read from (docs/decisions/216). */
export type EiaFromNotesSaid = { level: string; notes: string };

/** The stored lead's EIA category when its notes filled it (its `assist` entry on use.eia, lead-schema.ts), or null. */
export function eiaFromNotesOf(use: Record<string, unknown> | null | undefined, assist: unknown): EiaFromNotesSaid | null {
  const fills = Array.isArray(assist) ? (assist as { field?: unknown; value?: unknown; text?: unknown }[]) : [];
  const level = use?.eia;
  const fill = fills.find((f) => f?.field === "use.eia" && f.value === level && typeof f.text === "string");
  return fill && typeof level === "string" ? { level, notes: fill.text as string } : null;
}

/** The page's row for it: [label, "报告书（从补充说明“需要环评报告书”读出）"], the category named as the form's choice names it. */
export function eiaFromNotesRow(lng: Lng, said: EiaFromNotesSaid): [string, string] {
  const name = ui(lng, `use.eia.${said.level}` as UiKey);
  return [ui(lng, "use.eia"), publicText(lng, "inquiry.summary.amountFromNotes", { amount: name, text: said.notes })];
}
