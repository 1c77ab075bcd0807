import { createHash } from "node:crypto";

import { listedNearMissesSql } from "~/assignments/listed-near-misses.server";
import { inOneSnapshot, type Sql, type TransactionSql } from "~/db/db.server";
import { maskContactsDeep } from "~/domain/contact-mask";
import { isUuid } from "~/domain/ids";
import { type LeadFlag, leadFlags, repeatOf } from "~/domain/lead-flags";
import type { Lead } from "~/domain/lead-schema";
import type { Exclusion } from "~/domain/matching/why-not";
import { extractMoney } from "~/domain/need-money";
import { planNoteRegions } from "~/domain/note-regions";
import { clausesNotRead } from "~/domain/notes-clauses-not-read";
import { referenceOf } from "~/domain/reference-typed";
import { contactForJson } from "~/domain/wechat";
import {
  type AmountFromNotesSaid,
  type AmountRangeSaid,
  amountRangesOf,
  amountsFromNotesOf,
  eiaFromNotesOf,
  type EiaFromNotesSaid,
} from "~/leads/amount-ranges-said";
import { listMatches, listWithdrawnMatches, type StoredMatch, type WithdrawnMatch } from "~/matches/match-store.server";

/** The flags of notes read but set aside from the need (need-assist.ts ASIDE_CODES), said back on the confirmation page. */
export const SET_ASIDE_CODES = ["ownPremises", "notNeeded", "otherUse", "areaRuledOut"] as const;
export type SetAsideCode = (typeof SET_ASIDE_CODES)[number];

export type LeadView = {
  id: string;
  reference: string;
  status: string;
  source: string;
  createdAt: string;
  lead: Lead;
  assist: unknown[];
  consent: ConsentView;
  /** Live matches, best first. */
  matches: StoredMatch[];
  /** Matches that were live and no longer are (the space was let, a re-match dropped it), with the reason. */
  withdrawnMatches: WithdrawnMatch[];
  /**
   * Why not: spaces of the lead's kind left out, the rule and both figures, grouped by park, nearest first;
   * as stored at the last match, without a space that left the inventory since (docs/decisions/127).
   */
  excluded: Exclusion[];
  /** The inventory version the matches were computed against (docs/decisions/018). */
  matchedVersion: string | null;
  assignments: AssignmentView[];
};

/** The consent stored with the lead; `unrecorded` only for leads stored before consent was recorded. */
export type ConsentView = {
  method: "written" | "oral" | "unrecorded";
  version: string | null;
  at: string | null;
  recordedBy: { id: string; name: string } | null;
};

export type AssignmentView = {
  id: string;
  recruiterId: string | null;
  parkId: string;
  channel: "email" | "hotline" | null;
  status: string;
  rule: string;
  reason: { zh: string; en: string };
  reroutes: number;
  acceptBy: string | null;
};

async function listAssignments(sql: TransactionSql, leadId: string): Promise<AssignmentView[]> {
  const rows = await sql<(Omit<AssignmentView, "acceptBy"> & { acceptBy: Date | null })[]>`
    select id, recruiter_id, park_id, channel, status, rule, reason, reroutes, accept_by from assignments
    where lead_id = ${leadId} order by created_at, park_id`;
  return rows.map((r) => ({ ...r, acceptBy: r.acceptBy?.toISOString() ?? null }));
}

/** The columns every single-lead page reads first (this one and the hotline's, app/hotline/desk-lead.server.ts). */
export type LeadHeadRow = { id: string; reference: string; status: string; source: string; createdAt: Date };

/**
 * The lead as staff and the admin API see it: matches best first, then its assignments; null for an
 * unknown id. Read in one snapshot (the lead's status and why-not agree with its matches).
 */
export async function getLeadView(sql: Sql, id: string): Promise<LeadView | null> {
  if (!isUuid(id)) return null;
  return inOneSnapshot(sql, (tx) => readLeadView(tx, id));
}

/**
 * The lead's id for what an API caller put in `/api/leads/<id>`: its id (a UUID) as such, or its reference as
 * people have it — "PM-20261206-0008", "pm202612060008", "PM-20261206-8" (referenceOf). Null: neither, or no such lead. Trial 38: a user holds
 * the reference, never the UUID, and got "not found".
 */
export async function leadIdOf(sql: Sql, idOrReference: string): Promise<string | null> {
  if (isUuid(idOrReference)) return idOrReference;
  const reference = referenceOf(idOrReference);
  if (!reference) return null;
  const [row] = await sql<{ id: string }[]>`select id from leads where reference = ${reference}`;
  return row?.id ?? null;
}

