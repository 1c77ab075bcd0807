import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";

import { AdminErrorBoundary, DataTable, Time } from "~/components/admin";
import { FilterSelect, InventoryListPage, pageNote } from "~/components/inventory-list";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { spaceAreaText } from "~/domain/area";
import { withoutBidiControls } from "~/domain/display-text";
import { type FilterNotice, quoteValue } from "~/domain/filter-notices";
import { lngHref } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import { listParks, listSpaces } from "~/inventory/inventory-admin.server";
import { COLUMNS } from "~/inventory/inventory-columns";
import { readInventoryListRequest } from "~/inventory/inventory-list.server";
import { useRootData } from "~/root";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => inventoryText(d?.lng ?? "zh", "spaces.title"));
export const headers = noStore;

const choicesOf = (key: string) => COLUMNS.spaces.find((c) => c.key === key)!.choices!;
const oneOf = (v: string | null, allowed: { value: string }[]) => (v && allowed.some((a) => a.value === v) ? v : "");

/** A filter value that is none of `allowed` is named above the list (domain/filter-notices.ts), then dropped. */
function unusable(p: URLSearchParams, name: string, allowed: { value: string }[], key: FilterNotice["key"]): FilterNotice[] {
  const v = p.get(name) ?? "";
  return v !== "" && oneOf(v, allowed) === "" ? [{ key, params: { value: quoteValue(v) } }] : [];
}

/** The longest page key read from the address: an id is at most 64 characters (inventory-edit.server.ts). */
const KEY_MAX = 64;

/**
 * GET /admin/spaces?q=&park=&kind=&status=&stale=1: spaces with their park and last confirmation.
 * stale=1 lists the available spaces not confirmed for SPACE_VERIFY_DAYS, oldest first, each with a
 * "still available" button (issue 10 item 3). Paged by key, SPACE_PAGE_ROWS a page (docs/decisions/124):
 * `after=<id>` the page after that space, `before=<id>` the page before it — plain links, the filters
 * kept. A key that cannot be one (over 64 characters, both given) or has nothing beyond it (the last
 * row saved away, an unknown id on the stale list) is named above the list, and the first page shown.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const {
    lng,
    q,
    typedQ,
    state,
    flash,
    headers,
    params: p,
    adjusted,
  } = await readInventoryListRequest(request, ["park", "kind", "status", "stale", "after", "before"]);
  const sql = getSql();
  const verifyDays = getWebEnv().SPACE_VERIFY_DAYS;
  const parks = (await listParks(sql, { limit: 1000, state: "all" })).rows.map((r) => ({ value: r.id, label: r.name }));
  const f = {
    q,
    parkId: oneOf(p.get("park"), parks),
    kind: oneOf(p.get("kind"), choicesOf("kind")),
    status: oneOf(p.get("status"), choicesOf("status")),
    stale: p.get("stale") === "1",
    state,
  };
  adjusted.push(
    ...unusable(p, "park", parks, "filter.adjusted.park"),
    ...unusable(p, "kind", choicesOf("kind"), "filter.adjusted.kind"),
    ...unusable(p, "status", choicesOf("status"), "filter.adjusted.status"),
    ...unusable(p, "stale", [{ value: "1" }], "filter.adjusted.stale"),
  );
  const [after, before] = [p.get("after"), p.get("before")];
  const given = after ?? before;
  let page: { after?: string; before?: string } = {};
  if (given !== null) {
    if (given.length > KEY_MAX || given === "" || (after !== null && before !== null))
      adjusted.push({ key: "filter.adjusted.pageKey", params: { value: quoteValue(given) } });
    else page = after !== null ? { after } : { before: given };
  }
  let list = await listSpaces(sql, { ...f, verifyDays, ...page });
  if (list.rows.length === 0 && list.total > 0 && given !== null) {
    // Nothing beyond that key (its rows went meanwhile, or it names no listed space): the first page, said.
    adjusted.push({ key: "filter.adjusted.pageEmpty", params: { value: quoteValue(given) } });
    list = await listSpaces(sql, { ...f, verifyDays });
  }
  return data(withoutBidiControls({ lng, f, typedQ, adjusted, parks, verifyDays, flash, list }), { headers });
}

/** The address of the page after (`after`) or before (`before`) the space `id`, or the first page (no key): the filters kept. */
function pageHref(search: string, lng: "zh" | "en", key: { after: string } | { before: string } | null): string {
  const params = new URLSearchParams(search);
  params.delete("after");
  params.delete("before");
  params.delete("lng");
  if (key) for (const [k, v] of Object.entries(key)) params.set(k, v);
  const query = params.toString();
  return lngHref(`/admin/spaces${query ? `?${query}` : ""}`, lng);
}

