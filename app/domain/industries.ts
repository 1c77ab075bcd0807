// GB/T 4754-2017《国民经济行业分类》(Industrial classification for national
// economic activities): the 20 sections (门类, A–T) and 97 divisions (大类, 01–97).
// Framework-free: data plus pure helpers, no imports.
//
// Codes used throughout: a section is its letter ("C"); a division is the section
// letter followed by the two-digit division number ("C39"). Division numbers are
// unique across the whole standard, so a bare "39" unambiguously means "C39".

export type IndustrySection = {
  /** Section letter, e.g. "C". */
  code: string;
  /** Official Chinese name, e.g. "制造业". */
  zh: string;
  /** English name, e.g. "Manufacturing". */
  en: string;
};

export type IndustryDivision = {
  /** Section letter + two-digit division, e.g. "C39". */
  code: string;
  /** Section letter, e.g. "C". */
  section: string;
  /** Two-digit division number, e.g. "39". */
  division: string;
  /** Official Chinese name. */
  zh: string;
  /** English name. */
  en: string;
};

export type IndustryFit = "division" | "section-focus" | "same-section" | "none";

export const INDUSTRY_SECTIONS: readonly IndustrySection[] = Object.freeze(
  (
    [
      ["A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"],
      ["B", "采矿业", "Mining"],
      ["C", "制造业", "Manufacturing"],
      ["D", "电力、热力、燃气及水生产和供应业", "Production and supply of electricity, heat, gas and water"],
      ["E", "建筑业", "Construction"],
      ["F", "批发和零售业", "Wholesale and retail trade"],
      ["G", "交通运输、仓储和邮政业", "Transport, storage and postal services"],
      ["H", "住宿和餐饮业", "Accommodation and catering"],
      ["I", "信息传输、软件和信息技术服务业", "Information transmission, software and information technology services"],
      ["J", "金融业", "Finance"],
      ["K", "房地产业", "Real estate"],
      ["L", "租赁和商务服务业", "Leasing and business services"],
      ["M", "科学研究和技术服务业", "Scientific research and technical services"],
      ["N", "水利、环境和公共设施管理业", "Water conservancy, environment and public facilities management"],
      ["O", "居民服务、修理和其他服务业", "Resident services, repair and other services"],
      ["P", "教育", "Education"],
      ["Q", "卫生和社会工作", "Health and social work"],
      ["R", "文化、体育和娱乐业", "Culture, sports and entertainment"],
      ["S", "公共管理、社会保障和社会组织", "Public administration, social security and social organizations"],
      ["T", "国际组织", "International organizations"],
    ] as const
  ).map(([code, zh, en]) => Object.freeze({ code, zh, en })),
);

