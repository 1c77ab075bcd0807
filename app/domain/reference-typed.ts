import { toHalfWidth } from "./numbers";

/**
 * A lead reference as people type it from a phone call or a note — "pm202612060008", "PM 20261206 0008",
 * "pm-20261206-8", "ＰＭ２０２６１２０６" — in its stored form's start: "PM-20261206-0008", "PM-20261206-8",
 * "PM-20261206" (references are `PM-YYYYMMDD-NNNN`, app/leads/intake.server.ts). Null for anything else
 * (a company name, a phone number): the caller compares the stored reference with it as a prefix.
 * Trial 36 (LOW-10): "pm202612060008", typed without its dashes, found nothing.
 */
export function referenceTyped(query: string): string | null {
  const plain = toHalfWidth(query).trim();
  const m = /^pm[\s\-_.]*(\d[\d\s\-_.]*)$/i.exec(plain);
  if (!m) return null;
  const digits = m[1].replace(/\D/g, "");
  return digits.length > 8 ? `PM-${digits.slice(0, 8)}-${digits.slice(8)}` : `PM-${digits}`;
}

/**
 * The stored reference a person meant — "pm202612060008", "PM 20261206 8", "PM-20261206-0008" → "PM-20261206-0008"
 * (the number padded to four digits as intake stores it) — or null when what was typed is not a whole reference
 * (no number after the day, or not a reference at all). The one reading of a typed reference for every box
 * and route that takes one (the API's lead, the admin's "duplicate of", the privacy desk's search).
 */
export function referenceOf(typed: string): string | null {
  const m = /^PM-(\d{8})-(\d{1,12})$/.exec(referenceTyped(typed) ?? "");
  return m ? `PM-${m[1]}-${m[2].replace(/^0+(?=\d)/, "").padStart(4, "0")}` : null;
}
