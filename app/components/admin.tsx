import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

import type { StuckWorkRow } from "~/admin/admin-data.server";
import { failureCause } from "~/admin/failure-cause";
import { refusalOf, RefusedPage, StaleBanner } from "~/components/error-pages";
import { FlashBanner, type FlashMessage } from "~/components/flash";
import type { FilterNotice } from "~/domain/filter-notices";
import { type AdminKey, adminLabel, adminText, formatAdminTime } from "~/i18n/admin-messages";
import { opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";
import { privacyText } from "~/i18n/privacy-messages";
import { ui } from "~/i18n/ui-messages";
import { errorHelp, useRootData } from "~/root";

// The frame of every admin page: plain links and forms, so everything works without JavaScript.

export function useAdminText(lng: Lng) {
  return (key: AdminKey, params?: Record<string, string | number>) => adminText(lng, key, params);
}

/** The same page in the other language (other query parameters are kept). */
function LanguageLink({ lng }: { lng: Lng }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  if (lng === "en") params.delete("lng");
  else params.set("lng", "en");
  const query = params.toString();
  return (
    <Link to={`${location.pathname}${query ? `?${query}` : ""}`} lang={lng === "en" ? "zh-CN" : "en"}>
      {adminText(lng, "lang.switch")}
    </Link>
  );
}

export function AdminHeader({ lng, signedIn = true }: { lng: Lng; signedIn?: boolean }) {
  const t = useAdminText(lng);
  const { csrf } = useRootData();
  return (
    <header className="top admin-top">
      <strong>{t("app.name")}</strong>
      {signedIn ? (
        <nav aria-label={t("nav.label")} className="admin-nav">
          <Link to={lngHref("/admin", lng)}>{t("nav.dashboard")}</Link>
          <Link to={lngHref("/admin/leads", lng)}>{opsText(lng, "nav.leads")}</Link>
          <Link to={lngHref("/admin/dead-letters", lng)}>{opsText(lng, "nav.deadLetters")}</Link>
          <Link to={lngHref("/admin/dashboard", lng)}>{opsText(lng, "nav.dashboard")}</Link>
          <Link to={lngHref("/admin/staff", lng)}>{opsText(lng, "nav.staff")}</Link>
          <Link to={lngHref("/admin/office-hours", lng)}>{opsText(lng, "nav.officeHours")}</Link>
          <Link to={lngHref("/admin/parks", lng)}>{inventoryText(lng, "nav.parks")}</Link>
          <Link to={lngHref("/admin/spaces", lng)}>{inventoryText(lng, "nav.spaces")}</Link>
          <Link to={lngHref("/admin/recruiters", lng)}>{inventoryText(lng, "nav.recruiters")}</Link>
          <Link to={lngHref("/admin/import", lng)}>{inventoryText(lng, "nav.import")}</Link>
          <Link to={lngHref("/admin/outbox", lng)}>{t("nav.outbox")}</Link>
          <Link to={lngHref("/admin/privacy", lng)}>{privacyText(lng, "admin.nav")}</Link>
        </nav>
      ) : null}
      <span className="admin-tools">
        <LanguageLink lng={lng} />
        {signedIn ? (
          <form method="post" action={lngHref("/logout", lng)} className="inline">
            <input type="hidden" name="csrf" value={csrf ?? ""} />
            <button type="submit" className="link">
              {t("nav.logout")}
            </button>
          </form>
        ) : null}
      </span>
    </header>
  );
}

/** An admin page: the header, then `flash` (what the last step did, ADR 025) above the page's own content. */
export function AdminPage({
  lng,
  children,
  signedIn,
  flash,
}: {
  lng: Lng;
  children: ReactNode;
  signedIn?: boolean;
  flash?: FlashMessage | null;
}) {
  return (
    <>
      <AdminHeader lng={lng} signedIn={signedIn} />
      <main className="admin">
        <FlashBanner flash={flash} />
        <StaleBanner lng={lng} />
        {children}
      </main>
    </>
  );
}

export type Column = { label: ReactNode; numeric?: boolean };

/** A titled part of an admin page. */
export function AdminSection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A captioned table with column headers (rows are the children), or one sentence when there is nothing to list. */
export function DataTable({
  caption,
  columns,
  empty,
  children,
}: {
  caption: ReactNode;
  columns: Column[];
  empty?: { when: boolean; text: ReactNode };
  children: ReactNode;
}) {
  if (empty?.when) return <p>{empty.text}</p>;
  return (
    <div className="table-wrap cards">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{withCellLabels(children, columns)}</tbody>
      </table>
    </div>
  );
}

/**
 * Each cell of each row gets `data-label` = its column's header text: on a phone (admin.css) a row is
 * drawn as a card, each cell on its own line after its label, so no page scrolls sideways. Rows are
 * `<tr>` elements whose cells are direct `<th>`/`<td>` children (the tables of the admin pages are).
 */
function withCellLabels(rows: ReactNode, columns: Column[]): ReactNode {
  const labels = columns.map((c) => (typeof c.label === "string" || typeof c.label === "number" ? String(c.label) : ""));
  // Columns still held by a cell of an earlier row (rowSpan): how many more rows each one covers.
  let held = labels.map(() => 0);
  return Children.map(rows, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== "tr") return row;
    const next = held.map((n) => Math.max(0, n - 1));
    let col = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement(cell) || (cell.type !== "td" && cell.type !== "th")) return cell;
      while (col < labels.length && held[col] > 0) col++;
      const { colSpan = 1, rowSpan = 1 } = cell.props as { colSpan?: number; rowSpan?: number };
      const label = labels[col] ?? "";
      for (let k = col; k < col + Number(colSpan) && k < next.length; k++) next[k] = Number(rowSpan) - 1;
      col += Number(colSpan);
      return label ? cloneElement(cell as ReactElement<Record<string, unknown>>, { "data-label": label }) : cell;
    });
    held = next;
    return cloneElement(row, {}, cells);
  });
}

