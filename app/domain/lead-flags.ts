/**
 * A note the intake leaves for the recruiter: something it read but doubts, never dropped silently.
 * `field` is the dotted field name (`tax.annualTaxWan`, `need.notes`, `company.creditCode`, …).
 */
export type LeadFlagCode =
  | "unread"
  | "implausible"
  | "areaForKind"
  | "notesDiffer"
  | "creditCodeCheck"
  | "phoneNote"
  | "budget"
  | "repeat"
  // docs/decisions/110: figures the notes give that are no requirement, places the notes rule out or only wish for.
  | "ownPremises"
  | "notNeeded"
  // docs/decisions/112: an area the notes tie to another use (办公楼, 宿舍 …) than the lead's kind.
  | "otherUse"
  // docs/decisions/112 (amended): an area figure the notes rule out ("不要5000平", "5000平的不行").
  | "areaRuledOut"
  | "placeExcluded"
  | "placeExcludedOpen"
  | "placeWished"
  // docs/decisions/113 (amended): the regions box typed, the notes name places it does not cover (the box wins).
  | "placesNotInBox";
export type LeadFlag = { field: string; code: LeadFlagCode; text: string };

const CODES: readonly LeadFlagCode[] = [
  "unread",
  "implausible",
  "areaForKind",
  "notesDiffer",
  "creditCodeCheck",
  "phoneNote",
  "budget",
  "repeat",
  "ownPremises",
  "notNeeded",
  "otherUse",
  "areaRuledOut",
  "placeExcluded",
  "placeExcludedOpen",
  "placeWished",
  "placesNotInBox",
];

/**
 * The flags of a stored lead (`lead.flags` in the lead's JSON). Leads stored before flags existed have
 * none; anything malformed is skipped rather than shown.
 */
export function leadFlags(lead: unknown): LeadFlag[] {
  const flags = (lead as { flags?: unknown } | null)?.flags;
  if (!Array.isArray(flags)) return [];
  return flags.filter(
    (f): f is LeadFlag =>
      typeof f === "object" && f !== null && typeof f.field === "string" && typeof f.text === "string" && CODES.includes(f.code),
  );
}

/**
 * The reference of the earlier lead this one likely repeats (the intake's `repeat` flag: same phone and
 * same need within a short window, app/leads/intake.server.ts, ADR 102), or null.
 */
export function repeatOf(lead: unknown): string | null {
  return leadFlags(lead).find((f) => f.code === "repeat")?.text ?? null;
}
