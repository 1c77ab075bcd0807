import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../../support/database";
import { startWebServer } from "../../support/services";

// Fix 3, defect 1: nothing was compressed, so a phone on mobile data fetched the form's ~935 KB of
// scripts raw. The web process gzips what a client accepts, leaves a client that asks for nothing
// alone, and keeps its security headers and streamed pages.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("http_compression");
  web = await startWebServer({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** One GET with raw bytes as they crossed the wire (fetch would decompress them behind our back). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function assetPaths(): Promise<{ script: string; style: string }> {
  const html = await (await fetch(`${web.url}/`)).text();
  const script = /(?:src|href)="(\/build\/[^"]+\.js)"/.exec(html)?.[1];
  const style = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
  expect(script).toBeTruthy();
  expect(style).toBeTruthy();
  return { script: script!, style: style! };
}

describe("HTTP compression", () => {
  it("gzips the page, a script and a stylesheet for a client that accepts gzip, and they decode to the same bytes", async () => {
    const { script, style } = await assetPaths();
    for (const path of [script, style]) {
      const plain = await rawGet(`${web.url}${path}`, {});
      const zipped = await rawGet(`${web.url}${path}`, { "accept-encoding": "gzip, deflate" });
      expect(zipped.status, path).toBe(200);
      expect(zipped.headers["content-encoding"], path).toBe("gzip");
      expect(zipped.headers["vary"], path).toMatch(/accept-encoding/i);
      expect(zipped.body.length, path).toBeLessThan(plain.body.length * 0.6);
      expect(gunzipSync(zipped.body).equals(plain.body), path).toBe(true);
      expect(zipped.headers["x-content-type-options"], path).toBe("nosniff");
      const brotli = await rawGet(`${web.url}${path}`, { "accept-encoding": "gzip, deflate, br" }); // a browser's ask
      expect(brotli.headers["content-encoding"], path).toBe("br");
      expect(brotliDecompressSync(brotli.body).equals(plain.body), path).toBe(true);
    }
    // The page is rendered per request (a fresh nonce each time), so compare sizes, not bytes.
    for (const path of ["/", "/?lng=en"]) {
      const plain = await rawGet(`${web.url}${path}`, {});
      const zipped = await rawGet(`${web.url}${path}`, { "accept-encoding": "gzip" });
      expect(zipped.headers["content-encoding"], path).toBe("gzip");
      const html = gunzipSync(zipped.body).toString("utf8");
      expect(html, path).toContain("</html>"); // the whole streamed document arrived
      expect(zipped.body.length, path).toBeLessThan(plain.body.length * 0.6);
      expect(String(zipped.headers["content-security-policy"]), path).toContain("frame-ancestors 'none'");
    }
  });

  it("sends identity to a client that does not ask, or asks for identity only", async () => {
    const { script, style } = await assetPaths();
    for (const path of ["/", script, style]) {
      for (const headers of [{} as Record<string, string>, { "accept-encoding": "identity" }, { "accept-encoding": "gzip;q=0" }]) {
        const res = await rawGet(`${web.url}${path}`, headers);
        expect(res.status, path).toBe(200);
        expect(res.headers["content-encoding"], `${path} ${JSON.stringify(headers)}`).toBeUndefined();
        expect(res.body.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b])), path).toBe(false);
      }
    }
  });

  it("leaves tiny bodies and refusals readable: headers kept, gzip only when worth it", async () => {
    const health = await rawGet(`${web.url}/healthz`, { "accept-encoding": "gzip" });
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers["content-encoding"]).toBeUndefined(); // under the 1 KB threshold
    const missing = await rawGet(`${web.url}/no-such-page`, { "accept-encoding": "gzip" });
    expect(missing.status).toBe(404);
    const text = missing.headers["content-encoding"] === "gzip" ? gunzipSync(missing.body).toString("utf8") : missing.body.toString("utf8");
    expect(text).toMatch(/<html/i);
    expect(missing.headers["x-frame-options"]).toBe("DENY");
  });
});
