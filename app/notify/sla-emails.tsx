import type { Lng } from "~/i18n/lng";
import { notifyText } from "~/i18n/notify-messages";

import type { RenderedEmail } from "./assignment-email";
import { EmailDocument, renderEmailHtml } from "./email-layout";
import type { RerouteDestination } from "./reroute-destination";
import { withdrawalParams, type WithdrawalWhy } from "./withdrawal-reason";

// The two emails of a missed acceptance deadline (worker/assignment-sla.job.ts → notify-email.job.ts):
// the recruiter who let it lapse hears that it is gone, an admin hears of the second miss.

/** `destination`: where the lead is now (rerouteDestination; docs/decisions/124). */
export type RerouteNoticeInput = {
  recruiterName: string;
  reference: string;
  companyName: string;
  parkName: string;
  slaMinutes: number;
  destination: RerouteDestination;
};

const REROUTE_KEYS = {
  recruiter: { subject: "reroute.subject", body: "reroute.body" },
  queue: { subject: "reroute.subject.queue", body: "reroute.body.queue" },
  back: { subject: "reroute.subject.back", body: "reroute.body.back" },
} as const;

/**
 * To the recruiter who let the deadline lapse: where the lead went — the next recruiter, or the admins'
 * unassigned queue when nobody else could take it (nothing more to do either way) — or that it is theirs
 * again when it was given back meanwhile.
 */
export function renderRerouteNotice(input: RerouteNoticeInput, lng: Lng = "zh"): RenderedEmail {
  const keys = REROUTE_KEYS[input.destination];
  const subject = notifyText(lng, keys.subject, { reference: input.reference, company: input.companyName });
  const greeting = notifyText(lng, "assignment.greeting", { name: input.recruiterName });
  const body = notifyText(lng, keys.body, { reference: input.reference, park: input.parkName, minutes: input.slaMinutes });
  const html = renderEmailHtml(
    <EmailDocument lng={lng} title={subject}>
      <p>{greeting}</p>
      <p>{body}</p>
    </EmailDocument>,
  );
  return { subject, html, text: `${greeting}\n\n${body}\n` };
}

export type EscalationInput = { reference: string; companyName: string; parkName: string; areaText: string; assignmentUrl: string };

/** To an admin: the lead was re-routed twice and still nobody accepted it; the link opens the assignment. */
export function renderEscalationEmail(input: EscalationInput, lng: Lng = "zh"): RenderedEmail {
  const subject = notifyText(lng, "escalation.subject", { reference: input.reference, company: input.companyName });
  const body = notifyText(lng, "escalation.body", { reference: input.reference, park: input.parkName, area: input.areaText });
  const html = renderEmailHtml(
    <EmailDocument lng={lng} title={subject}>
      <p>{body}</p>
      <p>
        <a href={input.assignmentUrl}>{notifyText(lng, "escalation.open")}</a>
      </p>
    </EmailDocument>,
  );
  return { subject, html, text: `${body}\n${input.assignmentUrl}\n` };
}

export type WithdrawalNoticeInput = {
  recruiterName: string;
  reference: string;
  companyName: string;
  parkName: string;
  /** Why it ended (withdrawalWhy): the corrected need in a few words ("厂房 · 10000–13000㎡"), the park retired, the lead closed, … */
  why: WithdrawalWhy;
  assignmentUrl: string;
};

const WITHDRAWAL_KEYS = {
  "need-changed": { subject: "withdrawn.subject", body: "withdrawn.body" },
  "park-retired": { subject: "withdrawn.subject.parkRetired", body: "withdrawn.body.parkRetired" },
  "lead-closed": { subject: "withdrawn.subject.leadClosed", body: "withdrawn.body.leadClosed" },
  "signed-elsewhere": { subject: "withdrawn.subject.signedElsewhere", body: "withdrawn.body.signedElsewhere" },
} as const;

/**
 * To the recruiter whose assignment ended without their doing (docs/decisions/108, 167), said by its reason: a need
 * edit left their park without a fitting space (the corrected need), an admin retired the park (the lead went to the
 * parks that still fit; restoring it brings nothing back), an admin closed the lead (as spam, or a duplicate of which
 * lead), the enterprise signed with another park (which); that their work stays on the lead, and the link to it (the
 * page still opens for them, as their history does).
 */
export function renderWithdrawalNotice(input: WithdrawalNoticeInput, lng: Lng = "zh"): RenderedEmail {
  const keys = WITHDRAWAL_KEYS[input.why.reason];
  const params = { reference: input.reference, company: input.companyName, park: input.parkName, ...withdrawalParams(input.why, lng) };
  const subject = notifyText(lng, keys.subject, params);
  const greeting = notifyText(lng, "assignment.greeting", { name: input.recruiterName });
  const body = notifyText(lng, keys.body, params);
  const html = renderEmailHtml(
    <EmailDocument lng={lng} title={subject}>
      <p>{greeting}</p>
      <p>{body}</p>
      <p>
        <a href={input.assignmentUrl}>{notifyText(lng, "withdrawn.open")}</a>
      </p>
    </EmailDocument>,
  );
  return { subject, html, text: `${greeting}\n\n${body}\n${input.assignmentUrl}\n` };
}
