import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../../support/database";
import { validLeadForm, validLeadJson } from "../../support/leads";
import { startWebServer } from "../../support/services";

// Defect 4 of issue 13: every malformed request gets a 4xx with a readable message in the client's
// language — refused by the request gate (app/http/request-gate.server.ts) before any route or the
// database sees it, never a 5xx.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("http_malformed");
  web = await startWebServer({ DATABASE_URL: db.url, API_RATE_LIMIT_PER_MINUTE: "100000" });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const leadCount = async () => Number((await db.sql<{ n: string }[]>`select count(*) as n from leads`)[0].n);
const postJson = (text: string, path = "/api/leads", headers: Record<string, string> = {}) =>
  fetch(`${web.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
const postForm = (body: string, headers: Record<string, string> = {}, path = "/?index") =>
  fetch(`${web.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
const formOf = (extra: Record<string, string> = {}) =>
  new URLSearchParams(validLeadForm({ "company.name": "南京畸形请求测试有限公司", ...extra })).toString();
/** JSON text of a valid lead with `raw` spliced in as the value of `at` (written by hand: JSON.stringify would escape it correctly). */
const leadWith = (key: string, rawJsonString: string) => JSON.stringify(validLeadJson()).replace(/^\{/, `{"${key}":"${rawJsonString}",`);

describe("unstorable characters (NUL, lone surrogates) are refused before the database, in any string", () => {
  const cases: [string, string][] = [
    ["NUL escaped, in an unknown key's value", leadWith("extra", "a\\u0000b")],
    ["NUL escaped, in an unknown key's name", JSON.stringify(validLeadJson()).replace(/^\{/, '{"x\\u0000y":1,')],
    ["lone high surrogate escaped", leadWith("extra", "\\ud800")],
    ["lone low surrogate escaped", leadWith("extra", "x\\udfffy")],
    ["NUL in a known field", JSON.stringify({ ...validLeadJson(), company: { name: "南京\u0000公司" } })],
    ["lone surrogate in a known field, raw", JSON.stringify({ ...validLeadJson(), contact: { name: "王\ud83d", phone: "13812345678" } })],
    ["NUL deep in an array", JSON.stringify({ ...validLeadJson(), need: { ...validLeadJson().need, regions: ["高淳区", "\u0000"] } })],
  ];
  for (const [what, body] of cases) {
    it(`POST /api/leads: ${what} → 400 naming the field`, async () => {
      const before = await leadCount();
      const res = await postJson(body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { errors: Record<string, string[]> };
      expect(Object.values(json.errors).flat().join(" ")).toMatch(/无法保存的字符/);
      expect(await leadCount()).toBe(before);
    });
  }

  it("the message names a known field by the label the person sees, never by its internal key", async () => {
    const nul = JSON.stringify({ ...validLeadJson(), company: { ...validLeadJson().company, name: "南京\u0000公司" } });
    const zh = (await (await postJson(nul)).json()) as { errors: Record<string, string[]> };
    expect(zh.errors["company.name"]).toEqual([expect.stringMatching(/^“公司名称” 含有无法保存的字符/)]);
    const en = (await (await postJson(nul, "/api/leads?lng=en")).json()) as { errors: Record<string, string[]> };
    expect(en.errors["company.name"]).toEqual([expect.stringMatching(/^“Company name” contains characters that cannot be stored/)]);
    // A list entry: the list's label; an unknown key: a message that names no field.
    const deep = JSON.stringify({ ...validLeadJson(), need: { ...validLeadJson().need, regions: ["高淳区", "\u0000"] } });
    expect(Object.values(((await (await postJson(deep)).json()) as { errors: Record<string, string[]> }).errors).flat()[0]).toMatch(
      /^“[^”.]+” 含有/,
    );
    const unknown = (await (await postJson(leadWith("extra", "a\\u0000b"))).json()) as { errors: Record<string, string[]> };
    expect(Object.values(unknown.errors).flat()[0]).toMatch(/^提交的内容含有无法保存的字符/);
    const form = await postForm(formOf({ "company.name": "南京\u0000公司" }));
    const alert = /<p role="alert">([^<]*)<\/p>/.exec(await form.text())?.[1] ?? "";
    expect(alert).toContain("“公司名称” 含有无法保存的字符");
    expect(alert).not.toContain("company.name");
  });

  // Attack 12-05g L3: a pasted NUL lost the whole form — the page linked back to an empty one. The typing comes back, the
  // characters taken out, with a button that sends it again.
  it("the form with NUL characters: what was typed comes back without them, and sending it again stores the lead", async () => {
    const before = await leadCount();
    const body = formOf({ "company.name": "南京\u0000回填测试有限公司", "contact.name": "陈\u0000工", "need.notes": "要3000平\u0000厂房" });
    const res = await postForm(body);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("“公司名称” 含有无法保存的字符");
    expect(page).toContain("这些字符已去掉");
    expect(page).toContain("南京回填测试有限公司");
    expect(page).toContain("要3000平厂房");
    expect(page).not.toContain("\u0000");
    expect(await leadCount()).toBe(before);
    // The page's own button: its hidden fields posted back to the form's address.
    const fields = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, n, v]) => [
      n,
      v
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">"),
    ]);
    expect(Object.fromEntries(fields)).toMatchObject({ "company.name": "南京回填测试有限公司", "contact.name": "陈工", consent: "on" });
    const again = await postForm(new URLSearchParams(fields).toString());
    expect(again.status).toBe(303);
    expect(await leadCount()).toBe(before + 1);
    // In English too.
    const en = await (await postForm(body, {}, "/?index&lng=en")).text();
    expect(en).toContain("taken out");
  });

  it("a proper surrogate pair (an emoji) is fine and stored as sent", async () => {
    const res = await postJson(JSON.stringify({ ...validLeadJson(), company: { name: "南京😀科技有限公司" } }));
    expect(res.status).toBe(201);
  });

  it("the form: NUL in a known or an unknown field, or a percent-escape that is not UTF-8 → 400 readable, nothing stored", async () => {
    const before = await leadCount();
    for (const body of [
      formOf({ "company.name": "南京\u0000公司" }),
      formOf({ "x-unknown": "a\u0000" }),
      `${formOf()}&%00=1`,
      `${formOf()}&notes=%ED%A0%80`,
      `${formOf()}&bad=%FF`,
      `${formOf()}&bad=%E4%B8`,
    ]) {
      const res = await postForm(body);
      expect(res.status, body.slice(-30)).toBe(400);
      expect(await res.text()).toMatch(/无法保存的字符|编码|表单/);
    }
    expect(await leadCount()).toBe(before);
  });

  it("the address: NUL or broken escapes in a path or query → 400, not a database error", async () => {
    for (const path of ["/inquiry/PM-20260101-0001%00", "/inquiry/%FF", "/api/leads/%00", "/?lng=%00", "/login?next=%E4"]) {
      const res = await fetch(`${web.url}${path}`, {
        redirect: "manual",
        headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
      });
      expect(res.status, path).toBe(400);
    }
  });
});

describe("nesting", () => {
  it("20,000 levels of arrays (in a known or unknown key, or as the body) → 400, and 33 levels too; 32 is parsed", async () => {
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    for (const body of [
      deep(20_000),
      leadWith("x", "").replace('"x":""', `"x":${deep(20_000)}`),
      JSON.stringify({ ...validLeadJson(), company: { name: "x" } }).replace(/^\{/, `{"x":${'{"a":'.repeat(40)}1${"}".repeat(40)},`),
    ]) {
      const res = await postJson(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain("嵌套层数过多");
    }
    const ok = await postJson(JSON.stringify({ ...validLeadJson(), x: JSON.parse(deep(31)) }));
    expect(ok.status).toBe(201);
    const import20k = await postJson(deep(20_000), "/api/import", { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` });
    expect(import20k.status).toBe(400);
  });
});

describe("content types and bodies of the form and the desks", () => {
  it("POST / with text/plain, no content type, multipart without a boundary, or broken multipart → 4xx with a message", async () => {
    const cases: [RequestInit["headers"], BodyInit, number][] = [
      [{ "content-type": "text/plain" }, formOf(), 415],
      [{}, "a=1", 415], // fetch would add text/plain; removed below
      [{ "content-type": "multipart/form-data" }, "--x\r\n", 415],
      [{ "content-type": "multipart/form-data; boundary=zzz" }, "this is not multipart", 400],
      [{ "content-type": "application/json" }, JSON.stringify(validLeadJson()), 415],
    ];
    for (const [headers, body, status] of cases) {
      const res = await rawPost("/?index", headers as Record<string, string>, String(body));
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(res.body).toMatch(/表单|Content-Type/);
    }
  });

  it("a real multipart form with its boundary still works (303)", async () => {
    const fd = new FormData();
    for (const [k, v] of new URLSearchParams(formOf())) fd.append(k, v);
    const res = await fetch(`${web.url}/?index`, { method: "POST", body: fd, redirect: "manual" });
    expect(res.status).toBe(303);
  });

  it("POST /logout, /login, /admin/login and the desks with no body at all → 3xx/4xx, never 5xx", async () => {
    for (const path of [
      "/logout",
      "/login",
      "/admin/login",
      "/admin/logout",
      "/hotline",
      "/queue/assignments/00000000-0000-0000-0000-000000000000",
      "/?index",
    ]) {
      const res = await rawPost(path, {}, "");
      expect(res.status, path).toBeGreaterThanOrEqual(300);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it("a wrong method → 405 with Allow", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const res = await fetch(`${web.url}/api/leads`, { method, headers: { "content-type": "application/json" }, body: "{}" });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
    }
  });

  it("a cross-origin document POST → 403 with a message (the framework's own check would answer 500)", async () => {
    for (const origin of ["http://evil.example", "null", "https://127.0.0.1.evil.example"]) {
      const res = await postForm(formOf(), { origin });
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toContain("拒绝来自其他网站的提交");
    }
    const sameOrigin = await postForm(formOf(), { origin: web.url });
    expect(sameOrigin.status).toBe(303);
  });
});

describe("a compressed body (Content-Encoding) is refused with 415, never read as text", () => {
  // The gate read the body as it was sent: gzip JSON was refused as "not valid UTF-8", and a plain
  // body claiming gzip was stored as if the header were not there.
  it("POST /api/leads: a real gzip body and a plain one claiming gzip → 415 with Accept-Encoding, nothing stored", async () => {
    const { gzipSync } = await import("node:zlib");
    const before = await leadCount();
    const plain = JSON.stringify(validLeadJson({ company: "南京压缩请求测试有限公司" }));
    for (const [encoding, body] of [
      ["gzip", gzipSync(plain)],
      ["gzip", Buffer.from(plain)],
      ["br", Buffer.from(plain)],
      ["identity, gzip", Buffer.from(plain)],
    ] as const) {
      const res = await fetch(`${web.url}/api/leads`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-encoding": encoding },
        body,
      });
      expect(res.status, encoding).toBe(415);
      expect(res.headers.get("accept-encoding")).toBe("identity");
      const json = (await res.json()) as { errors: Record<string, string[]> };
      expect(json.errors._form.join(" ")).toMatch(/请勿压缩/);
    }
    const en = await fetch(`${web.url}/api/leads?lng=en`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: plain,
    });
    expect(JSON.stringify(await en.json())).toContain("Send the request body uncompressed");
    expect(await leadCount()).toBe(before);
  });

  it("the inquiry form claiming gzip → 415 page; identity is read as usual", async () => {
    const before = await leadCount();
    const refused = await postForm(formOf(), { "content-encoding": "gzip" }, "/?index&lng=en");
    expect(refused.status).toBe(415);
    expect(await refused.text()).toContain("Send the request body uncompressed");
    expect(await leadCount()).toBe(before);
    const taken = await postForm(formOf({ "contact.phone": "13912340001" }), { "content-encoding": "identity" });
    expect(taken.status).toBe(303);
    expect(await leadCount()).toBe(before + 1);
  });
});

describe("the message is in the client's language", () => {
  it("zh-CN by default; English with ?lng=en or Accept-Language: en", async () => {
    const body = leadWith("x", "\\u0000");
    expect(JSON.stringify(await (await postJson(body)).json())).toContain("无法保存的字符");
    expect(JSON.stringify(await (await postJson(body, "/api/leads?lng=en")).json())).toContain("cannot be stored");
    expect(JSON.stringify(await (await postJson(body, "/api/leads", { "accept-language": "en-GB,en;q=0.8" })).json())).toContain(
      "cannot be stored",
    );
    const page = await postForm(formOf(), { origin: "http://evil.example" }, "/?index&lng=en");
    expect(await page.text()).toContain("Submissions from other sites are refused");
  });
});

/** A POST with exactly these headers (fetch would add a content type of its own). */
async function rawPost(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  const { request } = await import("node:http");
  const url = new URL(path, web.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res
        .setEncoding("utf8")
        .on("data", (d) => (text += d))
        .on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
