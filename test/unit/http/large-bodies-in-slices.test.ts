import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { findUnstorableJson, jsonShapeSteps, MAX_JSON_DEPTH, scanJsonShape, unstorableJsonSteps } from "~/http/inspect-body";
import { decodeUtf8InSlices } from "~/http/request-gate.server";
import { validateInventory, validateInventoryInSlices } from "~/inventory/import.server";
import { runSteps, runStepsInSlices } from "~/utils/slices.server";

import { generatedSpaces } from "../../fixtures/inventory";

// docs/decisions/120: a large body (a 20 MB import) is decoded, scanned, walked and checked in slices with
// turns of the event loop between them, and the rows of an import are counted before the parse. The
// answers are those of the work done at once; what is checked here is that, and that turns happen — by
// order of events, not by time.

/** How many times `steps` paused before its answer, and the answer. */
function pauses<T>(steps: Generator<void, T>): { paused: number; answer: T } {
  let paused = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { paused, answer: step.value };
    paused++;
  }
}

describe("the rows of an import are counted by the scan, before any parse", () => {
  const rows = (text: string) => scanJsonShape(text, MAX_JSON_DEPTH).rows;
  it.each([
    ['{"parks":[{"id":"P"}],"spaces":[{"id":"S1"},{"id":"S2"}],"recruiters":[]}', 3],
    ['{"spaces":[ ]}', 0],
    ['{"spaces":[ \n ],"parks":[{}]}', 1],
    ['{"spaces":[1,"a,b",[2,3],{"x":[4,5,6]}]}', 4], // commas in strings and nested values are not items
    ['{"spaces":{"a":[1,2]}}', 0], // an array deeper down is not rows
    ["[1,2,3]", 0], // no root object
    ['{"spaces":[{"notes":"]["},{"id":"\\"]"}]}', 2],
  ])("%s → %i", (text, n) => {
    expect(rows(text)).toBe(n);
  });

  it("matches the rows JSON.parse finds, for any import-shaped body", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("parks", "spaces", "recruiters", "other"), fc.array(fc.jsonValue({ maxDepth: 3 }))),
        (body) => {
          const expected = Object.values(body).reduce((n, v) => n + v.length, 0);
          expect(rows(JSON.stringify(body))).toBe(expected);
          expect(rows(JSON.stringify(body, null, 2))).toBe(expected);
        },
      ),
    );
  });
});

describe("the same answers in slices as at once", () => {
  it("the scan pauses on a large text and finds the same shape", () => {
    const body = JSON.stringify({ spaces: generatedSpaces(5000), parks: [{ id: "P", id2: 1, id3: 2 }] });
    const sliced = pauses(jsonShapeSteps(body, MAX_JSON_DEPTH));
    expect(body.length).toBeGreaterThan(256 * 1024 * 2);
    expect(sliced.paused).toBeGreaterThanOrEqual(2);
    expect(sliced.answer).toEqual(scanJsonShape(body, MAX_JSON_DEPTH));
    const twice = body.replace('"id2":1', '"id":1');
    expect(runSteps(jsonShapeSteps(twice, MAX_JSON_DEPTH)).duplicate?.path).toBe("parks[0].id");
  });

  it("the walk for unstorable characters pauses before each row and names the same place", () => {
    const unstorable = fc.constantFrom("\u0000", "\ud800", "a\udc00b");
    const withBad = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.option(unstorable, { nil: undefined }), fc.nat());
    fc.assert(
      fc.property(withBad, ([value, bad, at]) => {
        // A bad character put in one string or key somewhere (or none): both walks say the same.
        let text = JSON.stringify(value);
        const quotes = [...text.matchAll(/"/g)].map((m) => m.index!);
        if (bad && quotes.length) {
          const q = quotes[at % quotes.length] + 1;
          text = `${text.slice(0, q)}${JSON.stringify(bad).slice(1, -1)}${text.slice(q)}`;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return; // the insertion broke the text (a quote closing a string): not a body the gate walks
        }
        expect(runSteps(unstorableJsonSteps(parsed))).toBe(findUnstorableJson(parsed));
      }),
    );
    const rows = { spaces: generatedSpaces(3), parks: [{ id: "P\u0000" }] };
    const walked = pauses(unstorableJsonSteps(rows));
    expect(walked).toEqual({ paused: 4, answer: "parks[0].id" });
  });

  it("UTF-8 decoded a megabyte at a time: characters cut at a step's end, and bad bytes anywhere", async () => {
    const MB = 1024 * 1024;
    for (const before of [MB - 1, MB - 2, MB - 3, 3 * MB - 1]) {
      const text = `${"a".repeat(before)}园区€😀${"区".repeat(10)}`;
      expect(await decodeUtf8InSlices(Buffer.from(text))).toBe(text);
    }
    const bad = Buffer.from("a".repeat(2 * MB + 5));
    for (const at of [0, MB - 1, MB, 2 * MB + 4]) {
      const copy = Buffer.from(bad);
      copy[at] = 0xff;
      expect(await decodeUtf8InSlices(copy)).toBeNull();
    }
    const cut = Buffer.from(`${"a".repeat(MB - 1)}区`).subarray(0, MB + 1); // ends inside a character
    expect(await decodeUtf8InSlices(cut)).toBeNull();
  });

  it("an import checked in slices gives the event loop turns and the same answer, good rows and bad", async () => {
    const spaces: Record<string, unknown>[] = generatedSpaces(300);
    spaces[7] = { ...spaces[7], areaSqm: -1 };
    spaces[250] = { ...spaces[250], id: spaces[3].id };
    const input = { spaces };
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    const sliced = await validateInventoryInSlices(input, "zh", 0);
    expect(turns).toBeGreaterThanOrEqual(300); // a turn before every row at slices of 0 ms
    expect(sliced).toEqual(validateInventory(input, "zh"));
    expect(sliced.ok).toBe(false);
    expect(
      await runStepsInSlices(
        (function* () {
          yield;
          return 1;
        })(),
      ),
    ).toBe(1);
  });
});
