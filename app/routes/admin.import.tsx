import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { z } from "zod";

import { requireAdminForm } from "~/auth/admin-gate.server";
import { requireAdmin } from "~/auth/session.server";
import { AdminErrorBoundary, AdminPage, AdminSection, DataTable } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { ErrorList } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { BODY_LIMITS } from "~/http/request-gate.server";
import { lngHref } from "~/i18n/i18n";
import { type InventoryKey, inventoryText } from "~/i18n/inventory-messages";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { readWorkbook, SHEET_NAMES } from "~/inventory/excel/read-workbook.server";
import type { ImportCounts } from "~/inventory/import.server";
import { IMPORT_BUSY, importGate } from "~/inventory/import-gate.server";
import { applyPreview, type ImportPlan, type PlanRow, previewUpload } from "~/inventory/import-plan.server";
import { inventoryActor } from "~/inventory/inventory-admin.server";
import type { Collection } from "~/inventory/inventory-columns";
import { rerouteOffersOfUnavailable } from "~/inventory/recruiter-away.server";
import { reroutedText } from "~/inventory/rerouted-text";
import type { SummaryKey } from "~/inventory/row-summary";
import { uncoveredParksText } from "~/inventory/uncovered-parks.server";
import { useRootData } from "~/root";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => inventoryText(d?.lng ?? "zh", "import.title"));
export const headers = noStore;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { lng: lngFromUrl(request.url), maxMb: BODY_LIMITS.upload / 1024 / 1024 }; // server-only constant: read here, not at module scope
}

/**
 * The import form: `intent` (preview or apply), the preview's id and hash for apply, and the uploaded
 * workbook (multipart; Conform passes a File through, and an empty file input arrives as no file).
 */
const importForm = z.object({
  intent: z.string().optional(),
  previewId: z.string().optional(),
  hash: z.string().optional(),
  file: z.instanceof(File).optional(),
});

type ActionData =
  | { step: "preview"; fileName: string; plan: ImportPlan; previewId: string | null; uncovered: string }
  | { step: "applied"; counts: ImportCounts; rerouted: number; unassigned: number; uncovered: string }
  | { step: "refused"; message: InventoryKey; plan?: ImportPlan };

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST /admin/import (multipart, at most BODY_LIMITS.upload): intent=preview reads the file and
 * answers the plan (400 when any cell is bad — nothing is kept to apply); intent=apply with the
 * preview's id and hash writes it in one transaction (409 when the data changed since the preview).
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const actor = inventoryActor(await requireAdminForm(request, form));
  const submission = parseWithZod(form, { schema: importForm });
  // The only ways to fail this schema are a field of the wrong kind (text where the file goes) or one sent twice.
  if (submission.status !== "success") return data<ActionData>({ step: "refused", message: "import.noFile" }, { status: 400 });
  const { intent, file, ...sent } = submission.value;
  const sql = getSql();
  // One import at a time in this process (app/inventory/import-gate.server.ts): the checks that read nothing first.
  if (intent !== "apply") {
    if (!file || file.size === 0) return data<ActionData>({ step: "refused", message: "import.noFile" }, { status: 400 });
    if (!/\.(xlsx|csv)$/i.test(file.name)) return data<ActionData>({ step: "refused", message: "import.badType" }, { status: 400 });
    if (file.size > BODY_LIMITS.upload) return data<ActionData>({ step: "refused", message: "import.tooBig" }, { status: 413 });
  }
  const answer = await importGate.run(() => importStep(sql, intent, file, sent, actor, lngFromUrl(request.url)));
  if (answer === IMPORT_BUSY)
    return data<ActionData>({ step: "refused", message: "import.busy" }, { status: 429, headers: { "Retry-After": "60" } });
  return answer;
}

