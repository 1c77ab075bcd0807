import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

import { FlashBanner, type FlashMessage } from "~/components/flash";
import { type AdminKey, adminText, formatAdminTime, withLng } from "~/i18n/admin-messages";
import { opsText } from "~/i18n/admin-ops-messages";
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
          <Link to={withLng("/admin", lng)}>{t("nav.dashboard")}</Link>
          <Link to={withLng("/admin/leads", lng)}>{opsText(lng, "nav.leads")}</Link>
          <Link to={withLng("/admin/dead-letters", lng)}>{opsText(lng, "nav.deadLetters")}</Link>
          <Link to={withLng("/admin/dashboard", lng)}>{opsText(lng, "nav.dashboard")}</Link>
          <Link to={withLng("/admin/staff", lng)}>{opsText(lng, "nav.staff")}</Link>
          <Link to={withLng("/admin/office-hours", lng)}>{opsText(lng, "nav.officeHours")}</Link>
          <Link to={withLng("/admin/parks", lng)}>{inventoryText(lng, "nav.parks")}</Link>
          <Link to={withLng("/admin/spaces", lng)}>{inventoryText(lng, "nav.spaces")}</Link>
          <Link to={withLng("/admin/recruiters", lng)}>{inventoryText(lng, "nav.recruiters")}</Link>
          <Link to={withLng("/admin/import", lng)}>{inventoryText(lng, "nav.import")}</Link>
          <Link to={withLng("/admin/outbox", lng)}>{t("nav.outbox")}</Link>
          <Link to={withLng("/admin/privacy", lng)}>{privacyText(lng, "admin.nav")}</Link>
        </nav>
      ) : null}
      <span className="admin-tools">
        <LanguageLink lng={lng} />
        {signedIn ? (
          <form method="post" action={withLng("/logout", lng)} className="inline">
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

/** 400 and 404 of admin pages, in the page's language, inside the admin frame. */
export function AdminErrorBoundary({ messages }: { messages?: Partial<Record<number, AdminKey>> }) {
  const error = useRouteError();
  const { lng, hotline } = useRootData();
  const t = useAdminText(lng);
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
        <Link to={withLng("/admin", lng)}>{t("common.backToDashboard")}</Link>
      </p>
    </AdminPage>
  );
}
