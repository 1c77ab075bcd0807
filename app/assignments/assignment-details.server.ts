import type { Sql, TransactionSql } from "~/db/db.server";
import { areaSaidInMu, formatMu, formatSqm, muWithSqm, sqmToMu } from "~/domain/area";
import { industryLabel } from "~/domain/industries";
import { NEED_KINDS } from "~/domain/lead-fields";
import type { Lead } from "~/domain/lead-schema";

type NeedKind = (typeof NEED_KINDS)[number];
import { unitCountOf } from "~/domain/matching/area-window";
import type { Reason } from "~/domain/matching/types";
import type { Exclusion } from "~/domain/matching/why-not";
import { formatPhoneForDisplay } from "~/domain/phone";
import { unitsAreaText } from "~/domain/unit-count-text";
import { formatAdminTime } from "~/i18n/admin-messages";
import { composeLine, part } from "~/i18n/compose-line";
import { type Params, pick } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { type NotifyKey, notifyText } from "~/i18n/notify-messages";
import { ui } from "~/i18n/ui-messages";
import { withdrawalParams, type WithdrawalWhy } from "~/notify/withdrawal-reason";

import { listedNearMissesSql } from "./listed-near-misses.server";

export type AssignmentDetails = {
  id: string;
  leadId: string;
  parkId: string;
  parkName: string;
  status: string;
  reroutes: number;
  acceptBy: Date | null;
  recruiter: { id: string; name: string; email: string; phone: string; channel: "email" | "hotline" } | null;
  reference: string;
  lead: Lead;
  /** The lead was anonymised (a request to delete personal data, or the retention period): nothing to show or do. */
  anonymised: boolean;
  /** assignments.close_reason: why it ended (`need-changed`, `park-retired`, `erased`, a recruiter's lost reason), null while open. */
  closeReason: string | null;
  /** How an admin closed the lead (leads.closed_as), and the reference of the lead it duplicates; null while open. */
  leadClosedAs: "spam" | "duplicate" | null;
  duplicateOfReference: string | null;
  /** The park whose signing closed this assignment (assignments.closed_by, ADR 034); null otherwise. */
  signedElsewherePark: string | null;
  /** The park's matched spaces, live first; a withdrawn one (let since it was offered) says why. */
  spaces: {
    id: string;
    title: string;
    score: number;
    conditional: boolean;
    reasons: Reason[];
    verifiedAt: string;
    withdrawnAt: string | null;
    withdrawnReason: { zh: string; en: string } | null;
  }[];
  /** Why not: the lead's excluded spaces in this park (nearest first), those still available and not offered since (listedNearMissesSql). */
  excluded: Exclusion[];
};

/** The row of `assignmentDetailsSelect`, before `detailsFromRow` shapes it. */
export type AssignmentDetailsRow = Omit<AssignmentDetails, "recruiter"> & {
  recruiterId: string | null;
  rName: string | null;
  rEmail: string | null;
  rPhone: string | null;
  rChannel: "email" | "hotline" | null;
};

/**
 * The one select of everything a notice about an assignment shows, for the assignment whose id is
 * `assignmentId` (a value, or a fragment such as another relation's column in a lateral join: the
 * email's claim reads it in its own statement, claimEmailNotice). One row, or none when the
 * assignment is gone.
 */
export function assignmentDetailsSelect(sql: Sql | TransactionSql, assignmentId: string | ReturnType<Sql>) {
  return sql`
    select a.id, a.lead_id, a.park_id, p.name as park_name, a.status, a.reroutes, a.accept_by, a.recruiter_id,
           r.name as r_name, r.email as r_email, r.phone as r_phone, r.channel as r_channel, l.reference, l.lead, l.anonymised_at is not null as anonymised,
           a.close_reason, l.closed_as as lead_closed_as, (select o.reference from leads o where o.id = l.duplicate_of) as duplicate_of_reference,
           (select sp.name from assignments b join parks sp on sp.id = b.park_id where b.id = a.closed_by and b.status = 'signed') as signed_elsewhere_park,
           -- this park's part of the why-not list, filtered here: the whole list is kilobytes of JSON per lead;
           -- without a space that left the inventory since the lead was matched (docs/decisions/127)
           ${listedNearMissesSql(sql, sql`and x.e ->> 'parkId' = a.park_id`)} as excluded,
           coalesce((
             select json_agg(json_build_object('id', s.id, 'title', s.title, 'score', m.score, 'conditional', m.conditional, 'reasons', m.reasons,
                                               'verifiedAt', s.verified_at, 'withdrawnAt', m.withdrawn_at, 'withdrawnReason', m.withdrawn_reason)
                             order by m.withdrawn_at is not null, m.score desc, s.id)
             from matches m join spaces s on s.id = m.space_id
             where m.lead_id = a.lead_id and m.park_id = a.park_id), '[]') as spaces
    from assignments a join parks p on p.id = a.park_id join leads l on l.id = a.lead_id
    left join recruiters r on r.id = a.recruiter_id
    where a.id = ${assignmentId}`;
}