export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = Object.freeze(
  (
    [
      // A 农、林、牧、渔业 (01–05)
      ["A", "01", "农业", "Agriculture (crop farming)"],
      ["A", "02", "林业", "Forestry"],
      ["A", "03", "畜牧业", "Animal husbandry"],
      ["A", "04", "渔业", "Fishery"],
      ["A", "05", "农、林、牧、渔专业及辅助性活动", "Support activities for agriculture, forestry, animal husbandry and fishery"],
      // B 采矿业 (06–12)
      ["B", "06", "煤炭开采和洗选业", "Mining and washing of coal"],
      ["B", "07", "石油和天然气开采业", "Extraction of petroleum and natural gas"],
      ["B", "08", "黑色金属矿采选业", "Mining and processing of ferrous metal ores"],
      ["B", "09", "有色金属矿采选业", "Mining and processing of non-ferrous metal ores"],
      ["B", "10", "非金属矿采选业", "Mining and processing of non-metallic minerals"],
      ["B", "11", "开采专业及辅助性活动", "Mining support activities"],
      ["B", "12", "其他采矿业", "Other mining"],
      // C 制造业 (13–43)
      ["C", "13", "农副食品加工业", "Processing of agricultural and sideline food products"],
      ["C", "14", "食品制造业", "Manufacture of food products"],
      ["C", "15", "酒、饮料和精制茶制造业", "Manufacture of liquor, beverages and refined tea"],
      ["C", "16", "烟草制品业", "Manufacture of tobacco products"],
      ["C", "17", "纺织业", "Manufacture of textiles"],
      ["C", "18", "纺织服装、服饰业", "Manufacture of textile apparel and accessories"],
      ["C", "19", "皮革、毛皮、羽毛及其制品和制鞋业", "Manufacture of leather, fur, feather and related products, and footwear"],
      ["C", "20", "木材加工和木、竹、藤、棕、草制品业", "Wood processing and manufacture of wood, bamboo, rattan, palm and straw products"],
      ["C", "21", "家具制造业", "Manufacture of furniture"],
      ["C", "22", "造纸和纸制品业", "Manufacture of paper and paper products"],
      ["C", "23", "印刷和记录媒介复制业", "Printing and reproduction of recorded media"],
      [
        "C",
        "24",
        "文教、工美、体育和娱乐用品制造业",
        "Manufacture of articles for culture, education, arts and crafts, sports and entertainment",
      ],
      ["C", "25", "石油、煤炭及其他燃料加工业", "Processing of petroleum, coal and other fuels"],
      ["C", "26", "化学原料和化学制品制造业", "Manufacture of chemical raw materials and chemical products"],
      ["C", "27", "医药制造业", "Manufacture of pharmaceuticals"],
      ["C", "28", "化学纤维制造业", "Manufacture of chemical fibres"],
      ["C", "29", "橡胶和塑料制品业", "Manufacture of rubber and plastic products"],
      ["C", "30", "非金属矿物制品业", "Manufacture of non-metallic mineral products"],
      ["C", "31", "黑色金属冶炼和压延加工业", "Smelting and pressing of ferrous metals"],
      ["C", "32", "有色金属冶炼和压延加工业", "Smelting and pressing of non-ferrous metals"],
      ["C", "33", "金属制品业", "Manufacture of fabricated metal products"],
      ["C", "34", "通用设备制造业", "Manufacture of general-purpose machinery"],
      ["C", "35", "专用设备制造业", "Manufacture of special-purpose machinery"],
      ["C", "36", "汽车制造业", "Manufacture of automobiles"],
      ["C", "37", "铁路、船舶、航空航天和其他运输设备制造业", "Manufacture of railway, ship, aerospace and other transport equipment"],
      ["C", "38", "电气机械和器材制造业", "Manufacture of electrical machinery and equipment"],
      ["C", "39", "计算机、通信和其他电子设备制造业", "Manufacture of computers, communication and other electronic equipment"],
      ["C", "40", "仪器仪表制造业", "Manufacture of measuring instruments and meters"],
      ["C", "41", "其他制造业", "Other manufacturing"],
      ["C", "42", "废弃资源综合利用业", "Comprehensive utilization of waste resources"],
      ["C", "43", "金属制品、机械和设备修理业", "Repair of fabricated metal products, machinery and equipment"],
      // D 电力、热力、燃气及水生产和供应业 (44–46)
      ["D", "44", "电力、热力生产和供应业", "Production and supply of electricity and heat"],
      ["D", "45", "燃气生产和供应业", "Production and supply of gas"],
      ["D", "46", "水的生产和供应业", "Production and supply of water"],
      // E 建筑业 (47–50)
      ["E", "47", "房屋建筑业", "Building construction"],
      ["E", "48", "土木工程建筑业", "Civil engineering construction"],
      ["E", "49", "建筑安装业", "Construction installation"],
      ["E", "50", "建筑装饰、装修和其他建筑业", "Building decoration, renovation and other construction"],
      // F 批发和零售业 (51–52)
      ["F", "51", "批发业", "Wholesale trade"],
      ["F", "52", "零售业", "Retail trade"],
      // G 交通运输、仓储和邮政业 (53–60)
      ["G", "53", "铁路运输业", "Railway transport"],
      ["G", "54", "道路运输业", "Road transport"],
      ["G", "55", "水上运输业", "Water transport"],
      ["G", "56", "航空运输业", "Air transport"],
      ["G", "57", "管道运输业", "Pipeline transport"],
      ["G", "58", "多式联运和运输代理业", "Multimodal transport and transport agency services"],
      ["G", "59", "装卸搬运和仓储业", "Cargo handling and warehousing"],
      ["G", "60", "邮政业", "Postal services"],
      // H 住宿和餐饮业 (61–62)
      ["H", "61", "住宿业", "Accommodation"],
      ["H", "62", "餐饮业", "Catering"],
      // I 信息传输、软件和信息技术服务业 (63–65)
      ["I", "63", "电信、广播电视和卫星传输服务", "Telecommunications, broadcasting and satellite transmission services"],
      ["I", "64", "互联网和相关服务", "Internet and related services"],
      ["I", "65", "软件和信息技术服务业", "Software and information technology services"],
      // J 金融业 (66–69)
      ["J", "66", "货币金融服务", "Monetary and financial services"],
      ["J", "67", "资本市场服务", "Capital market services"],
      ["J", "68", "保险业", "Insurance"],
      ["J", "69", "其他金融业", "Other financial services"],
      // K 房地产业 (70)
      ["K", "70", "房地产业", "Real estate"],
      // L 租赁和商务服务业 (71–72)
      ["L", "71", "租赁业", "Leasing"],
      ["L", "72", "商务服务业", "Business services"],
      // M 科学研究和技术服务业 (73–75)
      ["M", "73", "研究和试验发展", "Research and experimental development"],
      ["M", "74", "专业技术服务业", "Professional and technical services"],
      ["M", "75", "科技推广和应用服务业", "Technology promotion and application services"],
      // N 水利、环境和公共设施管理业 (76–79)
      ["N", "76", "水利管理业", "Water conservancy management"],
      ["N", "77", "生态保护和环境治理业", "Ecological protection and environmental governance"],
      ["N", "78", "公共设施管理业", "Public facilities management"],
      ["N", "79", "土地管理业", "Land management"],
      // O 居民服务、修理和其他服务业 (80–82)
      ["O", "80", "居民服务业", "Resident services"],
      ["O", "81", "机动车、电子产品和日用产品修理业", "Repair of motor vehicles, electronic products and household goods"],
      ["O", "82", "其他服务业", "Other services"],
      // P 教育 (83)
      ["P", "83", "教育", "Education"],
      // Q 卫生和社会工作 (84–85)
      ["Q", "84", "卫生", "Health"],
      ["Q", "85", "社会工作", "Social work"],
      // R 文化、体育和娱乐业 (86–90)
      ["R", "86", "新闻和出版业", "News and publishing"],
      ["R", "87", "广播、电视、电影和录音制作业", "Radio, television, film and sound recording production"],
      ["R", "88", "文化艺术业", "Culture and arts"],
      ["R", "89", "体育", "Sports"],
      ["R", "90", "娱乐业", "Entertainment"],
      // S 公共管理、社会保障和社会组织 (91–96)
      ["S", "91", "中国共产党机关", "Organs of the Communist Party of China"],
      ["S", "92", "国家机构", "State organs"],
      ["S", "93", "人民政协、民主党派", "CPPCC and democratic parties"],
      ["S", "94", "社会保障", "Social security"],
      ["S", "95", "群众团体、社会团体和其他成员组织", "Mass organizations, social organizations and other membership organizations"],
      ["S", "96", "基层群众自治组织及其他组织", "Grassroots self-governing organizations and other organizations"],
      // T 国际组织 (97)
      ["T", "97", "国际组织", "International organizations"],
    ] as const
  ).map(([section, division, zh, en]) => Object.freeze({ code: `${section}${division}`, section, division, zh, en })),
);

