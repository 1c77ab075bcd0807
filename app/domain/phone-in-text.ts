// Full mainland phone numbers inside free text (log messages, error strings, typed input), so logs can
// mask them and a scanner can prove none got through. Shapes follow app/domain/phone.ts: mobiles
// 1[3-9] + 9 digits, landlines 0 + area code (10, 2x, 3xx–9xx) + a 7–8 digit subscriber number, each
// with an optional +86 / 0086 / 86 prefix, spaces, dashes or dots between groups, and full-width digits.
// 400/800 service numbers are published business numbers (our own hotline among them) and are left alone.

const MOBILE = String.raw`(?:(?:\+|00)?86[\s.-]?)?1[3-9]\d[\s.-]?\d{4}[\s.-]?\d{4}`;
const LANDLINE = String.raw`(?:(?:\+|00)86[\s.-]?(?:\(?0\)?)?|\(?0)(?:10|2\d|[3-9]\d{2})\)?[\s.-]?[2-9]\d{2,3}[\s.-]?\d{4}`;
// Not glued to other digits or Latin letters (ids, hashes, timestamps are not phones).
const FULL_PHONE = new RegExp(String.raw`(?<![0-9A-Za-z])(?:${MOBILE}|${LANDLINE})(?![0-9A-Za-z])`, "g");

/** Full-width digits (０–９) as ASCII, one UTF-16 unit each, so match offsets stay valid in the original. */
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Every full mainland phone number written in `text`, as written (e.g. ["138 1234 5678", "+862583456789"]). */
export function findFullPhones(text: string): string[] {
  const found: string[] = [];
  for (const m of asciiDigits(text).matchAll(FULL_PHONE)) found.push(text.slice(m.index!, m.index! + m[0].length));
  return found;
}

/**
 * `text` with each full phone number cut to its first three and last four digits ("138****5678",
 * "025****6789"): enough to tell two callers apart in a log, not enough to call anyone.
 */
export function maskPhonesInText(text: string): string {
  let out = "";
  let last = 0;
  for (const m of asciiDigits(text).matchAll(FULL_PHONE)) {
    const digits = m[0].replace(/\D/g, "").replace(/^(?:00)?86(?=1[3-9]\d{9}$)/, "");
    out += text.slice(last, m.index) + `${digits.slice(0, 3)}****${digits.slice(-4)}`;
    last = m.index! + m[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}
