import { z } from "zod";

import { charsCleaned, cleanTyped } from "~/domain/format-chars";
import { industryLabel } from "~/domain/industries";
import { readIndustry } from "~/domain/industry-search";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";
import { libraryErrorMap } from "~/i18n/library-error-messages";
import type { Lng } from "~/i18n/lng";

import {
  type Collection,
  columnByKey,
  columnKeyOf,
  COLUMNS,
  figureReadReason,
  isYesNoColumn,
  readCell,
  readTextRow,
  rentReadReason,
} from "./inventory-columns";
import { type InventoryValue } from "./inventory-rows.server";
import { parkSchema, recruiterSchema, spaceSchema } from "./inventory-schema";
import { statusDealWord } from "./status-words";

// One row of texts (an Excel row, an admin form) checked by the one inventory schema, each problem
// tied to its column and said in zh and en. Used by the Excel import and by the admin forms.

export const INVENTORY_SCHEMAS = { parks: parkSchema, spaces: spaceSchema, recruiters: recruiterSchema } as const;
// Rules without a message of their own are said from our catalog (never Zod's zh-CN/English defaults).
const ZH_ERRORS = libraryErrorMap("zh");
const EN_ERRORS = libraryErrorMap("en");

export type RowIssue = { key: string | null; reason: Bilingual };
export type RowCheck<C extends Collection> = { ok: true; value: InventoryValue[C] } | { ok: false; issues: RowIssue[] };

/**
 * Cells (column key → text or number; lists may come as arrays from a form) → a valid row, or every issue.
 * `now`: the clock words such as 下半年 in 可入驻时间 are read against. `stored`: the keys whose cells hold a
 * stored row's values, not the file's (readTextRow).
 */
export function checkTextRow<C extends Collection>(
  collection: C,
  cells: Record<string, unknown>,
  now: Date = new Date(),
  stored: readonly string[] = [],
): RowCheck<C> {
  const flat = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, Array.isArray(v) ? v.join("、") : v]));
  const read = readTextRow(collection, flat, now, stored);
  const schema = INVENTORY_SCHEMAS[collection];
  const en = schema.safeParse(read.value, { error: EN_ERRORS });
  if (en.success && read.errors.length === 0) return { ok: true, value: en.data as InventoryValue[C] };
  // The cells that could not be read are said once, by their reader; every other cell of the row is
  // still checked (a blank 名称 beside an unreadable 层高 is named in the same upload).
  const unread = new Set(read.errors.map((e) => e.key));
  const schemaIssues = en.success ? [] : en.error.issues;
  const zh = en.success ? en : schema.safeParse(read.value, { error: ZH_ERRORS });
  const blankOf = (key: string | null) => key !== null && (flat[key] === undefined || cleanTyped(String(flat[key])) === "");
  const issueOf = (issue: (typeof schemaIssues)[number], n: number): RowIssue => {
    const key = columnKeyOf(collection, issue.path);
    // A column of choices (类型, 状态 …): Zod's own message lists the stored codes ("factory"|"land"…);
    // the admin writes the sheet's words, so the message names those (厂房、土地、办公、仓库).
    const choices = key !== null ? columnByKey(collection, key)?.choices : undefined;
    if (choices && (blankOf(key) || issue.code === "invalid_value")) {
      const zhList = choices.map((c) => c.label.zh).join("、");
      const enList = choices.map((c) => c.label.en).join(", ");
      return blankOf(key)
        ? { key, reason: { zh: `必填，请填写其中之一：${zhList}`, en: `required, one of: ${enList}` } }
        : { key, reason: { zh: `请填写其中之一：${zhList}`, en: `must be one of: ${enList}` } };
    }
    if (issue.code === "invalid_type" && blankOf(key)) return { key, reason: { zh: "必填，不能为空", en: "required, must not be blank" } };
    return { key, reason: { zh: (!zh.success && zh.error.issues[n]?.message) || issue.message, en: issue.message } };
  };
  const checked = schemaIssues.flatMap((issue, n): RowIssue[] => {
    const key = columnKeyOf(collection, issue.path);
    return key !== null && unread.has(key) ? [] : [issueOf(issue, n)];
  });
  // In the order of the columns, as the admin reads the row.
  const order = (key: string | null) => (key === null ? Infinity : COLUMNS[collection].findIndex((c) => c.key === key));
  const issues = [...read.errors, ...checked].sort((a, b) => order(a.key) - order(b.key));
  // Rules of one cell that fail alike (working hours whose start and end are both no time) say it once.
  const said = new Set<string>();
  const once = issues.filter((i) => {
    const line = `${i.key} ${i.reason.zh}`;
    if (said.has(line)) return false;
    said.add(line);
    return true;
  });
  return { ok: false, issues: once };
}

