import { expect } from "vitest";

/**
 * Follows a 303 that left a flash message (the `pm_flash` cookie, app/http/flash.server.ts) the way a
 * browser does — with the session cookie and the flash cookie it set — and returns the banner the next
 * page shows: its role (status | alert) and text, and whether a second visit shows it again (it must not).
 */
export async function followFlash(
  baseUrl: string,
  res: Response,
  sessionCookie: string,
): Promise<{ location: string; role: string; text: string; shownAgain: boolean }> {
  expect(res.status).toBe(303);
  const location = res.headers.get("location") ?? "";
  const flash = (res.headers.get("set-cookie") ?? "").match(/(?:^|,\s*)(pm_flash=[^;]*)/)?.[1];
  expect(flash, "the redirect sets the flash cookie").toBeTruthy();
  const cookie = `${sessionCookie}; ${flash}`;
  const page = await fetch(`${baseUrl}${location}`, { redirect: "manual", headers: { cookie } });
  const cleared = page.headers.get("set-cookie") ?? "";
  expect(cleared, "the page clears the flash cookie").toMatch(/pm_flash=;.*Expires=Thu, 01 Jan 1970/i);
  const banner = /<div class="banner[^"]*" role="(status|alert)" data-flash="">([^<]*)<\/div>/.exec(await page.text());
  // A reload (the browser dropped the cookie as told) shows nothing: the message lives in neither the
  // address nor the server-side session.
  const again = await (await fetch(`${baseUrl}${location}`, { redirect: "manual", headers: { cookie: sessionCookie } })).text();
  return { location, role: banner?.[1] ?? "", text: banner?.[2] ?? "", shownAgain: /data-flash=""/.test(again) };
}
