import { expect } from "vitest";

import type { AdminDemoSuite } from "./admin-demo-suite";
import { webClient } from "./staff-web";

/**
 * A CSV named `name` (its lines) or an .xlsx (its bytes) previewed at /admin/import by the suite's admin, in `lng`:
 * the page's status and HTML.
 */
export async function previewUpload(
  suite: AdminDemoSuite,
  name: string,
  lines: string[] | Buffer,
  lng: "zh" | "en" = "zh",
): Promise<{ status: number; html: string }> {
  const csrf = await webClient(suite.web.url).csrfOf("/admin/import", suite.cookie);
  const body = new FormData();
  body.append("csrf", csrf);
  body.append("intent", "preview");
  body.append("file", new Blob([Array.isArray(lines) ? `${lines.join("\r\n")}\r\n` : new Uint8Array(lines)]), name);
  const res = await fetch(`${suite.web.url}/admin/import${lng === "en" ? "?lng=en" : ""}`, {
    method: "POST",
    headers: { cookie: suite.cookie },
    body,
  });
  return { status: res.status, html: await res.text() };
}

/** Presses the preview page's 确认导入 (its csrf, previewId and hash): the answer's HTML, after expecting a 200. */
export async function applyPreviewPage(suite: AdminDemoSuite, html: string): Promise<string> {
  const field = (n: string) => new RegExp(`name="${n}" value="([^"]+)"`).exec(html)![1];
  const body = new FormData();
  for (const n of ["csrf", "previewId", "hash"]) body.append(n, field(n));
  body.append("intent", "apply");
  const res = await fetch(`${suite.web.url}/admin/import`, { method: "POST", headers: { cookie: suite.cookie }, body });
  expect(res.status).toBe(200);
  return res.text();
}
