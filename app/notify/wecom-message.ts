import { maskPhone } from "~/domain/phone";
import type { Lng } from "~/i18n/lng";
import { type NotifyKey, notifyText } from "~/i18n/notify-messages";

import { withdrawalParams, type WithdrawalWhy } from "./withdrawal-reason";

/**
 * The WeCom group message for a lead assignment. Park groups are wide (whole investment-promotion
 * bureau, sometimes outside agents), so the message carries no enterprise contact name or phone and
 * the recruiter's phone is masked; details are behind the link.
 */
export type WecomAssignmentInput = {
  reference: string;
  parkName: string;
  /** Need with its area, already worded, e.g. "租赁厂房 4000–6000㎡". */
  needText: string;
  industryLabel: string;
  recruiterName: string;
  /** E.164-like, "+8613812345678". */
  recruiterPhone: string;
  assignmentUrl?: string;
  rerouted?: boolean;
};

/** Per-value cap (characters): keeps the whole message far below WeCom's 4096-byte limit, so the
 * sender never has to truncate it and cut the link or a tag in half. */
const MAX_VALUE_CHARS = 120;
const MAX_URL_CHARS = 1024;

// Markdown/HTML-significant ASCII → full-width look-alikes. Full-width forms read naturally in
// Chinese text and, unlike backslash escapes (which WeCom does not document), cannot be undone by
// the renderer. Covers links/images ([ ] ( ) !), <font> and other tags (< >), entities (&),
// emphasis/code/headings/quotes (* _ ~ ` # >) and the backslash itself.
const FULL_WIDTH: Record<string, string> = {
  "[": "［",
  "]": "］",
  "(": "（",
  ")": "）",
  "<": "＜",
  ">": "＞",
  "&": "＆",
  "*": "＊",
  _: "＿",
  "~": "～",
  "`": "｀",
  "#": "＃",
  "!": "！",
  "\\": "＼",
};
const SIGNIFICANT = /[[\]()<>&*_~`#!\\]/g;
// Invisible format characters (zero-width, bidi overrides/isolates, BOM) could hide or reorder text
// or split a pattern we neutralise; removed outright.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Control characters, line/paragraph separators and newlines: a value must stay on its own line,
// or it could start a heading or quote.
const BREAKING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/** Makes an untrusted value inert inside WeCom markdown: one line, no markup, no clickable scheme URL. */
export function neutraliseWecomText(value: string): string {
  let s = String(value ?? "")
    .replace(INVISIBLE, "")
    .replace(BREAKING, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = Array.from(s);
  if (chars.length > MAX_VALUE_CHARS) s = chars.slice(0, MAX_VALUE_CHARS - 1).join("") + "…";
  s = s.replace(SIGNIFICANT, (c) => FULL_WIDTH[c] ?? c);
  // Clients auto-link bare "scheme://" text; a full-width colon keeps it readable but not clickable.
  s = s.replace(/:\/\//g, "：//");
  return s === "" ? "—" : s;
}

/**
 * Our own link, but still checked: http(s) only, no credentials, and characters that could end or
 * alter the markdown link target percent-encoded. Anything else → no link rather than a broken one.
 */
function safeLink(raw: string | undefined): string | null {
  if (!raw || raw.length > MAX_URL_CHARS) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== "https:" && u.protocol !== "http:") || u.username || u.password) return null;
  const rest = u.href
    .slice(u.origin.length)
    .replace(/[()[\]*_~`<>\s"'\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return u.origin + rest;
}

/** The card's words in `lng` (notify-messages), its placeholders filled with values already made inert. */
const sayIn =
  (lng: Lng) =>
  (key: NotifyKey, params?: Record<string, string>): string =>
    notifyText(lng, key, params);

/**
 * A WeCom card as every renderer here ends it: its `lines` (each value already made inert), then the link
 * to the assignment ("查看分配详情" / its English) when `assignmentUrl` passes safeLink — none otherwise, never a
 * broken one — one per line. The one place the three cards (assignment, withdrawal, lapse) are put together.
 */
export function wecomCard(lines: readonly string[], assignmentUrl: string | undefined, lng: Lng): string {
  const link = safeLink(assignmentUrl);
  return (link ? [...lines, `[${notifyText(lng, "wecom.open")}](${link})`] : lines).join("\n");
}

