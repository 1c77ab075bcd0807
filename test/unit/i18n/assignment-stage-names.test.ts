import { describe, expect, it } from "vitest";

import { adminText } from "~/i18n/admin-messages";
import { opsText } from "~/i18n/admin-ops-messages";

// One name an assignment's stage, wherever a person reads it: the recruiter's desk and the admin's lead
// list say a visited lead is 已考察 ("Site visit"), and the dashboard's funnel counted the same leads
// as 已看房 ("Visit") — an admin comparing the two could not tell they were one stage.

describe("assignment stage names", () => {
  it.each(["accepted", "contacted", "visit", "signed"] as const)("the dashboard's funnel stage %s reads as the status does", (stage) => {
    for (const lng of ["zh", "en"] as const) {
      expect(opsText(lng, `stage.${stage}`)).toBe(adminText(lng, `assignment.${stage}`));
    }
  });
});
