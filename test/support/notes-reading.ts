import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { extractMoney } from "../../app/domain/need-money";
import { parseNeedText } from "../../app/domain/need-text";
import { validLeadJson } from "./leads";

/** ㎡ in one 亩. */
export const MU = 2000 / 3;
/** Rounded to the cent, as the reader stores a bound. */
export const r2 = (n: number) => Math.round(n * 100) / 100;
/** The bounds "about `sqm`" is read as (ADR 070: ±10 %). */
export const about = (sqm: number): [number, number] => [r2(sqm * 0.9), r2(sqm * 1.1)];

/**
 * The notes' readers as the tests of the area reader use them, at the clock `now`: `read` (parseNeedText with the money
 * reader, on a lead of `kind`), `area` (the bounds it fills, [min, max] in ㎡, null when not filled), `figures` (every figure filled) and `lead` (the lead
 * the schema stores from a valid API body with these notes and `need` fields over it; a refusal throws its field errors).
 */
export function notesReading(now: () => Date) {
  const read = (notes: string, kind: string | undefined = "factory") => parseNeedText(notes, now(), [extractMoney], kind);
  const area = (notes: string, kind: string | undefined = "factory"): [number | null, number | null] => {
    const { hints } = read(notes, kind);
    return [hints.areaMinSqm ?? null, hints.areaMaxSqm ?? null];
  };
  const lead = (notes: string, kind = "factory", need: Record<string, unknown> = {}) => {
    const need0 = { kind, deal: "lease", areaUnit: "sqm", notes, ...need };
    const r = createLeadSchema("zh", "api", { now }).safeParse({ ...(validLeadJson() as object), need: need0 });
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    return r.data.lead;
  };
  /** Every figure the reader fills (null when not filled), what it tells as not read and what it sets aside — no money reader. */
  const figures = (notes: string, kind = "factory") => {
    const r = parseNeedText(notes, now(), [], kind);
    return {
      min: r.hints.areaMinSqm ?? null,
      max: r.hints.areaMaxSqm ?? null,
      ceiling: r.hints.ceilingMinM ?? null,
      crane: r.hints.craneMinT ?? null,
      load: r.hints.floorLoadMinKg ?? null,
      power: r.hints.powerMinKva ?? null,
      told: r.unread,
      /** Figures wished for, not required (docs/decisions/153): said as wishes, never filled nor told as not read. */
      wished: r.wished,
      aside: r.setAside,
      ceilingOnly: r.ceilingOnly,
    };
  };
  /** `figures` with what was set aside as the premises' own ("own") by its text. */
  const need = (notes: string, kind = "factory") => {
    const { aside, ...rest } = figures(notes, kind);
    return { ...rest, own: aside.filter((a) => a.why === "own").map((a) => a.text) };
  };
  /** The area and count a note of units fills, and whether it was told as units of different sizes. */
  const units = (notes: string) => {
    const { hints, unitSizes } = parseNeedText(notes, now(), [], "factory");
    return { min: hints.areaMinSqm ?? null, max: hints.areaMaxSqm ?? null, count: hints.unitCount ?? null, told: unitSizes.length > 0 };
  };
  return { read, area, lead, figures, need, units };
}