/** An `assignmentDetailsSelect` row as AssignmentDetails. */
export function detailsFromRow(a: AssignmentDetailsRow): AssignmentDetails {
  const { recruiterId, rName, rEmail, rPhone, rChannel, excluded, ...details } = a;
  return {
    ...details,
    recruiter: recruiterId ? { id: recruiterId, name: rName!, email: rEmail!, phone: rPhone!, channel: rChannel! } : null,
    excluded: excluded ?? [],
  };
}

/** Everything a notice about one assignment shows: lead, park, recruiter and the park's matched spaces (one query). */
export async function loadAssignmentDetails(sql: Sql | TransactionSql, assignmentId: string): Promise<AssignmentDetails | null> {
  const [a] = await sql<AssignmentDetailsRow[]>`${assignmentDetailsSelect(sql, assignmentId)}`;
  return a ? detailsFromRow(a) : null;
}

/** What needAreaText reads of a need: a stored lead's, or the admin's lead page's (null for a bound not given). */
export type NeedAreaOf = {
  kind?: string | null;
  /** The unit the area was given in ("sqm" | "mu"): said back in it (docs/decisions/180). */
  areaUnit?: string | null;
  areaMinSqm?: number | null;
  areaMaxSqm?: number | null;
  unitCount?: unknown;
};

/**
 * The one way a need's area is said on the staff's pages and in their messages (the recruiter's lead page, emails,
 * the hotline's scripts, the admin's lead page: docs/decisions/135):
 * "4000–6000㎡", "≥ 5000㎡", land also in 亩: "30–50亩（20000–33333㎡）" ("30–50 mu (20000–33333㎡)" in English); a need of several units (need.unitCount,
 * docs/decisions/130) each unit's and the total: "3栋 × 约5000㎡（共约15000㎡）" (`lng` "en": "3 buildings × about
 * 5000㎡ (about 15000㎡ in all)").
 */
export function needAreaText(lead: { need: NeedAreaOf }, lng: Lng): string {
  const { kind } = lead.need;
  const areaMinSqm = lead.need.areaMinSqm ?? undefined;
  const areaMaxSqm = lead.need.areaMaxSqm ?? undefined;
  const sqm = (n: number) => formatSqm(Math.round(n));
  const words = (lo: number | undefined, hi: number | undefined) => {
    if (lo === undefined && hi === undefined) return "";
    const range = (f: (n: number) => string) =>
      lo !== undefined && hi !== undefined
        ? lo === hi
          ? f(lo)
          : `${f(lo).replace(/[^\d.]+$/, "")}–${f(hi)}`
        : lo !== undefined
          ? `≥ ${f(lo)}`
          : `≤ ${f(hi!)}`;
    return areaSaidInMu(lead.need)
      ? muWithSqm(
          range((n) => formatMu(Math.round(sqmToMu(n) * 10) / 10, lng)),
          range(sqm),
          lng,
        )
      : range(sqm);
  };
  const units = unitCountOf(lead.need.unitCount);
  return units > 1 && (areaMinSqm !== undefined || areaMaxSqm !== undefined)
    ? unitsAreaText(areaMinSqm, areaMaxSqm, units, kind, lng, words)
    : words(areaMinSqm, areaMaxSqm);
}

/** The need's kind and area, "厂房 4500–6000㎡" / "Factory building 4500–6000㎡": either alone when the other is not known. */
export function needKindAreaText(lead: { need: NeedAreaOf }, lng: Lng): string {
  const kind = (NEED_KINDS as readonly string[]).includes(lead.need.kind ?? "") ? ui(lng, `need.kind.${lead.need.kind as NeedKind}`) : "";
  return [kind, needAreaText(lead, lng)].filter(Boolean).join(" ");
}

/**
 * The corrected need a withdrawal notice names (ADR 108, 114): its area (needAreaText) and its regions, "10000–13000㎡ · 溧水区",
 * in the notice's language (`lng` required, as needAreaText's: a default let the English script say "3栋 ×", docs/decisions/141).
 */
export function withdrawnNeedText(lead: Lead, lng: Lng): string {
  return [needAreaText(lead, lng), (lead.need.regions ?? []).join("、")].filter(Boolean).join(" · ");
}

/**
 * Why the assignment `d` ended, as its withdrawal notice says it (docs/decisions/167), read from the assignment and
 * its lead when the notice is sent: the park retired (close_reason `park-retired`), another park's signing (closed_by),
 * the lead closed by an admin (leads.closed_as), else a need edit (ADR 108: close_reason `need-changed`) with the
 * corrected need in `lng`.
 */
export function withdrawalWhy(d: AssignmentDetails, lng: Lng): WithdrawalWhy {
  if (d.closeReason === "park-retired") return { reason: "park-retired" };
  if (d.signedElsewherePark) return { reason: "signed-elsewhere", signedPark: d.signedElsewherePark };
  if (d.leadClosedAs) return { reason: "lead-closed", closedAs: d.leadClosedAs, duplicateOf: d.duplicateOfReference };
  return { reason: "need-changed", needText: withdrawnNeedText(d.lead, lng) };
}