/** getLeadView's reads, inside a snapshot the caller opened (inOneSnapshot) to read more beside them. */
export async function readLeadView(sql: TransactionSql, id: string): Promise<LeadView | null> {
  if (!isUuid(id)) return null;
  const [row] = await sql<
    (LeadHeadRow & {
      lead: Lead;
      assist: unknown[];
      consentMethod: ConsentView["method"];
      consentVersion: string | null;
      consentAt: Date | null;
      recorderId: string | null;
      recorderName: string | null;
      excluded: Exclusion[];
      matchedVersion: string | null;
    })[]
  >`
    select l.id, l.reference, l.status, l.source, l.created_at, l.lead, l.assist,
           l.consent_method, l.consent_version, l.consent_at, u.id as recorder_id, u.name as recorder_name,
           ${listedNearMissesSql(sql)} as excluded, l.matched_version::text
    from leads l left join users u on u.id = l.consent_recorded_by
    where l.id = ${id}`;
  if (!row) return null;
  // need.keptBlank is the hotline need edit's memory of fields emptied on purpose (docs/decisions/091), and
  // need.corrections its memory of the boxes staff corrected (docs/decisions/150: the flags say them), not fields
  // of the lead: the API and the admin's view show the lead as its contract has it.
  const {
    keptBlank: _keptBlank,
    corrections: _corrections,
    ...need
  } = row.lead.need as Lead["need"] & { keptBlank?: unknown; corrections?: unknown };
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    // contact.wechat: the ID, or the phone number when WeChat is the phone (wechat.ts contactForJson, docs/decisions/190).
    lead: { ...row.lead, need, ...(row.lead.contact ? { contact: contactForJson(row.lead.contact) } : {}) },
    assist: row.assist,
    consent: {
      method: row.consentMethod,
      version: row.consentVersion,
      at: row.consentAt?.toISOString() ?? null,
      recordedBy: row.recorderId ? { id: row.recorderId, name: row.recorderName ?? "" } : null,
    },
    matches: await listMatches(sql, row.id),
    withdrawnMatches: await listWithdrawnMatches(sql, row.id),
    excluded: row.excluded ?? [],
    matchedVersion: row.matchedVersion,
    assignments: await listAssignments(sql, row.id),
  };
}

/** Whether a lead with this reference (`PM-YYYYMMDD-NNNN`) exists: the confirmation page shows only real ones. */
export async function leadReferenceExists(sql: Sql, reference: string): Promise<boolean> {
  const [row] = await sql`select 1 from leads where reference = ${reference}`;
  return row !== undefined;
}

