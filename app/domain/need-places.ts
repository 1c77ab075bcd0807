import { NOTES_MAX } from "./field-limits";
import { foldText } from "./fold-text";
import { CORRECTION, CORRECTION_OPEN } from "./place-phrases";

/**
 * Places named in a typed need ("要5000平单层厂房，在高淳，明年3月前入驻" → 高淳), found by the words that
 * mark a place in Chinese notes — never by a list of names: this module holds no division data and runs
 * in the browser too (the public form's preview). Whether a place names a division, and which, is the
 * server's to decide (app/domain/note-regions.ts, through the region resolver); here we only cut the
 * words out, preferring to miss a place over cutting a non-place.
 *
 * A place is marked by:
 * - a word before it: 在X, 去X, 靠近X / 临近X / 邻近X, 落户X, 搬到X / 迁到X / 迁往X — X running up to a
 *   boundary (punctuation, 或/和/、, 附近/周边/一带, 的, 租/买/找, …);
 * - its kind after it: X区 / X县 / X市 / X镇 / X新区 / X开发区 (2–6 characters before the kind, the
 *   need words and particles before it cut off: "要江宁区的厂房" → 江宁区);
 * - "X或(者)Y", "X、Y", "X和Y" after a marked place: each is one ("在高淳或者溧水" → 高淳, 溧水).
 *
 * Not places: the present location ("公司在江宁", "目前在高淳": where the caller is, not where they want
 * to be; company.location holds it), a name followed by a company word ("高淳机械有限公司", "高淳机械厂"),
 * kinds of zone that are no place ("高新区", "开发区", "园区", "工业区", "市场"), and words with a digit,
 * a date or a storey in them ("在3月前", "在一楼").
 */
export type PlaceMention = {
  /** The place as typed (Traditional kept), with its kind if one was typed: "高淳", "江宁区", "南京江宁". */
  text: string;
  /** Where it is in the typed notes: [start, end) in UTF-16 units. */
  span: [number, number];
};

/**
 * Ends a place after a marker word — a stance word after it too (readers40: "在江宁区除外" read the place "江宁区除外", unknown).
 */
const BOUNDARY =
  "(?=$|[\\s，。；;,!?！？、:：()（）/|&+>]|或者|或是|或|还是|和|以及|及|与|跟|附近|周边|一带|那边|这边|那里|这里|一片|片区|区域|范围|都行|都可|均可|皆可|都好|也行|也可|优先|为主|最好|比较|的|再|还|先|就|能|租|买|找|建|选|有|要|想|看|考察|参观|入驻|落户|办厂|开厂|设厂|除外|除开|除去|以外|之外|排除|不要|不考虑|不行|不去|不可|不用|不需要|不合适|不方便|太远|太偏|太贵|可以|没问题|能接受)";
/** Characters a place can be made of: Han characters, no numerals written as digits, no punctuation. */
const HAN = "\\p{Script=Han}";
/**
 * A label, then the place (ADR 140, trial H1): "地点：高淳", "位置:江宁", "意向区域：江宁、浦口", "选址：溧水" — people write
 * their notes as a form of their own. Full-width and half-width colons; 意向/目标/期望 before, 要求/意向/偏好 after.
 */
export const PLACE_LABEL =
  "(?:(?:意向|目标|期望|希望|理想|首选|所需|拟|所在)?(?:地点|位置|区域|地区|区位|选址|地址|落户地|地段|所在区域|区县|县区|行政区)(?:要求|意向|偏好|范围|选择|倾向)?" +
  // A choice's label (places34): "首选：江宁，备选：浦口" — note-regions.ts reads which comes first.
  "|首选|备选|次选|候选|第[一二三]选择|第[一二三]志愿)" +
  // A colon, or a dash (places34: "地点 - 江宁"; the notes are folded, every dash is "-"), not an arrow.
  "\\s*(?:[:：]|-+(?!>))";
const MARKER = `(?:(?<![正还现都也就实存所自不])在|(?<![过失])去(?![年])|靠近|临近|邻近|落户|落地|搬到|搬去|迁到|迁往|迁至|${PLACE_LABEL})`;
/** "公司地址：", "注册地址:": a label of where the company is, not of where it wants to be (ADR 140). */
const PRESENT_LABEL =
  "(?:公司|工厂|厂子|我司|本公司|总部|注册|目前|现在|现|原|家庭|住|通讯|联系|办公|企业)\\s*(?:的)?\\s*(?:所在)?(?:地址|地点|位置|所在地|区县|县区)\\s*(?:[:：]|-+(?!>))";