export function Time({ iso }: { iso: string | null | undefined }) {
  return iso ? <time dateTime={iso}>{formatAdminTime(iso)}</time> : <>—</>;
}

/** A table cell holding one `Time`. */
export function TimeCell({ iso }: { iso: string | null | undefined }) {
  return (
    <td>
      <Time iso={iso} />
    </td>
  );
}

/** A filter's choice list (GET forms of admin lists): the first option, empty, means any. */
export function FilterSelect({
  name,
  label,
  anyLabel,
  value,
  options,
}: {
  name: string;
  label: ReactNode;
  anyLabel: string;
  value: string | null | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * What a list did instead of what its address asked (domain/filter-notices.ts): one line per filter value
 * it could not use, right under the page's heading (seen before the filter form, on a phone too), in the page's
 * language. Nothing when the address was used as given.
 */
export function FilterNotices({ lng, notices }: { lng: Lng; notices: readonly FilterNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="banner info filter-notices" role="status" data-testid="filters-adjusted">
      {notices.map((n, i) => (
        <p key={i}>{opsText(lng, n.key, n.params)}</p>
      ))}
    </div>
  );
}

/** A filter's date (GET forms of admin lists), as YYYY-MM-DD. */
export function FilterDate({ name, label, value }: { name: string; label: ReactNode; value: string | null | undefined }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type="date" defaultValue={value ?? ""} />
    </div>
  );
}

/** One line of the admin audit (app/admin/admin-audit.server.ts), with its detail already put as text. */
export type AuditTableRow = { id: string; at: string; actor: string; action: string; detail: string };

/** The admin audit's lines, newest first as given: when, who, what, and the detail in code type. */
export function AuditTable({ lng, caption, rows }: { lng: Lng; caption: ReactNode; rows: AuditTableRow[] }) {
  const t = (k: "audit.col.at" | "audit.col.actor" | "audit.col.action" | "audit.col.detail" | "audit.empty") => opsText(lng, k);
  return (
    <DataTable
      caption={caption}
      columns={[
        { label: t("audit.col.at") },
        { label: t("audit.col.actor") },
        { label: t("audit.col.action") },
        { label: t("audit.col.detail") },
      ]}
      empty={{ when: rows.length === 0, text: t("audit.empty") }}
    >
      {rows.map((h) => (
        <tr key={h.id}>
          <th scope="row">
            <Time iso={h.at} />
          </th>
          <td>{h.actor}</td>
          <td>{adminLabel(lng, "auditAction", h.action)}</td>
          <td>
            <code>{h.detail}</code>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Background work past due (the dashboard and the dead-letter page show the same table). */
/** A failure's cause in the admin's language (admin/failure-cause.ts), on a line of its own; nothing when none is known. */
export function FailureCause({ lng, lastError }: { lng: Lng; lastError: string | null }) {
  const cause = failureCause(lng, lastError);
  return cause ? (
    <span className="failure-cause" data-testid="failure-cause">
      {cause}
      <br />
    </span>
  ) : null;
}

export function StuckWorkTable({
  lng,
  caption,
  rows,
  emptyText,
}: {
  lng: Lng;
  caption: ReactNode;
  rows: StuckWorkRow[];
  emptyText: ReactNode;
}) {
  const t = useAdminText(lng);
  return (
    <DataTable
      caption={caption}
      columns={[
        { label: t("col.topic") },
        { label: t("col.item") },
        { label: t("col.error") },
        { label: t("col.attempts"), numeric: true },
        { label: t("col.dueSince") },
      ]}
      empty={{ when: rows.length === 0, text: emptyText }}
    >
      {rows.map((r) => (
        <tr key={r.id}>
          <th scope="row">{adminLabel(lng, "topic", r.topic)}</th>
          <td>{r.item}</td>
          <td className="error-text">
            <FailureCause lng={lng} lastError={r.lastError} />
            {r.lastError ?? t("common.none")}
          </td>
          <td className="num">{r.attempts}</td>
          <td>
            <Time iso={r.dueSince} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** 400 and 404 of admin pages, in the page's language, inside the admin frame; a 403 outside it (RefusedPage). */
export function AdminErrorBoundary({ messages }: { messages?: Partial<Record<number, AdminKey>> }) {
  const error = useRouteError();
  const { lng, hotline } = useRootData();
  const t = useAdminText(lng);
  // A 403 (a recruiter at /admin, a stale form) is not shown inside the admin frame: no admin menu
  // for someone without the role, and a way to their own desk or back to the page.
  const refusal = refusalOf(error);
  if (refusal) return <RefusedPage lng={lng} refusal={refusal} />;
  if (!isRouteErrorResponse(error) || error.status >= 500) {
    // Never a stack trace: the same plain apology as the public pages.
    return (
      <AdminPage lng={lng}>
        <h1>{ui(lng, "error.title")}</h1>
        <p>{errorHelp(lng, hotline)}</p>
      </AdminPage>
    );
  }
  const key = messages?.[error.status] ?? "common.notFound";
  return (
    <AdminPage lng={lng}>
      <h1>{t(key)}</h1>
      <p>
        <Link to={lngHref("/admin", lng)}>{t("common.backToDashboard")}</Link>
      </p>
    </AdminPage>
  );
}
