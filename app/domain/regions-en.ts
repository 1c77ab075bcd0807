import { KINDS_EN, NATIONALITIES, POSITIONS_EN, PROVINCES_EN } from "./division-names-en";
import { childDivisions, type Division, divisionByCode, placeSyllables, resolveRegion, shortNames, zoneNamed } from "./regions";
import { ZONES } from "./zones";

// English names of GB/T 2260 divisions, for the pages in English: the 31 provinces by their usual English
// names (Inner Mongolia, Shaanxi beside Shanxi — pinyin alone cannot tell those two apart), every other
// division as its name in Hanyu Pinyin (GB/T 16159: syllables joined per word, an apostrophe before a
// syllable that starts with a, o or e — Xi'an) followed by its kind in English (区 District, 县 County,
// 旗 Banner, 自治州 Autonomous Prefecture…), the usual form in China's own English (Gaochun District).
// The Chinese name stays what is stored and matched; this is a label only. Server-only (pinyin-pro).

const KINDS = KINDS_EN.filter((k) => k.zh !== "自治区").map((k) => ({ ...k, suffix: new RegExp(`${k.zh}$`) }));
const nationalityEn = new Map(NATIONALITIES);
const POSITIONS = new Map(POSITIONS_EN);
const POSITION = new RegExp(`(${POSITIONS_EN.map(([zh]) => zh).join("|")})$`);

const NATIONALITY = new RegExp(
  `(${NATIONALITIES.map(([zh]) => zh)
    .sort((a, b) => b.length - a.length)
    .join("|")})族?$`,
);

/** One word in pinyin, as the place says itself (regions.ts placeSyllables): 西安 → Xi'an, 高淳 → Gaochun, 六合 → Luhe. */
function pinyinWord(text: string): string {
  const word = placeSyllables(text)
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join("");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A division's name as people say it, without its kind (河北省 → 河北, 唐山市 → 唐山; regions.ts's shortNames), else its name. */
function saidName(division: Pick<Division, "name" | "level">): string {
  return shortNames(division.name, division.level)[0] ?? division.name;
}

const cache = new Map<string, string>();

/**
 * The English name of a division: `320000` → "Jiangsu", `320118` → "Gaochun District", `500240` →
 * "Shizhu Tujia Autonomous County", `533400` → "Diqing Tibetan Autonomous Prefecture",
 * `130271` → "Hebei Tangshan Lutai Economic Development Zone" (a zone's name that starts with its province or city is split there). Undefined for an unknown code.
 */
export function englishDivisionName(code: string): string | undefined {
  const known = cache.get(code);
  if (known !== undefined) return known;
  const division = divisionByCode(code);
  if (!division) return undefined;
  const name = division.level === "province" ? (PROVINCES_EN[code.slice(0, 2)] ?? pinyinWord(saidName(division))) : inPinyin(division);
  cache.set(code, name);
  return name;
}

