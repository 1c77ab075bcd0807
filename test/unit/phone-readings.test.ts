import { describe, expect, it } from "vitest";

import { formatPhoneForDisplay, landlineLocalDigits, maskPhone, normalizePhone, phoneTailDigits } from "~/domain/phone";

// A stored number's reading is kept a while (ADR 106): the worker reads each lead's number three times
// within seconds. Every reader must answer the same the second time, for every kind and for values
// normalizePhone would not have produced, and still after the kept readings start afresh.

const STORED = ["+8613812345678", "+862583456789", "+863511234567;ext=12", "+864001234567", "+868001234567", "+8612345", "13812345678", ""];

function readAll(value: string) {
  return [formatPhoneForDisplay(value, "zh"), maskPhone(value), landlineLocalDigits(value), phoneTailDigits(value)];
}

describe("stored phone readings, read again", () => {
  it("give the same answers, and a caller's change to a result does not reach the next reading", () => {
    const first = STORED.map(readAll);
    for (const tails of first.map((r) => r[3] as string[])) tails.push("changed");
    expect(STORED.map(readAll)).toEqual(first.map((r) => [r[0], r[1], r[2], (r[3] as string[]).filter((t) => t !== "changed")]));
    expect(first.slice(0, 3).map((r) => r[0])).toEqual(["138 1234 5678", "025-8345 6789", "0351-123 4567 转12"]);
    expect(formatPhoneForDisplay("+8612345", "zh")).toBe("+8612345");
  });

  it("answer right past the kept readings' limit (5,000 mobiles, then the first ones again)", () => {
    const values: string[] = [];
    for (let i = 0; values.length < 5000; i++) {
      const n = normalizePhone(`139${String(10000000 + i * 7919).slice(-8)}`);
      if (n.ok) values.push(n.value);
    }
    const shown = values.map((v) => formatPhoneForDisplay(v, "zh"));
    expect(shown.every((s, i) => s.replace(/ /g, "") === values[i].slice(3))).toBe(true);
    expect(values.slice(0, 50).map((v) => formatPhoneForDisplay(v, "zh"))).toEqual(shown.slice(0, 50));
    expect(STORED.map(readAll)[1]).toEqual(["025-8345 6789", "025-****6789", "83456789", phoneTailDigits("+862583456789")]);
  });
});
