import { describe, expect, it } from "vitest";

import { assistPreview } from "~/leads/assist-preview";

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
