import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import type { RoutingRule } from "~/domain/routing/policy";
import { LEAD_CLOSED_AS, NOTIFICATION_KINDS, ROUTING_EVENTS, ROUTING_RULES, type RoutingRuleCode } from "~/domain/statuses";
import { adminLabel } from "~/i18n/admin-messages";
import { auditMessages } from "~/i18n/audit-messages";

// The routing audit on /admin/leads/<id> shows people's words for every event and rule code, in both
// languages — never `no-match` or `已发邮件（assignment）` (the new-user tryout of 2026-12-01).

const LNGS = ["zh", "en"] as const;

describe("routing audit labels", () => {
  it("every routing event (ROUTING_EVENTS) has a label in Chinese and in English", () => {
    for (const lng of LNGS) for (const e of ROUTING_EVENTS) expect([lng, e, adminLabel(lng, "event", e) !== e]).toEqual([lng, e, true]);
    expect(adminLabel("zh", "event", "no-such-event")).toBe("no-such-event"); // an unknown code is shown as it is
  });

  it("every routing rule (ROUTING_RULES) has a label in Chinese and in English, and the two differ from the code", () => {
    for (const lng of LNGS) for (const r of ROUTING_RULES) expect([lng, r, adminLabel(lng, "rule", r) !== r]).toEqual([lng, r, true]);
    expect(adminLabel("zh", "rule", "no-match")).toBe("无匹配空间");
    expect(adminLabel("en", "rule", "returning-customer")).toBe("Returning customer, to their recruiter");
  });

  it("every rule code written in app/ is one of ROUTING_RULES (so it has a label)", () => {
    const policyRules: readonly RoutingRuleCode[] = [] as RoutingRule[]; // compile-time: the policy's rules are listed
    expect(policyRules).toEqual([]);
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : [],
      );
    const written = new Set<string>();
    for (const f of [...files("app"), ...files("worker")]) {
      for (const m of readFileSync(f, "utf8").matchAll(/\brule: "([a-z-]+)"/g)) written.add(m[1]);
    }
    expect(written.size).toBeGreaterThan(3);
    for (const r of [...written, ...LEAD_CLOSED_AS]) expect(ROUTING_RULES as readonly string[]).toContain(r); // closing writes closed_as as the rule
  });

  it("the 'email sent' reason names the notification kind in words, in each language", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const both = auditMessages.both("notice.emailSent", (lng) => ({ kind: auditMessages.t(lng, `notice.kind.${kind}`) }));
      expect(both.zh).not.toContain(kind);
      expect(both.en).not.toContain(`(${kind})`);
      expect(both.zh).toMatch(/^已发邮件（.+）$/);
    }
    expect(auditMessages.both("notice.emailSent", (lng) => ({ kind: auditMessages.t(lng, "notice.kind.assignment") }))).toEqual({
      zh: "已发邮件（分配通知）",
      en: "Email sent (assignment notice)",
    });
  });
});
