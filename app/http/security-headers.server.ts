import { randomBytes } from "node:crypto";

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
    const nonce = randomBytes(16).toString("base64");
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
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}
