import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { TOPICS } from "~/db/outbox.server";
import { LEAD_STATUSES } from "~/domain/statuses";
import { adminLabel } from "~/i18n/admin-messages";

// Codes the admin pages print read as words in both languages, never as the code (ADR 090): the lead's
// status on /admin/privacy (`assigned` showed on the Chinese page), the admin audit's actions (staff
// account, dead-letter pages) and the outbox topics (dashboard, dead letters).

const LNGS = ["zh", "en"] as const;
const inWords = (prefix: string, codes: readonly string[]) => {
  for (const lng of LNGS) for (const c of codes) expect([lng, c, adminLabel(lng, prefix, c) !== c]).toEqual([lng, c, true]);
};
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []));

describe("codes on admin pages in words", () => {
  it("every lead status and outbox topic", () => {
    inWords("leadStatus", LEAD_STATUSES);
    inWords("topic", TOPICS);
    expect(adminLabel("zh", "leadStatus", "assigned")).toBe("已分配");
  });

  it("every admin audit action written in app/ (literal, or a staff change's, or a retirement's)", () => {
    const written = new Set<string>();
    for (const f of files("app")) {
      const src = readFileSync(f, "utf8");
      if (!/writeAdminAudit\(|insert into admin_audit/.test(src)) continue;
      for (const m of src.matchAll(/\baction: "([a-z-]+)"/g)) written.add(m[1]);
      for (const m of src.matchAll(/\b(?:role|recruiter|active|password): "([a-z]+-[a-z-]+)"/g)) written.add(m[1]);
      for (const m of src.matchAll(/"((?:re)?activated|deactivated)"/g)) written.add(m[1]);
    }
    for (const noun of ["park", "space", "recruiter"]) for (const what of ["retired", "restored"]) written.add(`${noun}-${what}`);
    expect(written).toContain("account-created");
    expect(written).toContain("role-changed");
    expect(written.size).toBeGreaterThan(12);
    inWords("auditAction", [...written]);
  });
});
