import { fold } from "./fold-text";
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, normalizeIndustryCode } from "./industries";
import { INDUSTRY_PINYIN } from "./industry-pinyin";

/**
 * Everyday product words a 招商 caller or an enterprise uses, each with the GB/T 4754-2017 divisions whose
 * classes (小类) make that product, so that "电池" finds C38 (3841 锂离子电池制造) although the division's
 * name, 电气机械和器材制造业, does not say it. A word may point at several divisions ("机械"): the
 * person still picks one. A finding aid only: nothing is chosen or stored from it.
 */
const PRODUCT_WORDS: ReadonlyArray<readonly [words: string, codes: string]> = [
  [
    "电池 锂电 储能 光伏 电机 变压器 电线 电缆 开关 照明 灯具 家电 空调 冰箱 充电桩 逆变器 battery solar motor cable lighting appliance",
    "C38",
  ],
  [
    "芯片 集成电路 半导体 晶圆 电子元件 电子器件 传感器 显示 面板 手机 通信设备 电脑 服务器 led 光电 pcb 电路板 无人机 chip semiconductor electronics sensor",
    "C39",
  ],
  ["汽车 新能源汽车 整车 汽车零部件 汽配 car automotive vehicle", "C36"],
  ["船舶 轨道交通 高铁 航空 航天 飞机 摩托车 自行车 电动车 ship aircraft bicycle", "C37"],
  ["机床 数控 泵 阀门 轴承 齿轮 机器人 工业机器人 3d打印 增材制造 液压 气动 锅炉 风机 机械 machine robot pump valve bearing", "C34 C35"],
  ["医疗器械 医疗设备 环保设备 农机 工程机械 纺织机械 模具 半导体设备 专用设备 medical device mould mold", "C35"],
  ["医药 制药 药品 原料药 中药 生物医药 疫苗 生物制品 pharmaceutical medicine drug vaccine", "C27"],
  ["化工 涂料 油漆 油墨 胶粘剂 农药 化肥 化妆品 日化 新材料 chemical paint coating cosmetics", "C26"],
  ["化纤 涤纶 锦纶 fibre fiber", "C28"],
  ["塑料 橡胶 轮胎 注塑 包装膜 plastic rubber tyre tire", "C29"],
  ["玻璃 陶瓷 水泥 石材 混凝土 耐火 石墨 glass ceramic cement", "C30"],
  ["钢铁 钢材 炼钢 steel", "C31"],
  ["铝 铜 有色金属 稀土 aluminium aluminum copper", "C32"],
  // The metalworking trades are C33's own classes: 3360 金属表面处理及热处理加工, 3391/3392 铸造, 3393 锻件
  // (冲压件 made to order is 3399, or 3670 as a car part: "汽车冲压件" finds both).
  [
    "五金 金属制品 钣金 紧固件 金属结构 铸件 锻件 冲压 铸造 压铸 锻造 电镀 热处理 表面处理 焊接 喷涂 hardware metal stamping casting forging plating welding",
    "C33",
  ],
  // 3484 机械零部件加工.
  ["机加工 机械加工 零部件加工 cnc machining", "C34"],
  ["仪器 仪表 检测设备 计量 光学仪器 instrument meter", "C40"],
  ["食品 烘焙 乳制品 调味品 速冻 保健食品 food dairy", "C13 C14"],
  ["饮料 酒 白酒 啤酒 茶 beverage drink tea", "C15"],
  ["纺织 面料 印染 textile fabric", "C17"],
  ["服装 服饰 家纺 clothing apparel garment", "C18"],
  ["鞋 皮革 箱包 shoe leather", "C19"],
  ["家具 furniture", "C21"],
  ["纸 纸箱 纸制品 包装 paper carton packaging", "C22"],
  ["印刷 printing", "C23"],
  ["文具 玩具 体育用品 工艺品 乐器 toy stationery sports", "C24"],
  ["回收 再生资源 废旧 recycling", "C42"],
  ["物流 供应链 货运代理 logistics freight", "G58 G59"],
  ["仓储 仓库 冷链 冷库 warehouse storage", "G59"],
  ["快递 邮政 courier express", "G60"],
  ["软件 信息技术 系统集成 数据中心 云计算 人工智能 ai software it", "I65"],
  ["互联网 电商平台 internet", "I64"],
  ["电子商务 电商 零售 e-commerce retail", "F52"],
  ["贸易 批发 进出口 外贸 trade wholesale", "F51"],
  ["研发 实验室 研究院 r&d research", "M73"],
  ["检测 认证 设计 工程技术 testing certification", "M74"],
  ["技术服务 孵化 technology", "M75"],
];

