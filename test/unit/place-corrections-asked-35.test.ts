import { describe, expect, it } from "vitest";

import { findLatinPlaceMentions } from "~/domain/need-places-en";
import { planNoteRegions } from "~/domain/note-regions";
import { CORRECTION_WORDS_EN, REFUSAL_BEFORE_EN, REFUSED_BEFORE_EN, TAKEN_BACK_EN } from "~/domain/place-words-en";
import { childDivisions, resolveRegions } from "~/domain/regions";
import { assistPreview, type PlaceAnswer } from "~/leads/assist-preview";
import { looksLikePlaceName } from "~/leads/place-like";
import { notesPlaceChoices, resolvePicked } from "~/leads/region-picker.server";

import { GC, JN, LS, PK, readAs, readPlaces } from "../support/place-stances";

// ADR 154 (places35): corrections said in English and Chinese, a place contrasted away (江宁，不是浦口), a name several places
// share asked (the preview and the form), English places named live, and the English correction and refusal words in ONE list.
// Rule: a place taken back is told unread, never filled nor dropped; a place refused is never filled; unsure → asked or told.

describe("a correction in English: the name before it is told unread, the one after filled", () => {
  readAs([
    ["Jiangning, sorry, Pukou", [PK], [], "Jiangning"],
    ["Jiangning — I mean Pukou", [PK], [], "Jiangning"],
    ["Jiangning - I mean Pukou", [PK], [], "Jiangning"],
    ["Jiangning, no wait, Pukou", [PK], [], "Jiangning"],
    ["Jiangning, or rather Pukou", [PK], [], "Jiangning"],
    ["Jiangning... sorry, Pukou", [PK], [], "Jiangning"],
    ["Jiangning. Sorry, Pukou.", [PK], [], "Jiangning"],
    ["Gaochun, oops, Lishui District", [LS], [], "Gaochun"],
    ["Need a site, Jiangning, sorry, Pukou", [PK], [], "Jiangning"],
    ["Liuhe — sorry — Gaochun", [GC], [], "Liuhe"],
    // Guards: no correction.
    ["Jiangning, sorry for the delay, Pukou is also fine", [JN, PK], [], ""],
    ["in Jiangning or Pukou", [JN, PK], [], ""],
  ]);
});

describe("a correction in Chinese with an interjection or a dash: 哦不, 啊不对, ——不对", () => {
  readAs([
    ["江宁，哦不，浦口", [PK], [], "江宁"],
    ["江宁，哦不浦口", [PK], [], "江宁"],
    ["江宁，啊不对，是浦口", [PK], [], "江宁"],
    ["江宁，啊不对是浦口", [PK], [], "江宁"],
    ["江宁，呃，不对，浦口", [PK], [], "江宁"],
    ["江宁，说错了，是浦口", [PK], [], "江宁"],
    ["江宁……不对，浦口", [PK], [], "江宁"],
    ["江宁——不对，浦口", [PK], [], "江宁"],
    ["江宁——说错了，浦口", [PK], [], "江宁"],
    ["江宁-不对-浦口", [PK], [], "江宁"],
    ["江宁 - 不对 - 浦口", [PK], [], "江宁"],
    ["高淳，噢不，溧水区", [LS], [], "高淳"],
    // Guards: an interjection alone is no correction; "哦不是浦口" (oh, not Pukou?) corrects nothing.
    ["江宁，哦，浦口也行", [JN, PK], [], ""],
    ["江宁——南京的区", [], [], ""],
  ]);
});

describe("a place contrasted away (不是X) is ruled out, not told nor dropped", () => {
  readAs([
    ["江宁，不是浦口", [JN], ["浦口"], ""],
    ["江宁，不是浦口。", [JN], ["浦口"], ""],
    ["要江宁的，不是浦口的", [JN], ["浦口"], ""],
    ["要江宁的，而不是浦口的", [JN], ["浦口"], ""],
    ["江宁区，不是浦口区", [JN], ["浦口区"], ""],
    ["在江宁，不是在浦口", [JN], ["浦口"], ""],
    ["不是浦口，是江宁", [JN], ["浦口"], ""],
    ["高淳，并不是六合", [GC], ["六合"], ""],
    ["Jiangning, not Pukou", [JN], ["Pukou"], ""],
    ["Jiangning, not in Pukou", [JN], ["Pukou"], ""],
    // Guards: outside it is fine too; not necessarily there; a correction (不是 then a mark) is no contrast.
    ["不是江宁也行", [], [], "不是江宁也行"],
    ["江宁，不是，浦口", [PK], [], "江宁"],
  ]);
});

