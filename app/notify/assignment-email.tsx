import { type CSSProperties, Fragment } from "react";

import { paragraph, singleLine as line } from "~/domain/display-text";
import { formatWan } from "~/domain/money-format";
import { telHref } from "~/domain/phone";
import { adminMessages, formatAdminTime } from "~/i18n/admin-messages";
import type { Lng } from "~/i18n/lng";
import { notifyMessages, notifyText } from "~/i18n/notify-messages";

import { EmailDocument, renderEmailHtml } from "./email-layout";

export type AssignmentEmailInput = {
  recruiterName: string;
  reference: string;
  companyName: string;
  productText: string;
  industryLabel: string; // e.g. "C35 专用设备制造业"
  needKind: "factory" | "land" | "office" | "warehouse";
  needDeal: "lease" | "buy" | "either";
  areaText: string; // already formatted, e.g. "4000–6000㎡" or "30–50亩（20000–33333㎡）"
  contactName: string;
  contactPhoneDisplay: string; // the recruiter needs the full phone to call back
  annualTaxWan?: number | null;
  moveInBy?: string | null;
  notes?: string | null;
  parkName: string;
  spaces: { title: string; score: number; conditional: boolean; reasons: string[] /* zh-CN */ }[];
  assignmentUrl: string; // link to the assignment in the recruiter queue
  slaMinutes: number;
  /** The offer's deadline; counted on working time it can be the next working morning, so it is named, not the minutes. */
  acceptBy?: Date | null;
  rerouted?: boolean; // this is a re-route after another recruiter let the SLA lapse
};

export type RenderedEmail = { subject: string; html: string; text: string };

const SUBJECT_MAX = 120;

/** Cut by code points (never half a surrogate pair), marking the cut with an ellipsis. */
function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max - 1).join("") + "…";
}

/** Only absolute http(s) links go into href; anything else (javascript:, data:, relative) is dropped. */
function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(line(value));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

// toLocaleString with options builds a formatter on every call (a measurable share of a send).
const numberFormats = new Map<number, Intl.NumberFormat>();

function formatNumber(n: number, maxFractionDigits: number): string {
  let format = numberFormats.get(maxFractionDigits);
  if (!format)
    numberFormats.set(
      maxFractionDigits,
      (format = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: maxFractionDigits, useGrouping: false })),
    );
  return format.format(n);
}

function formatMoveIn(lng: Lng, value: string | null | undefined): string {
  const v = line(value);
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  return m ? notifyText(lng, "moveIn.month", { year: m[1], month: Number(m[2]) }) : v;
}

/** "租赁厂房": the deal and the kind of a need in words (an unknown value reads as nothing). */
export function needLabel(kind: AssignmentEmailInput["needKind"], deal: AssignmentEmailInput["needDeal"], lng: Lng = "zh"): string {
  const kindKey = `need.kind.${kind}`;
  const dealKey = `need.deal.${deal}`;
  return notifyText(lng, "need.label", {
    deal: notifyMessages.has(dealKey) ? notifyText(lng, dealKey) : "",
    kind: adminMessages.has(kindKey) ? adminMessages.t(lng, kindKey) : "",
  });
}

