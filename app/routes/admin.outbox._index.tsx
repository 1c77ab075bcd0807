import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireAdmin } from "~/auth/session.server";
import { AdminErrorBoundary, AdminPage, DataTable, Time, useAdminText } from "~/components/admin";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { adminText } from "~/i18n/admin-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { getOutboxDir } from "~/notify/outbox-dir.server";
import { listOutboxMails } from "~/notify/outbox-files.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => adminText(d?.lng ?? "zh", "outbox.title"));
export const headers = noStore;

/** Mails shown at most (newest first); the folder is a developer's, it does not grow without bound. */
const MAX_LISTED = 500;

/** GET /admin/outbox: the mails the worker wrote to MAIL_OUTBOX_DIR because SMTP_URL is unset. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const dir = getOutboxDir();
  const mails = await listOutboxMails(dir);
  return { lng: lngFromUrl(request.url), dir, total: mails.length, mails: mails.slice(0, MAX_LISTED) };
}

export default function AdminOutbox() {
  const { lng, dir, total, mails } = useLoaderData<typeof loader>();
  const t = useAdminText(lng);
  return (
    <AdminPage lng={lng}>
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro", { dir })}</p>
      <DataTable
        caption={
          <>
            {t("outbox.caption")} ·{" "}
            {mails.length < total ? t("common.shown", { total, shown: mails.length }) : t("outbox.count", { total })}
          </>
        }
        columns={[{ label: t("col.subject") }, { label: t("col.to") }, { label: t("col.date") }]}
        empty={{ when: mails.length === 0, text: t("outbox.empty") }}
      >
        {mails.map((m) => (
          <tr key={m.file}>
            <th scope="row">
              <Link to={lngHref(`/admin/outbox/${encodeURIComponent(m.file)}`, lng)}>{m.subject || m.file}</Link>
            </th>
            <td>{m.to}</td>
            <td>
              <Time iso={m.date} />
            </td>
          </tr>
        ))}
      </DataTable>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
