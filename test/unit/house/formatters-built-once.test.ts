import { readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { ROOT, sourceFiles } from "../../support/source-graph";

// House rule: a number or date is formatted by an Intl formatter built once (a module's constant), never by
// toLocaleString / toLocaleDateString / toLocaleTimeString with options, which builds a new formatter at
// every call (~80 µs against ~2 µs; the money of a threshold reason, formatted for every space matching
// scored, was 5 % of the worker's CPU profile in bench:e2e, 2026-12-06). Without options V8 keeps one.

/** Every call in `source` of a toLocale…String method given options (a second argument). */
export function formattersBuiltPerCall(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      /^toLocale(String|DateString|TimeString)$/.test(node.expression.name.text) &&
      node.arguments.length >= 2
    )
      found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText().slice(0, 80)}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("formatters are built once", () => {
  const files = sourceFiles();

  it("reads the app, the search client and the worker", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toEqual(expect.arrayContaining(["app/domain/money-format.ts", "worker/lead-match.job.ts"]));
  });

  it("no source formats with toLocale…String and options", () => {
    expect(files.flatMap((f) => formattersBuiltPerCall(f, readFileSync(join(ROOT, f), "utf8")))).toEqual([]);
  });

  it("finds such a call in each form it takes (the check can fail)", () => {
    const planted = [
      'const a = n.toLocaleString("en-US", { maximumFractionDigits: 2 });',
      "const b = (x * 2).toLocaleString(lng, opts);",
      'const c = d.toLocaleDateString("zh-CN", { month: "long" });',
      'const e = d.toLocaleTimeString(undefined, { hour: "2-digit" });',
    ];
    for (const line of planted) expect(formattersBuiltPerCall("planted.ts", line)).toHaveLength(1);
    expect(formattersBuiltPerCall("fine.ts", 'const t = total.toLocaleString("en"); const f = FMT.format(n);')).toEqual([]);
  });
});