/**
 * The industries a park's brochure names as its 主导产业 (产业名), each with the GB/T 4754-2017 divisions (or a section) that
 * make it — after the National Bureau of Statistics' 《战略性新兴产业分类（2018）》 (高端装备制造: 智能制造装备 C34 C35 C40, 航空
 * 轨道交通 海洋工程装备 C37; 新一代信息技术 C39 I63–I65; 新材料: 先进钢铁 有色 石化化工 无机非金属 高性能纤维 C31 C32 C26 C30
 * C28 C29; 节能环保: 高效节能 C34 C35 C38, 先进环保 C35 N77, 资源循环 C42),
 * 《数字经济及其核心产业统计分类（2021）》 (数字经济 C39 I63–I65) and 装备制造业 as its bulletins count it (C33–C40). Read whole,
 * with or without 产业 / 行业 / 产业集群 / 业 after it, to all its divisions (forms41: a park's "高端装备" was refused). Everyday
 * names a product word reads to one division (新能源汽车 C36, 生物医药 C27, 集成电路 C39) are not here, nor 新能源, whose
 * parks mean cars (C36) as often as batteries, solar and wind (C38, C34, D44): refused, as a likeness (docs/decisions/160).
 */
const INDUSTRY_GROUPS: ReadonlyArray<readonly [names: string, codes: string]> = [
  ["高端装备 高端装备制造 高端制造", "C34 C35 C37 C40"],
  ["智能制造 智能装备 智能制造装备", "C34 C35 C40"],
  ["装备制造 先进装备制造", "C33 C34 C35 C36 C37 C38 C39 C40"],
  ["新一代信息技术 数字经济", "C39 I63 I64 I65"],
  ["电子信息", "C39 I65"],
  ["新材料 先进材料", "C26 C28 C29 C30 C31 C32"],
  ["节能环保", "C34 C35 C38 C42 N77"],
  ["环保", "C35 C42 N77"],
  ["现代物流 物流", "G54 G58 G59"],
  ["食品加工", "C13 C14"], // 食品 alone is 食品制造业's own name: C14
  ["食品饮料", "C13 C14 C15"],
  ["纺织服装", "C17 C18"],
  ["科技服务", "M"],
];

/** A brochure's name without the word after it: "新材料产业" → "新材料", "节能环保产业集群" → "节能环保", "装备制造业" → "装备制造". */
const groupName = (q: string) => q.replace(/(?:产业集群|产业链|产业|行业|领域|板块|业)$/, "");

let groups: ReadonlyMap<string, readonly string[]> | undefined;
/** The divisions of a brochure's industry name (INDUSTRY_GROUPS), `q` normalised as `norm` does; undefined when none. */
function groupCodes(q: string): readonly string[] | undefined {
  groups ??= new Map(INDUSTRY_GROUPS.flatMap(([names, codes]) => names.split(" ").map((n) => [norm(n), codes.split(" ")] as const)));
  return groups.get(q) ?? groups.get(groupName(q));
}

const WORDS_OF: ReadonlyMap<string, string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [words, codes] of PRODUCT_WORDS)
    for (const code of codes.split(" ")) m.set(code, [...(m.get(code) ?? []), ...words.split(" ")]);
  return m;
})();

/** A word found inside a longer query: two Chinese characters or more, four Latin letters or more. */
function containable(w: string): boolean {
  return /^[a-z0-9&-]+$/.test(w) ? w.length >= 4 : w.length >= 2;
}

/** What a query is compared with: lower case, Traditional folded to Simplified, no spaces. */
function norm(s: string): string {
  return fold(s).toLowerCase().replace(/\s+/g, "");
}

const HAN = /\p{Script=Han}/u;

