import { createHash, randomBytes } from "node:crypto";

import { createCookie } from "@remix-run/node";

import { singleton } from "~/utils/singleton.server";

import { cookieSecrets, perRequestCookieOptions } from "./cookie-secrets.server";

// The browsers a staff member has signed in from (ADR 182, after OWASP's "device cookies"). The sign-in
// guessing budgets (ADR 020) refused the right password too once spent, so anyone could keep every staff
// member out: 10 wrong passwords locked an account for the window, 300 over any accounts locked them all.
// A browser that signed in as an account before carries `pm_device` (signed, httpOnly, sent to /login
// only): its attempts for that account count against a budget of their own — that browser and account —
// and not against the account's or everyone's, which strangers' guesses spend. A stolen device cookie is
// worth 10 guesses a window, no more; a new browser during an attack waits as before.

export const DEVICE_COOKIE = "pm_device";
const DEVICE_DAYS = 180;
/** Accounts one browser remembers (a shared desk's agents): the oldest is forgotten first. */
const MAX_ACCOUNTS = 8;

type DeviceValue = { n: string; a: string[] };

const accountTag = (email: string) => createHash("sha256").update(`pm-device:${email}`).digest("base64url").slice(0, 22);

function cookie() {
  const secrets = cookieSecrets();
  return singleton(`device-cookie:${createHash("sha256").update(secrets.join(",")).digest("hex")}`, () =>
    createCookie(DEVICE_COOKIE, { httpOnly: true, sameSite: "lax", path: "/login", maxAge: DEVICE_DAYS * 86_400, secrets }),
  );
}

async function read(request: Request): Promise<DeviceValue | null> {
  const v: unknown = await cookie().parse(request.headers.get("cookie"));
  if (typeof v !== "object" || v === null) return null; // absent, or a bad signature
  const { n, a } = v as { n?: unknown; a?: unknown };
  if (typeof n !== "string" || !/^[A-Za-z0-9_-]{22}$/.test(n) || !Array.isArray(a)) return null;
  return { n, a: a.filter((x): x is string => typeof x === "string").slice(-MAX_ACCOUNTS) };
}

/**
 * This browser's id when it signed in as `email` (trimmed, lower-cased) before — the key of its own
 * guessing budget — or null (never, another account only, no cookie or a forged one).
 */
export async function knownDeviceOf(request: Request, email: string): Promise<string | null> {
  const device = await read(request);
  return device && device.a.includes(accountTag(email)) ? device.n : null;
}

/** The Set-Cookie value that remembers a successful sign-in as `email` in this browser (its id kept, or a new one). */
export async function rememberDevice(request: Request, email: string): Promise<string> {
  const device = (await read(request)) ?? { n: randomBytes(16).toString("base64url"), a: [] };
  const tag = accountTag(email);
  const a = [...device.a.filter((t) => t !== tag), tag].slice(-MAX_ACCOUNTS);
  return cookie().serialize({ n: device.n, a }, perRequestCookieOptions(request));
}
