import { parseArea, saysMu } from "~/domain/area";
import { FIGURE_BOX_MAX } from "~/domain/field-limits";
import { readFieldNumber } from "~/domain/field-value";
import { describeNeedHints } from "~/domain/need-hints-text";
import { aboutRange } from "~/domain/need-text";
import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";

/**
 * What the area boxes read when one of them holds a figure with a word of "about" and the other is blank
 * ("2000平左右", "约2000平", "两千平上下"): "面积“2000平左右”按约数读作 1800㎡–2200㎡（±10%）" — the range the
 * schema stores (area-bounds.ts resolveAreaBounds, ADR 101); "" otherwise. Shown beside the boxes by the
 * inquiry form (server render, and its script once the later chunk has come: lead-form-validation.ts) and
 * the hotline's phone form, so the reading is never silent.
 * A bare figure reads in the unit chosen (`unit`), as the schema reads it.
 */
export function areaAboutReading(min: string, max: string, unit: string, lng: Lng, kind: string | undefined): string {
  const typed = [min.trim(), max.trim()];
  if ((typed[0] === "") === (typed[1] === "")) return "";
  const box = typed[0] !== "" ? typed[0] : typed[1];
  if (box.length > FIGURE_BOX_MAX) return ""; // refused by the schema unread; read, it costs seconds (attack37, ADR 171)
  const r = readFieldNumber(box, (s) => parseArea(s, unit === "mu" ? "mu" : "sqm"), typed[0] !== "" ? "min" : "max");
  if (!r.ok || !r.about) return "";
  const [lo, hi] = aboutRange(r.value);
  // Said in 亩 when typed in 亩 (the unit box, or 亩 in the box: "约50亩"), whatever the kind: the range the "about" reads as,
  // "45–55亩（30000–36667㎡）" (docs/decisions/180).
  const mu = kind === "land" || unit === "mu" || saysMu(box);
  const [range] = describeNeedHints({ areaMinSqm: lo, areaMaxSqm: hi }, lng, kind === "land" ? "land" : undefined, mu, false);
  return ui(lng, "need.areaAbout", { typed: box, range });
}
