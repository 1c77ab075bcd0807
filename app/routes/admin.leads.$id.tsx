import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";

import { loadLeadAudit } from "~/admin/admin-data.server";
import {
  assignByHand,
  closeLead,
  type LeadActionProblem,
  leadAnonymised,
  listAssignableRecruiters,
  loadLeadClosing,
  rematchByAdmin,
  rerouteByAdmin,
} from "~/admin/lead-actions.server";
import { leadActionSchema } from "~/admin/lead-forms";
import { needAreaText } from "~/assignments/assignment-details.server";
import { requireAdminForm } from "~/auth/admin-gate.server";
import { requireAdmin } from "~/auth/session.server";
import { AdminErrorBoundary, AdminPage, AdminSection, DataTable, Time, useAdminText } from "~/components/admin";
import { type LeadActionData, LeadActions } from "~/components/admin-lead-actions";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { industryLabel } from "~/domain/industries";
import { formatPhoneForDisplay } from "~/domain/phone";
import { formShapeRefusal } from "~/http/action-form.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { adminLabel, adminText } from "~/i18n/admin-messages";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import { describeFlag, isCorrectionFlag, isDoubtFlag, isReadingFlag } from "~/i18n/flag-messages";
import { type Bilingual, lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { privacyText } from "~/i18n/privacy-messages";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { leadRefusals } from "~/leads/lead-refusals";
import { leadPhone } from "~/leads/lead-view.server";
import { recordPhoneViews, staffActor } from "~/privacy/access-log.server";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => (d ? adminText(d.lng, "lead.title", { reference: d.audit.reference }) : "parkmatch"));
export const headers = noStore;

/**
 * GET /admin/leads/<id>: the routing audit trail of one lead, with its matches and assignments. The
 * phone is masked; `?reveal=phone` shows it in full and records the view (docs/decisions/022).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const sql = getSql();
  const audit = await loadLeadAudit(sql, params.id ?? "");
  if (!audit) throw new Response("not found", { status: 404 });
  let phoneFull: string | null = null;
  const anonymised = await leadAnonymised(sql, audit.id);
  // An erased person's number is gone: nothing to reveal, no view to record (ADR 090).
  if (!anonymised && new URL(request.url).searchParams.get("reveal") === "phone") {
    const phone = await leadPhone(sql, audit.id);
    if (phone) {
      await recordPhoneViews(sql, await staffActor(request), "admin-lead", [{ leadId: audit.id, reference: audit.reference }]);
      phoneFull = formatPhoneForDisplay(phone, lngFromUrl(request.url));
    }
  }
  const [recruiters, { closing, repeatedBy }] = await Promise.all([listAssignableRecruiters(sql), loadLeadClosing(sql, audit.id)]);
  const { flash, headers } = await readFlash(request); // what the last action did (ADR 025)
  return data(
    {
      lng: lngFromUrl(request.url),
      audit: withoutBidiControls(audit), // names people typed (ADR 021)
      // The need's area as every staff page and message says it (needAreaText; docs/decisions/135: this page
      // had its own words, and "3栋 × 约5000㎡ – 5000㎡" of a need of several units).
      areaText: needAreaText({ need: audit.need }, lngFromUrl(request.url)),
      phoneFull,
      anonymised, // ADR 090: the page says so instead of blank fields
      recruiters: withoutBidiControls(recruiters),
      closing: withoutBidiControls(closing),
      repeatedBy,
      flash,
    },
    { headers },
  );
}

/** What each action says after it is done (the flash on the page it lands on). */
const DONE: Record<"rematch" | "assign" | "reroute" | "close", AdminOpsKey> = {
  rematch: "lead.rematch.done",
  assign: "form.saved",
  reroute: "lead.reroute.done",
  close: "lead.close.done",
};

