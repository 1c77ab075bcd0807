import { spawnSync } from "node:child_process";

import { describe, expect, it } from "vitest";

import { REMIX_CLI, remixCliEnv } from "../../app/cli/remix-cli";

// `npm start` (npm run build → the Remix CLI) printed Vite's "The CJS build of Vite's Node API is
// deprecated": @remix-run/dev's CLI requires Vite's CommonJS entry when it loads (app/cli/remix-cli.ts).
// The build runs the CLI with Vite's documented switch; the same CLI without it still warns (the cause is
// the dependency's, not ours).

const WARNING = "The CJS build of Vite's Node API is deprecated";
const { VITE_CJS_IGNORE_WARNING: _ignored, ...plain } = process.env;
const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [REMIX_CLI, "--version"], { env, encoding: "utf8", timeout: 60_000 });

describe("the Remix CLI as the build runs it", () => {
  it("prints no Vite CJS warning, and still answers", () => {
    const quiet = run(remixCliEnv(plain));
    expect(quiet.status).toBe(0);
    expect(quiet.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(`${quiet.stdout}${quiet.stderr}`).not.toContain(WARNING);
  });

  it("the cause is the dependency: the same CLI without the switch warns", () => {
    expect(run(plain).stderr).toContain(WARNING);
  });
});
