import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

// Trial 12-05 (low): the README did not say which demo recruiter covers which park. Its table is checked
// against the demo data, so a change of either is seen.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const demo = JSON.parse(readFileSync(new URL("../../app/data/demo-inventory.json", import.meta.url), "utf8")) as {
  parks: { id: string; name: string; district: string }[];
  recruiters: { id: string; name: string; email: string; parks: string[]; channel: string }[];
};

describe("README: the demo recruiters and their parks", () => {
  const rows = [...readme.matchAll(/^\| (R\d+) (\S+) \| `([^`]+)` \| (.+?) \|(.*)\|$/gm)].map((m) => ({
    id: m[1],
    name: m[2],
    email: m[3],
    parks: m[4],
    notes: m[5],
  }));

  it("lists every demo recruiter once, with their sign-in and every park they cover (id, name, district)", () => {
    expect(rows.map((r) => r.id)).toEqual(demo.recruiters.map((r) => r.id));
    for (const r of demo.recruiters) {
      const row = rows.find((x) => x.id === r.id)!;
      expect(r.name.startsWith(row.name)).toBe(true);
      expect(row.email).toBe(r.email);
      for (const id of r.parks) {
        const park = demo.parks.find((p) => p.id === id)!;
        expect(row.parks).toContain(`${id} ${park.name.replace(/（示例）$/, "")} (${park.district})`);
      }
      if (r.channel === "hotline") expect(row.notes).toContain("by phone");
    }
  });

  it("every demo park has a recruiter in the table", () => {
    for (const p of demo.parks) expect(rows.some((r) => r.parks.includes(p.id))).toBe(true);
  });
});
