import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { requireStaff } from "~/auth/session.server";
import { Time } from "~/components/admin";
import { withErrorTitle } from "~/components/error-pages";
import { FlashBanner, type FlashMessage } from "~/components/flash";
import { FoldedFilters } from "~/components/folded-filters";
import { ErrorList } from "~/components/forms";
import { JoinedParts } from "~/components/joined-parts";
import { noStore, stylesheets } from "~/components/page-head";
import { StaffPage } from "~/components/staff";
import { StaffErrorBoundary } from "~/components/staff-not-found";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { readFlash } from "~/http/flash.server";
import { adminLabel, formatAdminTime } from "~/i18n/admin-messages";
import { type DeskKey, deskText } from "~/i18n/desk-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import { adminClosingText } from "~/recruiter-desk/admin-closing";
import { deskFilterSchema, HISTORY_OUTCOMES, NEED_KIND_FILTERS, OPEN_STATUSES } from "~/recruiter-desk/desk-forms";
import { type DeskPage, loadDesk, recruiterParks } from "~/recruiter-desk/desk-search.server";
import { recentDeclines } from "~/recruiter-desk/lead-work.server";
import adminStyles from "~/styles/admin.css";
import deskStyles from "~/styles/desk.css";

export const links = stylesheets(adminStyles, deskStyles);
export const meta: MetaFunction = withErrorTitle(({ data: d }) => [
  { title: staffText((d as QueueData | undefined)?.lng ?? "zh", "queue.title") },
  { name: "robots", content: "noindex" },
]);
export const headers = noStore;

/**
 * GET /queue — the signed-in recruiter's desk. Query: `view` (open | history), `q` (company, product,
 * reference, phone digits), `status`, `park`, `kind`, `due=on`, `page`. A bad value is a field error
 * beside its filter (400); the list then shows everything of the view.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { body, status } = await queuePage(request);
  const { flash, headers } = await readFlash(request); // what the last step did (ADR 025), e.g. a decline
  return data({ ...body, flash }, { status, headers });
}

async function queuePage(request: Request) {
  const user = await requireStaff(request, ["recruiter"]);
  const lng = lngFromUrl(request.url);
  const sql = getSql();
  const parks = user.recruiterId ? await recruiterParks(sql, user.recruiterId) : [];
  const url = new URL(request.url);
  const view = url.searchParams.get("view") === "history" ? "history" : "open";
  const statuses = view === "history" ? HISTORY_OUTCOMES : OPEN_STATUSES;
  const schema = deskFilterSchema(lng, { statuses, parkIds: parks.map((p) => p.id), kinds: NEED_KIND_FILTERS });
  const submission = parseWithZod(url.searchParams, { schema });
  const f = submission.status === "success" ? submission.value : { view, page: 1 };
  const empty: DeskPage = { rows: [], total: 0, page: 1, pages: 1 };
  // Declines of the last UNDO_MINUTES: each can be taken back while nobody has accepted it (ADR 034).
  const declines = user.recruiterId ? await recentDeclines(sql, user.recruiterId) : [];
  const desk = user.recruiterId
    ? await loadDesk(
        sql,
        user.recruiterId,
        {
          view,
          q: "q" in f ? f.q : undefined,
          status: "status" in f ? f.status : undefined,
          parkId: "park" in f ? f.park : undefined,
          kind: "kind" in f ? f.kind : undefined,
          followUpDue: "due" in f ? f.due === "on" : false,
          page: f.page,
        },
        lng,
      )
    : empty;
  const result = submission.status === "error" ? submission.reply() : undefined;
  const body = {
    lng,
    csrf: user.csrf,
    linked: user.recruiterId !== null,
    view,
    statuses: [...statuses],
    parks,
    query: url.searchParams.toString(),
    result,
    desk: withoutBidiControls(desk), // names people typed (ADR 021)
    declines: withoutBidiControls(declines),
  };
  return { body, status: result ? 400 : 200 };
}
type QueueData = Awaited<ReturnType<typeof queuePage>>["body"] & { flash: FlashMessage | null };

/** The same /queue query with some parameters changed (null removes one). */
function withParams(query: string, changes: Record<string, string | null>): string {
  const p = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  const s = p.toString();
  return `/queue${s ? `?${s}` : ""}`;
}

