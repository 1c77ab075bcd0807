import { afterEach, describe, expect, it, vi } from "vitest";

import { readAvailableFrom, readMoveIn } from "~/domain/move-in";
import { checkTextRow } from "~/inventory/inventory-check";

// New-user trial 40: a sheet's 可入驻时间 `即时` ("available at once") was refused — 无法识别可入驻时间“即时” —
// while 现房, 随时 and 立即入驻 read as this month. 即时 / 即刻 (with or without 可 and a verb) and 即可入驻 are
// "now" too, for a space's availability and a lead's move-in alike (one reader, move-in.ts).
const AUG_2026 = new Date("2026-08-10T04:00:00Z");

afterEach(() => {
  vi.useRealTimers();
});

describe("即时 and its kin read as now", () => {
  it.each(["即时", "即时入驻", "即时可入住", "即刻", "即刻入驻", "即可入驻", "即可入住", "可即时入驻"])("%j", (word) => {
    expect(readAvailableFrom(word, AUG_2026)).toEqual({ ok: true, month: "2026-08" });
    expect(readMoveIn(word, AUG_2026)).toEqual({ ok: true, month: "2026-08" });
  });

  it("a sheet's row with 可入驻时间 即时 is read, not refused", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AUG_2026);
    const r = checkTextRow(
      "spaces",
      { id: "S1", parkId: "P1", kind: "仓库", deals: "出租", title: "丙类仓库", areaSqm: "3000", status: "可租", availableFrom: "即时" },
      undefined,
      [],
    );
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ availableFrom: expect.stringMatching(/^2026-08/) }) });
  });

  it.each(["即", "即时通讯", "即将"])("%j stays unread", (word) => {
    expect(readAvailableFrom(word, AUG_2026)?.ok ?? false).toBe(false);
  });
});
