import { describe, expect, it } from "vitest";

import { readLeadListQuery } from "~/admin/lead-forms";
import { opsText } from "~/i18n/admin-ops-messages";

// The admin lead list never silently ignores what its address says: each value it could not use is
// named in a notice (zh and en), what was typed stays in the search box, and the rest still filters.
const read = (query: string, parks?: string[]) => readLeadListQuery(new URL(`http://x/admin/leads?${query}`), parks);
const keys = (query: string, parks?: string[]) => read(query, parks).adjusted.map((n) => n.key);

describe("the lead list names every filter value it could not use", () => {
  it("search words over 100 characters: the first 100 are searched, the whole text stays typed, the page says so", () => {
    const long = "苏州精密机械".repeat(30); // 180 characters
    const r = read(`q=${encodeURIComponent(long)}`);
    expect(r.filters.q).toBe(Array.from(long).slice(0, 100).join(""));
    expect(r.typedQ).toBe(long);
    expect(r.adjusted).toEqual([{ key: "filter.adjusted.qLong", params: { max: 100 } }]);
    expect(opsText("zh", r.adjusted[0].key, r.adjusted[0].params)).toBe("搜索词超过 100 字，只用了前 100 字搜索。");
    // A character outside the BMP is not cut in half.
    const emoji = read(`q=${encodeURIComponent("𠀋".repeat(120))}`);
    expect(Array.from(emoji.filters.q ?? "")).toHaveLength(100);
    expect(read("q=abc").adjusted).toEqual([]);
    expect(read(`q=${"a".repeat(100)}`).adjusted).toEqual([]);
  });

  it("an unknown status, section, channel, park or date is named with its value, and the others still filter", () => {
    const r = read("status=bogus&channel=fax&section=Z&from=2026-13-01&to=soon&unmatched=yes&breached=2&status2=x", ["P1"]);
    expect(r.filters).toMatchObject({
      status: undefined,
      channel: undefined,
      section: undefined,
      from: undefined,
      to: undefined,
      unmatched: false,
      breached: false,
    });
    expect(r.adjusted.map((n) => n.key)).toEqual([
      "filter.adjusted.unknown", // status2
      "filter.adjusted.status",
      "filter.adjusted.section",
      "filter.adjusted.channel",
      "filter.adjusted.from",
      "filter.adjusted.to",
      "filter.adjusted.unmatched",
      "filter.adjusted.breached",
    ]);
    expect(opsText("zh", r.adjusted[1].key, r.adjusted[1].params)).toBe("状态“bogus”无法识别，已显示全部状态。");
    expect(opsText("en", r.adjusted[1].key, r.adjusted[1].params)).toBe("Status “bogus” is not one we know; all statuses are shown.");
    const ok = read("status=won&channel=web&section=C&from=2026-01-01&to=2026-02-01&unmatched=1&park=P1", ["P1"]);
    expect(ok.adjusted).toEqual([]);
    expect(ok.filters).toMatchObject({ status: "won", channel: "web", section: "C", park: "P1", unmatched: true });
  });

  // A trial's ?industry=ZZ (the list's industry filter is `section`) was ignored without a word.
  it("a name in the address that is no filter of the list is named once, with its value; lng is no filter to name", () => {
    const r = read("industry=ZZ&status=won&foo=1&foo=2&lng=en");
    expect(r.filters.status).toBe("won");
    expect(r.adjusted).toEqual([
      { key: "filter.adjusted.unknown", params: { filter: "industry", value: "ZZ" } },
      { key: "filter.adjusted.unknown", params: { filter: "foo", value: "1" } },
    ]);
    expect(opsText("zh", r.adjusted[0].key, r.adjusted[0].params)).toBe("地址里的“industry=ZZ”不是这个列表的筛选条件，已忽略。");
    expect(opsText("en", r.adjusted[0].key, r.adjusted[0].params)).toBe(
      "“industry=ZZ” in the address is no filter of this list; it was ignored.",
    );
    expect(
      read("q=a&status=won&park=P1&section=C&channel=web&from=2026-01-01&to=2026-01-02&unmatched=1&breached=1&page=2", ["P1"]).adjusted,
    ).toEqual([]);
  });

  it("a park that does not exist is named and dropped (not a silently empty list under 'all parks')", () => {
    const r = read("park=NOPE", ["P1", "P2"]);
    expect(r.filters.park).toBeUndefined();
    expect(r.adjusted).toEqual([{ key: "filter.adjusted.park", params: { value: "NOPE" } }]);
    expect(keys(`park=${"x".repeat(101)}`, ["P1"])).toEqual(["filter.adjusted.park"]);
  });

  it("a page that is no page (-1, 0, abc, 1.5, past 10000) is named; page 1 is shown", () => {
    for (const p of ["-1", "0", "abc", "1.5", "10001", "1e3x"]) {
      const r = read(`page=${p}`);
      expect(r.filters.page, p).toBeUndefined();
      expect(r.adjusted, p).toEqual([{ key: "filter.adjusted.page", params: { value: p } }]);
    }
    expect(read("page=3").filters.page).toBe(3);
    expect(read("page=3").adjusted).toEqual([]);
  });

  it("a reversed range is read the right way round and said; a filter given twice is said", () => {
    const r = read("from=2026-03-01&to=2026-01-01");
    expect(r.filters).toMatchObject({ from: "2026-01-01", to: "2026-03-01" });
    expect(r.adjusted).toEqual([{ key: "filter.adjusted.reversed", params: { from: "2026-01-01", to: "2026-03-01" } }]);
    const twice = read("status=won&status=lost");
    expect(twice.filters.status).toBe("lost");
    expect(twice.adjusted.map((n) => n.key)).toEqual(["filter.adjusted.twice"]);
  });

  it("a notice quotes at most 40 characters of a bad value", () => {
    const r = read(`status=${"x".repeat(500)}`);
    expect(String(r.adjusted[0].params.value)).toHaveLength(41);
  });
});
