import { describe, expect, it } from "vitest";

import { cspSafeSvg } from "~/admin/csp-safe-svg";
import { CHART_SIZES, chartOption, contactMarks, dashboardCharts, textWidthPx } from "~/admin/dashboard-charts.server";
import { CONTACT_BUCKETS, FUNNEL_STAGES } from "~/admin/dashboard-data.server";
import { figureTables } from "~/admin/dashboard-tables";
import { opsText } from "~/i18n/admin-ops-messages";

import { dashboardFigures as figures } from "../../fixtures/dashboard-figures";

// The dashboard's charts (ADR 028) as options and as SVG: where the marks sit, what an empty figure
// shows, and that the SVG carries nothing the CSP (ADR 021, style-src 'self') refuses.

const empty = figures({
  perDay: [],
  funnel: FUNNEL_STAGES.map((stage) => ({ stage, leads: 0 })),
  firstContact: {
    buckets: [...CONTACT_BUCKETS, null].map((upTo) => ({ upTo, assignments: 0 })),
    total: 0,
    within5: 0,
    within60: 0,
    medianMinutes: null,
  },
  perRecruiter: [],
  load: [],
  ended: { lost: 0, needChanged: 0 },
  unmet: [],
  queues: { unassigned: 0, offered: 0, callTasks: 0, dead: 0, outbox: 0 },
});

describe("time to first contact: the 5-minute and 1-hour marks", () => {
  it("sit on the right edge of the ≤ 5 分钟 and ≤ 1 小时 buckets (between categories 0|1 and 3|4)", () => {
    expect(contactMarks("zh", [5, 15, 30, 60, 240, 1440, null])).toEqual([
      { name: "5 分钟", xAxis: 0.5 },
      { name: "1 小时", xAxis: 3.5 },
    ]);
    expect(contactMarks("en", [15, 60, null]).map((m) => m.xAxis)).toEqual([1.5]);
  });

  it("are drawn on a value axis spanning the categories, so 0.5 is a boundary and not rounded to a bucket", () => {
    const d = figures();
    const table = figureTables("zh", d).find((t) => t.figure === "firstContact")!;
    const { option } = chartOption("zh", table, d)!;
    const [category, value] = option.xAxis as { type: string; min?: number; max?: number; data?: string[] }[];
    expect(category.type).toBe("category");
    expect(category.data).toHaveLength(7);
    expect(value).toMatchObject({ type: "value", min: -0.5, max: 6.5 });
    const marks = (option.series as { xAxisIndex?: number; markLine?: { data: { xAxis: number }[] } }[]).find((s) => s.markLine)!;
    expect(marks.xAxisIndex).toBe(1);
    expect(marks.markLine!.data.map((m) => m.xAxis)).toEqual([0.5, 3.5]);
  });

  it("in the SVG, the 5-minute line is left of the second bar's centre and the 1-hour line left of the fifth's", async () => {
    const svg = (await dashboardCharts("zh", figures())).find((c) => c.figure === "firstContact")!.svg!.wide;
    // The category labels' x (text-anchor middle, centred on each bucket) and the dashed lines' x.
    const centres = Array.from(svg.matchAll(/<text[^>]*transform="translate\(([\d.]+) [\d.]+\)"[^>]*>≤ /g), (m) => Number(m[1]));
    const lines = Array.from(svg.matchAll(/<path d="M([\d.]+) [\d.]+L\1 [\d.]+"[^>]*stroke="#c0392b"/g), (m) => Number(m[1]));
    expect(centres.length).toBeGreaterThanOrEqual(6);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBeGreaterThan(centres[0]);
    expect(lines[0]).toBeLessThan(centres[1]);
    expect(lines[1]).toBeGreaterThan(centres[3]);
    expect(lines[1]).toBeLessThan(centres[4]);
  });
});

