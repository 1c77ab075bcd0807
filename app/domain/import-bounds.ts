// The size of one inventory import, wherever it comes in (an Excel/CSV upload, POST /api/import): one
// import is one transaction, and every space in it is matched against the open leads afterwards.

/** More rows than this in one import is refused before anything is read further (the upload, and the JSON body in the request gate). */
export const MAX_IMPORT_ROWS = 20_000;

/** The collections of a JSON import body, its only top-level keys (docs/decisions/124): rows are counted, and read, under these alone. */
export const IMPORT_COLLECTIONS = ["parks", "spaces", "recruiters"] as const;
