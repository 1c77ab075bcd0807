import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { planNoteRegions } from "~/domain/note-regions";
import { assistPreview } from "~/leads/assist-preview";

import { validLeadJson } from "../support/leads";

// Trial 12-05f: English notes' places were read on sending (the confirmation listed them) but the live preview had no
// places line, while the Chinese preview names 江宁、浦口. Capitalised names after in/near/move to are shown; a refused
// one ("not in Liuhe") is not shown as wanted; lower-case candidates stay the server's to tell.
const places = (notes: string) => assistPreview(notes, new Set(), "en", "factory").places;

describe("the live preview names the places of English notes", () => {
  it.each([
    ["Need 3000 sqm factory in Jiangning or Pukou, move in by March 2027", /^Places Jiangning, Pukou \(/],
    ["near Suzhou Industrial Park, 5000 sqm", /^Places Suzhou Industrial Park \(/],
    ["We plan to move to Kunshan next year", /^Places Kunshan \(/],
    ["not in Liuhe; in Pukou", /^Places Pukou \(/],
    ["5000 sqm, except Gaochun, ideally in Lishui", /^Places Lishui \(/],
  ])("%s → %s", (notes, shown) => expect(places(notes)).toMatch(shown));

  it.each(["in jiangning", "Thanks, Wang", "5000 sqm single storey"])("%s → no places line", (notes) => expect(places(notes)).toBe(""));
});

// Trial 12-05g M2: "…, Gaochun" (a name alone in its clause) was dropped silently from an English lead, while "…，高淳" was read.
describe("an English place name alone in its clause", () => {
  const plan = (notes: string) => {
    const p = planNoteRegions(notes, []);
    return {
      fill: [...(p?.fill?.codes ?? [])].sort(),
      out: p?.excluded.map((x) => x.text) ?? [],
      unread: p?.unread.map((u) => u.text) ?? [],
    };
  };
  it.each([
    ["Need 5000 sqm factory, Gaochun", ["320118"]],
    ["Factory 5000 sqm. Gaochun.", ["320118"]],
    ["5000 sqm; Jiangning", ["320115"]],
    ["5000 sqm, Gaochun is fine", ["320118"]],
  ])("%s → filled %j", (notes, fill) => expect(plan(notes)).toMatchObject({ fill, out: [], unread: [] }));
  it("an ambiguous one is told, not dropped", () =>
    expect(plan("warehouse 3000 sqm, Lishui")).toMatchObject({ fill: [], unread: ["Lishui"] }));
  it("refused alone is refused", () => expect(plan("5000 sqm, not Gaochun")).toMatchObject({ fill: [], out: ["Gaochun"] }));
  it.each(["Thanks, Wang.", "Regards, Li", "Price, Location, Size", "Company location: Wuxi", "Hello, Nanjing team here, need 5000 sqm"])(
    "%s → no place",
    (notes) => expect(plan(notes).fill).toEqual([]),
  );
  it("the schema stores it", () => {
    const body = validLeadJson() as { need: Record<string, unknown> };
    const r = createLeadSchema("en", "api").safeParse({
      ...body,
      need: { ...body.need, regions: [], notes: "Need 5000 sqm factory, Gaochun" },
    });
    expect(r.success && r.data.lead.need.regionCodes).toEqual(["320118"]);
  });
});
