import type { Bilingual } from "~/i18n/i18n";
import { type ValidationKey, validationMessage } from "~/i18n/validation-messages";

import { AREA_NOT_UNIT, SQM_PER_PING } from "./area";
import { splitQualifier } from "./comparison";
import { fold } from "./fold-text";
import { parseChineseNumber, withoutSpaces } from "./numbers";
import { COUNTED, type CountProblem, FIGURE_LABELS, FIGURE_NOUNS_AFTER, readCeiling, readCounted, readPastLabel } from "./units";

// Why a spec figure that was typed names no one figure — the ONE answer of every place a person types
// one: the lead form's fields (every channel: the public form, the hotline desk, POST /api/leads) and the
// inventory's columns (Excel/CSV import, admin forms). docs/decisions/075 and 076.

/** A refusal: the message's key (app/i18n/validation-messages.ts, zh-CN and English) and its values. */
export type FigureRefusal = { key: ValidationKey; params: Record<string, string | number> };

/** The figures typed with a count of items (units.ts COUNTED): power (transformers add up), crane (each its own). */
export type CountedName = keyof typeof COUNTED;

/** Each counted figure's message for each problem. */
const COUNTED_KEYS: Record<CountedName, Record<CountProblem, ValidationKey>> = {
  power: { countOnly: "powerCountOnly", sizes: "powerSizes", count: "powerCount" },
  crane: { countOnly: "craneCountOnly", sizes: "craneSizes", count: "craneCount" },
};

/** `read`, past the figure's own label ("配电：2台") and its qualifiers ("至少2台"). */
function pastLabelAndQualifier<T>(read: (s: string) => T | null, label: RegExp, after: RegExp): (typed: string) => T | null {
  return readPastLabel((s) => read(splitQualifier(fold(s)).body), label, after);
}

/**
 * A figure typed with a count that units.ts readCounted refuses: "2台" (a count with no size) →
 * `…CountOnly`; "2台500kva和1台800kva" (two sizes) → `…Sizes` with `hint` (the total for power, the
 * largest crane); "2-3台500kva", "0台", "2x10" for a crane → `…Count`. null when `typed` is no counted
 * figure, or one that reads (the plain parser's message then applies).
 */
export function countedRefusal(typed: string, name: CountedName): FigureRefusal | null {
  const r = pastLabelAndQualifier((s) => readCounted(s, COUNTED[name]), FIGURE_LABELS[name], FIGURE_NOUNS_AFTER[name])(typed);
  if (!r || r.ok) return null;
  return { key: COUNTED_KEYS[name][r.problem], params: r.hint === undefined ? {} : { hint: r.hint } };
}

/** A height that names no one figure (units.ts readCeiling: "8m05" — 8.05 or 8.5?, "8m2", "8m500") → `heightUnclear`. */
export function ceilingRefusal(typed: string): FigureRefusal | null {
  const r = pastLabelAndQualifier(readCeiling, FIGURE_LABELS.ceiling, FIGURE_NOUNS_AFTER.ceiling)(typed);
  return r && !r.ok ? { key: "heightUnclear", params: { typed: typed.trim() } } : null;
}

/**
 * A floor load written as a bare figure under 100 ("3", "2.5", "五", "承重3"): in 公斤/㎡ it is no floor (an office takes
 * 200–300 kg/㎡, a warehouse 500 and more), in tonnes — as people say 承重3吨 — a heavy one; read as kilograms it was a
 * lead's minimum every space meets, or a space's load every lead fails, unsaid (import40; session 40 for the lead's box).
 * The bare figure when it is such a one, else null ("3吨", "3公斤", "3000", a blank).
 */
export function bareFloorLoad(typed: string): number | null {
  const bare = pastLabelAndQualifier(
    (s) => {
      const compact = withoutSpaces(s);
      return compact === null ? null : parseChineseNumber(compact);
    },
    FIGURE_LABELS.floorLoad,
    FIGURE_NOUNS_AFTER.floorLoad,
  )(typed);
  return bare !== null && bare > 0 && bare < BARE_LOAD_UNDER ? bare : null;
}
const BARE_LOAD_UNDER = 100;

/** A lead's floor-load box with a bare figure under 100 (bareFloorLoad): asked for its unit, never read as kilograms. */
export function floorLoadRefusal(typed: string): FigureRefusal | null {
  const bare = bareFloorLoad(typed);
  return bare === null
    ? null
    : { key: "loadUnitMissing", params: { typed: typed.trim(), kg: String(Number((bare * 1000).toPrecision(12))) } };
}

/**
 * Why an area typed with a word after its figure reads as no area (session 41, item 1: "500坪" was refused with the plain
 * "请输入面积" that named neither the figure nor what to write; the words: area.ts AREA_NOT_UNIT) (`typed` as typed; its qualifiers and label taken off by the
 * caller's reader): 坪 → `areaPing` (the ㎡ it comes to, and 平 if that was meant), a count → `areaCount`, storeys → `areaStoreys`, a
 * length → `areaLength`, another word → `areaUnitUnknown`; each names what was typed and what to write instead. null when `typed`
 * has no figure with a word after it (the plain `areaUnread` then says what was typed).
 */
export function areaRefusal(typed: string): FigureRefusal | null {
  const shown = typed.trim();
  const body = splitQualifier(fold(shown).replace(AREA_NOT_UNIT.label, "")).body.trim();
  const m = AREA_NOT_UNIT.figureThenWord.exec(body);
  if (!m) return null;
  const n = parseChineseNumber(m.groups!.n);
  const unit = m.groups!.u;
  // A word with an area's unit in it ("5来亩", "5把平": 来/把 after a figure that is not round) is no unknown unit: said plainly.
  if (n === null || !(n > 0) || AREA_NOT_UNIT.aboutUnit.test(unit)) return null;
  if (AREA_NOT_UNIT.ping.test(unit))
    return { key: "areaPing", params: { typed: shown, figure: String(n), sqm: String(Math.round(n * SQM_PER_PING)) } };
  if (AREA_NOT_UNIT.count.test(unit)) return { key: "areaCount", params: { typed: shown } };
  if (AREA_NOT_UNIT.storeys.test(unit)) return { key: "areaStoreys", params: { typed: shown } };
  if (AREA_NOT_UNIT.length.test(unit)) return { key: "areaLength", params: { typed: shown, figure: String(n) } };
  return { key: "areaUnitUnknown", params: { typed: shown, unit } };
}

/** A refusal's message in both languages (the inventory's cells give their reasons as {zh, en}). */
export function refusalText(r: FigureRefusal | null): Bilingual | null {
  return r && { zh: validationMessage("zh", r.key, r.params), en: validationMessage("en", r.key, r.params) };
}
