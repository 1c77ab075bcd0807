import { createServer, type Server } from "node:http";
import { connect } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { answerClientError } from "../../app/http/client-error.server";

// ADR 123 (attack item 6): what Node's HTTP parser refuses — a GET /api/regions?q= of 5,000 characters
// (over the 16 KB header limit), bytes that are no HTTP — was a bare 431/400 with no body. Now it says
// why, as every other 4xx does: the API's JSON shape for /api, zh-CN first, English by lng or Accept-Language.
let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((_req, res) => res.end("ok"));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const long = (text: string) => encodeURIComponent(text.repeat(5000));

describe("a request over the header limit", () => {
  it.each<[string, string, Record<string, string>, RegExp]>([
    ["Chinese q, zh", `/api/regions?q=${long("江")}`, {}, /网址或请求头过长/],
    ["Latin q, lng=en", `/api/regions?lng=en&q=${long("jiang")}`, {}, /too long/],
    ["Accept-Language: en", `/api/regions?q=${long("abcd")}`, { "accept-language": "en-GB,en;q=0.9" }, /too long/],
    ["Accept-Language: zh", `/api/regions?q=${long("abcd")}`, { "accept-language": "zh-CN,zh;q=0.9" }, /网址或请求头过长/],
    ["another API", `/api/leads/${"x".repeat(20_000)}`, {}, /网址或请求头过长/],
  ])("%s: 431 with the API's JSON message", async (_name, path, headers, words) => {
    const res = await fetch(`${base}${path}`, { headers });
    expect(res.status).toBe(431);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: { _form: string[] } };
    expect(body.errors._form).toHaveLength(1);
    expect(body.errors._form[0]).toMatch(words);
  });

  // notices37 (ADR 179): a person got a bare line of text; now a page in their language with a way home.
  it.each<[string, string, Record<string, string>, RegExp, string]>([
    ["zh", `/?q=${long("江")}`, {}, /<html lang="zh-CN">[\s\S]*无法打开这个网址[\s\S]*网址或请求头过长[\s\S]*返回首页/, 'href="/"'],
    [
      "lng=en",
      `/admin/leads?lng=en&q=${long("jiang")}`,
      {},
      /<html lang="en">[\s\S]*cannot be opened[\s\S]*too long[\s\S]*home page/,
      'href="/?lng=en"',
    ],
    [
      "Accept-Language: en",
      `/queue?q=${long("abcd")}`,
      { "accept-language": "en-US,en;q=0.9" },
      /<html lang="en">[\s\S]*too long/,
      'href="/?lng=en"',
    ],
  ])("a page's address (%s): a page in the person's language", async (_name, path, headers, words, home) => {
    const res = await fetch(`${base}${path}`, { headers });
    expect(res.status).toBe(431);
    expect(res.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8/);
    const page = await res.text();
    expect(page).toMatch(words);
    expect(page).toContain(home);
  });

  it("a short address is not touched", async () => {
    const res = await fetch(`${base}/api/regions?q=${encodeURIComponent("江".repeat(100))}`);
    expect(res.status).toBe(200);
  });
});

describe("bytes that are no HTTP", () => {
  it("400 with a message, the connection closed", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const url = new URL(base);
      const socket = connect(Number(url.port), url.hostname, () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString("utf8")));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("请求格式不正确");
  });
});
