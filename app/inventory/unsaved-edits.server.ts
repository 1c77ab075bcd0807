import { isDeepStrictEqual } from "node:util";

import { cleanTyped } from "~/domain/format-chars";
import { inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";
import { changedKeys, decodeBase, type EditValues, sentValues } from "~/utils/edit-merge.server";

import { type Collection, COLUMNS } from "./inventory-columns";

// What an edit page's other steps (仍可租售, 停用, 恢复) find typed in the edit form and not saved: their
// buttons post the edit form (ADRs 119, 124), so the answer can hand the typing back and say it is unsaved.

/**
 * The keys of `sent` whose value differs from `loaded` as the column reads it (docs/decisions/124): an area
 * typed "4,800", "4800.0" or "4 800" over a stored 4800 reads as the same figure and is no change. A
 * value its column cannot read, a blank against a value, and ticks (compared as sets already) differ as
 * text. `now`: the clock words such as 下半年 are read against (both sides the same).
 */
export function changedReadings(
  collection: Collection,
  keys: readonly string[],
  loaded: EditValues,
  sent: EditValues,
  now: Date = new Date(),
): string[] {
  return changedKeys(keys, loaded, sent).filter((key) => {
    const column = COLUMNS[collection].find((c) => c.key === key);
    const [a, b] = [loaded[key], sent[key]];
    if (!column || Array.isArray(a) || Array.isArray(b)) return true;
    const [ta, tb] = [cleanTyped(a ?? ""), cleanTyped(b ?? "")];
    if (ta === "" || tb === "") return true;
    const [ra, rb] = [column.read(ta, now), column.read(tb, now)];
    return !(ra.ok && rb.ok && isDeepStrictEqual(ra.value, rb.value));
  });
}

/**
 * The edit form's fields typed and not saved, when a post of another step of the page (仍可租售, 停用,
 * 恢复) carries the form: `typed` every field as sent (Conform's initialValue shape), `fields` the headers
 * of those that read otherwise than what the form was filled with, joined in `lng`. Null when the post
 * has no base (the stale list's button, an older page) or nothing reads otherwise.
 */
export function unsavedEdits(
  collection: Collection,
  form: FormData,
  lng: Lng,
): { typed: Record<string, string | string[]>; fields: string } | null {
  const loaded = decodeBase(form.get("base"));
  if (!loaded) return null;
  const keys = COLUMNS[collection].map((c) => c.key);
  const lists = new Set(COLUMNS[collection].filter((c) => c.list && c.choices).map((c) => c.key));
  const sent = sentValues(form, keys, lists);
  const changed = changedReadings(collection, keys, loaded, sent);
  if (changed.length === 0) return null;
  const header = (key: string) => COLUMNS[collection].find((c) => c.key === key)?.header[lng] ?? key;
  const typed: Record<string, string | string[]> = {};
  for (const k of keys) if (form.has(k)) typed[k] = lists.has(k) ? form.getAll(k).map(String) : String(form.get(k));
  return { typed, fields: changed.map(header).join(lng === "zh" ? "、" : ", ") };
}

/** The edit form's message when a step other than save left its typing unsaved: which fields, press Save. */
export const unsavedMessage = (lng: Lng, fields: string): string => inventoryText(lng, "edit.unsaved", { fields });