/** "公司在江宁", "目前位于高淳": where the caller is now, just before the place. */
/**
 * The premises the caller has now, then 在/位于 (attack 12-05h H7): "现有厂房在江宁", "我们现在的厂房在浦口", "目前的公司在江宁",
 * "原来的仓库位于高淳" — where they are (company.location), never where they want to be.
 */
const PREMISES_AT =
  "(?:现有|现在|目前|当前|眼下|原有|原来|之前|以前|我们|我司|自己|自有)\\s*(?:的)?\\s*(?:自有|租的|租赁的|自建)?\\s*(?:的)?\\s*(?:厂房|工厂|厂子|厂区|公司|仓库|库房|车间|办公室|办公楼|场地|基地|生产基地|园区)\\s*(?:是|就|也|都)?\\s*(?:在|位于)";
const PRESENT = new RegExp(
  `(?:(?:公司|工厂|厂子|我们|我司|本公司|总部|目前|现在|现|原来|之前|本来|以前|住|家)\\s*(?:在|位于)|${PREMISES_AT}|${PRESENT_LABEL})\\s*$`,
  "u",
);
const AFTER_MARKER = new RegExp(`${MARKER}\\s*(?<name>${HAN}{2,8}?)${BOUNDARY}`, "gu");
/** The kinds that mark a place after it; 区域, 市场, 县城, 区县 and the like are other words. */
const KIND = "(?:经济技术开发区|经济开发区|开发区|新区|(?<!县)区(?![域别分县])|(?<!区)县(?![城区])|市(?![场值民政面价])|镇|省)";
const ENDS_IN_KIND = new RegExp(`${KIND}$`, "u");
/** Whether a place as typed ends in its kind ("江宁区", "高淳县"): then it is a place even when no division has that name. */
export function hasPlaceKind(text: string): boolean {
  return ENDS_IN_KIND.test(text);
}
/**
 * Up to three parts, each with its kind ("南京市高淳区" is one place, not 南京市 and 高淳区). A part after
 * the first never starts with 或 / 还是: "高淳区或溧水区" is two places (the second by `chain`), not one
 * whose front the need words cut off (no division's name starts with either).
 */
const BEFORE_KIND = new RegExp(`(?<name>${HAN}{2,6}?${KIND}(?:(?!或|还是)${HAN}{2,6}?${KIND}){0,2})`, "gu");
/**
 * What joins two places: "高淳或者溧水", "高淳、溧水", "高淳和溧水", "高淳以及溧水"; and the signs people type
 * between names (places34): "江宁/浦口", "江宁|浦口", "江宁&浦口", "江宁+浦口", "江宁 > 浦口" (an order of preference: each is one of
 * the places, none preferred); full-width too (the text is folded).
 */
export const PLACE_JOINER = "或者|或是|或|还是|和|以及|及|与|跟|、|/|\\||&|\\+|>(?!>)";
/**
 * What people add after the places in a regions box, as they do in notes ("江宁、溧水都行", "江宁优先"):
 * cut off each name the box holds (splitRegions), never a place of its own — 新片区 is a zone's kind
 * (临港新片区, ADR 113), kept for the resolver to name.
 */
export const REGION_TRAILER = /(?:都行|都可以|都可|均可|皆可|都好|都没问题|也行|也可|优先|为主|附近|周边|一带|一片|(?<!新)片区|等地)+$/u;
/**
 * Joiners of two places in a regions box besides its separators: words no division's name holds (或 alone
 * too: of GB/T 2260's names only towns and villages hold it, 隆或镇, below what the box resolves).
 */
export const REGION_JOINER = /或者|或是|还是|或/u;

/** Only a joiner between two places: they are one list. */
// Blanks, not a line break: a line is a list of its own (attack 12-05g H9: "江宁、浦口\n六合不要" ruled out all three).
export const JOINED = new RegExp(`^[^\\S\\n]*(?:${PLACE_JOINER}|,[^\\S\\n]*(?:or|and)?|or|and|&)?[^\\S\\n]*$`, "iu");

