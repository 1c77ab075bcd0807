// POST /admin/logout: the same as /logout (one session mechanism, ADR 025) — kept so that sign-out
// forms of pages still open in a browser, and their bookmarks, go on working. GET goes to /login.
export { action, loader } from "./logout";
