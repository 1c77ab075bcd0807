// What an edit form was filled from, carried whole (ADR 091, replacing ADR 068's fingerprint): the page
// sends the form's values as it showed them (`base`), the form sends them back, and the save compares
// three versions field by field under the row's lock — what the form was filled from, what is stored
// now, what this tab sends:
// - a field this tab did not change keeps what is stored now (another person's change stays);
// - a field only this tab changed takes what this tab sent;
// - a field both changed, to different values, is a conflict: nothing is saved, and the form says per
//   field what the other person saved and what this tab has. The next `base` names the stored value for
//   those fields only, so saving again overwrites exactly the fields the person has now seen.

/** A form's values: text fields as text, a group of ticks as the ticked values. */
export type EditValues = Record<string, string | string[]>;

export type EditConflict = { field: string; theirs: string | string[]; mine: string | string[] };

export type EditMerge = {
  /** What to save: this tab's changes over what is stored now. */
  values: EditValues;
  /** Fields both changed to different values (nothing may be saved while there are any). */
  conflicts: EditConflict[];
  /** Fields that held a value when the form was filled and that this tab emptied. */
  cleared: string[];
};

function same(a: string | string[] | undefined, b: string | string[] | undefined): boolean {
  return norm(a) === norm(b);
}

function norm(v: string | string[] | undefined): string {
  if (Array.isArray(v))
    return JSON.stringify(
      v
        .map((x) => x.trim())
        .filter(Boolean)
        .sort(),
    );
  return JSON.stringify(v === undefined ? [] : [v.trim()].filter(Boolean));
}

/** Whether a value is blank (empty text, no ticks). */
export function isBlankValue(v: string | string[] | undefined): boolean {
  return norm(v) === "[]";
}

/** The keys whose values differ between `a` and `b`. */
export function changedKeys(keys: readonly string[], a: EditValues, b: EditValues): string[] {
  return keys.filter((k) => !same(a[k], b[k]));
}

/** The three-way merge of one form over `keys`. */
export function mergeEdit(keys: readonly string[], base: EditValues, current: EditValues, sent: EditValues): EditMerge {
  const values: EditValues = {};
  const conflicts: EditConflict[] = [];
  const cleared: string[] = [];
  for (const key of keys) {
    const b = base[key];
    const c = current[key];
    const s = sent[key];
    const mineChanged = !same(s, b);
    if (mineChanged && !isBlankValue(b) && isBlankValue(s)) cleared.push(key);
    if (!mineChanged) {
      if (c !== undefined) values[key] = c;
    } else {
      if (!same(c, b) && !same(c, s)) conflicts.push({ field: key, theirs: c ?? "", mine: s ?? "" });
      if (s !== undefined) values[key] = s;
    }
  }
  return { values, conflicts, cleared };
}

/** What a refused save's form shows and carries next (ADR 092). */
export type AfterRefusal = {
  /** The form's values: what is stored now in each field this tab did not change, this tab's typing in the others. */
  values: EditValues;
  /** The next `base`: what is stored now, every field — the page now shows it, or the person has seen it beside their typing. */
  base: EditValues;
  /** Fields this tab did not change that another person did: now showing the stored value, to be marked as such. */
  updated: string[];
};

/**
 * After a save refused for a conflict (ADR 092): the form shows what is stored now wherever this tab
 * typed nothing, so a person sees the other's changes without losing their own; a field this tab changed
 * keeps its typing (a conflicting one with its message). Saving again from there writes exactly this
 * tab's changes — the fields it changed, over the values it now shows. Shapes as mergeEdit's.
 */
export function afterRefusal(keys: readonly string[], base: EditValues, current: EditValues, sent: EditValues): AfterRefusal {
  const values: EditValues = {};
  const next: EditValues = {};
  const updated: string[] = [];
  for (const key of keys) {
    const now = current[key] ?? "";
    next[key] = now;
    if (same(sent[key], base[key])) {
      values[key] = now;
      if (!same(now, base[key])) updated.push(key);
    } else values[key] = sent[key] ?? "";
  }
  return { values, base: next, updated };
}

/** `base` as it travels in a hidden field: base64url JSON (no escaping in HTML, no fingerprint to guess). */
export function encodeBase(values: EditValues): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** A hidden `base` read back, or null when it is not one (absent, an older page's fingerprint, tampered). */
export function decodeBase(text: unknown): EditValues | null {
  if (typeof text !== "string" || text === "" || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!v || typeof v !== "object" || Array.isArray(v)) return null;
    const out: EditValues = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === "string") out[k] = x;
      else if (Array.isArray(x) && x.every((y) => typeof y === "string")) out[k] = x as string[];
      else return null;
    }
    return out;
  } catch {
    return null;
  }
}

/** A form's values as they were sent, for `keys` (`lists`: the keys sent as several values). */
export function sentValues(form: FormData, keys: readonly string[], lists: ReadonlySet<string>): EditValues {
  const out: EditValues = {};
  for (const key of keys) {
    if (lists.has(key)) out[key] = form.getAll(key).map(String);
    else {
      const v = form.get(key);
      out[key] = typeof v === "string" ? v : "";
    }
  }
  return out;
}

/** `values` as a form post (what the schema reads), lists as repeated keys. */
export function valuesAsForm(values: EditValues, also: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) for (const x of v) form.append(k, x);
    else form.append(k, v);
  }
  for (const [k, v] of Object.entries(also)) form.set(k, v);
  return form;
}
