import { readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { ROOT, sourceFiles } from "../../support/source-graph";

// House rule: the lead schema of a language and channel with the real clock is taken from `leadSchema`
// (built once a process), never built per request or per keystroke with `createLeadSchema(lng, channel)`:
// building it costs ~3 ms of CPU against ~1 ms for the hotline desk's whole live preview with a built one
// (2026-12-06: the desk's as-you-type match preview built it twice a request, 5.7 → 1.0 ms). Only a call that
// needs what `leadSchema` cannot give — options (another clock, blanks kept, newer notes) — builds its own.

/** Every call in `source` of createLeadSchema without options (a third argument), outside lead-schema.ts. */
export function leadSchemasBuiltPerCall(file: string, source: string): string[] {
  if (file.endsWith("app/domain/lead-schema.ts")) return [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "createLeadSchema" &&
      node.arguments.length < 3
    )
      found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText().slice(0, 80)}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("the lead schema is built once a language and channel", () => {
  const files = sourceFiles();

  it("reads the desks' routes and servers", () => {
    expect(files).toEqual(
      expect.arrayContaining(["app/hotline/desk.server.ts", "app/routes/hotline.tsx", "app/routes/hotline_.matches.ts"]),
    );
  });

  it("no source builds a lead schema without options", () => {
    expect(files.flatMap((f) => leadSchemasBuiltPerCall(f, readFileSync(join(ROOT, f), "utf8")))).toEqual([]);
  });

  it("finds such a call in each form it takes (the check can fail)", () => {
    const planted = [
      'const s = createLeadSchema(lng, "hotline");',
      "const { payload } = parseWithZod(form, { schema: createLeadSchema(lng) });",
      'const p = createLeadSchema("zh", "web").safeParse(v);',
    ];
    for (const line of planted) expect(leadSchemasBuiltPerCall("app/planted.ts", line)).toHaveLength(1);
    expect(
      leadSchemasBuiltPerCall("app/fine.ts", 'const s = leadSchema(lng, "hotline"); const t = createLeadSchema(lng, "hotline", { now });'),
    ).toEqual([]);
  });
});
