import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MAX_FORM_FIELDS } from "~/http/request-gate.server";

import { createTestDatabase } from "../../support/database";
import { startWebServer } from "../../support/services";

// Defect 6 of issue 13: every body is limited while it streams in (app/http/request-gate.server.ts):
// 413 as soon as the limit is passed, with Connection: close, so an oversized body never sits in
// memory and a kept-alive connection never waits on a body nobody reads.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let port: number;

beforeAll(async () => {
  db = await createTestDatabase("http_limits");
  web = await startWebServer({ DATABASE_URL: db.url, API_RATE_LIMIT_PER_MINUTE: "100000" });
  port = Number(new URL(web.url).port);
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/**
 * Sends a chunked body of up to `total` bytes, 16 KB at a time, while reading the answer; stops
 * sending as soon as an answer arrives. Returns what was sent by then, the answer, and whether the
 * server closed the connection.
 */
function chunkedUpload(path: string, contentType: string, total: number): Promise<{ sent: number; answer: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let sent = 0;
    let answer = "";
    const chunk = Buffer.alloc(16 * 1024, "a");
    const finish = (closed: boolean) => resolve({ sent, answer, closed });
    socket.on("data", (d) => (answer += d.toString("latin1")));
    socket.on("close", () => finish(true));
    socket.on("error", () => {}); // a reset after the answer is fine
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n`,
    );
    const pump = () => {
      while (!answer && !socket.destroyed && sent < total) {
        sent += chunk.length;
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return socket.once("drain", pump);
      }
      if (answer || socket.destroyed) return;
      socket.write("0\r\n\r\n");
    };
    pump();
  });
}

describe("a chunked oversized body is refused before it is all sent", () => {
  for (const [path, type, limitKb] of [
    ["/api/leads", "application/json", 64],
    ["/?index", "application/x-www-form-urlencoded", 128],
    ["/api/import", "application/json", 64],
  ] as const) {
    it(`${path}: 413 with Connection: close after about ${limitKb} KB of a 200 MB body, and the connection ends`, async () => {
      const { sent, answer, closed } = await chunkedUpload(path, type, 200 * 1024 * 1024);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toMatch(/\r\nConnection: close\r\n/i);
      expect(sent).toBeLessThan(50 * 1024 * 1024); // stopped early: a generous bound, the socket buffers some
      expect(closed).toBe(true);
    });
  }

  it("a declared Content-Length over the limit is refused without reading the body", async () => {
    const res = await new Promise<{ status: number; connection?: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/?index",
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": 60 * 1024 * 1024 },
        },
        (r) => {
          r.resume();
          resolve({ status: r.statusCode ?? 0, connection: r.headers.connection });
        },
      );
      req.on("error", reject);
      req.flushHeaders(); // no body at all: the answer must not wait for it
    });
    expect(res).toEqual({ status: 413, connection: "close" });
  });
});

describe("memory", () => {
  it("a 60 MB form (streamed, no length) does not grow the web process by its size (< 100 MB RSS growth)", async () => {
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${web.process.pid}/status`, "utf8"))![1]) * 1024;
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
    // Four at once, as in the report (1.48 GB before the limit).
    const results = await Promise.all(
      Array.from({ length: 4 }, () => chunkedUpload("/?index", "application/x-www-form-urlencoded", 60 * 1024 * 1024)),
    );
    clearInterval(sampler);
    peak = Math.max(peak, rss());
    for (const r of results) expect(r.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  });
});

describe("kept-alive connections", () => {
  it("a client that keeps its connection gets the 413 and the connection closed; its next request is answered at once", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer, headers: Record<string, string | number> = {}) =>
      new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path, agent, headers }, (r) => {
          r.resume();
          r.on("end", () => resolve({ status: r.statusCode ?? 0, connection: r.headers.connection }));
        });
        req.setTimeout(20_000, () => req.destroy(new Error("no answer within 20 s")));
        req.on("error", reject);
        req.end(body);
      });
    try {
      const warm = await send("GET", "/inquiry/received");
      expect(warm.status).toBe(200);
      const big = Buffer.alloc(100 * 1024, "x"); // over /api/leads' 64 KB, declared
      const refused = await send("POST", "/api/leads", big, { "content-type": "application/json", "content-length": big.length });
      expect(refused).toMatchObject({ status: 413, connection: "close" });
      const next = await send("GET", "/inquiry/received");
      // It hung 66 s (the headers timeout) before the fix: the request's own 20 s socket timeout above
      // fails it then. (No "took < 15 s" figure: how long an answer takes is the machine's business.)
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

// An attack of 2026-12-04: 40,000 repeats of one empty field (120 KB, under the form's 128 KB) held the
// web's event loop for two minutes while the route's form parse gathered them. Past MAX_FORM_FIELDS the
// gate refuses the post before any route parses it, whoever sends it (no session needed for / or /login).
describe("a form of too many fields", () => {
  const post = (path: string, body: string, type = "application/x-www-form-urlencoded") =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "content-type": type, origin: web.url }, body });
  it.each([
    ["/", "one name repeated", Array(40_000).fill("a=").join("&")],
    ["/login", "one name repeated", Array(15_000).fill("email=").join("&")],
    ["/", "distinct names", Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => `f${i}=x`).join("&")],
  ])("%s, %s: 413 in the reader's language, nothing parsed", async (path, _kind, body) => {
    const res = await post(path, body);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain(`表单的字段过多（上限 ${MAX_FORM_FIELDS} 个）`);
  });
  it("a multipart post of too many parts is refused the same way", async () => {
    const parts = Array.from({ length: MAX_FORM_FIELDS + 1 }, () => `--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n`).join("");
    const res = await post("/", `${parts}--b--\r\n`, "multipart/form-data; boundary=b");
    expect(res.status).toBe(413);
  });
  it("a form at the bound is read as usual (the route's own answer, not the gate's)", async () => {
    const res = await post("/login", [`email=x`, ...Array(MAX_FORM_FIELDS - 1).fill("z=")].join("&"));
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});