describe("ADR 145 12-05h's boundaries: NG spelt otherwise, corrections repeated or said with a verb, a place both ways", () => {
  readAs([
    ["Jiangning is OK, Liuhe is N.G.", [JN], ["六合区"], ""],
    ["Jiangning is OK, Liuhe is n.g", [JN], ["六合区"], ""],
    ["Liuhe N.G., Pukou OK", [PK], ["六合区"], ""],
    ["江宁是NG的，浦口OK", [PK], ["江宁"], ""],
    ["江宁为NG，浦口OK", [PK], ["江宁"], ""],
    ["Jiangning is not NG", [JN], [], ""],
    ["江宁不是NG，浦口NG", [JN], ["浦口"], ""],
    ["江宁，不对不对不对不对，浦口", [PK], [], "江宁"],
    ["江宁，改成浦口", [PK], [], "江宁"],
    ["江宁，更正为浦口", [PK], [], "江宁"],
    ["江宁，应该是浦口", [PK], [], "江宁"],
    ["Jiangning (I mean Pukou)", [PK], [], "Jiangning"],
    ["江宁，不对，不是江宁，是浦口", [PK], ["江宁"], "江宁"],
    ["江宁可以，江宁不要，浦口可以", [PK], ["江宁"], "江宁可以"],
    // Guards: the 12-05h rows as they were.
    ["Jiangning is OK, Liuhe is NG", [JN], ["六合区"], ""],
    ["江宁 OK，六合 NG", [JN], ["六合"], ""],
  ]);
  it("a place both wanted and ruled out is not named among the places filled", () => {
    const plan = planNoteRegions("江宁，不对，不是江宁，是浦口", [])!;
    expect(plan.fill?.typed).toEqual(["浦口"]);
  });
});

describe("the English words stand in ONE list the server's readers and the preview share", () => {
  const words = (alternatives: string) =>
    alternatives.split("|").map((w) =>
      w
        .replace(/\\s\+/g, " ")
        .replace(/\(\?:[^)]*\)\??/g, "")
        .trim(),
    );
  const corrections = words(CORRECTION_WORDS_EN);
  it.each(corrections)("correction %j: the finder keeps the name before it, the server tells it and fills the one after", (w) => {
    const notes = `Jiangning, ${w}, Pukou`;
    expect(TAKEN_BACK_EN.test(`, ${w}, Pukou`)).toBe(true);
    expect(findLatinPlaceMentions(notes).map((m) => m.text)).toEqual(["Jiangning", "Pukou"]);
    const r = readPlaces(notes);
    expect(r.fill).toEqual([PK]);
    expect(r.unread.join("|")).toContain("Jiangning");
  });
  const refusals = ["not", "not in", "except", "excluding", "avoid", "never", "other than", "apart from", "but not", "no", "rather not"];
  it("the refusal list holds the words these rows try (a word dropped from it fails here)", () => {
    for (const w of refusals) expect(new RegExp(`^(?:${REFUSAL_BEFORE_EN})$`, "iu").test(w), w).toBe(true);
  });
  it.each(refusals)("refusal %j before a place: the server rules it out and the preview does not show it as wanted", (w) => {
    const notes = `We need 5000 sqm in Jiangning, ${w} Liuhe`;
    expect(REFUSED_BEFORE_EN.test(`${w} `)).toBe(true);
    expect(readPlaces(notes)).toMatchObject({ fill: [JN], out: ["六合区"] });
    const preview = assistPreview(notes, new Set(), "en", undefined);
    expect(preview.places).toContain("Jiangning");
    expect(preview.places).not.toContain("Liuhe");
  });
});

/** The server's answer for a name, as GET /api/regions?resolve= gives it to the form's script. */
const answers =
  (lng: "zh" | "en") =>
  (name: string): PlaceAnswer => {
    const r = resolvePicked(name, lng);
    return r.ok ? { resolved: r.paths } : { problem: r.problem };
  };

