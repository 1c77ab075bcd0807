import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";

import { type FormRefusal, isFormRefusalData } from "~/http/form-refusal";
import { type Lng } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";

// A hydrated page's form post refused as a whole by the web layer (bytes that are no UTF-8, a NUL, too large,
// too many fields: ADR 156's refusals) comes back as the posting route's action data `{formRefusal}` (ADR 163;
// app/http/single-fetch-refusal.server.ts). No route knows that shape, so the root shows it, for every page:
// a note at the top of the form that was sent, with the refusal's words and a way to the field it names. The
// form itself is untouched: what was typed stays in it.

type RouterLike = { state: { actionData: Record<string, unknown> | null }; subscribe: (fn: () => void) => () => void };

/** Remix's router in the browser (window.__remixRouter, set before the page hydrates); none on the server. */
const router = (): RouterLike | undefined =>
  typeof window === "undefined" ? undefined : (window as { __remixRouter?: RouterLike }).__remixRouter;
const subscribe = (fn: () => void) => router()?.subscribe(fn) ?? (() => {});
/** The routes' action data (one object per answer: a new refusal is a new object). */
const actionData = () => router()?.state.actionData ?? null;

/** The refusal among the routes' action data, if any. */
function refusalIn(data: Record<string, unknown> | null): FormRefusal | null {
  for (const value of Object.values(data ?? {})) if (isFormRefusalData(value)) return value.formRefusal;
  return null;
}

/**
 * Shows a whole-form refusal beside the form that was sent (the form whose submit event came last; the page's
 * main otherwise): role="alert", scrolled to and focused; a button to the field it names when the form has it.
 * Gone when the form is sent again or the person closes it.
 */
export function FormRefusalNotice({ lng }: { lng: Lng }) {
  const data = useSyncExternalStore(subscribe, actionData, () => null);
  const lastForm = useRef<HTMLFormElement | null>(null);
  const seen = useRef<object | null>(null);
  const [shown, setShown] = useState<{ refusal: FormRefusal; note: HTMLElement; form: HTMLFormElement | null; of: object } | null>(null);

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      if (event.target instanceof HTMLFormElement) lastForm.current = event.target;
      setShown((s) => (s ? (s.note.remove(), null) : s)); // sent again: the old words go
    };
    document.addEventListener("submit", onSubmit);
    return () => document.removeEventListener("submit", onSubmit);
  }, []);

  useEffect(() => {
    const refusal = refusalIn(data);
    if (!refusal || !data || seen.current === data) return;
    seen.current = data;
    const form = lastForm.current?.isConnected ? lastForm.current : null;
    const host = form ?? document.querySelector("main");
    if (!host) return;
    shown?.note.remove();
    const note = document.createElement("div");
    host.prepend(note);
    setShown({ refusal, note, form, of: data });
  }, [data, shown]);

  useEffect(() => {
    const box = shown?.note.querySelector<HTMLElement>(".form-refusal");
    box?.scrollIntoView({ block: "center" });
    box?.focus({ preventScroll: true });
  }, [shown]);

  useEffect(() => () => shown?.note.remove(), [shown]);

  if (!shown) return null;
  const { refusal, form } = shown;
  const field = refusal.field && form ? form.querySelector<HTMLElement>(`[name="${CSS.escape(refusal.field)}"]`) : null;
  return createPortal(
    <div className="banner error form-refusal" role="alert" tabIndex={-1}>
      <p>{refusal.message}</p>
      <p>{staffText(lng, "formRefusal.kept")}</p>
      {field ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            field.scrollIntoView({ block: "center" });
            field.focus();
          }}
        >
          {staffText(lng, "formRefusal.toField")}
        </button>
      ) : null}{" "}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          shown.note.remove();
          setShown(null);
        }}
      >
        {staffText(lng, "formRefusal.close")}
      </button>
    </div>,
    shown.note,
  );
}