const SECTION_BY_CODE: ReadonlyMap<string, IndustrySection> = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s]));

const DIVISION_BY_NUMBER: ReadonlyMap<string, IndustryDivision> = new Map(INDUSTRY_DIVISIONS.map((d) => [d.division, d]));

const CANONICAL_CODES: ReadonlySet<string> = new Set([...INDUSTRY_SECTIONS.map((s) => s.code), ...INDUSTRY_DIVISIONS.map((d) => d.code)]);

/**
 * Canonicalise user/CSV input to a section letter ("C") or a division code ("C39").
 * Tolerates case, surrounding/inner whitespace and full-width characters; a bare
 * two-digit division ("39") gets its section letter prepended. A letter that does
 * not match the division ("A39") or anything not in the standard gives null.
 */
export function normalizeIndustryCode(input: string | null | undefined): string | null {
  if (input == null) return null; // a phone lead may not have one yet (docs/decisions/029)
  if (CANONICAL_CODES.has(input)) return input; // stored codes are canonical: the matcher's hot path
  if (typeof input !== "string") return null;
  const s = input.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (/^[A-Z]$/.test(s)) return SECTION_BY_CODE.has(s) ? s : null;
  const m = /^([A-Z]?)(\d{2})$/.exec(s);
  if (!m) return null;
  const div = DIVISION_BY_NUMBER.get(m[2]);
  if (!div) return null;
  if (m[1] !== "" && m[1] !== div.section) return null;
  return div.code;
}

