/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Files next to routes that are not routes start with "__"; tests never become routes.
  ignoredRouteFiles: ["**/.*", "**/__*", "**/*.test.*"],
  // The web process (express + the request gate) is compiled with the app into build/index.js, so
  // each module is loaded once and no TypeScript compiler runs in production (docs/decisions/044).
  server: "app/server.ts",
  serverModuleFormat: "esm",
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