export default function AdminSpaces() {
  const { lng, f, typedQ, adjusted, parks, verifyDays, flash, list } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const { csrf } = useRootData();
  const t = (key: Parameters<typeof inventoryText>[1], params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const label = (key: string, value: string) => choicesOf(key).find((c) => c.value === value)?.label[lng] ?? value;
  const options = (key: string) => choicesOf(key).map((c) => ({ value: c.value, label: c.label[lng] }));
  const caption = f.stale ? t("verify.listCaption", { days: verifyDays, twice: 2 * verifyDays }) : t("spaces.title");
  return (
    <InventoryListPage
      lng={lng}
      title="spaces.title"
      newPath="/admin/spaces/new"
      q={typedQ}
      state={f.state}
      adjusted={adjusted}
      flash={flash}
      filters={
        <>
          <FilterSelect lng={lng} name="park" label={t("list.park")} value={f.parkId} options={parks} />
          <FilterSelect lng={lng} name="kind" label={t("list.kind")} value={f.kind} options={options("kind")} />
          <FilterSelect lng={lng} name="status" label={t("list.status")} value={f.status} options={options("status")} />
          <label>
            <input type="checkbox" name="stale" value="1" defaultChecked={f.stale} /> {t("list.stale")}
          </label>
        </>
      }
    >
      <DataTable
        caption={`${caption}${pageNote(lng, list)}`}
        columns={[
          { label: t("col.id") },
          { label: t("col.name") },
          { label: t("list.park") },
          { label: t("list.kind") },
          { label: t("col.area"), numeric: true },
          { label: t("list.status") },
          { label: t("col.verifiedAt") },
        ]}
        empty={{ when: list.rows.length === 0, text: f.stale ? t("verify.listEmpty", { days: verifyDays }) : t("list.empty") }}
      >
        {list.rows.map((s) => (
          <tr key={s.id} data-space={s.id}>
            <th scope="row">
              <Link to={lngHref(`/admin/spaces/${s.id}`, lng)}>{s.id}</Link>
            </th>
            <td>
              {s.title}
              {s.retired ? <span className="tag retired"> {t("list.retiredTag")}</span> : null}
            </td>
            <td>{s.parkName}</td>
            <td>{label("kind", s.kind)}</td>
            <td className="num">{spaceAreaText(s.areaSqm, s.kind === "land", lng)}</td>
            <td>{label("status", s.status)}</td>
            <td className={s.suspended ? "error-text" : s.stale ? "warning" : undefined}>
              <Time iso={s.verifiedAt} />
              {s.stale ? (
                <Form method="post" action={lngHref(`/admin/spaces/${s.id}`, lng)} className="inline">
                  <input type="hidden" name="csrf" value={csrf ?? ""} />
                  <input type="hidden" name="back" value="list" />{" "}
                  <button type="submit" name="intent" value="verify" aria-label={`${t("verify.button")}: ${s.title}`}>
                    {t("verify.button")}
                  </button>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {list.hasPrev || list.hasNext ? (
        <nav className="pager" aria-label={t("list.pager")}>
          {list.hasPrev ? <Link to={pageHref(search, lng, null)}>{t("list.firstPage")}</Link> : null}
          {list.hasPrev && list.rows.length > 0 ? (
            <Link to={pageHref(search, lng, { before: list.rows[0].id })} rel="prev">
              {t("list.prevPage")}
            </Link>
          ) : null}
          <span>{t("list.range", { from: list.position + 1, to: list.position + list.rows.length, total: list.total })}</span>
          {list.hasNext && list.rows.length > 0 ? (
            <Link to={pageHref(search, lng, { after: list.rows[list.rows.length - 1].id })} rel="next">
              {t("list.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </InventoryListPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
