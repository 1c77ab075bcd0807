import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { decodeFormStrict, FormKeeper, keepFormFields, KEPT_VALUE_CHARS, withoutUnstorableChars } from "~/http/inspect-body";

// What a page's form refused as a whole keeps of the typing (ADR 156): every field that can be read, bytes
// that are no UTF-8 and unstorable characters taken out, long values cut, within budgets — the same however
// the body arrives in chunks.
const BIG = 1 << 30;

describe("FormKeeper", () => {
  it("a body that decodes strictly keeps exactly its fields (repeats of a name and value once)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 30 })), { maxLength: 20 }),
        (pairs) => {
          const body = new URLSearchParams(pairs).toString();
          const strict = decodeFormStrict(body)!.map(([n, v]) => [withoutUnstorableChars(n), withoutUnstorableChars(v)]);
          const once = [...new Map(strict.map(([n, v]) => [`${n}\u0000${v}`, [n, v] as [string, string]])).values()];
          const kept = keepFormFields(Buffer.from(body), BIG, BIG);
          expect(kept.fields).toEqual(once);
          expect(kept.undecodable).toBeNull();
          expect(kept.cut).toBeNull();
        },
      ),
    );
  });

  it("any body: the same fields whatever the chunks, none holding U+FFFD from bad bytes, NUL or a lone surrogate", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 6 }), (bytes, cuts) => {
        const body = Buffer.from(bytes);
        const whole = keepFormFields(body, BIG, BIG);
        const keeper = new FormKeeper(BIG, BIG);
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          keeper.push(body.subarray(at, Math.max(at, Math.min(cut, body.length))));
          at = Math.max(at, Math.min(cut, body.length));
        }
        keeper.push(body.subarray(at));
        expect(keeper.finish()).toEqual(whole);
        for (const [name, value] of whole.fields) expect(`${name}${value}`).not.toMatch(/\u0000|\p{Cs}|\ufffd/u);
      }),
    );
  });

  it("bytes that are no UTF-8, raw or escaped, are taken out and the field named; the rest of the field stays", () => {
    const body = Buffer.concat([
      Buffer.from("company.name=%E5%8D%97%E4%BA%AC%FF&contact.name=%E9%99%88%C3%28&need.notes="),
      Buffer.from([0xe4, 0xb8]),
      Buffer.from("ok"),
    ]);
    const kept = keepFormFields(body, BIG, BIG);
    expect(kept.fields).toEqual([
      ["company.name", "南京"],
      ["contact.name", "陈("],
      ["need.notes", "ok"],
    ]);
    expect(kept.undecodable).toBe("company.name");
    // A `%` that starts no escape stays as typed (what a browser's parser does too).
    expect(keepFormFields(Buffer.from("a=100%25&b=50%&c=%zz+1"), BIG, BIG).fields).toEqual([
      ["a", "100%"],
      ["b", "50%"],
      ["c", "%zz 1"],
    ]);
  });

  it("a long value is cut to KEPT_VALUE_CHARS, however long it was; the fields after it are kept", () => {
    for (const n of [KEPT_VALUE_CHARS + 1, 50_000, 2_000_000]) {
      const kept = keepFormFields(Buffer.from(`a=1&notes=${encodeURIComponent("长".repeat(n))}&z=2`), BIG, BIG);
      expect(kept.fields).toEqual([
        ["a", "1"],
        ["notes", "长".repeat(KEPT_VALUE_CHARS)],
        ["z", "2"],
      ]);
      expect(kept.cut).toBe("notes");
    }
    expect(keepFormFields(Buffer.from(`notes=${"x".repeat(KEPT_VALUE_CHARS)}`), BIG, BIG).cut).toBeNull();
  });

  it("kept fields stop at the field budget and the byte budget, so the form sent again passes the gate", () => {
    const many = Array.from({ length: 50 }, (_, i) => `f${i}=${i}`).join("&");
    const byCount = keepFormFields(Buffer.from(many), 10, BIG);
    expect(byCount.fields.map(([n]) => n)).toEqual(Array.from({ length: 10 }, (_, i) => `f${i}`));
    expect(byCount.dropped).toBe(40);
    const long = Array.from({ length: 40 }, (_, i) => `f${i}=${encodeURIComponent("字".repeat(3000))}`).join("&");
    const byBytes = keepFormFields(Buffer.from(long), BIG, 128 * 1024);
    expect(new URLSearchParams(byBytes.fields).toString().length).toBeLessThanOrEqual(128 * 1024);
    expect(byBytes.dropped).toBeGreaterThan(0);
  });
});
