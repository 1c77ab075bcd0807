/**
 * The one redirect-target check (ADR 025): a local path to go on to after signing in (`?next=`), or
 * null. Accepted: "/" followed by printable ASCII (a Location header must be; browsers send paths
 * percent-encoded anyway), at most 500 characters; refused: other hosts, protocol-relative `//x`,
 * backslashes (`/\x` is `//x` to some browsers), and the sign-in/out pages themselves (a loop).
 */
export function safeRedirectPath(next: unknown): string | null {
  if (typeof next !== "string" || next.length > 500 || !/^\/[\x21-\x7e]*$/.test(next) || next.startsWith("//") || next.includes("\\"))
    return null;
  if (/^\/(?:admin\/)?log(?:in|out)\/?(?:[?#]|$)/.test(next)) return null;
  return next;
}
