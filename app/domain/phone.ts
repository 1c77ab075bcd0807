import { parsePhoneNumberFromString, type PhoneNumber } from "libphonenumber-js/max";

import type { Lng } from "~/i18n/lng";

import { PHONE_INPUT_MAX } from "./field-limits";
import { fold } from "./fold-text";
import { DASH_CHARS, stripFormatChars } from "./format-chars";
import { toHalfWidth } from "./numbers";

/**
 * Mainland China phone numbers, stored in one "E.164-like" format: "+86" + national number without
 * the trunk 0, plus ";ext=123" (RFC 3966 style) for an extension.
 *
 * Which numbers exist is libphonenumber's business (Google's metadata, `libphonenumber-js/max`): area
 * codes and the subscriber length of each area, the allocated mobile segments, 400/800. What is ours is
 * the pre-normalisation of what people paste and type (see docs/decisions/016-phones-credit-codes-consent.md).
 */
export type PhoneKind = "mobile" | "landline" | "service";

/**
 * Where a valid number that is not the mainland's is from (ADR 113): Hong Kong, Macau, Taiwan, or
 * elsewhere. Such numbers are refused with words of their own (which numbers we take), not as invalid.
 */
export type PhoneAbroad = "HK" | "MO" | "TW" | "other";

/**
 * `note`: a trailing remark kept with the number, e.g. "微信同号" from "138…（微信同号）"; `abroad`: the
 * number is valid, but outside the mainland (not taken: the contract's numbers are the mainland's).
 */
export type PhoneResult = { ok: true; value: string; kind: PhoneKind; note?: string } | { ok: false; abroad?: PhoneAbroad };

const NOTE_MAX = 30;

/** Characters a number may be written with; the first other character ends it. */
const NUMBER_CHAR = /[0-9+\-\s().]/;
/**
 * "转123", "分机 8", "转分机8012", "分機806" (Traditional), "内线 12", "ext. 123", "x12", "#12", ";ext=12" (our stored
 * form). Trial 36 (LOW-1): "转分机" and "分機" kept the extension as a note.
 */
