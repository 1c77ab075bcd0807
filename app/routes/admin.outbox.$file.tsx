import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";

import { requireAdmin } from "~/auth/session.server";
import { AdminErrorBoundary, AdminPage, useAdminText } from "~/components/admin";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { adminText, formatAdminTime } from "~/i18n/admin-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { getOutboxDir } from "~/notify/outbox-dir.server";
import { decodeMail, readOutboxMail } from "~/notify/outbox-files.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => (d ? `${d.subject || d.file} · ${adminText(d.lng, "outbox.title")}` : "parkmatch"));
export const headers = noStore;

/**
 * GET /admin/outbox/<file>: one development mail as the recruiter reads it — its headers, subject and bodies decoded
 * (a base64 body and an encoded subject were all the page showed: trial 12-05) — and, folded, the raw .eml. The HTML
 * body is shown as its source text, never rendered (the page's CSP aside, a mail's markup runs nowhere here). A bad
 * name → 400, a missing file → 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const file = params.file ?? "";
  let raw: string | null;
  try {
    raw = await readOutboxMail(getOutboxDir(), file);
  } catch (error) {
    if (error instanceof Error && error.message === "invalid outbox file name") throw new Response("bad file name", { status: 400 });
    throw error;
  }
  if (raw === null) throw new Response("not found", { status: 404 });
  const mail = await decodeMail(raw);
  const subject = mail.headers.find((h) => h.name === "Subject")?.value ?? "";
  return { lng: lngFromUrl(request.url), file, subject, mail, raw };
}

export default function AdminOutboxMail() {
  const { lng, file, subject, mail, raw } = useLoaderData<typeof loader>();
  const t = useAdminText(lng);
  return (
    <AdminPage lng={lng}>
      <h1>{subject || t("mail.title", { file })}</h1>
      <p>
        <code>{file}</code>
      </p>
      <dl className="mail-headers" data-testid="mail-headers">
        {mail.headers.map((h) => (
          <Fragment key={h.name}>
            <dt>{h.name}</dt>
            <dd>{h.name === "Date" ? formatAdminTime(h.value) : h.value}</dd>
          </Fragment>
        ))}
      </dl>
      {/* React escapes every text: the bodies are shown as text, a mail's HTML as its source — never rendered. */}
      <h2 id="text-h">{t("mail.text")}</h2>
      {mail.text ? (
        <pre className="eml" aria-labelledby="text-h" tabIndex={0} data-testid="mail-text">
          {mail.text}
        </pre>
      ) : (
        <p>{t("mail.noPart")}</p>
      )}
      {mail.html ? (
        <details>
          <summary>{t("mail.html")}</summary>
          <pre className="eml" tabIndex={0} data-testid="mail-html">
            {mail.html}
          </pre>
        </details>
      ) : null}
      {mail.attachments.length ? (
        <>
          <h2>{t("mail.attachments")}</h2>
          <ul>
            {mail.attachments.map((a, i) => (
              <li key={i}>
                {a.filename || t("mail.unnamed")} · {a.contentType} · {t("mail.bytes", { n: a.size })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary id="raw-h">{t("mail.raw")}</summary>
        <pre className="eml" aria-labelledby="raw-h" tabIndex={0}>
          {raw}
        </pre>
      </details>
      <p>
        <Link to={lngHref("/admin/outbox", lng)}>{t("mail.back")}</Link>
      </p>
    </AdminPage>
  );
}

export function ErrorBoundary() {
  return <AdminErrorBoundary messages={{ 400: "mail.badName", 404: "mail.notFound" }} />;
}
