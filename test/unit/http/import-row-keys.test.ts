import { describe, expect, it } from "vitest";

import { IMPORT_COLLECTIONS } from "~/domain/import-bounds";
import { MAX_JSON_DEPTH, scanJsonShape } from "~/http/inspect-body";

// docs/decisions/124: the gate counts an import's rows under its collections' keys alone; another
// top-level key's array (refused by the import, named) is not rows.

const keys = new Set<string>(IMPORT_COLLECTIONS);
const rows = (body: unknown, only?: ReadonlySet<string>) => scanJsonShape(JSON.stringify(body), MAX_JSON_DEPTH, only).rows;

describe("scanJsonShape's rows under the import's collections", () => {
  it("counts parks, spaces and recruiters, not another key's array, nor arrays deeper down", () => {
    const body = { parks: [1, 2], notes: [1, 2, 3, 4], spaces: [{ deals: ["lease", "buy"] }], recruiters: [], meta: { list: [1, 2] } };
    expect(rows(body, keys)).toBe(3);
    expect(rows(body)).toBe(7); // without the keys: every array under the root, as for other bodies
    expect(rows({ "spaces ": [1, 2], Spaces: [1] }, keys)).toBe(0); // keys as written: no near misses counted
    expect(rows({ "sp\\u0061ces": [1, 2] }, keys)).toBe(0);
    expect(scanJsonShape('{"sp\\u0061ces": [1, 2]}', MAX_JSON_DEPTH, keys).rows).toBe(2); // an escaped key is the key
  });
});
