import type { LeadFlag, StaffDesk } from "./lead-flags";

// A need box staff changed on a call is a confirmed value (docs/decisions/150). The schema compares every box
// with the enterprise's notes on each save (lead-schema.ts boxesNotesDiffer, ADR 101), so after the hotline set
// 层高 to 7.5 beside notes saying "层高8米以上" the recruiter was still asked to check "层高8米以上 ≠ 7.5 m"
// with the enterprise (trial 12-05 M4). The boxes staff changed are remembered with the need (`need.corrections`:
// which, by whom, when, against which words of the notes), and the doubt those words raise about the box is said
// as the correction instead — on this save and every later one, whichever desk saves. Words that come after the
// correction (added to the notes in the same edit or a later one) are not answered by it: they are a new doubt.

/**
 * A box staff set: the flag field it answers ("need.ceilingMinM"; the area's is "need.notes"), their name, desk
 * and time (ISO), and the notes' words it was set against (each doubt's words, the flag text before " ≠ ").
 */
export type NeedCorrection = { field: string; by: string; source: StaffDesk; at: string; answers: string[] };

/**
 * Each flag field a correction answers, and the stored need values that, changed by an edit, correct it. The
 * area's contradiction sits on the notes (lead-schema.ts notesDiffer); the places the notes name beyond the
 * regions box (placesNotInBox) or rule out in it sit on the regions.
 */
const CORRECTED_BY: Record<string, readonly string[]> = {
  "need.notes": ["areaMinSqm", "areaMaxSqm"],
  "need.ceilingMinM": ["ceilingMinM"],
  "need.floorLoadMinKg": ["floorLoadMinKg"],
  "need.powerMinKva": ["powerMinKva"],
  "need.craneMinT": ["craneMinT"],
  "need.moveInBy": ["moveInBy"],
  "need.singleStorey": ["singleStorey"],
  "need.deal": ["deal"],
  "need.unitCount": ["unitCount"],
  "need.regions": ["regions"],
};

/** The doubts a correction of their field answers: the notes say otherwise than the box. */
const ANSWERED: readonly LeadFlag["code"][] = ["notesDiffer", "placesNotInBox"];

const DESKS: readonly StaffDesk[] = ["hotline", "recruiter", "admin"];

/** A value as compared: missing, null and false alike (an unticked 单层 is stored either way). */
const valueOf = (v: unknown): string => (v === undefined || v === null || v === false ? "" : JSON.stringify(v));

/** A doubt's words of the notes: its text before " ≠ " (all of it for a 单层 the notes say is not needed). */
const notesWords = (f: LeadFlag): string => f.text.split(" ≠ ")[0].trim();

/**
 * Whether a doubt's words are the text added to the notes in this edit (`added`, need-edit.ts addedNotes): the
 * words themselves, without the reading the flag puts after them ("年底前（2026-12）"); places one by one.
 */
function fromAdded(words: string, field: string, added: string): boolean {
  if (!added) return false;
  const bare = words.replace(/（[^（）]*）$/, "").trim();
  const parts = field === "need.regions" ? bare.split("、") : [bare];
  return parts.some((p) => p !== "" && added.includes(p.trim()));
}

/**
 * The flag fields (keys of CORRECTED_BY) whose boxes differ between two stored needs (`before` as stored,
 * `after` as this edit saves it), in CORRECTED_BY's order.
 */
export function correctedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.entries(CORRECTED_BY)
    .filter(([, keys]) => keys.some((k) => valueOf(before[k]) !== valueOf(after[k])))
    .map(([field]) => field);
}

/** The corrections a stored need holds (`need.corrections`); anything malformed is left out. */
export function storedCorrections(need: unknown): NeedCorrection[] {
  const list = (need as { corrections?: unknown } | null)?.corrections;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (c): c is NeedCorrection =>
      typeof c === "object" &&
      c !== null &&
      typeof c.field === "string" &&
      Object.hasOwn(CORRECTED_BY, c.field) &&
      typeof c.by === "string" &&
      DESKS.includes(c.source) &&
      typeof c.at === "string" &&
      Array.isArray(c.answers) &&
      c.answers.every((a: unknown) => typeof a === "string"),
  );
}

/**
 * One need edit's corrections and flags. `before`/`after`: the stored need and the one this edit saves; `flags`:
 * the need's flags as the schema gave them for `after`; `added`: the text this edit added to the notes ("" none);
 * `who`: the staff member's name, desk and the time (ISO). Returns the corrections to store (`stored` with a
 * field this edit changed replaced by this edit's, answering its doubts now whose words were not added in this
 * edit) and the flags, each doubt a correction answers said as it: code `staffCorrected`, the same text (the
 * notes' words ≠ the box), with who and when.
 */
export function correctNeed(input: {
  stored: readonly NeedCorrection[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  flags: readonly LeadFlag[];
  added: string;
  who: { by: string; source: StaffDesk; at: string };
}): { corrections: NeedCorrection[]; flags: LeadFlag[] } {
  const doubts = (field: string) => input.flags.filter((f) => f.field === field && ANSWERED.includes(f.code));
  const changed = correctedFields(input.before, input.after);
  const now = changed.map((field) => ({
    field,
    ...input.who,
    answers: [
      ...new Set(
        doubts(field)
          .map(notesWords)
          .filter((w) => !fromAdded(w, field, input.added)),
      ),
    ],
  }));
  const corrections = [...input.stored.filter((c) => !changed.includes(c.field)), ...now];
  const of = new Map(corrections.map((c) => [c.field, c]));
  const flags = input.flags.map((f): LeadFlag => {
    const c = ANSWERED.includes(f.code) ? of.get(f.field) : undefined;
    return c?.answers.includes(notesWords(f))
      ? { field: f.field, code: "staffCorrected", text: f.text, by: c.by, source: c.source, at: c.at }
      : f;
  });
  return { corrections, flags };
}