export function renderWecomAssignment(input: WecomAssignmentInput, lng: Lng = "zh"): string {
  const t = neutraliseWecomText;
  const say = sayIn(lng);
  const lines = [
    say(input.rerouted ? "wecom.rerouted" : "wecom.new", { reference: t(input.reference) }),
    say("wecom.park", { park: t(input.parkName) }),
    say("wecom.need", { need: t(input.needText) }),
    say("wecom.industry", { industry: t(input.industryLabel) }),
    // maskPhone output contains "*" (e.g. "+86 138****5678"), which must not read as bold markers.
    say("wecom.recruiter", { name: t(input.recruiterName), phone: t(maskPhone(input.recruiterPhone)) }),
  ];
  if (input.rerouted) lines.push(`<font color="warning">${say("wecom.reroutedNote")}</font>`);
  return wecomCard(lines, input.assignmentUrl, lng);
}

/** The WeCom group message that an assignment ended without its recruiter's doing (ADR 108, 114, 167). */
export type WecomWithdrawalInput = {
  reference: string;
  parkName: string;
  /** Why it ended (withdrawalWhy): for a need edit the corrected need, already worded, e.g. "租赁厂房 10000–13000㎡ · 溧水区". */
  why: WithdrawalWhy;
  /** The recruiter who held the assignment (no phone: the group need not call them about it). */
  recruiterName: string;
  assignmentUrl?: string;
};

const WECOM_WITHDRAWN_NOTE = {
  "need-changed": "wecom.withdrawnNote",
  "park-retired": "wecom.withdrawnNote.parkRetired",
  "lead-closed": "wecom.withdrawnNote.leadClosed",
  "signed-elsewhere": "wecom.withdrawnNote.signedElsewhere",
} as const satisfies Record<WithdrawalWhy["reason"], NotifyKey>;

/**
 * The withdrawal as the group reads it: the reference, the park, the corrected need (a need edit only), who held
 * it, why it ended and that nobody needs to follow it up; every value made inert as in renderWecomAssignment (no
 * contact data).
 */
export function renderWecomWithdrawal(input: WecomWithdrawalInput, lng: Lng = "zh"): string {
  const t = neutraliseWecomText;
  const say = sayIn(lng);
  const { why } = input;
  const words = withdrawalParams(why, lng);
  const lines = [
    say("wecom.withdrawn", { reference: t(input.reference) }),
    say("wecom.park", { park: t(input.parkName) }),
    ...(why.reason === "need-changed" ? [say("wecom.withdrawnNeed", { need: t(why.needText) })] : []),
    say("wecom.withdrawnRecruiter", { name: t(input.recruiterName) }),
    `<font color="comment">${say(WECOM_WITHDRAWN_NOTE[why.reason], { why: t(words.why), signedPark: t(words.signedPark) })}</font>`,
  ];
  return wecomCard(lines, input.assignmentUrl, lng);
}

/** The WeCom group message that an offer posted to the group lapsed and nobody else could take it (docs/decisions/120). */
export type WecomLapsedInput = {
  reference: string;
  parkName: string;
  /** The recruiter the lapsed offer was made to (no phone: the group need not call them about it). */
  recruiterName: string;
  /** The acceptance deadline that passed (ACCEPT_SLA_MINUTES). */
  slaMinutes: number;
  assignmentUrl?: string;
};

/**
 * The lapse as the group reads it, when the SLA re-route found nobody (a re-route to another recruiter is
 * the group's "线索改派" post, renderWecomAssignment): the reference, the park, who had it, and that it
 * went to the admins' unassigned queue; every value made inert as in renderWecomAssignment (no contact data).
 */
export function renderWecomLapsed(input: WecomLapsedInput, lng: Lng = "zh"): string {
  const t = neutraliseWecomText;
  const say = sayIn(lng);
  const lines = [
    say("wecom.lapsed", { reference: t(input.reference) }),
    say("wecom.park", { park: t(input.parkName) }),
    say("wecom.lapsedRecruiter", { name: t(input.recruiterName) }),
    `<font color="warning">${say("wecom.lapsedNote", { minutes: String(input.slaMinutes) })}</font>`,
  ];
  return wecomCard(lines, input.assignmentUrl, lng);
}
