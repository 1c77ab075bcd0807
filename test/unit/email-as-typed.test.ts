import { describe, expect, it } from "vitest";

import { createStaffSchema } from "~/admin/staff-forms";
import { createLoginSchema } from "~/auth/login-schema";
import { normalizeEmail } from "~/domain/email";
import { createLeadSchema } from "~/domain/lead-schema";
import { checkTextRow } from "~/inventory/inventory-check";

import { validLeadJson } from "../support/leads";

// An email typed with a Chinese IME in full-width mode (ｎｅｗ＠ｅｘａｍｐｌｅ．ｔｅｓｔ, or the 。 it types
// for a dot), or pasted with a zero-width space: the staff form created the account "ｎｅｗ@example.test",
// which nobody can sign in as (the sign-in did not fold it) and which slipped past the "email taken"
// check of its ASCII twin; the recruiter record, the lead form and the sign-in refused or missed it.
const TYPED = [
  "ｎｅｗ＠ｅｘａｍｐｌｅ．ｔｅｓｔ",
  "new@example。test",
  "\u200bnew@example.test\u200b",
  "\u3000new@example.test ",
  "ｎｅｗ@example.test",
];

describe("an email address as people type it", () => {
  it("normalizeEmail reads full-width forms, 。 and invisible edges as the ASCII address", () => {
    for (const s of TYPED) expect(normalizeEmail(s), s).toBe("new@example.test");
    expect(normalizeEmail("Wang.Lei@Example.cn")).toBe("Wang.Lei@example.cn"); // the local part's case is the caller's business
    // The punctuation of the sentence it was written in: refused as an address before.
    for (const s of ["new@example.test。", "new@example.test，", "new@example.test.", "new@example.test；"])
      expect(normalizeEmail(s), s).toBe("new@example.test");
    expect(normalizeEmail("A@Example.COM")).toBe("A@example.com");
  });

  it("a staff account is created, and signed in, under the ASCII address", () => {
    for (const s of TYPED) {
      const created = createStaffSchema("zh").safeParse({ email: s, role: "hotline", access: "invite" });
      expect(created.success && created.data.email, s).toBe("new@example.test");
      const signIn = createLoginSchema("zh").safeParse({ email: s.toUpperCase(), password: "x" });
      expect(signIn.success && signIn.data.email, s).toBe("new@example.test");
    }
  });

  it("a recruiter record and a lead's contact take it", () => {
    const recruiter = { id: "R1", name: "周敏", phone: "13900000001", channel: "邮件", parks: "P1", capacity: "5" };
    const schema = createLeadSchema("zh", "api");
    for (const s of TYPED) {
      const r = checkTextRow("recruiters", { ...recruiter, email: s });
      expect(r.ok && r.value.email, s).toBe("new@example.test");
      const lead = validLeadJson();
      const parsed = schema.safeParse({ ...lead, contact: { ...lead.contact, email: s } });
      expect(parsed.success && parsed.data.lead.contact.email, s).toBe("new@example.test");
    }
  });

  it("what is no address stays a field error", () => {
    expect(createStaffSchema("zh").safeParse({ email: "ｎｅｗ", role: "hotline", access: "invite" }).success).toBe(false);
    expect(
      checkTextRow("recruiters", {
        id: "R1",
        name: "周",
        phone: "13900000001",
        channel: "邮件",
        parks: "P1",
        capacity: "5",
        email: "new。test",
      }).ok,
    ).toBe(false);
  });
});
