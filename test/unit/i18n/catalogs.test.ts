import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { defineMessages, fill, lngHref, type Messages, placeholders } from "~/i18n/i18n";

import { ROOT, sourceFiles } from "../../support/source-graph";

// ADR 026: every catalog is `defineMessages({ zh, en })` in app/i18n/*-messages.ts. The types make
// English carry exactly zh's keys; this test checks what types cannot: no empty text, the same
// `{placeholders}` on both sides, and that the one replacement in app/i18n/i18n.ts is the only one.

const CATALOG_DIR = join(ROOT, "app/i18n");
const catalogFiles = readdirSync(CATALOG_DIR)
  .filter((f) => f.endsWith("-messages.ts"))
  .sort();

const isMessages = (v: unknown): v is Messages<string> =>
  typeof v === "object" && v !== null && "zh" in v && "en" in v && "keys" in v && "t" in v && typeof (v as { t: unknown }).t === "function";

/** file → export name → catalog, for every `defineMessages` catalog exported from app/i18n/. */
async function loadCatalogs(): Promise<Array<{ name: string; messages: Messages<string> }>> {
  const out: Array<{ name: string; messages: Messages<string> }> = [];
  for (const file of catalogFiles) {
    const mod = (await import(join(CATALOG_DIR, file))) as Record<string, unknown>;
    const found = Object.entries(mod).filter(([, v]) => isMessages(v));
    expect(found.length, `${file} exports no defineMessages catalog`).toBeGreaterThan(0);
    for (const [name, messages] of found) out.push({ name: `${file} ${name}`, messages: messages as Messages<string> });
  }
  return out;
}

describe("the message catalogs (app/i18n/*-messages.ts)", () => {
  it("are all built by defineMessages", async () => {
    const catalogs = await loadCatalogs();
    expect(catalogs.length).toBeGreaterThanOrEqual(catalogFiles.length);
  });

  it("have the same keys in zh and en, no empty text, and the same placeholders in both", async () => {
    const problems: string[] = [];
    for (const { name, messages } of await loadCatalogs()) {
      const zhKeys = Object.keys(messages.zh).sort();
      const enKeys = Object.keys(messages.en).sort();
      for (const k of zhKeys) if (!enKeys.includes(k)) problems.push(`${name}: "${k}" has no English`);
      for (const k of enKeys) if (!zhKeys.includes(k)) problems.push(`${name}: "${k}" is English only`);
      for (const k of zhKeys) {
        const zh = messages.zh[k];
        const en = messages.en[k];
        if (typeof zh !== "string" || zh.trim() === "") problems.push(`${name}: "${k}" is empty in zh`);
        if (typeof en !== "string" || en.trim() === "") problems.push(`${name}: "${k}" is empty in en`);
        if (typeof zh === "string" && typeof en === "string" && placeholders(zh).join() !== placeholders(en).join())
          problems.push(`${name}: "${k}" placeholders zh {${placeholders(zh).join(",")}} ≠ en {${placeholders(en).join(",")}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("English agrees with its numbers: `{n:one|other}` after a count, no 'n things' and no '(s)' for a count", async () => {
    // The kind of bug: "1 matched spaces" on the queue. A count placeholder followed (within two words)
    // by a plural noun must use the plural form; "(s)" is the lazy spelling of the same mistake.
    const COUNT = /\{(?:n|count|total|days|twice|hours|minutes|seconds|max|reroutes|score|mails)\}(?: [a-z-]+){0,2} [a-z-]*(?:s|ies)\b/;
    const problems: string[] = [];
    for (const { name, messages } of await loadCatalogs()) {
      for (const [k, en] of Object.entries(messages.en)) {
        if (COUNT.test(en)) problems.push(`${name}: "${k}" ${en}`);
        if (/\w\(s\)/.test(en)) problems.push(`${name}: "${k}" has (s): ${en}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("fills `{n:one|other}` by English plural rules; placeholders() names it as n", async () => {
    const { deskMessages } = await import("~/i18n/desk-messages");
    expect(fill("{n} matched {n:space|spaces}", { n: 1 })).toBe("1 matched space");
    expect(fill("{n} matched {n:space|spaces}", { n: "1" })).toBe("1 matched space");
    for (const n of [0, 2, 11, 1.5]) expect(fill("{n} matched {n:space|spaces}", { n })).toBe(`${n} matched spaces`);
    expect(fill("{n:space|spaces}", {})).toBe("spaces");
    expect(placeholders("{n} matched {n:space|spaces}")).toEqual(["n"]);
    expect(deskMessages.t("en", "desk.spaces" as never, { n: 1 })).toBe("1 matched space");
    expect(deskMessages.t("en", "desk.spaces" as never, { n: 3 })).toBe("3 matched spaces");
  });

  it("are the only place a {placeholder} is replaced (app/i18n/i18n.ts `fill`)", () => {
    const others = sourceFiles()
      .filter((f) => f !== "app/i18n/i18n.ts")
      .filter((f) => /\.replace\(\s*\/\\\{\(\\w\+\)\\\}\/g|\.replace\(\s*"\{\w+\}"/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(others).toEqual([]);
  });
});

describe("defineMessages and its translator", () => {
  const m = defineMessages({
    zh: { hello: "你好，{name}！", count: "共 {n} 条，{n} 条已读", plain: "无" },
    en: { hello: "Hello, {name}!", count: "{n} in all, {n} read", plain: "none" },
  });

  it("picks the language and fills every placeholder once, values taken literally", () => {
    expect(m.t("zh", "hello", { name: "张三" })).toBe("你好，张三！");
    expect(m.t("en", "hello", { name: "$& $1" })).toBe("Hello, $& $1!");
    expect(m.t("en", "count", { n: 3 })).toBe("3 in all, 3 read");
    expect(m.t("en", "hello")).toBe("Hello, !");
    expect(m.both("plain")).toEqual({ zh: "无", en: "none" });
  });

  it("labels database values and tells its keys", () => {
    const s = defineMessages({ zh: { "status.new": "新" }, en: { "status.new": "New" } });
    expect(s.label("en", "status", "new", "—")).toBe("New");
    expect(s.label("en", "status", "odd", "—")).toBe("odd");
    expect(s.label("zh", "status", null, "—")).toBe("—");
    expect(s.has("status.new")).toBe(true);
    expect(s.has("toString")).toBe(false);
  });

  it("refuses, at compile time, an English side with a key missing or extra", () => {
    // @ts-expect-error — "b" has no English
    defineMessages({ zh: { a: "甲", b: "乙" }, en: { a: "A" } });
    // @ts-expect-error — "c" is not a zh key
    defineMessages({ zh: { a: "甲" }, en: { a: "A", c: "C" } });
    const en = { a: "A", c: "C" };
    // @ts-expect-error — an extra key is refused from a variable too, not only from an object literal
    defineMessages({ zh: { a: "甲" }, en });
    expect(fill("{a}{b}", { a: 1 })).toBe("1");
  });

  it("lngHref keeps the page's language on links", () => {
    expect(lngHref("/admin/leads", "zh")).toBe("/admin/leads");
    expect(lngHref("/admin/leads", "en")).toBe("/admin/leads?lng=en");
    expect(lngHref("/?index", "en")).toBe("/?index&lng=en");
    expect(lngHref("/queue/assignments/1?confirm=lost#top", "en")).toBe("/queue/assignments/1?confirm=lost&lng=en#top");
  });
});
