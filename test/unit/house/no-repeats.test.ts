import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { type Clone, findClones, meaningfulLines, tableLines } from "../../support/clones";
import { ROOT, sourceFiles } from "../../support/source-graph";

// House rule (issue 8, ADRs 032 and 043): no block of six or more lines is repeated outside test
// tables — in app/, worker/, search/ and test/ (benchmarks, e2e, fixtures and support included) one
// piece of code serves where the logic is the same. A test table is an array literal of two or more
// object or array literals in a file under test/ (a list of cases or fixture rows): its rows are
// passed over. The detector (test/support/clones.ts) counts lines as `duplicates` does — to the letter
// once white space is folded, without blank lines, comments, import lines and lines of brackets and
// separators alone — except that an import over several lines is passed over whole (ADR 043).

const MIN_LINES = 6;

/**
 * Repeats that stay, each with its reason (pairs of files, either order). Empty today; a pair listed
 * here that no longer repeats fails the test, so the list cannot go stale.
 */
const ALLOWED: { files: [string, string]; why: string }[] = [];

const styles = readdirSync(join(ROOT, "app/styles"))
  .filter((n) => n.endsWith(".css"))
  .map((n) => `app/styles/${n}`);
const files = [...sourceFiles(["app", "worker", "search", "test"]), ...styles];
/** Test tables are recognised in test/ only: app/, worker/ and search/ hold no case lists. */
const hasTables = (file: string) => file.startsWith("test/");

const allowed = (c: Clone) => ALLOWED.some(({ files: [a, b] }) => (c.fileA === a && c.fileB === b) || (c.fileA === b && c.fileB === a));

describe("no repeated blocks in app/, worker/, search/ and test/", () => {
  const clones = findClones(ROOT, files, MIN_LINES, hasTables);

  it("reads the source, the tests, the benchmarks and the style sheets", () => {
    expect(files.length).toBeGreaterThan(400);
    expect(files).toEqual(
      expect.arrayContaining([
        "app/routes/hotline.tsx",
        "worker/index.ts",
        "search/client.ts",
        "app/styles/admin.css",
        "test/e2e/admin-journey.test.ts",
        "test/bench/e2e.bench.ts",
        "test/support/browser.ts",
        "test/fixtures/match-eval.ts",
        "test/unit/house/no-repeats.test.ts",
      ]),
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

  it("counts lines as `duplicates` does (not blank lines, comments, import lines nor brackets alone; closing tags count), imports over several lines passed over whole", () => {
    const text = [
      "import {",
      "  type ActionFunctionArgs,",
      "  data,",
      '} from "@remix-run/node";',
      'import z from "z";',
      'export { a } from "./a";',
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
      "  ) : (",
      "  );",
      "}",
    ].join("\n");
    expect(meaningfulLines(text).map((l) => l.text)).toEqual(["function f() {", "return (", "<td>", "{x}", "</td>"]);
  });

  it("recognises a test table: the rows of an array of object or array literals, not a one-row array nor code around it", () => {
    const text = [
      "const cases = [", // 1
      '  { input: "5千平", sqm: 5000 },',
      "  {",
      '    input: "3亩",',
      "    sqm: 2000,",
      "  },", // 6
      "];",
      'const pairs = [["a", 1], ["b", 2]];', // 8
      'const one = [{ input: "x" }];',
      "for (const c of cases) check(c);", // 10
    ].join("\n");
    expect([...tableLines(text)].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 8]);
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

  it("fails on a set-up pasted into two test files, not on the same rows in two test tables", () => {
    const dir = mkdtempSync(join(tmpdir(), "clones-"));
    mkdirSync(join(dir, "test/e2e"), { recursive: true });
    const setUp = [
      "beforeAll(async () => {",
      '  db = await createTestDatabase("x");',
      "  web = await startWebServer({ DATABASE_URL: db.url });",
      "  browser = await launchChromium();",
      "});",
      "afterAll(async () => {",
      "  await browser?.close();",
      "  await web?.stop();",
      "  await db?.drop();",
      "});",
    ];
    const rows = block.map((l, i) => `  { name: "case ${i}", code: ${JSON.stringify(l)} },`);
    writeFileSync(join(dir, "test/e2e/a.test.ts"), [...setUp, "const cases = [", ...rows, "];"].join("\n"));
    writeFileSync(join(dir, "test/e2e/b.test.ts"), ['it("b", () => {});', ...setUp, "const more = [", ...rows, "];"].join("\n"));
    const found = findClones(dir, ["test/e2e/a.test.ts", "test/e2e/b.test.ts"], MIN_LINES, (f) => f.startsWith("test/"));
    expect(found.map((c) => `${c.a} ~ ${c.b} ${c.lines}`)).toEqual(["test/e2e/a.test.ts:1-9 ~ test/e2e/b.test.ts:2-10 8"]);
    // Without table recognition the rows are a repeat too: the rule above is what lets them stand.
    expect(findClones(dir, ["test/e2e/a.test.ts", "test/e2e/b.test.ts"], MIN_LINES)).toHaveLength(2);
  });
});
