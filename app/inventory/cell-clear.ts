import { cleanTyped } from "~/domain/format-chars";

// What a cell of an Excel/CSV import means for a row already stored (docs/decisions/160): blank leaves the
// stored value as it is, as a column left out of the sheet does; the clear word empties it. Excel users leave
// a column blank for "no change", and a sheet re-imported with a column emptied wiped that field of every row.

/** The words that clear a stored value, as the preview and the template say them. */
export const CLEAR_WORDS = ["清空", "-"] as const;

/**
 * Whether a cell's text is the clear word: 清空, or a lone dash (- － – —), spaces around it ignored. A clear
 * word in a new row's cell is a blank cell.
 */
export function isClearWord(cell: unknown): boolean {
  if (cell === null || cell === undefined) return false;
  return /^(?:清空|[-－–—])$/.test(cleanTyped(String(cell)));
}
