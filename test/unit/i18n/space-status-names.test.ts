import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { failureReason } from "~/domain/matching/why-not";
import { SPACE_STATUSES } from "~/domain/statuses";
import { readTextRow, spaceStatusLabel } from "~/inventory/inventory-columns";

import { lead, space } from "../../fixtures/match-eval";
import { ROOT } from "../../support/source-graph";

// One name a space status, wherever a person reads it: the admin's list and form, the import's errors
// and template, the recruiter's shortlist picker and the matcher's "why not" (admin called a reserved
// space 已预订 while the desk said 已预留; let was 已租售 in one place and 已出租/已售 in another).
// The public shortlist's sentences ("该空间目前已被预留", "该空间已租出或售出") say the same in words.

const NAMES = {
  available: { zh: "可租售", en: "available" },
  reserved: { zh: "已预留", en: "reserved" },
  let: { zh: "已租售", en: "let or sold" },
} as const;

describe("space status names", () => {
  it("the status column's labels are the names: 可租售 / 已预留 / 已租售 (let covers let and sold)", () => {
    for (const s of SPACE_STATUSES) {
      expect(spaceStatusLabel("zh", s)).toBe(NAMES[s].zh);
      expect(spaceStatusLabel("en", s)).toBe(NAMES[s].en);
    }
  });

  it("the matcher's why-not says the same names", () => {
    for (const status of ["reserved", "let"] as const) {
      const r = failureReason(lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000 }), space({ status }), "status");
      expect(r.zh).toContain(`房源状态 ${NAMES[status].zh}`);
      expect(r.en).toContain(`Space is ${NAMES[status].en}`);
    }
  });

  it("no catalog names a status otherwise (预订, 已出租, 已售, 已出售)", () => {
    const dir = join(ROOT, "app/i18n");
    const stray = readdirSync(dir)
      .filter((f) => f.endsWith("-messages.ts"))
      .flatMap((f) =>
        readFileSync(join(dir, f), "utf8")
          .split("\n")
          .filter((line) => /预订|已出租|已售|已出售/.test(line))
          .map((line) => `${f}: ${line.trim()}`),
      );
    expect(stray).toEqual([]);
  });

  it("a sheet may still say 已预订, 已出租 or let: read as before", () => {
    for (const [cell, status] of [
      ["已预订", "reserved"],
      ["已预留", "reserved"],
      ["已出租", "let"],
      ["let", "let"],
      ["let or sold", "let"],
    ] as const)
      expect(readTextRow("spaces", { status: cell }).value.status, cell).toBe(status);
  });
});
