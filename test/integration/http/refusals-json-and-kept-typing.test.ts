import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../../fixtures/inventory";
import { createTestDatabase } from "../../support/database";
import { validLeadForm, validLeadJson } from "../../support/leads";
import { refusalAlert, resendFields } from "../../support/refusal-page";
import { startWebServer } from "../../support/services";
import { webClient } from "../../support/staff-web";

// Attack 35 (ADR 156): (1) the JSON addresses — the API, the desk's live lookups, /healthz — answered bad
// input (a NUL or a broken escape in the address or the body, a wrong method or content type, a body too
// large) with the HTML refusal page or the framework's `{"message":"Unexpected Server Error"}`: each gets
// the API's error shape, in the request's language, with a 4xx. (2) A page's form refused as a whole (bytes
// that are no UTF-8, too large, too many fields) lost the typing: it comes back, with a button to send it
// again. (3) The form and the API had a rate budget each: one address gets one budget.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let limited: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "refusals-三五-2026";
const LIMIT = 4;
let deskCookie = "";
let deskCsrf = "";
let adminCookie = "";
let adminCsrf = "";

beforeAll(async () => {
  db = await createTestDatabase("http_refusals35");
  [web, limited] = await Promise.all([
    startWebServer({ DATABASE_URL: db.url, API_RATE_LIMIT_PER_MINUTE: "100000" }),
    startWebServer({ DATABASE_URL: db.url, API_RATE_LIMIT_PER_MINUTE: String(LIMIT) }),
  ]);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values
    ('desk35@example.test', '热线三五', 'hotline', ${await hashPassword(PASSWORD)}),
    ('admin35@example.test', '管理三五', 'admin', ${await hashPassword(PASSWORD)})`;
  const client = webClient(web.url);
  deskCookie = await client.signIn("desk35@example.test", PASSWORD);
  deskCsrf = await client.csrfOf("/hotline", deskCookie);
  adminCookie = await client.signIn("admin35@example.test", PASSWORD);
  adminCsrf = await client.csrfOf("/admin/spaces/S2", adminCookie);
});
afterAll(async () => {
  await Promise.all([web?.stop(), limited?.stop()]);
  await db?.drop();
});

const FORM = "application/x-www-form-urlencoded";
const send = (path: string, init: { method?: string; type?: string; body?: string | Buffer; cookie?: string; base?: string } = {}) =>
  fetch(`${init.base ?? web.url}${path}`, {
    method: init.method ?? "POST",
    redirect: "manual",
    headers: {
      ...(init.type === undefined ? { "content-type": FORM } : init.type ? { "content-type": init.type } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    body: init.body as BodyInit | undefined, // a Buffer is a Uint8Array; TypeScript's DOM types lag
  });
const HAN = /\p{Script=Han}/u;
const leadCount = async () => Number((await db.sql<{ n: string }[]>`select count(*) as n from leads`)[0].n);

/** A JSON refusal: a 4xx, JSON, `{errors: {<field>: [message, …]}}`, the message in `lng`. */
async function expectJsonRefusal(res: Response, lng: "zh" | "en", what: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${what}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get("content-type"), `${what}: ${text.slice(0, 200)}`).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { errors?: Record<string, unknown> };
  const messages = Object.values(body.errors ?? {}).flat();
  expect(messages.length, what).toBeGreaterThan(0);
  for (const m of messages) {
    expect(typeof m, what).toBe("string");
    if (lng === "zh") expect(m, what).toMatch(HAN);
    else expect(m, what).not.toMatch(HAN);
  }
  expect(text, what).not.toContain("Unexpected Server Error");
}

describe("JSON addresses answer bad input with the JSON error shape, in the request's language, and a 4xx", () => {
  const DESK = ["/hotline/callers", "/hotline/matches"];
  /** Bad requests to a desk lookup, signed in, each with what it is. */
  const deskCases = (path: string, lng: "zh" | "en"): [string, string, Parameters<typeof send>[1]][] => {
    const q = lng === "en" ? "?lng=en" : "";
    const amp = lng === "en" ? "&lng=en" : "";
    const ok = `csrf=${deskCsrf}&contact.phone=139`;
    return [
      ["NUL in the query", `${path}?q=%00${amp}`, { body: ok }],
      ["NUL in a query name", `${path}?%00=1${amp}`, { body: ok }],
      ["%C3%28 in the query", `${path}?q=%C3%28${amp}`, { body: ok }],
      ["%FF in the query", `${path}?q=%FF${amp}`, { body: ok }],
      ["NUL in the body", `${path}${q}`, { body: `${ok}&company.name=a%00b` }],
      ["a lone surrogate in the body", `${path}${q}`, { body: `${ok}&company.name=%ED%A0%80` }],
      ["%C3%28 in the body", `${path}${q}`, { body: `${ok}&company.name=%C3%28` }],
      [
        "a raw byte that is no UTF-8 in the body",
        `${path}${q}`,
        { body: Buffer.concat([Buffer.from(`${ok}&company.name=`), Buffer.from([0xff, 0xfe])]) },
      ],
      ["a broken escape", `${path}${q}`, { body: `${ok}&company.name=%E4%B8` }],
      ["GET", `${path}${q}`, { method: "GET", body: undefined }],
      ["PUT", `${path}${q}`, { method: "PUT" }],
      ["DELETE", `${path}${q}`, { method: "DELETE" }],
      ["JSON content type", `${path}${q}`, { type: "application/json", body: "{}" }],
      ["malformed JSON", `${path}${q}`, { type: "application/json", body: '{"contact":' }],
      ["text/plain", `${path}${q}`, { type: "text/plain", body: ok }],
      ["a body over the form limit", `${path}${q}`, { body: `${ok}&company.name=${"x".repeat(200_000)}` }],
      ["too many fields", `${path}${q}`, { body: `${ok}&${Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join("&")}` }],
      ["an address over 16 KB", `${path}?q=${"x".repeat(20_000)}${amp}`, { body: ok }],
      ["upper case, NUL", `${path.toUpperCase()}?q=%00${amp}`, { body: ok }],
      ["a trailing slash, NUL", `${path}/?q=%00${amp}`, { body: ok }],
    ];
  };
  for (const lng of ["zh", "en"] as const)
    for (const path of DESK)
      it(`${path} (${lng}): NUL, broken UTF-8, wrong methods and types, too large, too many, too long`, async () => {
        for (const [what, url, init] of deskCases(path, lng))
          await expectJsonRefusal(await send(url, { cookie: deskCookie, ...init }), lng, `${url.slice(0, 60)} ${what}`);
        // Signed out too: the refusal comes before the session is looked at.
        await expectJsonRefusal(
          await send(`${path}?q=%00${lng === "en" ? "&lng=en" : ""}`, { body: "a=1" }),
          lng,
          `${path} signed out, NUL`,
        );
      });

  it("a desk lookup opened in the browser (asking for a page) gets the page; asked for anything else, JSON", async () => {
    for (const path of DESK) {
      const page = await fetch(`${web.url}${path}?q=%00`, { headers: { cookie: deskCookie, accept: "text/html,*/*;q=0.8" } });
      expect(page.status).toBe(400);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      await expectJsonRefusal(
        await fetch(`${web.url}${path}?q=%00`, { headers: { cookie: deskCookie, accept: "*/*" } }),
        "zh",
        `${path} */*`,
      );
      await expectJsonRefusal(
        await fetch(`${web.url}${path}?q=%00`, { headers: { cookie: deskCookie, accept: "application/json" } }),
        "zh",
        path,
      );
    }
  });

  it("a desk lookup that is fine still answers its own JSON (no refusal shape)", async () => {
    const res = await send("/hotline/callers", { cookie: deskCookie, body: `csrf=${deskCsrf}&contact.phone=139&contact.phone=138` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: expect.any(String) });
  });

  it("/api/* and /healthz: posts to routes that only read, and every bad address, in the API's shape", async () => {
    const token = { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` };
    for (const lng of ["zh", "en"] as const) {
      const q = lng === "en" ? "?lng=en" : "";
      const amp = lng === "en" ? "&lng=en" : "";
      for (const path of ["/api/regions", "/api/leads/00000000-0000-0000-0000-000000000000", "/healthz", "/api/leads/abc"]) {
        for (const body of ["{}", '{"a":', "[]"]) {
          const res = await fetch(`${web.url}${path}${q}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...token },
            body,
          });
          await expectJsonRefusal(res, lng, `POST ${path} ${body}`);
        }
        for (const suffix of ["?q=%00", "?q=%FF", "?parent=%C3%28", "?%E4%B8=1"])
          await expectJsonRefusal(await fetch(`${web.url}${path}${suffix}${amp}`, { headers: token }), lng, `GET ${path}${suffix}`);
        for (const method of ["PUT", "DELETE", "PATCH"])
          await expectJsonRefusal(await fetch(`${web.url}${path}${q}`, { method, headers: token }), lng, `${method} ${path}`);
      }
      // POST to a loader-only route says which methods it takes.
      const res = await fetch(`${web.url}/api/regions${q}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
      await expectJsonRefusal(res, lng, "POST /api/regions");
      await expectJsonRefusal(await fetch(`${web.url}/healthz?x=${"y".repeat(20_000)}${amp}`), lng, "/healthz over 16 KB");
      // The JSON intake: malformed, too large, NUL, form-typed.
      for (const [type, body] of [
        ["application/json", '{"need":'],
        ["application/json", JSON.stringify({ ...validLeadJson(), need: { notes: "x".repeat(70_000) } })],
        ["application/json", JSON.stringify({ ...validLeadJson(), company: { name: "a\u0000b" } })],
        [FORM, new URLSearchParams(validLeadForm()).toString()],
      ])
        await expectJsonRefusal(
          await fetch(`${web.url}/api/leads${q}`, { method: "POST", headers: { "content-type": type }, body }),
          lng,
          `/api/leads ${type} ${body.slice(0, 30)}`,
        );
    }
  });
});

describe("a page's form refused as a whole comes back with the typing, said in the person's language", () => {
  const typed = { "company.name": "南京三五回填有限公司", "contact.name": "周工", "need.notes": "需要单层厂房，层高8米" };
  const formBody = (extra: Record<string, string> = {}) => new URLSearchParams(validLeadForm({ ...typed, ...extra })).toString();

  /** A refusal page that keeps the typing: its status, its message, the typing listed and in the button's fields. */
  async function expectKept(res: Response, status: number, message: RegExp, what: string): Promise<[string, string][]> {
    const page = await res.text();
    expect(res.status, what).toBe(status);
    expect(res.headers.get("content-type"), what).toMatch(/^text\/html/);
    expect(refusalAlert(page), what).toMatch(message);
    const fields = resendFields(page);
    const named = Object.fromEntries(fields);
    // What decoded of a broken escape stays (`%C3%28` is a broken lead byte, then "(").
    expect(named["company.name"], what).toMatch(new RegExp(`^${typed["company.name"]}\\(?$`));
    expect(named["contact.name"], what).toBe(typed["contact.name"]);
    expect(page, what).toContain("南京三五回填有限公司"); // listed for the person to read, not only hidden
    expect(page, what).toMatch(/<button type="submit">(再次提交|Send again)<\/button>/);
    return fields;
  }

  it("bytes that are no UTF-8 (raw or escaped) in a field: 400, the typing back without them, named by the field's label; sent again → stored", async () => {
    const before = await leadCount();
    const cases: [string, string | Buffer, RegExp][] = [
      [
        "%C3%28 in the company",
        formBody().replace(encodeURIComponent(typed["company.name"]), `${encodeURIComponent(typed["company.name"])}%C3%28`),
        /^“公司名称” 含有无法识别的字符/,
      ],
      [
        "%FF in the notes",
        `${formBody()}`.replace("need.notes=", "need.notes=%FF"),
        /^“(需求说明|备注)[^”]*” 含有无法识别的字符|^“[^”]+” 含有无法识别的字符/,
      ],
      ["a cut escape at the end", `${formBody()}&extra=%E4%B8`, /^提交的内容含有无法识别的字符/],
      [
        "raw bytes that are no UTF-8",
        Buffer.concat([Buffer.from(`${formBody()}&contact.email=`), Buffer.from([0xc3, 0x28, 0xff])]),
        /含有无法识别的字符/,
      ],
      ["an escape that is no escape", `${formBody()}&x=%ZZ`, /无法识别的字符/],
    ];
    for (const [what, body, message] of cases) {
      const fields = await expectKept(await send("/?index", { body }), 400, message, what);
      expect(fields.flat().join(""), what).not.toMatch(/\ufffd|\u0000/);
      expect(await leadCount(), what).toBe(before);
    }
    // Sent again as the page's button sends it: the lead is stored.
    const fields = await expectKept(await send("/?index", { body: cases[0][1] }), 400, cases[0][2], "again");
    const again = await send("/?index", { body: new URLSearchParams(fields).toString() });
    expect(again.status).toBe(303);
    expect(await leadCount()).toBe(before + 1);
    // English.
    await expectKept(
      await send("/?index&lng=en", { body: cases[0][1] }),
      400,
      /^“Company name” contains characters that could not be read/,
      "en",
    );
  });

  it("a body over 128 KB: 413, the typing back with the long text cut, and sending it again gets the field's own message", async () => {
    const before = await leadCount();
    for (const [what, notes] of [
      ["150 KB of notes", "很长的说明".repeat(3_500)],
      ["1 MB of notes", "x".repeat(1024 * 1024)],
    ] as const) {
      const fields = await expectKept(
        await send("/?index", { body: formBody({ "need.notes": notes }) }),
        413,
        /^提交的内容超过 128 KB 上限.*前 4000 个字/,
        what,
      );
      const kept = Object.fromEntries(fields)["need.notes"];
      expect(kept, what).toBe(Array.from(notes).slice(0, 4000).join(""));
      // The button's post passes the gate; the form answers it with the notes' own limit, all typed kept.
      const again = await send("/?index", { body: new URLSearchParams(fields).toString() });
      expect(again.status, what).toBe(400);
      const page = await again.text();
      expect(page, what).toContain(typed["company.name"]);
      expect(page, what).toMatch(/2000/);
    }
    // The fields after a long one are kept too (read on past the limit).
    const tail = `${new URLSearchParams({ "need.notes": "长".repeat(60_000) })}&${formBody()}`;
    await expectKept(await send("/?index", { body: tail }), 413, /上限/, "fields after the long one");
    await expectKept(await send("/?index&lng=en", { body: tail }), 413, /^The form is larger than 128 KB/, "en");
    expect(await leadCount()).toBe(before);
  });

  it("too many fields: 413, the typing back with repeats kept once", async () => {
    for (const [what, extra] of [
      ["one name repeated", Array.from({ length: 3000 }, () => "need.regions=%E6%B1%9F%E5%AE%81").join("&")],
      ["many names after the form's", Array.from({ length: 1200 }, (_, i) => `x${i}=${i}`).join("&")],
    ]) {
      // The first 1000 fields are kept (which ones a crafted post meant cannot be told): here the form's own
      // first, or after one name sent 3000 times (kept once).
      const body = what === "one name repeated" ? `${extra}&${formBody()}` : `${formBody()}&${extra}`;
      const fields = await expectKept(await send("/?index", { body }), 413, /^表单的字段过多（上限 1000 个），未提交/, what);
      expect(fields.length, what).toBeLessThanOrEqual(1000);
      expect(fields.filter(([n]) => n === "need.regions").length, what).toBeLessThanOrEqual(1);
    }
  });

  it("the hotline desk's form and the admin's inventory edit: a page in the person's language with a 4xx, the typing kept", async () => {
    for (const lng of ["zh", "en"] as const) {
      const q = lng === "en" ? "?lng=en" : "";
      const desk = await send(`/hotline${q}`, {
        cookie: deskCookie,
        body: `csrf=${deskCsrf}&intent=save&company.name=${encodeURIComponent(typed["company.name"])}%FF&contact.name=${encodeURIComponent(typed["contact.name"])}`,
      });
      const deskPage = await desk.text();
      expect(desk.status).toBe(400);
      expect(refusalAlert(deskPage)).toMatch(lng === "zh" ? /^“公司名称” 含有无法识别的字符/ : /^“Company name” contains characters/);
      expect(Object.fromEntries(resendFields(deskPage))).toMatchObject({ "company.name": typed["company.name"], csrf: deskCsrf });
      const big = await send(`/hotline${q}`, {
        cookie: deskCookie,
        body: `csrf=${deskCsrf}&company.name=${encodeURIComponent(typed["company.name"])}&need.notes=${"x".repeat(200_000)}`,
      });
      expect(big.status).toBe(413);
      const bigPage = await big.text();
      expect(refusalAlert(bigPage)).toMatch(lng === "zh" ? /上限/ : /larger than/);
      expect(bigPage).toContain(typed["company.name"]);

      const edit = await send(`/admin/spaces/S2${q}`, {
        cookie: adminCookie,
        body: `csrf=${adminCsrf}&title=${encodeURIComponent("三五号厂房")}&${Array.from({ length: 1100 }, (_, i) => `f${i}=1`).join("&")}`,
      });
      const editPage = await edit.text();
      expect(edit.status).toBe(413);
      expect(refusalAlert(editPage)).toMatch(lng === "zh" ? /^表单的字段过多/ : /^The form has too many fields/);
      expect(editPage).toContain("三五号厂房");
      const bad = await send(`/admin/spaces/S2${q}`, {
        cookie: adminCookie,
        body: `csrf=${adminCsrf}&title=${encodeURIComponent("三五号厂房")}%FF`,
      });
      expect(bad.status).toBe(400);
      const badPage = await bad.text();
      expect(badPage).toMatch(/<html lang="(zh-CN|en)"/);
      expect(badPage).toContain(`lang="${lng === "en" ? "en" : "zh-CN"}"`);
      expect(Object.fromEntries(resendFields(badPage))).toMatchObject({ title: "三五号厂房" });
    }
  });
});

describe("one rate budget per address for the form and the API together (ADR 156)", () => {
  it(`${LIMIT} leads a minute from one address, however they come: the next on either path → 429, the form keeping the typing`, async () => {
    const api = () =>
      fetch(`${limited.url}/api/leads`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(validLeadJson({ company: `南京限额${Math.random()}有限公司` })),
      });
    const form = (lng = "") =>
      send(`/?index${lng}`, {
        base: limited.url,
        body: new URLSearchParams(validLeadForm({ "company.name": "南京限额表单有限公司" })).toString(),
      });
    for (let i = 0; i < LIMIT / 2; i++) expect((await api()).status).toBe(201);
    for (let i = 0; i < LIMIT / 2; i++) expect((await form()).status).toBe(303);
    const refusedForm = await form();
    expect(refusedForm.status).toBe(429);
    expect(Number(refusedForm.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refusedForm.text()).toContain("南京限额表单有限公司");
    const refusedApi = await api();
    expect(refusedApi.status).toBe(429);
    await expectJsonRefusal(refusedApi, "zh", "429");
  });
});
