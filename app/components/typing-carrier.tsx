import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useLayoutEffect } from "react";

// Typing during a page change is never lost (trial38 M4). A navigation inside the app (a sign-in's redirect to
// the desk, the desk's save that brings a fresh form) changes the address at once, but the new page is drawn in
// a React transition: until it is committed, the keys go into the box still focused on the page going away —
// the sign-in's password box — and vanish with it; the new page's autoFocus lands after. An agent who presses
// Enter and types the caller's number straight away lost its first digits. What was typed into a box while a
// navigation was under way is carried into the box the new page focuses, when the old box is gone. When the
// navigation ends on the same page (a refused post), the old box is still there and holds it: nothing to do.
// Keys typed with no box focused — the sign-in's button just clicked (trial41) — are heard as keys and carried alike.

type Box = HTMLInputElement | HTMLTextAreaElement;

const TEXT_TYPES = new Set(["text", "search", "tel", "email", "url", "password"]);

function isBox(el: unknown): el is Box {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type));
}

/** The location the page on screen was drawn for (set when a page is committed). */
let drawnKey: string | undefined;

/**
 * Whether a navigation is under way now: the router's own state, read when the key is typed (React's copy lags a
 * transition) — loading, or done loading with the new page not drawn yet (its location is not the one on screen:
 * keys typed then still went to the page going away, trial41's lost "025-").
 */
function navigating(): boolean {
  const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string }; location: { key: string } } } })
    .__remixRouter;
  if (router === undefined) return false;
  return router.state.navigation.state !== "idle" || (drawnKey !== undefined && router.state.location.key !== drawnKey);
}

/** What was typed into `from` (a box, or the button or page that had the focus) since the navigation began (one per tab). */
let carried: { from: Element; text: string } | null = null;

function heard(from: Element, change: (text: string) => string) {
  if (carried?.from !== from) carried = { from, text: "" };
  carried.text = change(carried.text);
}

function onBeforeInput(e: InputEvent) {
  if (!navigating()) {
    carried = null;
    return;
  }
  if (!isBox(e.target)) return;
  if (e.inputType === "insertText" || e.inputType === "insertFromPaste" || e.inputType === "insertReplacementText")
    heard(e.target, (t) => t + (e.data ?? ""));
  else if (e.inputType === "insertLineBreak" && e.target instanceof HTMLTextAreaElement) heard(e.target, (t) => `${t}\n`);
  else if (e.inputType === "deleteContentBackward") heard(e.target, (t) => t.slice(0, -1));
}

/**
 * A key typed with no box focused while a navigation is under way (the button that sent the sign-in keeps the focus):
 * no input event is fired for it, so it is heard here — a character, or Backspace — and kept from the button (a space
 * would press it again).
 */
function onKeyDown(e: KeyboardEvent) {
  if (!navigating() || isBox(e.target) || !(e.target instanceof Element) || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if ((e.target as HTMLElement).isContentEditable) return;
  if (e.key.length === 1) heard(e.target, (t) => t + e.key);
  else if (e.key === "Backspace") heard(e.target, (t) => t.slice(0, -1));
  else return;
  e.preventDefault();
}

function onCompositionEnd(e: CompositionEvent) {
  if (navigating() && isBox(e.target) && e.data) heard(e.target, (t) => t + e.data);
}

/** Puts `text` where the box's cursor is, as typing would, so React's and Conform's listeners hear of it. */
function type(into: Box, text: string) {
  const start = into.selectionStart ?? into.value.length; // an email box has no selection: at its end
  const end = into.selectionEnd ?? into.value.length;
  const value = into.value.slice(0, start) + text + into.value.slice(end);
  const proto = into instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(into, value);
  if (into.selectionStart !== null) into.setSelectionRange(start + text.length, start + text.length);
  into.dispatchEvent(new Event("input", { bubbles: true }));
}

/**
 * Rendered once by the root. Listens for text typed while a navigation is under way; when the new page is committed
 * (its autoFocus placed) and the box typed in is gone, types that text into the new page's focused box — never into
 * a password box, never when the new page focuses no box.
 */
export function TypingCarrier() {
  const location = useLocation();
  const navigation = useNavigation();
  useEffect(() => {
    document.addEventListener("beforeinput", onBeforeInput, true);
    document.addEventListener("compositionend", onCompositionEnd, true);
    document.addEventListener("keydown", onKeyDown, true);
    return () => {
      document.removeEventListener("keydown", onKeyDown, true);
      document.removeEventListener("beforeinput", onBeforeInput, true);
      document.removeEventListener("compositionend", onCompositionEnd, true);
    };
  }, []);
  // A layout effect: in the commit that draws the new page (after its autoFocus), before the next key can land.
  useLayoutEffect(() => {
    drawnKey = location.key;
    const c = carried;
    carried = null;
    // A box still there kept its text; keys heard on a button or the page were kept nowhere: carried.
    if (!c?.text || (isBox(c.from) && c.from.isConnected)) return;
    const to = document.activeElement;
    if (isBox(to) && to.type !== "password" && to !== c.from && !to.readOnly && !to.disabled) type(to, c.text);
  }, [location.key]);
  // A navigation that ended without a new page (refused, or the same page again): its box kept the text.
  useEffect(() => {
    if (navigation.state === "idle") carried = null;
  }, [navigation.state]);
  return null;
}
