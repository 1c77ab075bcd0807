import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { indexNames } from "../../../search/index-names";
import { ROOT, sourceFiles } from "../../support/source-graph";

// House rule (ADR 090): an index is named one way — indexNames(prefix) in search/index-names.ts, which
// puts MEILI_INDEX_PREFIX before the bare uid (the web reads it through webIndexNames()). The bare
// constants LEADS_INDEX, SPACES_INDEX and PARKS_INDEX are read nowhere else in app/, worker/ and
// search/, and no index is named by a string literal: an unprefixed uid reads another installation's
// index on a shared Meilisearch, or an empty one (the admin lead search and a person's data export did).

const NAMER = "search/index-names.ts";
const DEFINED: Record<string, string> = {
  LEADS_INDEX: "search/leads.index.ts",
  SPACES_INDEX: "search/spaces.index.ts",
  PARKS_INDEX: "search/parks.index.ts",
};

/** Files (other than the namer and each constant's own definition) that name a bare index constant or `.index("…")`. */
export function unprefixedIndexUses(files: string[], read: (file: string) => string): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (f === NAMER) continue;
    const src = read(f);
    for (const [name, home] of Object.entries(DEFINED)) {
      const uses = src.match(new RegExp(`\\b${name}\\b`, "g"))?.length ?? 0;
      if (uses > (f === home ? 1 : 0)) out.push(`${f}: ${name}`);
    }
    if (/\.index\(\s*["'`]/.test(src)) out.push(`${f}: .index("…")`);
  }
  return out;
}

describe("index uids have one namer", () => {
  const files = sourceFiles(["app", "worker", "search"]);

  it("reads app/, worker/ and search/", () => {
    expect(files).toEqual(
      expect.arrayContaining([NAMER, "app/admin/lead-list.server.ts", "app/privacy/requests.server.ts", "worker/runtime.ts"]),
    );
  });

  it("no bare index constant or literal uid outside search/index-names.ts", () => {
    expect(unprefixedIndexUses(files, (f) => readFileSync(join(ROOT, f), "utf8"))).toEqual([]);
  });

  it("finds a bare constant, a default parameter and a literal", () => {
    const src: Record<string, string> = {
      "a.ts": 'import { LEADS_INDEX } from "./leads.index";\nsearch.index(LEADS_INDEX).search(q);',
      "search/spaces.index.ts": 'export const SPACES_INDEX = "spaces";\nexport function ensure(uid = SPACES_INDEX) {}',
      "search/parks.index.ts": 'export const PARKS_INDEX = "parks";',
      "b.ts": 'client.index("leads").getDocument(id);',
      "c.ts": "client.index(names.leads).getDocument(id);",
    };
    expect(unprefixedIndexUses(Object.keys(src), (f) => src[f])).toEqual([
      "a.ts: LEADS_INDEX",
      "search/spaces.index.ts: SPACES_INDEX",
      'b.ts: .index("…")',
    ]);
  });

  it("puts the prefix before every uid", () => {
    expect(indexNames("pm1_")).toEqual({ leads: "pm1_leads", spaces: "pm1_spaces", parks: "pm1_parks" });
  });
});
