import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

import { lngFromUrl } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";
import { ui } from "~/i18n/ui-messages";
import { PICKER_FIELDS, REGION_INTENT, RESTORE_INTENT, SWITCH_INTENT } from "~/leads/region-picker";
import styles from "~/styles/app.css";
import { intakeGuard } from "~/utils/overload.server";

import type { GatePass } from "./request-gate.server";

/** Steps of the form that store nothing (app/routes/_index.tsx): never shed, they render the form filled. */
const STORES_NOTHING = new Set(["narrow", "add", RESTORE_INTENT, SWITCH_INTENT]);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/**
 * Carried over but not listed back: the form's own machinery (key, consent box, region picker, honeypot)
 * and its choices (selects, radios), whose values are codes ("factory", "sqm", "C38"), not what the
 * person typed — listed, they showed as English codes on a Chinese page.
 */
const NOT_LISTED =
  /^(submissionKey|consent|website|regionIntent|regionPicker\..*|need\.(kind|deal|areaUnit|singleStorey)|use\.(industry|eia))$/;

/**
 * `POST /` (the inquiry form, sent as a document) refused while the intake is overloaded (ADR 035),
 * before Remix renders anything: rendering the whole form page for each refusal cost more CPU than
 * storing a lead, and at twice the knee the refusals starved the leads (docs/benchmarks.md, Intake).
 * The answer is a small page in the person's language — 503 with Retry-After — that keeps everything
 * typed: each field as a hidden input of a form that posts it again, same submission key (so sending
 * again makes one lead), and what was typed listed for the person to see, with "back to the form": the same
 * fields posted as a step that stores nothing (RESTORE_INTENT), answered with the whole form filled in
 * (ADR 102; that step and the region picker's are never shed). Requests from the page's
 * own JavaScript (Remix's `.data` requests) and anything else pass on to the route, whose action
 * refuses through the same guard with the full form.
 */
export function formShed(hotline: () => string) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const gate = res.locals.gate as GatePass | undefined;
    if (!gate?.body || !/^application\/x-www-form-urlencoded/i.test(String(req.headers["content-type"] ?? ""))) return next();
    const refused = intakeGuard().refusal();
    if (!refused) return next();
    const sent = [...new URLSearchParams(gate.body.toString("utf8"))];
    // The region picker's steps and "back to the form" store nothing: the route answers them with the form, filled.
    if (
      sent.some(
        ([name, value]) => (name === REGION_INTENT && STORES_NOTHING.has(value)) || (name === PICKER_FIELDS.suggestion && value !== ""),
      )
    )
      return next();
    const lng = lngFromUrl(`http://x${req.originalUrl}`);
    // Every field goes back as it came (the honeypot too: a bot's filled one is still caught on resend).
    const fields = sent.filter(([name]) => name !== REGION_INTENT);
    const typed = fields.filter(([name, value]) => value.trim() !== "" && !NOT_LISTED.test(name));
    const html =
      `<!doctype html><html lang="${lng === "en" ? "en" : "zh-CN"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(ui(lng, "app.name"))}</title><link rel="stylesheet" href="${escapeHtml(styles)}"></head><body><main>` +
      `<h1>${escapeHtml(ui(lng, "form.title"))}</h1><p role="alert">${escapeHtml(publicText(lng, "form.overloaded", { hotline: hotline() }))}</p>` +
      `<form method="post" action="${lng === "en" ? "/?index&amp;lng=en" : "/?index"}">` +
      fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("") +
      `<div class="picker-actions"><button type="submit">${escapeHtml(ui(lng, "form.sendAgain"))}</button>` +
      `<button type="submit" name="${REGION_INTENT}" value="${RESTORE_INTENT}" class="secondary">${escapeHtml(publicText(lng, "form.editAgain"))}</button></div></form>` +
      `<h2>${escapeHtml(ui(lng, "form.typedKept"))}</h2><ul>${typed.map(([, value]) => `<li>${escapeHtml(value)}</li>`).join("")}</ul>` +
      `</main></body></html>\n`;
    res
      .status(503)
      .set({ "Retry-After": String(refused.retryAfterSec), "Cache-Control": "no-store" })
      .type("html")
      .send(html);
  };
}