/** The section or division for a code (any form normalizeIndustryCode accepts). */
export function findIndustry(code: string | null | undefined): IndustrySection | IndustryDivision | undefined {
  const c = normalizeIndustryCode(code);
  if (c === null) return undefined;
  return c.length === 1 ? SECTION_BY_CODE.get(c) : DIVISION_BY_NUMBER.get(c.slice(1));
}

/** Section letter of a section or division code: "C39" → "C", "C" → "C"; unknown → null. */
export function sectionOf(code: string | null | undefined): string | null {
  const c = normalizeIndustryCode(code);
  return c === null ? null : c.charAt(0);
}

/** "C39 计算机、通信和其他电子设备制造业" / "C39 Manufacture of computers, …"; unknown → the input as given; none → "". */
export function industryLabel(code: string | null | undefined, lng: "zh" | "en"): string {
  const item = findIndustry(code);
  if (!item) return code ?? "";
  return `${item.code} ${lng === "en" ? item.en : item.zh}`;
}

/**
 * How well a lead's industry fits a park's focus list:
 *  - "division":      the lead's division is listed;
 *  - "section-focus": the park lists the lead's whole section (e.g. "C" covers all
 *                     manufacturing) — a full fit;
 *  - "same-section":  the park lists another division in the lead's section (or, for a
 *                     section-only lead, any division in that section);
 *  - "none":          otherwise, or when the lead's code is unknown.
 * Unknown entries in the focus list are ignored.
 */
export function industryFit(leadCode: string | null | undefined, parkFocus: readonly string[]): IndustryFit {
  const lead = normalizeIndustryCode(leadCode);
  if (lead === null) return "none";
  const leadSection = lead.charAt(0);
  const focus = parkFocus.map((f) => normalizeIndustryCode(f)).filter((f): f is string => f !== null);

  if (lead.length === 3 && focus.includes(lead)) return "division";
  if (focus.includes(leadSection)) return "section-focus";
  if (focus.some((f) => f.length === 3 && f.charAt(0) === leadSection)) return "same-section";
  return "none";
}

/**
 * Whether a lead's industry is on an exclusion list that may hold divisions ("C26")
 * or whole sections ("B"). A section-only lead ("C") is excluded only when its whole
 * section is; an unknown lead code is never excluded. Unknown list entries are ignored.
 */
export function isIndustryExcluded(leadCode: string | null | undefined, excluded: readonly string[]): boolean {
  const lead = normalizeIndustryCode(leadCode);
  if (lead === null) return false;
  const leadSection = lead.charAt(0);
  return excluded.some((e) => {
    const x = normalizeIndustryCode(e);
    return x !== null && (x === lead || x === leadSection);
  });
}
