import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { getStaffUser, requireAdmin } from "~/auth/session.server";
import { AdminErrorBoundary, AdminPage, AdminSection, DataTable, Time } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { ErrorList } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { parseActionForm } from "~/http/action-form.server";
import { adminLabel } from "~/i18n/admin-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { type PrivacyKey, privacyText } from "~/i18n/privacy-messages";
import { getOutboxDir } from "~/notify/outbox-dir.server";
import { loadPhoneAccessLog, staffActor } from "~/privacy/access-log.server";
import { eraseLeads } from "~/privacy/anonymise.server";
import { privacyRequestSchema } from "~/privacy/request-form";
import { findPerson, loadPrivacyAudit, type Person } from "~/privacy/requests.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => privacyText(d?.lng ?? "zh", "admin.title"));
export const headers = noStore;

/** GET /admin/privacy: a person's requests (find, export, delete), the privacy audit log and the phone access log. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const sql = getSql();
  const [audit, access, user] = await Promise.all([
    loadPrivacyAudit(sql, 50),
    loadPhoneAccessLog(sql, { limit: 200 }),
    getStaffUser(request),
  ]);
  return { lng: lngFromUrl(request.url), audit, access, csrf: user?.csrf ?? null };
}

type ActionResult = { query: string; person: Person | null; error?: PrivacyKey; erased?: { count: number; mails: number } };

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST intent=find|erase, query=<phone or reference> (posted, so numbers stay out of URLs). Erase
 * needs confirm=yes and anonymises every lead of the person (audited). Export is /admin/privacy/export.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = await parseActionForm(request, admin.via === "staff" ? admin.user : null, privacyRequestSchema);
  if (submission.status !== "success") return data<ActionResult>({ query: "", person: null, error: "admin.invalid" }, { status: 400 });
  const { query, intent, confirm } = submission.value;
  const sql = getSql();
  const person = await findPerson(sql, query);
  if (!person) return data<ActionResult>({ query, person: null, error: "admin.invalid" }, { status: 400 });
  if (intent !== "erase") return data<ActionResult>({ query, person });
  if (confirm !== "yes") return data<ActionResult>({ query, person, error: "admin.erase.needConfirm" }, { status: 400 });
  const { actor } = await staffActor(request);
  const result = await eraseLeads(sql, {
    leadIds: person.leads.map((l) => l.id),
    actor,
    subject: person.subject,
    outboxDir: getOutboxDir(),
  });
  return data<ActionResult>({
    query,
    person: await findPerson(sql, query),
    erased: { count: result.leads.length, mails: result.mails.length },
  });
}

export default function AdminPrivacy() {
  const { lng, audit, access, csrf } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const t = (key: PrivacyKey, params?: Record<string, string | number>) => privacyText(lng, key, params);
  const csrfField = csrf ? <input type="hidden" name="csrf" value={csrf} /> : null;
  const person = result?.person;
  const needConfirm = result?.error === "admin.erase.needConfirm";
  return (
    <AdminPage lng={lng}>
      <h1>{t("admin.title")}</h1>
      <AdminSection id="request-h" title={t("admin.request.h")}>
        <p>{t("admin.request.intro")}</p>
        <Form method="post" className="lookup privacy-lookup">
          {csrfField}
          <label htmlFor="privacy-query">{t("admin.query")}</label>
          <span className="lookup-row">
            <input
              id="privacy-query"
              type="search"
              name="query"
              autoComplete="off"
              maxLength={40}
              required
              defaultValue={result?.query ?? ""}
            />
            <button type="submit" name="intent" value="find">
              {t("admin.find")}
            </button>
          </span>
        </Form>
        {result?.error && result.error !== "admin.erase.needConfirm" ? (
          <div className="banner error" role="alert">
            {t(result.error)}
          </div>
        ) : null}
        {result?.erased ? (
          <div className="banner" role="status">
            {t("admin.erased", result.erased)}
          </div>
        ) : null}
        {person ? (
          <>
            <DataTable
              caption={`${t("admin.leads.caption")} · ${person.subject}`}
              columns={[
                { label: t("col.reference") },
                { label: t("col.created") },
                { label: t("col.status") },
                { label: t("col.company") },
                { label: t("col.phone") },
              ]}
              empty={{ when: person.leads.length === 0, text: t("admin.none") }}
            >
              {person.leads.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    <Link to={lngHref(`/admin/leads/${l.id}`, lng)}>{l.reference}</Link>
                  </th>
                  <td>
                    <Time iso={l.createdAt} />
                  </td>
                  <td>{l.anonymised ? t("admin.anonymised") : adminLabel(lng, "leadStatus", l.status)}</td>
                  <td>{l.company}</td>
                  <td>{l.phoneMasked}</td>
                </tr>
              ))}
            </DataTable>
            {person.leads.length ? (
              <>
                <Form method="post" action={lngHref("/admin/privacy/export", lng)} reloadDocument className="privacy-step">
                  {csrfField}
                  <input type="hidden" name="query" value={result.query} />
                  <button type="submit">{t("admin.export")}</button>
                </Form>
                <Form method="post" className="privacy-step">
                  {csrfField}
                  <input type="hidden" name="query" value={result.query} />
                  <label>
                    <input
                      type="checkbox"
                      name="confirm"
                      value="yes"
                      aria-invalid={needConfirm || undefined}
                      aria-describedby={needConfirm ? "privacy-confirm-error" : undefined}
                    />{" "}
                    {t("admin.erase.confirm")}
                  </label>
                  {/* Said at the box to tick, not above the table. */}
                  <ErrorList id="privacy-confirm-error" errors={needConfirm ? [t("admin.erase.needConfirm")] : undefined} />
                  <button type="submit" name="intent" value="erase" className="danger">
                    {t("admin.erase")}
                  </button>
                </Form>
              </>
            ) : null}
          </>
        ) : null}
      </AdminSection>

      <AdminSection id="audit-h" title={t("admin.audit.h")}>
        <DataTable
          caption={t("admin.audit.caption")}
          columns={[
            { label: t("col.at") },
            { label: t("col.actor") },
            { label: t("col.action") },
            { label: t("col.subject") },
            { label: t("col.leads"), numeric: true },
          ]}
          empty={{ when: audit.length === 0, text: t("admin.audit.empty") }}
        >
          {audit.map((a, i) => (
            <tr key={i}>
              <td>
                <Time iso={a.at} />
              </td>
              <td>{a.actor}</td>
              <td>{t(`action.${a.action}`)}</td>
              <td>{a.subject ?? "—"}</td>
              <td className="num">{a.leads}</td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="access-h" title={t("admin.access.h")}>
        <DataTable
          caption={
            access.rows.length < access.total
              ? `${t("admin.access.caption")} (${access.rows.length}/${access.total})`
              : t("admin.access.caption")
          }
          columns={[
            { label: t("col.at") },
            { label: t("col.actor") },
            { label: t("col.role") },
            { label: t("col.reference") },
            { label: t("col.place") },
          ]}
          empty={{ when: access.rows.length === 0, text: t("admin.access.empty") }}
        >
          {access.rows.map((r, i) => (
            <tr key={i} data-testid="phone-view">
              <td>
                <Time iso={r.at} />
              </td>
              <td>{r.actor}</td>
              <td>{t(`role.${r.role}`)}</td>
              <td>
                <Link to={lngHref(`/admin/leads/${r.leadId}`, lng)}>{r.reference}</Link>
              </td>
              <td>{t(`place.${r.place}`)}</td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
