import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";

import { ChangedMeanwhile, useAnswerKey, useEditBase, useFormReply } from "~/components/forms";
import { PhoneLeadNeed, type PhoneLeadValue } from "~/components/phone-lead-form";
import { firstBadField, RefusalBeside } from "~/components/refusal-beside";
import { NOTE_MAX } from "~/domain/call-outcomes";
import { type NeedAnswer, needOnlySchema, type NeedTyped } from "~/hotline/need-edit";
import { hotlineText } from "~/i18n/hotline-messages";
import type { Lng } from "~/i18n/lng";
import { ui, uiMessages } from "~/i18n/ui-messages";

type Props = {
  lng: Lng;
  csrf: string;
  /** Where the form posts (the page's own action). */
  action: string;
  /** The loader's base (needEditState). */
  base: string;
  typed: NeedTyped;
  keepBlank: string[];
  /** What the notes ruled out, said in a line (needEditState; ADR 184): kept when other boxes are corrected. */
  ruledOut?: string | null;
  /** The action's answer when it was this form's and not saved (400/409). */
  answer: NeedAnswer | undefined;
  /** Whose words the need is (PhoneLeadNeed): the hotline's caller by default. */
  speaker?: "caller" | "enterprise";
};

/**
 * The need form of a stored lead (the hotline's lead page, the recruiter's correction page): filled from
 * the lead, or after a refused save from the answer — what is stored now and what was typed; a 409 shows
 * beside each field what the other person saved (ADR 092).
 */
export function NeedEditSection(props: Props) {
  const key = useAnswerKey(useFormReply("need", props.answer?.result), !!props.answer?.changed);
  // Kept here, outside the form that starts over: a 400 of another form after a 409 keeps the stored base.
  const base = useEditBase(props.answer?.base, props.base);
  return (
    <ChangedMeanwhile notes={props.answer?.changed}>
      <NeedEditForm key={key} {...props} base={base ?? props.base} />
    </ChangedMeanwhile>
  );
}

/** The call note the refused post carried ("" when none). */
function typedNote(answer: NeedAnswer | undefined): string {
  const v = answer?.result.initialValue?.note;
  return typeof v === "string" ? v : "";
}

function NeedEditForm({ lng, csrf, action, base, typed, keepBlank, ruledOut, answer, speaker }: Props) {
  const h = (k: Parameters<typeof hotlineText>[1]) => hotlineText(lng, k);
  const needSchema = useMemo(() => needOnlySchema(lng, null, keepBlank), [lng, keepBlank]);
  const [needForm, fields] = useForm<PhoneLeadValue, PhoneLeadValue, string[]>({
    id: "edit-need",
    defaultValue: typed,
    lastResult: useFormReply("need", answer?.result),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: needSchema, disableAutoCoercion: true }) as never,
  });
  const need = fields.need.getFieldset();
  const use = fields.use.getFieldset();
  // A crafted post can leave the notes out or send them twice: the box shows what came, never a non-text.
  const shownNotes: unknown = need.notes.initialValue;
  const [notes, setNotes] = useState(
    typeof shownNotes === "string" ? shownNotes : Array.isArray(shownNotes) ? shownNotes.join("\n") : (typed.need.notes ?? ""),
  );
  // The refusal said again beside the save button, a long form below its top banner (ADR 178).
  const fieldErrorCount = Object.entries(needForm.allErrors).filter(([name, e]) => name !== "" && e?.length).length;
  const beside = [...(needForm.errors ?? []), ...(fieldErrorCount > 0 ? [hotlineText(lng, "errors", { count: fieldErrorCount })] : [])];
  const labelOf = (name: string) => (uiMessages.has(name) ? ui(lng, name) : undefined);
  return (
    <Form method="post" action={action} {...getFormProps(needForm)} className="desk-form" noValidate>
      <h2>{h("editNeed.legend")}</h2>
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="intent" value="need" />
      <input type="hidden" name="base" value={base} />
      {needForm.errors?.length ? (
        <div className="banner error" role="alert" id={needForm.errorId}>
          {needForm.errors.join(" ")}
        </div>
      ) : null}
      {ruledOut ? (
        <p className="hint" id="need-ruled-out">
          {ruledOut}
        </p>
      ) : null}
      <PhoneLeadNeed
        lng={lng}
        need={need as never}
        use={use as never}
        notes={notes}
        onNotes={setNotes}
        keepBlank={keepBlank}
        speaker={speaker}
        loaded={loadedNeed(typed)}
      />
      <div className="field">
        <label htmlFor="need-note">{h("task.note")}</label>
        {/* After a refused save (a page without script renders anew) the note typed stays. */}
        <textarea id="need-note" name="note" rows={2} maxLength={NOTE_MAX} defaultValue={typedNote(answer)} />
      </div>
      <RefusalBeside
        id="edit-need-refusal"
        lng={lng}
        answer={answer?.result}
        lines={beside}
        first={firstBadField(lng, needForm.id, needForm.allErrors, labelOf)}
      />
      <button type="submit" aria-describedby={beside.length ? "edit-need-refusal" : undefined}>
        {h("editNeed.save")}
      </button>
    </Form>
  );
}

/** The need as the page loaded it, by form name ("need.areaMin"): what the notes' added text is newer than (ADR 109). */
function loadedNeed(typed: NeedTyped): Record<string, string> {
  return Object.fromEntries(Object.entries(typed.need).map(([k, v]) => [`need.${k}`, v]));
}
