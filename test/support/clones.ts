import { readFileSync } from "node:fs";
import { join } from "node:path";

// A small clone detector for the house rule "no block of six or more lines is repeated" (issue 8,
// ADR 032): the same lines, to the letter once white space is folded, in two places. It reads files as
// text and skips what carries no logic of its own — blank lines, comments, import/re-export lines and
// lines of punctuation or closing tags alone (`}`, `);`, `</td>`) — the same lines `duplicates` passes over. Shape-alike
// code (same lines with other names) is not caught here: that is a judgement, left to review.

/** One meaningful line: its text with white space folded, and its 1-based line number in the file. */
type Line = { text: string; no: number };

/** A repeated run: `a` and `b` are "path:first-last" (1-based, inclusive); `lines` counts meaningful lines. */
export type Clone = { a: string; b: string; fileA: string; fileB: string; lines: number };

const PUNCTUATION_ONLY = /^[^\p{L}\p{N}]*$/u;
/** A line of closing JSX tags only (`</td>`, `</tr>`): the end of a block, like a lone `}`. */
const CLOSING_TAGS = /^(<\/[\w.]*>\s*)+[)};,]*$/;
const COMMENT = /^(\/\/|\/\*|\*|\{\/\*)/;

/** The meaningful lines of a source text (see the header): import blocks over several lines are skipped whole. */
export function meaningfulLines(source: string): Line[] {
  const out: Line[] = [];
  let inImport = false;
  let inBlockComment = false;
  source.split("\n").forEach((raw, i) => {
    const text = raw.trim().replace(/\s+/g, " ");
    if (inBlockComment) {
      if (text.includes("*/")) inBlockComment = false;
      return;
    }
    if (inImport) {
      if (/\bfrom\s+["']|^["'][^"']+["'];?$/.test(text)) inImport = false;
      return;
    }
    if (/^(import|export)\b.*\bfrom\s+["']/.test(text) || /^import\s+["']/.test(text)) return;
    if (/^import\b/.test(text) || /^export\s+(type\s+)?\{[^}]*$/.test(text)) {
      inImport = true;
      return;
    }
    if (text.startsWith("/*") && !text.includes("*/")) {
      inBlockComment = true;
      return;
    }
    if (text === "" || COMMENT.test(text) || PUNCTUATION_ONLY.test(text) || CLOSING_TAGS.test(text)) return;
    out.push({ text, no: i + 1 });
  });
  return out;
}

/**
 * Every run of at least `minLines` meaningful lines that stands, identical, in two places of `files`
 * (repository-relative paths under `root`). Overlapping places in one file (a line repeated
 * `minLines` + 1 times) are not a clone. Each pair of places is reported once, as its longest run.
 */
export function findClones(root: string, files: string[], minLines = 6): Clone[] {
  const lines = new Map(files.map((f) => [f, meaningfulLines(readFileSync(join(root, f), "utf8"))]));
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
