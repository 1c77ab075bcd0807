import { paragraph, singleLine as line } from "~/domain/display-text";

import { escapeHtml } from "./html";

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
  rerouted?: boolean; // this is a re-route after another recruiter let the SLA lapse
};

export type RenderedEmail = { subject: string; html: string; text: string };

const KIND_LABEL: Record<AssignmentEmailInput["needKind"], string> = {
  factory: "厂房",
  land: "土地",
  office: "办公",
  warehouse: "仓库",
};
const DEAL_LABEL: Record<AssignmentEmailInput["needDeal"], string> = {
  lease: "租赁",
  buy: "购买",
  either: "租赁或购买",
};

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

function formatMoveIn(value: string | null | undefined): string {
  const v = line(value);
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  return m ? `${m[1]}年${Number(m[2])}月前` : v;
}

export function needLabel(kind: AssignmentEmailInput["needKind"], deal: AssignmentEmailInput["needDeal"]): string {
  return `${DEAL_LABEL[deal] ?? ""}${KIND_LABEL[kind] ?? ""}`;
}

/** Everything the template shows, cleaned once so html and text say the same thing. */
function prepare(input: AssignmentEmailInput) {
  const tax = input.annualTaxWan;
  const sla = Number.isFinite(input.slaMinutes) ? Math.max(1, Math.round(input.slaMinutes)) : 120;
  const phone = line(input.contactPhoneDisplay);
  const telDigits = phone.replace(/[^\d+]/g, "");
  return {
    recruiterName: line(input.recruiterName),
    reference: line(input.reference),
    companyName: line(input.companyName),
    productText: line(input.productText),
    industryLabel: line(input.industryLabel),
    need: needLabel(input.needKind, input.needDeal),
    areaText: line(input.areaText),
    contactName: line(input.contactName),
    phone,
    tel: /\d{5,}/.test(telDigits.replace(/\+/g, "")) ? `tel:${telDigits}` : null,
    tax: typeof tax === "number" && Number.isFinite(tax) ? `${formatNumber(tax, 2)} 万元/年` : null,
    moveInBy: formatMoveIn(input.moveInBy) || null,
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
  const head = `【新线索 ${truncate(p.reference, 24)}】${p.rerouted ? "（改派）" : ""}`;
  const subject = `${head}${truncate(p.companyName, 40)} · ${p.need} · ${truncate(p.areaText, 30)}`;
  return truncate(subject, SUBJECT_MAX);
}

function enterpriseRows(p: Prepared): [string, string][] {
  const rows: [string, string][] = [
    ["线索编号", p.reference],
    ["企业名称", p.companyName],
    ["产品/业务", p.productText],
    ["所属行业", p.industryLabel],
    ["需求", `${p.need} · ${p.areaText}`],
    ["联系人", p.contactName],
    ["联系电话", p.phone],
  ];
  if (p.tax) rows.push(["年纳税", p.tax]);
  if (p.moveInBy) rows.push(["期望入驻", p.moveInBy]);
  return rows;
}

function introOf(p: Prepared): string {
  return p.rerouted
    ? `此线索原分配的专员未在时限内接单，现改派给您（${p.parkName}），请尽快处理。`
    : `${p.parkName} 有一条新的企业需求分配给您，请尽快联系企业。`;
}

function actionOf(p: Prepared): string {
  return `请在 ${p.sla} 分钟内在招商工作台接单，超时将改派。`;
}

const PRIVACY = "本邮件含企业联系方式，仅用于本次招商对接，请勿转发。";

function renderText(p: Prepared): string {
  const out: string[] = [`${p.recruiterName}，您好：`, "", introOf(p), "", "【企业信息】"];
  for (const [label, value] of enterpriseRows(p)) out.push(`${label}：${value}`);
  if (p.notes) {
    out.push("备注：");
    for (const l of p.notes.split("\n")) out.push(`  ${l}`);
  }
  out.push("", `【匹配的空间 · ${p.parkName}】`);
  if (p.spaces.length === 0) out.push("（暂无匹配的空间，请与企业沟通后推荐）");
  p.spaces.forEach((s, i) => {
    out.push(`${i + 1}. ${s.title}  匹配度 ${s.score}${s.conditional ? "（有条件匹配，需核实）" : ""}`);
    for (const r of s.reasons) out.push(`   - ${r}`);
  });
  out.push("", "【下一步】", actionOf(p));
  if (p.url) out.push(`打开线索：${p.url}`);
  else out.push("请登录招商工作台，在“我的线索”中处理。");
  out.push("", "——", PRIVACY);
  return out.join("\n") + "\n";
}

function renderHtml(p: Prepared): string {
  const e = escapeHtml;
  const cell = "padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top;";
  const rows = enterpriseRows(p)
    .map(([label, value]) => {
      const shown = label === "联系电话" && p.tel ? `<a href="${e(p.tel)}">${e(value)}</a>` : e(value);
      return `<tr><th align="left" style="${cell}color:#666;font-weight:normal;white-space:nowrap;">${e(label)}</th><td style="${cell}">${shown}</td></tr>`;
    })
    .join("");
  const notes = p.notes
    ? `<tr><th align="left" style="${cell}color:#666;font-weight:normal;">备注</th><td style="${cell}">${p.notes
        .split("\n")
        .map(e)
        .join("<br>")}</td></tr>`
    : "";
  const spaces =
    p.spaces.length === 0
      ? `<p style="color:#666;">暂无匹配的空间，请与企业沟通后推荐。</p>`
      : `<ol style="padding-left:20px;margin:0;">${p.spaces
          .map(
            (s) =>
              `<li style="margin-bottom:12px;"><strong>${e(s.title)}</strong> · 匹配度 <strong>${e(s.score)}</strong>${
                s.conditional ? ` <span style="color:#b45309;">（有条件匹配，需核实）</span>` : ""
              }${s.reasons.length ? `<ul style="margin:4px 0 0;padding-left:18px;color:#333;">${s.reasons.map((r) => `<li>${e(r)}</li>`).join("")}</ul>` : ""}</li>`,
          )
          .join("")}</ol>`;
  const button = p.url
    ? `<p style="margin:20px 0;"><a href="${e(p.url)}" style="display:inline-block;padding:10px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px;">打开线索并接单</a></p><p style="color:#666;font-size:12px;word-break:break-all;">${e(p.url)}</p>`
    : `<p>请登录招商工作台，在“我的线索”中处理。</p>`;

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subjectOf(p))}</title></head>
<body style="margin:0;padding:16px;font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6;color:#111;">
<div style="max-width:640px;margin:0 auto;">
<p>${e(p.recruiterName)}，您好：</p>
<p${p.rerouted ? ' style="color:#b91c1c;"' : ""}>${e(introOf(p))}</p>
<h3 style="margin:20px 0 8px;">企业信息</h3>
<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;">${rows}${notes}</table>
<h3 style="margin:20px 0 8px;">匹配的空间 · ${e(p.parkName)}</h3>
${spaces}
<h3 style="margin:20px 0 8px;">下一步</h3>
<p><strong>${e(actionOf(p))}</strong></p>
${button}
<p style="color:#999;font-size:12px;border-top:1px solid #eee;padding-top:8px;">${e(PRIVACY)}</p>
</div></body></html>
`;
}

/** The email a recruiter gets for a new (or re-routed) assignment. Pure: no I/O, no clock. */
export function renderAssignmentEmail(input: AssignmentEmailInput): RenderedEmail {
  const p = prepare(input);
  return { subject: subjectOf(p), html: renderHtml(p), text: renderText(p) };
}