describe("a name several places share is asked — the live preview and the form's answer alike", () => {
  it.each<[string, "zh" | "en", string, string[]]>([
    ["Lishui", "en", "Lishui", ["浙江省丽水市", "江苏省南京市溧水区"]],
    ["Need 5000 sqm, Lishui", "en", "Lishui", ["浙江省丽水市", "江苏省南京市溧水区"]],
    ["in Lishui", "zh", "Lishui", ["浙江省丽水市", "江苏省南京市溧水区"]],
    ["在鼓楼", "zh", "鼓楼", ["江苏省南京市鼓楼区", "江苏省徐州市鼓楼区", "福建省福州市鼓楼区", "河南省开封市鼓楼区"]],
    [
      "鼓楼或者江宁都行",
      "zh",
      "鼓楼",
      ["江苏省南京市鼓楼区、江宁", "江苏省徐州市鼓楼区、江宁", "福建省福州市鼓楼区、江宁", "河南省开封市鼓楼区、江宁"],
    ],
    ["factory in Liuhe", "en", "Liuhe", ["江苏省南京市六合区", "吉林省通化市柳河县"]],
  ])("%j (%s): asked of %j, a button per place", (notes, lng, name, values) => {
    const preview = assistPreview(notes, new Set(), lng, undefined, undefined, undefined, answers(lng));
    expect(preview.choices.map((c) => c.name)).toEqual([name]);
    expect(new Set(preview.choices[0].options.map((o) => o.value))).toEqual(new Set(values));
    expect(preview.choices[0].question).toContain(name);
    const server = notesPlaceChoices(notes, lng);
    expect(server.map((c) => c.name)).toEqual([name]);
    expect(new Set(server[0].options.map((o) => o.value))).toEqual(new Set(values));
    // Nothing guessed: the notes fill no district.
    expect(planNoteRegions(notes, [])?.fill).toBeNull();
  });

  it("asked in the page's language: English labels and question on English pages", () => {
    const [c] = assistPreview("Need 5000 sqm, Lishui", new Set(), "en", undefined, undefined, undefined, answers("en")).choices;
    expect(c.question).toMatch(/names more than one place/);
    expect(c.options.map((o) => o.label)).toContain("Lishui District, Nanjing, Jiangsu (江苏省南京市溧水区)");
    const [z] = assistPreview("在鼓楼", new Set(), "zh", undefined, undefined, undefined, answers("zh")).choices;
    expect(z.question).toMatch(/有不止一处同名的地方/);
  });

  it.each<[string, "zh" | "en"]>([
    ["in Jiangning or Lishui", "en"], // the server reads 溧水区 beside Jiangning (ADR 132's city rule): not asked
    ["in Lishui District", "en"],
    ["not in Lishui", "en"], // refused: never asked
    ["在江宁", "zh"],
    ["Regards, Li", "en"],
  ])("%j (%s): not asked", (notes, lng) => {
    expect(assistPreview(notes, new Set(), lng, undefined, undefined, undefined, answers(lng)).choices).toEqual([]);
    expect(notesPlaceChoices(notes, lng)).toEqual([]);
  });

  it("the regions box typed: the box decides, nothing asked in the preview", () => {
    expect(assistPreview("在鼓楼", new Set(["regions"]), "zh", undefined, undefined, undefined, answers("zh")).choices).toEqual([]);
  });

  it("every pinyin name several divisions share resolves to none alone: the resolver asks, it never picks one", () => {
    const all: { name: string; level: string; code: string }[] = [];
    const walk = (p?: string) => {
      for (const d of childDivisions(p)) {
        all.push(d);
        if (d.level !== "district") walk(d.code);
      }
    };
    walk();
    // Districts and counties that share a Chinese name (鼓楼区 ×4, 朝阳区, 城关区 …): each name is asked.
    const byName = new Map<string, string[]>();
    for (const d of all.filter((x) => x.level === "district")) byName.set(d.name, [...(byName.get(d.name) ?? []), d.code]);
    const shared = [...byName].filter(([, c]) => c.length > 1);
    expect(shared.length).toBeGreaterThan(20);
    for (const [name] of shared) expect(resolveRegions([name]).problems[0]?.kind, name).toBe("ambiguous");
  });
});

describe("English places looked up live: the preview sends those that look like places, shows them once named", () => {
  it("a name alone in its clause is sent and shown once the server named it", () => {
    const before = assistPreview("Need 5000 sqm factory, Gaochun", new Set(), "en", undefined, undefined, undefined, () => undefined);
    expect(before.lookUp).toEqual(["Gaochun"]);
    expect(before.places).toBe("");
    const after = assistPreview("Need 5000 sqm factory, Gaochun", new Set(), "en", undefined, undefined, undefined, answers("en"));
    expect(after.places).toContain("Gaochun");
  });
  it.each([
    ["Jiangning", true],
    ["Lishui", true],
    ["Jiangning District", true],
    ["Suzhou Industrial Park", true],
    ["Li", false],
    ["Wang", false],
    ["Wang Jianguo", false],
    ["Regards", false],
  ])("looksLikePlaceName(%j) = %s (a person's name never leaves the page, ADR 137)", (name, sent) => {
    expect(looksLikePlaceName(name)).toBe(sent);
  });
  it("a refused English place is neither shown nor asked (REFUSED_BEFORE_EN, the server's words)", () => {
    const p = assistPreview("Jiangning ok, anywhere but Liuhe", new Set(), "en", undefined, undefined, undefined, answers("en"));
    expect(p.places).not.toContain("Liuhe");
    expect(p.choices).toEqual([]);
  });
});
