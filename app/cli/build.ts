import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";

import { placeBuild } from "./build-place";
import { writeChineseOutUnder } from "./build-utf8";
import { buildWorker } from "./worker-entry";

// npm run build: the Remix build of the web (remix.config.js writes it into build/.staging) and the
// compiled worker (docs/decisions/048), then both put in place without emptying what a running
// `npm start` of this checkout serves (placeBuild).
// A folder of this build's own: the tests, a bench and a developer may build at the same time.
const staging = `build/.staging-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
let removed: string[];
try {
  execFileSync(process.execPath, ["--import", "tsx", "app/cli/remix-build.ts"], {
    stdio: process.env.BUILD_QUIET === "1" ? "ignore" : "inherit",
    env: { ...process.env, NODE_ENV: "production", PARKMATCH_BUILD_STAGING: staging },
  });
  await buildWorker(join(staging, "server", "worker.js"));
  // Chinese as itself in the browser's scripts, not \uXXXX: ~1.5 KB less on the form's first load (ADR 122).
  writeChineseOutUnder(join(staging, "public", "build"));
  removed = placeBuild({
    staging,
    serverDir: "build",
    assetsDir: "public/build",
    recordFile: "build/assets-kept.json",
  });
} finally {
  // A failed build leaves nothing aside (what is in place stays as it was).
  rmSync(staging, { recursive: true, force: true });
}
if (process.env.BUILD_QUIET !== "1")
  console.log(`build in place: build/index.js, build/worker.js, public/build (${removed.length} files of older builds removed)`);
