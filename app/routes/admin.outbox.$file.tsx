import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireAdmin } from "~/auth/session.server";
import { AdminErrorBoundary, AdminPage, useAdminText } from "~/components/admin";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { adminText } from "~/i18n/admin-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { getOutboxDir } from "~/notify/outbox-dir.server";
import { readMailHeadlines, readOutboxMail } from "~/notify/outbox-files.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => (d ? `${d.subject || d.file} · ${adminText(d.lng, "outbox.title")}` : "parkmatch"));
export const headers = noStore;

/** GET /admin/outbox/<file>: one development mail, raw. A bad name → 400, a missing file → 404. */
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
  // The decoded subject heads the page; the body is shown exactly as stored.
  const { subject } = await readMailHeadlines(raw);
  return { lng: lngFromUrl(request.url), file, subject, raw };
}

export default function AdminOutboxMail() {
  const { lng, file, subject, raw } = useLoaderData<typeof loader>();
  const t = useAdminText(lng);
  return (
    <AdminPage lng={lng}>
      <h1>{subject || t("mail.title", { file })}</h1>
      <p>
        <code>{file}</code>
      </p>
      <h2 id="raw-h">{t("mail.raw")}</h2>
      {/* React escapes the text: a mail's HTML part is shown as source, never rendered. */}
      <pre className="eml" aria-labelledby="raw-h" tabIndex={0}>
        {raw}
      </pre>
      <p>
        <Link to={lngHref("/admin/outbox", lng)}>{t("mail.back")}</Link>
      </p>
    </AdminPage>
  );
}

export function ErrorBoundary() {
  return <AdminErrorBoundary messages={{ 400: "mail.badName", 404: "mail.notFound" }} />;
}
