// The English words of division names, shared by the English labels (regions-en.ts) and the resolver's
// Latin input (regions.ts), so that whatever an English page shows can be typed back: "Diqing Tibetan
// Autonomous Prefecture", "Shaanxi", "Alashan Left Banner". No imports: both modules load this one.

/** The 31 provinces' usual English names by the first two digits of their GB/T 2260 code. Shaanxi and Inner Mongolia are not pinyin. */
export const PROVINCES_EN: Record<string, string> = {
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
/** Other English names people use for a province. */
export const PROVINCE_ALIASES_EN: Record<string, string> = { Tibet: "54" };

/**
 * Kinds of division by the end of their name, longest first, with their English words. `autonomous`:
 * nationalities are named before it (石柱土家族自治县); `banner`: a position may be (阿拉善左旗).
 */
export const KINDS_EN: { zh: string; en: string; autonomous?: true; banner?: true }[] = [
  { zh: "经济技术开发区", en: "Economic and Technological Development Zone" },
  { zh: "高新技术产业开发区", en: "High-tech Industrial Development Zone" },
  { zh: "经济开发区", en: "Economic Development Zone" },
  { zh: "开发区", en: "Development Zone" },
  { zh: "工业园区", en: "Industrial Park" },
  { zh: "园区", en: "Park" },
  { zh: "管理区管委会", en: "Administrative Zone" },
  { zh: "管理区", en: "Administrative Zone" },
  { zh: "行政委员会", en: "Administrative Committee" },
  { zh: "群岛的岛礁及其海域", en: "Islands" },
  { zh: "群岛", en: "Islands" },
  { zh: "新区", en: "New Area" },
  { zh: "新城", en: "New Town" },
  { zh: "林区", en: "Forestry District" },
  { zh: "特区", en: "Special District" },
  { zh: "自治区", en: "Autonomous Region", autonomous: true },
  { zh: "自治州", en: "Autonomous Prefecture", autonomous: true },
  { zh: "自治县", en: "Autonomous County", autonomous: true },
  { zh: "自治旗", en: "Autonomous Banner", autonomous: true, banner: true },
  { zh: "地区", en: "Prefecture" },
  { zh: "盟", en: "League" },
  { zh: "区", en: "District" },
  { zh: "县", en: "County" },
  { zh: "旗", en: "Banner", banner: true },
  { zh: "市", en: "" },
];

/** The 55 minority nationalities in the order of GB/T 3304-1991 (as they appear in autonomous units' names), with their usual English names. */
export const NATIONALITIES: [zh: string, en: string][] = [
  ...["蒙古 Mongolian", "回 Hui", "藏 Tibetan", "维吾尔 Uyghur", "苗 Miao", "彝 Yi", "壮 Zhuang", "布依 Bouyei", "朝鲜 Korean"],
  ...["满 Manchu", "侗 Dong", "瑶 Yao", "白 Bai", "土家 Tujia", "哈尼 Hani", "哈萨克 Kazakh", "傣 Dai", "黎 Li", "傈僳 Lisu"],
  ...["佤 Va", "畲 She", "高山 Gaoshan", "拉祜 Lahu", "水 Shui", "东乡 Dongxiang", "纳西 Naxi", "景颇 Jingpo", "柯尔克孜 Kyrgyz"],
  ...["土 Tu", "达斡尔 Daur", "仫佬 Mulao", "羌 Qiang", "布朗 Blang", "撒拉 Salar", "毛南 Maonan", "仡佬 Gelao", "锡伯 Xibe"],
  ...["阿昌 Achang", "普米 Pumi", "塔吉克 Tajik", "怒 Nu", "乌孜别克 Uzbek", "俄罗斯 Russian", "鄂温克 Evenki", "德昂 De'ang"],
  ...["保安 Bonan", "裕固 Yugur", "京 Gin", "塔塔尔 Tatar", "独龙 Derung", "鄂伦春 Oroqen", "赫哲 Hezhen", "门巴 Monba"],
  ...["珞巴 Lhoba", "基诺 Jino"],
].map((s) => s.split(" ") as [string, string]);

/** A banner's position (阿拉善左旗 Alashan Left Banner, 科尔沁右翼前旗 Ke'erqin Right Wing Front Banner). */
export const POSITIONS_EN: [zh: string, en: string][] = [
  ["左翼", "Left Wing"],
  ["右翼", "Right Wing"],
  ["左", "Left"],
  ["右", "Right"],
  ["前", "Front"],
  ["中", "Middle"],
  ["后", "Rear"],
];
