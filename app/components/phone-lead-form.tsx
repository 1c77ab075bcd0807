import { type ReactNode, useEffect, useState } from "react";

import { ChangedNote, CheckboxField, ChoiceField, ErrorList, type FieldMeta, TextField, useChangedNote } from "~/components/forms";
import { IndustrySelect } from "~/components/industry-select";
import { FIGURE_BOX_MAX } from "~/domain/field-limits";
import { loadTraditionalFolding, traditionalFoldingReady } from "~/domain/fold-text";
import { AREA_UNITS, NEED_DEALS, NEED_KINDS } from "~/domain/lead-fields";
import { typedAreaOf } from "~/domain/need-assist";
import { extractMoney } from "~/domain/need-money";
import type { NotesPlaces } from "~/hotline/desk.server";
import { newerNotes, newerRead } from "~/hotline/need-edit";
import { hotlineText } from "~/i18n/hotline-messages";
import type { Lng } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";
import { ui } from "~/i18n/ui-messages";
import { areaAboutReading } from "~/leads/area-reading";
import { ASSIST_FORM_FIELDS, assistPreview } from "~/leads/assist-preview";

// The hotline's lead fields (the one lead schema, channel "hotline"): the need as the caller says it,
// with the free-text assist showing live what it read, and the optional industry and product. Used by
// the desk's new-lead form and by a lead's "update the need" form.

/** The desk reads the money in the notes live (the tax its form has no box for, budgets): need-money.ts. */
const NOTES_MONEY = [extractMoney];

/**
 * True once the browser folds Traditional characters (always on a server): loads the converter when the form has
 * mounted and renders again when it has arrived, so the live reading of Traditional notes (10噸行車, 明年3月前要搬進去)
 * is the one the save makes. A page that renders Traditional notes from the server waits for it before hydrating
 * (entry.client.tsx), so the first client render reads as the server's did.
 */
