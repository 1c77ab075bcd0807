// Any address without a page of its own. Matched by a route (rather than by none), the root's loader
// runs: the 404 page (root.tsx ErrorBoundary, NotFoundPage) then knows the page's language and the
// signed-in person's desk, and the <html lang> follows ?lng=en. A post to such an address is a 404 too.
export function loader(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export function action(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NoSuchPage() {
  return null;
}
