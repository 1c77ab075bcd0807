import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";

import { AdminPage, FilterNotices } from "~/components/admin";
import type { FlashMessage } from "~/components/flash";
import type { FilterNotice } from "~/domain/filter-notices";
import { lngHref } from "~/i18n/i18n";
import { type InventoryKey, inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";
import { LIST_STATES, type ListState } from "~/inventory/retire-form";

// The frame of the three inventory lists: title, "new", and a GET search form (plain links and forms,
// so filters work without JavaScript and every filtered list has its own address).

export function InventoryListPage({
  lng,
  title,
  newPath,
  q,
  state,
  adjusted = [],
  filters,
  flash,
  children,
}: {
  lng: Lng;
  title: InventoryKey;
  newPath: string;
  q: string;
  /** In use, retired or all (ADR 033). */
  state: ListState;
  /** What the list did instead of what its address asked (domain/filter-notices.ts). */
  adjusted?: readonly FilterNotice[];
  filters?: ReactNode;
  /** What the last step did (ADR 025). */
  flash?: FlashMessage | null;
  children: ReactNode;
}) {
  const t = (key: InventoryKey) => inventoryText(lng, key);
  return (
    <AdminPage lng={lng} flash={flash}>
      <h1>{t(title)}</h1>
      {/* Seen first, on a phone too: what the list did instead of what was asked. */}
      <FilterNotices lng={lng} notices={adjusted} />
      <p>
        <Link to={lngHref(newPath, lng)} className="button-link">
          {t("list.new")}
        </Link>
      </p>
      <Form method="get" className="lookup inventory-filters" role="search">
        {lng === "en" ? <input type="hidden" name="lng" value="en" /> : null}
        <span className="filter-pair">
          <label htmlFor="list-q">{t("list.search")}</label>
          <input id="list-q" name="q" type="search" defaultValue={q} placeholder={t("list.searchHint")} />
        </span>{" "}
        {filters}
        <span className="filter-pair">
          <label htmlFor="filter-state">{t("list.state")}</label>
          <select id="filter-state" name="state" defaultValue={state}>
            {LIST_STATES.map((s) => (
              <option key={s} value={s}>
                {t(s === "all" ? "list.all" : `list.state.${s}`)}
              </option>
            ))}
          </select>
        </span>{" "}
        <button type="submit">{t("list.filter")}</button>
      </Form>
      {children}
    </AdminPage>
  );
}

/**
 * A labelled <select> of a GET filter; the first option is "all". Label and select are one unit that
 * wraps whole: on a phone a label ending one row above another control's select read as its label.
 */
export function FilterSelect({
  lng,
  name,
  label,
  value,
  options,
}: {
  lng: Lng;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <>
      <span className="filter-pair">
        <label htmlFor={`filter-${name}`}>{label}</label>
        <select id={`filter-${name}`} name={name} defaultValue={value}>
          <option value="">{inventoryText(lng, "list.all")}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </span>{" "}
    </>
  );
}

/** "120 of 340 shown" when the list is cut. */
export function shownNote(lng: Lng, shown: number, total: number): string {
  return shown < total ? ` (${inventoryText(lng, "list.count", { total, shown })})` : "";
}

/** A paged list's caption note (docs/decisions/124): " (第 201–400 条，共 612 条)"; "" when one page shows them all. */
export function pageNote(lng: Lng, page: { position: number; rows: readonly unknown[]; total: number }): string {
  if (page.position === 0 && page.rows.length >= page.total) return "";
  const range = inventoryText(lng, "list.range", { from: page.position + 1, to: page.position + page.rows.length, total: page.total });
  return ` (${range})`;
}
