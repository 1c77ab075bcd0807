import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { isPastMoveInMonth, readMoveIn } from "~/domain/move-in";
import { LNGS } from "~/i18n/lng";
import { moveInExamples, moveInExamplesText } from "~/i18n/move-in-examples";
import { publicText } from "~/i18n/public-messages";
import { validationMessage } from "~/i18n/validation-messages";

// docs/decisions/159 (trial35 M4): the move-in box's hint offered "下半年", which its own reader refuses from October
// (this year's or next?), and "年底" (refused in December's last ten days, ADR 132) and "2027-03" (past from April 2027).
// Every example the hint and the field's error offer is read as one month not past, on every day of two years.

/** Every day of 2026 and 2027 at 00:01 and 23:59 China time (UTC+8). */
function everyDay(): Date[] {
  const out: Date[] = [];
  for (let d = 0; d < 365 + 365; d++) {
    const midnight = Date.UTC(2026, 0, 1) + d * 86_400_000 - 8 * 3_600_000;
    out.push(new Date(midnight + 60_000), new Date(midnight + 86_400_000 - 60_000));
  }
  return out;
}

describe("the move-in hint's examples are read by the box on every day (trial35 M4)", () => {
  const days = everyDay();
  it.each([...LNGS])("%s: each example is one month not past, every day", (lng) => {
    for (const example of moveInExamples(lng)) {
      const refused = days.filter((now) => {
        const r = readMoveIn(example, now);
        return !r?.ok || isPastMoveInMonth(r.month, now);
      });
      expect({ example, refused: refused.map((d) => d.toISOString()).slice(0, 3) }).toEqual({ example, refused: [] });
    }
  });

  it.each([...LNGS])("%s: the hint and the field's error offer exactly these examples, no other date", (lng) => {
    const hint = publicText(lng, "need.moveInHint", { examples: moveInExamplesText(lng) });
    const error = validationMessage(lng, "month", { examples: moveInExamplesText(lng) });
    for (const text of [hint, error]) {
      for (const example of moveInExamples(lng)) expect(text).toContain(example);
      // What is left once the examples are out names no month, year or period of its own.
      const rest = moveInExamples(lng).reduce((t, e) => t.split(e).join(""), text);
      expect(rest).not.toMatch(/\d|下半年|上半年|年底|年末|季度|春节|Q[1-4]|half|quarter|end of/i);
    }
  });

  it("the form takes each example through the lead schema on a December 25th and an October 1st", () => {
    for (const iso of ["2026-12-25T04:00:00Z", "2026-10-01T04:00:00Z", "2027-03-31T15:30:00Z"])
      for (const lng of LNGS)
        for (const example of moveInExamples(lng)) {
          const schema = createLeadSchema(lng, "web", { now: () => new Date(iso) });
          const r = schema.safeParse({ need: { moveInBy: example } });
          const issues = r.success ? [] : r.error.issues.filter((i) => i.path.join(".") === "need.moveInBy");
          expect({ iso, example, issues: issues.map((i) => i.message) }).toEqual({ iso, example, issues: [] });
        }
  });
});
