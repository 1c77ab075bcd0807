import { createHash } from "node:crypto";

/**
 * What an edit form was filled from, as a short fingerprint (22 base64url characters of a SHA-256 of the
 * value's JSON): the page sends it, the form sends it back, and the save compares it with the stored row
 * under its lock, so a change someone made meanwhile is refused, not silently undone (ADR 068).
 */
export function editFingerprint(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("base64url").slice(0, 22);
}