export default function Queue() {
  const d = useLoaderData() as QueueData;
  const { lng, desk, view } = d;
  const t = (key: DeskKey, params?: Record<string, string | number>) => deskText(lng, key, params);
  const s = (key: Parameters<typeof staffText>[1], params?: Record<string, string | number>) => staffText(lng, key, params);
  const schema = deskFilterSchema(lng, { statuses: d.statuses, parkIds: d.parks.map((p) => p.id), kinds: NEED_KIND_FILTERS });
  const [form, fields] = useForm({
    id: "desk-filter",
    lastResult: d.result,
    defaultValue: Object.fromEntries(new URLSearchParams(d.query)),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  const statusLabel = (st: string) => (view === "history" ? t(`outcome.${st}` as DeskKey) : adminLabel(lng, "assignment", st));
  const lngParam: Record<string, string> = lng === "en" ? { lng: "en" } : {};
  const params = new URLSearchParams(d.query);
  // The filters in use, named in the folded filters' summary (status, park and need by their labels).
  const named = (key: string, options: [string, string][]) => options.find(([v]) => v === params.get(key))?.[1];
  const inUse = [
    named(
      "status",
      d.statuses.map((v) => [v, statusLabel(v)]),
    ),
    named(
      "park",
      d.parks.map((p) => [p.id, p.name]),
    ),
    named(
      "kind",
      NEED_KIND_FILTERS.map((k) => [k, adminLabel(lng, "need.kind", k)]),
    ),
    view === "open" && params.get("due") === "on" ? t("desk.due") : undefined,
  ].filter((x): x is string => x !== undefined);
  return (
    <StaffPage lng={lng} signedIn csrf={d.csrf}>
      <h1>{s("queue.title")}</h1>
      <FlashBanner flash={d.flash} />
      {d.declines.map((x) =>
        x.undoable ? (
          <Form
            key={x.assignmentId}
            method="post"
            action={lngHref(`/queue/assignments/${x.assignmentId}`, lng)}
            className="banner undo"
            role="status"
          >
            <input type="hidden" name="csrf" value={d.csrf} />
            {t("declined.banner", { reference: x.reference, company: x.company, until: formatAdminTime(x.undoUntil).slice(11) })}{" "}
            <button type="submit" name="intent" value="undoDecline">
              {t("declined.undo")}
            </button>
          </Form>
        ) : (
          <p key={x.assignmentId} className="banner" role="status">
            {t("declined.taken", { reference: x.reference, company: x.company })}
          </p>
        ),
      )}
      {!d.linked ? <p role="alert">{s("queue.noRecruiter")}</p> : null}
      <nav aria-label={s("queue.title")} className="desk-tabs">
        <Link to={lngHref("/queue", lng)} aria-current={view === "open" ? "page" : undefined}>
          {t("desk.open")}
        </Link>
        <Link to={lngHref("/queue?view=history", lng)} aria-current={view === "history" ? "page" : undefined}>
          {t("desk.history")}
        </Link>
      </nav>
      <p>{view === "history" ? t("desk.historyIntro") : s("queue.intro")}</p>

      {/* On a phone the first screen shows the first leads (docs/decisions/170): one compact search row, the filters
          folded behind a summary that names those in use — open only to show a wrong value beside its field. */}
      <Form method="get" {...getFormProps(form)} className="desk-filter" role="search">
        {view === "history" ? <input type="hidden" name="view" value="history" /> : null}
        {lng === "en" ? <input type="hidden" name="lng" value="en" /> : null}
        <div className="field wide">
          <label htmlFor={fields.q.id}>{t("desk.search")}</label>
          <p className="hint search-hint" id={fields.q.descriptionId}>
            {t("desk.search.hint")}
          </p>
          <div className="search-row">
            <input
              {...getInputProps(fields.q, { type: "search" })}
              placeholder={t("desk.search.placeholder")}
              aria-describedby={[fields.q.descriptionId, fields.q.errors ? fields.q.errorId : null].filter(Boolean).join(" ")}
            />
            <button type="submit">{t("desk.apply")}</button>
          </div>
          <ErrorList id={fields.q.errorId} errors={fields.q.errors} />
        </div>
        <FoldedFilters
          summary={inUse.length ? t("desk.filters.inUse", { list: inUse.join(" · ") }) : t("desk.filters")}
          open={d.result !== undefined}
        >
          <FilterSelect
            label={t("desk.status")}
            meta={fields.status}
            any={t("desk.any")}
            options={d.statuses.map((v) => [v, statusLabel(v)])}
          />
          <FilterSelect label={t("desk.park")} meta={fields.park} any={t("desk.any")} options={d.parks.map((p) => [p.id, p.name])} />
          <FilterSelect
            label={t("desk.kind")}
            meta={fields.kind}
            any={t("desk.any")}
            options={NEED_KIND_FILTERS.map((k) => [k, adminLabel(lng, "need.kind", k)])}
          />
          {view === "open" ? (
            <div className="field check">
              <input {...getInputProps(fields.due, { type: "checkbox", value: "on" })} />
              <label htmlFor={fields.due.id}>{t("desk.due")}</label>
            </div>
          ) : null}
        </FoldedFilters>
      </Form>

      <div className="found-row">
        <p aria-live="polite">{t("desk.found", { total: desk.total })}</p>
        {inUse.length || params.get("q") ? (
          <Link to={lngHref(view === "history" ? "/queue?view=history" : "/queue", lng)} className="button-link">
            {t("desk.clear")}
          </Link>
        ) : null}
      </div>
      {/* A page number, view or "due" from the address that is none (page=-1, view=x): no field to show it beside. */}
      <ErrorList id={fields.page.errorId} errors={fields.page.errors} />
      <ErrorList id={fields.view.errorId} errors={fields.view.errors} />
      <ErrorList id={fields.due.errorId} errors={fields.due.errors} />
      {desk.rows.length === 0 ? <p>{t("desk.none")}</p> : null}
      <ul className="lead-cards">
        {desk.rows.map((r) => (
          <li key={r.assignmentId} className="lead-card" data-status={r.status} data-due={r.followUpDue || undefined}>
            <h2>
              {/* Declined or re-routed: the lead is another recruiter's now, its page is not this recruiter's to open. */}
              {view === "history" && (r.status === "declined" || r.status === "rerouted") ? (
                <>
                  {r.company} <span className="ref">{r.reference}</span>
                </>
              ) : (
                <Link to={lngHref(`/queue/assignments/${r.assignmentId}`, lng)}>
                  {r.company} <span className="ref">{r.reference}</span>
                </Link>
              )}
            </h2>
            <p className="card-status">
              <span className="status">{r.closedByAdmin ? adminClosingText(lng, r.closedByAdmin) : statusLabel(r.status)}</span> ·{" "}
              {r.parkName}
              {r.repeats > 0 ? (
                <>
                  {" · "}
                  <span className="repeat-mark" data-testid="repeat-mark">
                    {t("desk.repeats", { n: r.repeats })}
                  </span>
                </>
              ) : null}
            </p>
            <p>
              {[adminLabel(lng, "need.kind", r.need.kind), adminLabel(lng, "need.deal", r.need.deal), r.need.area, r.product]
                .filter(Boolean)
                .join(" · ")}
            </p>
            <p className="card-meta">
              <JoinedParts
                parts={[
                  r.followUpOn ? (
                    <span className={r.followUpDue ? "due" : undefined}>
                      {t(r.followUpDue ? "desk.followUpDue" : "desk.followUp", { date: r.followUpOn })}
                    </span>
                  ) : null,
                  r.visitOn ? t("desk.visit", { date: r.visitOn }) : null,
                  r.status === "offered" && r.acceptBy ? (
                    <>
                      {t("desk.acceptBy")} <Time iso={r.acceptBy} />
                    </>
                  ) : null,
                  view === "open" ? t("desk.spaces", { n: r.spaces }) : <Time iso={r.since} />,
                ]}
              />
            </p>
          </li>
        ))}
      </ul>
      {desk.pages > 1 ? (
        <nav aria-label={t("desk.pager")} className="pager">
          {desk.page > 1 ? (
            <Link rel="prev" to={withParams(d.query, { page: String(desk.page - 1), ...lngParam })}>
              {t("desk.prev")}
            </Link>
          ) : null}
          <span>{t("desk.page", { page: desk.page, pages: desk.pages })}</span>
          {desk.page < desk.pages ? (
            <Link rel="next" to={withParams(d.query, { page: String(desk.page + 1), ...lngParam })}>
              {t("desk.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </StaffPage>
  );
}

type SelectMeta = Parameters<typeof getSelectProps>[0] & { id: string; errorId: string; errors?: string[] };

function FilterSelect({ label, meta, any, options }: { label: string; meta: SelectMeta; any: string; options: [string, string][] }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta)}>
        <option value="">{any}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A 404 here (no such assignment, call task or lead) keeps the staff header and says what was not found. */
export const ErrorBoundary = StaffErrorBoundary;
