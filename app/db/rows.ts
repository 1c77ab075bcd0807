import type { SpaceCandidate } from "~/domain/matching/types";
import type {
  AssignmentStatus,
  CallTaskCloseReason,
  CallTaskKind,
  CallTaskStatus,
  ConsentMethod,
  LeadClosedAs,
  LeadSource,
  LeadStatus,
  MatchFoundBy,
  NotificationChannel,
  NotificationKind,
  NotificationStatus,
  RecruiterChannel,
  SpaceStatus,
  StaffRole,
} from "~/domain/statuses";
import type { Lng } from "~/i18n/lng";

// The main tables' rows as the pool returns them (docs/decisions/042): one camelCase field per column,
// typed as postgres.js parses it (timestamptz and date → Date, bigint → string, jsonb → Json until a
// query names its shape), closed sets as the unions of app/domain/statuses.ts. A query types its
// result with `Pick<>` from here plus what it computes. test/integration/rows.test.ts compares every
// type with the migrated database's columns (names and nullability), so a migration that adds, drops
// or renames a column fails until this file says so too.

/** A jsonb value as the driver parses it (its shape is the query's to name). */
type Json = string | number | boolean | object;

/** A row of `assignments` as the pool returns it (`select *`). */
export type AssignmentsRow = {
  id: string;
  leadId: string;
  parkId: string;
  recruiterId: string | null;
  channel: RecruiterChannel | null;
  status: AssignmentStatus;
  rule: string;
  reason: Json;
  reroutes: number;
  offeredAt: Date | null;
  acceptBy: Date | null;
  acceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  followUpOn: Date | null;
  visitOn: Date | null;
  closeReason: string | null;
  closeNote: string | null;
  closedFrom: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  leadStatusBefore: string | null;
};

/** A row of `call_tasks` as the pool returns it (`select *`). */
export type CallTasksRow = {
  id: string;
  kind: CallTaskKind;
  leadId: string;
  assignmentId: string | null;
  recruiterId: string | null;
  phone: string;
  script: string;
  scriptEn: string | null;
  status: CallTaskStatus;
  dueAt: Date;
  attempts: number;
  dedupeKey: string;
  createdAt: Date;
  updatedAt: Date;
  closedReason: CallTaskCloseReason | null;
  outcomeKeys: string[];
};

/** A row of `leads` as the pool returns it (`select *`). */
export type LeadsRow = {
  id: string;
  reference: string;
  status: LeadStatus;
  source: LeadSource;
  lng: Lng;
  submissionKey: string | null;
  requestHash: string | null;
  lead: Json;
  raw: Json;
  assist: Json;
  phone: string;
  creditCode: string | null;
  companyName: string;
  industry: string | null;
  consentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  indexedAt: Date | null;
  matchedAt: Date | null;
  consentVersion: string | null;
  consentMethod: ConsentMethod;
  consentRecordedBy: string | null;
  matchedVersion: string | null;
  excluded: Json;
  anonymisedAt: Date | null;
  closedAs: LeadClosedAs | null;
  closedNote: string | null;
  duplicateOf: string | null;
  closedAt: Date | null;
  /** companyName and the lead's product in their search form (docs/decisions/078); null until filled. */
  companySearch: string | null;
  productSearch: string | null;
  /** The need as the enterprise submitted it, kept by the first staff edit (migration 085, ADR 108); null until then. */
  needSubmitted: Record<string, unknown> | null;
  /** The public confirmation page's reading of the notes, kept with what it read (migration 104, ADR 142): `{of, notRead}`; null until first shown. */
  notesReading: Record<string, unknown> | null;
};

/** A row of `matches` as the pool returns it (`select *`). */
export type MatchesRow = {
  leadId: string;
  spaceId: string;
  parkId: string;
  score: number;
  conditional: boolean;
  reasons: Json;
  foundBy: MatchFoundBy;
  createdAt: Date;
  withdrawnAt: Date | null;
  withdrawnReason: Json | null;
  spaceVersion: string | null;
};

/** A row of `notifications` as the pool returns it (`select *`). */
export type NotificationsRow = {
  id: string;
  assignmentId: string | null;
  leadId: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  recipient: string;
  dedupeKey: string;
  messageId: string | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  leaseUntil: Date | null;
  leaseToken: string | null;
  retryUntil: Date | null;
  handledAt: Date | null;
  handledBy: string | null;
  /** Sends that failed without the SMTP server's verdict (migration 087, ADR 111). */
  unconfirmedSends: number;
};

