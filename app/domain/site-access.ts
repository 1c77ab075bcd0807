import { NOTES_MAX } from "./field-limits";
import { foldText } from "./fold-text";

/**
 * What the site must be near that is no field of the lead (readers40 item 4): "靠近地铁", "离高速口近", "near metro", "close to the
 * highway exit". DESIGN.md has no field for access to transport (need.* holds area, regions, specs and a move-in month), and a
 * park's `location` is no station: matching cannot read it. It is never dropped: the intake tells it — an `unread` flag on the
 * notes (lead-schema.ts), said on the confirmation page and on the recruiter's and the hotline's cards as every figure no reader
 * used is — and the notes' clauses not read list it wherever a place read beside it took its clause (notes-not-read.ts).
 * Browser-safe: words only.
 */

/** A word of nearness before the thing, or after it. */
const NEAR_BEFORE_ZH =
  "(?:(?:不需要|不用|不必|无需|不要求|最好|尽量|需要|要|希望)?\\s*(?:靠近|临近|邻近|紧邻|紧挨|挨着|接近|近|离|距离?|方便去|方便到|到))";
const NEAR_AFTER_ZH = "(?:附近|周边|旁边|旁|边上|沿线|近|不远|方便)";
/** Things that always say access: 地铁, 轻轨, 高铁, 火车站, 机场, 码头. */
const ALWAYS_ZH = "(?:地铁|轻轨|城铁|高铁站?|动车站|火车站|汽车站|客运站|机场|码头)(?:站|口|站点|线|[0-9一二三四五六七八九十]+号线)?";
/** Things that say it with their own ending or a word of nearness: 高速口, 高速公路, 公交站, 国道, 港口. */
const ENDED_ZH = "(?:高速|公交|国道|省道|绕城|快速路|港口)(?:公路|口|出口|入口|路口|站|车站|线)";
const BARE_ZH = "(?:高速|公交|国道|省道|港口|主干道|大路)";
/** A distance after the thing ("离地铁站500米以内", "离高速口两公里"). */
const DISTANCE_ZH = "(?:\\s*[0-9一二两三四五六七八九十百千.]+\\s*(?:米|公里|千米|km|m)\\s*(?:以内|之内|内|左右)?)";
const ACCESS_ZH = new RegExp(
  `${NEAR_BEFORE_ZH}?\\s*(?:${ALWAYS_ZH}|${ENDED_ZH})${DISTANCE_ZH}?\\s*${NEAR_AFTER_ZH}?|${NEAR_BEFORE_ZH}\\s*${BARE_ZH}|${BARE_ZH}\\s*${NEAR_AFTER_ZH}`,
  "gu",
);
const THING_EN =
  "(?:metro|subway|underground|light\\s+rail|high[-\\s]speed\\s+rail(?:way)?|railway|train|bus|highway|motorway|expressway|freeway|ring\\s+road|port|harbou?r|airport)(?:\\s+(?:station|stop|exit|entrance|interchange|line(?:\\s+\\d+)?))?";
const ACCESS_EN = new RegExp(
  `\\b(?:(?:near(?:by)?|close\\s+to|next\\s+to|walking\\s+distance\\s+(?:to|from|of)|(?:easy\\s+|good\\s+)?access\\s+to|within\\s+\\S+\\s+(?:m|km|meters?|metres?|kilometers?|kilometres?|minutes?)\\s+(?:of|from|to))\\s+(?:(?:the|a|an)\\s+)?${THING_EN}|${THING_EN}\\s+(?:nearby|close\\s+by|access))\\b`,
  "giu",
);

/** One such wish: its words as typed and where they are. */
export type AccessWish = { text: string; span: [number, number] };

/** The access wishes of `notes`, in order, each once (by its words). [] for none. */
export function accessWishes(notes: string | null | undefined): AccessWish[] {
  if (!notes || notes.length > NOTES_MAX) return [];
  const { s, at } = foldText(notes);
  const out: AccessWish[] = [];
  for (const re of [ACCESS_ZH, ACCESS_EN])
    for (const m of s.matchAll(re)) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].trimEnd().length;
      if (end - start < 2 || out.some((o) => at[start] < o.span[1] && o.span[0] < at[end])) continue;
      const text = notes.slice(at[start], at[end]);
      if (!out.some((o) => o.text === text)) out.push({ text, span: [at[start], at[end]] });
    }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}
