import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { LAND_BANDS_MU, needBand, SIZE_BANDS } from "~/admin/dashboard-bands";
import { dashboardCharts, wordsOf } from "~/admin/dashboard-charts.server";
import { sizeLabel } from "~/admin/dashboard-tables";
import { SQM_PER_MU } from "~/domain/area";

import { dashboardFigures } from "../fixtures/dashboard-figures";

// Lows a trial and an attack found in the admin's dashboard (docs/decisions/143).

const figures = () =>
  dashboardFigures({
    unmet: [
      { kind: "factory", band: 2, district: "320115", place: { zh: "江宁区", en: "Jiangning District (江宁区)" }, leads: 3 },
      { kind: "land", band: 3, district: "320117", place: { zh: "溧水区", en: "Lishui District (溧水区)" }, leads: 1 },
      { kind: "warehouse", band: 0, district: "", place: { zh: "", en: "" }, leads: 12 },
    ],
    queues: { unassigned: 1, offered: 3, callTasks: 3, dead: 2, outbox: 4 },
  });

type Box = { x0: number; x1: number; y0: number; y1: number; at: number };
const translate = (tag: string) => {
  const m = /transform="translate\(([-\d.]+)[ ,]([-\d.]+)\)"/.exec(tag);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};

/** The vertical lines an SVG draws (axis and grid lines: "M8.5 9L8.5 144"), the white boxes, and the labels that start at their x. */
function layout(svg: string) {
  const lines: { x: number; y0: number; y1: number; at: number }[] = [];
  const boxes: Box[] = [];
  const labels: { text: string; x: number; y: number; at: number }[] = [];
  for (const m of svg.matchAll(/<path d="M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)"[^>]*stroke="[^"]+"/g))
    if (m[1] === m[3]) lines.push({ x: Number(m[1]), y0: Math.min(+m[2], +m[4]), y1: Math.max(+m[2], +m[4]), at: m.index });
  for (const m of svg.matchAll(/<path d="M([-\d.]+) ([-\d.]+)l([-\d.]+) 0l0 ([-\d.]+)l[-\d.]+ 0Z"[^>]*fill="#fff"[^>]*>/g)) {
    const [tx, ty] = translate(m[0]);
    boxes.push({ x0: tx + +m[1], x1: tx + +m[1] + +m[3], y0: ty + +m[2], y1: ty + +m[2] + +m[4], at: m.index });
  }
  for (const m of svg.matchAll(/<text[^>]*text-anchor="start"[^>]*>([^<]*)</g)) {
    const [tx, ty] = translate(m[0]);
    const x = Number(/ x="([-\d.]+)"/.exec(m[0])?.[1] ?? 0);
    const y = Number(/ y="([-\d.]+)"/.exec(m[0])?.[1] ?? 0);
    labels.push({ text: m[1], x: tx + x, y: ty + y, at: m.index });
  }
  return { lines, boxes, labels };
}

describe("the dashboard's named bars: no line runs through a label (trial 12-05d, ADR 143)", () => {
  for (const lng of ["zh", "en"] as const)
    it(`unmet, ended, queues — ${lng}, phone and desktop`, async () => {
      const charts = await dashboardCharts(lng, figures());
      for (const figure of ["unmet", "ended", "queues"] as const) {
        for (const size of ["narrow", "wide"] as const) {
          const svg = charts.find((c) => c.figure === figure)!.svg![size];
          const { lines, boxes, labels } = layout(svg);
          const axis = Math.min(...lines.map((l) => l.x));
          const named = labels.filter((l) => l.x < axis + 40); // the labels above the bars, from the axis
          expect(named.length, `${figure} ${size}`).toBeGreaterThan(0);
          for (const label of named) {
            const where = `${figure} ${size} "${label.text}"`;
            // The first character clear of the axis line (it ran through it).
            expect(label.x - axis, where).toBeGreaterThanOrEqual(4);
            // Every line that crosses the label's row passes under its box: a white box drawn after the line,
            // over the label's whole first line of text; the axis line itself is not hidden.
            const box = boxes.find((b) => b.x0 <= label.x && label.x < b.x1 && b.y0 <= label.y && label.y <= b.y1);
            expect(box, where).toBeDefined();
            expect(box!.x0, where).toBeGreaterThan(axis);
            for (const line of lines)
              if (line.x > box!.x0 && line.x < box!.x1 && line.y0 < box!.y1 && line.y1 > box!.y0)
                expect(line.at, where).toBeLessThan(box!.at);
          }
        }
      }
    });
});

describe("a named bar's count stays with its name's last word", () => {
  it.each(["已流失（专员关闭、他园签约或线索被关闭）：2", "需求更正后结束（园区不再符合）：12", "厂房（多栋）：3"])("%s", (text) => {
    const words = wordsOf(text);
    expect(words.map((w) => w.text).join("")).toBe(text);
    for (const w of words) expect(w.text, text).not.toMatch(/^[：:]/u);
  });
  it("on the phone's chart no line of a label starts with the colon", async () => {
    const charts = await dashboardCharts("zh", figures());
    const svg = charts.find((c) => c.figure === "ended")!.svg!.narrow;
    const texts = [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => m[1].trim());
    expect(texts.some((t) => t.includes("已流失"))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/^[：:]/u);
  });
});

describe("an unmet need's size band (ADR 143): by where its range lies, a band holding its lower edge", () => {
  const mu = (n: number) => Math.round(n * SQM_PER_MU * 100) / 100; // as intake stores 亩 (round2)
  it.each([
    ["5000平左右 (4,500–5,500, the trial's)", "factory", 4500, 5500, "5000–10000㎡"],
    ["exactly 5,000", "factory", 5000, 5000, "5000–10000㎡"],
    ["5,000 and up", "warehouse", 5000, null, "5000–10000㎡"],
    ["up to 5,000", "office", null, 5000, "3000–5000㎡"],
    ["3,000–5,000 (middle 4,000)", "factory", 3000, 5000, "3000–5000㎡"],
    ["2,900–3,100 (middle 3,000)", "factory", 2900, 3100, "3000–5000㎡"],
    ["at least 20,000", "factory", 20000, null, "≥ 20000㎡"],
    ["up to 20,000", "factory", null, 20000, "10000–20000㎡"],
    ["up to 1,000", "factory", null, 1000, "< 1000㎡"],
    ["999–1,001 (middle 1,000)", "factory", 999, 1001, "1000–3000㎡"],
    ["no size", "factory", null, null, "< 1000㎡"],
    ["20 亩 (13333.33 ㎡ stored)", "land", mu(20), mu(20), "20–50亩"],
    ["20–30 亩 (middle 25)", "land", mu(20), mu(30), "20–50亩"],
    ["up to 20 亩", "land", null, mu(20), "10–20亩"],
    ["200 亩 and up", "land", mu(200), null, "≥ 200亩"],
    ["9 亩", "land", mu(9), mu(9), "< 10亩"],
  ] as const)("%s → %s", (_, kind, min, max, label) => {
    expect(sizeLabel(kind, needBand(kind, min, max), "zh")).toBe(label);
  });

  it("every figure is in exactly one band, the one whose lower edge is at or below it and whose upper edge is above it", () => {
    for (const [kind, edges, toSqm] of [
      ["factory", SIZE_BANDS, (x: number) => x],
      ["land", LAND_BANDS_MU, mu],
    ] as const) {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 400, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, w) => {
          // A figure in the bands' own unit (㎡ scaled to reach past 20,000; 亩 as it is), and a range round it.
          const x = Math.round((kind === "land" ? a : a * 60) * 100) / 100;
          const band = needBand(kind, toSqm(x), toSqm(x));
          const lower = band === 0 ? -Infinity : edges[band - 1];
          const upper = band >= edges.length ? Infinity : edges[band];
          expect(lower <= x && x < upper, `${kind} ${x} in band ${band}`).toBe(true);
          // A range whose middle is x is in the same band; one bound alone is read on the side the range lies.
          const half = Math.round(w * 100) / 100;
          if (x - half >= 0) expect(needBand(kind, toSqm(x - half), toSqm(x + half)), `${kind} ${x}±${half}`).toBe(band);
          expect(needBand(kind, toSqm(x), null)).toBe(band);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("the labels say which band an edge is in: the first below its edge, the last from its edge, each edge starting one band", () => {
    for (const [kind, edges] of [
      ["factory", SIZE_BANDS],
      ["land", LAND_BANDS_MU],
    ] as const) {
      const labels = edges.map((_, i) => sizeLabel(kind, i, "zh")).concat(sizeLabel(kind, edges.length, "zh"));
      expect(labels[0]).toMatch(/^< /);
      expect(labels[labels.length - 1]).toMatch(/^≥ /);
      // Each edge is the lower figure of exactly one label (the band it is in), and no label's upper figure
      // is said to include it.
      const lowers = labels.slice(1).map((l) => Number(/^(?:≥ )?(\d+)/.exec(l)?.[1]));
      expect(lowers).toEqual([...edges]);
    }
  });
});
