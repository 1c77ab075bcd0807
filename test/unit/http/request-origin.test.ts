import type { Request as ExpressRequest } from "express";
import { describe, expect, it } from "vitest";

import { requestOrigin } from "../../../app/http/request-gate.server";

// requestOrigin remembers each address's origin: asked again, or after many other hosts, it answers
// what parsing the address answers.
const APP = "https://park.example.test";

function req(protocol: string, host: string | undefined, forwarded?: string): ExpressRequest {
  const headers: Record<string, string> = {};
  if (host !== undefined) headers.host = host;
  if (forwarded !== undefined) headers["x-forwarded-host"] = forwarded;
  return {
    protocol,
    headers,
    socket: { remoteAddress: "127.0.0.1" },
    app: { get: () => (addr: string) => addr === "127.0.0.1" },
  } as unknown as ExpressRequest;
}

function parsed(protocol: string, host: string): string | null {
  try {
    const url = new URL(`${protocol}://${host}`);
    return url.host === host.toLowerCase() ? url.origin : null;
  } catch {
    return null;
  }
}

describe("requestOrigin", () => {
  const cases: [string, string, string | null][] = [
    ["http", "127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["https", "127.0.0.1:3000", "https://127.0.0.1:3000"],
    ["http", "Park.Example.TEST", "http://park.example.test"],
    ["https", "park.example.test:443", null],
    ["http", "park.example.test:80", null],
    ["http", "a b", null],
    ["http", "[::1]:8080", "http://[::1]:8080"],
    ["http", "evil.test/path", null],
    ["http", "evil.test@good.test", null],
  ];

  it.each(cases)("%s://%s → %s, the first time and again", (protocol, host, origin) => {
    expect(parsed(protocol, host)).toBe(origin);
    expect(requestOrigin(req(protocol, host), APP)).toBe(origin);
    expect(requestOrigin(req(protocol, host), APP)).toBe(origin);
  });

  it("the forwarded host when trusted; APP_URL's origin without a host", () => {
    expect(requestOrigin(req("https", "upstream:3000", "Park.Example.test, other"), APP)).toBe("https://park.example.test");
    expect(requestOrigin(req("http", undefined), APP)).toBe(APP);
  });

  it("answers as parsing does after more hosts than it remembers", () => {
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 600; i++) {
        const host = i % 3 === 0 ? `h${i}.test:${i}` : i % 3 === 1 ? `H${i}.Test` : `bad host ${i}`;
        expect(requestOrigin(req(i % 2 ? "http" : "https", host), APP)).toBe(parsed(i % 2 ? "http" : "https", host));
      }
  });
});
