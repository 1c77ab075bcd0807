import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { leadIndustryLabel, loadAssignmentDetails, needAreaText } from "~/assignments/assignment-details.server";
import { hasAdminToken } from "~/auth/admin-token.server";
import { checkCsrf, getStaffUser, requireStaff } from "~/auth/session.server";
import { AdminSection, DataTable, Time } from "~/components/admin";
import { FlashBanner } from "~/components/flash";
import { StaffPage } from "~/components/staff";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { isUuid } from "~/domain/ids";
import { leadFlags } from "~/domain/lead-flags";
import { daysSinceVerified, listingFreshness } from "~/domain/matching/hard";
import { formatPhoneForDisplay } from "~/domain/phone";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { adminLabel, withLng } from "~/i18n/admin-messages";
import { describeFlag } from "~/i18n/flag-messages";
import { lngFromUrl } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import { recordPhoneViews, staffActor } from "~/privacy/access-log.server";
import { allowedIntents, applyAssignmentAction, type Intent, INTENTS } from "~/recruiter-desk/assignment-actions.server";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? staffText(d.lng, "a.title", { reference: d.reference }) : "parkmatch" },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** How long since the listing was confirmed, judged now with SPACE_VERIFY_DAYS: a warning, or not offered any more. */
function freshness(verifiedAt: string): { listing: "fresh" | "warn" | "stale"; days: number } {
  const options = { now: new Date().toISOString(), verifyDays: getWebEnv().SPACE_VERIFY_DAYS };
  return { listing: listingFreshness(verifiedAt, options), days: daysSinceVerified(verifiedAt, options.now) };
}

