import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { type Clone, findClones, meaningfulLines } from "../../support/clones";
import { ROOT, sourceFiles } from "../../support/source-graph";

// House rule (issue 8, ADR 032): no block of six or more lines is repeated in app/, worker/ or
// search/ — one piece of code serves where the logic is the same. Test tables live in test/ and are
// not checked. The detector (test/support/clones.ts) compares lines to the letter once white space is
// folded, skipping blank lines, comments, imports and lines of punctuation or closing tags alone.

const MIN_LINES = 6;

/**
 * Repeats that stay, each with its reason (pairs of files, either order). Empty today; a pair listed
 * here that no longer repeats fails the test, so the list cannot go stale.
 */
const ALLOWED: { files: [string, string]; why: string }[] = [];

const styles = readdirSync(join(ROOT, "app/styles"))
  .filter((n) => n.endsWith(".css"))
  .map((n) => `app/styles/${n}`);
const files = [...sourceFiles(["app", "worker", "search"]), ...styles];

const allowed = (c: Clone) => ALLOWED.some(({ files: [a, b] }) => (c.fileA === a && c.fileB === b) || (c.fileA === b && c.fileB === a));

describe("no repeated blocks in app/, worker/ and search/", () => {
  const clones = findClones(ROOT, files, MIN_LINES);

  it("reads the source and the style sheets", () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toEqual(
      expect.arrayContaining(["app/routes/hotline.tsx", "worker/index.ts", "search/client.ts", "app/styles/admin.css"]),
    );
  });

  it(`has no block of ${MIN_LINES} or more lines in two places`, () => {
    expect(
      clones.filter((c) => !allowed(c)).map((c) => `${c.a} ~ ${c.b} (${c.lines} lines)`),
      "extract the shared piece (or, with a reason, add the pair to ALLOWED)",
    ).toEqual([]);
  });

  it("lists in ALLOWED only pairs that still repeat", () => {
    for (const { files: pair } of ALLOWED) expect(clones.some((c) => allowed(c) && pair.includes(c.fileA))).toBe(true);
  });
});

describe("the clone detector", () => {
  const block = [
    "const a = load(id);",
    "if (!a) return null;",
    "const b = a.items.map((x) => x.id);",
    "log(b);",
    "save(a, b);",
    "return b.length;",
  ];

  it("skips blank lines, comments, imports and lone punctuation or closing tags", () => {
    const text = [
      "import {",
      "  x,",
      '} from "y";',
      'import z from "z";',
      "",
      "// a comment",
      "/**",
      " * a docstring",
      " */",
      "function f() {",
      "  return (",
      "    <td>",
      "      {x}",
      "    </td>",
      "  );",
      "}",
    ].join("\n");
    expect(meaningfulLines(text).map((l) => l.text)).toEqual(["function f() {", "return (", "<td>", "{x}"]);
  });

  it("fails on a planted repeat (white space and comments aside), not on five lines nor on one line said seven times", () => {
    const dir = mkdtempSync(join(tmpdir(), "clones-"));
    writeFileSync(join(dir, "a.ts"), ["export function one(id: string) {", ...block, "}"].join("\n"));
    const indented = block.map((l) => `    ${l.replace(/ /g, "  ")}`);
    writeFileSync(
      join(dir, "b.ts"),
      ["export function two(id: string) {", ...indented.slice(0, 3), "  // pasted", ...indented.slice(3), "}"].join("\n"),
    );
    writeFileSync(join(dir, "c.ts"), ["export function three(id: string) {", ...block.slice(0, 5), "}"].join("\n"));
    writeFileSync(join(dir, "d.ts"), Array.from({ length: 7 }, () => "tick();").join("\n"));
    const found = findClones(dir, ["a.ts", "b.ts", "c.ts", "d.ts"], MIN_LINES);
    expect(found.map((c) => `${c.a} ~ ${c.b} ${c.lines}`)).toEqual(["a.ts:2-7 ~ b.ts:2-8 6"]);
  });
});