/** The Chinese names and words a division is found by: its own name, its section's, its product words. */
function chineseOf(code: string): string[] {
  const d = INDUSTRY_DIVISIONS.find((x) => x.code === code)!;
  const section = INDUSTRY_SECTIONS.find((s) => s.code === d.section)!;
  return [d.zh, section.zh, ...(WORDS_OF.get(code) ?? [])].filter((w) => HAN.test(w));
}

/**
 * Every Chinese name and word the search reads, once each, in a fixed order: the phrases whose pinyin
 * `npm run industry:pinyin` writes to industry-pinyin.ts (pinyin-pro, at build time: the library is
 * ~140 KB gzip, too much for the form; docs/decisions/096).
 */
export function industryPhrases(): string[] {
  return [...new Set(INDUSTRY_DIVISIONS.flatMap((d) => chineseOf(d.code)))].sort();
}

/** A phrase's pinyin: its syllables (toneless, ü as v) and their first letters, e.g. 汽车 → "qiche", "qc". */
type Reading = { syllables: string[]; initials: string };

function readingsOfPhrases(): ReadonlyMap<string, Reading> {
  const phrases = industryPhrases();
  const m = new Map<string, Reading>();
  // Aligned by position; a list of another length is stale (industry-pinyin's test says so), and is not read.
  if (INDUSTRY_PINYIN.length !== phrases.length) return m;
  phrases.forEach((p, i) => {
    const syllables = INDUSTRY_PINYIN[i].split(" ").filter(Boolean);
    m.set(p, { syllables, initials: syllables.map((s) => s[0]).join("") });
  });
  return m;
}

type Hay = { names: string[]; words: string[]; readings: Reading[] };
let haystack: ReadonlyMap<string, Hay> | undefined;

/**
 * Every division's folded names, product words and readings: built at the first search (~0.1–0.2 s of CPU with
 * the Traditional-Chinese tables its folding loads), not when the module loads — a web process that no one
 * asks for an industry never builds it (docs/decisions/175).
 */
function hayOf(code: string): Hay {
  haystack ??= buildHaystack();
  return haystack.get(code)!;
}

function buildHaystack(): ReadonlyMap<string, Hay> {
  const readingOf = readingsOfPhrases();
  return new Map(
    INDUSTRY_DIVISIONS.map((d) => {
      const section = INDUSTRY_SECTIONS.find((s) => s.code === d.section)!;
      return [
        d.code,
        {
          names: [d.code, d.zh, d.en, section.zh, section.en].map(norm),
          words: (WORDS_OF.get(d.code) ?? []).map(norm),
          readings: chineseOf(d.code).flatMap((p) => readingOf.get(p) ?? []),
        },
      ];
    }),
  );
}

/**
 * Latin letters read as pinyin (docs/decisions/096): the first letters of a name's or word's syllables
 * from its start ("qc" 汽车制造业, "yy" 医药制造业, "xny" 新能源汽车: from anywhere, "zzzz" would find
 * 自治组织), or its full syllables from any syllable on, three letters or more ("qiche", "zhizao"; the
 * last may be cut short: "qich"), or all of a one-syllable word ("lv" 铝).
 */
function pinyinFinds(q: string, readings: Reading[]): boolean {
  return readings.some(({ syllables, initials }) => {
    if (initials.startsWith(q) || syllables.join("") === q) return true;
    if (q.length < 3) return false;
    for (let i = 0; i < syllables.length; i++) if (syllables.slice(i).join("").startsWith(q)) return true;
    return false;
  });
}

/**
 * The divisions (GB/T 4754-2017 大类 codes such as "C38", in the standard's order) that a typed query
 * names: by code ("C38", "38", "c"), by its own or its section's name in either language (a part is
 * enough: "电气", "通用设备", "warehous"), by an everyday product word ("锂电池" → C38; PRODUCT_WORDS), or
 * by the pinyin of either ("qiche", "qc" → C36; `pinyinFinds`). Traditional characters and case do not
 * matter. A blank query → every division.
 */