/**
 * The admin form's schema (Conform: `parseWithZod(formData, { schema, disableAutoCoercion: true })`):
 * the form's text fields, named by column key, → the import format; errors at the field, in `lng`.
 */
export function inventoryFormSchema<C extends Collection>(collection: C, lng: Lng) {
  return z.record(z.string(), z.unknown()).transform((raw, ctx): InventoryValue[C] => {
    const checked = checkTextRow(collection, raw);
    if (checked.ok) return checked.value;
    for (const i of checked.issues) ctx.addIssue({ code: "custom", path: i.key ? [i.key] : [], message: i.reason[lng] });
    return z.NEVER;
  });
}

type Walkable = {
  def?: { type?: string; shape?: Record<string, Walkable>; in?: Walkable; out?: Walkable; innerType?: Walkable };
  maxLength?: number | null;
};

/** The object shape under transform/pipe/optional wrappers, or null. */
function shapeOf(schema: Walkable | undefined): Record<string, Walkable> | null {
  const def = schema?.def;
  if (!def) return null;
  if (def.type === "object") return def.shape ?? null;
  if (def.type === "pipe") return shapeOf(def.in) ?? shapeOf(def.out);
  return def.innerType ? shapeOf(def.innerType) : null;
}

/**
 * The most characters the schema takes in a text column of `collection` (e.g. spaces `title` → 100),
 * so the admin form's input stops where the schema would refuse; undefined for a column that is not
 * one text (numbers, lists, nested values), which keeps the form's general cap.
 */
export function textMaxLength(collection: Collection, key: string): number | undefined {
  let field: Walkable | undefined = shapeOf(INVENTORY_SCHEMAS[collection] as unknown as Walkable)?.[key];
  while (field?.def?.innerType) field = field.def.innerType;
  if (field?.def?.type === "pipe") field = field.def.out; // a text read first (the recruiter's email), then checked
  if (field?.def?.type !== "string") return undefined;
  return typeof field.maxLength === "number" ? field.maxLength : undefined;
}

/** Every text column's limit (column key → characters), for the admin form's inputs. */
export function textMaxLengths(collection: Collection): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(shapeOf(INVENTORY_SCHEMAS[collection] as unknown as Walkable) ?? {})) {
    const max = textMaxLength(collection, key);
    if (max !== undefined) out[key] = max;
  }
  return out;
}

/**
 * The cells whose words were read to another value, said back so the admin sees what is stored: a
 * recruiter's day cells (休假开始 "下周五" → 2026-12-11, "12月8日" → 2026-12-08: the year and day chosen),
 * a park's province, city and district stored by their standard names ("江苏" → 江苏省, "江宁" → 江宁区;
 * docs/decisions/103); and, in every sheet, a figure cell whose words the one figure cannot keep (面积 "约五千"
 * → 5000, "5000平以上" → 5000) and a choice written in other words than its name (状态 "空置" → 可租售, 通知方式
 * "电话" → 热线; not 是/否's spellings) — docs/decisions/117; an industry list's words and the codes they became,
 * and an item stored once because an earlier one read to the same code ("锂电池" → C38 电气机械和器材制造业) —
 * docs/decisions/160. A cell written as stored says nothing. Column key
 * and the message in both languages; `cells` as typed, `value` the checked row.
 */
