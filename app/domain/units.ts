import { fold } from "./fold-text";
import { parseChineseNumber, parseQuantity } from "./numbers";

/**
 * Single technical figures typed into a field, each with an optional unit, converted to the stored
 * unit (kVA, kg/㎡, m, t). A bare number is already in the stored unit. Not understood → null.
 */

type Units = ReadonlyArray<readonly [string, number]>;

const POWER_UNITS: Units = [
  ["kva", 1],
  ["千伏安", 1],
  ["mva", 1000],
  ["兆伏安", 1000],
  // kW is real power, kVA apparent power (kW = kVA × power factor, ~0.8–0.9). Enterprises say
  // "500千瓦" for the supply they need and parks quote transformer kVA; treating them as equal
  // slightly understates the need, which a recruiter confirms on the call anyway.
  ["kw", 1],
  ["千瓦", 1],
  ["mw", 1000],
  ["兆瓦", 1000],
  // Plain volt-amperes are a thousand times smaller: "伏安" is NOT a synonym of 千伏安.
  ["va", 0.001],
  ["伏安", 0.001],
];

export function parsePowerKva(s: string): number | null {
  return parseQuantity(s, POWER_UNITS, 1);
}

/** Every way of writing "per square metre" after a mass unit. */
const PER_SQM = ["/㎡", "/m2", "/m²", "/平方米", "/平米", "/平方", "/平", "每平方米", "每平米", "每平方", "每平", "/sqm"];

function perArea(masses: Units): Units {
  return masses.flatMap(([m, f]) => [[m, f] as const, ...PER_SQM.map((a) => [m + a, f] as const)]);
}

const FLOOR_LOAD_UNITS: Units = perArea([
  ["kg", 1],
  ["公斤", 1],
  ["千克", 1],
  // Floor load quoted in tonnes per ㎡ (common for ground floors: "承重3吨") → ×1000.
  ["吨", 1000],
  ["t", 1000],
  ["ton", 1000],
  ["tons", 1000],
]);

export function parseFloorLoadKg(s: string): number | null {
  return parseQuantity(s, FLOOR_LOAD_UNITS, 1);
}

const CEILING_UNITS: Units = [
  ["m", 1],
  ["米", 1],
  ["公尺", 1],
  // Drawings give heights in millimetres ("层高9000mm").
  ["mm", 0.001],
  ["毫米", 0.001],
  ["cm", 0.01],
  ["厘米", 0.01],
  // US listings quote clear height in feet ("clear height 32 ft"): 1 ft = 0.3048 m exactly.
  ["ft", 0.3048],
  ["feet", 0.3048],
  ["foot", 0.3048],
  ["英尺", 0.3048],
];

/**
 * A bare height of 1000 or more can only be millimetres (drawings write 层高9000): no building has a
 * 1000 m storey. Below that a bare number is metres.
 */
export const BARE_MM_FROM = 1000;

/** "8米5" / "八米五": metres and a spoken tenth after 米 (said for 8.5 m, as 亩半 is said for 1.5 亩). */
const METRES_AND_TENTH = /^(.+?)\s*米\s*([1-9一二三四五六七八九])$/;

/**
 * A height in m: "9", "9米", "8.5m", "9000mm", "32 ft", "8米5" (8.5 m). A bare figure of BARE_MM_FROM or
 * more is millimetres. Not a height → null.
 */
export function parseCeilingM(s: string): number | null {
  const tenth = METRES_AND_TENTH.exec(fold(s).trim());
  if (tenth) {
    const m = parseQuantity(`${tenth[1]}米`, CEILING_UNITS, 1);
    const d = parseChineseNumber(tenth[2]);
    return m === null || d === null || !Number.isInteger(m) ? null : m + d / 10;
  }
  const n = parseQuantity(s, CEILING_UNITS, 1);
  if (n === null) return null;
  return parseQuantity(s, [], 1) !== null && n >= BARE_MM_FROM ? n / 1000 : n;
}

const CRANE_UNITS: Units = [
  ["t", 1],
  ["吨", 1],
  ["ton", 1],
  ["tons", 1],
];

/**
 * Crane capacity in t. "16/3.2t" (main/auxiliary hook, GB/T 14405 notation) is a 16 t crane: the main
 * hook is the first figure.
 */
export function parseCraneT(s: string): number | null {
  const hooks = /^\s*([^/]+?)\s*\/\s*[0-9.]+\s*(t|吨|tons?)?\s*$/i.exec(fold(s));
  if (hooks) return parseQuantity(`${hooks[1]}${hooks[2] ?? ""}`, CRANE_UNITS, 1);
  return parseQuantity(s, CRANE_UNITS, 1);
}

/**
 * `parse`, reading past the figure's own name typed before it ("层高9米", "层高：九米", "行车 10吨"): people
 * write the label they see or say. Used by the lead form and the inventory's columns alike.
 */
export function readPastLabel(parse: (s: string) => number | null, label: RegExp): (s: string) => number | null {
  return (s) =>
    parse(
      s
        .trim()
        .replace(label, "")
        .replace(/^\s*[:：]?\s*/, ""),
    );
}

/** The names a figure goes by, as typed before it (anchored at the start; zh and en). */
export const FIGURE_LABELS = {
  ceiling: /^(?:层高|净高|檐高|高度|ceiling(?: height)?|clear height)/i,
  floorLoad: /^(?:楼面承重|地面承重|承重|floor load)/i,
  power: /^(?:配电容量|配电|用电|电力|power)/i,
  crane: /^(?:(?:单梁|双梁|桥式|门式)\s*)?(?:行车|吊车|天车|crane)/i,
  area: /^(?:建筑面积|占地面积|面积|area)/i,
  rent: /^(?:租金|租价|rent)/i,
  price: /^(?:售价|单价|价格|price)/i,
  landPrice: /^(?:土地价格|地价|land price)/i,
} as const;
