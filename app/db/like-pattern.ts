/**
 * Text a person typed, made literal inside a LIKE/ILIKE pattern: `\`, `%` and `_` are escaped with `\`
 * (Postgres' default LIKE escape character), so "%" finds a percent sign, not every row. The one
 * escape of every pattern built from input (admin lists, the recruiter's desk search).
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%<text>%`: rows whose value contains `text` literally. */
export function likeContains(text: string): string {
  return `%${likeLiteral(text)}%`;
}

/** `<text>%`: rows whose value starts with `text` literally. */
export function likePrefix(text: string): string {
  return `${likeLiteral(text)}%`;
}

/**
 * True when `text` has something a full-text engine can search for (a letter or a digit of any script).
 * Meilisearch answers a query of punctuation alone ("%", "_", "\") like an empty one — every document —
 * so such a query must not reach it.
 */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
