/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Files next to routes that are not routes start with "__"; tests never become routes.
  ignoredRouteFiles: ["**/.*", "**/__*", "**/*.test.*"],
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