/** A row of `outbox` as the pool returns it (`select *`). */
export type OutboxRow = {
  id: string;
  topic: string;
  aggregateId: string;
  createdAt: Date;
  relayedAt: Date | null;
  doneAt: Date | null;
  attempts: number;
  lastError: string | null;
  notBefore: Date | null;
  jobKey: string;
  /** The job key of the group this row was relayed in (docs/decisions/073); null when relayed alone. */
  relayJobKey: string | null;
  /** When it ended as a dead letter (docs/decisions/077); null while it is work to do, or done. */
  deadAt: Date | null;
  /** Why: 'lead-missing' or 'strikes'. */
  deadReason: string | null;
  /** Failed rounds of its job that counted against it, and when the last one did. */
  strikes: number;
  struckAt: Date | null;
  /** Done without its job doing its work (a closed lead, a notice already sent): no proof the pipeline works (docs/decisions/080). */
  skipped: boolean;
  /** Made by bulk work (reverse matching of an import): relayed after people's work, at bulk priority (migration 107, ADR 155). */
  bulk: boolean;
};

/** A row of `parks` as the pool returns it (`select *`). */
export type ParksRow = {
  id: string;
  name: string;
  province: string;
  city: string;
  district: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  industries: string[];
  excludedIndustries: string[];
  minTaxPerMuWan: number | null;
  minInvestmentPerMuWan: number | null;
  minTaxPer1000sqmWan: number | null;
  policies: string | null;
  wecomWebhookUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  districtCode: string | null;
  version: string;
  indexedVersion: string;
  retiredAt: Date | null;
  retiredBy: string | null;
};

/** A row of `recruiters` as the pool returns it (`select *`). */
export type RecruitersRow = {
  id: string;
  name: string;
  email: string;
  phone: string;
  channel: RecruiterChannel;
  parks: string[];
  industries: string[];
  capacity: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastAssignedAt: Date | null;
  awayFrom: Date | null;
  awayTo: Date | null;
  workingHours: Json | null;
};

/** A row of `spaces` as the pool returns it (`select *`). */
export type SpacesRow = Pick<SpaceCandidate, "id" | "parkId" | "kind" | "deals" | "title" | "areaSqm"> & {
  divisibleMinSqm: number | null;
  floors: number | null;
  singleStorey: boolean | null;
  ceilingM: number | null;
  floorLoadKg: number | null;
  powerKva: number | null;
  craneT: number | null;
  rentYuanPerSqmMonth: number | null;
  priceYuanPerSqm: number | null;
  landPriceWanPerMu: number | null;
  availableFrom: Date | null;
  status: SpaceStatus;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: string;
  indexedVersion: string;
  verifiedAt: Date;
  retiredAt: Date | null;
  retiredBy: string | null;
};

/** A row of `users` as the pool returns it (`select *`). */
export type UsersRow = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  passwordHash: string | null;
  recruiterId: string | null;
  createdAt: Date;
  active: boolean;
  deactivatedAt: Date | null;
};
/** For each column of a row type: whether it may be null (true) or not (false). */
type Nullability<T> = { [K in keyof T]-?: null extends T[K] ? true : false };

/**
 * Every column of the types above and whether it may be null, checked against the types by `satisfies`
 * (a missing, extra or wrongly nullable column does not compile) and against the database by
 * test/integration/rows.test.ts.
 */