function inPinyin(division: Division): string {
  const kind = KINDS.find((k) => k.suffix.test(division.name));
  let stem = kind ? division.name.replace(kind.suffix, "") : division.name;
  // A one-character city keeps its 市 (芒市 Mangshi; 赵县 is Zhao County).
  if (stem.length <= 1 && !kind?.en) return pinyinWord(division.name);
  // Nationalities named before 自治县/州/旗 are words of their own (石柱土家族 → Shizhu Tujia).
  const nationalities: string[] = [];
  if (kind?.autonomous) {
    // Each nationality ends in 族 (石柱土家族); one without is the whole name (鄂伦春自治旗 Oroqen). A place
    // may end like a nationality (长白, 融水): only what is followed by 族 is peeled off it.
    for (let m = stem.match(NATIONALITY); m && (m[0].endsWith("族") || m.index === 0); m = stem.match(NATIONALITY)) {
      nationalities.unshift(m[1]);
      stem = stem.slice(0, m.index);
    }
  }
  // A banner's position is said in English (阿拉善左旗 Alashan Left Banner, 科尔沁右翼前旗 Ke'erqin Right Wing Front Banner).
  const positions: string[] = [];
  if (kind?.banner) {
    for (let m = stem.match(POSITION); m && m.index! > 0; m = stem.match(POSITION)) {
      positions.unshift(POSITIONS.get(m[1])!);
      stem = stem.slice(0, m.index);
    }
  }
  // A zone named after its province or city (河北唐山芦台…, 唐山市汉沽…) starts with those names, official
  // or said (the prefix): words of their own, each the name as said (the word).
  const parents = [`${division.code.slice(0, 2)}0000`, `${division.code.slice(0, 4)}00`]
    .filter((c) => c !== division.code)
    .map((c) => divisionByCode(c))
    .filter((d): d is Division => Boolean(d))
    .flatMap((d) => [d.name, ...shortNames(d.name, d.level)].map((prefix) => ({ prefix, word: saidName(d) })))
    .filter((p) => p.prefix.length >= 2)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const words: string[] = [];
  for (let p = parents.find((n) => stem.startsWith(n.prefix) && stem.length > 0); p; p = parents.find((n) => stem.startsWith(n.prefix))) {
    words.push(p.word);
    stem = stem.slice(p.prefix.length);
  }
  if (stem) words.push(stem);
  return [...words.map(pinyinWord), ...nationalities.map((n) => nationalityEn.get(n)!), ...positions]
    .concat(kind?.en ? [kind.en] : [])
    .join(" ");
}

/**
 * The English words of a zone's kind (zones.ts names), longest first: the zones' own English (南京江北新区
 * "Jiangbei New Area", 苏州高新区 "Suzhou High-tech Zone", 南京经济技术开发区 "Nanjing Economic and
 * Technological Development Zone"), the words KINDS_EN gives the NBS zone units.
 */
const ZONE_KINDS_EN: readonly [string, string][] = [
  ["国家高新技术产业开发区", "National High-tech Industrial Development Zone"],
  ["高新技术产业开发区", "High-tech Industrial Development Zone"],
  ["经济技术开发区", "Economic and Technological Development Zone"],
  ["国家自主创新示范区", "National Innovation Demonstration Zone"],
  ["工业集中区", "Industrial Zone"],
  ["群岛新区", "Archipelago New Area"],
  ["高新区", "High-tech Zone"],
  ["经开区", "Economic and Technological Development Zone"],
  ["开发区", "Development Zone"],
  ["新区", "New Area"],
];

/** Zones whose English is no pinyin of their name: the zone's own (青岛西海岸新区's site; Harbin as the city writes itself). */
const ZONE_NAMES_EN: Readonly<Record<string, string>> = {
  青岛西海岸新区: "Qingdao West Coast New Area",
  哈尔滨新区: "Harbin New Area",
};

const zoneNames = new Map<string, string>();

/**
 * A zone's name in English, from its Chinese name (zones.ts; the Chinese name stays what is stored):
 * its province's or city's name first as a word of its own (南京江北新区 → "Nanjing Jiangbei New Area"), the
 * rest in pinyin as the place says it, then its kind in English (ZONE_KINDS_EN): 两江新区 → "Liangjiang New
 * Area", 河北雄安新区 → "Hebei Xiong'an New Area", 苏州高新区 → "Suzhou High-tech Zone". `province` is its
 * GB/T 2260 province code (two digits), whose divisions' names are the words looked for.
 */
