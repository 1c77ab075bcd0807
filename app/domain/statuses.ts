import { LNGS } from "~/i18n/lng";

// The closed sets of values the database checks (`check (col in (...))` in app/db/migrations/), as
// TypeScript unions. One list per column, here only; code types its rows with these unions, and
// test/integration/statuses.test.ts reads every such CHECK constraint from a migrated database and
// fails when a list here and the constraint differ, or when a constraint has no list here.

/** leads.status (migration 001): received → indexed → matched | unmatched → assigned → won | lost. */
export const LEAD_STATUSES = ["received", "indexed", "matched", "unmatched", "assigned", "won", "lost", "closed"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
/** Why an admin closed a lead (migration 024, ADR 028). */
export const LEAD_CLOSED_AS = ["spam", "duplicate"] as const;
export type LeadClosedAs = (typeof LEAD_CLOSED_AS)[number];

/** leads.source (migration 001): the inquiry form, the JSON API, a hotline call. */
export const LEAD_SOURCES = ["web", "api", "hotline"] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** leads.consent_method (migration 008, ADR 016). */
export const CONSENT_METHODS = ["written", "oral", "unrecorded"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** spaces.kind (migration 001). */
export const SPACE_KINDS = ["factory", "land", "office", "warehouse"] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

/** spaces.status (migration 001): only `available` is offered. */
export const SPACE_STATUSES = ["available", "reserved", "let"] as const;
export type SpaceStatus = (typeof SPACE_STATUSES)[number];

/** recruiters.channel and assignments.channel (migrations 001, 003): how a recruiter hears of a lead. */
export const RECRUITER_CHANNELS = ["email", "hotline"] as const;
export type RecruiterChannel = (typeof RECRUITER_CHANNELS)[number];

/** matches.found_by (migration 002): the lead's own match, or a space's reverse match. */
export const MATCH_FOUND_BY = ["lead", "space"] as const;
export type MatchFoundBy = (typeof MATCH_FOUND_BY)[number];

/** users.role and phone_access_log.actor_role (migrations 003, 013). */
export const STAFF_ROLES = ["admin", "recruiter", "hotline"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** assignments.status (migration 003, ADR 010/014). */
export const ASSIGNMENT_STATUSES = [
  "unassigned",
  "offered",
  "accepted",
  "declined",
  "contacted",
  "visit",
  "signed",
  "lost",
  "escalated",
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** notifications.kind (migration 003). */
export const NOTIFICATION_KINDS = ["assignment", "reroute-notice", "escalation", "wecom", "withdrawal-notice"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** notifications.channel (migration 003). */
export const NOTIFICATION_CHANNELS = ["email", "hotline", "wecom"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** notifications.status (migration 003): pending → sending → sent | dead (ADR 020). */
export const NOTIFICATION_STATUSES = ["pending", "sending", "sent", "dead", "handled"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** call_tasks.kind (migration 003; withdrawal 090, reroute 094: docs/decisions/114, 120). */
export const CALL_TASK_KINDS = ["handover", "callback", "escalation", "withdrawal", "reroute"] as const;
export type CallTaskKind = (typeof CALL_TASK_KINDS)[number];

/** call_tasks.status (migration 003). */
export const CALL_TASK_STATUSES = ["open", "done", "no-answer", "wrong-number"] as const;
export type CallTaskStatus = (typeof CALL_TASK_STATUSES)[number];

/**
 * call_tasks.closed_reason (migration 090, docs/decisions/114): why a task was closed without the hotline
 * working it — its assignment ended or moved on (need-changed, lost, won, declined, moved to another
 * recruiter or the unassigned queue, taken-up by the recruiter), the admin closed the lead, it was
 * erased, or — for a withdrawal task — the ended assignment was reopened (its park fits again); a
 * call-back ends when its lead got a live match (matched, migration 092, docs/decisions/116); a re-route
 * task ("tell X the lead was re-routed") ends when the assignment is given back to X (given-back, migration
 * 094, docs/decisions/120). Null for a task the hotline closed itself.
 */
export const CALL_TASK_CLOSE_REASONS = [
  "need-changed",
  "lost",
  "won",
  "declined",
  "moved",
  "taken-up",
  "lead-closed",
  "erased",
  "reopened",
  "matched",
  "given-back",
] as const;
export type CallTaskCloseReason = (typeof CALL_TASK_CLOSE_REASONS)[number];

/** phone_access_log.place (migration 013, ADR 022): where staff saw a full phone number. */
export const PHONE_ACCESS_PLACES = ["assignment-page", "call-tasks", "caller-lookup", "admin-lead", "api-lead"] as const;
export type PhoneAccessPlace = (typeof PHONE_ACCESS_PLACES)[number];

/** privacy_audit.action (migration 013, ADR 022). */
export const PRIVACY_ACTIONS = ["export", "erase", "retention"] as const;
export type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];

/** lead_notes.source (migration 030; the hotline's 027 makes the same table): who wrote a note on a lead. */
export const LEAD_NOTE_SOURCES = ["hotline", "recruiter", "admin"] as const;
export type LeadNoteSource = (typeof LEAD_NOTE_SOURCES)[number];

/**
 * routing_events.event: the audit trail's kinds. The column has no CHECK (migration 003 lists them in a
 * comment); this union is the one list, and `recordRoutingEvent` (app/assignments/routing-events.server.ts)
 * accepts only these.
 */
export const ROUTING_EVENTS = [
  "assigned",
  "unassigned",
  "rerouted",
  "escalated",
  "callback",
  "notified",
  "dead-letter",
  "dead-letter-retry",
  "email-fallback",
  "rematch",
  "declined",
  "accepted",
  "contacted",
  "visit",
  "signed",
  "lost",
  "wrong-number",
  // ADR 028: the SLA job's missed deadline, and what admins do at /admin/leads/<id> and /admin/dead-letters
  "sla-missed",
  "admin-reroute",
  "closed",
  "dead-letter-hotline",
  "dead-letter-handled",
  // The recruiter desk (ADR 030): a note, a follow-up date, a shared shortlist, an undone "lost".
  "note",
  "follow-up",
  "shortlist-shared",
  "reopened",
  // ADR 090: the lead was anonymised on a request to delete personal data; its open assignments end.
  "erased",
  // ADR 108: a need edit left the assignment's park without a fitting space; the assignment ended.
  "withdrawn",
] as const;
export type RoutingEvent = (typeof ROUTING_EVENTS)[number];

/**
 * routing_events.rule: which rule decided (no CHECK on the column). The routing policy's rules
 * (app/domain/routing/policy.ts RoutingRule) and those written by route-lead (no-match), the SLA jobs
 * (sla-escalation, sla) and a re-match (need-edited, inventory-changed, admin-rematch). The admin reads each as words (admin-messages "rule.*").
 */
export const ROUTING_RULES = [
  "returning-customer",
  "specialist",
  "least-loaded",
  "round-robin",
  "nobody-eligible",
  "manual",
  "no-match",
  "sla-escalation",
  "sla",
  "need-edited",
  "inventory-changed",
  // an admin's "match again" (rematchByAdmin): no need edit, so no assignment ends (docs/decisions/127)
  "admin-rematch",
  // a park retired (停用) ended the offers nobody had accepted there (app/inventory/retired-park-offers.server.ts, ADR 157)
  "park-retired",
  // an admin closing a lead (LEAD_CLOSED_AS, app/admin/lead-actions.server.ts)
  "spam",
  "duplicate",
  // a `reopened` line: what the recruiter's undo takes back (ADR 034), which the dashboard no longer counts (migration 106, ADR 150)
  "undo-lost",
  "undo-signed",
  "undo-declined",
] as const;
export type RoutingRuleCode = (typeof ROUTING_RULES)[number];

/**
 * Every checked column → its list. Keys are `table.column` as Postgres names them; the integration test
 * compares each with the constraint the migrations create.
 */
export const CHECKED_COLUMNS: Record<string, readonly string[]> = {
  "leads.status": LEAD_STATUSES,
  "leads.source": LEAD_SOURCES,
  "leads.lng": LNGS,
  "leads.consent_method": CONSENT_METHODS,
  "leads.closed_as": LEAD_CLOSED_AS,
  "spaces.kind": SPACE_KINDS,
  "spaces.status": SPACE_STATUSES,
  "recruiters.channel": RECRUITER_CHANNELS,
  "assignments.channel": RECRUITER_CHANNELS,
  "matches.found_by": MATCH_FOUND_BY,
  "users.role": STAFF_ROLES,
  "phone_access_log.actor_role": STAFF_ROLES,
  "assignments.status": ASSIGNMENT_STATUSES,
  "notifications.kind": NOTIFICATION_KINDS,
  "notifications.channel": NOTIFICATION_CHANNELS,
  "notifications.status": NOTIFICATION_STATUSES,
  "call_tasks.kind": CALL_TASK_KINDS,
  "call_tasks.status": CALL_TASK_STATUSES,
  "call_tasks.closed_reason": CALL_TASK_CLOSE_REASONS,
  "phone_access_log.place": PHONE_ACCESS_PLACES,
  "privacy_audit.action": PRIVACY_ACTIONS,
  "lead_notes.source": LEAD_NOTE_SOURCES,
};
