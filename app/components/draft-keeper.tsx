import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";

import { type Lng } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";

import {
  type Draft,
  DRAFT_PREFIX,
  draftKey,
  formSlot,
  isDroppedFor,
  isExpiredLogin,
  parseDraft,
  sameHidden,
  VOLATILE_FIELDS,
} from "./form-drafts";

// A staff form sent after the sign-in ended is answered with 303 to /login?expired=1: nothing was
// saved. With JavaScript, what the form held is kept in this tab (sessionStorage) and put back into the
// same form when the same person is on the same page again — with a note, never sent by itself — until
// that form is answered or the person discards it (ADR 085). One keeper for every staff form: the root
// renders it.

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const NOT_TYPED = new Set(["hidden", "password", "file", "submit", "button", "reset", "image"]);

/**
 * The form's controls a person fills in (no hidden field, password, file or button), less a consent
 * (CheckboxField `consent`): that is an act of the submission it goes with, never kept or put back (ADR 093).
 */
function typedFields(form: HTMLFormElement): Field[] {
  return [...form.elements]
    .filter(
      (el): el is Field =>
        (el instanceof HTMLInputElement && !NOT_TYPED.has(el.type) && el.dataset.consent === undefined) ||
        el instanceof HTMLTextAreaElement ||
        el instanceof HTMLSelectElement,
    )
    .filter((el) => el.name !== "");
}

function hiddenFields(form: HTMLFormElement): [string, string][] {
  return [...form.elements]
    .filter((el): el is HTMLInputElement => el instanceof HTMLInputElement && el.type === "hidden" && el.name !== "")
    .map((el) => [el.name, el.value]);
}

/** The form's slot (formSlot): its id attribute (never `form.id`, which an input named "id" shadows), or its action and place. */
function slotOf(form: HTMLFormElement): string {
  const action = form.getAttribute("action") ?? "";
  const idless = [...document.forms].filter((f) => !f.getAttribute("id") && (f.getAttribute("action") ?? "") === action);
  const volatile = hiddenFields(form)
    .filter(([name]) => VOLATILE_FIELDS.has(name))
    .map(([, value]) => value);
  return formSlot(form.getAttribute("id"), action, idless.indexOf(form), volatile);
}

const here = () => window.location.pathname + window.location.search;

/** What `form` holds now, as the copy `owner` would find again on this page. */
function snapshot(form: HTMLFormElement, owner: string): Draft {
  const typed = new Set(typedFields(form).map((el) => el.name));
  const hidden = new Set(hiddenFields(form).map(([name]) => name));
  const entries = [...new FormData(form)].filter((e): e is [string, string] => typeof e[1] === "string");
  return {
    owner,
    address: here(),
    form: slotOf(form),
    at: Date.now(),
    fields: entries.filter(([name]) => typed.has(name)),
    hidden: entries.filter(([name]) => hidden.has(name) && !VOLATILE_FIELDS.has(name)),
  };
}

/** Sets a control as typing would, so React's and Conform's listeners (and the desk's lookups) hear of it. */
function setField(el: Field, apply: () => boolean) {
  if (!apply()) return;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

function setText(el: HTMLInputElement | HTMLTextAreaElement, value: string): boolean {
  if (el.value === value) return false;
  // The prototype's setter: a controlled React field notices the change only this way.
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, value);
  return true;
}

function setChecked(el: HTMLInputElement, checked: boolean): boolean {
  if (el.checked === checked) return false;
  el.checked = checked;
  return true;
}

function setSelected(el: HTMLSelectElement, chosen: (o: HTMLOptionElement) => boolean): boolean {
  let changed = false;
  for (const o of el.options) {
    if (o.selected !== chosen(o)) changed = true;
    o.selected = chosen(o);
  }
  return changed;
}

/** Puts the draft's values into the form's fields. */
function fill(form: HTMLFormElement, draft: Draft) {
  const values = new Map<string, string[]>();
  for (const [name, value] of draft.fields) values.set(name, [...(values.get(name) ?? []), value]);
  const left = new Map([...values].map(([name, list]) => [name, [...list]]));
  for (const el of typedFields(form)) {
    const sent = values.get(el.name) ?? [];
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio"))
      setField(el, () => setChecked(el, sent.includes(el.value)));
    else if (el instanceof HTMLSelectElement) setField(el, () => setSelected(el, (o) => sent.includes(o.value)));
    else {
      const value = left.get(el.name)?.shift();
      if (value !== undefined) setField(el, () => setText(el, value));
    }
  }
}

/** Puts every field of the form back to what the page rendered (the person discarded the restored text). */
function clear(form: HTMLFormElement) {
  for (const el of typedFields(form)) {
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio"))
      setField(el, () => setChecked(el, el.defaultChecked));
    else if (el instanceof HTMLSelectElement) setField(el, () => setSelected(el, (o) => o.defaultSelected));
    else setField(el, () => setText(el, el.defaultValue));
  }
}

function keptKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
  }
  return keys;
}

