import express from "express";
import { describe, expect, it, vi } from "vitest";

import { rememberTrust, type TrustFn } from "~/http/trust-proxy.server";

// express's compiled `trust proxy` test, remembered per address and hop (app/server.ts): the same
// answers as the compiled test, one parse per address, and a bounded memory.
function compiled(value: unknown): TrustFn {
  const app = express();
  app.set("trust proxy", value);
  return app.get("trust proxy fn") as TrustFn;
}

describe("rememberTrust", () => {
  it("answers as express's compiled test does, for trusted and untrusted peers and hops", () => {
    for (const value of ["loopback", "10.0.0.0/8, ::1", 1, false, true]) {
      const trust = compiled(value);
      const remembered = rememberTrust(trust);
      for (const addr of ["127.0.0.1", "::ffff:127.0.0.1", "::1", "10.1.2.3", "192.0.2.7", "2001:db8::1", "not an address"])
        for (const i of [0, 1, 2]) {
          const expected = trust(addr, i);
          expect(remembered(addr, i), `${String(value)} ${addr} ${i}`).toBe(expected);
          expect(remembered(addr, i), `${String(value)} ${addr} ${i} (again)`).toBe(expected);
        }
    }
  });

  it("asks the compiled test once per address and hop, and keeps at most `max` answers", () => {
    const trust = vi.fn((addr: string | undefined) => addr === "127.0.0.1");
    const remembered = rememberTrust(trust, 2);
    for (let n = 0; n < 5; n++) remembered("127.0.0.1", 0);
    expect(trust).toHaveBeenCalledTimes(1);
    remembered("192.0.2.1", 0);
    remembered("192.0.2.2", 0); // the memory was full: it starts over
    remembered("127.0.0.1", 0);
    expect(trust).toHaveBeenCalledTimes(4);
  });
});
