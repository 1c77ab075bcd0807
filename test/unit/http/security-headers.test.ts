import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { describe, expect, it } from "vitest";

import { contentSecurityPolicy, securityHeaders } from "~/http/security-headers.server";

// The CSP nonce comes from a pool of random bytes filled once per 256 responses (docs/benchmarks.md,
// Intake, 2026-12-01 evening): every response must still get 16 bytes no other response got.
function answer(middleware: ReturnType<typeof securityHeaders>): { csp: string; nonce: string } {
  const headers = new Map<string, string>();
  const res = { locals: {} as Record<string, unknown>, setHeader: (k: string, v: string) => headers.set(k, v) };
  const next = (() => {}) as NextFunction;
  middleware({ protocol: "http" } as ExpressRequest, res as unknown as ExpressResponse, next);
  return { csp: headers.get("Content-Security-Policy")!, nonce: String(res.locals.cspNonce) };
}

describe("security headers", () => {
  it("gives each response a nonce of 16 bytes no other response had, across refills of the pool", () => {
    const middleware = securityHeaders({ appUrl: "http://localhost:3000" });
    const nonces = Array.from({ length: 1_000 }, () => answer(middleware));
    expect(new Set(nonces.map((n) => n.nonce)).size).toBe(1_000);
    for (const { csp, nonce } of nonces) {
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      expect(csp).toBe(contentSecurityPolicy(nonce));
    }
  });

  it("writes the policy as before, with the nonce in script-src", () => {
    expect(contentSecurityPolicy("abc")).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    );
  });
});
