import { getFormProps, parse, type SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { withErrorTitle } from "~/components/error-pages";
import { ErrorSummary } from "~/components/error-summary";
import { FigureText } from "~/components/figure-text-view";
import { CheckboxField, ChoiceField, readMeta, SelectField, TextareaField, TextField, useLeadForm } from "~/components/forms";
import { IndustrySelect } from "~/components/industry-select";
import { PublicHeader } from "~/components/public-header";
import { PlaceChoices, RegionFixes, RegionPicker } from "~/components/region-picker";
import type { ScriptHandle } from "~/components/route-script";
import { getSql } from "~/db/db.server";
import { FIGURE_BOX_MAX, PHONE_INPUT_MAX } from "~/domain/field-limits";
import { isUuid } from "~/domain/ids";
import { AREA_UNITS, EIA_LEVELS, NEED_DEALS, NEED_KINDS } from "~/domain/lead-fields";
import { typedAreaOf } from "~/domain/need-assist";
import { extractMoney } from "~/domain/need-money";
import { refusedAsSent } from "~/http/action-form.server";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { moveInExamplesText } from "~/i18n/move-in-examples";
import { privacyText } from "~/i18n/privacy-messages";
import { publicText } from "~/i18n/public-messages";
import { ui, uiMessages } from "~/i18n/ui-messages";
import { areaAboutReading } from "~/leads/area-reading";
import { AMOUNT_FIELDS, ASSIST_FORM_FIELDS, assistPreview, type PlaceChoice, TAX_FIELD } from "~/leads/assist-preview";
import { inquiryHref } from "~/leads/inquiry-link.server";
import { leadHash, storeLead } from "~/leads/intake.server";
import { leadFormValidator, refuseFieldsSentTwice } from "~/leads/lead-form.server";
import {
  appendRegion,
  PICKER_FIELDS,
  PLACES_ASKED,
  REGION_FIX,
  REGION_INTENT,
  type RegionFix,
  RESTORE_INTENT,
  SWITCH_INTENT,
} from "~/leads/region-picker";
import { notesPlaceChoices, pickRegion, provinceOptions, regionFixes, type RegionPickerState } from "~/leads/region-picker.server";
import { taxBoxReading } from "~/leads/tax-reading";
import { useRootData } from "~/root";
import { errorMessage, log } from "~/utils/log.server";
import { intakeGuard } from "~/utils/overload.server";
import { clientKey, consume, intakeLimit } from "~/utils/rate-limit.server";

export const meta: MetaFunction<typeof loader> = withErrorTitle(({ data: d }) => [
  { title: ui(d?.lng ?? "zh", "app.name") },
  { name: "description", content: publicText(d?.lng ?? "zh", "app.tagline") },
]);

const HONEYPOT = "website";
/** The form's address (its language added by lngHref). */
const FORM_ACTION = "/?index";

// The page loads no React (ADR 041): the server renders the whole form, which works without JavaScript;
// a small script (app/leads/inquiry-form-script.ts, bundled through routes/inquiry.form-script.ts) adds
// the live checks, the assist's preview, the region picker's lists and the sending state.
export const handle: ScriptHandle = { scripts: false, script: "routes/inquiry.form-script" };

/** A document answer carries the action's Retry-After (429, 503): Remix applies an action's headers only through this. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  // A fresh key per rendered form: a double click or a resend of the same form makes one lead.
  const lng = lngFromUrl(request.url);
  return { lng, submissionKey: crypto.randomUUID(), provinces: provinceOptions(lng) };
}

type ActionResult = {
  result: SubmissionResult<string[]>;
  banner?: "unavailable" | "rateLimited" | "overloaded" | "restored" | "switched" | "placesAsked";
  /** The language was switched with the consent ticked: it comes back unticked, and the banner says so (ADR 149). */
  consentDropped?: boolean;
  picker?: RegionPickerState;
  /** The regions box refused: the resolver's suggestions, each a button that puts it in the box (ADR 140). */
  regionFixes?: RegionFix[];
  /** The notes name a place several share, the box blank: asked before storing, once (ADR 154). */
  placeChoices?: PlaceChoice[];
};