export function cellReadings(
  collection: Collection,
  cells: Record<string, unknown>,
  value: unknown,
  saidAtHeader: readonly string[] = [],
): RowIssue[] {
  const typedOf = (key: string) => (cells[key] === undefined || cells[key] === null ? "" : cleanTyped(String(cells[key])));
  const out: RowIssue[] = [
    ...cellsCleaned(collection, cells),
    ...wordsRead(collection, typedOf, saidAtHeader),
    ...industriesRead(collection, typedOf),
  ];
  if (collection === "parks") {
    const park = value as { province: string; city: string; district: string };
    for (const key of ["province", "city", "district"] as const) {
      const typed = typedOf(key);
      if (!typed || typed === park[key]) continue;
      const header = columnByKey(collection, key)!.header;
      out.push({ key, reason: inventoryRuleMessages.both("placeRead", (lng) => ({ field: header[lng], typed, name: park[key] })) });
    }
    return out;
  }
  if (collection !== "recruiters") return out;
  const away = (value as { away?: { from: string; to: string }[] }).away?.[0];
  for (const [key, day] of [
    ["awayFrom", away?.from],
    ["awayTo", away?.to],
  ] as const) {
    const typed = typedOf(key);
    if (!typed || !day || typed === day) continue;
    const header = columnByKey(collection, key)!.header;
    out.push({ key, reason: inventoryRuleMessages.both("dayRead", (lng) => ({ field: header[lng], typed, day })) });
  }
  return out;
}

/**
 * The cells of a row (column key → text; a list as its items) that held characters nobody typed — controls (a pasted
 * BEL, ESC, a zero byte), U+FFFD, invisible format characters (zero-width spaces, bidi marks) — which every reader takes
 * out (format-chars.ts cleanTyped): each cell said with the characters, as other readings are (forms41: the import took
 * them out unsaid, and a cell that read otherwise than it looked gave no clue why). Also for a row refused for other cells.
 */
export function cellsCleaned(collection: Collection, cells: Record<string, unknown>): RowIssue[] {
  const out: RowIssue[] = [];
  for (const c of COLUMNS[collection]) {
    const v = cells[c.key];
    const texts = Array.isArray(v) ? v : [v];
    const chars = [...new Set(texts.flatMap((t) => (typeof t === "string" ? charsCleaned(t) : [])))];
    if (!chars.length) continue;
    out.push({
      key: c.key,
      reason: inventoryRuleMessages.both("cellCleaned", (lng) => ({ field: c.header[lng], chars: chars.join(lng === "zh" ? "、" : ", ") })),
    });
  }
  return out;
}

/** The same words, one item each, in order: "出租,出售" is "出租、出售" as written back. */
const items = (t: string) =>
  t
    .split(/[、,，;；/\s]+/)
    .filter(Boolean)
    .sort()
    .join("、");

/** cellReadings' figure and choice cells of any sheet: what their words were read as, when not as written. */
function wordsRead(collection: Collection, typedOf: (key: string) => string, saidAtHeader: readonly string[]): RowIssue[] {
  const out: RowIssue[] = [];
  for (const c of COLUMNS[collection]) {
    const typed = typedOf(c.key);
    if (!typed || !(c.figure || (c.choices && !isYesNoColumn(c)))) continue;
    const r = readCell(c, typed);
    if (!r.ok) continue;
    const written = c.write(r.value);
    if (written === null) continue;
    const field = (lng: Lng) => c.header[lng];
    if (c.figure && r.said) out.push({ key: c.key, reason: figureReadReason(c, typed, r.value, r.said) });
    // A rent per day or per year and the monthly figure it became (×30, ÷12), unless its column's header said it once.
    const period = c.figure && !saidAtHeader.includes(c.key) ? rentReadReason(c, typed, r.value) : null;
    if (period) out.push({ key: c.key, reason: period });
    if (!c.figure) {
      const values = (Array.isArray(r.value) ? r.value : [r.value]).map(String);
      const label = (lng: Lng) => values.map((v) => c.choices?.find((x) => x.value === v)?.label[lng] ?? v);
      const name = (lng: Lng) => label(lng).join(lng === "zh" ? "、" : ", ");
      // Written as its name, its English name or its value (the admin form's select posts the value): nothing to say.
      if ([label("zh"), label("en"), values].some((w) => items(w.join("、")).toLowerCase() === items(typed).toLowerCase())) continue;
      // A 状态 word that says the deal gave a blank 交易方式 its deals (可租 → 出租): said with them (docs/decisions/169).
      const word = collection === "spaces" && c.key === "status" ? statusDealWord(typed) : null;
      // Beside a deals cell, 可租 → 可租售 read as if a sale were added (readers42): the status said as on offer, the deal it says
      // as the deals cell's (a word the deals disagree with is refused, readTextRow).
      if (word && typedOf("deals")) {
        out.push({
          key: c.key,
          reason: inventoryRuleMessages.both("statusDealsAgree", (lng) => ({
            field: field(lng),
            typed,
            name: name(lng),
            says: word.says[lng],
            deals: typedOf("deals"),
          })),
        });
        continue;
      }
      if (word) {
        const dealsCol = columnByKey("spaces", "deals")!;
        const deals = (lng: Lng) =>
          word.deals.map((d) => dealsCol.choices!.find((x) => x.value === d)!.label[lng]).join(lng === "zh" ? "、" : ", ");
        out.push({
          key: c.key,
          reason: inventoryRuleMessages.both("statusDealsRead", (lng) => ({
            field: field(lng),
            typed,
            name: name(lng),
            deals: deals(lng),
          })),
        });
        continue;
      }
      out.push({ key: c.key, reason: inventoryRuleMessages.both("choiceRead", (lng) => ({ field: field(lng), typed, name: name(lng) })) });
    }
  }
  return out;
}

