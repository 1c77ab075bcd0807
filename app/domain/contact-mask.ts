import { foldText } from "./fold-text";
import { findFullPhones } from "./phone-in-text";

// The contact details inside a text the enterprise wrote (the notes), masked for a page anyone with the link
// may read (docs/decisions/137; ADR 022: the public page repeats no phone, email or id). The text is folded
// first (fold-text.ts: Traditional → Simplified, full-width → ASCII: 電話 → 电话, １３８ → 138, ＠ → @), the
// contact parts are found on the folded text and cut out of the text as typed, so the rest of a clause stays
// ("2026年11月入驻联系王总138****5678"). Server only (the folding loads OpenCC).

/** A digit: ASCII, or a Chinese numeral said digit by digit (一三八…, 幺 for 1, 〇/零 for 0). */
const CN_DIGITS: Record<string, string> = {
  零: "0",
  〇: "0",
  一: "1",
  幺: "1",
  二: "2",
  两: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};
/** A run of digits (ASCII or Chinese numerals) with single spaces, dots or dashes between. */
const DIGIT_RUN = /[0-9零〇一幺二两三四五六七八九](?:[\s.-]?[0-9零〇一幺二两三四五六七八九])*/gu;
/** Words after a number that make it a quantity (an area, money, a date), never a phone. */
const QUANTITY_AFTER =
  /^\s*(?:元|块|万|亿|千|百|十|平|㎡|m|米|吨|t\b|亩|kva|kw|千瓦|千伏|公斤|kg|年|月|日|号楼|栋|层|个|人|sqm|sq|rmb|yuan)/u;
/** An email ("wang@corp.cn", folded from "wang＠corp.cn"). */
const EMAIL = /[a-z0-9._%+-]+\s*@\s*[a-z0-9-]+(?:\s*\.\s*[a-z0-9-]+)*/gu;
/** An id after the words for WeChat / QQ ("微信 wang_88", "加我vx zhangsan_8899", "QQ号：12345"). */
const CHAT_ID =
  /(?<![a-z])(?:微信号?|薇信|威信|徽信|v信|vx|wx|wechat|weixin|qq号?|扣扣|企鹅号?)\s*(?:号|id)?\s*(?:是|为|:|：)?\s*(?<id>[a-z0-9_-]{3,})/gu;
/** Digits after words for a phone ("电话 8765 4321", "座机：87654321"): any 5 or more, with spaces or dashes. */
const PHONE_AFTER_WORD =
  /(?:电话|手机|座机|固话|联系方式|号码|tel|phone|mobile|call)\s*(?:号码|号)?\s*(?:是|为|:|：)?\s*(?<id>\+?[0-9](?:[\s.-]?[0-9]){4,})/gu;
/** An address: what follows 地址 to the end of the clause ("地址：南京市江宁区天元中路88号 张三收"). */
const ADDRESS = /(?:地址|住址|address)\s*(?:是|为|:|：)?\s*(?<id>[^，,。；;！!？?\n]+)/gu;
/** A street address without the word: the number after a road or street and what follows ("天元中路88号 张三收" → "天元中路***"). */
const STREET = /(?<=[\u4e00-\u9fff](?:路|街|大道|巷|弄))\s*[0-9]+\s*(?:号|弄)[^，,。；;！!？?\n]*/gu;
/** A contact person's name after 联系人 ("联系人：张三"). */
const CONTACT_PERSON = /联系人\s*(?:是|为|:|：)?\s*(?<id>[\u4e00-\u9fff]{1,4}|[a-z]+(?:\s[a-z]+)?)/gu;

/** Where the masks go in the folded text: [start, end, replacement], found in order of the rules above. */
type Cut = [number, number, string];

/** A phone's digits shown as its first three and last four when it has 11 or more, else "***". */
function phoneMask(digits: string): string {
  return digits.length >= 11 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : "***";
}