/** "，就是" alone between two places ("江宁，就是浦口"): it is Pukou — a correction (docs/decisions/168). */
const JIUSHI_BETWEEN = /^[^\S\n]*(?:区|县|市)?[^\S\n]*[，,][^\S\n]*就是[^\S\n]*(?:在|去)?[^\S\n]*$/u;
/** A refusal right before the first place ("不是江宁，就是浦口", "不要江宁，就是浦口"): a contrast, not a correction (ADR 154, 161). */
const REFUSED_RIGHT_BEFORE = /(?:不是|不要|不在|不去|不考虑|不选|别|除了|排除)[^\S\n]*(?:在|去)?[^\S\n]*$/u;
/** The clause ends right after the second place ("江宁，就是浦口。"); "江宁，就是浦口也行" says more than a correction. */
const CLAUSE_ENDS_AFTER = /^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:吧|啊|呀|了)?[^\S\n]*(?:$|[，。；;,!?！？\n])/u;

/**
 * Which of `places` (in the order typed, spans into `notes`) a correction after them takes back: "要江宁，不对，是浦口", "江宁，说错了，
 * 浦口", "Jiangning, I mean Pukou" (place-phrases.ts CORRECTION), and "江宁，就是浦口" with nothing refusing 江宁 before it and the
 * clause ending after 浦口 (docs/decisions/168; "不是江宁，就是浦口" is ADR 154's contrast). A list before the correction is taken back
 * whole ("江宁、浦口，不对，六合"). THE rule for the server's reader (note-regions.ts: neither wanted nor ruled out, told unread) and
 * the live preview (assist-preview.ts: not shown among the places to check). Browser-safe: words only.
 */
export function takenBackPlaces(notes: string, places: readonly PlaceMention[]): boolean[] {
  const out = places.map(() => false);
  for (let i = 0; i + 1 < places.length; i++) {
    const [p, q] = [places[i], places[i + 1]];
    const between = notes.slice(p.span[1], q.span[0]);
    const jiushi =
      JIUSHI_BETWEEN.test(between) &&
      !REFUSED_RIGHT_BEFORE.test(notes.slice(Math.max(0, p.span[0] - 8), p.span[0])) &&
      CLAUSE_ENDS_AFTER.test(notes.slice(q.span[1], q.span[1] + 12));
    if (!jiushi && !CORRECTION.test(between.slice(0, 40))) continue;
    for (let k = i; k >= 0 && (k === i || JOINED.test(notes.slice(places[k].span[1], places[k + 1].span[0]))); k--) out[k] = true;
  }
  return out;
}

/** Another place after a marked one. */
const ANOTHER = new RegExp(`^\\s*(?:${PLACE_JOINER})\\s*(?<name>${HAN}{2,8}?)${BOUNDARY}`, "u");

/**
 * A figure of a size or a count right after a place ("江宁5000平", "江宁或浦口5000平", "溧水 10亩", "江宁+5000平", "江宁>5000平",
 * "江宁2栋"): the place of the site asked for, as "江宁，5000平" is (attack 12-05g H8: such places were dropped silently). Folded text.
 */
export const FIGURE_AFTER = "[+]?\\s*(?:[>≥]=?)?\\s*\\d[\\d,.]*\\s*(?:万|千|k)?\\s*(?:平|㎡|m²|m2|亩|栋|幢|块|sqm|sq|公顷)";
/**
 * A building's or a road's label between a place and its figure ("江宁A栋3000平", "江宁3号路5000平", "江宁A区5000平", "江宁B-2栋，5000平";
 * attack 12-05h M3: the place was lost silently). Optional, bounded: 1–2 letters and 2 digits, or 3 digits and 号.
 */
