import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { callerBoxes } from "~/hotline/desk.server";

import { ROOT } from "../support/source-graph";

// attack of 12-06 (ADR 178): the hotline desk's caller lookup, posted at each keystroke with the whole desk form,
// built the whole lead schema and ran it (the notes' readers among it) to take four boxes out of its payload.
// The route reads the four boxes (callerBoxes) and nothing of the lead schema.

describe("the caller lookup reads its four boxes only", () => {
  it("POST /hotline/callers neither builds nor runs the lead schema", () => {
    const source = readFileSync(join(ROOT, "app/routes/hotline_.callers.ts"), "utf8");
    expect(source).not.toMatch(/lead-schema|createLeadSchema|leadSchema|parseWithZod/);
    expect(source).toMatch(/callerBoxes\(form\)/);
  });

  it("takes each box as sent once as text, and nothing else of the form", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["contact.phone", "139 1234 5678"],
      ["contact.name", "王经理"],
      ["company.name", "南京港联精密机械"],
      ["company.creditCode", "91320100MA1XXXXX0X"],
      ["need.notes", "要5000平单层厂房".repeat(500)],
      ["consent", "on"],
    ])
      form.append(k, v);
    expect(callerBoxes(form)).toEqual({
      contact: { phone: "139 1234 5678", name: "王经理" },
      company: { name: "南京港联精密机械", creditCode: "91320100MA1XXXXX0X" },
    });
    form.append("company.name", "另一家"); // sent twice (a crafted post): no one value to look up
    form.delete("contact.phone");
    expect(callerBoxes(form)).toEqual({
      contact: { phone: "", name: "王经理" },
      company: { name: "", creditCode: "91320100MA1XXXXX0X" },
    });
  });
});
