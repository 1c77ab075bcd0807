// A list cut at its first rows, with the count of all of them — what the admin and desk pages show as
// "N of M shown". One shape for every such list: `{ total, rows }`.

/**
 * Runs the count (`select count(*)::int as total …`) and the capped rows query together and maps each
 * row with `toRow` (snake_case row → the page's camelCase row, dates as ISO text). Errors are the
 * queries' own (the caller decides what a failed list means).
 */
export async function cappedList<Row, Out>(
  count: PromiseLike<{ total: number }[]>,
  rows: PromiseLike<Row[]>,
  toRow: (row: Row) => Out,
): Promise<{ total: number; rows: Out[] }> {
  const [[{ total }], list] = await Promise.all([count, rows]);
  return { total, rows: list.map(toRow) };
}
