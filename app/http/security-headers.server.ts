import { randomFillSync } from "node:crypto";

import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

/**
 * The browser-side protections every response carries (ADR 021). Scripts: our own files, plus the
 * few inline scripts Remix renders (the hydration context, route imports, scroll restoration, the
 * single-fetch stream), which carry this response's nonce (`res.locals.cspNonce`, passed to the
 * pages through the load context). No inline styles, no framing, no plugins, forms post only here.
 * HSTS when the public origin (APP_URL, or the request as the trusted proxy saw it) is https.
 */
export function securityHeaders({ appUrl }: { appUrl: string }) {
  const httpsApp = new URL(appUrl).protocol === "https:";
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const nonce = freshNonce();
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (httpsApp || req.protocol === "https") res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

/** The policy for one response; `nonce` is fresh per response (base64 of 16 random bytes). */
export function contentSecurityPolicy(nonce: string): string {
  return `${POLICY_HEAD}${nonce}${POLICY_TAIL}`;
}

// The policy around the nonce, joined once: "…; script-src 'self' 'nonce-" + nonce + "'; …".
const POLICY_HEAD = "default-src 'self'; script-src 'self' 'nonce-";
const POLICY_TAIL = [
  "'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

const NONCE_BYTES = 16;
// Random bytes for 256 nonces, filled by one call of the CSPRNG: a call per response (randomBytes(16))
// was ~1.5 % of the web's CPU under `POST /api/leads` (docs/benchmarks.md, Intake, 2026-12-01 evening).
// Each slice is used once, so every nonce is still 16 fresh random bytes.
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;

/** Base64 of 16 random bytes not used by any other nonce. */
function freshNonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString("base64", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}