/** The action's preview or apply step, run through the import gate. */
async function importStep(
  sql: ReturnType<typeof getSql>,
  intent: string | undefined,
  file: File | undefined,
  sent: { previewId?: string; hash?: string },
  actor: string,
  lng: Lng,
) {
  try {
    if (intent === "apply") {
      const env = getWebEnv();
      let rerouted = 0;
      let unassigned = 0;
      const outcome = await applyPreview(sql, { previewId: sent.previewId ?? "", hash: sent.hash ?? "" }, async (tx, ids) => {
        ({ moved: rerouted, unassigned } = await rerouteOffersOfUnavailable(tx, ids, {
          slaMinutes: env.ACCEPT_SLA_MINUTES,
          slaClock: env.SLA_CLOCK,
          noticeFallbackMs: 0,
        }));
      });
      if (outcome.ok) {
        log.info("inventory imported from a workbook", { actor, counts: outcome.counts, rerouted, unassigned });
        return data<ActionData>({
          step: "applied",
          counts: outcome.counts,
          rerouted,
          unassigned,
          uncovered: withoutBidiControls(uncoveredParksText(lng, outcome.uncovered)),
        });
      }
      const message = outcome.reason === "changed" ? "import.changed" : "import.gone";
      return data<ActionData>(
        { step: "refused", message, plan: withoutBidiControls(outcome.plan && shownPlan(outcome.plan)) },
        { status: 409 },
      );
    }
    if (!file) return data<ActionData>({ step: "refused", message: "import.noFile" }, { status: 400 });
    const read = await readWorkbook(Buffer.from(await file.arrayBuffer()), file.name);
    const { plan, previewId } = await previewUpload(sql, read, { fileName: file.name, actor });
    // The parks left to the admins' queue, said in the page's language (the sentence is made on the server).
    const uncovered = withoutBidiControls(uncoveredParksText(lng, plan.errors.length ? [] : (plan.uncovered ?? [])));
    return data<ActionData>(
      { step: "preview", fileName: withoutBidiControls(file.name), plan: withoutBidiControls(shownPlan(plan)), previewId, uncovered },
      { status: plan.errors.length ? 400 : 200 },
    );
  } catch (error) {
    log.error("workbook import failed", { error: errorMessage(error) });
    return data<ActionData>({ step: "refused", message: "import.unavailable" }, { status: 503 });
  }
}

/**
 * The plan as the page shows it: its rows cut to those PlanView lists — every changed row, the first
 * LISTED_ROWS created rows of each collection (the rest are counted from `plan.counts`), no unchanged
 * row (counted too). The whole plan of 20,000 rows was encoded into the page's data at once (turbo-stream,
 * ~1 s holding the web's other requests, docs/decisions/125) for rows the page never drew.
 */
function shownPlan(plan: ImportPlan): ImportPlan {
  const created: Record<Collection, number> = { parks: 0, spaces: 0, recruiters: 0 };
  const rows = plan.rows.filter((r) => r.action === "change" || (r.action === "create" && created[r.collection]++ < LISTED_ROWS));
  return { ...plan, rows };
}

const FILE_MESSAGES = new Set<InventoryKey>(["import.noFile", "import.badType", "import.tooBig"]);

const cell = (v: string | number | null) => (v === null || v === "" ? "—" : String(v));

/** Rows listed one by one per collection at most; the rest are counted (the plan of 20,000 rows stays a page). */
const LISTED_ROWS = 500;

/** The sheets' order (a value of this module: a .server module's values do not reach the browser). */
const CREATED_ORDER: readonly Collection[] = ["parks", "spaces", "recruiters"];

/** The columns of values read, per collection (row-summary.ts), after 编号 and 名称. */
const VALUE_COLUMNS: Record<Collection, { key: SummaryKey; label: InventoryKey; numeric?: boolean }[]> = {
  spaces: [
    { key: "kind", label: "col.kind" },
    { key: "deals", label: "col.deals" },
    { key: "area", label: "col.area", numeric: true },
    { key: "spec", label: "col.spec" },
    { key: "price", label: "col.price" },
    { key: "park", label: "col.park" },
    { key: "status", label: "col.status" },
  ],
  parks: [
    { key: "place", label: "col.place" },
    { key: "industries", label: "col.industries" },
    { key: "excluded", label: "col.excluded" },
    { key: "thresholds", label: "col.thresholds" },
  ],
  recruiters: [
    { key: "email", label: "col.email" },
    { key: "parks", label: "col.parks" },
  ],
};

/** A changed row's blank cells and the stored values they keep (docs/decisions/160), under its values. */
function RowKept({ lng, row }: { lng: Lng; row: PlanRow }) {
  if (!row.kept?.length) return null;
  return (
    <small className="row-values" data-kept={row.id}>
      <br />
      {inventoryText(lng, "import.keptValues")}
      {row.kept.map((k) => `${k.header[lng]} ${cell(k.value)}`).join(" · ")}
    </small>
  );
}

/** A changed row's key values as they will be written (kind · area · price …), under its name. */
function RowValues({ lng, row }: { lng: Lng; row: PlanRow }) {
  const values = VALUE_COLUMNS[row.collection].flatMap((c) => {
    const v = row.values?.[c.key]?.[lng];
    return v ? [v] : [];
  });
  if (!values.length) return null;
  return (
    <small className="row-values" data-values={row.id}>
      <br />
      {inventoryText(lng, "import.changeValues")}
      {values.join(" · ")}
    </small>
  );
}