/** What the confirmation page may repeat to the person who sent the lead: the need's kind, deal, area, places and move-in month. */
export type InquirySummary = {
  kind: string | null;
  deal: string | null;
  /** The unit the area was given in ("sqm" | "mu"), said back in it (docs/decisions/180); null for a need stored without it. */
  areaUnit: string | null;
  /** Bounds in ㎡ (null: not given). */
  areaMinSqm: number | null;
  areaMaxSqm: number | null;
  /** How many units the area is for (docs/decisions/130), or null: one space. */
  unitCount: number | null;
  regions: string[];
  regionCodes: string[];
  /** YYYY-MM, or null. */
  moveInBy: string | null;
  /** The building's figures asked for, typed or read from the notes (docs/decisions/133); null: not asked. */
  ceilingMinM: number | null;
  craneMinT: number | null;
  powerMinKva: number | null;
  floorLoadMinKg: number | null;
  singleStorey: boolean;
  /** The annual tax as read and stored (万元), or null: not given (docs/decisions/162: the page says what was read). */
  annualTaxWan?: number | null;
  /** The tax range typed or said ("800-1000"), whose lower figure `annualTaxWan` is (`taxRange` flag, docs/decisions/168), or null. */
  taxRange?: string | null;
  /** The investment and output boxes typed as a range (`amountRange`, ADR 189): the lower figure stored and the range, said as the tax's is. */
  amountRanges?: (AmountRangeSaid | AmountFromNotesSaid)[];
  /** The EIA category the notes filled and their words (docs/decisions/216), or null. */
  eiaFromNotes?: EiaFromNotesSaid | null;
  /** The reference of the earlier lead this one likely repeats (the `repeat` flag, ADR 102), or null. */
  repeatOf: string | null;
  /** Where the notes the enterprise wrote and a box it filled disagree (`notesDiffer`, ADR 101), as submitted: its words and the box's value. */
  notesDiffer: { notes: string; box: string | null }[];
  /**
   * Words of the notes the intake could not read (`unread` on need.notes: a place that names no district we
   * know, a date or a figure it could not place), as submitted: the page says a recruiter will check them
   * (trial 12-05: places in English notes were dropped and the page said "Any").
   */
  unread: string[];
  /** The notes' area read as a ceiling only (`areaCeilingOnly`, docs/decisions/132), as submitted: the page asks for the size needed. */
  ceilingOnly: string[];
  /** Units of different sizes the notes gave (`unitSizesDiffer`, docs/decisions/141), as submitted: the page says how they are matched. */
  unitSizes: string[];
  /** Figures the notes wish for, not require (`wished`, docs/decisions/153), as submitted: the page says them as wishes, not as unread. */
  wished: string[];
  /**
   * Budget, rent and price words of the notes (`budget` on need.notes: "租金每平米每月不超过20元"), as submitted: the page says
   * them back as read for the recruiter, not a filter (trial36 LOW-9, docs/decisions/165).
   */
  budget: string[];
  /**
   * What the notes said that is read but no requirement (trial39 L15, docs/decisions/189): the enterprise's own or present
   * premises (`ownPremises`: "现有厂房3000平不够用"), items said not to be needed (`notNeeded`), area for another use
   * (`otherUse`), an area ruled out (`areaRuledOut`) — as submitted, each with its code: the page says them with the live
   * preview's words, so the person sees they were read and why they are no filter.
   */
  setAside: { code: SetAsideCode; text: string }[];
  /**
   * What the notes said of places beside the districts stored (ADR 131), as submitted: those ruled out
   * (`placeExcluded`, `placeExcludedOpen`), those preferred (`placePreferred`, `placeWished`), and, the box typed,
   * those it does not cover (`placesNotInBox`) or the box holds though the notes rule them out (`notesDiffer` on
   * need.regions). Names as the flags hold them (each list joined by 、).
   */
  places: {
    excluded: string[];
    preferred: string[];
    notInBox: { notes: string; box: string }[];
    ruledOutInBox: { notes: string; box: string }[];
  };
  /**
   * The clauses of the notes, as submitted, that no reader used ("双回路供电", "要有月台": docs/decisions/133), for
   * the page to say the recruiter reads them; without greetings and contact details (notes-not-read.ts).
   */
  notRead: string[];
  /** The need as staff corrected it since (ADR 108), in the same shape; null while nobody edited it. */
  corrected: InquiryNeed | null;
};

/**
 * The need of the lead with this reference, for its confirmation page (app/routes/inquiry.$reference.tsx),
 * nothing about the company or the contact; null when no lead has the reference. Only shown with the
 * link's key (app/leads/inquiry-link.server.ts): references can be guessed.
 */