export async function action({ request, context }: ActionFunctionArgs) {
  const lng = lngFromUrl(request.url);
  const formData = await request.formData();
  // The fields as sent, nested by their names (Conform's payload), for the steps that store nothing (picker, switch,
  // honeypot); the lead schema reads the form only after the intake budget is spent on it (ADR 178).
  const payload = parse(formData, { resolve: () => ({ value: undefined }) }).payload as Record<string, unknown> & {
    need?: Record<string, unknown>;
  };
  const text = (name: string): string => {
    const value = name
      .split(".")
      .reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), payload);
    return typeof value === "string" ? value : "";
  };
  const typed = Object.fromEntries([...formData.entries()].filter(([k, v]) => k !== HONEYPOT && typeof v === "string"));

  // The region picker without JavaScript: list the next level, or add the choice (a suggestion pressed,
  // the search text once it resolves — else the picker says why, at once); nothing is stored and no
  // field error is shown yet, everything typed comes back.
  const regionIntent = text(PICKER_FIELDS.suggestion) ? "add" : text(REGION_INTENT);
  // A suggestion under the regions box taken (ADR 140): the box so, everything else as typed, nothing stored.
  if (text(REGION_FIX)) {
    const need = { ...(payload.need ?? {}), regions: text(REGION_FIX) };
    return data<ActionResult>({ result: { initialValue: { ...payload, need } as SubmissionResult<string[]>["initialValue"] } });
  }
  // Back from the overload page (ADR 102): the form again, filled with what was sent, nothing stored.
  if (regionIntent === RESTORE_INTENT) return data<ActionResult>({ result: { initialValue: payload as never }, banner: "restored" });
  // The header's language switch (ADR 149): the form in this language, filled with what was sent, nothing
  // stored or checked. The consent is given to the notice as read: not carried over, the person is told.
  if (regionIntent === SWITCH_INTENT) {
    const { consent, ...kept } = payload;
    const consentDropped = typeof consent === "string" && consent !== "";
    return data<ActionResult>({
      result: { initialValue: kept as never },
      banner: "switched",
      ...(consentDropped ? { consentDropped } : {}),
    });
  }
  if (regionIntent === "narrow" || regionIntent === "add") {
    const picked = pickRegion(
      {
        province: text(PICKER_FIELDS.province),
        city: text(PICKER_FIELDS.city),
        district: text(PICKER_FIELDS.district),
        search: regionIntent === "add" ? text(PICKER_FIELDS.search) : "",
        suggestion: text(PICKER_FIELDS.suggestion),
      },
      lng,
    );
    const need = { ...(payload.need ?? {}) };
    if (regionIntent !== "narrow")
      need.regions = picked.paths.reduce(
        (regions, path) => appendRegion(regions, path, lng),
        typeof need.regions === "string" ? need.regions : "",
      );
    const initialValue = { ...payload, need } as SubmissionResult<string[]>["initialValue"];
    return data<ActionResult>({ result: { initialValue }, picker: picked.state });
  }

  // Bots fill every field; people never see this one. A quiet "thanks", nothing stored.
  if (text(HONEYPOT) !== "") {
    log.info("honeypot caught a submission", { ip: clientKey(context) });
    return redirect(lngHref("/inquiry/received", lng), 303);
  }
  // Overloaded (app/utils/overload.server.ts, ADR 035): 503 at once, nothing written, everything typed
  // comes back into the form (same submission key: pressing send again makes one lead, not two).
  const admission = intakeGuard().admit();
  if (!admission.ok) {
    return data<ActionResult>(
      { result: refusedAsSent(formData), banner: "overloaded" },
      { status: 503, headers: { "Retry-After": String(admission.retryAfterSec) } },
    );
  }
  try {
    const limited = await consume(intakeLimit(), clientKey(context));
    if (!limited.ok) {
      return data<ActionResult>(
        { result: refusedAsSent(formData), banner: "rateLimited" },
        { status: 429, headers: { "Retry-After": String(limited.retryAfterSec) } },
      );
    }
    const submission = refuseFieldsSentTwice(leadFormValidator(lng, "web")(formData), formData, lng);
    if (submission.status !== "success") {
      // A region the box refused comes with its suggestions to take (ADR 140), not only named in the message.
      const fixes = Object.keys(submission.error ?? {}).some((k) => k.startsWith("need.regions"))
        ? regionFixes(text("need.regions"), lng)
        : [];
      return data<ActionResult>({ result: submission.reply(), ...(fixes.length ? { regionFixes: fixes } : {}) }, { status: 400 });
    }
    // A place of the notes that several places share ("Lishui", 鼓楼), the regions box blank (ADR 154): asked, not guessed —
    // the form comes back as typed with a button per place, nothing stored. Once: the answer carries the names asked
    // (PLACES_ASKED), and sending again stores the lead as written (the recruiter is told the place unread, as before).
    if (text("need.regions").trim() === "") {
      const asked = new Set(
        text(PLACES_ASKED)
          .split("\n")
          .map((n) => n.trim()),
      );
      const placeChoices = notesPlaceChoices(text("need.notes"), lng);
      if (placeChoices.some((c) => !asked.has(c.name)))
        return data<ActionResult>({ result: { initialValue: payload as never }, banner: "placesAsked", placeChoices });
    }
    const submissionKey = text("submissionKey");
    const { submissionKey: _k, ...raw } = typed;
    try {
      const stored = await storeLead(getSql(), {
        ...submission.value,
        raw,
        source: "web",
        lng,
        // Same form, same lead → same lead back; the same form edited and sent again is a new lead. The
        // hash is over the parsed lead, not the form's fields: the region picker's transient selects
        // (enabled or not after Back) must not make a second lead.
        submissionKey: isUuid(submissionKey) ? `web:${submissionKey}:${leadHash(submission.value)}` : null,
      });
      // The person's own link: with its key the page shows the need sent (and a repeat's first reference).
      return redirect(inquiryHref(stored.reference, lng), 303);
    } catch (error) {
      log.error("lead intake failed", { source: "web", error: errorMessage(error) });
      // Everything typed is sent back into the form; the person can press send again.
      return data<ActionResult>({ result: submission.reply(), banner: "unavailable" }, { status: 503 });
    }
  } finally {
    admission.release();
  }
}

