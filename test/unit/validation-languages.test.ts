import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../app/domain/lead-schema";
import { validationTemplates } from "../../app/i18n/validation-messages";
import { validLeadJson } from "../support/leads";

// Issue 9 item 15: every message a person can see is in their language. The fields are not listed by
// hand: they are read from the schema itself, so a field added later is driven too.

type AnySchema = z.ZodType & {
  def: { type: string; shape?: Record<string, AnySchema>; in?: AnySchema; out?: AnySchema; innerType?: AnySchema };
};

/** The object shape under preprocess/pipe/refine wrappers, or null for a leaf field. */
function shapeOf(schema: AnySchema): Record<string, AnySchema> | null {
  const def = schema.def;
  if (def.type === "object") return def.shape ?? null;
  if (def.type === "pipe") return shapeOf(def.out!) ?? shapeOf(def.in!);
  if (def.innerType) return shapeOf(def.innerType);
  return null;
}

function fieldsOf(schema: AnySchema, prefix: string[] = []): string[][] {
  const shape = shapeOf(schema);
  if (!shape) return [prefix];
  return Object.entries(shape).flatMap(([k, v]) => fieldsOf(v, [...prefix, k]));
}

const BAD_VALUES: unknown[] = [
  {},
  [],
  [1, { a: 2 }],
  true,
  false,
  -5,
  1e300,
  Number.NaN,
  "",
  "abc",
  "-5",
  "２０２７-１３",
  "2027-13",
  "尽快尽快",
  "x".repeat(5000),
  "\u0000",
  "五千平以下以上",
  "十亿亿",
];

type Json = Record<string, unknown>;

function withValue(base: Json, path: string[], value: unknown) {
  const copy = structuredClone(base);
  let node = copy;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[path[path.length - 1]] = value;
  return copy;
}

const templates = (lng: "zh" | "en") =>
  validationTemplates(lng).map(
    // A placeholder ({max}, or a plural choice {max:character|characters}) stands for any text.
    (t) =>
      new RegExp(
        `^${t
          .split(/\{[^{}]+\}/)
          .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"))
          .join(".+")}$`,
      ),
  );

describe.each(["zh", "en"] as const)("every field with bad values in %s", (lng) => {
  const allowed = templates(lng);
  const other = new Set(validationTemplates(lng === "zh" ? "en" : "zh"));
  it.each<LeadChannel>(["web", "api", "hotline"])("channel %s: only our own messages, in the right language", (channel) => {
    const schema = createLeadSchema(lng, channel) as unknown as AnySchema;
    const fields = fieldsOf(schema);
    expect(fields.length).toBeGreaterThanOrEqual(25); // the schema was actually walked
    const base = { ...validLeadJson(), consent: true };
    let issues = 0;
    for (const path of fields) {
      for (const bad of BAD_VALUES) {
        const r = (schema as unknown as z.ZodType).safeParse(withValue(base, path, bad));
        if (r.success) continue;
        for (const [field, messages] of Object.entries(issuesToFieldErrors(r.error))) {
          for (const message of messages) {
            issues++;
            const ok = allowed.some((re) => re.test(message)) && !other.has(message);
            if (!ok) throw new Error(`${path.join(".")} = ${JSON.stringify(bad).slice(0, 40)} → ${field}: ${message}`);
          }
        }
      }
    }
    expect(issues).toBeGreaterThan(100);
  });

  it("the whole body and whole groups of the wrong type", () => {
    const schema = createLeadSchema(lng, "api");
    for (const body of ["x", 5, [], null]) {
      const r = schema.safeParse(body);
      expect(r.success).toBe(false);
      for (const m of Object.values(issuesToFieldErrors(r.error!)).flat()) expect(allowed.some((re) => re.test(m))).toBe(true);
    }
    for (const group of ["need", "use", "tax", "company", "contact"]) {
      const r = schema.safeParse({ ...validLeadJson(), [group]: "oops" });
      for (const m of Object.values(issuesToFieldErrors(r.error!)).flat()) expect(allowed.some((re) => re.test(m))).toBe(true);
    }
  });
});
