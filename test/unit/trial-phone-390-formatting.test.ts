import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { chartOption, dashboardCharts, wordsOf } from "~/admin/dashboard-charts.server";
import { figureTables } from "~/admin/dashboard-tables";
import { formatWan } from "~/domain/money-format";

import { dashboardFigures } from "../fixtures/dashboard-figures";

// A trial on a 390 px phone (ADR 134): chart names broken inside a word ("Unassig|ned", "热线待|办"),
// full-width colons on English pages, amounts said "300 × 10,000 CNY".

const NB = "\u00a0";

describe("formatWan: an amount in 万元 as people read it", () => {
  it.each([
    [300, "", "CNY 3 million", "300 万元"],
    [305, "", "CNY 3.05 million", "305 万元"],
    [12.34, "", "CNY 123,400", "12.34 万元"],
    [1234.56, "", "CNY 12,345,600", "1234.56 万元"],
    [100, "", "CNY 1 million", "100 万元"],
    [99.99, "", "CNY 999,900", "99.99 万元"],
    [120_000, "", "CNY 1.2 billion", "120000 万元"],
    [123_456, "", "CNY 1,234.56 million", "123456 万元"],
    [0.5, "", "CNY 5,000", "0.5 万元"],
    [0, "", "CNY 0", "0 万元"],
    [300, "year", "CNY 3 million/year", "300 万元/年"],
    [28, "mu", "CNY 280,000/mu", "28 万元/亩"],
  ] as const)("%d 万元 (%s) → %s / %s", (wan, per, en, zh) => {
    expect(formatWan("en", wan, per)).toBe(en.replaceAll(" ", NB));
    expect(formatWan("zh", wan, per)).toBe(zh);
    expect(formatWan("en", wan, per)).not.toMatch(/×|10,000 CNY/);
  });
});

const figures = () =>
  dashboardFigures({
    unmet: [{ kind: "factory", band: 2, district: "320115", place: { zh: "江宁区", en: "Jiangning District (江宁区)" }, leads: 1 }],
    queues: { unassigned: 1, offered: 3, callTasks: 3, dead: 2, outbox: 4 },
  });

/** The text pieces an SVG draws (each line of a label is a <text> or <tspan> of its own). */
const pieces = (svg: string) =>
  [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) =>
    m[1].replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").trim(),
  );
/** True when `piece`, found inside `name`, starts and ends at word boundaries of it (wordsOf's). */
function wholeWords(name: string, piece: string): boolean {
  const edges = new Set([0, name.length]);
  let at = 0;
  for (const w of wordsOf(name)) {
    at = name.indexOf(w.text, at);
    edges.add(at).add(at + w.text.length);
    at += w.text.length;
  }
  for (let i = name.indexOf(piece); i >= 0; i = name.indexOf(piece, i + 1)) if (edges.has(i) && edges.has(i + piece.length)) return true;
  return false;
}

describe("the dashboard's named bars on a phone and a desktop", () => {
  for (const lng of ["zh", "en"] as const)
    it(`never break a name inside a word (${lng}, both sizes): ended, queues`, async () => {
      const d = figures();
      const charts = await dashboardCharts(lng, d);
      for (const figure of ["ended", "queues"] as const) {
        const chart = charts.find((c) => c.figure === figure)!;
        const names = chart.rows.map((r) => String(r[0]));
        for (const size of ["narrow", "wide"] as const) {
          const texts = pieces(chart.svg![size]);
          for (const name of names) {
            // Every piece of the name drawn is whole words of it; the name is drawn in full.
            const drawn = texts.filter((t) => t.length > 1 && name.includes(t.replace(/[:：]\s?\d+$/u, "")));
            expect(drawn.join(""), `${figure} ${size}: ${name}`).not.toBe("");
            for (const t of drawn)
              expect(wholeWords(name, t.replace(/[:：]\s?\d+$/u, "")), `${figure} ${size}: "${t}" of "${name}"`).toBe(true);
          }
          // No piece is a name's fragment that ends or starts inside one of its words.
          for (const t of texts) {
            const bare = t.replace(/[:：]\s?\d+$/u, "");
            const of = names.filter((n) => n !== bare && n.includes(bare) && bare.length > 1);
            for (const n of of) expect(wholeWords(n, bare), `${figure} ${size}: "${t}" inside "${n}"`).toBe(true);
          }
        }
      }
    });

  it("wordsOf splits at spaces and, in Chinese, only at brackets and list marks", () => {
    expect(wordsOf("热线待办").map((w) => w.text)).toEqual(["热线待办"]);
    expect(wordsOf("Awaiting acceptance").map((w) => w.text)).toEqual(["Awaiting", "acceptance"]);
    expect(wordsOf("已流失（专员关闭、他园签约或线索被关闭）").map((w) => w.text)).toEqual([
      "已流失",
      "（专员关闭、",
      "他园签约或线索被关闭）",
    ]);
  });
});

describe("English pages say a label's colon in English", () => {
  it("the funnel chart's labels: 'Received: 16', never '：' (zh keeps '：')", () => {
    const d = figures();
    const table = (lng: "zh" | "en") => figureTables(lng, d).find((t) => t.figure === "funnel")!;
    const formatter = (lng: "zh" | "en") =>
      (chartOption(lng, table(lng), d, "narrow")!.option.series as { label: { formatter: string } }[])[0].label.formatter;
    expect(formatter("en")).toBe("{b}: {c}");
    expect(formatter("zh")).toBe("{b}：{c}");
  });

  it("no page writes a full-width colon of its own beside a label: the shared punctuation says it (app/**/*.tsx)", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".tsx")) files.push(p);
      }
    };
    walk("app");
    const found = files.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ f, i: i + 1, line }))
        // JSX text or a string beside a label ({x}：{y}, x：</, "：" alone); comments and Chinese-only branches aside.
        .filter(({ line }) => /\}：|：\{|：<\/|"："/.test(line) && !/^\s*(?:\/\/|\*|\/\*)/.test(line) && !/lng === "zh" \?/.test(line)),
    );
    expect(found.map(({ f, i, line }) => `${f}:${i}: ${line.trim()}`)).toEqual([]);
  });
});
