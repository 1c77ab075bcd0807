import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { createTestDatabase } from "../../support/database";
import { validLeadForm } from "../../support/leads";
import { startWebServer } from "../../support/services";

// Defect 5 of issue 13: behind a reverse proxy that sends its upstream address as Host (nginx's
// default) with the public Origin, forms work; TRUST_PROXY decides whether X-Forwarded-Host/-Proto/
// -For count (ADR 021). Two web processes on one database: the default (a proxy on loopback is
// trusted) and TRUST_PROXY=false. Both know their public address from APP_URL.
const PUBLIC = "https://park.example.test";
const ADMIN = { email: "boss@example.test", password: "proxy-admin-2026-long" }; // people sign in at /login (ADR 025)
const adminSignIn = `email=${encodeURIComponent(ADMIN.email)}&password=${encodeURIComponent(ADMIN.password)}`;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let trusted: Awaited<ReturnType<typeof startWebServer>>;
let untrusted: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("http_proxy");
  await db.sql`insert into users (email, name, role, password_hash) values (${ADMIN.email}, '管理员', 'admin', ${await hashPassword(ADMIN.password)})`;
  const env = { DATABASE_URL: db.url, APP_URL: PUBLIC, API_RATE_LIMIT_PER_MINUTE: "100000" };
  [trusted, untrusted] = await Promise.all([
    startWebServer({ ...env, TRUST_PROXY: "loopback" }),
    startWebServer({ ...env, TRUST_PROXY: "false" }),
  ]);
});
afterAll(async () => {
  await Promise.all([trusted?.stop(), untrusted?.stop()]);
  await db?.drop();
});

const form = () => new URLSearchParams(validLeadForm({ "company.name": "南京代理测试有限公司", submissionKey: crypto.randomUUID() }));

/** A request as a proxy passes it on: Host is the upstream address, the rest as given. */
function viaProxy(web: { url: string }, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const upstream = new URL(web.url).host; // what nginx sends as Host by default ($proxy_host)
  return fetch(`${web.url}${path}`, {
    method: init.method ?? "POST",
    redirect: "manual",
    headers: { host: upstream, "content-type": "application/x-www-form-urlencoded", ...init.headers },
    body: init.body ?? (init.method === "GET" ? undefined : form().toString()),
  });
}

describe("nginx's default: Host is the upstream, Origin the public address, no forwarded headers", () => {
  for (const which of ["trusted", "untrusted"] as const) {
    it(`${which}: the form and /login (wrong and right) answer as they would directly (303 / 400), never 500`, async () => {
      const web = which === "trusted" ? trusted : untrusted;
      const lead = await viaProxy(web, "/?index", { headers: { origin: PUBLIC } });
      expect(lead.status).toBe(303);
      expect(lead.headers.get("location")).toMatch(/^\/inquiry\/PM-/);
      const login = await viaProxy(web, "/login", { headers: { origin: PUBLIC }, body: "email=nobody%40example.test&password=x" });
      expect(login.status).toBe(400);
      const admin = await viaProxy(web, "/login", { headers: { origin: PUBLIC }, body: adminSignIn });
      expect(admin.status).toBe(303);
    });
  }

  it("a foreign Origin is still refused (403) by both", async () => {
    for (const web of [trusted, untrusted])
      expect((await viaProxy(web, "/?index", { headers: { origin: "https://evil.example" } })).status).toBe(403);
  });
});

describe("a proxy that sends X-Forwarded-Host/-Proto (a second public name)", () => {
  const headers = { origin: "https://parks.other.test", "x-forwarded-host": "parks.other.test", "x-forwarded-proto": "https" };

  it("trusted: the forwarded host is the public origin — the form posts (303)", async () => {
    expect((await viaProxy(trusted, "/?index", { headers })).status).toBe(303);
  });

  it("not trusted (TRUST_PROXY=false): forwarded headers do not count, so that Origin is foreign → 403", async () => {
    expect((await viaProxy(untrusted, "/?index", { headers })).status).toBe(403);
  });

  it("a forged X-Forwarded-Host matching a foreign Origin does not pass an untrusted server", async () => {
    const forged = { origin: "https://evil.example", "x-forwarded-host": "evil.example" };
    expect((await viaProxy(untrusted, "/?index", { headers: forged })).status).toBe(403);
  });

  it("trusted X-Forwarded-Proto https: pages get HSTS and sign-in cookies are Secure; untrusted ones are not fooled", async () => {
    const page = await viaProxy(trusted, "/login", { headers: { ...headers }, body: adminSignIn });
    expect(page.status).toBe(303);
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(page.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    const plain = await viaProxy(untrusted, "/login", {
      headers: { origin: PUBLIC, "x-forwarded-proto": "https" },
      body: adminSignIn,
    });
    // APP_URL is https, so the browser's origin is: the cookie is Secure because the public origin is, not because of the header.
    expect(plain.status).toBe(303);
    expect(plain.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });
});

describe("X-Forwarded-For counts only from a trusted proxy", () => {
  it("/metrics (loopback only): an outside client behind the trusted proxy is refused; the untrusted server ignores the header", async () => {
    const get = (web: { url: string }) => fetch(`${web.url}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect((await get(trusted)).status).toBe(401);
    expect((await get(untrusted)).status).toBe(200);
  });
});

describe("without any proxy headers, directly", () => {
  it("a same-origin post and a post without Origin (a script) work on both", async () => {
    for (const web of [trusted, untrusted]) {
      const direct = await fetch(`${web.url}/?index`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: web.url },
        body: form(),
      });
      expect(direct.status).toBe(303);
      const script = await fetch(`${web.url}/?index`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form(),
      });
      expect(script.status).toBe(303);
    }
  });
});
