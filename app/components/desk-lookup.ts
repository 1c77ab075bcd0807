import { useCallback, useEffect, useRef, useState } from "react";

// The hotline desk's live lookups (the known-caller panel, the match preview) read; they never change
// anything. Posted through Remix's router (useFetcher), every answer counted as a mutation: the router
// then reloaded the page's loaders, and an answer that came while the save's redirect was loading
// made the router abort that load and finish the navigation with its own, older data: the lead was
// saved, the form emptied, and the flash "已保存线索 PM-…" (a one-shot cookie, read by that dropped
// load) never shown. So the lookups go around the router: a plain fetch whose answer only fills its panel.

/**
 * A lookup the web layer refused as a whole (the gate, the parser, a budget: ADR 156's `{errors: {field: [msg]}}`
 * with its 4xx or 503): `message` is the refusal's own words, in the language the lookup asked in (the
 * address's `?lng=`); `retryAfterSec` the answer's Retry-After in seconds, when it gave one (429, 503).
 */
export type LookupRefused = { state: "refused"; message: string; retryAfterSec?: number };

/**
 * Reads a lookup's answer: a body with a `state` is the route's own answer (its refusals `{state: "signedOut"}`
 * and the like included) and is returned as it is; a body of the API's error shape without `state` is a
 * LookupRefused carrying its messages (every field's, once each, in order, joined by a space); anything else
 * (not JSON, another shape) is a fresh copy of `failed`. `retryAfter` is the Retry-After header as sent
 * (seconds; a date or nonsense is left out).
 */
export function readLookupAnswer<T extends object>(body: unknown, retryAfter: string | null, failed: T): T | LookupRefused {
  if (typeof body !== "object" || body === null) return { ...failed };
  if ("state" in body) return body as T;
  const errors = (body as { errors?: unknown }).errors;
  if (typeof errors !== "object" || errors === null) return { ...failed };
  const messages = [
    ...new Set(
      Object.values(errors)
        .flatMap((m: unknown) => (Array.isArray(m) ? m : [m]))
        .filter((m): m is string => typeof m === "string" && m.trim() !== ""),
    ),
  ];
  if (messages.length === 0) return { ...failed };
  const seconds = retryAfter !== null && /^\s*\d+\s*$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return { state: "refused", message: messages.join(" "), ...(seconds !== undefined ? { retryAfterSec: seconds } : {}) };
}

/** A lookup's answer for the form it was asked for; `state` is "loading" while a post is in flight. */
export type DeskLookup<T> = {
  data: T | LookupRefused | undefined;
  state: "idle" | "loading";
  /**
   * Posts `body` (urlencoded, like a form) to `action` (a resource route answering JSON). A post in
   * flight is aborted first: the newest typing wins. A refusal in the API's error shape becomes a
   * LookupRefused (readLookupAnswer); an answer that is not JSON (an error page) or a failed network call
   * becomes a copy of the hook's `failed`. Returns nothing; the answer arrives as `data`.
   */
  submit: (body: FormData, action: string) => void;
};

/**
 * A live lookup outside the router (see above). `formKey` is the rendered form's key: a new key (after
 * a save) starts with no answer and aborts a post of the old form, so a late answer never fills the
 * new form's panel. `failed` is the answer for an unreachable server or a page that is not JSON (given
 * as a fresh copy each time, so a panel's retry sees a new answer).
 */
export function useDeskLookup<T extends object>(formKey: string, failed: T): DeskLookup<T> {
  const [answer, setAnswer] = useState<{ key: string; data: T | LookupRefused | undefined; state: "idle" | "loading" }>({
    key: formKey,
    data: undefined,
    state: "idle",
  });
  const inFlight = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      inFlight.current?.abort();
      inFlight.current = null;
    },
    [formKey],
  );

  const submit = useCallback(
    (body: FormData, action: string) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setAnswer((a) => ({ key: formKey, data: a.key === formKey ? a.data : undefined, state: "loading" }));
      const params = new URLSearchParams();
      for (const [name, value] of body.entries()) if (typeof value === "string") params.append(name, value);
      fetch(action, {
        method: "POST",
        body: params,
        signal: controller.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(async (res) => readLookupAnswer<T>(await res.json(), res.headers.get("Retry-After"), failed))
        .catch((): T => ({ ...failed }))
        .then((data) => {
          if (controller.signal.aborted) return;
          inFlight.current = null;
          setAnswer({ key: formKey, data, state: "idle" });
        });
    },
    [formKey, failed],
  );

  return answer.key === formKey ? { data: answer.data, state: answer.state, submit } : { data: undefined, state: "idle", submit };
}