export const BUILDING_LABEL = "(?:(?:[A-Za-z]{1,2}-?\\d{0,2}|\\d{1,3}号)\\s*(?:栋|幢|号楼|楼|区|座|号路|路|号)?\\s*[，,]?\\s*)?";
/** Words after a list that say its places will do, for names in Latin letters in Chinese notes too (need-places-en.ts). */
export const LIST_OK_ZH = "都可以|都行|都可|均可|也行|可以|优先";
/** Chinese area units after a figure beside a name in Latin letters ("Jiangning 5000平"; need-places-en.ts). */
export const AREA_UNITS_ZH = "平|亩";
/** What may follow places named without a marker (read on the server, note-regions.ts): a clause's end, "都行", "附近", "的厂房", "租". */
export const AFTER_UNMARKED = new RegExp(
  // A line's end too (attack 12-05g H9: "江宁、浦口\n六合不要": the list of the line before is its own).
  "^\\s*(?:$|(?<=\\n)|" +
    BUILDING_LABEL +
    FIGURE_AFTER +
    // A joiner then a refusal of the next ("江宁|浦口|不要六合", "江宁/浦口/不要六合"; attack 12-05h M3: 江宁, 浦口 were lost).
    "|\\s*(?:[/|&+、])\\s*(?:不要|不考虑|不选|不去|排除|拒绝|别)" +
    "|[，。；;,!?！？:：)）(（【\\[]|都行|都可|均可|皆可|都好|都没问题|也行|也可|优先|为主|最好|附近|周边|一带|那边|这边|那里|这里|一片|片区|区域|范围" +
    "|的(?:厂房|仓库|库房|冷库|土地|用地|地块|地皮|工业用地|办公|写字楼|研发楼|楼宇|园区|产业园|工业园|车间|标准厂房|单层|多层|物业|空间|场地|房源|地方|位置)" +
    "|租|买|找|选址|落地|落户|入驻|建厂|办厂|设厂)",
  "u",
);
/** "我们南京江宁的厂房", "公司位于南京江宁，": where the caller is, not where they want to be. */
export const PRESENT_UNMARKED = new RegExp(
  `(?:(?:公司|工厂|厂子|我们|我司|本公司|总部|目前|现在|现|原来|之前|本来|以前|住|家|来自|地处|注册地?)\\s*(?:在|位于|是)?|${PREMISES_AT}|${PRESENT_LABEL}\\s*)$`,
  "u",
);
/** Need words and particles cut off the front of a place found by its kind ("单层厂房江宁区" → 江宁区). */
const LEADING =
  /^.*(?:厂房|仓库|办公楼|办公|土地|用地|车间|单层|多层|面积|要求|需要|希望|打算|考虑|想要|最好|优先|靠近|临近|邻近|落户|搬到|迁到|位于|在|去|到|要|想|找|租|买|选|的|和|或者|或|及|与|跟|是|除了|除开|除去|除|排除|避开|别|外(?:的)?(?=其他|其它|别的))/u;
/** Verbs a marker may be followed by before the place ("在考虑高淳" is 高淳). */
const VERB_FRONT = /^(?:考虑|选择|看看|看|找|选|要|想|租|买)+/u;
/** Zones and words that are no place of their own: the part before the kind. */
const GENERIC =
  /^(?:高新|高新技术|经开|经济|开发|工业|产业|物流|保税|科技|商业|自贸|综保|主城|老城|新城|城|郊|市|地|片|园|厂|小|社|景|核心|中心|周边|附近|本地|当地|外地|本|该|这个|那个|哪个|其他|别的|所在|老|新|同一|一个|整个|各|每个|全)$/u;
/** Words ending in a kind that name no place: 超市, 城市, 上市, 社区, 园区, 厂区, 生活区, 乡镇, … */
const KIND_WORDS = new RegExp(
  `(?:市|超|城|都|上|门|夜|早|股|社|小|园|厂|景|片|辖|山|矿|灾|校|营|港|库|工|分|乡|功能|生活|办公|生产|仓储|展示|住宅|商住)${KIND}$`,
  "u",
);
/** Characters no place name holds that dates, storeys and figures do. */
const NOT_A_PLACE =
  /[0-9年月日号层时期间内底初季度米吨平亩]|^[一二两三四五六七八九十顶底首]+楼|左右|以上|以下|公司|集团|厂(?!房)|^(?:意向|目标|期望|希望|理想|首选|所需|所在|排除|拒绝|不考虑|不要的?|不接受|除外|偏好|其他|其它)(?:地区|区县|县区|行政区)$/u;
/**
 * What a site is near that is no administrative place (ADR 131): 高速口, 地铁口, 地铁站, 路口, 机场, 码头, 市中心,
 * 园区 — "靠近高速口" is a need about access, not a district. Never a place, live preview or server.
 */
