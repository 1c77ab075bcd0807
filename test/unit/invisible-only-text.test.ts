import { describe, expect, it } from "vitest";

import { calendarOverrideAddSchema } from "~/admin/calendar-override-form";
import { leadActionSchema } from "~/admin/lead-forms";
import { createStaffSchema } from "~/admin/staff-forms";
import { cleanTyped } from "~/domain/format-chars";
import { callNoteSchema } from "~/hotline/call-note-form";
import { checkTextRow } from "~/inventory/inventory-check";
import { parkSchema, recruiterSchema, spaceSchema } from "~/inventory/inventory-schema";
import { leadWorkSchema } from "~/recruiter-desk/desk-forms";

// A required text that is nothing but invisible characters (a zero-width space pasted from a chat, a
// BOM, a word joiner, bidi marks around nothing) looks blank to everybody who reads it: a park named
// "\u200b" showed as an empty park name on every recruiter's queue, a recruiter's note "\u200b" as an
// empty note. The lead form already folded them away; the staff side's `.trim()` kept them.
const INVISIBLE = ["\u200b", "\ufeff", "\u200b\u200c\u2060", " \u200e\u3000\u202d\u202c ", "\u00ad"];

describe("a required text of only invisible characters is blank everywhere staff type", () => {
  it("cleanTyped makes a text of only blank and format characters empty", () => {
    for (const s of INVISIBLE) expect(cleanTyped(s), JSON.stringify(s)).toBe("");
    expect(cleanTyped("\u200b 一号厂房 \ufeff")).toBe("一号厂房");
    // Inside a text they stay: a joined emoji keeps its zero-width joiner.
    expect(cleanTyped("家庭👨\u200d👩\u200d👧")).toBe("家庭👨\u200d👩\u200d👧");
  });

  it("inventory rows (admin forms, Excel): the name/title is required, said at its column", () => {
    const park = { id: "P1", province: "江苏省", city: "南京市", district: "高淳区" };
    const space = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", areaSqm: "5000", status: "可租售" };
    const recruiter = { id: "R1", email: "r1@example.test", phone: "13900000001", channel: "邮件", parks: "P1", capacity: "5" };
    for (const s of INVISIBLE) {
      for (const [collection, row, key] of [
        ["parks", { ...park, name: s }, "name"],
        ["spaces", { ...space, title: s }, "title"],
        ["recruiters", { ...recruiter, name: s }, "name"],
      ] as const) {
        const r = checkTextRow(collection, row);
        expect(r.ok, `${collection} ${JSON.stringify(s)}`).toBe(false);
        if (!r.ok) expect(r.issues).toEqual([{ key, reason: { zh: "必填，不能为空", en: "required, must not be blank" } }]);
      }
    }
    const r = checkTextRow("spaces", { ...space, title: "\u200b一号厂房\u200b" });
    expect(r.ok && r.value.title).toBe("一号厂房");
  });

  it("the JSON import (/api/import, npm run import) refuses the same names", () => {
    for (const s of INVISIBLE) {
      expect(parkSchema.safeParse({ id: "P1", name: s, province: "江苏省", city: "南京市", district: "高淳区" }).success).toBe(false);
      const space = { id: "S1", parkId: "P1", kind: "factory", deals: ["lease"], title: s, areaSqm: 5000, status: "available" };
      expect(spaceSchema.safeParse(space).success).toBe(false);
      const recruiter = { id: "R1", name: s, email: "r1@example.test", phone: "13900000001", channel: "email", parks: ["P1"], capacity: 5 };
      expect(recruiterSchema.safeParse(recruiter).success).toBe(false);
    }
  });

  it("staff forms: a note, a reason, a holiday's name, a staff member's name", () => {
    for (const s of INVISIBLE) {
      expect(leadWorkSchema("zh", "2026-12-01").safeParse({ intent: "note", body: s }).success).toBe(false);
      expect(callNoteSchema("zh").safeParse({ body: s }).success).toBe(false);
      expect(leadActionSchema("zh").safeParse({ intent: "close", as: "spam", note: s }).success).toBe(false);
      expect(leadActionSchema("en").safeParse({ intent: "assign", target: "P1|R1", why: s }).success).toBe(false);
      expect(calendarOverrideAddSchema("zh").safeParse({ intent: "override-add", day: "2026-12-24", kind: "off", name: s }).success).toBe(
        false,
      );
      const staff = createStaffSchema("zh").safeParse({ email: "new@example.test", name: s, role: "hotline", access: "invite" });
      expect(staff.success && staff.data.name).toBeFalsy();
    }
  });
});