export const ROW_COLUMNS = {
  assignments: {
    id: false,
    leadId: false,
    parkId: false,
    recruiterId: true,
    channel: true,
    status: false,
    rule: false,
    reason: false,
    reroutes: false,
    offeredAt: true,
    acceptBy: true,
    acceptedAt: true,
    createdAt: false,
    updatedAt: false,
    followUpOn: true,
    visitOn: true,
    closeReason: true,
    closeNote: true,
    closedFrom: true,
    closedAt: true,
    closedBy: true,
    leadStatusBefore: true,
  } satisfies Nullability<AssignmentsRow>,
  call_tasks: {
    id: false,
    kind: false,
    leadId: false,
    assignmentId: true,
    recruiterId: true,
    phone: false,
    script: false,
    scriptEn: true,
    status: false,
    dueAt: false,
    attempts: false,
    dedupeKey: false,
    createdAt: false,
    updatedAt: false,
    closedReason: true,
    outcomeKeys: false,
  } satisfies Nullability<CallTasksRow>,
  leads: {
    id: false,
    reference: false,
    status: false,
    source: false,
    lng: false,
    submissionKey: true,
    requestHash: true,
    lead: false,
    raw: false,
    assist: false,
    phone: false,
    creditCode: true,
    companyName: false,
    industry: true,
    consentAt: true,
    createdAt: false,
    updatedAt: false,
    indexedAt: true,
    matchedAt: true,
    consentVersion: true,
    consentMethod: false,
    consentRecordedBy: true,
    matchedVersion: true,
    excluded: false,
    anonymisedAt: true,
    closedAs: true,
    closedNote: true,
    duplicateOf: true,
    closedAt: true,
    companySearch: true,
    productSearch: true,
    needSubmitted: true,
    notesReading: true,
  } satisfies Nullability<LeadsRow>,
  matches: {
    leadId: false,
    spaceId: false,
    parkId: false,
    score: false,
    conditional: false,
    reasons: false,
    foundBy: false,
    createdAt: false,
    withdrawnAt: true,
    withdrawnReason: true,
    spaceVersion: true,
  } satisfies Nullability<MatchesRow>,
  notifications: {
    id: false,
    assignmentId: true,
    leadId: false,
    kind: false,
    channel: false,
    recipient: false,
    dedupeKey: false,
    messageId: true,
    status: false,
    attempts: false,
    lastError: true,
    sentAt: true,
    createdAt: false,
    leaseUntil: true,
    leaseToken: true,
    retryUntil: true,
    handledAt: true,
    handledBy: true,
    unconfirmedSends: false,
  } satisfies Nullability<NotificationsRow>,
  outbox: {
    id: false,
    topic: false,
    aggregateId: false,
    createdAt: false,
    relayedAt: true,
    doneAt: true,
    attempts: false,
    lastError: true,
    notBefore: true,
    jobKey: false,
    relayJobKey: true,
    deadAt: true,
    deadReason: true,
    strikes: false,
    struckAt: true,
    skipped: false,
    bulk: false,
  } satisfies Nullability<OutboxRow>,
  parks: {
    id: false,
    name: false,
    province: false,
    city: false,
    district: false,
    address: true,
    lat: true,
    lng: true,
    industries: false,
    excludedIndustries: false,
    minTaxPerMuWan: true,
    minInvestmentPerMuWan: true,
    minTaxPer1000sqmWan: true,
    policies: true,
    wecomWebhookUrl: true,
    createdAt: false,
    updatedAt: false,
    districtCode: true,
    version: false,
    indexedVersion: false,
    retiredAt: true,
    retiredBy: true,
  } satisfies Nullability<ParksRow>,
  recruiters: {
    id: false,
    name: false,
    email: false,
    phone: false,
    channel: false,
    parks: false,
    industries: false,
    capacity: false,
    active: false,
    createdAt: false,
    updatedAt: false,
    lastAssignedAt: true,
    awayFrom: true,
    awayTo: true,
    workingHours: true,
  } satisfies Nullability<RecruitersRow>,
  spaces: {
    id: false,
    parkId: false,
    kind: false,
    deals: false,
    title: false,
    areaSqm: false,
    divisibleMinSqm: true,
    floors: true,
    singleStorey: true,
    ceilingM: true,
    floorLoadKg: true,
    powerKva: true,
    craneT: true,
    rentYuanPerSqmMonth: true,
    priceYuanPerSqm: true,
    landPriceWanPerMu: true,
    availableFrom: true,
    status: false,
    notes: true,
    createdAt: false,
    updatedAt: false,
    version: false,
    indexedVersion: false,
    verifiedAt: false,
    retiredAt: true,
    retiredBy: true,
  } satisfies Nullability<SpacesRow>,
  users: {
    id: false,
    email: false,
    name: false,
    role: false,
    passwordHash: true,
    recruiterId: true,
    createdAt: false,
    active: false,
    deactivatedAt: true,
  } satisfies Nullability<UsersRow>,
};
