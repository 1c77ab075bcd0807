import type { HeadersFunction, LinksFunction, MetaArgs, MetaFunction } from "@remix-run/node";

import { withErrorTitle } from "./error-pages";

// The head of a page that search engines and caches must leave alone (the staff pages: admin, hotline
// desk, recruiter desk, sign-in; an inquiry's reference page), written once (ADR 043): its style
// sheets, a title from the loader's data with robots noindex (an error page gets the error's title,
// error-pages.tsx), and Cache-Control: no-store — staff pages show personal data, which no browser or
// proxy cache may keep (ADR 022).

/** `links`: the page's style sheets, in the order given (the bundled URLs of `~/styles/*.css`). */
export const stylesheets =
  (...hrefs: string[]): LinksFunction =>
  () =>
    hrefs.map((href) => ({ rel: "stylesheet", href }));

/** `headers`: Cache-Control: no-store on the page's documents and data requests. */
export const noStore: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/**
 * `meta` of a page kept out of search engines: `[{ title }, robots noindex]`, the title made from the
 * loader's data (`data` is undefined when there is none — give a fallback title). When the route
 * failed, the error page's title in the page's language instead (`withErrorTitle`).
 */
export function noindexMeta<Loader>(title: (data: MetaArgs<Loader>["data"]) => string): MetaFunction<Loader> {
  return withErrorTitle(({ data }: MetaArgs<Loader>) => [{ title: title(data) }, { name: "robots", content: "noindex" }]);
}
