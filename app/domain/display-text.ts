// Untrusted text made safe to show (ADR 021): one place for emails (app/notify/assignment-email.ts)
// and staff pages. Bidi overrides and isolates (U+202A–202E, U+2066–2069) visually reorder what
// follows them — a "Trojan source" spoof of a name or a phone number — so they never reach a reader.
// No framework imports.

/** Bidi embedding/override (U+202A–202E) and isolate (U+2066–2069) controls. */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// C0/C1 controls, DEL, line/paragraph separators and the bidi controls: they could break a header
// line or reorder text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A single-line value: controls become spaces, runs of whitespace collapse. */
export function singleLine(value: string | null | undefined): string {
  return String(value ?? "")
    .replace(CONTROL, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Free text (notes): keeps line breaks, drops every other control, at most one blank line. */
export function paragraph(value: string | null | undefined): string {
  return String(value ?? "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL_EXCEPT_NEWLINE, " ")
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Page data with the bidi controls removed from every string, however deep (objects, arrays; Dates
 * and other non-plain values untouched). For loaders of pages that show names and notes people typed.
 */
export function withoutBidiControls<T>(value: T): T {
  if (typeof value === "string") return value.replace(BIDI_CONTROLS, "") as T;
  if (Array.isArray(value)) return value.map((v) => withoutBidiControls(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutBidiControls(v)])) as T;
  }
  return value;
}
