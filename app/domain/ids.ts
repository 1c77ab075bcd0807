import { z } from "zod";

/**
 * A row id of ours (Postgres `uuid`, from `gen_random_uuid()`): 8-4-4-4-12 hex digits, either case.
 * `z.guid()` rather than `z.uuid()`: Postgres accepts any such value, not only RFC 9562 versions, and
 * a malformed id must be a 404/400 here, never a database error. The one copy of this rule (ADR 025):
 * route params, form fields and server functions all use it.
 */
export const uuidSchema = z.guid();

/** True when `value` is a string shaped like a row id (see `uuidSchema`). */
export function isUuid(value: unknown): value is string {
  return uuidSchema.safeParse(value).success;
}

/** `params` of a route `…$id…`: `uuidParams.safeParse(params)` → `{ id }` or a failure to answer 404. */
export const uuidParams = z.object({ id: uuidSchema });
