// The Remix CLI as `npm run build` runs it (app/cli/build.ts), and why it is told to keep a warning to itself.
//
// `remix build` (the classic compiler: remix.config.js, no Vite in this project) loads
// @remix-run/dev/dist/cli/commands.js, which requires its Vite plugin at load time
// (commands.js → vite/plugin.js → vite/vite-node.js → vite-node/dist/server.cjs → `require("vite")`),
// whatever the command. Vite 5's CommonJS entry (vite/index.cjs) then prints "The CJS build of Vite's
// Node API is deprecated" — though nothing of Vite runs in our build. The require is in the dependency
// (@remix-run/dev 2.17.5), not in our code or config: there is no .cjs config, vite config or vitest
// require of it here (vitest loads Vite's ESM build). Vite's documented means to silence it is the
// environment variable VITE_CJS_IGNORE_WARNING (https://vite.dev/guide/troubleshooting.html#vite-cjs-node-api-deprecated),
// set for the CLI's process only. Nothing else about the build changes. docs/decisions/109.

/** The CLI's script, run with the current node (`node <REMIX_CLI> build`). */
export const REMIX_CLI = "node_modules/@remix-run/dev/dist/cli.js";

/** The environment the Remix CLI runs in: `env` with Vite's CJS-deprecation warning silenced (see above). */
export function remixCliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, VITE_CJS_IGNORE_WARNING: "true" };
}