function useTraditionalFolding(): boolean {
  const [ready, setReady] = useState(traditionalFoldingReady);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void loadTraditionalFolding().then(
      () => live && setReady(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}

/** The form as Conform sees it: every field is typed text (the schema parses). */
export type Group = Record<string, string>;
export type PhoneLeadValue = { need: Group; use: Group; tax: Group; company: Group; contact: Group; consent: string };

/** The desk's text box: a `TextField` (label, hint and errors tied together) that the browser does not autocomplete. */
export function DeskInput(props: {
  meta: FieldMeta;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  type?: "text" | "tel";
  inputMode?: "text" | "decimal" | "numeric" | "tel";
  maxLength?: number;
  autoFocus?: boolean;
  keyHint?: string;
  onInput?: () => void;
}) {
  return <TextField {...props} autoComplete="off" />;
}

type NeedFields = Record<
  | "kind"
  | "deal"
  | "areaUnit"
  | "areaMin"
  | "areaMax"
  | "unitCount"
  | "regions"
  | "moveInBy"
  | "ceilingMinM"
  | "floorLoadMinKg"
  | "powerMinKva"
  | "craneMinT"
  | "singleStorey"
  | "notes",
  FieldMeta & { value?: unknown }
>;

/**
 * The need and use parts of the phone-lead form. `notes` is the live text of the notes box (the
 * parent keeps it in state through `onNotes`); `onChange` runs on any edit (the match preview).
 * `places`: the server's word on the notes' places (the desk's match preview answer carries it), shown
 * while the box still holds the notes it was worked out for; until then, and on a page without it, the
 * places are named with the rule that decides on saving (assistPreview's "places").
 */
export function PhoneLeadNeed({
  lng,
  need,
  use,
  notes,
  onNotes,
  onChange,
  places,
  keepBlank,
  speaker = "caller",
  loaded,
}: {
  lng: Lng;
  need: NeedFields;
  use: Record<"industry" | "product", FieldMeta>;
  notes: string;
  onNotes: (v: string) => void;
  onChange?: () => void;
  places?: NotesPlaces;
  /** On an edit, the fields that held a value when the form was filled: emptied, the notes do not fill them (ADR 091). */
  keepBlank?: readonly string[];
  /** Whose words the need is: a hotline caller's, or the enterprise's as its recruiter heard them (ADR 104). */
  speaker?: "caller" | "enterprise";
  /** On an edit, the need as loaded (form names, "need.areaMin"): the notes' added text is read as newer than the boxes left so (ADR 109). */
  loaded?: Record<string, string>;
}) {
  const t = (key: Parameters<typeof ui>[1]) => ui(lng, key);
  const h = (key: Parameters<typeof hotlineText>[1]) => hotlineText(lng, key);
  const notesChanged = useChangedNote(need.notes);
  useTraditionalFolding();
  const filled = new Set<string>(
    ASSIST_FORM_FIELDS.filter((name) => {
      const v = need[name as keyof NeedFields].value;
      return (typeof v === "string" && v.trim() !== "") || !!keepBlank?.includes(name);
    }),
  );
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const typed = typedAreaOf(text(need.areaMin.value), text(need.areaMax.value), text(need.areaUnit.value), text(need.unitCount.value));
  const kindNow = typeof need.kind.value === "string" ? need.kind.value : undefined;
  const preview = assistPreview(notes, filled, lng, kindNow, NOTES_MONEY, typed);
  const server = places && places.notes === notes ? places : null;
  const areaReading = areaAboutReading(
    text(need.areaMin.value),
    text(need.areaMax.value),
    text(need.areaUnit.value),
    lng,
    text(need.kind.value) || undefined,
  );
  // What the text added in this edit will set over the boxes left as loaded (ADR 109): the save does the same.
  // A server render has no live value: what the form was filled with (after a refused post, what was sent).
  // The fieldset is a proxy that lists no keys: the loaded need's names say which fields to read.
  const sentNow = Object.fromEntries(
    Object.keys(loaded ?? {}).map((name) => {
      const f = need[name.slice("need.".length) as keyof NeedFields] as (FieldMeta & { value?: unknown }) | undefined;
      return [name, name === "need.notes" ? notes : (f?.value ?? f?.initialValue)];
    }),
  );
  const newer = loaded ? newerNotes(loaded, sentNow) : null;
  const newerText = newer ? newerRead(lng, newer).text : "";
  const lines: { key: string; label?: string; text: string }[] = [
    { key: "newer", label: h("editNeed.newerNotes"), text: newerText },
    { key: "understood", label: h("need.understood"), text: preview.understood },
    { key: "places-read", text: server ? server.understood : "" },
    { key: "unread", label: h("need.unread"), text: preview.unread },
    { key: "wished", text: preview.wished },
    { key: "differs", text: preview.differs },
    { key: "places-unread", text: server ? server.unread : "" },
    { key: "places", text: server ? "" : preview.places },
  ];
  return (
    <>
      <fieldset className="desk-group need-group" onChange={onChange} onInput={onChange}>
        <legend>{h(speaker === "caller" ? "need.legend" : "need.legend.recruiter")}</legend>
        <p className="hint">{h(speaker === "caller" ? "need.optional" : "need.optional.recruiter")}</p>
        <ChoiceField
          meta={need.kind}
          label={t("need.kind")}
          required
          options={NEED_KINDS.map((k) => ({ value: k, label: t(`need.kind.${k}`) }))}
        />
        <div className="field">
          <label htmlFor={need.notes.id}>{h(speaker === "caller" ? "need.notes" : "need.notes.recruiter")}</label>
          <p className="hint" id={need.notes.descriptionId}>
            {h("need.notesHint")}
          </p>
          <ChangedNote note={notesChanged} />
          <textarea
            id={need.notes.id}
            name={need.notes.name}
            maxLength={2000}
            rows={3}
            defaultValue={typeof need.notes.initialValue === "string" ? need.notes.initialValue : ""}
            aria-invalid={need.notes.errors?.length ? true : undefined}
            aria-describedby={[need.notes.descriptionId, notesChanged?.id, need.notes.errors?.length ? need.notes.errorId : null]
              .filter(Boolean)
              .join(" ")}
            onInput={(e) => onNotes(e.currentTarget.value)}
          />
          <ErrorList id={need.notes.errorId} errors={need.notes.errors} />
        </div>
        <div aria-live="polite" className="understood-box">
          {lines
            .filter((l) => l.text !== "")
            .map((l) => (
              <p key={l.key} className="understood" data-assist-line={l.key}>
                {l.label ? `${l.label} ` : ""}
                {l.text}
              </p>
            ))}
        </div>
        <ChoiceField meta={need.deal} label={t("need.deal")} options={NEED_DEALS.map((k) => ({ value: k, label: t(`need.deal.${k}`) }))} />
        <ChoiceField
          meta={need.areaUnit}
          label={t("need.areaUnit")}
          fallback="sqm"
          options={AREA_UNITS.map((u) => ({ value: u, label: t(`need.areaUnit.${u}`) }))}
        />
        <div className="row">
          <DeskInput meta={need.areaMin} label={t("need.areaMin")} maxLength={FIGURE_BOX_MAX} />
          <DeskInput meta={need.areaMax} label={t("need.areaMax")} maxLength={FIGURE_BOX_MAX} />
          {/* Right under the area boxes, before 几栋 (docs/decisions/180). */}
          {areaReading ? (
            <p className="understood row-wide" data-area-reading="">
              {areaReading}
            </p>
          ) : null}
          <DeskInput meta={need.unitCount} label={publicText(lng, "need.unitCount")} maxLength={FIGURE_BOX_MAX} />
        </div>
        <DeskInput meta={need.regions} label={t("need.regions")} maxLength={400} />
        <div className="row">
          <DeskInput meta={need.ceilingMinM} label={t("need.ceilingMinM")} maxLength={FIGURE_BOX_MAX} />
          <DeskInput meta={need.floorLoadMinKg} label={t("need.floorLoadMinKg")} maxLength={FIGURE_BOX_MAX} />
          <DeskInput meta={need.powerMinKva} label={t("need.powerMinKva")} maxLength={FIGURE_BOX_MAX} />
          <DeskInput meta={need.craneMinT} label={t("need.craneMinT")} maxLength={FIGURE_BOX_MAX} />
          <DeskInput meta={need.moveInBy} label={t("need.moveInBy")} maxLength={FIGURE_BOX_MAX} />
        </div>
        <CheckboxField meta={need.singleStorey} label={t("need.singleStorey")} />
      </fieldset>
      <fieldset className="desk-group">
        <legend>{h("use.legend")}</legend>
        <IndustrySelect meta={use.industry} lng={lng} />
        <DeskInput meta={use.product} label={t("use.product")} maxLength={200} />
      </fieldset>
    </>
  );
}
