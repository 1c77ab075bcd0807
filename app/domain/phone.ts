import { toHalfWidth } from "./numbers";

/**
 * Mainland China phone numbers, stored in one "E.164-like" format: "+86" + national number without
 * the trunk 0, plus ";ext=123" (RFC 3966 style) for an extension.
 */
export type PhoneKind = "mobile" | "landline" | "service";

export type PhoneResult = { ok: true; value: string; kind: PhoneKind } | { ok: false };

type National = { kind: PhoneKind; national: string };

const MOBILE = /^1[3-9]\d{9}$/;
// 400/800 numbers cannot be dialled from abroad, so "+86400…" is not real E.164; we still give them
// the +86 prefix so that every stored phone has one format (and one uniqueness key).
const SERVICE = /^(?:400|800)\d{7}$/;
// Area code without the trunk 0: 10 (Beijing), 2x (big cities), else 3 digits (3xx–9xx).
// Subscriber numbers are 7–8 digits and never start with 0 or 1.
const LANDLINE = /^(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$/;

/** National number without trunk 0 (as written after +86). */
function classifyAfterCountryCode(n: string): National | null {
  if (MOBILE.test(n)) return { kind: "mobile", national: n };
  if (SERVICE.test(n)) return { kind: "service", national: n };
  if (LANDLINE.test(n)) return { kind: "landline", national: n };
  // Lenient: "+86 (0)25 …" / "+86 025 …" keep the trunk 0 that should have been dropped.
  if (n.startsWith("0") && LANDLINE.test(n.slice(1))) return { kind: "landline", national: n.slice(1) };
  return null;
}

/** A number as dialled inside mainland China (landlines need their trunk 0 + area code). */
function classifyDomestic(n: string): National | null {
  if (MOBILE.test(n)) return { kind: "mobile", national: n };
  if (SERVICE.test(n)) return { kind: "service", national: n };
  if (n.startsWith("0") && LANDLINE.test(n.slice(1))) return { kind: "landline", national: n.slice(1) };
  return null;
}

/** The main number without extension: digits, separators and an optional leading +. */
function parseMain(raw: string): National | null {
  const s = raw.trim();
  if (!/^\+?[\d\s\-.()]+$/.test(s)) return null;
  const digits = s.replace(/\D/g, "");
  if (s.startsWith("+")) {
    // Mainland numbers only: any other country code is rejected.
    return digits.startsWith("86") ? classifyAfterCountryCode(digits.slice(2)) : null;
  }
  if (digits.startsWith("0086")) return classifyAfterCountryCode(digits.slice(4));
  // A bare "86" is a country code only when what follows is a valid number; no domestic number
  // starts with 86 (mobiles start with 1, landlines with 0, service numbers with 400/800).
  if (digits.startsWith("86")) return classifyAfterCountryCode(digits.slice(2));
  return classifyDomestic(digits);
}

function ok(n: National, ext?: string): PhoneResult {
  return { ok: true, kind: n.kind, value: `+86${n.national}${ext ? `;ext=${ext}` : ""}` };
}

/** Extension written with an explicit marker: 转 / 分机 / ext / x / # (and our own ";ext="). */
const EXPLICIT_EXT = /^(.*?)\s*(?:;\s*ext\s*=|转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$/i;
/** "025-83456789-123": a trailing dash group that the main number cannot absorb. */
const DASH_EXT = /^(.*\d)\s*-\s*(\d{1,6})\s*$/;

export function normalizePhone(input: string): PhoneResult {
  const s = toHalfWidth(input).trim();
  if (s === "" || s.length > 40) return { ok: false };

  const explicit = EXPLICIT_EXT.exec(s);
  if (explicit) {
    const main = parseMain(explicit[1]);
    // Mobiles have no extensions; an "extension" after one means the input is something else.
    return main && main.kind !== "mobile" ? ok(main, explicit[2]) : { ok: false };
  }

  // Prefer reading every digit as the number ("025-8345-6789"); only when that fails may the last
  // dash group be an extension ("025-83456789-123").
  const whole = parseMain(s);
  if (whole) return ok(whole);
  const dashed = DASH_EXT.exec(s);
  if (dashed) {
    const main = parseMain(dashed[1]);
    if (main && main.kind !== "mobile") return ok(main, dashed[2]);
  }
  return { ok: false };
}

type Stored = { kind: PhoneKind; national: string; area?: string; subscriber?: string; ext?: string };

/** Re-reads a stored value; null for anything that normalizePhone would not have produced. */
function parseStored(value: string): Stored | null {
  const m = /^\+86(\d+)(?:;ext=(\d{1,6}))?$/.exec(value);
  if (!m) return null;
  const n = classifyAfterCountryCode(m[1]);
  if (!n || n.national !== m[1]) return null;
  const ext = m[2];
  if (n.kind !== "landline") return { ...n, ext };
  const areaLen = /^(?:10|2)/.test(n.national) ? 2 : 3;
  return { ...n, area: `0${n.national.slice(0, areaLen)}`, subscriber: n.national.slice(areaLen), ext };
}

/** "+8613812345678" → "138 1234 5678"; "+862583456789" → "025-8345 6789"; "+864001234567" → "400-123-4567". */
export function formatPhoneForDisplay(value: string): string {
  const p = parseStored(value);
  if (!p) return value;
  const ext = p.ext ? ` 转${p.ext}` : "";
  if (p.kind === "mobile") return `${p.national.slice(0, 3)} ${p.national.slice(3, 7)} ${p.national.slice(7)}`;
  if (p.kind === "service") return `${p.national.slice(0, 3)}-${p.national.slice(3, 6)}-${p.national.slice(6)}${ext}`;
  const sub = p.subscriber!;
  // Chinese grouping: 8 digits as 4+4, 7 digits as 3+4.
  return `${p.area}-${sub.slice(0, sub.length - 4)} ${sub.slice(-4)}${ext}`;
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
  if (p.kind === "service") return `${p.national.slice(0, 3)}-***-${last4}`;
  return `${p.area}-${"*".repeat(p.subscriber!.length - 4)}${last4}`;
}
