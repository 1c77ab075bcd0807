import { type Division, divisionByCode, NATIONALITIES, pinyinSyllables } from "./regions";

// English names of GB/T 2260 divisions, for the pages in English: the 31 provinces by their usual English
// names (Inner Mongolia, Shaanxi beside Shanxi — pinyin alone cannot tell those two apart), every other
// division as its name in Hanyu Pinyin (GB/T 16159: syllables joined per word, an apostrophe before a
// syllable that starts with a, o or e — Xi'an) followed by its kind in English (区 District, 县 County,
// 旗 Banner, 自治州 Autonomous Prefecture…), the usual form in China's own English (Gaochun District).
// The Chinese name stays what is stored and matched; this is a label only. Server-only (pinyin-pro).

const PROVINCES: Record<string, string> = {
  "11": "Beijing",
  "12": "Tianjin",
  "13": "Hebei",
  "14": "Shanxi",
  "15": "Inner Mongolia",
  "21": "Liaoning",
  "22": "Jilin",
  "23": "Heilongjiang",
  "31": "Shanghai",
  "32": "Jiangsu",
  "33": "Zhejiang",
  "34": "Anhui",
  "35": "Fujian",
  "36": "Jiangxi",
  "37": "Shandong",
  "41": "Henan",
  "42": "Hubei",
  "43": "Hunan",
  "44": "Guangdong",
  "45": "Guangxi",
  "46": "Hainan",
  "50": "Chongqing",
  "51": "Sichuan",
  "52": "Guizhou",
  "53": "Yunnan",
  "54": "Xizang",
  "61": "Shaanxi",
  "62": "Gansu",
  "63": "Qinghai",
  "64": "Ningxia",
  "65": "Xinjiang",
};

/** Kinds of division by the end of their name, longest first; `autonomous` ones name nationalities before them. */
const KINDS: { suffix: RegExp; en: string; autonomous?: true; banner?: true }[] = [
  { suffix: /经济技术开发区$/, en: "Economic and Technological Development Zone" },
  { suffix: /高新技术产业开发区$/, en: "High-tech Industrial Development Zone" },
  { suffix: /经济开发区$/, en: "Economic Development Zone" },
  { suffix: /开发区$/, en: "Development Zone" },
  { suffix: /工业园区$/, en: "Industrial Park" },
  { suffix: /园区$/, en: "Park" },
  { suffix: /管理区(?:管委会)?$/, en: "Administrative Zone" },
  { suffix: /行政委员会$/, en: "Administrative Committee" },
  { suffix: /群岛(?:的岛礁及其海域)?$/, en: "Islands" },
  { suffix: /新区$/, en: "New Area" },
  { suffix: /新城$/, en: "New Town" },
  { suffix: /林区$/, en: "Forestry District" },
  { suffix: /特区$/, en: "Special District" },
  { suffix: /自治州$/, en: "Autonomous Prefecture", autonomous: true },
  { suffix: /自治县$/, en: "Autonomous County", autonomous: true },
  { suffix: /自治旗$/, en: "Autonomous Banner", autonomous: true, banner: true },
  { suffix: /地区$/, en: "Prefecture" },
  { suffix: /盟$/, en: "League" },
  { suffix: /区$/, en: "District" },
  { suffix: /县$/, en: "County" },
  { suffix: /旗$/, en: "Banner", banner: true },
  { suffix: /市$/, en: "" },
];

// The nationalities' usual English names, in the order of GB/T 3304 (as NATIONALITIES): pinyin would read 藏 as cang.
const NATIONALITIES_EN = (
  "Mongolian Hui Tibetan Uyghur Miao Yi Zhuang Bouyei Korean Manchu Dong Yao Bai Tujia Hani Kazakh Dai Li Lisu Va She " +
  "Gaoshan Lahu Shui Dongxiang Naxi Jingpo Kyrgyz Tu Daur Mulao Qiang Blang Salar Maonan Gelao Xibe Achang Pumi Tajik Nu " +
  "Uzbek Russian Evenki De'ang Bonan Yugur Gin Tatar Derung Oroqen Hezhen Monba Lhoba Jino"
).split(" ");
const nationalityEn = new Map(NATIONALITIES.map((n, i) => [n, NATIONALITIES_EN[i]]));

