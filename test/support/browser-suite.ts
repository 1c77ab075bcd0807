import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";

import { isBrokenPageError, launchChromium } from "./browser";
import { createTestDatabase } from "./database";
import { startWebServer } from "./services";

/** What an e2e file drives (set once its beforeAll has run): its own database, the web server on it, headless Chromium. */
export type BrowserSuite = {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  web: Awaited<ReturnType<typeof startWebServer>>;
  browser: Browser;
  /** Registers something the file started (a worker) to close after Chromium and before the web server. */
  defer: (close: () => Promise<unknown>) => void;
  /**
   * What the pages of this file reported that a person's browser would show as broken (isBrokenPageError:
   * uncaught exceptions, React's errors): each test fails at its end when it holds any (ADR 157).
   */
  pageErrors: string[];
};

/**
 * An e2e file's set-up and tear-down, written once (ADR 043). In beforeAll: a test database called
 * `name`; `beforeWeb` (what the web server must find when it starts — may return extra env for it);
 * the web server on that database; `seed` (the file's own rows); Chromium. In afterAll, whatever was
 * started, in reverse: Chromium, the `defer`red closes (last first), the web server, the database.
 * `timeout` is beforeAll's, in ms (the e2e project's hookTimeout when left out).
 */
export function browserSuite(
  name: string,
  options: {
    beforeWeb?: (suite: BrowserSuite) => Promise<Record<string, string> | void>;
    seed?: (suite: BrowserSuite) => Promise<void>;
    timeout?: number;
  } = {},
): BrowserSuite {
  const closes: (() => Promise<unknown>)[] = [];
  const suite = { defer: (close) => void closes.push(close), pageErrors: [] as string[] } as BrowserSuite;
  beforeAll(async () => {
    suite.db = await createTestDatabase(name);
    const env = (await options.beforeWeb?.(suite)) ?? {};
    suite.web = await startWebServer({ DATABASE_URL: suite.db.url, ...env });
    await options.seed?.(suite);
    suite.browser = await launchChromium();
    // Every context a test opens is watched: no file has to remember to (the trial's React #345 on /hotline).
    const newContext = suite.browser.newContext.bind(suite.browser);
    suite.browser.newContext = async (...args) => {
      const context = await newContext(...args);
      context.on("weberror", (e) => void suite.pageErrors.push(`pageerror: ${e.error().message}`));
      context.on("console", (m) => {
        if (m.type() === "error" && isBrokenPageError(m.text()))
          suite.pageErrors.push(`console.error at ${m.page()?.url() ?? "?"}: ${m.text()}`);
      });
      return context;
    };
  }, options.timeout);
  afterEach(() => {
    const errors = suite.pageErrors.splice(0);
    if (errors.length > 0) throw new Error(`the browser reported ${errors.length} error(s):\n${errors.join("\n")}`);
  });
  afterAll(async () => {
    await suite.browser?.close();
    for (const close of closes.reverse()) await close();
    await suite.web?.stop();
    await suite.db?.drop();
  });
  return suite;
}