export function englishZoneName(name: string, province: string): string {
  const known = zoneNames.get(name);
  if (known !== undefined) return known;
  const kind = ZONE_KINDS_EN.find(([zh]) => name.endsWith(zh) && name.length > zh.length);
  let stem = kind ? name.slice(0, -kind[0].length) : name;
  const official = ZONE_NAMES_EN[name];
  if (official) return official;
  // The province (by its English name: Shaanxi, Inner Mongolia) and its cities, each a word of its own.
  const parents = [divisionByCode(`${province}0000`), ...childDivisions(`${province}0000`)]
    .filter((d): d is Division => d !== undefined && d.level !== "district")
    .flatMap((d) => {
      const word = d.level === "province" ? (PROVINCES_EN[province] ?? pinyinWord(saidName(d))) : pinyinWord(saidName(d));
      return [d.name, ...shortNames(d.name, d.level)].map((prefix) => ({ prefix, word }));
    })
    .filter((p) => p.prefix.length >= 2)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const words: string[] = [];
  const next = () => parents.find((n) => stem.startsWith(n.prefix) && stem.length > n.prefix.length);
  for (let p = next(); p; p = next()) {
    words.push(p.word);
    stem = stem.slice(p.prefix.length);
  }
  if (stem) words.push(pinyinWord(stem));
  const en = [...words, ...(kind ? [kind[1]] : [])].join(" ");
  zoneNames.set(name, en);
  return en;
}

/**
 * What a person reading English sees for a zone typed or offered by its Chinese name ("江北新区", "南京江北新区"):
 * "Nanjing Jiangbei New Area (南京江北新区)", its usual Chinese name in brackets (what the regions box takes);
 * undefined when the text names no zone of zones.ts.
 */
export function englishZoneLabel(typed: string): string | undefined {
  const zone = zoneNamed(typed);
  if (!zone) return undefined;
  return `${englishZoneName(zone.name, zone.codes[0].slice(0, 2))} (${zone.name})`;
}

/** What a person reading English sees for a division: "Gaochun District (高淳区)". */
export function englishDivisionLabel(division: Pick<Division, "code" | "name">): string {
  const en = englishDivisionName(division.code);
  return en ? `${en} (${division.name})` : division.name;
}

/**
 * A division's full path as an English reader is told it, with the path to type after it:
 * "江苏省南京市高淳区" → "Gaochun District, Nanjing, Jiangsu (江苏省南京市高淳区)" (a municipality's district:
 * "Chaoyang District, Beijing (北京市朝阳区)"). Pasted back, the Chinese path decides. A path that names no
 * single division comes back as it is.
 */
export function englishPathLabel(path: string): string {
  // A zone offered by its name ("南京江北新区"): "Nanjing Jiangbei New Area (南京江北新区)" (ADR 123).
  const zone = englishZoneLabel(path);
  if (zone) return zone;
  const r = resolveRegion(path);
  if (!r.ok || r.divisions.length !== 1) return path;
  const { code } = r.divisions[0];
  const chain = [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`].map(englishDivisionName).filter((n): n is string => Boolean(n));
  return `${[...new Set(chain)].join(", ")} (${path})`;
}

/**
 * The zones of zones.ts whose English name (englishZoneName: "Suzhou High-tech Zone", "Nanjing Jiangbei New
 * Area", "Jiangning Economic and Technological Development Zone") has a word starting with each word typed,
 * in order of zones.ts, by their usual Chinese name; at most `limit`. For the picker's search in Latin
 * letters (trial 12-05: "high-tech", "new area" found no zone, as the pinyin of their Chinese names alone was
 * looked at). A query of no word of two letters or more finds none.
 */
export function searchZonesEnglish(query: string, limit = 5): string[] {
  const typed = englishWordsOf(query).filter((w) => w.length >= 2);
  if (typed.length === 0) return [];
  const out: string[] = [];
  for (const z of ZONES) {
    if (out.length >= limit) break;
    const words = englishWordsOf(englishZoneName(z.names[0], z.province));
    if (typed.every((t) => words.some((w) => w.startsWith(t)))) out.push(z.names[0]);
  }
  return out;
}

/** Lower-case Latin words, hyphens and apostrophes as in the name ("high-tech" → high, tech; "Xi'an" → xian). */
function englishWordsOf(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['’]/g, "")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}