/** Everything the template shows, cleaned once so html and text say the same thing. */
function prepare(input: AssignmentEmailInput, lng: Lng) {
  const tax = input.annualTaxWan;
  const sla = Number.isFinite(input.slaMinutes) ? Math.max(1, Math.round(input.slaMinutes)) : 120;
  const acceptBy = input.acceptBy && !Number.isNaN(input.acceptBy.getTime()) ? formatAdminTime(input.acceptBy.toISOString()) : null;
  const phone = line(input.contactPhoneDisplay);
  return {
    lng,
    action: acceptBy
      ? notifyText(lng, "assignment.actionBy", { deadline: acceptBy })
      : notifyText(lng, "assignment.action", { minutes: sla }),
    recruiterName: line(input.recruiterName),
    reference: line(input.reference),
    companyName: line(input.companyName),
    productText: line(input.productText),
    industryLabel: line(input.industryLabel),
    need: needLabel(input.needKind, input.needDeal, lng),
    areaText: line(input.areaText),
    contactName: line(input.contactName),
    phone,
    tel: telHref(phone),
    tax: typeof tax === "number" && Number.isFinite(tax) ? formatWan(lng, tax, "year") : null,
    moveInBy: formatMoveIn(lng, input.moveInBy) || null,
    notes: truncate(paragraph(input.notes), 2000) || null,
    parkName: line(input.parkName),
    spaces: (input.spaces ?? []).map((s) => ({
      title: line(s.title),
      score: Number.isFinite(s.score) ? formatNumber(Math.round(s.score), 0) : "—",
      conditional: Boolean(s.conditional),
      reasons: (s.reasons ?? []).map(line).filter(Boolean),
    })),
    url: safeHttpUrl(input.assignmentUrl),
    sla,
    rerouted: Boolean(input.rerouted),
  };
}

type Prepared = ReturnType<typeof prepare>;

function subjectOf(p: Prepared): string {
  // Each part is capped first so a long company name cannot push need and area out of the subject.
  const subject = notifyText(p.lng, "assignment.subject", {
    reference: truncate(p.reference, 24),
    rerouted: p.rerouted ? notifyText(p.lng, "assignment.subjectRerouted") : "",
    company: truncate(p.companyName, 40),
    need: p.need,
    area: truncate(p.areaText, 30),
  });
  return truncate(subject, SUBJECT_MAX);
}

type Row = { label: string; value: string; tel?: string | null };

function enterpriseRows(p: Prepared): Row[] {
  const label = (field: string) => notifyText(p.lng, `assignment.field.${field}` as Parameters<typeof notifyText>[1]);
  const rows: Row[] = [
    { label: label("reference"), value: p.reference },
    { label: label("company"), value: p.companyName },
    { label: label("product"), value: p.productText },
    { label: label("industry"), value: p.industryLabel },
    { label: label("need"), value: `${p.need} · ${p.areaText}` },
    { label: label("contact"), value: p.contactName },
    { label: label("phone"), value: p.phone, tel: p.tel },
  ];
  if (p.tax) rows.push({ label: label("tax"), value: p.tax });
  if (p.moveInBy) rows.push({ label: label("moveIn"), value: p.moveInBy });
  return rows;
}

function introOf(p: Prepared): string {
  return notifyText(p.lng, p.rerouted ? "assignment.introRerouted" : "assignment.intro", { park: p.parkName });
}

function renderText(p: Prepared): string {
  const t = (key: Parameters<typeof notifyText>[1], params?: Record<string, string | number>) => notifyText(p.lng, key, params);
  const section = (title: string) => t("assignment.section", { title });
  const out: string[] = [t("assignment.greeting", { name: p.recruiterName }), "", introOf(p), "", section(t("assignment.enterprise"))];
  for (const row of enterpriseRows(p)) out.push(t("assignment.row", { label: row.label, value: row.value }));
  if (p.notes) {
    out.push(t("assignment.notesText"));
    for (const l of p.notes.split("\n")) out.push(`  ${l}`);
  }
  out.push("", section(t("assignment.spaces", { park: p.parkName })));
  if (p.spaces.length === 0) out.push(t("assignment.noSpacesText"));
  p.spaces.forEach((s, i) => {
    out.push(
      t("assignment.spaceText", {
        n: i + 1,
        title: s.title,
        score: s.score,
        conditional: s.conditional ? t("assignment.conditional") : "",
      }),
    );
    for (const r of s.reasons) out.push(`   - ${r}`);
  });
  out.push("", section(t("assignment.next")), p.action);
  out.push(p.url ? t("assignment.openText", { url: p.url }) : t("assignment.noLink"));
  out.push("", "——", t("assignment.privacy"));
  return out.join("\n") + "\n";
}