export async function inquirySummary(sql: Sql, reference: string): Promise<InquirySummary | null> {
  const [row] = await sql<
    {
      id: string;
      need: Record<string, unknown> | null;
      flags: unknown;
      submitted: { need?: unknown; flags?: unknown } | null;
      createdAt: Date;
      notesReading: { of?: unknown; notRead?: unknown } | null;
      tax: Record<string, unknown> | null;
      use: Record<string, unknown> | null;
      assist: unknown;
    }[]
  >`
    select id, lead -> 'need' as need, lead -> 'flags' as flags, need_submitted as submitted, created_at, notes_reading,
           lead -> 'tax' as tax, lead -> 'use' as use, assist
      from leads where reference = ${reference}`;
  if (!row) return null;
  const now = needSummary(row.need);
  // Staff edited the need (ADR 108): the page shows what was submitted, and the correction apart.
  const sentNeed = row.submitted ? (row.submitted.need as Record<string, unknown> | null) : row.need;
  const sent = row.submitted ? needSummary(sentNeed) : now;
  const flags = row.submitted ? { flags: row.submitted.flags } : { flags: row.flags };
  // Everything the page prints passes the one contact filter (docs/decisions/137): the notes' words in the
  // flags and the not-read clauses hold what the enterprise typed, phones and emails among it (ADR 022).
  // The earlier lead's reference (PM-…) is ours, not the enterprise's typing: it stays whole.
  return {
    ...maskContactsDeep({
      ...sent,
      notesDiffer: leadFlags(flags)
        .filter((f) => f.code === "notesDiffer" && f.field !== "need.regions")
        .map((f) => {
          const [notes, box] = f.text.split(" ≠ ");
          return { notes: notes.trim(), box: box?.trim() || null };
        }),
      unread: [...new Set(leadFlags(flags).flatMap((f) => (f.code === "unread" && f.field === "need.notes" ? [f.text] : [])))],
      ceilingOnly: leadFlags(flags).flatMap((f) => (f.code === "areaCeilingOnly" ? [f.text] : [])),
      unitSizes: leadFlags(flags).flatMap((f) => (f.code === "unitSizesDiffer" ? [f.text] : [])),
      wished: [...new Set(leadFlags(flags).flatMap((f) => (f.code === "wished" ? [f.text] : [])))],
      budget: [...new Set(leadFlags(flags).flatMap((f) => (f.code === "budget" && f.field === "need.notes" ? [f.text] : [])))],
      setAside: leadFlags(flags).flatMap((f) =>
        f.field === "need.notes" && (SET_ASIDE_CODES as readonly string[]).includes(f.code)
          ? [{ code: f.code as SetAsideCode, text: f.text }]
          : [],
      ),
      places: placesSaid(leadFlags(flags)),
      notRead: await keptNotRead(sql, row.id, row.notesReading, sentNeed, leadFlags(flags), row.createdAt),
      corrected: row.submitted ? now : null,
    }),
    repeatOf: repeatOf({ flags: row.flags }),
    annualTaxWan: typeof row.tax?.annualTaxWan === "number" && Number.isFinite(row.tax.annualTaxWan) ? row.tax.annualTaxWan : null,
    // The person's own words: through the one contact filter too (docs/decisions/137).
    taxRange: maskContactsDeep(leadFlags(flags).find((f) => f.code === "taxRange")?.text ?? null),
    // The ranges said, and the figures the notes filled (docs/decisions/203), each with the words it came from.
    amountRanges: maskContactsDeep([...amountRangesOf(row.tax, flags.flags), ...amountsFromNotesOf(row.tax, row.assist, flags.flags)]),
    // The EIA category the notes filled (docs/decisions/216), with the words it came from.
    eiaFromNotes: maskContactsDeep(eiaFromNotesOf(row.use, row.assist)),
  };
}

/**
 * The notes' clauses no reader used, as kept with the lead (docs/decisions/142): read once — the first view — and kept
 * under the fingerprint of what the reading depends on (the need, its flags, the lead's time), so every later view of
 * the page reads nothing (attack L9: notes made slow to read cost each GET up to a second of CPU). A need or flags
 * edited since give another fingerprint: read again and kept again. A write that fails (or races an edit) costs only
 * a later reading: a stale one never matches the fingerprint.
 */
async function keptNotRead(
  sql: Sql,
  leadId: string,
  kept: { of?: unknown; notRead?: unknown } | null,
  need: Record<string, unknown> | null,
  flags: LeadFlag[],
  at: Date,
): Promise<string[]> {
  const of = notesReadingOf(need, flags, at);
  if (kept?.of === of && Array.isArray(kept.notRead) && kept.notRead.every((x) => typeof x === "string")) return kept.notRead;
  const parts = notRead(need, flags, at);
  await sql`update leads set notes_reading = ${sql.json({ of, notRead: parts })} where id = ${leadId}`.catch(() => undefined);
  return parts;
}

/**
 * The rules the kept reading was made by: raised when they change (ADR 159: clauses, glue, contact names), so a reading
 * kept under older rules is read again once, not shown for ever. 173: the words leading to a requirement and the items' names;
 * 180: those words weighed in Simplified for Traditional notes.
 */
const NOTES_READING_RULES = 180;

/** The fingerprint of a notes reading's inputs: the need (notes, kind, regions …), its flags, the lead's time and the rules. */
export function notesReadingOf(need: Record<string, unknown> | null, flags: readonly LeadFlag[], at: Date): string {
  return createHash("sha256")
    .update(JSON.stringify([need, flags, at.toISOString(), NOTES_READING_RULES]))
    .digest("base64url");
}

/** The places the notes ruled out or preferred, and those beside a typed box (ADR 131): InquirySummary's `places`. */
function placesSaid(flags: LeadFlag[]): InquirySummary["places"] {
  const names = (codes: LeadFlag["code"][]) => [
    ...new Set(flags.filter((f) => codes.includes(f.code) && f.field === "need.notes").flatMap((f) => f.text.split("、"))),
  ];
  const pairs = (code: LeadFlag["code"]) =>
    flags
      .filter((f) => f.code === code && f.field === "need.regions")
      .map((f) => {
        const [notes, box] = f.text.split(" ≠ ");
        return { notes: notes.trim(), box: box?.trim() ?? "" };
      });
  return {
    excluded: names(["placeExcluded", "placeExcludedOpen"]),
    preferred: names(["placePreferred", "placeWished"]),
    notInBox: pairs("placesNotInBox"),
    ruledOutInBox: pairs("notesDiffer"),
  };
}

