import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { readLookupAnswer } from "~/components/desk-lookup";

import { createTestDatabase } from "../../support/database";
import { startWebServer } from "../../support/services";
import { webClient } from "../../support/staff-web";

// docs/decisions/167, through the real web process:
// - the hotline desk's JSON lookups (POST /hotline/callers, /hotline/matches) have a budget per staff account and
//   lookup (DESK_LOOKUP_RATE_PER_MINUTE, 4 here): past it a 429 with Retry-After in the API's error shape, in the
//   lookup's language, which the desk's panels read (readLookupAnswer); another account, and the other lookup, are
//   not touched; parallel lookups cannot slip past it;
// - a single-fetch load (`GET ….data`) the web layer refuses is answered as Remix reads a load — turbo-stream, a
//   redirect that reloads the address as a page — with the refusal's status, never the HTML page.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "budget-秘密-2026";
const BUDGET = 4;

beforeAll(async () => {
  db = await createTestDatabase("data_loads_budget");
  web = await startWebServer({ DATABASE_URL: db.url, DESK_LOOKUP_RATE_PER_MINUTE: String(BUDGET) });
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values
    ('budget-a@example.test', '坐席甲', 'hotline', ${hash}),
    ('budget-b@example.test', '坐席乙', 'hotline', ${hash}),
    ('budget-c@example.test', '坐席丙', 'hotline', ${hash})`;
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const client = () => webClient(web.url);
async function desk(email: string) {
  const cookie = await client().signIn(email, PASSWORD);
  const csrf = await client().csrfOf("/hotline", cookie);
  return {
    lookup: (path: "/hotline/callers" | "/hotline/matches", lng = "") =>
      client().post(`${path}${lng}`, { csrf, "contact.phone": "1391234", "need.kind": "factory" }, cookie, { accept: "application/json" }),
  };
}

describe("the desk lookups' budget", () => {
  it("past the account's budget: 429, Retry-After, the words in the lookup's language, read by the panel; others untouched", async () => {
    const a = await desk("budget-a@example.test");
    for (let i = 0; i < BUDGET; i++) expect((await a.lookup("/hotline/callers")).status).toBe(200);
    const refused = await a.lookup("/hotline/callers");
    expect(refused.status).toBe(429);
    const retryAfter = refused.headers.get("retry-after");
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    expect(refused.headers.get("cache-control")).toContain("no-store");
    const body = await refused.json();
    expect(body).toEqual({ errors: { _form: [`查询太频繁：每个账号每分钟最多查 ${BUDGET} 次。`] } });
    // The desk's panel reads it as a refusal with its words and when to ask again.
    expect(readLookupAnswer(body, retryAfter, { state: "unavailable" })).toEqual({
      state: "refused",
      message: `查询太频繁：每个账号每分钟最多查 ${BUDGET} 次。`,
      retryAfterSec: Number(retryAfter),
    });
    const en = await a.lookup("/hotline/callers", "?lng=en");
    expect(en.status).toBe(429);
    expect(await en.json()).toEqual({
      errors: { _form: [`Too many lookups: each account may look up at most ${BUDGET} times a minute.`] },
    });
    // The match dry run has its own budget; another account has its own.
    expect((await a.lookup("/hotline/matches")).status).toBe(200);
    const b = await desk("budget-b@example.test");
    expect((await b.lookup("/hotline/callers")).status).toBe(200);
  });

  it("lookups sent at once cannot all pass: exactly the budget is answered, the rest 429", async () => {
    const c = await desk("budget-c@example.test");
    const statuses = (await Promise.all(Array.from({ length: BUDGET * 3 }, () => c.lookup("/hotline/matches")))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(BUDGET);
    expect(statuses.filter((s) => s === 429)).toHaveLength(BUDGET * 2);
  });

  it("a signed-out lookup is refused as before (401) and spends nothing", async () => {
    const res = await client().post("/hotline/callers", { csrf: "x" }, undefined, { accept: "application/json" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ state: "signedOut" });
  });
});

/** A single-fetch answer decoded as Remix's client decodes it (its SingleFetchRedirect plugin). */
async function decodeLoad(res: Response): Promise<unknown> {
  const decoded = await decode(res.body!, {
    plugins: [(type: string, ...rest: unknown[]) => (type === "SingleFetchRedirect" ? { value: { redirect: rest[0] } } : false)],
  });
  await decoded.done;
  return decoded.value;
}

describe("a single-fetch load the web layer refuses", () => {
  it.each([
    ["/admin/leads.data?q=%00&status=open", "/admin/leads?q=%00&status=open"],
    ["/admin/leads.data?_routes=routes%2Fadmin.leads._index&q=a%00b&lng=en", "/admin/leads?q=a%00b&lng=en"],
    ["/_root.data?x=%FF", "/?x=%FF"],
    ["/queue.data?q=%ED%A0%80", "/queue?q=%ED%A0%80"], // a lone surrogate, as bytes
    ["//evil.example.data?q=%00", "/"], // never another site
  ])("GET %s: 400 as Remix reads it, a redirect reloading %s as a page — which is the refusal page", async (path, page) => {
    const res = await client().get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/x-script/);
    expect(res.headers.get("x-remix-response")).toBe("yes");
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(await decodeLoad(res)).toEqual({ redirect: { redirect: page, status: 302, revalidate: false, reload: true, replace: false } });
    if (page === "/") return;
    // The browser then asks for the page as a document: the gate's refusal page, in the address's language.
    const doc = await client().get(page);
    expect(doc.status).toBe(400);
    expect(doc.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await doc.text();
    expect(html).toContain(page.includes("lng=en") ? "The address is not encoded correctly" : "网址编码不正确");
    // Its way back: the page without the refused query (in its language), not the same refused address.
    const back = /<a href="([^"]*)"/.exec(html)?.[1];
    expect(back).toBe(`${page.split("?")[0]}${page.includes("lng=en") ? "?lng=en" : ""}`);
  });

  it("HEAD of such a load: the status and type, no body", async () => {
    const res = await fetch(`${web.url}/admin/leads.data?q=%00`, { method: "HEAD" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/x-script/);
  });

  it("a load the gate lets through is Remix's own answer, as before", async () => {
    const res = await client().get("/privacy.data");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/x-script/);
  });
});
