import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

import { describe, expect, it } from "vitest";

// One way to take a form (issue 8, ADR 025): routes parse forms with Conform + Zod — `parseWithZod`
// or `parseActionForm` (app/http/action-form.server.ts) — and never read fields by hand.

const ROOT = join(import.meta.dirname, "../..");
const ROUTES = join(ROOT, "app/routes");

/**
 * Route files allowed to read FormData by hand, each with its reason. Empty since the hotline desk and
 * the Excel import went through Conform (the import's workbook is a File in the schema). A file listed
 * here that no longer reads by hand fails the test, so the list cannot go stale.
 */
const NOT_YET_CONVERTED = new Set<string>([]);

/** Reading a field by hand: `formData.get(`, `form.getAll(`, `(await request.formData()).get(` … */
const BY_HAND = /\b(?:formData|form|body|fd)\s*\.\s*(?:get|getAll|has)\s*\(|\.formData\(\)\s*\)\s*\.\s*get/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const routes = walk(ROUTES).map((file) => ({ file, name: relative(ROUTES, file), text: readFileSync(file, "utf8") }));

/** A route reads a form: `request.formData()` with the result given to Conform, or the shared helper. */
function handReadings(text: string): string[] {
  const lines = text.split("\n");
  const found = lines.filter((line) => BY_HAND.test(line));
  // A FormData read from the request must go to parseWithZod; anything else is reading by hand.
  // (leadFormValidator, app/leads/lead-form-validation.ts, is parseWithZod over the one lead schema.)
  if (/request\.formData\(\)/.test(text) && !/parseWithZod\(|leadFormValidator\(/.test(text))
    found.push("request.formData() without parseWithZod");
  return found.map((l) => l.trim());
}

describe("every route takes forms the one way", () => {
  it("finds the route files (the walk itself works)", () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map((r) => r.name)).toContain("login.tsx");
  });

  it.each(routes.filter((r) => !NOT_YET_CONVERTED.has(r.name)).map((r) => [r.name, r.text]))(
    "%s reads no form field by hand",
    (_name, text) => {
      expect(handReadings(text)).toEqual([]);
    },
  );

  it("the allowlist names only files that exist and still read by hand (empty it as they are converted)", () => {
    for (const name of NOT_YET_CONVERTED) {
      const route = routes.find((r) => r.name === name);
      expect(route, `${name} is listed but does not exist`).toBeDefined();
      expect(handReadings(route!.text).length, `${name} no longer reads by hand: remove it from NOT_YET_CONVERTED`).toBeGreaterThan(0);
    }
  });

  it("the checker catches the ways a field is read by hand", () => {
    for (const bad of [
      'const email = String(form.get("email") ?? "");',
      'const x = formData.get("intent");',
      'const y = formData.getAll("ids");',
      'const z = (await request.formData()).get("csrf");',
    ])
      expect(handReadings(bad), bad).not.toEqual([]);
    expect(handReadings("const form = await request.formData();\nconst s = parseWithZod(form, { schema });")).toEqual([]);
    expect(handReadings("const form = await request.formData();\nuse(form);")).not.toEqual([]);
  });
});

describe("one row-id rule", () => {
  it("no copy of the UUID regex is left in app/ (app/domain/ids.ts holds the one rule)", () => {
    const copies = walk(join(ROOT, "app"))
      .filter((f) => !f.endsWith("domain/ids.ts"))
      .filter((f) => /\[0-9a-f\]\{8\}-|\[0-9a-f-\]\{36\}/i.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(copies).toEqual([]);
  });
});