const SITE_WORD =
  /(?:高速|地铁|轻轨|高铁|城铁|动车|火车|汽车|客运|公交|国道|省道|绕城|环城|快速路|主干道|大道|马路)(?:公路|路口|出口|入口|口|站|站点|线|附近|沿线)?$|(?:路|道|街|出|入|站|闸|隧道|桥)口$|(?:机场|码头|车站|港区|市中心|中心区|商圈|商业区|大学城|学校|医院|园区|工业园|产业园|物流园)(?:里|内|边|旁)?$/u;
/**
 * What a person goes to see or do, not where (trial39 M3: "想去看地" showed 看地 as a place): a verb of looking, visiting or
 * getting, then the site, land or building words of a need ("去看地", "去看厂房", "去考察场地", "去拿地"), or those words alone
 * ("去厂房"). No division's name is such words. Never a place, live preview or server.
 */
const SITE_ERRAND =
  /^(?:看看|看|考察|参观|实地看|实地|拿|买|租|找|选|谈|签)?(?:地|地块|地皮|土地|用地|场地|厂|厂房|厂子|仓库|库房|房|房子|房源|楼|车间|现场|项目|物业|下)$/u;
/** A company word after the place in the same clause: the place is part of a company's name. */
const COMPANY_AFTER = new RegExp(
  `^${HAN}{0,10}?(?:有限|公司|集团|研究院|研究所|工作室|商行|(?:机械|电子|科技|材料|化工|食品|制造)?厂(?!房))`,
  "u",
);

/** Where the place after a marker starts: past the marker and any space. */
function end0(m: RegExpMatchArray): number {
  return m.index! + m[0].length - m.groups!.name.length;
}

/**
 * Names of divisions that are everyday words, or name a better-known place that is no division, in notes
 * about a site: "靠近港口" is near a port, not 防城港市港口区; "靠近太湖" is Lake Tai, not 安庆市太湖县;
 * "河西" in Nanjing is 建邺, not 天津市河西区; "平房" is a one-storey building, "资源" resources. Without
 * their kind they are never read as places from the notes (typed with it — 光明区 — they are); the
 * regions field, where a person names a district on purpose, still resolves them.
 */
export const EVERYDAY_NAMES = new Set(
  (
    "港口 码头 平房 资源 平原 中原 城东 城西 城南 城北 城中 新市 古城 新建 新城 老城 安居 太平 平安 长寿 大方 " +
    "光明 东方 合作 复兴 振兴 解放 红旗 前进 东风 友好 友谊 工农 宏伟 富裕 兴隆 兴业 万年 永久 大厂 方正 高明 " +
    "清新 新华 和平 安定 大观 建设 天涯 江南 江北 河西 河东 西山 东山 南山 北山 凤凰 牡丹 芙蓉 海棠 七星 白杨 " +
    "新星 运河 东湖 南湖 西湖 太湖 滨江 滨湖 温泉 南海 东海 黄海 双桥 郊区 城区 市区 矿区 高新 开发 经开"
  ).split(" "),
);

/**
 * Whether `name` (folded) may be a place, and `after` (the folded text after it) does not make it part
 * of a company's name: the shape rules every place from the notes passes, marked or not (no digits,
 * dates or storeys, no zone kind alone, no everyday word). `zone`: the name is a zone the server's
 * resolver knows (regions.ts placeNameAt), exempt from the shape rules.
 */
export function isPlace(name: string, after: string, zone = false): boolean {
  // A zone the resolver knows by this name (苏州工业园区, 江北新区: the server's `zone`, ADR 113) is a place
  // whatever its shape; only a company's name after it makes it none.
  if (zone) return !COMPANY_AFTER.test(after);
  if (
    name.length < 2 ||
    NOT_A_PLACE.test(name) ||
    SITE_WORD.test(name) ||
    SITE_ERRAND.test(name) ||
    KIND_WORDS.test(name) ||
    EVERYDAY_NAMES.has(name)
  )
    return false;
  const base = name.replace(new RegExp(`${KIND}$`, "u"), "");
  if (base.length === 0) return false; // 开发区 alone
  // Without its kind, long or short (高新区 is 高 + 新区 and 高新 + 区).
  for (const b of [base, name.replace(/[区县市镇省]$/u, "")]) if (GENERIC.test(b) || /(?:园|工业|产业|厂)$/u.test(b)) return false;
  return !COMPANY_AFTER.test(after);
}