const PROBLEM_FIELD: Record<LeadActionProblem, { field: string; key: Parameters<typeof opsText>[1] }> = {
  "not-found": { field: "", key: "err.notFound" },
  closed: { field: "", key: "lead.reroute.none" },
  "recruiter-not-of-park": { field: "target", key: "err.recruiterNotOfPark" },
  // Said above the form that asked (assign by hand, re-route), not under one of its fields.
  "park-retired": { field: "", key: "err.parkRetired" },
  "nothing-to-reroute": { field: "assignmentId", key: "lead.reroute.none" },
  "unknown-duplicate": { field: "duplicateOf", key: "err.unknownLead" },
  "duplicate-self": { field: "duplicateOf", key: "err.duplicateSelf" },
};

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST /admin/leads/<id>: re-run matching, assign by hand, re-route, or close as spam/duplicate
 * (intent), CSRF-checked; each writes the routing audit with the admin and why (ADR 028).
 * 400 with field errors; 303 back to the page, the outcome in the flash cookie (ADR 025).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, form } = await requireAdminForm(request);
  const lng = lngFromUrl(request.url);
  const submission = parseWithZod(form, { schema: leadActionSchema(lng) });
  const sentIntent = submission.payload.intent;
  const intent = String((Array.isArray(sentIntent) ? sentIntent[0] : sentIntent) ?? "");
  // One value per field (ADR 086): a field sent twice is refused in our words, beside its form.
  const refused = formShapeRefusal(form, { fields: [] }, lng);
  if (refused) return data<LeadActionData>({ intent, result: refused }, { status: 400 });
  if (submission.status !== "success") return data<LeadActionData>({ intent, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const sql = getSql();
  const env = getWebEnv();
  const routing = { slaMinutes: env.ACCEPT_SLA_MINUTES, slaClock: env.SLA_CLOCK, noticeFallbackMs: 0 };
  const leadId = params.id ?? "";
  const result =
    v.intent === "rematch"
      ? await rematchByAdmin(sql, leadId, actor)
      : v.intent === "assign"
        ? await assignByHand(
            sql,
            { leadId, parkId: v.target.split("|")[1], recruiterId: v.target.split("|")[0], why: v.why },
            actor,
            routing,
          )
        : v.intent === "reroute"
          ? await rerouteByAdmin(sql, leadId, v.assignmentId, actor, routing)
          : await closeLead(sql, leadId, { as: v.as, note: v.note, duplicateOf: v.duplicateOf ?? null }, actor);
  if (!result.ok) {
    if (result.problem === "not-found") throw new Response("not found", { status: 404 });
    const { field, key } = PROBLEM_FIELD[result.problem];
    const message = [opsText(lng, key)];
    return data<LeadActionData>(
      { intent, result: submission.reply(field ? { fieldErrors: { [field]: message } } : { formErrors: message }) },
      { status: 400 },
    );
  }
  return redirectWithFlash(request, lngHref(`/admin/leads/${leadId}`, lng), {
    tone: "status",
    text: opsText(lng, DONE[v.intent]),
    form: v.intent,
  });
}

const say = (lng: Lng, b: Bilingual | null | undefined) => (b ? (lng === "en" ? b.en || b.zh : b.zh || b.en) : "");

export default function AdminLead() {
  const { lng, audit: a, areaText, phoneFull, anonymised, recruiters, closing, repeatedBy, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<LeadActionData>();
  const t = useAdminText(lng);
  const none = t("common.none");
  const who = (name: string | null, id: string | null) => (id ? (name ? `${name} (${id})` : id) : none);
  const { need } = a;
  const needText = [adminLabel(lng, "need.kind", need.kind), adminLabel(lng, "need.deal", need.deal), areaText, need.regionsText[lng]]
    .filter((s) => s && s !== none)
    .join(punctuationMessages.t(lng, "clauses"));
  // What the enterprise refused, beside the need (docs/decisions/158).
  const refusals = leadRefusals({ flags: a.flags }, lng);

  return (
    <AdminPage lng={lng} flash={flash}>
      <h1>{t("lead.title", { reference: a.reference })}</h1>
      {anonymised ? (
        <div className="banner" role="status" data-testid="lead-anonymised">
          {privacyText(lng, "lead.anonymised")}
        </div>
      ) : null}

      <section aria-labelledby="summary-h">
        <h2 id="summary-h">{t("lead.summary")}</h2>
        <dl className="facts">
          <dt>{t("lead.status")}</dt>
          <dd>{adminLabel(lng, "leadStatus", a.status)}</dd>
          <dt>{t("lead.source")}</dt>
          <dd>{adminLabel(lng, "source", a.source)}</dd>
          <dt>{t("lead.created")}</dt>
          <dd>
            <Time iso={a.createdAt} />
          </dd>
          <dt>{t("lead.company")}</dt>
          <dd>{anonymised ? privacyText(lng, "admin.anonymised") : a.company}</dd>
          <dt>{t("lead.industry")}</dt>
          <dd>{a.industry ? industryLabel(a.industry, lng) : none}</dd>
          <dt>{t("lead.product")}</dt>
          <dd>{a.product || none}</dd>
          <dt>{t("lead.need")}</dt>
          <dd>
            {needText || none}
            {/* The need is edited on the hotline's lead page, which admins may use too (docs/decisions/135). */}
            {anonymised ? null : (
              <>
                {" "}
                <Link to={lngHref(`/hotline/leads/${a.id}`, lng)} data-testid="edit-need">
                  {t("lead.editNeed")}
                </Link>
              </>
            )}
          </dd>
          {refusals ? (
            <>
              <dt>{refusals.label}</dt>
              <dd data-testid="need-refusals">{refusals.text}</dd>
            </>
          ) : null}
          <dt>{t("lead.phone")}</dt>
          <dd>
            {anonymised ? (
              privacyText(lng, "admin.anonymised")
            ) : phoneFull ? (
              <span data-testid="phone-full">{phoneFull}</span>
            ) : (
              <>
                {a.phoneMasked || none}{" "}
                {a.phoneMasked ? (
                  <Link to={lngHref(`/admin/leads/${a.id}?reveal=phone`, lng)}>{privacyText(lng, "lead.revealPhone")}</Link>
                ) : null}
              </>
            )}
          </dd>
          {(
            [
              ["lead.flags", "flags", a.flags.filter(isDoubtFlag)],
              ["lead.readings", "readings", a.flags.filter(isReadingFlag)],
              ["lead.corrections", "corrections", a.flags.filter(isCorrectionFlag)],
            ] as const
          ).map(([label, className, list]) =>
            list.length > 0 ? (
              <Fragment key={label}>
                <dt>{t(label)}</dt>
                <dd>
                  <ul className={className}>
                    {list.map((f, i) => (
                      <li key={i}>{describeFlag(lng, f)}</li>
                    ))}
                  </ul>
                </dd>
              </Fragment>
            ) : null,
          )}
        </dl>
      </section>

      <LeadActions
        lng={lng}
        leadId={a.id}
        status={a.status}
        assignments={a.assignments}
        recruiters={recruiters}
        closing={closing}
        repeatedBy={repeatedBy}
        actionData={actionData}
        anonymised={anonymised}
      />

      <AdminSection id="events-h" title={t("lead.events")}>
        <DataTable
          caption={t("lead.events.caption")}
          columns={[
            { label: t("col.time") },
            { label: t("col.event") },
            { label: t("col.park") },
            { label: t("col.recruiter") },
            { label: t("col.rule") },
            { label: t("col.reason") },
            { label: t("col.considered") },
            { label: opsText(lng, "audit.col.actor") },
          ]}
          empty={{ when: a.events.length === 0, text: t("lead.events.empty") }}
        >
          {a.events.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <Time iso={e.at} />
              </th>
              <td>{adminLabel(lng, "event", e.event)}</td>
              <td>{e.parkName ?? none}</td>
              <td>{who(e.recruiterName, e.recruiterId)}</td>
              <td>{e.rule ? adminLabel(lng, "rule", e.rule) : none}</td>
              <td>{say(lng, e.reason) || none}</td>
              <td>
                {e.considered.length === 0 ? (
                  none
                ) : (
                  <ul className="considered">
                    {e.considered.map((c) => (
                      <li key={c.recruiterId} className={c.eligible ? "eligible" : "not-eligible"}>
                        {`${who(c.recruiterName, c.recruiterId)} — ${c.eligible ? t("lead.eligible") : t("lead.notEligible")}${say(lng, c.why) ? `${punctuationMessages.t(lng, "label")}${say(lng, c.why)}` : ""}`}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{e.actor ?? none}</td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="assignments-h" title={t("lead.assignments")}>
        <DataTable
          caption={t("lead.assignments.caption")}
          columns={[
            { label: t("col.park") },
            { label: t("col.status") },
            { label: t("col.recruiter") },
            { label: t("col.channel") },
            { label: t("col.rule") },
            { label: t("col.reason") },
            { label: t("col.reroutes"), numeric: true },
            { label: t("col.acceptBy") },
          ]}
          empty={{ when: a.assignments.length === 0, text: t("lead.assignments.empty") }}
        >
          {a.assignments.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.parkName ?? s.parkId}</th>
              <td>{adminLabel(lng, "assignment", s.status)}</td>
              <td>{who(s.recruiterName, s.recruiterId)}</td>
              <td>{adminLabel(lng, "channel", s.channel)}</td>
              <td>{adminLabel(lng, "rule", s.rule)}</td>
              <td>{say(lng, s.reason) || none}</td>
              <td className="num">{s.reroutes}</td>
              <td>
                <Time iso={s.acceptBy} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="matches-h" title={t("lead.matches")}>
        <DataTable
          caption={t("lead.matches.caption")}
          columns={[
            { label: t("col.space") },
            { label: t("col.park") },
            { label: t("col.score"), numeric: true },
            { label: t("col.reasons") },
            { label: t("col.foundBy") },
          ]}
          empty={{ when: a.matches.length === 0, text: t("lead.matches.empty") }}
        >
          {a.matches.map((m) => (
            <tr key={m.spaceId}>
              <th scope="row">{m.spaceTitle ? `${m.spaceTitle} (${m.spaceId})` : m.spaceId}</th>
              <td>{m.parkName ?? m.parkId}</td>
              <td className="num">
                {m.score}
                {m.conditional ? t("lead.conditional") : ""}
              </td>
              <td>
                {m.reasons
                  .map((r) => say(lng, r))
                  .filter(Boolean)
                  .join(punctuationMessages.t(lng, "clauses")) || none}
              </td>
              <td>{m.foundBy === "space" ? t("lead.foundBy.space") : t("lead.foundBy.lead")}</td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="withdrawn-h" title={t("lead.withdrawn")}>
        <DataTable
          caption={t("lead.withdrawn.caption")}
          columns={[
            { label: t("col.space") },
            { label: t("col.park") },
            { label: t("col.score"), numeric: true },
            { label: t("col.reason") },
            { label: t("col.withdrawnAt") },
          ]}
          empty={{ when: a.withdrawn.length === 0, text: t("lead.withdrawn.empty") }}
        >
          {a.withdrawn.map((m) => (
            <tr key={m.spaceId} className="withdrawn" data-withdrawn={m.spaceId}>
              <th scope="row">{m.spaceTitle ? `${m.spaceTitle} (${m.spaceId})` : m.spaceId}</th>
              <td>{m.parkName ?? none}</td>
              <td className="num">{m.score}</td>
              <td>{say(lng, m.reason) || none}</td>
              <td>
                <Time iso={m.withdrawnAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="excluded-h" title={t("lead.excluded")}>
        {a.excluded.length === 0 ? <p>{t("lead.excluded.empty")}</p> : <p>{t("lead.excluded.caption")}</p>}
        {a.excluded.map((g) => (
          <DataTable
            key={g.parkId}
            caption={g.parkName}
            columns={[{ label: t("col.space") }, { label: t("col.reason") }, { label: t("col.suggestion") }]}
          >
            {g.spaces.map((e) => (
              <tr key={e.spaceId} data-excluded={e.spaceId} data-rule={e.rule}>
                <th scope="row">{`${e.title} (${e.spaceId})`}</th>
                <td>{e.reasons.map((r) => say(lng, r)).join(punctuationMessages.t(lng, "clauses"))}</td>
                <td>{say(lng, e.suggestion) || none}</td>
              </tr>
            ))}
          </DataTable>
        ))}
      </AdminSection>

      <p>
        <Link to={lngHref("/admin", lng)}>{t("common.backToDashboard")}</Link>
      </p>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
