import { describe, expect, it } from "vitest";

import { createLoginSchema } from "~/auth/login-schema";
import { readCallerQuery } from "~/domain/caller-query";
import { EMAIL_READ_MAX, normalizeEmail } from "~/domain/email";
import { FIGURE_BOX_MAX, NOTES_MAX, PHONE_INPUT_MAX } from "~/domain/field-limits";
import { foldText } from "~/domain/fold-text";
import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { typedAreaOf } from "~/domain/need-assist";
import { markedTailDigits } from "~/domain/phone";
import { addedNotes, newerNotes } from "~/hotline/need-edit";
import { readJsonNumbers, readTextRow } from "~/inventory/inventory-columns";
import { areaAboutReading } from "~/leads/area-reading";
import { taxBoxReading } from "~/leads/tax-reading";

import { validLeadJson } from "../support/leads";

// Attack37 (docs/decisions/171): text a box cannot hold reached readers whose work grows faster than the text, before the
// box's own limit refused it — an email of dots, the hotline desk's phone box, the notes of a staff edit. Each is now
// refused, or left unread, by its box's limit; what fits the box reads as before.

describe("an email address: read only within the longest an address can be", () => {
  it("the sentence's punctuation goes from an address, a run inside it stays", () => {
    expect(normalizeEmail(`new@example.test${"。".repeat(EMAIL_READ_MAX - 20)}`)).toBe("new@example.test");
    expect(normalizeEmail(`New@Example.test${".,;，；、".repeat(40)}`)).toBe("New@example.test");
    const inside = `a@${".".repeat(EMAIL_READ_MAX - 4)}x`;
    expect(normalizeEmail(inside)).toBe(inside);
  });

  it("a text longer than any address is returned as typed, unread", () => {
    for (const typed of [
      `new@example.test${"。".repeat(EMAIL_READ_MAX)}`,
      `a@${".".repeat(120_000)}x`,
      ` ${"ｎ".repeat(EMAIL_READ_MAX)}@b.cn`,
    ])
      expect(normalizeEmail(typed)).toBe(typed);
  });

  it("the lead's email box says only its limit for a longer text, in either language", () => {
    const lead = validLeadJson();
    for (const email of [`a@${".".repeat(60_000)}x`, `new@example.test${" ".repeat(100)}`, "b".repeat(101)])
      for (const [lng, said] of [
        ["zh", "最多 100 个字"],
        ["en", "At most 100 characters"],
      ] as const) {
        const r = createLeadSchema(lng, "api").safeParse({ ...lead, contact: { ...lead.contact, email } });
        expect(r.success ? null : issuesToFieldErrors(r.error)["contact.email"], email.slice(0, 20)).toEqual([said]);
      }
    const r = createLeadSchema("zh", "api").safeParse({
      ...lead,
      contact: { ...lead.contact, email: " ｎｅｗ＠ｅｘａｍｐｌｅ．ｔｅｓｔ。" },
    });
    expect(r.success && r.data.lead.contact.email).toBe("new@example.test");
  });

  it("the sign-in refuses a long one as a wrong pair, as before", () => {
    const login = createLoginSchema("zh").safeParse({ email: `a@${".".repeat(120_000)}x`, password: "x" });
    expect(login.success).toBe(false);
  });
});

describe("the hotline desk's phone box: a marked end is read within the box's length", () => {
  it("“尾号 5678” and its kin read as before", () => {
    expect(markedTailDigits("尾号 5678")).toBe("5678");
    expect(markedTailDigits(`ending in ${" ".repeat(PHONE_INPUT_MAX - 14)}5678`)).toBe("5678");
  });

  it("a text longer than the box holds is no marked end: not read", () => {
    for (const filler of [" ", "-", "*", "."]) {
      expect(markedTailDigits(`ending${filler.repeat(PHONE_INPUT_MAX)}5678`), JSON.stringify(filler)).toBeNull();
      expect(markedTailDigits(`尾号${filler.repeat(120_000)}x`)).toBeNull();
    }
    expect(readCallerQuery({ phone: `尾号${" ".repeat(PHONE_INPUT_MAX)}5678` }).phoneTail).toBeUndefined();
  });
});

describe("a staff edit's notes: the added text is read only from notes the box holds", () => {
  it("notes over NOTES_MAX add nothing to read (the schema refuses them)", () => {
    const loaded = "要5000平";
    expect(addedNotes(loaded, `${loaded}，层高10米`)).toBe("层高10米");
    expect(addedNotes(loaded, `${loaded}，层高10米${"，".repeat(NOTES_MAX)}`)).toBe("");
    expect(newerNotes({ "need.notes": loaded }, { "need.notes": `${loaded}，层高10米${" ".repeat(NOTES_MAX)}x` })).toBeNull();
  });
});

describe("a figure box is read within FIGURE_BOX_MAX wherever it is read again", () => {
  const long = (figure: string) => `${figure}${" ".repeat(FIGURE_BOX_MAX)}${figure}`;

  it("a refused form's page reads no over-long box for its preview (the schema refused it unread, ADR 166)", () => {
    expect(typedAreaOf("5000", "", "sqm", "3")).toEqual({ minSqm: 5000, maxSqm: undefined, count: 3 });
    expect(typedAreaOf(long("5000"), long("6000"), "sqm", long("3"))).toEqual({ minSqm: undefined, maxSqm: undefined, count: undefined });
    expect(areaAboutReading("2000平左右", "", "sqm", "zh", "factory")).not.toBe("");
    expect(areaAboutReading(`2000平${" ".repeat(FIGURE_BOX_MAX)}左右`, "", "sqm", "zh", "factory")).toBe("");
    expect(taxBoxReading("年纳税三百万", "zh")).not.toBe("");
    expect(taxBoxReading(`年纳税${" ".repeat(FIGURE_BOX_MAX)}三百万`, "zh")).toBe("");
  });

  it("an import's figure cell over the bound is refused unread, saying the bound; one within it is read", () => {
    const over = "平".repeat(FIGURE_BOX_MAX + 1);
    for (const key of ["rentYuanPerSqmMonth", "priceYuanPerSqm", "areaSqm", "powerKva"]) {
      const text = readTextRow("spaces", { [key]: over }).errors.find((e) => e.key === key);
      expect(text?.reason.zh, key).toContain(`最多 ${FIGURE_BOX_MAX} 个字`);
      expect(text?.reason.en).toContain(`at most ${FIGURE_BOX_MAX} characters`);
      const json = readJsonNumbers("spaces", { [key]: over }).errors.find((e) => e.path.at(-1) === key);
      expect(json?.reason.zh, key).toContain(`最多 ${FIGURE_BOX_MAX} 个字`);
    }
    expect(readTextRow("spaces", { rentYuanPerSqmMonth: "25元/㎡/月" }).value).toMatchObject({ rentYuanPerSqmMonth: 25 });
  });
});

describe("folding a long text: never spread into a call", () => {
  it("a form's choice of 130,000 characters is refused by its field, not thrown", () => {
    expect(foldText("a".repeat(200_000)).s).toHaveLength(200_000);
    const r = createLeadSchema("zh", "web").safeParse({ ...validLeadJson(), need: { ...validLeadJson().need, kind: "a".repeat(130_000) } });
    expect(r.success ? null : issuesToFieldErrors(r.error)["need.kind"]?.[0]).toContain("不是可选项");
  });
});
