import { expect } from "vitest";

// Talking to the real web process as a person would: sign in at /login, carry the session cookie,
// read the CSRF token from a page's forms.

export type WebClient = {
  get: (path: string, cookie?: string, headers?: Record<string, string>) => Promise<Response>;
  /** A form post; a URLSearchParams can send a field twice, as a crafted request may. */
  post: (
    path: string,
    form: Record<string, string> | URLSearchParams,
    cookie?: string,
    headers?: Record<string, string>,
  ) => Promise<Response>;
  signIn: (email: string, password: string) => Promise<string>;
  csrfOf: (path: string, cookie: string) => Promise<string>;
};

export function webClient(baseUrl: string): WebClient {
  const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, { redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const post = (path: string, form: Record<string, string> | URLSearchParams, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}), ...headers },
      body: new URLSearchParams(form),
    });
  return {
    get,
    post,
    /** Signs in at /login and returns the `pm_staff=…` cookie. */
    async signIn(email, password) {
      const res = await post("/login", { email, password });
      expect(res.status, `sign-in of ${email}`).toBe(303);
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
      expect(cookie).toMatch(/^pm_staff=/);
      return cookie;
    },
    /** The CSRF token in the forms of the page at `path`. */
    async csrfOf(path, cookie) {
      const html = await (await get(path, cookie)).text();
      const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
      expect(token, `a CSRF token on ${path}`).toBeTruthy();
      return token!;
    },
  };
}
