import { readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { ROOT, sourceFiles } from "../../support/source-graph";

// ADR 026: a text a person reads is in a catalog (app/i18n/*-messages.ts) in both languages. This test
// reads every string literal, template part, regular expression and JSX text of app/, worker/ and
// search/ (comments are not literals and are not read) and fails on Chinese outside the catalogs, except:
//   - a {zh, en} pair: the Chinese side of an object literal that has an `en` beside it is bilingual by
//     construction (audit reasons, labels stored for both readers);
//   - the files below, each with the reason its Chinese is not an untranslated text.
// The lists may only shrink: an entry whose file no longer holds Chinese fails the test too.

/** Chinese that is domain data: words the code reads in what people type, or a format's own words. */
const DOMAIN_DATA: Record<string, string> = {
  "app/domain/industries.ts": "GB/T 4754-2017 section and division names, the standard's own words (each with its English name)",
  "app/domain/industry-search.ts": "product words people type to find a GB/T 4754 division (锂电池, 机床, …), read, never shown",
  "app/domain/need-text.ts": "grammar words the free-text reader recognises in a typed need (面积, 层高, 不少于, …)",
  "app/domain/need-money.ts": "money words the notes' reader recognises (年纳税, 预算, 月租, 万元, 每平米, …)",
  "app/domain/note-regions.ts": "the words that say a place in the notes is not wanted (不要, 不考虑, 除了, …)",
  "app/domain/place-stance.ts": "the words around a place in the notes that want it, wish for it or rule it out (要, 最好, 不要, 除外, …)",
  "app/domain/matching/budget.ts":
    "rent budget words the matcher reads in the notes' budget flags (租金, 每平米, 月租, 万, …), read, never shown",
  "app/domain/site-access.ts": "words of what a site must be near (靠近, 地铁, 高速口, 码头, …), read in the notes, never shown",
  "app/domain/place-marks.ts": "the kinds and particles around a marked place in a typed need (区, 县, 市; 在, 去, 是), read, never shown",
  "app/domain/need-places.ts": "words that mark a place in a typed need (在, 靠近, 区, 县, …) and words that are none (高新, 公司, …)",
  "app/domain/zones.ts":
    "zone names as people type them (江北新区, 苏州高新区), their kinds (新区, 开发区, …) and the approvals they come from: read, never shown",
  "app/http/refusal.server.tsx": "field names that mean password (口令, 密码): such a field is never written back into a page",
  "app/domain/need-hints-text.ts": "the same reader's words for hints (field names as people type them)",
  "app/domain/units.ts": "unit, count and item words read in input (米, 吨, 千伏安, 台, 变压器, 行车, …)",
  "app/domain/area.ts": "area unit words read in input and the 亩 of formatted areas (平方米, 平米, 亩, 公顷, …)",
  "app/domain/area-bounds.ts": "Chinese numerals and magnitudes (十百千万亿) read before an area bound's unit",
  "app/domain/money.ts": "currency and count words read in input (万, 元, 人民币, 人, …)",
  "app/domain/money-labels.ts": "an amount's names and periods read in input (年纳税, 总投资, 每年, 亩均, 每月, …)",
  "app/domain/numbers.ts": "Chinese numerals read in input (一二三, 十百千万亿, 壹贰叁, 半, 点)",
  "app/domain/unit-count-read.ts": "Chinese numerals and measure words read in the unit-count box (两, 三, 十二; 栋, 处, 块)",
  "app/domain/english-figures.ts": "the Chinese area units (平, 亩) an English number may stand before in input, read, never shown",
  "app/domain/eia-need.ts":
    "the words an enterprise says its EIA (环评) category with, and a park's offer of one (需要, 报告书, 可办, 园区), read, never shown",
  "app/domain/fold-text.ts": "numerals and unit words the folder normalises before reading",
  "app/domain/field-value.ts":
    "approximation words (余, 多), land words (土地, 地块) and the numerals of the negative-number check read in input",
  "app/domain/yes-no.ts": "the spellings of yes and no read in input (是, 否)",
  "app/domain/contact-name.ts": "titles and familiar prefixes of a contact as called on the phone (先生, 经理, 总, 姐; 老, 小, 阿)",
  "app/domain/comparison.ts": "comparison words read in input (不低于, 至少, 左右, …)",
  "app/utils/figure-text.ts":
    "unit words after a figure (㎡, 亩, 平, 米, 吨, 万元), found to keep each figure with its unit on one line; the text is not changed",
  "app/domain/clock-time.ts": "time-of-day words read in the office hours (点, 半, 分, 下午, 晚上, 上午, …)",
  "app/domain/area-box-words.ts":
    "range and approximation words after an area in its box (之间, 范围内, 左右), read; 面积： labels a box's remark moved into the notes staff read",
  "app/domain/area-wish-beside.ts": "approximation words around an area figure in the notes (左右, 大约, 差不多, …), read, never shown",
  "app/domain/deal-refusal.ts": "words that refuse a deal in the notes (只租不买, 不考虑购买, 仅限, 现有, …), read, never shown",
  "app/domain/kind-refusal.ts":
    "words that refuse a kind of premises in the notes (不要厂房, 不是仓库, 写字楼就算了, …), read, never shown",
  "app/domain/place-phrases.ts":
    "correction and either-or words around places in the notes (哦不, 说错了, 不是…就是, 要么, 或者), read, never shown",
  "app/domain/said-enough.ts": "words that say a figure is enough (就够, 足够, 就行, 够用), read, never shown",
  "app/domain/move-in.ts": "month, period and festival words read in a move-in date (下个月, 年底, 上半年, 中旬, 春节后, …)",
  "app/domain/rent-per-area.ts": "the words of a rent per ㎡ as people say it (块, 元, 一平, 每月, 租金, …), read, never shown",
  "app/domain/want-words.ts": "the words that lead to a requirement in the notes (要有, 必须有, 带, 配备, …), read, never shown",
  "app/domain/notes-not-read.ts":
    "words that join or end a clause of the notes, greetings and contact words read in them (以及, 另外, 谢谢, 电话, …), never shown",
  "app/domain/contact-mask.ts":
    "Chinese numerals said digit by digit, unit words after a quantity and the words before a phone, an id or an address (电话, 微信, 地址, …) read in the notes, never shown",
  "app/leads/place-like.ts":
    "place kinds (区, 县, 市, …) and the short place names the form's preview may look up (江宁, 浦口, …), sent to the resolver, never shown",
  "app/domain/contact-numbers.ts": "contact words read before a phone number in the notes (电话, 手机, 座机, 热线, …), never shown",
  "app/domain/phone.ts": "phone labels, extension words and a number's end marks read in input (手机, 电话, 转, 分机, 尾号)",
  "app/domain/lead-schema.ts": "万元 as the unit of a flagged figure; the single-storey and 'anywhere' words read in input (单层, 不限, …)",
  "app/domain/lead-fields.ts": "the words a choice goes by, read in input (厂房, 租, 报告表, …)",
  "app/admin/staff-forms.ts":
    "the words a staff role and a first sign-in go by, read in a posted form (招商, 热线, 邀请链接, …), never shown",
  "app/admin/calendar-override-form.ts":
    "the words a calendar day's kind goes by, read in a posted form (休息日, 调休, 补班, …), never shown",
  "app/domain/regions.ts":
    "suffixes of Chinese administrative division names (省, 自治区, 市, 盟, 县, 旗, …) and ethnic names of autonomous areas",
  "app/inventory/inventory-columns.ts":
    "the import/export format (DESIGN.md): Chinese column headers, value words (出租, 是) and weekday words",
  "app/inventory/cell-clear.ts": "the same format's word that clears a stored value (清空), read in a cell",
  "app/inventory/status-words.ts":
    "the same format's 状态 words that say the deal too (可租, 可售, 已租, 已售, 在租) and the joiners between them (或, 和), read in a cell",
  "app/inventory/cell-dates.ts": "the same format's dates as typed in a cell (2026年3月1日)",
  "app/inventory/excel/read-workbook.server.ts":
    "the same format: sheet names (园区, 空间, 招商专员), yes/no words and the numerals of a figure cell under a header's unit",
  "app/inventory/excel/write-workbook.server.ts":
    "the same format's template: example rows and the 说明 sheet, a document in the format's language",
  "app/inventory/excel/template-example.ts": "the template's example rows (示例经济开发区…), data in the format's language",
  "app/auth/demo-accounts.server.ts": "names of the demo accounts (seed data)",
  "app/leads/warm-readers.server.ts":
    "a sample lead's notes and regions, read once at start to warm the readers (ADR 148), never stored nor shown",
  "app/cli/user-create.ts": "an example value (--name 张三) in the command's usage line",
};

/**
 * Bilingual side by side, not through {zh, en} objects: each Chinese text has its English next to it
 * (`r(zh, en)`, `[zh, en]` tuples, `zhOf`/`enOf`, `sinceZh`/`sinceEn`). The reasons are built from figures in
 * pure domain modules that may import nothing (docs/architecture.md); the pair is the text.
 */
const BILINGUAL_SIDE_BY_SIDE: Record<string, string> = {
  "app/domain/matching/why-not.ts": "why a space failed, with both figures: r(zh, en), [zh, en] tuples",
  "app/domain/matching/hard.ts": "hard-constraint labels: [zh, en] tuples and unitZh/unitEn fields",
  "app/domain/matching/score.ts": "score reasons: zhArea/enArea, zhOf/enOf",
  "app/domain/routing/policy.ts": "routing reasons: sinceZh beside sinceEn",
  "app/domain/division-names-en.ts":
    "division kinds, nationalities and banner positions with their English words: {zh, en} and [zh, en] tuples",
  "app/domain/regions-en.ts": "the suffixes of province/city names peeled off a zone's name (河北省 → 河北), in regular expressions",
};

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

type Hit = { file: string; line: number; text: string };

/** The Chinese literals of one source file that are not the zh side of a {zh, en} object. */
export function strayChinese(file: string, source: string): Hit[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const hits: Hit[] = [];
  const isZhOfPair = (node: ts.Node): boolean => {
    let p = node.parent;
    while (
      ts.isTemplateExpression(p) ||
      ts.isTemplateSpan(p) ||
      ts.isConditionalExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isBinaryExpression(p) ||
      ts.isAsExpression(p)
    )
      p = p.parent;
    return (
      ts.isPropertyAssignment(p) &&
      p.name.getText(sf) === "zh" &&
      ts.isObjectLiteralExpression(p.parent) &&
      p.parent.properties.some((q) => q.name?.getText(sf) === "en")
    );
  };
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) text = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) text = node.text;
    else if (ts.isRegularExpressionLiteral(node)) text = node.text;
    if (text !== null && CJK.test(text) && !isZhOfPair(node))
      hits.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().slice(0, 60) });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const allowed = (file: string) => file in DOMAIN_DATA || file in BILINGUAL_SIDE_BY_SIDE;

