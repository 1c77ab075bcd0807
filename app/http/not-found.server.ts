import { data } from "@remix-run/node";

/**
 * A 404 that says what was not found, in the page's language: thrown by a staff step on a row that does
 * not exist (an assignment, a call task) and shown by StaffErrorBoundary (app/components/staff-not-found.tsx)
 * instead of the bare "page not found". `message` comes from a message catalog.
 */
export function notFoundWith(message: string) {
  return data({ notFound: message }, { status: 404 });
}
