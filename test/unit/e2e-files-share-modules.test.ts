import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import config from "../../vitest.config";
import { importsOf, ROOT } from "../support/source-graph";

// The e2e files run in their worker's shared module graph (vitest `isolate: false`, ADR 194), as the
// integration files already do: one file's module-level state or mocks would reach the next file of the
// same worker. What makes that safe is checked here, so a browser file that needs isolation says so.

const e2eFiles = readdirSync(join(ROOT, "test/e2e"))
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => `test/e2e/${f}`);

/** The test support modules the e2e files load, directly or through one another (shared between files). */
function sharedSupport(): string[] {
  const seen = new Set<string>();
  const queue = [...e2eFiles];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const target of importsOf(file)) {
      if (!target.startsWith("test/")) continue;
      const path = [`${target}.ts`, target].find((p) => existsSync(join(ROOT, p)) && p.endsWith(".ts"));
      if (!path || seen.has(path)) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  return [...seen].sort();
}

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** What would outlive a file in a shared worker: mocks, stubs, fake timers, a changed process.env. */
const LEAKS = [
  /\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|spyOn)\(/,
  /\bprocess\.env\.[A-Za-z_]+\s*(=|\?\?=|\|\|=)(?!=)/,
  /\bprocess\.env\[[^\]]+\]\s*=(?!=)/,
  /\bdelete process\.env\b/,
];

describe("e2e files share their worker's modules (ADR 194)", () => {
  it("the e2e project does not isolate its files", () => {
    const e2e = config.test?.projects?.find(
      (p): p is { test: { name: string; isolate?: boolean } } => typeof p === "object" && "test" in p && p.test?.name === "e2e",
    );
    expect(e2e?.test.isolate).toBe(false);
  });

  it("no e2e file nor the support it loads mocks, stubs, fakes timers or sets process.env", () => {
    const files = [...e2eFiles, ...sharedSupport()];
    expect(files.length).toBeGreaterThan(e2eFiles.length); // the support was found
    const offenders = files.flatMap((file) => LEAKS.filter((leak) => leak.test(read(file))).map((leak) => `${file}: ${leak.source}`));
    expect(offenders).toEqual([]);
  });

  it("the support modules the e2e files share keep no module-level variable", () => {
    const offenders = sharedSupport().filter((file) => /^(export )?(let|var) /m.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it("the checks catch what they look for", () => {
    const caught = (text: string) => LEAKS.some((leak) => leak.test(text));
    for (const bad of [
      'vi.mock("~/db/db.server")',
      "vi.useFakeTimers()",
      'process.env.WARM_READERS = "1";',
      "process.env.X ??= 'a'",
      'process.env["A"] = "b"',
    ])
      expect(caught(bad), bad).toBe(true);
    for (const fine of ["const url = process.env.MEILI_URL!;", "if (process.env.CHROMIUM_PATH === x) {}", "{ ...process.env, PORT: '1' }"])
      expect(caught(fine), fine).toBe(false);
  });
});
