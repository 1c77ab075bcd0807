import { existsSync } from "node:fs";

import { type Browser, chromium, type Page } from "playwright-core";

// Debian's Chromium driven by playwright-core; a test tool's own browser download does not work here.
/**
 * How long a page action or navigation may wait in the browser tests (ms): long enough for a loaded
 * 2-core CI machine (a page took over 5 s there), one figure for every file.
 */
export const E2E_WAIT_MS = 15_000;

/**
 * The browser the tests drive: CHROMIUM_PATH, else Debian's headless shell (package
 * chromium-headless-shell: the same engine without the windowed browser around it, about half the CPU
 * of `chromium --headless` on the admin pages' tests, docs/decisions/144), else Debian's chromium.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium";
}
export const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Resolves once Remix has hydrated the page (no-op without JavaScript). */
export async function hydrated(page: Page, javaScriptEnabled = true): Promise<void> {
  if (javaScriptEnabled) await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
}

/**
 * Signs in at /login?next=`home` by the form's labels (邮箱, 密码, the 登录 button), once the page is
 * hydrated (when JavaScript runs), and waits for the browser to land on `home` (a path).
 */
export async function signInByForm(
  page: Page,
  baseUrl: string,
  login: { email: string; password: string; home: string },
  javaScriptEnabled = true,
): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${login.home}`);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel("邮箱").fill(login.email);
  await page.getByLabel("密码").fill(login.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.waitForURL((url) => url.pathname === login.home);
}

/** The text of the page's first status message (role="status"), or "" while there is none. */
export const statusBanner = (page: Page): Promise<string> =>
  page
    .getByRole("status")
    .first()
    .innerText()
    .catch(() => "");

/** The text of the element `selector` finds on the page, or "" while there is none (or more than one). */
export const textOf = (page: Page, selector: string): Promise<string> =>
  page
    .locator(selector)
    .innerText()
    .catch(() => "");

/**
 * Whether a console.error line says the page is broken in a person's browser: React's own errors (minified
 * "Minified React error #345", "#418" … with their react.dev link, or the development build's words), an
 * uncaught error's report. Not a resource that failed to load (a test's own 502), nor a CSP report.
 */
export function isBrokenPageError(text: string): boolean {
  return /Minified React error #\d+|react\.dev\/errors\/\d+|reactjs\.org\/docs\/error-decoder|Uncaught |hydrat|did not match|The above error occurred/i.test(
    text,
  );
}

/**
 * Remix's single fetch logs (console.error) the stream's AbortError when the router aborts a data request
 * whose body was still arriving — a load superseded by a newer navigation, which the router then drops on
 * purpose (@remix-run/react single-fetch.js, decodeViaTurboStream's catch): a submit pressed while the page's last
 * load was still arriving. Nothing failed for the person; seen in CI (sessions 38, 39) on the hotline desk. An
 * uncaught AbortError is still a `pageerror`.
 */
export function isSupersededLoad(text: string): boolean {
  // Chromium gives the logged error's stack after its first line (the abort's own: navigate ← a form's submit).
  return /^AbortError: (signal is aborted without reason|The user aborted a request\.?)$/.test(text.split("\n")[0].trim());
}

/**
 * Every error the page reports while a test drives it: `console.error` lines (React's minified errors such
 * as #345 and #418 among them) and uncaught exceptions (`pageerror`), each as "<kind> at <path>: <text>".
 * Call it right after newPage(); `expectNone()` fails the test with the list when there is any. Stricter than
 * browserSuite's watch (isBrokenPageError): any console error counts here.
 */
export function watchPageErrors(page: Page): { errors: string[]; expectNone: () => void } {
  const errors: string[] = [];
  const keep = (kind: string, text: string) => {
    let path = page.url();
    try {
      path = new URL(path).pathname;
    } catch {
      // about:blank before the first navigation
    }
    errors.push(`${kind} at ${path}: ${text}`);
  };
  page.on("console", (m) => void (m.type() === "error" && !isSupersededLoad(m.text()) && keep("console.error", m.text())));
  page.on("pageerror", (e) => keep("pageerror", `${e.message}\n${e.stack ?? ""}`));
  return {
    errors,
    expectNone: () => {
      if (errors.length > 0) throw new Error(`the page reported ${errors.length} error(s):\n${errors.join("\n")}`);
    },
  };
}
