import { readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";

// A small clone detector for the house rule "no block of six or more lines is repeated outside test
// tables" (issue 8, ADRs 032 and 043): the same lines, to the letter once white space is folded, in two
// places. It reads files as text and counts a line the way `duplicates` does (ADR 043), so that the test
// and the command agree on what an identical repeat is: it passes over blank lines, comments, lines
// shorter than three characters or made of brackets and separators alone (`}`, `);`, `)}`, `) : (`) and
// import lines (`import …`, `export { … } from …`); closing tags (`</td>`) count. One difference: an
// import written over several lines is passed over whole, names and all, where `duplicates` counts
// the names — a sorted list of what a file uses is no logic, and one more name turns a one-line import
// (passed over by both) into such a list (ADR 043). Shape-alike code (same lines with other names) is
// not caught here: that is a judgement, left to review (`duplicates` shows it).

/** One meaningful line: its text with white space folded, and its 1-based line number in the file. */
type Line = { text: string; no: number };

/** A repeated run: `a` and `b` are "path:first-last" (1-based, inclusive); `lines` counts meaningful lines. */
export type Clone = { a: string; b: string; fileA: string; fileB: string; lines: number };

/** Brackets and separators only (`duplicates`' NO_SUBSTANCE): `});`, `) : (`, `]}`. */
const NO_SUBSTANCE = /^[\s{}()[\];,:.]*$/;
/** Comments and docstring lines; a line that starts with the end of a comment is code. */
const COMMENT = /^(\/\/|\/\*|\*(?!\/))/;
/** One-line imports and re-exports (and `require`). */
const HEADER = /^(import\b|export \{[^}]*\} from |(const |var |let )?[\w{}, ]+ = require\()/;

/**
 * The meaningful lines of a source text (see the header). `skip` holds 1-based line numbers to pass
 * over as well (the lines of a test table, see `tableLines`).
 */
export function meaningfulLines(source: string, skip: ReadonlySet<number> = new Set()): Line[] {
  const out: Line[] = [];
  let inImport = false;
  source.split("\n").forEach((raw, i) => {
    const text = raw.trim().replace(/\s+/g, " ");
    if (inImport) {
      if (/\bfrom\s+["']|^["'][^"']+["'];?$/.test(text)) inImport = false;
      return;
    }
    if (/^import\b[^"']*$/.test(text) || /^export\s+(type\s+)?\{[^}]*$/.test(text)) {
      inImport = true; // the names of a multi-line import, to its `} from "…";`
      return;
    }
    if (text.length < 3 || NO_SUBSTANCE.test(text) || COMMENT.test(text) || HEADER.test(text) || skip.has(i + 1)) return;
    out.push({ text, no: i + 1 });
  });
  return out;
}

/**
 * The 1-based line numbers of the test tables in a test file: every array literal of two or more
 * elements that are all object or array literals (`[{ name, input, expected }, …]`, `[["5千平", 5000], …]`)
 * — a table of cases or fixture rows, where rows alike by design are the point (issue 8 allows
 * repeats there). The lines of its rows are passed over; the code around the table still counts.
 */
export function tableLines(source: string, fileName = "file.ts"): Set<number> {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    false,
    fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const lines = new Set<number>();
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (
      ts.isArrayLiteralExpression(node) &&
      node.elements.length >= 2 &&
      node.elements.every((e) => ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e))
    ) {
      for (const e of node.elements) for (let l = lineOf(e.getStart(file)); l <= lineOf(e.getEnd()); l++) lines.add(l);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

/**
 * Every run of at least `minLines` meaningful lines that stands, identical, in two places of `files`
 * (repository-relative paths under `root`). Overlapping places in one file (a line repeated
 * `minLines` + 1 times) are not a clone. Each pair of places is reported once, as its longest run.
 * `hasTables(file)` says which files may hold test tables (their rows are passed over; default none).
 */
export function findClones(root: string, files: string[], minLines = 6, hasTables: (file: string) => boolean = () => false): Clone[] {
  const lines = new Map(
    files.map((f) => {
      const source = readFileSync(join(root, f), "utf8");
      return [f, meaningfulLines(source, hasTables(f) ? tableLines(source, f) : undefined)];
    }),
  );
  const seen = new Map<string, { file: string; at: number }[]>();
  for (const [file, ls] of lines)
    for (let at = 0; at + minLines <= ls.length; at++) {
      const key = ls
        .slice(at, at + minLines)
        .map((l) => l.text)
        .join("\n");
      const places = seen.get(key) ?? [];
      places.push({ file, at });
      seen.set(key, places);
    }
  // Window pairs (first place ~ each later one), then grown into runs: a window whose successor on both
  // sides is also a pair belongs to the same run.
  const pairs = new Set<string>();
  const starts: { fileA: string; atA: number; fileB: string; atB: number }[] = [];
  for (const places of seen.values()) {
    if (places.length < 2) continue;
    const first = places[0];
    for (const other of places.slice(1)) {
      if (other.file === first.file && other.at - first.at < minLines) continue;
      pairs.add(`${first.file}#${first.at}#${other.file}#${other.at}`);
      starts.push({ fileA: first.file, atA: first.at, fileB: other.file, atB: other.at });
    }
  }
  const clones: Clone[] = [];
  for (const s of starts) {
    if (pairs.has(`${s.fileA}#${s.atA - 1}#${s.fileB}#${s.atB - 1}`)) continue; // not the start of its run
    let n = 0;
    while (pairs.has(`${s.fileA}#${s.atA + n + 1}#${s.fileB}#${s.atB + n + 1}`)) n++;
    const la = lines.get(s.fileA)!;
    const lb = lines.get(s.fileB)!;
    const span = (ls: Line[], at: number) => `${ls[at].no}-${ls[at + n + minLines - 1].no}`;
    clones.push({
      a: `${s.fileA}:${span(la, s.atA)}`,
      b: `${s.fileB}:${span(lb, s.atB)}`,
      fileA: s.fileA,
      fileB: s.fileB,
      lines: n + minLines,
    });
  }
  return clones.sort((x, y) => y.lines - x.lines || x.a.localeCompare(y.a));
}
