// `npm run build` (app/cli/build.ts) builds aside, in a folder of its own, then puts the build in place.
const staging = process.env.PARKMATCH_BUILD_STAGING ?? "build/.staging";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Files next to routes that are not routes start with "__"; tests never become routes.
  ignoredRouteFiles: ["**/.*", "**/__*", "**/*.test.*"],
  // The web process (express + the request gate) is compiled with the app into build/index.js, so
  // each module is loaded once and no TypeScript compiler runs in production (docs/decisions/044).
  server: "app/server.ts",
  serverModuleFormat: "esm",
  // Built aside, then put in place by `npm run build` (app/cli/build.ts): remix build empties its assets
  // folder first, which took the scripts and styles from under a running npm start of this checkout.
  serverBuildPath: `${staging}/server/index.js`,
  assetsBuildDirectory: `${staging}/public/build`,
  publicPath: "/build/",
  // meilisearch, bullmq and friends are ESM packages read from node_modules at run time.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