/** The form as Conform sees it: every field is text the person typed (the schema does the parsing). */
type Group = Record<string, string>;
type LeadFormValue = { need: Group; use: Group; tax: Group; company: Group; contact: Group; consent: string };

export default function InquiryForm() {
  const { lng, submissionKey, provinces } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string | number>) => ui(lng, key, params);
  // The server validates on submit (Conform + Zod); the page's script checks in the browser once the
  // schema's chunk has arrived after the page is up (data-validation="browser").
  const [form, fields] = useLeadForm<LeadFormValue>("inquiry", "inquiry", null, actionData?.result);
  const need = fields.need.getFieldset();
  const use = fields.use.getFieldset();
  const tax = fields.tax.getFieldset();
  const company = fields.company.getFieldset();
  const contact = fields.contact.getFieldset();
  const m = readMeta;

  // The assist's preview for what came back with an answer; the script works it out again as one types.
  const initial = (f: { initialValue?: unknown }) => (typeof f.initialValue === "string" ? f.initialValue : "");
  const filled = new Set(ASSIST_FORM_FIELDS.filter((name) => initial(need[name]).trim() !== ""));
  if (initial(tax.annualTaxWan).trim() !== "") filled.add(TAX_FIELD);
  if (initial(tax.investmentWan).trim() !== "") filled.add(AMOUNT_FIELDS[0]);
  if (initial(tax.annualOutputWan).trim() !== "") filled.add(AMOUNT_FIELDS[1]);
  const typed = typedAreaOf(initial(need.areaMin), initial(need.areaMax), initial(need.areaUnit), initial(need.unitCount));
  const preview = assistPreview(initial(need.notes), filled, lng, initial(need.kind) || undefined, [extractMoney], typed);
  const areaReading = areaAboutReading(
    initial(need.areaMin),
    initial(need.areaMax),
    initial(need.areaUnit),
    lng,
    initial(need.kind) || undefined,
  );
  const taxReading = taxBoxReading(initial(tax.annualTaxWan), lng);
  const errorCount = Object.values(form.allErrors).filter((e) => e?.length).length;
  const { hotline } = useRootData();

  return (
    <>
      {/* Enter in any field sends the form, not the header's language switch (a submit button of the form,
          ADR 149) nor the region picker's buttons: the form's default button is its first in the page's order. */}
      <button type="submit" form={form.id} className="hp" tabIndex={-1} aria-hidden="true" />
      <PublicHeader lng={lng} path="/" form={{ id: form.id, action: FORM_ACTION }} />
      <main>
        <h1>{t("form.title")}</h1>
        <p className="lead">{publicText(lng, "app.tagline")}</p>
        {actionData?.banner === "restored" || actionData?.banner === "placesAsked" ? (
          <div className="banner" role="status">
            {publicText(lng, actionData.banner === "restored" ? "form.restored" : "form.placesAsked")}
          </div>
        ) : actionData?.banner === "switched" ? (
          <div className="banner" role="status">
            {publicText(lng, "form.switched")}
            {actionData.consentDropped ? ` ${publicText(lng, "form.switchedConsent")}` : null}
          </div>
        ) : actionData?.banner ? (
          <div className="banner error" role="alert">
            {publicText(
              lng,
              actionData.banner === "unavailable"
                ? "form.unavailable"
                : actionData.banner === "overloaded"
                  ? "form.overloaded"
                  : "form.rateLimited",
              { hotline },
            )}
          </div>
        ) : errorCount > 0 && form.status === "error" ? (
          <ErrorSummary
            lng={lng}
            formId={form.id}
            intro={t("form.errorSummary", { count: errorCount })}
            errors={form.allErrors}
            labelOf={(name) => (uiMessages.has(name) ? ui(lng, name) : undefined)}
          />
        ) : null}
        <Form method="post" action={lngHref(FORM_ACTION, lng)} {...getFormProps(form)} data-lng={lng} data-validation="server">
          <input type="hidden" name="submissionKey" value={submissionKey} />
          <div className="hp" aria-hidden="true">
            <label htmlFor="hp-website">{t("honeypot.label")}</label>
            <input id="hp-website" name={HONEYPOT} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>

          <fieldset>
            <legend>{t("section.need")}</legend>
            <ChoiceField
              meta={m(need.kind)}
              label={t("need.kind")}
              required
              options={NEED_KINDS.map((k) => ({ value: k, label: t(`need.kind.${k}`) }))}
            />
            <ChoiceField
              meta={m(need.deal)}
              label={t("need.deal")}
              required
              options={NEED_DEALS.map((k) => ({ value: k, label: t(`need.deal.${k}`) }))}
            />
            <ChoiceField
              meta={m(need.areaUnit)}
              label={t("need.areaUnit")}
              fallback="sqm"
              options={AREA_UNITS.map((u) => ({ value: u, label: t(`need.areaUnit.${u}`) }))}
            />
            {/* Text boxes, not number pads: each figure is read with its words (5千, 50亩, 约500, 2台500kva; ADR 102). */}
            <div className="row">
              <TextField meta={m(need.areaMin)} label={t("need.areaMin")} hint={t("need.areaHint")} maxLength={FIGURE_BOX_MAX} />
              <TextField meta={m(need.areaMax)} label={t("need.areaMax")} maxLength={FIGURE_BOX_MAX} />
              {/* The two area boxes' reading, on a line of its own right under them, before 几栋 (docs/decisions/180). */}
              <p className="understood row-wide" aria-live="polite" data-area-reading="" hidden={areaReading === ""}>
                <FigureText text={areaReading} />
              </p>
              <TextField meta={m(need.unitCount)} label={publicText(lng, "need.unitCount")} maxLength={FIGURE_BOX_MAX} />
            </div>
            <TextField meta={m(need.regions)} label={t("need.regions")} hint={publicText(lng, "need.regionsHint")} maxLength={400} />
            <RegionFixes lng={lng} fixes={actionData?.regionFixes} />
            <RegionPicker lng={lng} provinces={provinces} initial={actionData?.picker} />
            <TextField
              meta={m(need.moveInBy)}
              label={t("need.moveInBy")}
              hint={publicText(lng, "need.moveInHint", { examples: moveInExamplesText(lng) })}
              maxLength={FIGURE_BOX_MAX}
            />
            <div className="row">
              <TextField meta={m(need.ceilingMinM)} label={t("need.ceilingMinM")} maxLength={FIGURE_BOX_MAX} />
              <TextField meta={m(need.floorLoadMinKg)} label={t("need.floorLoadMinKg")} maxLength={FIGURE_BOX_MAX} />
              <TextField meta={m(need.powerMinKva)} label={t("need.powerMinKva")} maxLength={FIGURE_BOX_MAX} />
              <TextField meta={m(need.craneMinT)} label={t("need.craneMinT")} maxLength={FIGURE_BOX_MAX} />
            </div>
            <CheckboxField meta={m(need.singleStorey)} label={t("need.singleStorey")} />
            <TextareaField meta={m(need.notes)} label={t("need.notes")} hint={t("need.notesHint")} maxLength={2000} />
            {/* Always there (empty lines hidden): a live region must exist before its text changes. */}
            <div aria-live="polite" data-assist="">
              {(["understood", "unread", "notRead"] as const).map((part) => (
                <p key={part} className="understood" data-assist-line={part} hidden={preview[part] === ""}>
                  {t(`need.${part}`)}{" "}
                  <span data-assist-text="">
                    <FigureText text={preview[part]} />
                  </span>
                </p>
              ))}
              {(["wished", "places"] as const).map((part) => (
                <p key={part} className="understood" data-assist-line={part} hidden={preview[part] === ""}>
                  <span data-assist-text="">
                    <FigureText text={preview[part]} />
                  </span>
                </p>
              ))}
              <PlaceChoices choices={actionData?.placeChoices ?? preview.choices} />
            </div>
          </fieldset>

          <fieldset>
            <legend>{t("section.use")}</legend>
            <IndustrySelect meta={m(use.industry)} lng={lng} required />
            <TextField meta={m(use.product)} label={t("use.product")} required maxLength={200} />
            <SelectField
              meta={m(use.eia)}
              label={t("use.eia")}
              placeholder={t("use.eia.unknown")}
              groups={[{ label: "", options: EIA_LEVELS.map((e) => ({ value: e, label: t(`use.eia.${e}`) })) }]}
            />
          </fieldset>

          <fieldset>
            <legend>{t("section.tax")}</legend>
            <div className="row">
              {/* What the tax box's words are read as ("年纳税三百万" → 300 万元/年), never silent (docs/decisions/162): under the
                  tax box itself, never under the row's last box (trial L1, docs/decisions/180). */}
              <TextField
                meta={m(tax.annualTaxWan)}
                label={t("tax.annualTaxWan")}
                required
                maxLength={FIGURE_BOX_MAX}
                reading={
                  <p className="understood" aria-live="polite" data-tax-reading="" hidden={taxReading === ""}>
                    <FigureText text={taxReading} />
                  </p>
                }
              />
              <TextField meta={m(tax.investmentWan)} label={t("tax.investmentWan")} maxLength={FIGURE_BOX_MAX} />
              <TextField meta={m(tax.annualOutputWan)} label={t("tax.annualOutputWan")} maxLength={FIGURE_BOX_MAX} />
              <TextField meta={m(tax.employees)} label={t("tax.employees")} maxLength={FIGURE_BOX_MAX} />
            </div>
          </fieldset>

          <fieldset>
            <legend>{t("section.company")}</legend>
            <TextField meta={m(company.name)} label={t("company.name")} required autoComplete="organization" maxLength={100} />
            <TextField meta={m(company.creditCode)} label={t("company.creditCode")} maxLength={30} />
            <TextField meta={m(company.location)} label={t("company.location")} maxLength={100} />
          </fieldset>

          <fieldset>
            <legend>{t("section.contact")}</legend>
            <TextField meta={m(contact.name)} label={t("contact.name")} required autoComplete="name" maxLength={50} />
            <TextField
              meta={m(contact.phone)}
              label={t("contact.phone")}
              required
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              hint={publicText(lng, "contact.phoneHint")}
              maxLength={PHONE_INPUT_MAX}
            />
            <TextField
              meta={m(contact.email)}
              label={t("contact.email")}
              type="email"
              inputMode="email"
              autoComplete="email"
              maxLength={100}
            />
            <div className="row">
              <TextField meta={m(contact.wechat)} label={t("contact.wechat")} maxLength={50} />
              <TextField meta={m(contact.title)} label={t("contact.title")} autoComplete="organization-title" maxLength={50} />
            </div>
          </fieldset>

          <CheckboxField
            consent
            meta={m(fields.consent)}
            label={
              <>
                {t("consent.label")} {/* A new tab, so reading the notice never loses what was typed. */}
                <a href={lngHref("/privacy", lng)} target="_blank" rel="noopener">
                  {privacyText(lng, "notice.link")}
                </a>
              </>
            }
          />
          <button type="submit" data-submitting={t("form.submitting")}>
            {t("form.submit")}
          </button>
        </Form>
      </main>
    </>
  );
}