/**
 * Cuts need words off the front ("要江宁区" → 江宁区), or null when fewer than two characters would stay
 * before the kind ("要在开发区" names no place); a two-character name is kept whole ("和县", "单县").
 */
function trimFront(name: string, re: RegExp): string | null {
  const m = re.exec(name);
  if (!m || name.length === 2) return name;
  const rest = name.slice(m[0].length);
  const base = rest.replace(new RegExp(`${KIND}$`, "u"), "");
  return base.length >= 2 ? rest : null;
}

/**
 * The places named in `notes`, in the order typed, each once (by its folded text). Matching runs on
 * the folded text (fold-text.ts: Traditional → Simplified, widths), and each place is quoted as typed.
 */
export function findPlaceMentions(notes: string): PlaceMention[] {
  if (notes.length > NOTES_MAX) return []; // refused by the schema (field-limits.ts NOTES_MAX)
  const { s, at } = foldText(notes);
  const found: { start: number; end: number; name: string }[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && f.start < end);
  const add = (start: number, end: number): boolean => {
    const name = s.slice(start, end);
    if (taken(start, end) || !isPlace(name, s.slice(end))) return false;
    found.push({ start, end, name });
    return true;
  };
  /** The places chained after a marked one ("高淳或者溧水、江宁"). */
  const chain = (end: number) => {
    for (let m = ANOTHER.exec(s.slice(end)); m; m = ANOTHER.exec(s.slice(end))) {
      const name = m.groups!.name;
      const start = end + m[0].length - name.length;
      if (!add(start, start + name.length)) return;
      end = start + name.length;
    }
  };
  for (const m of s.matchAll(AFTER_MARKER)) {
    if (PRESENT.test(s.slice(0, end0(m)))) continue;
    const raw = m.groups!.name;
    const name = trimFront(raw, VERB_FRONT);
    const end = m.index + m[0].length;
    if (name !== null && add(end - name.length, end)) chain(end);
  }
  for (const m of s.matchAll(BEFORE_KIND)) {
    const raw = m.groups!.name;
    const name = trimFront(raw, LEADING);
    if (name === null) continue;
    const end = m.index + raw.length;
    const start = end - name.length;
    if (PRESENT.test(s.slice(0, start))) continue; // "公司在江宁区": by its kind as by its marker
    if (add(start, end)) chain(end);
  }
  found.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return found
    .filter((f) => (seen.has(f.name) ? false : (seen.add(f.name), true)))
    .map((f) => ({ text: notes.slice(at[f.start], at[f.end]), span: [at[f.start], at[f.end]] }));
}

/**
 * Words after names that say they will do, or which comes first ("江宁、浦口都行", "浦口优先"): the live preview's lists.
 * A rank ("江宁第一"), a "yes" after a colon or bracket ("浦口：要"), a tick ("江宁 ✔"; places34). Never a refusal: the
 * preview lists places to check, not those ruled out.
 */
