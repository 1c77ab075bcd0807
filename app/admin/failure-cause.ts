import { opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

// What a failure's stored text (outbox.last_error, a notice's last_error) says of its cause, in the admin's
// language. The worker writes a search failure's own code after its message (worker/job-failure.ts searchCause:
// " [meilisearch index_not_found spaces]"); the request layer's words before it ("Request to …/multi-search has
// failed") say nothing of why (attack 38). Null: no cause this release knows.
const SEARCH_CAUSE = /\[meilisearch ([a-z_]{1,60})(?: ([A-Za-z0-9_-]{1,100}))?\]/;

export function failureCause(lng: Lng, lastError: string | null | undefined): string | null {
  const m = lastError ? SEARCH_CAUSE.exec(lastError) : null;
  if (!m) return null;
  const [, code, index] = m;
  if (code === "index_not_found") return opsText(lng, "dead.cause.indexMissing", { index: index ?? "—" });
  return opsText(lng, "dead.cause.search", { code });
}
