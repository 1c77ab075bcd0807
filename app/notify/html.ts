const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/**
 * The one escaper for email HTML. Safe in element text and in quoted attribute values; the
 * backtick is included because some old mail clients (IE-based Outlook) treat it as a quote.
 */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}