const WITHDRAWAL_SCRIPT = {
  "need-changed": "withdrawal.script",
  "park-retired": "withdrawal.script.parkRetired",
  "lead-closed": "withdrawal.script.leadClosed",
  "signed-elsewhere": "withdrawal.script.signedElsewhere",
} as const satisfies Record<WithdrawalWhy["reason"], NotifyKey>;

/**
 * What hotline staff read to a recruiter who works by phone when their assignment ended without their doing
 * (the withdrawal notice on the hotline channel, ADR 114, 167): who to call, the lead, why it ended (withdrawalWhy:
 * the corrected need, the park retired, the lead closed, another park signed), that nothing more is theirs to do.
 * `recruiter` is the one who held it (the notice's recipient).
 */
export function withdrawalScript(d: AssignmentDetails, recruiter: { name: string; phone: string }, lng: Lng = "zh"): string {
  const why = withdrawalWhy(d, lng);
  return notifyText(lng, WITHDRAWAL_SCRIPT[why.reason], {
    name: recruiter.name,
    phone: formatPhoneForDisplay(recruiter.phone, lng),
    reference: d.reference,
    company: d.lead.company.name,
    need: why.reason === "need-changed" ? why.needText : "",
    ...withdrawalParams(why, lng),
    park: d.parkName,
  });
}

/**
 * What hotline staff read to a recruiter who works by phone when their offer lapsed and was re-routed (the
 * SLA's re-route notice on the hotline channel, docs/decisions/120): who to call, the lead, that it was
 * re-routed after `slaMinutes` and that nothing more is theirs to do. `recruiter` is the one who missed it
 * (the notice's recipient), whoever holds the assignment now: said truly where it is (docs/decisions/124) —
 * with the next recruiter, or in the admins' unassigned queue when nobody else could take it.
 */
export function rerouteScript(
  d: AssignmentDetails,
  recruiter: { name: string; phone: string },
  slaMinutes: number,
  lng: Lng = "zh",
): string {
  const toQueue = !d.recruiter;
  return notifyText(lng, toQueue ? "reroute.script.queue" : "reroute.script", {
    name: recruiter.name,
    phone: formatPhoneForDisplay(recruiter.phone, lng),
    reference: d.reference,
    company: d.lead.company.name,
    park: d.parkName,
    minutes: slaMinutes,
  });
}

/** The lead's GB/T 4754 industry as staff read it: code and name in the page's language ("C38 电气机械和器材制造业"). */
export function leadIndustryLabel(lead: Lead, lng: Lng): string {
  return industryLabel(lead.use.industry, lng);
}

/**
 * What hotline staff read to a recruiter when handing a lead over by phone (zh-CN unless told): both phone
 * numbers, the need, the park, the acceptance deadline and the matched spaces with their reasons.
 * `d.recruiter` must be set.
 */
export function handoverScript(d: AssignmentDetails, slaMinutes: number, lng: Lng = "zh"): string {
  const recruiter = d.recruiter!;
  const t = (key: NotifyKey, params?: Params) => notifyText(lng, key, params);
  const spaces = d.spaces
    .filter((s) => s.withdrawnAt === null)
    .map((s, i) =>
      t("handover.space", {
        n: i + 1,
        title: s.title,
        score: s.score,
        reasons: s.reasons.map((r) => pick(lng, r)).join(t("handover.reasonSep")),
      }),
    )
    .join("\n");
  const sep = { part: t("handover.partSep"), group: t("handover.groupSep") };
  return [
    t("handover.call", { name: recruiter.name, phone: formatPhoneForDisplay(recruiter.phone, lng), reference: d.reference }),
    // Each part only when it says something (an erased lead has no contact; a hotline lead may have no product).
    composeLine(
      [
        [
          part(d.lead.company.name, (company) => t("handover.company", { company })),
          part(d.lead.contact.name, (contact) => t("handover.contact", { contact })),
          part(d.lead.contact.phone && formatPhoneForDisplay(d.lead.contact.phone, lng), (phone) => t("handover.phone", { phone })),
        ],
      ],
      sep,
      t("handover.groupSep").trimEnd(),
    ),
    composeLine(
      [
        [
          part(needKindAreaText(d.lead, lng), (need) => t("handover.need", { need })),
          part(d.lead.use.product, (product) => t("handover.product", { product })),
        ],
        [part(d.parkName, (park) => t("handover.park", { park }))],
      ],
      sep,
      t("handover.end"),
    ),
    d.acceptBy
      ? t("handover.deadlineBy", { deadline: formatAdminTime(d.acceptBy.toISOString()) })
      : t("handover.deadline", { minutes: slaMinutes }),
    spaces ? `${t("handover.spaces")}\n${spaces}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
