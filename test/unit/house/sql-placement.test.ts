import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { ROOT } from "../../support/source-graph";

// House rule (ADR 024): SQL lives in named server functions (`*.server.ts` in the room of what it
// reads); routes (app/routes/*) and jobs (worker/*.job.ts) call them and hold no SQL of their own.

const SQL_WORDS =
  /\b(select\s[\s\S]*?\sfrom\s+\w+(\s+\w+)?\s+(where|join|order\s+by|group\s+by|limit)\b|insert\s+into\s+\w+|update\s+\w+\s+set\b|delete\s+from\s+\w+|on\s+conflict)/i;

/**
 * Every place in `source` that is SQL: a tagged template (sql`…`, tx`…`, getSql()`…`, ctx.sql<…>`…` —
 * any tag), a call of `.unsafe(…)`, or a string or template literal that reads as a SQL statement.
 */
export function sqlIn(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node)) found.push(`${where(node)} tagged template ${node.tag.getText().slice(0, 40)}\`…\``);
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "unsafe")
      found.push(`${where(node)} .unsafe(…)`);
    else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) &&
      SQL_WORDS.test(node.getText())
    )
      found.push(`${where(node)} SQL text`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const routes = readdirSync(join(ROOT, "app/routes"))
  .filter((n) => /\.tsx?$/.test(n))
  .map((n) => `app/routes/${n}`);
const jobs = readdirSync(join(ROOT, "worker"))
  .filter((n) => n.endsWith(".job.ts"))
  .map((n) => `worker/${n}`);

describe("no SQL in routes or jobs", () => {
  it("checks every route and every job file", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(jobs).toEqual(expect.arrayContaining(["worker/lead-match.job.ts", "worker/notify-email.job.ts"]));
  });

  it.each([...routes, ...jobs])("%s holds no SQL", (file) => {
    expect(sqlIn(file, readFileSync(join(ROOT, file), "utf8"))).toEqual([]);
  });

  it("finds SQL in each form it takes (the check can fail)", () => {
    const planted = [
      "const [u] = await getSql()<{ id: string }[]>`select id from users where email = ${email}`;",
      "await tx`update notifications set status = 'dead' where id = ${id}`.execute();",
      "await ctx.sql.unsafe(text);",
      "const q = 'insert into routing_events (lead_id) values ($1)';",
    ];
    for (const line of planted) expect(sqlIn("planted.ts", line).length, line).toBeGreaterThan(0);
    expect(sqlIn("ok.tsx", 'const a = <p>{t("select a park from the list")}</p>; const b = `/queue/${id}`;')).toEqual([]);
  });
});
