import { useCallback, useEffect, useRef, useState } from "react";

// The hotline desk's live lookups (the known-caller panel, the match preview) read; they never change
// anything. Posted through Remix's router (useFetcher), every answer counted as a mutation: the router
// then reloaded the page's loaders, and an answer that came while the save's redirect was loading
// made the router abort that load and finish the navigation with its own, older data: the lead was
// saved, the form emptied, and the flash "已保存线索 PM-…" (a one-shot cookie, read by that dropped
// load) never shown. So the lookups go around the router: a plain fetch whose answer only fills its panel.

/** A lookup's answer for the form it was asked for; `state` is "loading" while a post is in flight. */
export type DeskLookup<T> = {
  data: T | undefined;
  state: "idle" | "loading";
  /**
   * Posts `body` (urlencoded, like a form) to `action` (a resource route answering JSON). A post in
   * flight is aborted first: the newest typing wins. An answer that is not JSON (an error page) or a
   * failed network call becomes a copy of the hook's `failed`. Returns nothing; the answer arrives as `data`.
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
  const [answer, setAnswer] = useState<{ key: string; data: T | undefined; state: "idle" | "loading" }>({
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
        .then((res) => res.json() as Promise<T>)
        .catch(() => ({ ...failed }))
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
