// npm run build's Remix step, run by app/cli/build.ts as a process of its own with NODE_ENV=production
// and PARKMATCH_BUILD_STAGING set (remix.config.js reads them when it is loaded). What `remix build`
// does for this project's classic compiler, with one difference: the compiler is disposed once it has
// written the build. The CLI never disposes it, so at its exit esbuild's service (a Go child process)
// still counts the compiler's contexts as open and waits for them forever; when its once-a-second ping
// to the exited parent was in flight at that moment, Go's runtime found every goroutine blocked and
// printed "fatal error: all goroutines are asleep - deadlock!" with ~20 lines of stacks under a build
// that had succeeded (a new user's `npm start`, trial 12-05; esbuild issues 3287 and 3635). Disposed,
// the service ends with its parent (docs/decisions/109, amended 12-05).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

import type * as CompilerModule from "@remix-run/dev/dist/compiler/compiler";
import type * as WatchCacheModule from "@remix-run/dev/dist/compiler/fileWatchCache";
import type * as ConfigModule from "@remix-run/dev/dist/config";
import type * as LoggerModule from "@remix-run/dev/dist/tux/logger";

const require = createRequire(import.meta.url);
// The compiler's own modules, not the CLI's: the CLI's module also loads the Vite plugin, and with it
// Vite's deprecated CommonJS entry and its warning (docs/decisions/109), though no Vite runs here.
const { create } = require("@remix-run/dev/dist/compiler/compiler.js") as typeof CompilerModule;
const { createFileWatchCache } = require("@remix-run/dev/dist/compiler/fileWatchCache.js") as typeof WatchCacheModule;
const { readConfig } = require("@remix-run/dev/dist/config.js") as typeof ConfigModule;
const { logger } = require("@remix-run/dev/dist/tux/logger.js") as typeof LoggerModule;

/**
 * Builds the Remix app of `root` once (production, no source maps) into the folders remix.config.js
 * names, then disposes the compiler. Throws the compiler's error (after disposing) when the build fails.
 */
export async function buildRemixOnce(root: string = process.cwd()): Promise<void> {
  const started = Date.now();
  logger.info("building... (NODE_ENV=production)");
  const config = await readConfig(root);
  const compiler = await create({
    config,
    options: { mode: "production", sourcemap: false },
    fileWatchCache: createFileWatchCache(),
    logger,
  });
  try {
    await compiler.compile();
  } finally {
    await compiler.dispose();
  }
  logger.info(`built (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildRemixOnce();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
