import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { checkCsrf, requireStaff } from "~/auth/session.server";
import { AdminSection, DataTable, Time } from "~/components/admin";
import { FlashBanner } from "~/components/flash";
import { StaffPage } from "~/components/staff";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { isUuid } from "~/domain/ids";
import { loadOpenCallTasks } from "~/hotline/call-task-list.server";
import { CALL_OUTCOMES, type CallOutcome, recordCallOutcome } from "~/hotline/call-tasks.server";
import { lookUpCaller } from "~/hotline/known-caller.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { adminLabel, withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import { recordPhoneViews } from "~/privacy/access-log.server";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: staffText(d?.lng ?? "zh", "hotline.title") },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** GET /hotline: the hotline staff's call tasks (hand-overs to recruiters, call-backs, escalations), due first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const tasks = withoutBidiControls(await loadOpenCallTasks(getSql())); // names people typed (ADR 021)
  // Call-backs and escalations show the enterprise's full number (a hand-over shows the recruiter's).
  const who = { actor: user.email, role: user.role };
  await recordPhoneViews(
    getSql(),
    who,
    "call-tasks",
    tasks.rows.filter((r) => r.kind !== "handover").map((r) => ({ leadId: r.leadId, reference: r.reference })),
  );
  const { flash, headers } = await readFlash(request); // what the last outcome did (ADR 025)
  return data(
    {
      lng: lngFromUrl(request.url),
      csrf: user.csrf,
      ...tasks,
      outcomes: CALL_OUTCOMES, // the list travels as data: .server modules do not reach the browser
      flash,
    },
    { headers },
  );
}

type LookupResult = { typedPhone: string; caller: Awaited<ReturnType<typeof lookUpCaller>> };