const CELL: CSSProperties = { padding: "6px 8px", borderBottom: "1px solid #eee", verticalAlign: "top" };
const LABEL: CSSProperties = { ...CELL, color: "#666", fontWeight: "normal", whiteSpace: "nowrap" };
const H3: CSSProperties = { margin: "20px 0 8px" };

/** The assignment email's HTML part: the same content as the text part, as a React element. */
export function AssignmentEmail({ p, subject }: { p: Prepared; subject: string }) {
  const t = (key: Parameters<typeof notifyText>[1], params?: Record<string, string | number>) => notifyText(p.lng, key, params);
  return (
    <EmailDocument lng={p.lng} title={subject}>
      <p>{t("assignment.greeting", { name: p.recruiterName })}</p>
      <p style={p.rerouted ? { color: "#b91c1c" } : undefined}>{introOf(p)}</p>
      <h3 style={H3}>{t("assignment.enterprise")}</h3>
      <table role="presentation" cellSpacing={0} cellPadding={0} style={{ borderCollapse: "collapse", width: "100%" }}>
        <tbody>
          {enterpriseRows(p).map((row) => (
            <tr key={row.label}>
              <th align="left" style={LABEL}>
                {row.label}
              </th>
              <td style={CELL}>{row.tel ? <a href={row.tel}>{row.value}</a> : row.value}</td>
            </tr>
          ))}
          {p.notes ? (
            <tr>
              <th align="left" style={{ ...CELL, color: "#666", fontWeight: "normal" }}>
                {t("assignment.field.notes")}
              </th>
              <td style={CELL}>
                {p.notes.split("\n").map((l, i) => (
                  <Fragment key={i}>
                    {i > 0 ? <br /> : null}
                    {l}
                  </Fragment>
                ))}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h3 style={H3}>{t("assignment.spaces", { park: p.parkName })}</h3>
      {p.spaces.length === 0 ? (
        <p style={{ color: "#666" }}>{t("assignment.noSpacesHtml")}</p>
      ) : (
        <ol style={{ paddingLeft: "20px", margin: 0 }}>
          {p.spaces.map((s, i) => (
            <li key={i} style={{ marginBottom: "12px" }}>
              <strong>{s.title}</strong>
              {` · ${t("assignment.score")} `}
              <strong>{s.score}</strong>
              {s.conditional ? (
                <>
                  {" "}
                  <span style={{ color: "#b45309" }}>{t("assignment.conditional")}</span>
                </>
              ) : null}
              {s.reasons.length ? (
                <ul style={{ margin: "4px 0 0", paddingLeft: "18px", color: "#333" }}>
                  {s.reasons.map((r, j) => (
                    <li key={j}>{r}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <h3 style={H3}>{t("assignment.next")}</h3>
      <p>
        <strong>{p.action}</strong>
      </p>
      {p.url ? (
        <>
          <p style={{ margin: "20px 0" }}>
            <a href={p.url} style={BUTTON}>
              {t("assignment.open")}
            </a>
          </p>
          <p style={{ color: "#666", fontSize: "12px", wordBreak: "break-all" }}>{p.url}</p>
        </>
      ) : (
        <p>{t("assignment.noLink")}</p>
      )}
      <p style={{ color: "#999", fontSize: "12px", borderTop: "1px solid #eee", paddingTop: "8px" }}>{t("assignment.privacy")}</p>
    </EmailDocument>
  );
}

const BUTTON: CSSProperties = {
  display: "inline-block",
  padding: "10px 20px",
  background: "#1d4ed8",
  color: "#ffffff",
  textDecoration: "none",
  borderRadius: "4px",
};

/**
 * The email a recruiter gets for a new (or re-routed) assignment: subject, HTML (React, escaped by
 * construction) and plain text, in `lng` (zh-CN unless told). Pure: no I/O, no clock.
 */
export function renderAssignmentEmail(input: AssignmentEmailInput, lng: Lng = "zh"): RenderedEmail {
  const p = prepare(input, lng);
  const subject = subjectOf(p);
  return { subject, html: renderEmailHtml(<AssignmentEmail p={p} subject={subject} />), text: renderText(p) };
}