describe("empty figures", () => {
  it("every figure without data has no chart (the page says 暂无数据 / No data yet instead)", async () => {
    for (const c of await dashboardCharts("zh", empty)) expect([c.figure, c.svg]).toEqual([c.figure, null]);
    expect(opsText("zh", "dashboard.noData")).toBe("暂无数据");
    expect(opsText("en", "dashboard.noData")).toBe("No data yet");
  });

  it("a figure with data has its chart, drawn for a desktop and for a phone", async () => {
    for (const c of await dashboardCharts("en", figures()))
      expect([c.figure, typeof c.svg?.wide, typeof c.svg?.narrow]).toEqual([c.figure, "string", "string"]);
  });
});

describe("the funnel", () => {
  it("puts its labels beside the stages, not inside (the narrow late stages clipped them)", () => {
    const d = figures();
    const table = figureTables("zh", d).find((t) => t.figure === "funnel")!;
    const [series] = chartOption("zh", table, d)!.option.series as { label: { position: string } }[];
    expect(series.label.position).toBe("right");
  });
});

describe("the SVG under the CSP (ADR 021)", () => {
  it("has no style attribute and no <style> element, and keeps the fonts as presentation attributes", async () => {
    for (const c of await dashboardCharts("zh", figures()))
      for (const svg of Object.values(c.svg!)) {
        expect(svg).not.toMatch(/\sstyle=/);
        expect(svg).not.toMatch(/<style/);
        expect(svg).toMatch(/<text[^>]* font-size="\d+px"[^>]* font-family="sans-serif"/);
      }
  });

  it("cspSafeSvg: declarations become attributes, an existing attribute wins, non-presentation properties go", () => {
    expect(
      cspSafeSvg('<text x="1" style="font-size:12px;font-family:&quot;Noto Sans&quot;, sans-serif;user-select:none" fill="#000">a</text>'),
    ).toBe('<text x="1" fill="#000" font-size="12px" font-family="&quot;Noto Sans&quot;, sans-serif">a</text>');
    expect(cspSafeSvg('<path d="M0 0" style="fill:red;stroke:blue" fill="green"/>')).toBe('<path d="M0 0" fill="green" stroke="blue" />');
    expect(cspSafeSvg('<svg><style ><![CDATA[.a:hover{cursor:pointer}]]></style><g class="a"></g></svg>')).toBe(
      '<svg><g class="a"></g></svg>',
    );
    expect(cspSafeSvg('<rect width="2" height="3"></rect>')).toBe('<rect width="2" height="3"></rect>');
  });
});

describe("time to first contact: no stray axis line", () => {
  it("draws no vertical axis line inside the first bucket (the hidden value axis's 0)", async () => {
    const svg = (await dashboardCharts("zh", figures())).find((c) => c.figure === "firstContact")!.svg!.wide;
    const vertical = Array.from(svg.matchAll(/<path d="M([\d.]+) [\d.]+L\1 [\d.]+"[^>]*stroke="([^"]+)"/g), (m) => m[2]);
    expect(vertical.filter((stroke) => stroke !== "#c0392b" && stroke !== "#dbdee4")).toEqual([]);
  });
});