const EXTENSION =
  /^\s*(?:;\s*ext\s*=|转\s*(?:分机|分機|内线|內線)?|轉\s*(?:分机|分機|内线|內線)?|分机|分機|内线|內線|ext\.?|x|#)\s*(\d{1,6})(?!\d)/i;
/** "025-83456789-123": a trailing dash group that the main number cannot absorb. */
const DASH_EXTENSION = /^(.*\d)\s*-\s*(\d{1,6})$/;
/** A label before the number: "手机：", "电话 ", "Tel:". */
const LABEL = /^(?:手机号码|手机号|手机|移动电话|联系电话|联系方式|电话号码|电话|座机|固话|tel|phone|mobile|mob|cell)\s*[:.]?\s*/i;

/**
 * What people paste, made plain: Cf characters removed (U+202D…U+202C around a copied contact,
 * U+200B, U+2060, U+FEFF), full-width → ASCII, every dash → "-", 【】〔〕[] → (), spaces collapsed, a
 * leading label and trailing sentence punctuation (。，; !) dropped, "(+86)" / "（0086）" → "+86 ".
 */
function prepare(input: string): string {
  return toHalfWidth(stripFormatChars(input))
    .replace(DASH_CHARS, "-")
    .replace(/[【〔[]/g, "(")
    .replace(/[】〕\]]/g, ")")
    .replace(/\s+/g, " ")
    .trim()
    .replace(LABEL, "")
    .replace(/[\s.。，,;；!！?？、]+$/, "")
    .replace(/^\+?\s*\(\s*(?:\+\s*86|0086|86)\s*\)\s*/, "+86 ");
}

type Parts = { main: string; ext?: string; note?: string };

/**
 * Splits "025-83456789转123（前台）" into number, extension and note. A note is refused (null) when it
 * holds another number (5+ digits in a row: "138… / 139…") or is longer than NOTE_MAX.
 */
function split(s: string): Parts | null {
  let end = 0;
  while (end < s.length && NUMBER_CHAR.test(s[end])) end++;
  let main = s.slice(0, end);
  let rest = s.slice(end);
  let ext: string | undefined;
  const explicit = EXTENSION.exec(rest);
  if (explicit) {
    ext = explicit[1];
    rest = rest.slice(explicit[0].length);
  } else if (rest && main.lastIndexOf("(") > main.lastIndexOf(")")) {
    // "13812345678（微信同号）": the bracket opens the note, not the number.
    const open = main.lastIndexOf("(");
    rest = main.slice(open) + rest;
    main = main.slice(0, open);
  }
  const note = rest
    .replace(/^[\s,，、;；:/-]+/, "")
    .replace(/^\((.*)\)$/, "$1")
    .trim();
  if (!note) return { main, ext };
  if (/\d{5,}/.test(note) || [...note].length > NOTE_MAX) return null;
  return { main, ext, note };
}

/** libphonenumber's reading of a mainland number, or null (invalid, or another country). */
function parseMainland(main: string): { number: PhoneNumber; kind: PhoneKind } | null {
  if (!/\d/.test(main)) return null;
  const number = parsePhoneNumberFromString(main, { defaultCountry: "CN", extract: false });
  if (!number || number.country !== "CN") return null;
  // No isValid(): with the max metadata it is getType() !== undefined, and kindOf refuses an undefined
  // type, so it only matched the number against the patterns a second time (test/unit/phone.test.ts).
  const kind = kindOf(number);
  return kind ? { number, kind } : null;
}

/**
 * Mobile, fixed line, 800 (TOLL_FREE: 800 and 10800) and 400 (SHARED_COST starting 400). Other valid
 * CN types are refused: 950xx dial-around, 1010xxxx carrier lines, 96xxx local service lines and 16x
 * premium-rate numbers are no way to call an enterprise back.
 */
function kindOf(number: PhoneNumber): PhoneKind | null {
  switch (number.getType()) {
    case "MOBILE":
      return "mobile";
    case "FIXED_LINE":
      return "landline";
    case "TOLL_FREE":
      return "service";
    case "SHARED_COST":
      return number.nationalNumber.startsWith("400") ? "service" : null;
    default:
      return null;
  }
}

function result(parsed: { number: PhoneNumber; kind: PhoneKind }, ext: string | undefined, note: string | undefined): PhoneResult {
  // Mobiles have no extensions; an "extension" after one means the input is something else.
  if (ext && parsed.kind === "mobile") return { ok: false };
  const value = `${parsed.number.number}${ext ? `;ext=${ext}` : ""}`;
  return note ? { ok: true, value, kind: parsed.kind, note } : { ok: true, value, kind: parsed.kind };
}

/**
 * A mainland number as typed → `{ok, value: "+8613812345678" | "+862583456789;ext=123", kind, note?}`.
 * Accepts +86 / 0086 / (+86) / 86 prefixes, a trunk 0 (also before a mobile: "0 138 1234 5678"),
 * spaces, dots, brackets, every dash, full-width digits, invisible characters, 转/分机/ext/x/# extensions
 * (not on mobiles), a label before and a note after ("（微信同号）"). 0400-/0800- read as 400/800.
 * Everything libphonenumber's CN metadata does not know as a valid mobile, fixed-line, 400 or 800
 * number → `{ok: false}`; a number valid elsewhere (+852 Hong Kong, +853 Macau, +886 Taiwan, any other
 * country) → `{ok: false, abroad}`, for a message that says which numbers are taken (ADR 113).
 */
export function normalizePhone(input: string): PhoneResult {
  if (input.length > PHONE_INPUT_MAX * 2) return { ok: false };
  const s = prepare(input);
  if (s === "" || s.length > PHONE_INPUT_MAX) return { ok: false };
  const parts = split(s);
  if (!parts) return { ok: false };

  const whole = parseMainland(parts.main);
  if (whole) return result(whole, parts.ext, parts.note);
  // Prefer reading every digit as the number ("025-8345-6789"); only when that fails may the last
  // dash group be an extension ("025-83456789-123").
  const dashed = parts.ext ? null : DASH_EXTENSION.exec(parts.main.trim());
  if (dashed) {
    const main = parseMainland(dashed[1]);
    if (main && main.kind !== "mobile") return result(main, dashed[2], parts.note);
  }
  const abroad = abroadOf(parts.main);
  return abroad ? { ok: false, abroad } : { ok: false };
}

/** Country calling codes read without their "+" ("852 5123 4567", "0085251234567"): the ones people next to the mainland give. */
const NEARBY_CODES = /^(?:852|853|886)/;

/**
 * A number valid outside the mainland, by libphonenumber's metadata: written with its country code
 * ("+852 5123 4567", "00853 6612 3456", "(+886) 912 345 678"), or a Hong Kong, Macau or Taiwan code
 * without its "+" ("852 5123 4567"). null when it is no valid number anywhere.
 */
function abroadOf(main: string): PhoneAbroad | null {
  const written = main.trim();
  const digits = written.replace(/\D/g, "");
  const international = /^\(?\s*(?:\+|00)/.test(written) ? digits.replace(/^00/, "") : NEARBY_CODES.test(digits) ? digits : null;
  if (!international || international.startsWith("86")) return null;
  const number = parsePhoneNumberFromString(`+${international}`, { extract: false });
  if (!number?.country || !number.isValid()) return null;
  return number.country === "HK" || number.country === "MO" || number.country === "TW" ? number.country : "other";
}

type Stored = { readonly kind: PhoneKind; readonly national: string; readonly groups: readonly string[]; readonly ext?: string };

/**
 * Stored values read lately. The worker reads each lead's number three times within seconds (the
 * search document's local number and tails, then the email's display), and libphonenumber's reading
 * of one is ~30–50 µs (its patterns are compiled at each match): ~4 % of the worker's CPU at 50
 * leads/s (docs/benchmarks.md, ADR 106). A reading depends on the string alone, so a kept one is the
 * same answer; the map starts afresh when full.
 */
const storedReadings = new Map<string, Stored | null>();
const STORED_READINGS_MAX = 4096;

/** Re-reads a stored value; null for anything that normalizePhone would not have produced. */
function parseStored(value: string): Stored | null {
  let reading = storedReadings.get(value);
  if (reading === undefined) {
    reading = readStored(value);
    if (storedReadings.size >= STORED_READINGS_MAX) storedReadings.clear();
    storedReadings.set(value, reading);
  }
  return reading;
}

function readStored(value: string): Stored | null {
  const m = /^(\+86\d+)(?:;ext=(\d{1,6}))?$/.exec(value);
  if (!m) return null;
  const parsed = parseMainland(m[1]);
  if (!parsed || parsed.number.number !== m[1]) return null;
  // libphonenumber's national grouping: "025 8345 6789", "0351 123 4567", "138 1234 5678", "400 123 4567".
  const groups = Object.freeze(parsed.number.formatNational().split(" "));
  return Object.freeze({ kind: parsed.kind, national: parsed.number.nationalNumber, groups, ext: m[2] });
}

/**
 * The local number of a stored landline: its digits after the area code ("+862583456789" → "83456789",
 * "+863511234567;ext=12" → "1234567"), what a caller of the same city gives as their number; null for
 * a mobile, a 400/800 number or anything normalizePhone would not have produced.
 */
export function landlineLocalDigits(value: string): string | null {
  const p = parseStored(value);
  return p?.kind === "landline" ? p.groups.slice(1).join("") : null;
}

/** Shortest and longest end of a number a caller gives as "尾号…" (the caller lookup's tail reading). */
export const TAIL_MIN = 4;
export const TAIL_MAX = 8;

/** A number's end as agents write it: 尾号 / 尾数 / 后四位 / 末四位 / 尾, a leading * or …, "last" / "ending". */
const TAIL_MARK = /^(?:尾号|尾数|尾|[后末][四4]位(?:号码|数字)?|\*+|…+|\.{2,}|last|ending(?:\s+in)?|ends\s+(?:in|with))\s*[:：]?\s*(\d+)$/i;

/**
 * The digits a person marked as a number's end ("尾号 5678", "后四位：56-78", "*5678", "last 5678" →
 * "5678"), any count of them; null when the text is not so marked. Half-width digits expected (toHalfWidth first).
 * A text longer than the phone box holds (PHONE_INPUT_MAX) is no marked end and is not read: the marks' pattern tries
 * every share of a run of blanks between its two `\s*` (quadratic), and the desk's lookup hands it whatever was typed
 * (attack37: 100,000 dashes after "尾号" held the web process 57.8 s; ADR 171).
 */
export function markedTailDigits(typed: string): string | null {
  const t = typed.trim();
  if (t.length > PHONE_INPUT_MAX) return null;
  return TAIL_MARK.exec(t.replace(/[\s-]+(?=\d)/g, ""))?.[1] ?? null;
}

/**
 * The ends of a stored number a caller may give as "尾号…": its national digits' last TAIL_MIN to
 * TAIL_MAX digits ("+8613812345678" → ["5678", "45678", …, "12345678"]), for the leads index, whose
 * prefix search then finds a number by its end. [] for anything normalizePhone would not have produced.
 */
export function phoneTailDigits(value: string): string[] {
  const p = parseStored(value);
  if (!p) return [];
  const tails: string[] = [];
  for (let n = TAIL_MIN; n <= Math.min(TAIL_MAX, p.national.length - 1); n++) tails.push(p.national.slice(-n));
  return tails;
}

/**
 * "+8613812345678" → "138 1234 5678"; "+862583456789" → "025-8345 6789"; "+864001234567" → "400-123-4567"; an
 * extension in the reader's language: "025-5778 1234 转8001", on an English page "025-5778 1234 ext. 8001" (trial38 L13:
 * `lng` is required, so no page can forget it).
 */
export function formatPhoneForDisplay(value: string, lng: Lng): string {
  const p = parseStored(value);
  if (!p) return value;
  const ext = p.ext ? (lng === "en" ? ` ext. ${p.ext}` : ` 转${p.ext}`) : "";
  if (p.kind === "mobile") return p.groups.join(" ");
  if (p.kind === "service") return `${p.groups.join("-")}${ext}`;
  const [area, ...subscriber] = p.groups;
  return `${area}-${subscriber.join(" ")}${ext}`;
}

/**
 * The tel: link that calls `value` — a stored number ("+862552881234;ext=806") or one as shown or typed
 * ("025-5288 1234 转806", "025-5288 1234 ext. 806") — from a phone in the mainland: the national digits
 * (a landline's trunk 0 kept; no +86, with which a 400/800 number is not reached) and an extension after a
 * pause (",806": dialled once the switchboard answers). "tel:02552881234,806", "tel:13812345678",
 * "tel:4001234567". Null when it is no number normalizePhone takes (shown as text, no link).
 * Trial 41: every page stripped the shown number to its digits, and an extension's digits ran on
 * into the number ("tel:02552881234806", a number that does not exist).
 */
export function telHref(value: string): string | null {
  let p = parseStored(value);
  if (!p) {
    const typed = normalizePhone(value);
    p = typed.ok ? parseStored(typed.value) : null;
  }
  return p ? `tel:${p.groups.join("")}${p.ext ? `,${p.ext}` : ""}` : null;
}

/**
 * For logs: only the non-identifying prefix (mobile carrier segment, area code, 400/800) and the last
 * 4 digits survive. Extensions are dropped. Unknown input keeps at most its last 4 digits.
 */
export function maskPhone(value: string): string {
  const p = parseStored(value);
  if (!p) {
    const digits = toHalfWidth(value).replace(/\D/g, "");
    return digits.length > 4 ? `${"*".repeat(digits.length - 4)}${digits.slice(-4)}` : "****";
  }
  const last4 = p.national.slice(-4);
  if (p.kind === "mobile") return `+86 ${p.national.slice(0, 3)}****${last4}`;
  if (p.kind === "service") return `${p.groups[0]}-***-${last4}`;
  const area = p.groups[0];
  const subscriberLength = p.national.length - (area.length - 1);
  return `${area}-${"*".repeat(subscriberLength - 4)}${last4}`;
}

/**
 * Words beside a phone number that say WeChat is the same number: 微信同号, 同微信, 微信：同上, 微信也是这个,
 * 手机微信同号, "same on WeChat", "WeChat: same" (folded first: full-width, Traditional).
 */
export function wechatIsThisNumber(note: string): boolean {
  const t = fold(note)
    .toLowerCase()
    .replace(/[\s:：,，。.（）()【】[\]、/-]/g, "");
  return /^(?:手机|电话|号码)?(?:同微信号?|微信(?:号)?(?:同号|同上|同|同手机号?|同电话|同此号?|一样|也是(?:这个|此号|该号)?(?:号码?)?|就是(?:这个)?(?:号码?)?)|(?:手机|电话)?(?:和|与|跟)?微信同号|wechat(?:id)?(?:same|sameasabove|sameasphone|isthesame)|same(?:on|as)?wechat|alsowechat|wechattoo)$/.test(
    t,
  );
}

/** What a WeChat box may start with before the words that it is the phone ("微信：同手机号", "WeChat ID = phone"). */
const WECHAT_BOX_LEAD = /^(?:微信号?|微信id|wechat(?:id)?|weixin|wx|vx|v信)?(?:就是|也是|即|是|为|用|同样是|is|its)?/;
/** The Chinese ways to say it (folded, spaces and marks taken out): 同手机号(码), 手机同号, 与手机号相同, 就是手机号, 同上 … */
const WECHAT_BOX_ZH =
  /^(?:我的)?(?:同(?:手机|电话|联系电话|移动电话)(?:号码?)?|同(?:号码?|上|此号|该号)|(?:手机|电话)(?:号码?)?同号|(?:与|和|跟)(?:手机|电话|联系电话)(?:号码?)?(?:相同|一样|同号)|(?:手机|电话|联系电话|移动电话)(?:号码?)?)$/;
/** The English ways (folded, spaces and marks taken out): same as phone, same as my mobile no., ditto, phone number, as above … */
const WECHAT_BOX_EN =
  /^(?:(?:same|ditto|identical)(?:as|with|to)?(?:my|the|above|before)?(?:mobile|cell|cellphone|mobilephone|phone|telephone|tel|contact)?(?:number|no|num|#)?|as(?:per)?(?:above|my|the)?(?:mobile|cell|cellphone|phone)?(?:number|no)?|(?:my|the)?(?:mobile|cell|cellphone|mobilephone|phone)(?:number|no|num)?|use(?:my|the)?(?:mobile|cell|phone)(?:number|no)?)$/;

/**
 * What typed in the WeChat box itself says WeChat is the phone number: the words wechatIsThisNumber reads, and in that
 * box the words without "WeChat" — 同手机号(码), 手机同号, 同电话, 同上, 同号, 与手机号相同, 就是手机号, 手机号; "same as phone",
 * "same as my mobile number", "same as above", "same number", "same", "ditto", "phone number" — folded first (full-width,
 * Traditional: 微信同號, 同手機號), spaces and marks taken out (trial37 L2, docs/decisions/173; M7, docs/decisions/190).
 * An ID ("wang_88", "phone123") is no such words. The one reading of the box: the lead schema stores its meaning
 * (`wechatSameAsPhone`), never the words.
 */
export function wechatBoxIsPhone(box: string): boolean {
  if (wechatIsThisNumber(box)) return true;
  const t = fold(box)
    .toLowerCase()
    .replace(/[\s:：,，。.（）()【】[\]、/'’"“”=!！~-]/g, "");
  if (t === "") return false;
  const rest = t.replace(WECHAT_BOX_LEAD, "");
  return WECHAT_BOX_ZH.test(rest) || WECHAT_BOX_EN.test(rest) || WECHAT_BOX_ZH.test(t) || WECHAT_BOX_EN.test(t);
}

/** The kind of a stored number (normalizePhone's value): mobile, landline or service (400/800); null for anything else. */
export function storedPhoneKind(value: string): PhoneKind | null {
  return parseStored(value)?.kind ?? null;
}