const NATIONALITY = new RegExp(`(${[...NATIONALITIES].sort((a, b) => b.length - a.length).join("|")})族?$`);

/** One word in pinyin: 西安 → Xi'an, 高淳 → Gaochun. */
function pinyinWord(text: string): string {
  const word = pinyinSyllables(text)
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join("");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A province's or city's name without its kind (河北省 → 河北, 唐山市 → 唐山), to split a zone's name into words. */
function shortName(name: string): string {
  return name.replace(/(?:自治区|特别行政区|自治州|地区|[省市盟])$/, "").replace(NATIONALITY, "");
}

const POSITIONS: Record<string, string> = {
  左翼: "Left Wing",
  右翼: "Right Wing",
  左: "Left",
  右: "Right",
  前: "Front",
  中: "Middle",
  后: "Rear",
};
const POSITION = /(左翼|右翼|[左右前中后])$/;

const cache = new Map<string, string>();

/**
 * The English name of a division: `320000` → "Jiangsu", `320118` → "Gaochun District", `500240` →
 * "Shizhu Tujia Autonomous County", `533400` → "Diqing Tibetan Autonomous Prefecture", `130271` → "Hebei Tangshan Lutai Economic Development Zone"
 * (a zone's name that starts with its province or city is split there). Undefined for an unknown code.
 */
export function englishDivisionName(code: string): string | undefined {
  const known = cache.get(code);
  if (known !== undefined) return known;
  const division = divisionByCode(code);
  if (!division) return undefined;
  const name = division.level === "province" ? (PROVINCES[code.slice(0, 2)] ?? pinyinWord(shortName(division.name))) : inPinyin(division);
  cache.set(code, name);
  return name;
}

function inPinyin(division: Division): string {
  const kind = KINDS.find((k) => k.suffix.test(division.name));
  let stem = kind ? division.name.replace(kind.suffix, "") : division.name;
  if (stem.length === 0) stem = division.name;
  // Nationalities named before 自治县/州/旗 are words of their own (石柱土家族 → Shizhu Tujia).
  const nationalities: string[] = [];
  if (kind?.autonomous) {
    // 鄂温克族自治旗: the nationality is the whole name (Evenki Autonomous Banner).
    for (let m = stem.match(NATIONALITY); m; m = stem.match(NATIONALITY)) {
      nationalities.unshift(m[1]);
      stem = stem.slice(0, m.index);
    }
  }
  // A banner's position is said in English (阿拉善左旗 Alashan Left Banner, 科尔沁右翼前旗 Ke'erqin Right Wing Front Banner).
  const positions: string[] = [];
  if (kind?.banner) {
    for (let m = stem.match(POSITION); m && m.index! > 0; m = stem.match(POSITION)) {
      positions.unshift(POSITIONS[m[1]]);
      stem = stem.slice(0, m.index);
    }
  }
  // A zone named after its province or city (河北唐山芦台…, 唐山市汉沽…) starts with those names: words of their own.
  const parents = [`${division.code.slice(0, 2)}0000`, `${division.code.slice(0, 4)}00`]
    .filter((c) => c !== division.code)
    .map((c) => divisionByCode(c)?.name)
    .filter((n): n is string => Boolean(n))
    .flatMap((n) => [n, shortName(n)])
    .filter((n) => n.length >= 2)
    .sort((a, b) => b.length - a.length);
  const words: string[] = [];
  for (let p = parents.find((n) => stem.startsWith(n) && stem.length > 0); p; p = parents.find((n) => stem.startsWith(n))) {
    words.push(shortName(p));
    stem = stem.slice(p.length);
  }
  if (stem) words.push(stem);
  return [...words.map(pinyinWord), ...nationalities.map((n) => nationalityEn.get(n)!), ...positions]
    .concat(kind?.en ? [kind.en] : [])
    .join(" ");
}

/** What a person reading English sees for a division: "Gaochun District (高淳区)". */
export function englishDivisionLabel(division: Pick<Division, "code" | "name">): string {
  const en = englishDivisionName(division.code);
  return en ? `${en} (${division.name})` : division.name;
}