describe("the phone drawing (a 640 px SVG shown 340 px wide drew its 12 px text at ~7 px)", () => {
  it("is 340 px wide and every text in it, legends, axes, marks and the funnel's labels, is ≥ 13 px", async () => {
    for (const lng of ["zh", "en"] as const)
      for (const c of await dashboardCharts(lng, figures())) {
        const svg = c.svg!.narrow;
        expect(svg).toMatch(/<svg[^>]* width="340"/);
        const sizes = Array.from(svg.matchAll(/<text[^>]* font-size="(\d+)px"/g), (m) => Number(m[1]));
        expect(sizes.length, c.figure).toBeGreaterThan(0);
        expect([c.figure, Math.min(...sizes)]).toEqual([c.figure, CHART_SIZES.narrow.fontSize]);
        // Shown at 390 px (≈ 340 px of content), no text is below 11 px.
        expect(Math.min(...sizes) * (340 / CHART_SIZES.narrow.width)).toBeGreaterThanOrEqual(11);
      }
  });

  it("names every bucket under its bar (queues, time to first contact), wrapped rather than hidden or clipped", async () => {
    for (const lng of ["zh", "en"] as const)
      for (const c of (await dashboardCharts(lng, figures())).filter((f) => f.figure === "queues" || f.figure === "firstContact")) {
        const texts = Array.from(c.svg!.narrow.matchAll(/<text[^>]*>([^<]*)<\/text>/g), (m) =>
          m[1].replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&"),
        );
        // A wrapped name is its lines in a row: read together, every name is there whole.
        const joined = texts.join("").replace(/\s/g, "");
        for (const row of c.rows) expect(joined, `${lng} ${row[0]}`).toContain(String(row[0]).replace(/\s/g, ""));
      }
  });

  it("the desktop drawing is as wide as its box in the two-column grid (550 px), every text ≥ 13 px", async () => {
    for (const c of await dashboardCharts("zh", figures())) {
      expect(c.svg!.wide).toMatch(/<svg[^>]* width="550"/);
      const sizes = Array.from(c.svg!.wide.matchAll(/<text[^>]* font-size="(\d+)px"/g), (m) => Number(m[1]));
      expect(sizes.length, c.figure).toBeGreaterThan(0);
      expect(Math.min(...sizes), c.figure).toBeGreaterThanOrEqual(CHART_SIZES.wide.fontSize);
    }
  });
});

// Trial 12-05, finding 3: the unmet-needs chart drew its labels left of the bars ("Factory building
// 10000–20000㎡ Shuangliu District (双流区)"), which took the whole 340 px of a phone; the bars were left a
// sliver and ran into the labels. Labels go above the bars now, broken between their parts.
describe("the unmet-needs chart on a phone and a desktop", () => {
  const unmet = [
    { kind: "factory", band: 4, district: "", place: { zh: "双流区", en: "Shuangliu District (双流区)" }, leads: 3 },
    { kind: "factory", band: 3, district: "", place: { zh: "苏州工业园区", en: "Suzhou Industrial Park (苏州工业园区)" }, leads: 2 },
    { kind: "land", band: 1, district: "", place: { zh: "朝阳区", en: "Chaoyang District (朝阳区)" }, leads: 1 },
    { kind: "factory", band: 1, district: "", place: { zh: "", en: "" }, leads: 1 },
  ];
  for (const lng of ["zh", "en"] as const)
    for (const size of ["narrow", "wide"] as const)
      it(`${lng}, ${size}: the bars start at the chart's left edge and take its width; each label line is whole parts, inside the chart`, async () => {
        const svg = (await dashboardCharts(lng, figures({ unmet }))).find((c) => c.figure === "unmet")!.svg![size];
        const { width, fontSize } = CHART_SIZES[size];
        const bars = Array.from(svg.matchAll(/<path d="M([\d.]+) ([\d.]+)l([\d.]+) 0l0 ([\d.]+)/g), (m) => ({
          x: Number(m[1]),
          y: Number(m[2]),
          w: Number(m[3]),
          h: Number(m[4]),
        })).filter((b) => b.h > 0 && b.h < 20);
        expect(bars).toHaveLength(4);
        for (const b of bars) expect(b.x).toBeLessThanOrEqual(10);
        expect(Math.max(...bars.map((b) => b.w))).toBeGreaterThan(width * 0.8);
        // Each label's lines: above its bar, within the width, never breaking inside "(双流区)" or before the count.
        const lines = Array.from(svg.matchAll(/<text[^>]*text-anchor="start"[^>]*>([^<]+)<\/text>/g), (m) => m[1]);
        expect(lines.length).toBeGreaterThanOrEqual(4);
        for (const line of lines) {
          expect(textWidthPx(line, fontSize), line).toBeLessThanOrEqual(width - 32);
          expect(line).not.toMatch(/^[)）:：\s]|[(（]$/);
        }
        const said = lines.join(" ").replace(/\u00a0/g, " ");
        expect(said).toContain(lng === "zh" ? "双流区：3" : "Shuangliu District (双流区): 3");
        expect(said).not.toContain("—"); // no place: nothing said of it
      });
});