export function searchIndustries(query: string): string[] {
  const q = norm(query);
  if (!q) return INDUSTRY_DIVISIONS.map((d) => d.code);
  const bare = /^\d{2}$/.test(q) ? INDUSTRY_DIVISIONS.find((d) => d.division === q)?.code : undefined;
  // One or two Latin letters are a section's letter, a whole short word ("ai") or a name's first two
  // pinyin initials ("qc"), never a part of a name.
  const short = /^[a-z]{1,2}$/.test(q);
  const letters = /^[a-z']+$/.test(q) ? q.replace(/'/g, "") : "";
  return INDUSTRY_DIVISIONS.filter((d) => {
    if (d.code === bare || d.section.toLowerCase() === q) return true;
    const h = hayOf(d.code);
    if (letters.length >= 2 && pinyinFinds(letters, h.readings)) return true;
    if (short) return h.words.includes(q);
    // A product word inside the query ("做锂电池的") counts as much as the query inside a word; short
    // Latin words ("ai", "it") only whole, or "chain" would find software.
    return h.names.some((n) => n.includes(q)) || h.words.some((w) => w.includes(q) || (containable(w) && q.includes(w)));
  }).map((d) => d.code);
}

/**
 * A typed industry of an inventory list: its code, or the divisions it could name (none = unknown).
 * `near`: the candidates are only what the finding aid finds (a part of a longer name or word, pinyin) —
 * a likeness, not a reading: "新能源" is a part of 新能源汽车 (C36) but may as well be batteries (C38).
 */
export type IndustryRead =
  { ok: true; code: string; byProductWord?: true; group?: readonly string[] } | { ok: false; candidates: string[]; near?: boolean };

/** A name without its trade word: "金属制品业" → "金属制品", "通用设备制造业" → "通用设备". */
const bareName = (n: string) => n.replace(/(?:制造业|业)$/, "");

/**
 * The divisions whose everyday product words (PRODUCT_WORDS) the query is, or holds whole ("锂电池" holds
 * 电池 and 锂电: C38; "汽车冲压件" holds 汽车 and 冲压: C36 and C33), in the standard's order. Short Latin
 * words count only when the query is that word.
 */
function productWordDivisions(q: string): string[] {
  return INDUSTRY_DIVISIONS.filter((d) => hayOf(d.code).words.some((w) => w === q || (containable(w) && q.includes(w)))).map((d) => d.code);
}

/**
 * A park's or recruiter's industry as an admin writes it → its GB/T 4754-2017 code: a code ("C33", "33",
 * "c"; normalizeIndustryCode), a section's or division's name whole or without its trade word
 * ("金属制品业", "金属制品", "通用设备", "制造业", "Manufacture of furniture"), or an everyday product word
 * that is, or is held whole in, the text and belongs to one division only ("锂电池", "五金", "做芯片的").
 * Several divisions → not read, with them as candidates. Anything else is not read either, never guessed
 * (docs/decisions/160): the candidates are then what searchIndustries finds (a part of a longer name or
 * word — "新能源", "金属" —, pinyin — "qc"), `near` set; none → unknown. At most `max` candidates, in the
 * standard's order, for the message. `byProductWord`: read by a product word — the whole division it belongs to
 * (in an exclusion list that is said with what it excludes: 電鍍 excludes all of C33, docs/decisions/198).
 * `group`: a park brochure's industry name ("高端装备", INDUSTRY_GROUPS) — every division it names, `code` the first; a
 * list stores them all (docs/decisions/204).
 */
export function readIndustry(typed: string, max = 6): IndustryRead {
  const code = normalizeIndustryCode(typed);
  if (code) return { ok: true, code };
  const q = norm(typed);
  if (!q) return { ok: false, candidates: [] };
  for (const x of [...INDUSTRY_SECTIONS, ...INDUSTRY_DIVISIONS]) {
    if ([x.zh, x.en].some((n) => norm(n) === q || bareName(norm(n)) === q)) return { ok: true, code: x.code };
  }
  const group = groupCodes(q);
  if (group) return { ok: true, code: group[0], group };
  const words = productWordDivisions(q);
  if (words.length === 1) return { ok: true, code: words[0], byProductWord: true };
  if (words.length > 1) return { ok: false, candidates: words.slice(0, max) };
  return { ok: false, candidates: searchIndustries(typed).slice(0, max), near: true };
}