/** sessionStorage may be unusable (storage full, turned off): then nothing is kept, as before ADR 085. */
function storage<T>(act: () => T, otherwise: T): T {
  try {
    return act();
  } catch {
    return otherwise;
  }
}

/** Told on the window when a copy was just kept (the sign-in page says so). */
const KEPT_EVENT = "pm-draft-kept";

/**
 * For the sign-in page: whether this tab holds a kept copy (a form sent after the sign-in ended), so
 * the page can say it comes back after signing in. False on the server and without JavaScript.
 */
export function useDraftKept(): boolean {
  const [kept, setKept] = useState(false);
  useEffect(() => {
    const check = () => setKept(storage(() => keptKeys().length > 0, false));
    check();
    window.addEventListener(KEPT_EVENT, check);
    return () => window.removeEventListener(KEPT_EVENT, check);
  }, []);
  return kept;
}

type Restored = { key: string; form: HTMLFormElement; note: HTMLElement };

/**
 * The keeper, rendered once by the root: `owner` is the signed-in staff account (the root loader's
 * `staffKey`), null when nobody is. Renders the note at the top of each form it put text back into.
 */
export function DraftKeeper({ owner, lng }: { owner: string | null; lng: Lng }) {
  const navigation = useNavigation();
  const location = useLocation();
  // The form whose submit event came last (and when), then the post under way that it started.
  const submitted = useRef<{ draft: Draft; at: number } | null>(null);
  const sending = useRef<Draft | null>(null);
  const filled = useRef(new WeakSet<HTMLFormElement>());
  const [shown, setShown] = useState<Restored[]>([]);

  useEffect(() => {
    // A page back from the back-forward cache holds what it held when left: a consent is as rendered.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted)
        for (const box of document.querySelectorAll<HTMLInputElement>("input[data-consent]")) box.checked = box.defaultChecked;
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      // Signing out on purpose (a shared PC): nothing typed stays behind in this tab.
      if (/\/logout$/.test(new URL(form.getAttribute("action") ?? "", window.location.href).pathname)) {
        storage(() => keptKeys().forEach((key) => sessionStorage.removeItem(key)), undefined);
        return;
      }
      submitted.current = owner ? { draft: snapshot(form, owner), at: Date.now() } : null;
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, [owner]);

  useEffect(() => {
    // The router took up the post (a form the browser's own checks or Conform stopped never gets here).
    if (navigation.formData && submitted.current && Date.now() - submitted.current.at < 10_000) {
      sending.current = submitted.current.draft;
      submitted.current = null;
    }
    if (navigation.state !== "idle") return;
    const sent = sending.current;
    sending.current = null;
    if (sent) {
      const key = draftKey(sent.address, sent.form);
      if (isExpiredLogin(location.pathname, location.search)) {
        storage(() => sessionStorage.setItem(key, JSON.stringify(sent)), undefined);
        window.dispatchEvent(new Event(KEPT_EVENT));
      } else {
        // Answered (saved, or refused with the errors beside the fields): the kept copy has done its work.
        storage(() => sessionStorage.removeItem(key), undefined);
        setShown((list) => drop(list, (r) => r.key === key));
      }
    }
    setShown((list) => drop(list, (r) => !r.form.isConnected));
    if (!owner) return; // the sign-in page: the copy waits for the person to sign in
    const now = Date.now();
    const restored: Restored[] = [];
    storage(() => {
      for (const key of keptKeys()) if (isDroppedFor(parseDraft(sessionStorage.getItem(key)), owner, now)) sessionStorage.removeItem(key);
      for (const form of document.forms) {
        if (filled.current.has(form)) continue;
        const key = draftKey(here(), slotOf(form));
        const draft = parseDraft(sessionStorage.getItem(key));
        if (!draft || !sameHidden(draft, hiddenFields(form))) continue;
        filled.current.add(form);
        fill(form, draft);
        const note = document.createElement("div");
        note.className = "draft-note";
        form.prepend(note);
        restored.push({ key, form, note });
      }
    }, undefined);
    if (restored.length) setShown((list) => [...list, ...restored]);
  }, [navigation.state, navigation.formData, location.key, location.pathname, location.search, owner]);

  const discard = (r: Restored) => {
    storage(() => sessionStorage.removeItem(r.key), undefined);
    clear(r.form);
    setShown((list) => drop(list, (x) => x === r));
    typedFields(r.form)[0]?.focus();
  };

  return (
    <>
      {shown.map((r) =>
        createPortal(
          <div className="banner draft-restored" role="status">
            <span>{staffText(lng, "draft.restored")}</span>{" "}
            <button type="button" onClick={() => discard(r)}>
              {staffText(lng, "draft.discard")}
            </button>
          </div>,
          r.note,
          r.key,
        ),
      )}
    </>
  );
}

/** `list` without the entries `gone` picks, their notes taken out of the page. */
function drop(list: Restored[], gone: (r: Restored) => boolean): Restored[] {
  if (!list.some(gone)) return list;
  for (const r of list) if (gone(r)) r.note.remove();
  return list.filter((r) => !gone(r));
}
