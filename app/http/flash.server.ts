import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";

import { cookieSecrets, perRequestCookieOptions } from "~/auth/cookie-secrets.server";
import { singleton } from "~/utils/singleton.server";

// Messages after a redirect ("accepted", "someone else was faster"), carried by a short-lived signed
// cookie and shown once on the next page (ADR 025) — never in the URL (`?done=`, `?stale=1`), where
// they stay in history, bookmarks and shared links and show again on every reload.

/**
 * `status`: a confirmation (shown with role=status); `alert`: the step did not happen (role=alert).
 * `form`: the form whose step was done, by the name its page gives it (the intent it posts): that form
 * starts over on the page it lands on, the page's other forms keep what is typed (ADR 081). Left out
 * when no form is done with (an alert, a plain button).
 */
export type Flash = { tone: "status" | "alert"; text: string; form?: string };

type FlashData = { flash: Flash };

export const FLASH_COOKIE = "pm_flash";

function storage(): SessionStorage<FlashData, FlashData> {
  const secrets = cookieSecrets();
  return singleton(`flash:${secrets.length}:${secrets[0].slice(0, 8)}`, () =>
    createCookieSessionStorage<FlashData, FlashData>({
      cookie: { name: FLASH_COOKIE, httpOnly: true, sameSite: "lax", path: "/", maxAge: 120, secrets },
    }),
  );
}

/**
 * A 303 to `to` that shows `flash` on the page it lands on. `text` is already in the page's language
 * (the action knows it from `?lng=`). Throw or return it from an action.
 */
export async function redirectWithFlash(request: Request, to: string, flash: Flash): Promise<Response> {
  const s = storage();
  const session = await s.getSession();
  session.flash("flash", { tone: flash.tone, text: flash.text.slice(0, 500), ...(flash.form ? { form: flash.form.slice(0, 100) } : {}) });
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": await s.commitSession(session, perRequestCookieOptions(request)), "Cache-Control": "no-store" },
  });
}

/**
 * The flash waiting for this request, if any, and the headers for the loader's answer: they clear the
 * cookie, so the message shows once (a reload does not repeat it). Without a flash the headers are empty.
 */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers }> {
  const headers = new Headers();
  const cookie = request.headers.get("cookie");
  if (!cookie?.includes(`${FLASH_COOKIE}=`)) return { flash: null, headers };
  const s = storage();
  const session = await s.getSession(cookie);
  const value = session.get("flash");
  const flash =
    value && (value.tone === "status" || value.tone === "alert") && typeof value.text === "string"
      ? { tone: value.tone, text: value.text, ...(typeof value.form === "string" ? { form: value.form } : {}) }
      : null;
  headers.append("Set-Cookie", await s.destroySession(session, perRequestCookieOptions(request)));
  return { flash, headers };
}
