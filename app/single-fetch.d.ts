import "@remix-run/node";

// Single fetch (remix.config.js future.v3_singleFetch): loaders may return `data(value, { headers })`
// and components get `value`'s type back from useLoaderData / useActionData.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