describe("no stray Chinese (every text a person reads is in a catalog)", () => {
  const files = sourceFiles(["app", "worker", "search"]).filter((f) => !f.startsWith("app/i18n/"));

  it("finds no Chinese literal in app/, worker/ or search/ outside the catalogs and the explained lists", () => {
    const stray = files.filter((f) => !allowed(f)).flatMap((f) => strayChinese(f, read(f)));
    expect(stray.map((h) => `${h.file}:${h.line} ${h.text}`)).toEqual([]);
  });

  it("lists no file that no longer needs it (the lists only shrink)", () => {
    const stale = Object.keys({ ...DOMAIN_DATA, ...BILINGUAL_SIDE_BY_SIDE }).filter(
      (f) => !files.includes(f) || strayChinese(f, read(f)).length === 0,
    );
    expect(stale).toEqual([]);
  });

  it("reads literals, templates, regular expressions and JSX text, and skips comments and {zh, en} pairs", () => {
    const source = [
      "// 注释里的中文不算",
      "/** 文档注释也不算 */",
      'const a = "中文";',
      "const b = `前缀${x}后缀`;",
      "const c = /厂房|土地/;",
      "const d = <p>你好</p>;",
      "const e = { zh: `原因 ${x}`, en: `reason ${x}` };",
      'const f = { zh: "只有中文" };',
    ].join("\n");
    expect(strayChinese("x.tsx", source).map((h) => h.text)).toEqual(["中文", "前缀", "后缀", "/厂房|土地/", "你好", "只有中文"]);
  });
});
