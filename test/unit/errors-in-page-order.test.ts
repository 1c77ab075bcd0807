import { describe, expect, it } from "vitest";

import { issuesToFieldErrors, leadSchema } from "../../app/domain/lead-schema";
import { CALLER_BOX_NAMES, callerBoxLabel } from "../../app/hotline/caller-fields";
import { hotlineText } from "../../app/i18n/hotline-messages";
import { errorsInPageOrder } from "../../app/utils/error-links";
import { validLeadJson } from "../support/leads";

// trial42 L: the hotline's error summary named the credit code before the caller's number — the first box of the desk —
// because it listed the schema's order, and called the number 联系电话 where the box says 来电号码.

describe("a refused form's errors in the page's order", () => {
  it("the names given come first, in their order; the rest keep theirs", () => {
    const errors = { "need.kind": ["a"], "company.creditCode": ["b"], "need.areaMin": ["c"], "contact.phone": ["d"] };
    const ordered = errorsInPageOrder(errors, ["contact.phone", "company.name", "company.creditCode"]);
    expect(Object.keys(ordered)).toEqual(["contact.phone", "company.creditCode", "need.kind", "need.areaMin"]);
    expect(ordered["contact.phone"]).toBe(errors["contact.phone"]);
    expect(Object.keys(errorsInPageOrder(errors, []))).toEqual(Object.keys(errors));
  });

  it.each(["zh", "en"] as const)(
    "the hotline's refusal of a bad number and a bad credit code names the number first, by the desk's label (%s)",
    (lng) => {
      const body = structuredClone(validLeadJson()) as unknown as { contact: { phone: string }; company: { creditCode?: string } };
      body.contact.phone = "5712345";
      body.company.creditCode = "9132O118MA1X2Y3K5";
      const r = leadSchema(lng, "hotline").safeParse({ ...body, consent: true });
      expect(r.success).toBe(false);
      const errors = issuesToFieldErrors(r.error!);
      // The schema lists the company's box before the contact's.
      expect(Object.keys(errors).indexOf("company.creditCode")).toBeLessThan(Object.keys(errors).indexOf("contact.phone"));
      const names = Object.keys(errorsInPageOrder(errors, CALLER_BOX_NAMES));
      expect(names.slice(0, 2)).toEqual(["contact.phone", "company.creditCode"]);
      expect(hotlineText(lng, callerBoxLabel("contact.phone")!)).toBe(lng === "zh" ? "来电号码" : "Caller's number");
      expect(callerBoxLabel("need.kind")).toBeUndefined();
    },
  );
});