const LISTED_AFTER =
  /^(?:都行|都可以|都可|均可|皆可|都好|都没问题|都能接受|也行|也可以|也可|可以|优先|为主|(?:为|是)?首选|最好(?!不)|为佳|第[一二三](?![期层楼])|\s*[:：(（]\s*(?:要|可以|行)|\s*(?:✅|✔|✓|☑|√|👍|⭕|🆗|👌|💯|⭐|🌟|🙆|○|◯|〇))/u;
/** Words before a name that say it will do, or comes second ("其次江宁", "只要江宁", "最好浦口"). */
const LISTED_BEFORE =
  /(?:其次|次选|备选|再次|然后是|再就是|也可以考虑|也考虑|只要|只考虑|仅限|首选|最好|尽量|优先考虑|优先|不行就|不行的话|(?<!不)(?:要|需要|想要|希望|选|找)|意向)(?:是|在|去)?$/u;
/** LISTED_BEFORE's words run together with the names ("要浦口" is one run of Han characters): cut off its front. */
const LISTED_FRONT =
  /^(?:其次|次选|备选|再次|然后是|再就是|也可以考虑|也考虑|只要|只考虑|仅限|首选|最好|尽量|优先考虑|优先|实在不行|不行就|不行的话|(?:需|想)?要(?![求有是不])|希望|选(?!址)|找|意向)(?:是|在|去)?/u;
/** A run of names without a marker, joined by PLACE_JOINER or nothing ("江宁、浦口、六合", "江宁浦口"). */
const LISTED_RUN = new RegExp(`(?:${HAN}{2,6}(?:${PLACE_JOINER}|\\s*))*${HAN}{2,6}`, "gu");

/**
 * Names said without a marker where the words around them speak of places that will do ("江宁、浦口、六合都可以",
 * "江宁浦口都行", "浦口优先，其次江宁", "江宁或者浦口都行"): candidates only — this module holds no division names,
 * so the live preview shows one once the server's region resolver has named it (GET /api/regions?resolve=,
 * inquiry-form-script.ts); the schema's reader (note-regions.ts) decides on sending. Names run together
 * ("江宁浦口") are cut in twos as well (most district names are two characters without their kind). ADR 131.
 */
export function findListedPlaceCandidates(notes: string): PlaceMention[] {
  if (notes.length > NOTES_MAX) return [];
  const { s, at } = foldText(notes);
  const out: PlaceMention[] = [];
  const seen = new Set<string>();
  const push = (start: number, end: number) => {
    const name = s.slice(start, end);
    if (seen.has(name) || !isPlace(name, s.slice(end)) || out.length >= 12) return;
    seen.add(name);
    out.push({ text: notes.slice(at[start], at[end]), span: [at[start], at[end]] });
  };
  // Clause by clause: a run at the clause's end before LISTED_AFTER, or after LISTED_BEFORE.
  for (const clause of s.matchAll(/[^，。；;,!?！？\n]+/gu)) {
    const c = clause[0];
    for (const m of c.matchAll(LISTED_RUN)) {
      let run = m[0];
      let from = m.index;
      const before = LISTED_BEFORE.test(c.slice(0, from));
      // The ruling words may be inside the run ("其次江宁" is one run of Han characters): cut them off its front.
      const inner = LISTED_FRONT.exec(run);
      if (inner) {
        run = run.slice(inner[0].length);
        from += inner[0].length;
      }
      const after =
        /(?:都行|都可以|都可|均可|皆可|都好|都没问题|都能接受|也行|也可以|也可|可以|优先|为主|(?:为|是)?首选|最好|为佳|第[一二三](?:选择|志愿)?)$/u.exec(
          run,
        );
      if (after) run = run.slice(0, -after[0].length);
      const rest = c.slice(m.index + m[0].length);
      // A list joined by 或者, 、, / is names enough ("江宁或者浦口": the server says which are places).
      const joined = new RegExp(`${HAN}{2}(?:${PLACE_JOINER})${HAN}{2}`, "u").test(run);
      // A name alone in its clause right after a correction ("江宁，哦不，浦口", "江宁 说错了 浦口" once its blanks are commas:
      // place-phrases.ts, "江宁，不对，是浦口"), or opening it with 就是 ("江宁，就是浦口", "不是江宁，就是浦口"): the place meant, as
      // the server reads it by the division names (note-regions.ts CORRECTION_OPEN, CLAUSE_OPEN; ADR 154, 161, 168).
      const said = before || inner ? null : /^(?:应该是|就是|是|为)?/u.exec(run)![0];
      const corrected =
        said !== null &&
        rest.trim() === "" &&
        /^\s*$/u.test(c.slice(0, from)) &&
        (said === "就是" || CORRECTION_OPEN.test(s.slice(Math.max(0, clause.index + from - 16), clause.index + from + said.length)));
      if (corrected && said) {
        run = run.slice(said.length);
        from += said.length;
      }
      if (!(before || inner || joined || corrected || (after && !/^不/u.test(rest)) || LISTED_AFTER.test(rest))) continue;
      // Its names: split at the joiners, each 2–6 characters; one of four or six also cut in twos.
      let pos = clause.index + from;
      for (const part of run.split(new RegExp(`(${PLACE_JOINER}|\\s+)`, "u"))) {
        const start = pos;
        pos += part.length;
        if (!part || new RegExp(`^(?:${PLACE_JOINER}|\\s+)$`, "u").test(part) || part.length < 2 || part.length > 6) continue;
        push(start, start + part.length);
        if (!hasPlaceKind(part) && (part.length === 4 || part.length === 6))
          for (let k = 0; k < part.length; k += 2) push(start + k, start + k + 2);
      }
    }
  }
  return out;
}
