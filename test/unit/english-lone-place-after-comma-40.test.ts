import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { assistPreview } from "~/leads/assist-preview";

import { validLeadJson } from "../support/leads";
import { codes, GC, JN, LH, LS, PK, readPlaces } from "../support/place-stances";

// readers40 item 1: "Single storey, Gaochun is fine." lost Gaochun. The English reader without a marker chained the capitalised
// words before a bare comma with the name after it ("Single", "Gaochun") into a list of two — named, so the lower-case pass did
// not look the name up, and the named pass kept neither (one of them named nothing). A bare comma ends an English clause: the
// words after the last name are its own unless they speak of several ("Pukou, Jiangning are fine"). "would be best", "is ideal",
// "preferably" after a place are wishes, as "preferred" is.

describe("a lone English place after a bare comma keeps its stance", () => {
  it.each<[string, string[]]>([
    ["Single storey, Gaochun is fine.", [GC]],
    ["Single storey, Gaochun OK.", [GC]],
    ["Single storey, Jiangning is fine.", [JN]],
    ["Two floors, Pukou works.", [PK]],
    ["Crane needed, Jiangning would work.", [JN]],
    ["Single-storey, Gaochun is fine", [GC]],
    ["High ceiling, Pukou is acceptable.", [PK]],
    ["Single storey, Jiangning OK, Pukou not OK.", [JN]],
    ["Pukou, Jiangning is fine.", [PK, JN]],
    ["Pukou, Jiangning are fine.", [PK, JN]],
    ["Pukou, Jiangning both OK.", [PK, JN]],
  ])("%j fills %j", (notes, fill) => expect(readPlaces(notes).fill).toEqual(codes(...fill)));

  it.each<[string, string]>([
    ["Single storey, Gaochun preferred.", "Gaochun"],
    ["Single storey, Pukou preferred.", "Pukou"],
    ["Single storey, prefer Gaochun.", "Gaochun"],
    ["Single storey, Gaochun would be best.", "Gaochun"],
    ["Crane needed, Pukou would be best.", "Pukou"],
    ["Single storey, Gaochun would be ideal.", "Gaochun"],
    ["Single storey, Gaochun is best.", "Gaochun"],
    ["Single storey, Gaochun preferably.", "Gaochun"],
    ["Two floors, Lishui preferred.", "Lishui"],
  ])("%j wishes for %s (never lost)", (notes, wish) => expect(readPlaces(notes)).toMatchObject({ fill: [], wish: [wish] }));

  it.each<[string, string]>([
    ["Single storey, not Gaochun.", "Gaochun"],
    ["Single storey, Gaochun is not ok.", "Gaochun"],
    ["Single storey, Pukou is too far.", "Pukou"],
  ])("%j rules out %s", (notes, out) => expect(readPlaces(notes)).toMatchObject({ fill: [], out: [out] }));

  it("a wish beside a place wanted fills both, the wish said as preferred", () => {
    expect(readPlaces("Gaochun would be best, Pukou OK.")).toMatchObject({ fill: codes(GC, PK), wish: ["Gaochun"] });
    expect(readPlaces("Jiangning would be best, not Liuhe.")).toMatchObject({ wish: ["Jiangning"], out: ["六合区"] });
  });

  it.each([
    "Single storey, Price is fine.",
    "Single storey, Location preferred.",
    "Thanks, Wang is fine.",
    "Price, Location is fine.",
    "We need the best price, quality is fine.",
    "Budget is best effort, timing OK",
  ])("%j names no place and tells none", (notes) => expect(readPlaces(notes)).toEqual({ fill: [], out: [], wish: [], unread: [] }));

  it("the schema stores the place, and nothing else as one", () => {
    const body = validLeadJson() as { need: Record<string, unknown> };
    body.need = { ...body.need, regions: [], notes: "Single storey, Gaochun is fine." };
    const r = createLeadSchema("en", "api").safeParse(body);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.lead.need.regionCodes).toEqual([GC]);
    expect((r.data.lead.flags ?? []).filter((f) => f.code === "unread")).toEqual([]);
  });

  it("the live preview no longer shows the words before the comma as a place to check", () => {
    const named = (name: string) => ["Gaochun", "Jiangning", "Pukou", "Lishui", "Liuhe"].includes(name);
    const p = assistPreview("Single storey, Gaochun is fine.", new Set(), "en", "factory", undefined, undefined, named);
    expect(p.places).toMatch(/Gaochun/);
    expect(p.places).not.toMatch(/Single/);
  });
});

// LS and LH are the names a city tells apart (places32); alone they are asked, not filled (the reading of 12-05g).
void LS;
void LH;
