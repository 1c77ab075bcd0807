import { readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { ROOT, sourceFiles } from "../../support/source-graph";

// ADR 169 refuses 在租 (and 出租中) in an import's 状态: it is said both of a space on offer for lease and of one already let.
// The app's own words must not use it either (import37: "房源已 40 天未核实在租" meant "not confirmed still available").
// Every literal a person may read (app/, worker/), but the status reader's own words, which read the typed cell, and a
// message that quotes the refused word ("“在租”既可指…"), says it only between quotation marks. ADR 180.

/** The files that read 在租 in what people type (a cell's word), never say it. */
const READS_THE_WORD = ["app/inventory/status-words.ts"];
const AMBIGUOUS = /在租|出租中/gu;
/** A quoted mention: “在租”, "在租", 「在租」. */
const QUOTED = /[“"「](?:在租|出租中)[”"」]/gu;

function literals(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) out.push(node.text);
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The literals that say the ambiguous word unquoted. */
export function unquotedAmbiguous(file: string, source: string): string[] {
  return literals(file, source).filter((t) => (t.replace(QUOTED, "").match(AMBIGUOUS) ?? []).length > 0);
}

describe("the app's own words never say 在租 (ADR 169's refused word) but quoting it", () => {
  it("no literal in app/ or worker/ says 在租 or 出租中 unquoted", () => {
    const hits = sourceFiles(["app", "worker"])
      .filter((f) => !READS_THE_WORD.includes(f))
      .flatMap((f) => unquotedAmbiguous(f, readFileSync(join(ROOT, f), "utf8")).map((t) => `${f}: ${t.slice(0, 60)}`));
    expect(hits).toEqual([]);
  });

  it("finds the word in messages, templates and JSX, and lets a quotation of it pass", () => {
    const source = [
      'const a = { "k": "房源已 {days} 天未核实在租" };',
      "const b = `房源 ${d} 天未核实在租`;",
      "const c = <p>所有在租房源</p>;",
      'const d = "“在租”既可指正在招租，也可指已经租出";',
      'const e = "房源已 {days} 天未核实是否仍可租售";',
    ].join("\n");
    expect(unquotedAmbiguous("x.tsx", source)).toEqual(["房源已 {days} 天未核实在租", " 天未核实在租", "所有在租房源"]);
  });
});
