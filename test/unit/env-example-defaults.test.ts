import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { webEnvSchema, workerEnvSchema } from "~/utils/env.server";

// .env.example shows each setting at its default: a copy of it must not quietly change what the code
// defaults to (INTAKE_MAX_IN_FLIGHT's default moved 48 → 256 while the example still said 48).
// Settings without a default (required, or optional and unset) are left to their own comments.
const example = readFileSync(".env.example", "utf8")
  .split("\n")
  .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
  .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);

describe(".env.example", () => {
  it.each([
    ["web", webEnvSchema],
    ["worker", workerEnvSchema],
  ] as const)("gives every %s setting that has a default the default's value", (_name, schema) => {
    const shape = schema.in.shape as Record<string, z.ZodType>;
    const differing: string[] = [];
    let compared = 0;
    for (const [key, value] of example) {
      const field = shape[key];
      if (!field || value === "") continue;
      const byDefault = field.safeParse(undefined);
      if (!byDefault.success || byDefault.data === undefined) continue;
      compared++;
      const given = field.safeParse(value);
      if (!given.success || JSON.stringify(given.data) !== JSON.stringify(byDefault.data))
        differing.push(`${key}=${value} (default ${JSON.stringify(byDefault.data)})`);
    }
    expect(compared).toBeGreaterThan(5);
    expect(differing).toEqual([]);
  });

  it.each([
    ["web", webEnvSchema],
    ["worker", workerEnvSchema],
  ] as const)("lists every %s setting (the README says it lists them all)", (_name, schema) => {
    const listed = new Set(example.map(([key]) => key));
    expect(Object.keys(schema.in.shape).filter((key) => !listed.has(key))).toEqual([]);
  });
});
