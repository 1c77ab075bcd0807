// What a staff form sent after the sign-in had ended holds, kept in the browser tab (sessionStorage)
// until the person is back on the page signed in again (ADR 085). This module is the part without the
// DOM's forms and React: the key, the stored shape, which copies to drop. draft-keeper.tsx does the rest.

/** Every key of a kept copy starts with this; nothing else of the app is in sessionStorage under it. */
export const DRAFT_PREFIX = "pm-draft:";

/** A copy older than a sign-in lasts (STAFF_SESSION_HOURS) is dropped unread. */
export const DRAFT_MAX_AGE_MS = 12 * 3600_000;

/** Hidden fields whose value is new on every load or sign-in: not part of what identifies a form, never put back. */
export const VOLATILE_FIELDS = new Set(["csrf", "formKey"]);

/** The path the sign-in page is at; `expired=1` there says a post came on an ended session (loginPath). */
export const LOGIN_PATH = "/login";

export type Draft = {
  /** The staff account that typed it (root loader's `staffKey`): anyone else signing in drops it. */
  owner: string;
  /** The page's address (path and query) where it was typed and is put back. */
  address: string;
  /** The form on that page (formSlot). */
  form: string;
  /** When it was kept (ms since the epoch). */
  at: number;
  /** What was typed: each visible field's name and text, in the form's order (repeated names repeat). */
  fields: [string, string][];
  /** The form's hidden fields (less VOLATILE_FIELDS): a call task's id; the form put back into must carry the same. */
  hidden: [string, string][];
};

/** The sessionStorage key of the copy of `form` on `address`: one per form and page. */
export function draftKey(address: string, form: string): string {
  return `${DRAFT_PREFIX}${address}#${form}`;
}

/**
 * A form's name on its page, the same on the next load: its id with the values of its VOLATILE_FIELDS
 * made `*` (the hotline desk's form id carries its form key, new on every load), or, for a form without
 * an id, its action and its place among the id-less forms posting there (`/hotline#2`).
 */
export function formSlot(id: string | null, action: string, place: number, volatile: string[] = []): string {
  if (!id) return `${action}#${place}`;
  return `id:${volatile.filter((v) => v.length >= 8).reduce((name, v) => name.split(v).join("*"), id)}`;
}

/** Whether a post answered on this address was refused for want of a sign-in (loginPath's `expired=1`). */
export function isExpiredLogin(pathname: string, search: string): boolean {
  return pathname === LOGIN_PATH && new URLSearchParams(search).get("expired") === "1";
}

/** The stored text read back as a Draft, or null when it is not one (another version, hand-edited). */
export function parseDraft(text: string | null): Draft | null {
  if (!text) return null;
  try {
    const d = JSON.parse(text) as Partial<Draft>;
    const pairs = (x: unknown) =>
      Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === "string"));
    if (typeof d.owner !== "string" || typeof d.address !== "string" || typeof d.form !== "string" || typeof d.at !== "number") return null;
    return pairs(d.fields) && pairs(d.hidden) ? (d as Draft) : null;
  } catch {
    return null;
  }
}

/**
 * Whether a kept copy goes, seen by `owner` (the account signed in now) at `now`: another account's
 * (a shared hotline PC: the next person never sees the last one's caller), one past DRAFT_MAX_AGE_MS,
 * or one that is not a Draft.
 */
export function isDroppedFor(draft: Draft | null, owner: string, now: number): boolean {
  return !draft || draft.owner !== owner || now - draft.at > DRAFT_MAX_AGE_MS || draft.at > now + 60_000;
}

/** Whether `hidden`, a form's hidden fields as they are now, are those the draft was sent with. */
export function sameHidden(draft: Draft, hidden: [string, string][]): boolean {
  const text = (list: [string, string][]) => JSON.stringify(list.filter(([name]) => !VOLATILE_FIELDS.has(name)));
  return text(draft.hidden) === text(hidden);
}
