/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// The build's virtual module (remix.config.js `server`): app/server.ts casts it to ServerBuild.
declare module "@remix-run/dev/server-build";
