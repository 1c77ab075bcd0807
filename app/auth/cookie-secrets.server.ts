import { createHmac } from "node:crypto";

import { getWebEnv } from "~/utils/env.server";

/**
 * The secrets that sign our cookies (the staff session `pm_staff`, the flash `pm_flash`), newest first:
 * SESSION_SECRET (comma-separated for rotation: the first signs, every one is still accepted), or —
 * when it is empty — one secret derived from ADMIN_API_TOKEN (an HMAC, so the token itself never signs
 * anything that leaves the process). Signing is defence in depth: the session's value is a random
 * 256-bit token whose hash must also be a live row in `staff_sessions` (ADR 025).
 */
export function cookieSecrets(): string[] {
  const env = getWebEnv();
  const listed = (env.SESSION_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (listed.length) return listed;
  return [createHmac("sha256", env.ADMIN_API_TOKEN).update("parkmatch cookie signing v1").digest("base64url")];
}

/** Cookie options that depend on the request: `Secure` only over https (as the web process sees it behind a trusted proxy). */
export function perRequestCookieOptions(request: Request): { secure: boolean } {
  return { secure: new URL(request.url).protocol === "https:" };
}
