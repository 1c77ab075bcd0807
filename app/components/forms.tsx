import { type SubmissionResult, useForm } from "@conform-to/react";
import { useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { createContext, type ReactNode, useContext, useState } from "react";

// Field wrappers that tie label, hint and errors to the control by construction (aria-describedby).

export type FieldMeta = { id: string; name: string; errorId: string; descriptionId: string; errors?: string[]; initialValue?: unknown };

/**
 * A field's metadata read once into a plain object. Conform's field metadata is a Proxy that works the
 * whole metadata out again on every property read (a new object and Proxy each time), and the field
 * components read ~12 properties per field: for a page rendered by the server only (the inquiry form,
 * ADR 041), reading each once keeps the render cheaper. Not for a hydrated form: Conform tracks which
 * properties a render read to know when to render again.
 */
export function readMeta(field: unknown): FieldMeta {
  const { id, name, errorId, descriptionId, errors, initialValue } = field as FieldMeta;
  return { id, name, errorId, descriptionId, errors, initialValue };
}

// Conform's "start over" answer (what submission.reply({ resetForm: true }) sends): errors, status and
// the values it holds go back to the form's defaultValue. One object, so Conform reports it once.
const RESET_REPLY: SubmissionResult<string[]> = { initialValue: null };
// An answer for another form of the page: this form's messages go — they belonged to an earlier answer (a refused
// visit date, after the follow-up date its message asked for was saved) — and what is typed in it stays (values kept:
// no initialValue). Conform checks the field again as the person types or leaves it, the server when it is sent.
const ERRORS_CLEARED: SubmissionResult<string[]> = { error: {} };

/** What useFormReply decides from: the router's state and the page's last answer. */
export type PageAnswer = {
  /** A navigation (a post, its redirect, a link) is running. */
  navigating: boolean;
  /** The action's data for the page, whichever form it was for (undefined after a redirect, or none yet). */
  answer: unknown;
  /** The `form` the flash of the redirect that landed here names (app/http/flash.server.ts), if any. */
  done: string | null;
  /** The page now shows another address (path) than the one the forms last settled on: another lead, a new row saved. */
  moved: boolean;
};

/**
 * The `lastResult` for the form called `form` (the name the page's action gives its step, the intent it
 * posts), given `result`, this form's part of the action's data (undefined when that was for another
 * form, or there was none). Pure, so each case is tested alone (test/unit/form-reply.test.ts):
 * - While a navigation runs: undefined (Conform keeps what it shows until the answer is there).
 * - Action data (400 with field errors, 409, a post refused as stale …): this form's part, or undefined
 *   when the data was for another form — nothing was done, so what is typed here, and its messages, stay.
 * - After a redirect: the reset answer when its flash names this form (its step was done: the corrected
 *   save's errors go, the saved note's box empties; useActionData is undefined after a redirect and the
 *   component is not remounted, so without it the errors of a failed save stayed). Another form's step done:
 *   this form was not sent, so a note half typed beside 接单 stays (ADR 081), but its messages go — a refused
 *   visit date's "不能晚于今天；请记为下次跟进日期" stood on after that follow-up date was saved (trial 39).
 *   A redirect that names no form (an alert: nothing was done): undefined, everything stays.
 * - On another address of the same route (a link from one lead's page to another's): the reset answer.
 *   The component is not remounted there either, and what was typed about one lead is not the next's.
 */
export function formReply(
  form: string,
  result: SubmissionResult<string[]> | undefined,
  page: PageAnswer,
): SubmissionResult<string[]> | undefined {
  if (page.navigating) return undefined;
  // Action data is newer than the loader's flash: after a 4xx the router does not load the page again,
  // so the flash of an earlier redirect would still be there.
  // Another form refused (its action data): nothing was done, so this form's messages still hold — they stay.
  if (result || page.answer !== undefined) return result;
  if (page.done === form || page.moved) return RESET_REPLY;
  return page.done !== null ? ERRORS_CLEARED : undefined;
}

/** The router's side of formReply: the navigation, the action's data, the flash the route's loader handed on as `flash`, the address. */
function usePageAnswer(): PageAnswer {
  const navigation = useNavigation();
  const answer = useActionData();
  const loaded = useLoaderData() as { flash?: { form?: unknown } | null } | undefined;
  const done = loaded?.flash?.form;
  const navigating = navigation.state !== "idle";
  // Arrived at another address: moved until the next navigation starts (state updated while rendering,
  // React's pattern for state that follows a value, so the render that shows the new page has it).
  const { pathname } = useLocation();
  const [shown, setShown] = useState(pathname);
  const [moved, setMoved] = useState(false);
  if (!navigating && shown !== pathname) {
    setShown(pathname);
    setMoved(true);
  }
  if (navigating && moved) setMoved(false);
  return { navigating, answer, done: typeof done === "string" ? done : null, moved };
}

/** The `lastResult` to hand Conform's useForm, for every form of the app (formReply says which). */
export function useFormReply(form: string, result: SubmissionResult<string[]> | undefined): SubmissionResult<string[]> | undefined {
  return formReply(form, result, usePageAnswer());
}

/**
 * A React key for an edit form that must start over from an answer carrying values (a save refused for
 * a conflict shows what is stored now, ADR 092): the fields are uncontrolled, so Conform's new values
 * reach them only in a new form. `reply` is the form's lastResult (useFormReply: there once the page is
 * idle, after any reload of the page's data); the key changes once per such answer (`carries`), never
 * while a post runs — what is typed stays on screen until the answer is there.
 */
export function useAnswerKey(reply: SubmissionResult<string[]> | undefined, carries: boolean): number {
  const [state, setState] = useState<{ seen: SubmissionResult<string[]> | undefined; n: number }>({ seen: undefined, n: 0 });
  if (carries && reply && reply !== state.seen) setState({ seen: reply, n: state.n + 1 });
  return state.n;
}

/**
 * The `base` an edit form posts (what it was filled from, ADR 091): the last one an answer handed back —
 * a 409's row as stored, a 400 echoing what it was posted with — else the loader's. Kept while the page
 * shows answers (a 400 of another form of the page, a retire refused): the base after a 409 is the row
 * as stored then, what the person has seen. The loader's, revalidated after a 4xx, may hold a later
 * change nobody here saw (saving over it would undo it unseen), or, not revalidated, the first base
 * (the next save refused again). Dropped once no answer is shown (a save went through: the redirect).
 */
export function useEditBase(answered: string | undefined, loaded: string | undefined): string | undefined {
  const answering = useActionData() !== undefined;
  const [kept, setKept] = useState<string | undefined>(answered);
  const next = answering ? (answered ?? kept) : undefined;
  if (next !== kept) setKept(next);
  return next ?? loaded;
}

/** Field name → the note "对方已改为：X" a refused save puts beside it (ADR 092, app/http/edit-refusal.server.ts changedNotes). */
const ChangedContext = createContext<Record<string, string> | undefined>(undefined);

/**
 * Around an edit form: each field component inside (TextField, TextareaField, ChoiceField, SelectField,
 * CheckboxField, or a page's own through useChangedNote) shows the note `notes[name]` under its label
 * and names it in aria-describedby. `notes`: the 409's `changed`; undefined otherwise.
 */
export function ChangedMeanwhile({ notes, children }: { notes: Record<string, string> | undefined; children: ReactNode }) {
  return <ChangedContext.Provider value={notes}>{children}</ChangedContext.Provider>;
}

/** The note beside field `meta` (see ChangedMeanwhile), with the id its control's aria-describedby names; null when none. */
export function useChangedNote(meta: FieldMeta): { id: string; text: string } | null {
  const text = useContext(ChangedContext)?.[meta.name];
  return text ? { id: `${meta.id}-changed`, text } : null;
}

/** The note of useChangedNote, as a line under the label. */
export function ChangedNote({ note }: { note: { id: string; text: string } | null }) {
  return note ? (
    <p className="changed-note" id={note.id} data-testid="changed-note">
      {note.text}
    </p>
  ) : null;
}

/**
 * Whether the page is showing the redirect after `form`'s step (the flash names it, nothing newer came):
 * for state a page keeps beside Conform's, such as the hotline desk's form key.
 */
export function useStepDone(form: string): boolean {
  const page = usePageAnswer();
  return !page.navigating && page.answer === undefined && page.done === form;
}

/**
 * Conform's state for a form parsed by one of the lead schemas (the inquiry, the hotline desk): the
 * last answer's errors once the page is idle again and, once `validate` is there, checks on leaving a
 * field and again as it is typed. `validate` is the browser's half of the schema the action uses
 * (parseWithZod without Conform's coercion: the schema reads units and full-width digits itself);
 * null while it is still loading (the inquiry fetches Zod after the page is up), when only a submit
 * is checked — by the server. No getZodConstraint: the field components set required and maxLength,
 * and the schema's preprocessing is not expressible as HTML constraints. This module imports no Zod.
 */
export function useLeadForm<Value extends Record<string, unknown>>(
  id: string,
  /** The name of the form's step: a redirect back to this page that names it starts the form over (formReply). */
  step: string,
  validate: ((formData: FormData) => unknown) | null,
  lastResult: SubmissionResult<string[]> | undefined,
) {
  return useForm<Value, Value, string[]>({
    id,
    lastResult: useFormReply(step, lastResult),
    shouldValidate: validate ? "onBlur" : "onSubmit",
    shouldRevalidate: validate ? "onInput" : "onSubmit",
    onValidate: validate ? ({ formData }) => validate(formData) as never : undefined,
  });
}

export function ErrorList({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return <div id={id} />;
  // The alert role sits on a wrapper: on the <ul> itself it would replace the list role, and its items
  // would be list items outside a list (axe-core: listitem, serious).
  return (
    <div id={id} role="alert">
      <ul className="errors">
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

function describedBy(meta: FieldMeta, hint?: ReactNode, also?: string, changed?: { id: string } | null) {
  return (
    [hint ? meta.descriptionId : null, changed?.id, meta.errors?.length ? meta.errorId : null, also].filter(Boolean).join(" ") || undefined
  );
}

/** A field's label, with the required mark (and, on the desk, its keyboard shortcut) beside it. */
function FieldLabel({ htmlFor, label, required, keyHint }: { htmlFor: string; label: ReactNode; required?: boolean; keyHint?: string }) {
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required ? <span aria-hidden="true"> *</span> : null}
      {keyHint ? <kbd className="key-hint">{keyHint}</kbd> : null}
    </label>
  );
}

/** The hint under a label, under the id the control's aria-describedby names. */
function FieldHint({ meta, hint }: { meta: FieldMeta; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={meta.descriptionId}>
      {hint}
    </p>
  ) : null;
}

function initialText(meta: FieldMeta): string {
  const v = meta.initialValue;
  return typeof v === "string" ? v : Array.isArray(v) ? v.join("、") : "";
}

export function TextField({
  meta,
  label,
  hint,
  required,
  type = "text",
  inputMode,
  autoComplete,
  maxLength,
  placeholder,
  alsoDescribedBy,
  autoFocus,
  keyHint,
  onInput,
  reading,
}: {
  meta: FieldMeta;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  type?: "text" | "tel" | "email" | "month" | "password" | "date" | "time" | "search";
  /**
   * What the box's words were read as, said right under this box (its own, never a neighbour's: trial L1, docs/decisions/180
   * — the tax's reading stood under 员工人数 once the row wrapped). Kept in the field's last track with its errors.
   */
  reading?: ReactNode;
  /** The id of a message about the whole form (a wrong sign-in) that also describes this field. */
  alsoDescribedBy?: string;
  inputMode?: "text" | "decimal" | "numeric" | "tel" | "email";
  autoComplete?: string;
  maxLength?: number;
  placeholder?: string;
  /** Only for a page whose one task is this form (sign-in, the hotline desk's phone box). */
  autoFocus?: boolean;
  /** The keyboard shortcut shown beside the label (the hotline desk). */
  keyHint?: string;
  onInput?: () => void;
}) {
  const changed = useChangedNote(meta);
  return (
    <div className="field">
      <FieldLabel htmlFor={meta.id} label={label} required={required} keyHint={keyHint} />
      <FieldHint meta={meta} hint={hint} />
      <ChangedNote note={changed} />
      <input
        id={meta.id}
        name={meta.name}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        maxLength={maxLength}
        placeholder={placeholder}
        defaultValue={initialText(meta)}
        required={required}
        aria-required={required || undefined}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint, alsoDescribedBy, changed)}
        autoFocus={autoFocus}
        onInput={onInput}
      />
      {reading === undefined ? (
        <ErrorList id={meta.errorId} errors={meta.errors} />
      ) : (
        <div>
          <ErrorList id={meta.errorId} errors={meta.errors} />
          {reading}
        </div>
      )}
    </div>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  maxLength,
  onInput,
}: {
  meta: FieldMeta;
  label: ReactNode;
  hint?: ReactNode;
  maxLength?: number;
  onInput?: (value: string) => void;
}) {
  const changed = useChangedNote(meta);
  return (
    <div className="field">
      <FieldLabel htmlFor={meta.id} label={label} />
      <FieldHint meta={meta} hint={hint} />
      <ChangedNote note={changed} />
      <textarea
        id={meta.id}
        name={meta.name}
        maxLength={maxLength}
        defaultValue={initialText(meta)}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint, undefined, changed)}
        onInput={onInput ? (e) => onInput(e.currentTarget.value) : undefined}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function ChoiceField({
  meta,
  label,
  options,
  required,
  fallback,
}: {
  meta: FieldMeta;
  label: ReactNode;
  options: { value: string; label: string }[];
  required?: boolean;
  fallback?: string;
}) {
  const current = typeof meta.initialValue === "string" ? meta.initialValue : fallback;
  const changed = useChangedNote(meta);
  return (
    <fieldset className="field choices-group" aria-describedby={describedBy(meta, undefined, undefined, changed)}>
      <legend className="label">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      <ChangedNote note={changed} />
      <div className="choices">
        {options.map((o, i) => (
          <label key={o.value}>
            <input
              type="radio"
              id={i === 0 ? meta.id : undefined}
              name={meta.name}
              value={o.value}
              defaultChecked={current === o.value}
              required={required}
              aria-invalid={meta.errors?.length ? true : undefined}
            />
            {o.label}
          </label>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export function SelectField({
  meta,
  label,
  required,
  placeholder,
  groups,
}: {
  meta: FieldMeta;
  label: ReactNode;
  required?: boolean;
  placeholder: string;
  groups: { label: string; options: { value: string; label: string }[] }[];
}) {
  const changed = useChangedNote(meta);
  return (
    <div className="field">
      <FieldLabel htmlFor={meta.id} label={label} required={required} />
      <ChangedNote note={changed} />
      <select
        id={meta.id}
        name={meta.name}
        defaultValue={typeof meta.initialValue === "string" ? meta.initialValue : ""}
        required={required}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, undefined, undefined, changed)}
      >
        <option value="">{placeholder}</option>
        {groups.map((g) =>
          g.label ? (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : (
            g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          ),
        )}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A tick box with its label; `alsoDescribedBy` names text it answers to (the hotline's consent script). */
export function CheckboxField({
  meta,
  label,
  alsoDescribedBy,
  consent,
  form,
}: {
  meta: FieldMeta;
  label: ReactNode;
  alsoDescribedBy?: string;
  /** The id of the form the box belongs to when that is not the one around it (HTML's `form` attribute). */
  form?: string;
  /**
   * A consent: ticked only by an act of this submission (ADR 093). The server renders it as the post it
   * answers had it; the browser's form restoration (back, reload: autocomplete="off") and a kept draft
   * (draft-keeper.tsx, the inquiry form's script on a page from the back-forward cache) never tick it.
   */
  consent?: boolean;
}) {
  const changed = useChangedNote(meta);
  return (
    <div className="field consent">
      <ChangedNote note={changed} />
      <label htmlFor={meta.id}>
        <input
          type="checkbox"
          id={meta.id}
          name={meta.name}
          form={form}
          autoComplete={consent ? "off" : undefined}
          data-consent={consent ? "" : undefined}
          defaultChecked={meta.initialValue === "on" || meta.initialValue === true}
          aria-invalid={meta.errors?.length ? true : undefined}
          aria-describedby={
            [alsoDescribedBy, changed?.id, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined
          }
        />
        <span>{label}</span>
      </label>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
