import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Page } from "playwright-core";

// axe-core in a test's browser page: one runner for every browser test (the accessibility checks of
// issue 8's e2e files), each test keeping its own assertion on what it returns.

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** One violation axe-core found: its rule, its impact ("minor" … "critical") and the CSS targets of its nodes. */
export type AxeViolation = { id: string; impact: string; nodes: string[] };

/**
 * Runs axe-core on the page as it is, with `runOptions` (axe's `run` options; default all rules) and
 * returns its violations. `inject`: "script-tag" adds axe as a <script> (the context needs bypassCSP),
 * "evaluate" evaluates it in the page (works under the page's own CSP, which allows no foreign script).
 */
export async function axeViolations(
  page: Page,
  { inject = "script-tag", runOptions = {} }: { inject?: "script-tag" | "evaluate"; runOptions?: object } = {},
): Promise<AxeViolation[]> {
  if (inject === "script-tag") await page.addScriptTag({ content: AXE });
  else await page.evaluate(AXE);
  return page.evaluate(async (options) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, options);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  }, runOptions);
}

/** The serious and critical ones, as "rule (node count)": what the browser tests assert is empty. */
export function seriousViolations(violations: AxeViolation[]): string[] {
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
}
