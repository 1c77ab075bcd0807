import { UNSAFE_RemixContext } from "@remix-run/react";
import { useContext } from "react";

import { useNonce } from "~/components/nonce";

/** What a page without React (handle.scripts === false) may run instead: a route whose handle has `enhance()`. */
export type ScriptHandle = { scripts?: boolean; script?: string };

/**
 * The browser chunk of route `routeId` (whose `handle.enhance()` is a plain script, no React) for a page
 * served without Remix's scripts (ADR 041): its imports preloaded, then one module script that imports
 * it and calls `handle.enhance()`. Renders nothing when the build has no such route.
 */
export function RouteScript({ routeId }: { routeId: string }) {
  const nonce = useNonce();
  const route = useContext(UNSAFE_RemixContext)?.manifest.routes[routeId];
  if (!route) return null;
  return (
    <>
      {[route.module, ...(route.imports ?? [])].map((href) => (
        <link key={href} rel="modulepreload" href={href} />
      ))}
      <script
        type="module"
        nonce={nonce}
        // The form is above this script in the document, so it is there when the module runs.
        dangerouslySetInnerHTML={{
          __html: `import { handle } from ${JSON.stringify(route.module)}; handle.enhance();`,
        }}
      />
    </>
  );
}