/**
 * POST intent=lookup phone=… → the caller's earlier leads (posted, so numbers stay out of URLs and
 * access logs); POST task=<id> outcome=done|no-answer|wrong-number → 303 back to the list. Both with
 * the session's CSRF token.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const form = await request.formData();
  checkCsrf(user, form);
  if (form.get("intent") === "lookup") {
    const typedPhone = String(form.get("phone") ?? "").slice(0, 40);
    const caller = await lookUpCaller(getSql(), typedPhone);
    // A match ties the full number to these leads: recorded as a view of each.
    if (caller.ok)
      await recordPhoneViews(
        getSql(),
        { actor: user.email, role: user.role },
        "caller-lookup",
        caller.leads.map((l) => ({ leadId: l.leadId, reference: l.reference })),
      );
    return data<LookupResult>({ typedPhone, caller: withoutBidiControls(caller) }, { status: 200 });
  }
  const task = String(form.get("task") ?? "");
  const outcome = String(form.get("outcome") ?? "");
  if (!isUuid(task) || !(CALL_OUTCOMES as readonly string[]).includes(outcome)) throw data(null, { status: 400 });
  const lng = lngFromUrl(request.url);
  const result = await recordCallOutcome(getSql(), task, outcome as CallOutcome, {
    routing: { slaMinutes: getWebEnv().ACCEPT_SLA_MINUTES, slaClock: getWebEnv().SLA_CLOCK, noticeFallbackMs: 0 },
  });
  if (!result.ok && result.reason === "not-a-handover") throw data(null, { status: 400 });
  const here = withLng("/hotline", lng);
  if (!result.ok) throw await redirectWithFlash(request, here, { tone: "alert", text: staffText(lng, "hotline.stale") });
  const [lead] = await getSql()<
    { reference: string }[]
  >`select l.reference from call_tasks c join leads l on l.id = c.lead_id where c.id = ${task}`;
  const recorded = staffText(lng, "hotline.done", {
    reference: lead?.reference ?? "",
    outcome: staffText(lng, `outcome.${outcome as CallOutcome}`),
  });
  // A hand-over marked done whose offer had moved on did not take: said as an alert, with what was recorded.
  if (result.handedOver === false)
    throw await redirectWithFlash(request, here, { tone: "alert", text: `${recorded} ${staffText(lng, "hotline.moved")}` });
  throw await redirectWithFlash(request, here, { tone: "status", text: recorded });
}

export default function Hotline() {
  const d = useLoaderData<typeof loader>();
  const lookup = useActionData<LookupResult>();
  const t = (key: Parameters<typeof staffText>[1], params?: Record<string, string | number>) => staffText(d.lng, key, params);
  return (
    <StaffPage lng={d.lng} signedIn csrf={d.csrf} home="hotline">
      <h1>{t("hotline.title")}</h1>
      <FlashBanner flash={d.flash} />
      <AdminSection id="caller-h" title={t("caller.title")}>
        <Form method="post" className="lookup">
          <input type="hidden" name="csrf" value={d.csrf} />
          <input type="hidden" name="intent" value="lookup" />
          <label htmlFor="caller-phone">{t("caller.phone")}</label>{" "}
          <input
            id="caller-phone"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            maxLength={40}
            required
            defaultValue={lookup?.typedPhone ?? ""}
            aria-invalid={lookup && !lookup.caller.ok ? true : undefined}
            aria-describedby={lookup ? "caller-result" : undefined}
          />{" "}
          <button type="submit">{t("caller.search")}</button>
        </Form>
        {lookup ? (
          <div id="caller-result" role="status">
            {!lookup.caller.ok ? (
              <p className="error-text">{t("caller.invalid")}</p>
            ) : lookup.caller.leads.length === 0 ? (
              <p>{t("caller.unknown")}</p>
            ) : (
              <DataTable
                caption={t("caller.known", { total: lookup.caller.leads.length })}
                columns={[
                  { label: t("col.reference") },
                  { label: t("col.company") },
                  { label: t("col.status") },
                  { label: t("caller.recruiters") },
                  { label: t("caller.when") },
                ]}
              >
                {lookup.caller.leads.map((l) => (
                  <tr key={l.reference}>
                    <th scope="row">{l.reference}</th>
                    <td>{l.company}</td>
                    <td>{adminLabel(d.lng, "leadStatus", l.status)}</td>
                    <td>{l.recruiters.join("、") || "—"}</td>
                    <td>
                      <Time iso={l.createdAt} />
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </div>
        ) : null}
      </AdminSection>

      <p>{t("hotline.intro")}</p>
      <DataTable
        caption={t("hotline.caption", { total: d.total })}
        columns={[
          { label: t("hotline.kind") },
          { label: t("col.reference") },
          { label: t("hotline.call") },
          { label: t("hotline.script") },
          { label: t("hotline.due") },
          { label: t("hotline.attempts"), numeric: true },
          { label: t("hotline.outcome") },
        ]}
        empty={{ when: d.rows.length === 0, text: t("hotline.empty") }}
      >
        {d.rows.map((r) => (
          <tr key={r.id} data-due={r.due ? "now" : "later"}>
            <th scope="row">{t(`task.${r.kind}`)}</th>
            <td>
              {r.reference}
              <br />
              {r.company}
            </td>
            <td>
              <a href={`tel:${r.phoneDial}`}>{r.phone}</a>
            </td>
            <td className="script">{r.script}</td>
            <td>
              {r.due ? null : `${t("hotline.later")} `}
              <Time iso={r.dueAt} />
            </td>
            <td className="num">{r.attempts}</td>
            <td>
              <Form method="post" className="actions">
                <input type="hidden" name="csrf" value={d.csrf} />
                <input type="hidden" name="task" value={r.id} />
                {d.outcomes
                  .filter((o) => o !== "refused" || r.kind === "handover")
                  .map((o) => (
                    <button key={o} type="submit" name="outcome" value={o} aria-label={`${t(`outcome.${o}`)} ${r.reference}`}>
                      {t(`outcome.${o}`)}
                    </button>
                  ))}
              </Form>
            </td>
          </tr>
        ))}
      </DataTable>
    </StaffPage>
  );
}