function PlanView({
  lng,
  plan,
  previewId,
  csrf,
  uncovered = "",
}: {
  lng: Lng;
  plan: ImportPlan;
  previewId: string | null;
  csrf: string | null;
  uncovered?: string;
}) {
  const t = (key: InventoryKey, params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const total = (k: "create" | "change" | "unchanged") => plan.counts.parks[k] + plan.counts.spaces[k] + plan.counts.recruiters[k];
  const changed = plan.rows.filter((r) => r.action === "change");
  const created = plan.rows.filter((r) => r.action === "create");
  // A file that holds exactly what is stored has nothing to apply: said so, and no button to press.
  const nothing = !plan.errors.length && total("create") + total("change") === 0;
  const where = (r: { sheet: string | null; row: number | null; collection: keyof typeof SHEET_NAMES }) =>
    `${r.sheet ?? SHEET_NAMES[r.collection][lng]}${r.row ? ` · ${t("col.row")} ${r.row}` : ""}`;
  return (
    <>
      <p role="status" data-testid="import-summary">
        {t("import.summary", { create: total("create"), change: total("change"), unchanged: total("unchanged") })}
      </p>
      {plan.errors.length ? (
        <AdminSection id="import-errors-h" title={t("import.errors", { count: plan.errors.length })}>
          <DataTable
            caption={t("import.errorsCaption")}
            columns={[
              { label: t("col.sheet") },
              { label: t("col.row"), numeric: true },
              { label: t("col.column") },
              { label: t("col.typed") },
              { label: t("col.reason") },
            ]}
          >
            {plan.errors.map((e, i) => (
              <tr key={i} data-import-error="">
                <th scope="row">{e.sheet}</th>
                <td className="num">{e.row ?? "—"}</td>
                <td>{e.column ?? "—"}</td>
                {/* The cell as the file holds it: the admin finds it and sees what was read — a blank cell or a
                    column left out that kept a stored value, with that value (docs/decisions/169). */}
                <td data-typed="">
                  {e.stored !== undefined ? (
                    <>
                      {t(e.typed === undefined ? "import.storedAbsent" : "import.storedBlank")}
                      <code className="typed-cell">{e.stored}</code>
                    </>
                  ) : e.typed === undefined ? (
                    "—"
                  ) : e.typed === "" ? (
                    t("import.blankCell")
                  ) : (
                    <code className="typed-cell">{e.typed}</code>
                  )}
                </td>
                <td className="error-text">{e.reason[lng]}</td>
              </tr>
            ))}
          </DataTable>
        </AdminSection>
      ) : null}
      {plan.keptCells ? (
        <p role="status" data-testid="import-kept">
          {t("import.keptCells", { count: plan.keptCells })}
        </p>
      ) : null}
      {uncovered ? (
        <div className="banner warning" role="status" data-testid="import-uncovered">
          {uncovered}
        </div>
      ) : null}
      {plan.warnings.length ? (
        <AdminSection id="import-warnings-h" title={t("import.warnings")}>
          <ul>
            {plan.warnings.map((w, i) => (
              // The sheet and column, then the note, in the page's punctuation (ADR 143: a half-width ":" sat in Chinese text).
              <li key={i}>{`${[w.sheet, w.column].filter(Boolean).join(" ")}${punctuationMessages.t(lng, "label")}${w.reason[lng]}`}</li>
            ))}
          </ul>
        </AdminSection>
      ) : null}
      {changed.length ? (
        <DataTable
          caption={t("import.changesCaption")}
          columns={[
            { label: t("col.id") },
            { label: t("col.name") },
            { label: t("col.field") },
            { label: t("col.old") },
            { label: t("col.new") },
          ]}
        >
          {changed.flatMap((r) =>
            r.changes.map((c, i) => (
              <tr key={`${r.collection}:${r.id}:${c.key}`} data-change={`${r.id}:${c.key}`}>
                {i === 0 ? (
                  <th scope="row" rowSpan={r.changes.length}>
                    {r.id}
                    <br />
                    <small>{where(r)}</small>
                  </th>
                ) : null}
                {i === 0 ? (
                  <td rowSpan={r.changes.length}>
                    {r.label}
                    <RowValues lng={lng} row={r} />
                    <RowKept lng={lng} row={r} />
                  </td>
                ) : null}
                <td>{c.header[lng]}</td>
                <td>
                  <del>{cell(c.old)}</del>
                </td>
                <td>
                  {/* A value cleared ("清空" or "-" in its cell) is said so: a blank cell keeps it (docs/decisions/160). */}
                  <ins>{c.new === null || c.new === "" ? t("import.cleared") : cell(c.new)}</ins>
                </td>
              </tr>
            )),
          )}
        </DataTable>
      ) : null}
      {CREATED_ORDER.map((collection) => {
        const rows = created.filter((r) => r.collection === collection);
        if (!rows.length) return null;
        return (
          <Fragment key={collection}>
            <DataTable
              caption={t(`import.createCaption.${collection}`)}
              columns={[
                { label: t("col.id") },
                { label: t("col.name") },
                ...VALUE_COLUMNS[collection].map((c) => ({ label: t(c.label), numeric: c.numeric })),
                { label: t("col.sheet") },
              ]}
            >
              {rows.slice(0, LISTED_ROWS).map((r) => (
                <tr key={`${r.collection}:${r.id}`} data-create={r.id}>
                  <th scope="row">{r.id}</th>
                  <td>{r.label}</td>
                  {VALUE_COLUMNS[collection].map((c) => (
                    <td key={c.key} className={c.numeric ? "num" : undefined} data-value={c.key}>
                      {r.values?.[c.key]?.[lng] ?? "—"}
                    </td>
                  ))}
                  <td>{where(r)}</td>
                </tr>
              ))}
            </DataTable>
            {plan.counts[collection].create > LISTED_ROWS ? (
              <p>{t("import.moreRows", { count: plan.counts[collection].create - LISTED_ROWS })}</p>
            ) : null}
          </Fragment>
        );
      })}
      {total("unchanged") ? <p>{t("import.unchangedCount", { count: total("unchanged") })}</p> : null}
      {nothing ? (
        <p role="status" data-testid="import-nothing">
          {t("import.nothing")}
        </p>
      ) : null}
      {previewId && !plan.errors.length && !nothing ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="csrf" value={csrf ?? ""} />
          <input type="hidden" name="previewId" value={previewId} />
          <input type="hidden" name="hash" value={plan.hash} />
          <button type="submit" name="intent" value="apply">
            {t("import.apply")}
          </button>
        </Form>
      ) : null}
    </>
  );
}

