import { describe, expect, it } from "vitest";

import { deskText } from "~/i18n/desk-messages";
import { ui } from "~/i18n/ui-messages";

// The figures of a need have one name each wherever a person reads them: the enterprise's form asks
// for 配电（千伏安）, the matcher's reasons and the shortlist say 配电, and the recruiter's lead page
// said 用电 for the same figure.

describe("need figure names", () => {
  it.each([
    ["lead.power", "s.power", "need.powerMinKva"],
    ["lead.crane", "s.crane", "need.craneMinT"],
    ["lead.floorLoad", "s.floorLoad", "need.floorLoadMinKg"],
  ] as const)("the recruiter's %s is the shortlist's %s and is named in the form's %s", (desk, shortlist, form) => {
    expect(deskText("zh", desk)).toBe(deskText("zh", shortlist));
    expect(ui("zh", form)).toContain(deskText("zh", desk));
  });
});