/**
 * The clauses of a stored need's notes that no reader used (docs/decisions/133): the notes read again as the
 * intake read them (the figures, kinds, months and money of need-text.ts, the places of note-regions.ts, at
 * the lead's own time), and every text the intake flagged on the notes (a refusal, the enterprise's own
 * premises, an unread figure — already said on the page) counted as read.
 */
export function notRead(need: Record<string, unknown> | null, flags: { field: string; text: string; code: string }[], at: Date): string[] {
  const notes = typeof need?.notes === "string" ? need.notes : "";
  if (!notes) return [];
  const kind = typeof need?.kind === "string" ? need.kind : undefined;
  const typed = Array.isArray(need?.regions) ? need.regions.filter((x): x is string => typeof x === "string") : [];
  // The places the notes name are read whether or not the box was typed (with the box blank they fill it; typed,
  // they are compared with it and told): the plan without a box gives them, the plan with the box its flags.
  // (A box of [""] would be "typed, nothing in it" and give no places: attack 32 M3.)
  const named = planNoteRegions(notes, []);
  const places = typed.length ? planNoteRegions(notes, typed) : named;
  // The figure flags the page says: their clause is read only when nothing else is in it ("需要带月台的仓库": 带月台 is not;
  // docs/decisions/159). The places — reported without the words that want, wish for or rule them out — and a place's flag
  // read their whole clause.
  const place = (f: { field: string; code: string }) => f.field === "need.regions" || f.code.startsWith("place");
  const flagText = (f: { text: string }) => f.text.split(" ≠ ")[0];
  const figureFlags = flags.filter(
    (f) => !place(f) && (f.field === "need.notes" || f.code === "notesDiffer" || f.code === "staffCorrected"),
  );
  // The one rule the live reading runs too (notes-clauses-not-read.ts, docs/decisions/180).
  return clausesNotRead(notes, {
    kind,
    at,
    extras: [extractMoney],
    read: figureFlags.map(flagText),
    said: [
      ...(named?.places.map((p) => p.text) ?? []),
      ...[...(named?.excluded ?? []), ...(named?.wished ?? []), ...(places?.excluded ?? []), ...(places?.notInBox ?? [])].map(
        (p) => p.text,
      ),
      ...[...(places?.unread ?? []), ...(places?.ruled ?? [])].map((f) => f.text),
      ...flags.filter(place).map(flagText),
    ],
  });
}

/** The need's own fields of the summary, without what the flags and staff add. */
export type InquiryNeed = Omit<
  InquirySummary,
  | "repeatOf"
  | "notesDiffer"
  | "unread"
  | "ceilingOnly"
  | "unitSizes"
  | "wished"
  | "budget"
  | "setAside"
  | "notRead"
  | "corrected"
  | "places"
>;

/** The need fields the confirmation page may show, read defensively from a stored need (anything malformed is left out). */
function needSummary(need: Record<string, unknown> | null): InquiryNeed {
  const n = need ?? {};
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const moveIn = text(n.moveInBy);
  return {
    kind: text(n.kind),
    deal: text(n.deal),
    areaUnit: text(n.areaUnit),
    areaMinSqm: num(n.areaMinSqm),
    areaMaxSqm: num(n.areaMaxSqm),
    unitCount: num(n.unitCount),
    regions: strings(n.regions),
    regionCodes: strings(n.regionCodes),
    moveInBy: moveIn && /^\d{4}-\d{2}$/.test(moveIn) ? moveIn : null,
    ceilingMinM: num(n.ceilingMinM),
    craneMinT: num(n.craneMinT),
    powerMinKva: num(n.powerMinKva),
    floorLoadMinKg: num(n.floorLoadMinKg),
    singleStorey: n.singleStorey === true,
  };
}

/** The lead's full phone number as stored (E.164 or as typed); null when the lead is gone or was erased. Callers record the view (ADR 022). */
export async function leadPhone(sql: Sql, leadId: string): Promise<string | null> {
  const [row] = await sql<{ phone: string }[]>`select phone from leads where id = ${leadId}`;
  return row?.phone || null;
}