/**
 * GET /queue/assignments/<id> — the page the recruiter's email links to: the enterprise, its need, the
 * park's matched spaces with the reasons, and what the recruiter can do next. Admins may read any.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getStaffUser(request);
  const admin = user?.role === "admin" || (await hasAdminToken(request));
  if (!admin) await requireStaff(request, ["recruiter"]);
  const lng = lngFromUrl(request.url);
  const d = isUuid(params.id) ? await loadAssignmentDetails(getSql(), params.id!) : null;
  const mine = d !== null && user?.role === "recruiter" && user.recruiterId !== null && d.recruiter?.id === user.recruiterId;
  if (!d || (!mine && !admin)) throw data(null, { status: 404 });
  // The page shows the enterprise's full number: who saw it is recorded (docs/decisions/022).
  if (d.lead.contact.phone)
    await recordPhoneViews(getSql(), user ? { actor: user.email, role: user.role } : await staffActor(request), "assignment-page", [
      { leadId: d.leadId, reference: d.reference },
    ]);
  const lead = d.lead;
  const { flash, headers } = await readFlash(request); // what the last step did (ADR 025)
  // Names and notes people typed: bidi controls removed before they reach the page (ADR 021).
  const view = withoutBidiControls({
    lng,
    csrf: user?.csrf ?? null,
    mine,
    reference: d.reference,
    parkName: d.parkName,
    status: d.status,
    acceptBy: d.acceptBy?.toISOString() ?? null,
    company: lead.company.name,
    contactName: lead.contact.name,
    phone: formatPhoneForDisplay(lead.contact.phone),
    product: lead.use.product,
    industry: leadIndustryLabel(lead),
    need: { kind: lead.need.kind, deal: lead.need.deal, area: needAreaText(lead) },
    tax: lead.tax.annualTaxWan ?? null,
    notes: lead.need.notes ?? null,
    spaces: d.spaces.map((s) => ({ ...s, ...freshness(s.verifiedAt) })),
    excluded: d.excluded,
    flags: leadFlags(lead).map((f) => describeFlag(lng, f)),
    intents: mine ? allowedIntents(d.status) : [],
    flash,
  });
  return data(view, { headers });
}

/** POST intent=accept|decline|contacted|visit|signed|lost (with the session's CSRF token) → 303 back. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["recruiter"]);
  const form = await request.formData();
  checkCsrf(user, form);
  const intent = form.get("intent");
  if (typeof intent !== "string" || !(INTENTS as readonly string[]).includes(intent) || !isUuid(params.id) || !user.recruiterId) {
    throw data(null, { status: 400 });
  }
  const lng = lngFromUrl(request.url);
  const outcome = await applyAssignmentAction(
    getSql(),
    { assignmentId: params.id!, recruiterId: user.recruiterId, intent: intent as Intent },
    { slaMinutes: getWebEnv().ACCEPT_SLA_MINUTES, slaClock: getWebEnv().SLA_CLOCK, noticeFallbackMs: 0 },
  );
  const here = `/queue/assignments/${params.id}`;
  if (!outcome.ok) throw await redirectWithFlash(request, withLng(here, lng), { tone: "alert", text: staffText(lng, "a.stale") });
  if (intent === "decline") throw redirect(withLng("/queue", lng), 303); // it is someone else's now
  const status = adminLabel(lng, "assignment", outcome.status);
  throw await redirectWithFlash(request, withLng(here, lng), { tone: "status", text: staffText(lng, "a.done", { status }) });
}

export default function AssignmentPage() {
  const d = useLoaderData<typeof loader>();
  const t = (key: Parameters<typeof staffText>[1], params?: Record<string, string | number>) => staffText(d.lng, key, params);
  const status = adminLabel(d.lng, "assignment", d.status);
  return (
    <StaffPage lng={d.lng} signedIn={d.csrf !== null} csrf={d.csrf ?? undefined}>
      <p>
        <Link to={withLng("/queue", d.lng)}>{t("a.back")}</Link>
      </p>
      <h1>{t("a.title", { reference: d.reference })}</h1>
      <FlashBanner flash={d.flash} />
      {!d.mine ? <p>{t("a.readOnly")}</p> : null}
      <p>
        {t("a.park", { park: d.parkName })} · {t("a.status", { status })}
      </p>
      {d.status === "offered" && d.acceptBy ? (
        <p>
          {t("a.acceptBy")}
          <Time iso={d.acceptBy} /> {t("a.acceptByNote")}
        </p>
      ) : null}

      <dl className="facts">
        <dt>{t("col.company")}</dt>
        <dd>{d.company}</dd>
        <dt>{t("a.contact")}</dt>
        <dd>{d.contactName}</dd>
        <dt>{t("a.phone")}</dt>
        <dd>
          <a href={`tel:${d.phone.replace(/[^\d+]/g, "")}`}>{d.phone}</a>
        </dd>
        <dt>{t("a.need")}</dt>
        <dd>
          {adminLabel(d.lng, "need.kind", d.need.kind)} · {adminLabel(d.lng, "need.deal", d.need.deal)} · {d.need.area}
        </dd>
        <dt>{t("a.product")}</dt>
        <dd>{d.product}</dd>
        <dt>{t("a.industry")}</dt>
        <dd>{d.industry}</dd>
        {d.tax !== null ? (
          <>
            <dt>{t("a.tax")}</dt>
            <dd>{d.tax} 万元</dd>
          </>
        ) : null}
        {d.notes ? (
          <>
            <dt>{t("a.notes")}</dt>
            <dd>{d.notes}</dd>
          </>
        ) : null}
        {d.flags.length > 0 ? (
          <>
            <dt>{t("a.flags")}</dt>
            <dd>
              <ul className="flags">
                {d.flags.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      {d.intents.length > 0 ? (
        <AdminSection id="actions-h" title={t("a.actions")}>
          <div className="actions">
            {d.intents.map((intent) => (
              <Form method="post" key={intent} className="inline">
                <input type="hidden" name="csrf" value={d.csrf ?? ""} />
                <button type="submit" name="intent" value={intent}>
                  {t(`intent.${intent}`)}
                </button>
              </Form>
            ))}
          </div>
        </AdminSection>
      ) : null}

      <AdminSection id="spaces-h" title={t("a.spaces")}>
        <DataTable
          caption={t("a.spaces.caption")}
          columns={[{ label: t("a.space") }, { label: t("a.score"), numeric: true }, { label: t("a.reasons") }]}
        >
          {d.spaces.map((s) => (
            <tr key={s.id} className={s.withdrawnAt ? "withdrawn" : undefined} data-space={s.id}>
              <th scope="row">
                {s.withdrawnAt ? <s>{s.title}</s> : s.title}
                {s.conditional ? t("a.conditional") : ""}
                {s.withdrawnAt && s.withdrawnReason ? (
                  <div className="error-text" role="note">
                    {t("a.withdrawn", { reason: d.lng === "en" ? s.withdrawnReason.en : s.withdrawnReason.zh })}
                  </div>
                ) : s.listing !== "fresh" ? (
                  <div className="warning" role="note">
                    {t(s.listing === "stale" ? "a.verifySuspended" : "a.verifyWarn", { days: s.days })}
                  </div>
                ) : null}
              </th>
              <td className="num">{s.score}</td>
              <td>
                <ul>
                  {s.reasons.map((r, i) => (
                    <li key={i}>{d.lng === "en" ? r.en : r.zh}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="why-not-h" title={t("a.whyNot")}>
        <DataTable
          caption={t("a.whyNot.caption")}
          columns={[{ label: t("a.space") }, { label: t("a.whyNot.rule") }, { label: t("a.whyNot.suggestion") }]}
          empty={{ when: d.excluded.length === 0, text: t("a.whyNot.empty") }}
        >
          {d.excluded.map((e) => (
            <tr key={e.spaceId} data-excluded={e.spaceId} data-rule={e.rule}>
              <th scope="row">{e.title}</th>
              <td>
                <ul>
                  {e.reasons.map((r, i) => (
                    <li key={i}>{d.lng === "en" ? r.en : r.zh}</li>
                  ))}
                </ul>
              </td>
              <td>{e.suggestion ? (d.lng === "en" ? e.suggestion.en : e.suggestion.zh) : "—"}</td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>
    </StaffPage>
  );
}