function cutsOf(s: string): Cut[] {
  const cuts: Cut[] = [];
  const add = (start: number, end: number, mask: string) => {
    if (end > start && !cuts.some(([a, b]) => start < b && a < end)) cuts.push([start, end, mask]);
  };
  for (const m of s.matchAll(EMAIL)) add(m.index, m.index + m[0].length, "***");
  for (const re of [CHAT_ID, PHONE_AFTER_WORD, ADDRESS, CONTACT_PERSON]) {
    for (const m of s.matchAll(re)) {
      const id = m.groups!.id;
      const start = m.index + m[0].length - id.length;
      const digits = id.replace(/\D/g, "");
      add(start, start + id.length, re === PHONE_AFTER_WORD ? phoneMask(digits) : "***");
    }
  }
  for (const m of s.matchAll(STREET)) add(m.index, m.index + m[0].length, "***");
  // Phones in the shapes of phone-in-text.ts, then any other run of 7+ digits that is no quantity
  // (a landline without its area code, a QQ number, a phone said in Chinese numerals).
  let from = 0;
  for (const phone of findFullPhones(s)) {
    const at = s.indexOf(phone, from);
    if (at < 0) continue;
    from = at + phone.length;
    const digits = phone.replace(/\D/g, "").replace(/^(?:00)?86(?=1[3-9]\d{9}$)/, "");
    add(at, at + phone.length, phoneMask(digits));
  }
  for (const m of s.matchAll(DIGIT_RUN)) {
    const digits = [...m[0]]
      .map((c) => CN_DIGITS[c] ?? c)
      .join("")
      .replace(/\D/g, "");
    const chinese = /[零〇一幺二两三四五六七八九]/u.test(m[0]);
    if (digits.length < 7) continue;
    // A lead's reference typed in the notes ("上次的编号 PM-20261205-0001") is ours, not a contact.
    if (/PM-$/i.test(s.slice(Math.max(0, m.index - 3), m.index))) continue;
    // 400/800 service numbers are published business numbers (phone-in-text.ts leaves them too).
    if (!chinese && /^[48]00\d{7}$/.test(digits)) continue;
    // A number in ASCII digits followed by a unit is a quantity ("12000000元"); Chinese numerals said digit by digit never are.
    if (!chinese && QUANTITY_AFTER.test(s.slice(m.index + m[0].length))) continue;
    // A range or a list of figures ("5000-8000", "3000 5000"): each part under 7 digits and no phone shape.
    if (!chinese && m[0].split(/[\s.-]/).every((p) => p.length < 7) && digits.length < 10) continue;
    add(m.index, m.index + m[0].length, phoneMask(digits));
  }
  return cuts.sort((a, b) => a[0] - b[0]);
}

/**
 * `text` with every contact detail in it masked: phones in any digit form (ASCII, full-width, Chinese
 * numerals; "138****5678", a shorter number "***"), emails (with ＠ too), WeChat/QQ ids after their words,
 * digits after 电话/手机/座机, an address after 地址 (and a road with its number), a name after 联系人.
 * The words around stay as typed. The same text back when it holds none.
 */
export function maskContacts(text: string): string {
  if (!text) return text;
  const { s, at } = foldText(text);
  const cuts = cutsOf(s);
  if (cuts.length === 0) return text;
  let out = "";
  let last = 0;
  for (const [start, end, mask] of cuts) {
    const from = at[start];
    const to = at[end];
    out += text.slice(last, from) + mask;
    last = to;
  }
  return out + text.slice(last);
}

/** True when `text` holds a contact detail maskContacts masks. */
export function hasContact(text: string): boolean {
  return maskContacts(text) !== text;
}

/**
 * Every string inside `value` (objects and arrays walked, other values kept) through maskContacts: what a
 * public page prints from the notes passes here once, so a row added later cannot skip it.
 */
export function maskContactsDeep<T>(value: T): T {
  if (typeof value === "string") return maskContacts(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskContactsDeep(v)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskContactsDeep(v)])) as T;
  }
  return value;
}
