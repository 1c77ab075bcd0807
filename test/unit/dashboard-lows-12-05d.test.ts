import { describe, expect, it } from "vitest";

import { dashboardCharts, wordsOf } from "~/admin/dashboard-charts.server";

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
              if (line.x > box!.x0 && line.x < box!.x1 && line.y0 < box!.y1 && line.y1 > box!.y0) expect(line.at, where).toBeLessThan(box!.at);
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
