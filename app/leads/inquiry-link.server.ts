import { createHmac, timingSafeEqual } from "node:crypto";

import { cookieSecrets } from "~/auth/cookie-secrets.server";
import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";

// References are counted (PM-<day>-<n>, gapless per China day; the contract's confirmation address
// /inquiry/<reference> keeps them): anyone can guess the next one. What the page shows beyond "received"
// — the need's summary, a repeat's first reference — is for the person who sent the lead, so it needs the
// link the form's answer sends them to: /inquiry/<reference>?k=<key>, the key an HMAC of the reference
// under the cookie-signing secrets (no stored column; rotating SESSION_SECRET keeps old keys working
// while the old secret is listed). ADR 102.

const KEY_CHARS = 22; // 132 bits of base64url

function keyWith(secret: string, reference: string): string {
  return createHmac("sha256", secret).update(`inquiry:${reference}`).digest("base64url").slice(0, KEY_CHARS);
}

/** The key of a reference's confirmation link (22 base64url characters), under the newest secret. */
export function inquiryKey(reference: string): string {
  return keyWith(cookieSecrets()[0], reference);
}

/** True when `key` is the reference's key under any listed secret (compared in constant time). */
export function inquiryKeyOk(reference: string, key: string | null): boolean {
  if (!key || key.length !== KEY_CHARS) return false;
  const given = Buffer.from(key);
  return cookieSecrets().some((secret) => {
    const want = Buffer.from(keyWith(secret, reference));
    return want.length === given.length && timingSafeEqual(want, given);
  });
}

/** The confirmation's address for the person who sent the lead: `/inquiry/<reference>?k=<key>` (and `&lng=en`). */
export function inquiryHref(reference: string, lng: Lng): string {
  return lngHref(`/inquiry/${reference}?k=${inquiryKey(reference)}`, lng);
}