/**
 * cellReadings' industry lists (主导产业, 禁入产业, 擅长行业): each typed item that is not its code as stored, with
 * the code and name it became ("“锂电池” → C38 电气机械和器材制造业"), and each item kept once because an earlier
 * one of the cell read to the same code ("“电池” → C38 …（与“锂电池”相同，只存一次）"); one note per cell, the
 * items in the order typed. docs/decisions/160: the trial saw 锂电池 merged into C38 and nothing said.
 */
function industriesRead(collection: Collection, typedOf: (key: string) => string): RowIssue[] {
  const out: RowIssue[] = [];
  for (const c of COLUMNS[collection]) {
    const typed = typedOf(c.key);
    if (!c.industry || !typed) continue;
    const r = readCell(c, typed);
    if (!r.ok || !Array.isArray(r.value)) continue;
    const reason = industryListRead(c.header, r.value.map(String), c.key === "excludedIndustries");
    if (reason) out.push({ key: c.key, reason });
  }
  return out;
}

/**
 * What a list of industry items (a cell's, or a JSON row's array) was read as, said under `field`'s name — "主导产业：
 * “锂电池” → C38 电气机械和器材制造业" — or null when every item is its code as stored, or an item is refused (its
 * error says it). The Excel/CSV preview's 提示 and the JSON import's `readAs` (docs/decisions/160, 169).
 */
export function industryListRead(field: Bilingual, items: readonly string[], exclusion = false): Bilingual | null {
  const first = new Map<string, string>();
  const parts: Bilingual[] = [];
  const reads = items.map((item) => ({ item, read: readIndustry(item) }));
  if (reads.some((x) => !x.read.ok)) return null;
  for (const { item, read } of reads) {
    if (!read.ok) continue;
    if (read.group) {
      // A brochure's name is all its divisions (docs/decisions/204): said with them, and in 禁入产业 with its weight, as a
      // product word is (docs/decisions/198). Its codes count as typed for the items after it.
      const labels = (lng: Lng) => read.group!.map((c) => industryLabel(c, lng)).join(lng === "zh" ? "、" : "; ");
      for (const c of read.group) if (!first.has(c)) first.set(c, item);
      const key = exclusion ? "industryExcludedGroup" : "industryReadGroup";
      parts.push(inventoryRuleMessages.both(key, (lng) => ({ typed: item, label: labels(lng) })));
      continue;
    }
    const label = (lng: Lng) => industryLabel(read.code, lng);
    const earlier = first.get(read.code);
    if (earlier === undefined) {
      first.set(read.code, item);
      // In 禁入产业 a product word excludes its whole division: said so, with what it means for the park's leads — "電鍍"
      // read C33 shut every metal-products lead out of a park that refused electroplating (trial 40, docs/decisions/198).
      const key = exclusion && read.byProductWord ? "industryExcludedWord" : "industryReadOne";
      if (item !== read.code) parts.push(inventoryRuleMessages.both(key, (lng) => ({ typed: item, label: label(lng) })));
    } else parts.push(inventoryRuleMessages.both("industryReadSame", (lng) => ({ typed: item, label: label(lng), first: earlier })));
  }
  if (!parts.length) return null;
  const readings = (lng: Lng) => parts.map((p) => p[lng]).join(lng === "zh" ? "；" : "; ");
  return inventoryRuleMessages.both("industryRead", (lng) => ({ field: field[lng], readings: readings(lng) }));
}
