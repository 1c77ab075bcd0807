import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

import { launchChromium } from "./browser";
import { createTestDatabase } from "./database";
import { startWebServer } from "./services";

/** What an e2e file drives (set once its beforeAll has run): its own database, the web server on it, headless Chromium. */
export type BrowserSuite = {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  web: Awaited<ReturnType<typeof startWebServer>>;
  browser: Browser;
  /** Registers something the file started (a worker) to close after Chromium and before the web server. */
  defer: (close: () => Promise<unknown>) => void;
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
  const suite = { defer: (close) => void closes.push(close) } as BrowserSuite;
  beforeAll(async () => {
    suite.db = await createTestDatabase(name);
    const env = (await options.beforeWeb?.(suite)) ?? {};
    suite.web = await startWebServer({ DATABASE_URL: suite.db.url, ...env });
    await options.seed?.(suite);
    suite.browser = await launchChromium();
  }, options.timeout);
  afterAll(async () => {
    await suite.browser?.close();
    for (const close of closes.reverse()) await close();
    await suite.web?.stop();
    await suite.db?.drop();
  });
  return suite;
}