export default function AdminImport() {
  const { lng, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const navigation = useNavigation();
  const { csrf } = useRootData();
  const t = (key: InventoryKey, params?: Record<string, string | number>) => inventoryText(lng, key, params);
  // Refusals about the file itself are said at the file field; the others (the data changed …) as a banner.
  const fileError = result?.step === "refused" && FILE_MESSAGES.has(result.message) ? result.message : null;
  return (
    <AdminPage lng={lng}>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <ul>
        <li>
          <a href={lngHref("/admin/import-template", lng)} download>
            {t("import.template")}
          </a>
        </li>
        <li>
          <a href={lngHref("/admin/export", lng)} download>
            {t("import.export")}
          </a>
        </li>
      </ul>
      {/* noValidate: the browser's own "please select a file" bubble is not in the page (nor in the user's
          language for sure); a missing or wrong file comes back as a message under the field. */}
      <Form method="post" encType="multipart/form-data" className="lookup" noValidate>
        <input type="hidden" name="csrf" value={csrf ?? ""} />
        <label htmlFor="import-file">{t("import.file", { mb: maxMb })}</label>{" "}
        <input
          id="import-file"
          name="file"
          type="file"
          aria-required
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? "import-file-error" : undefined}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        />{" "}
        <button type="submit" name="intent" value="preview" disabled={navigation.state === "submitting"}>
          {t("import.preview")}
        </button>
        <ErrorList id="import-file-error" errors={fileError ? [t(fileError, { mb: maxMb })] : undefined} />
      </Form>
      {result?.step === "refused" && !fileError ? (
        <div className="banner error" role="alert">
          {t(result.message, { mb: maxMb })}
        </div>
      ) : null}
      {result?.step === "applied" ? (
        <div className="banner" role="status" data-testid="import-applied">
          {(() => {
            const c = result.counts;
            const sum = (k: "created" | "updated" | "unchanged") => c.parks[k] + c.spaces[k] + c.recruiters[k];
            return t("import.applied", { created: sum("created"), updated: sum("updated"), unchanged: sum("unchanged") });
          })()}
          {result.rerouted ? ` ${reroutedText(lng, result.rerouted, result.unassigned)}` : null}
          {result.unassigned ? (
            <>
              {" "}
              <Link to={lngHref("/admin#unassigned-h", lng)}>{t("import.unassignedLink")}</Link>
            </>
          ) : null}
        </div>
      ) : null}
      {result?.step === "applied" && result.uncovered ? (
        <div className="banner warning" role="status" data-testid="import-uncovered">
          {result.uncovered}
        </div>
      ) : null}
      {result?.step === "preview" ? (
        <PlanView lng={lng} plan={result.plan} previewId={result.previewId} csrf={csrf} uncovered={result.uncovered} />
      ) : null}
      {result?.step === "refused" && result.plan ? <PlanView lng={lng} plan={result.plan} previewId={null} csrf={csrf} /> : null}
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
