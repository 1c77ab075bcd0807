import { z } from "zod";

import { normalizeEmail } from "~/domain/email";
import type { Lng } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";

/** Longest email and password a sign-in takes (no account has a longer one: app/staff/password.server.ts). */
export const LOGIN_MAX = { email: 200, password: 200 } as const;

/**
 * The staff sign-in form (`/login`), used by the action (`parseWithZod`) and the browser (`onValidate`):
 * `email` trimmed and lower-cased, `password` as typed, `next` the page to go on to (checked again by
 * `safeRedirectPath` on the server). An empty field is an error beside it ("enter your email and
 * password"); a wrong pair is one form-level message that never says which of the two was wrong.
 */
export function createLoginSchema(lng: Lng) {
  const missing = staffText(lng, "login.missing");
  return z.object({
    email: z
      .string({ error: missing })
      .overwrite(normalizeEmail) // the address as the account was created (full-width, 。, invisible edges)
      .min(1, missing)
      .max(LOGIN_MAX.email, staffText(lng, "login.wrong"))
      .transform((s) => s.toLowerCase()),
    password: z.string({ error: missing }).min(1, missing),
    next: z.string().optional(),
  });
}
