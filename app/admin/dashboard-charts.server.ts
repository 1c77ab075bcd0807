import { createRequire } from "node:module";

import type * as Echarts from "echarts";

import { opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { errorMessage, log } from "~/utils/log.server";

import { cspSafeSvg } from "./csp-safe-svg";
import type { DashboardFigures } from "./dashboard-data.server";
import { type Figure, type FigureTable, figureTables } from "./dashboard-tables";

// The dashboard's charts: Apache ECharts rendered on the server to SVG (its SSR mode), so the page
// needs no JavaScript (ADR 028). Each chart is drawn from the same table the page shows beside it.

const HEIGHT = 300;

/**
 * Each chart is drawn twice, each at the width it is shown, so its text is seen at the size it is
 * drawn (an SVG scaled down shrinks its text with it), and the page's CSS shows the one that fits
 * (admin.css, .chart-wide/.chart-narrow at 640 px):
 * - wide, for a desktop: as wide as a chart's box in the dashboard's two-column grid at full width —
 *   main.admin's 1200 px less 2 × 16 px padding is 1168 px, two columns with a 16 px gap are 576 px
 *   each, less a figure's 2 × 12 px padding and 2 × 1 px border: 550 px. From a 1232 px window up (1280,
 *   1920) it is shown 1:1; down to 1168 px (where the grid turns to one column) at ≥ 534/550, its 13 px
 *   text at ≥ 12.6 px. Drawn 640 px wide it was scaled to 550 and its 12 px text seen at ~10 px.
 * - narrow, for a phone: 340 px with larger text. One 640 px SVG scaled down to a 390 px screen drew its
 *   12 px legend and axis labels at ~7 px.
 */
export const CHART_SIZES = {
  wide: { width: 550, fontSize: 13, funnelFont: 16 },
  narrow: { width: 340, fontSize: 14, funnelFont: 14 },
} as const;
export type ChartSize = keyof typeof CHART_SIZES;
const PALETTE = ["#1f5fbf", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d", "#16a085"];

type Option = Echarts.EChartsCoreOption;

// ECharts is loaded on the first dashboard, not at start: it is ~90 MB of every web process at rest
// (bench:memory, docs/benchmarks.md), and only admins open this page. Loaded as its one-file CommonJS
// build (dist/echarts.js, what `require` resolves to), the same library: `import("echarts")` resolves to
// the ES module build, ~590 files, which took 1.1–1.3 s and ~50 MB to load on this machine against
// 0.2–0.3 s and ~28 MB — most of the dashboard's slow first load (ADR 119, test/bench/dashboard-first-load.ts).
let loaded: typeof Echarts | undefined;
const loadEcharts = (): typeof Echarts => (loaded ??= createRequire(import.meta.url)("echarts") as typeof Echarts);

let preparing: ReturnType<typeof setTimeout> | undefined;
/**
 * Loads ECharts and draws one small chart of each kind the dashboard draws (bar with a legend, line with
 * a mark line, funnel; both sizes), `afterMs` after the call, once per process: the admin's landing page
 * calls it, so the dashboard an admin opens next finds the library loaded and its drawing code warm
 * (ADR 119: the first dashboard of a process paid both, ~0.3–1 s more than the next). Only a process an
 * admin signed in to carries the library, as before. Never throws: a failure is logged, and the
 * dashboard loads it again itself.
 */
export function prepareDashboardCharts(afterMs = 500): void {
  if (loaded || preparing) return;
  preparing = setTimeout(() => {
    try {
      const echarts = loadEcharts();
      const axes = { xAxis: { type: "category", data: ["a", "b"] }, yAxis: { type: "value" } };
      for (const size of Object.keys(CHART_SIZES) as ChartSize[]) {
        render(echarts, { ...axes, legend: { top: 0 }, series: [{ name: "a", type: "bar", stack: "s", data: [1, 2] }] }, size);
        render(echarts, { ...axes, series: [{ type: "line", data: [1, 2], markLine: { data: [{ xAxis: 1 }] } }] }, size);
        render(echarts, { series: [{ type: "funnel", data: [{ name: "a", value: 2 }] }] }, size);
      }
    } catch (error) {
      log.warn("dashboard charts not prepared", { error: errorMessage(error) });
    }
  }, afterMs);
  preparing.unref();
}

function render(echarts: typeof Echarts, option: Option, size: ChartSize, height = HEIGHT): string {
  const { width, fontSize } = CHART_SIZES[size];
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: "sans-serif" }, ...withFontSize(option, fontSize) });
    // Inline styles are refused by the CSP (ADR 021): written as presentation attributes instead.
    return cspSafeSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

type Part = Record<string, unknown>;
const each = (v: unknown, f: (part: Part) => Part) => (v === undefined ? v : Array.isArray(v) ? v.map((x: Part) => f(x)) : f(v as Part));
const sized = (part: unknown, fontSize: number) => ({ ...(part as Part | undefined), fontSize });

/**
 * The option with every text the charts draw at `fontSize` (the funnel's labels keep theirs): ECharts'
 * global textStyle.fontSize does not reach legends, axis labels or series labels, each has its own.
 */
export function withFontSize(option: Option, fontSize: number): Option {
  return {
    ...option,
    legend: each(option.legend, (l) => ({ ...l, textStyle: sized(l.textStyle, fontSize) })),
    xAxis: each(option.xAxis, (a) => ({ ...a, axisLabel: sized(a.axisLabel, fontSize) })),
    yAxis: each(option.yAxis, (a) => ({ ...a, axisLabel: sized(a.axisLabel, fontSize) })),
    series: each(option.series, (s) => ({
      ...s,
      ...(s.label && s.type !== "funnel" ? { label: sized(s.label, fontSize) } : {}),
      ...(s.markLine ? { markLine: { ...(s.markLine as Part), label: sized((s.markLine as Part).label, fontSize) } } : {}),
    })),
  };
}

const num = (v: string | number) => (typeof v === "number" ? v : Number(v) || 0);
const grid = { left: 48, right: 24, top: 40, bottom: 40, containLabel: true };

/** True when a table has a non-zero number to draw (a chart of nothing but zeros says nothing). */
export function hasData(table: FigureTable): boolean {
  return table.rows.some((r) => r.slice(1).some((v) => typeof v === "number" && v !== 0));
}

/**
 * Where the "within 5 minutes" and "within an hour" marks go on the time-to-first-contact chart: at
 * the right edge of the bucket whose upper bound is 5 (60) minutes, as a position on a value axis
 * that spans the categories from -0.5 to n-0.5 (category i is centred on i). `upTos`: the buckets'
 * upper bounds in minutes (dashboard-data.server.ts), null for the open last one.
 */
export function contactMarks(lng: Lng, upTos: (number | null)[]): { name: string; xAxis: number }[] {
  const marks: { name: string; xAxis: number }[] = [];
  for (const [minutes, key] of [
    [5, "dashboard.mark5"],
    [60, "dashboard.mark60"],
  ] as const) {
    const i = upTos.indexOf(minutes);
    if (i >= 0) marks.push({ name: opsText(lng, key), xAxis: i + 0.5 });
  }
  return marks;
}

/** The ECharts option of a figure and the chart's height in px; null when there is no data to draw. */
export function chartOption(
  lng: Lng,
  table: FigureTable,
  d: DashboardFigures,
  size: ChartSize = "wide",
): { option: Option; height: number } | null {
  if (!hasData(table)) return null;
  const labels = table.rows.map((r) => String(r[0]));
  const plain = (option: Option) => ({ option, height: HEIGHT });
  // A few named buckets under their bars: every name is shown, wrapped to its bar's width (ECharts would
  // hide every other one and clip the last, "Background backl…"; on the 550 px desktop drawing too).
  const buckets = { interval: 0, overflow: "break", width: Math.floor((CHART_SIZES[size].width - 80) / labels.length) };
  switch (table.figure) {
    case "perDay":
      return plain({
        legend: { top: 0 },
        grid,
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value", minInterval: 1 },
        series: table.head.slice(1).map((name, i) => ({ name, type: "bar", stack: "leads", data: table.rows.map((r) => num(r[i + 1])) })),
      });
    case "funnel":
      // Labels beside the funnel, one per stage on its own line: inside, the narrow late stages
      // (已接单/已联系/已考察/已签约) cannot hold their labels, which overlapped and were clipped.
      return plain({
        series: [
          {
            type: "funnel",
            sort: "none",
            left: "4%",
            // On a phone the labels take more of the width (larger text in a narrower chart).
            width: size === "wide" ? "56%" : "44%",
            top: 16,
            bottom: 16,
            gap: 2,
            minSize: "6%",
            label: {
              show: true,
              position: "right",
              formatter: `{b}${punctuationMessages.t(lng, "label")}{c}`,
              fontSize: CHART_SIZES[size].funnelFont,
              color: "#1f2933",
            },
            labelLine: { show: true, length: 16 },
            data: table.rows.map((r) => ({ name: String(r[0]), value: num(r[1]) })),
          },
        ],
      });
    case "firstContact":
      return plain({
        grid,
        // A hidden value axis over the same span as the categories, so that a mark can sit on the
        // boundary between two buckets (on a category axis, 0.5 is rounded to a whole bucket).
        xAxis: [
          { type: "category", data: labels, axisLabel: buckets },
          { type: "value", min: -0.5, max: labels.length - 0.5, show: false },
        ],
        // No axis line: on the hidden value axis it would be drawn at its 0, inside the first bucket.
        yAxis: { type: "value", minInterval: 1, axisLine: { show: false }, axisTick: { show: false } },
        series: [
          { type: "bar", data: table.rows.map((r) => num(r[1])) },
          {
            // The marks a 招商 director watches: within 5 minutes, within an hour.
            type: "line",
            xAxisIndex: 1,
            data: [],
            markLine: {
              symbol: "none",
              silent: true,
              lineStyle: { color: "#c0392b", type: "dashed" },
              label: { formatter: "{b}" },
              data: contactMarks(
                lng,
                d.firstContact.buckets.map((b) => b.upTo),
              ),
            },
          },
        ],
      });
    case "perRecruiter":
    case "load":
      return {
        option: {
          legend: { top: 0 },
          grid,
          xAxis: { type: "value", minInterval: 1 },
          yAxis: { type: "category", data: labels },
          series: table.head.slice(1).map((name, i) => ({ name, type: "bar", data: table.rows.map((r) => num(r[i + 1])) })),
        },
        height: Math.max(160, 60 + 36 * table.rows.length),
      };
    case "unmet":
      return unmetChart(lng, table, size);
    case "ended":
    case "queues":
      // Named bars as the unmet chart draws them, each label above its bar across the whole width (ADR 134):
      // under five or two columns of a 340 px phone a name was broken inside a word ("Unassig|ned", "热线待|办").
      return labelledBars(
        lng,
        table.rows.map((r) => [String(r[0])]),
        table.rows.map((r) => num(r[1])),
        size,
      );
  }
}

/** The unmet chart's bar, in px: thin, the label above it carries the meaning. */
const UNMET_BAR = 12;
/**
 * How far right of the axis a named bar's label starts, and its box's side padding, in px: the label's box
 * (white, over the grid lines) starts LABEL_INSET - LABEL_PAD px clear of the axis line.
 */
export const LABEL_INSET = 6;
export const LABEL_PAD = 2;

/**
 * The width `text` takes at `fontSize` px in a sans-serif face, roughly: a Han character or a full-width
 * sign (㎡, 亩) one em, anything else about 0.6 em. For laying out labels before ECharts draws them.
 */
export function textWidthPx(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[\p{Script=Han}\u3000-\u33ff\uff00-\uffef]/u.test(ch) ? 1 : 0.6;
  return em * fontSize;
}

/**
 * Unmet needs as bars with their label above each, across the chart's whole width and wrapped when longer
 * (trial 12-05 finding 3): the labels to the left of the bars — "Factory building 10000–20000㎡ Shuangliu
 * District (双流区)" — took the whole 340 px of a phone and left no room for the bars, and ran into them.
 * Each row is as tall as its label's lines (the longest label's, so the rows stay even) and the bar; the
 * count is said after the label. Both sizes, both languages, the same layout.
 */
function unmetChart(lng: Lng, table: FigureTable, size: ChartSize): { option: Option; height: number } {
  // No place ("—" in the table: a lead that named none) is left out.
  const parts = table.rows.map((r) => [r[0], r[1], r[2]].map(String).filter((x) => x !== "—" && x !== ""));
  return labelledBars(
    lng,
    parts,
    table.rows.map((r) => num(r[3])),
    size,
  );
}

/**
 * Bars with their label above each, across the chart's whole width: `parts[i]` (kind · size · place, or one
 * name) then ": count". Each label in lines broken between its parts, never inside one where it fits a line:
 * ECharts' own breaking cut "(朝阳区" from ")", the count from its colon, and a name inside a word.
 */
function labelledBars(lng: Lng, parts: string[][], counts: number[], size: ChartSize): { option: Option; height: number } {
  const { width, fontSize } = CHART_SIZES[size];
  const side = { left: 8, right: 24 };
  const labelWidth = width - side.left - side.right;
  // The count stays with its colon on one line (a no-break space: linesOf breaks at plain spaces only).
  const colon = lng === "zh" ? punctuationMessages.t(lng, "label") : ":\u00a0";
  const labels = parts.map((p, i) => {
    const withCount = p.length ? [...p.slice(0, -1), `${p[p.length - 1]}${colon}${counts[i]}`] : [`${counts[i]}`];
    return linesOf(withCount, " · ", fontSize, labelWidth - LABEL_INSET - LABEL_PAD - fontSize);
  });
  const lineHeight = Math.ceil(fontSize * 1.35);
  const block = Math.max(1, ...labels.map((l) => l.length)) * lineHeight;
  // A row: the label's lines, 2 px, the bar, and a gap before the next label. The bar sits at the row's
  // centre, so a label reaches up into the empty lower part of the row above (or the grid's top).
  const band = block + 2 + UNMET_BAR + 12;
  const top = Math.ceil(block + 2 + UNMET_BAR / 2 - band / 2) + 4;
  const bottom = 32;
  return {
    option: {
      grid: { ...side, top, bottom, containLabel: false },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        data: labels.map((l) => l.join("\n")),
        inverse: true,
        axisLabel: { show: false },
        axisTick: { show: false },
      },
      series: [
        {
          type: "bar",
          barWidth: UNMET_BAR,
          data: counts,
          label: {
            show: true,
            // Above the bar, LABEL_INSET px right of the axis: [x, y] from the bar's top left corner. At 0 the
            // category axis's line ran through the first character of every label (trial 12-05d).
            position: [LABEL_INSET, -2],
            align: "left",
            verticalAlign: "bottom",
            formatter: "{b}",
            // A part longer than a line (a long place name alone) is still broken by ECharts.
            width: labelWidth - LABEL_INSET,
            overflow: "break",
            lineHeight,
            color: "#1f2933",
            // The value axis's grid lines run up the whole chart, through the labels: each label is drawn on
            // the page's white, the lines stop at its box.
            backgroundColor: "#fff",
            padding: [0, LABEL_PAD],
          },
        },
      ],
    },
    height: top + bottom + band * labels.length,
  };
}

/**
 * `parts` joined by `sep` into lines of at most `maxPx` (textWidthPx at `fontSize`), breaking between parts;
 * a part longer than a line alone is broken between its words (`wordsOf`; a no-break space holds two together).
 */
function linesOf(parts: string[], sep: string, fontSize: number, maxPx: number): string[] {
  const lines: string[] = [];
  const put = (piece: string, glue: string) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidthPx(`${last}${glue}${piece}`, fontSize) <= maxPx) lines[lines.length - 1] = `${last}${glue}${piece}`;
    else lines.push(piece);
  };
  for (const part of parts) {
    if (textWidthPx(part, fontSize) <= maxPx) put(part, sep);
    else wordsOf(part).forEach((w, i) => put(w.text, i === 0 ? sep : w.glue));
  }
  return lines;
}

/**
 * The words of a text and what joins each to the one before: at a plain space (" "), and in Chinese, which
 * has no spaces, before an opening bracket and after a comma, 、, a semicolon or a closing bracket (""), so a
 * long Chinese name is never broken inside a word ("已流失（专员关闭、他园签约或线索被关闭）").
 */
export function wordsOf(text: string): { text: string; glue: string }[] {
  return text.split(" ").flatMap((spaced, i) =>
    spaced
      // A count's colon stays with the word before it ("…关闭）：2", never a line of its own starting "：2").
      .split(/(?<=[、，；）])(?![：:])|(?=（)/u)
      .filter((w) => w !== "")
      .map((w, j) => ({ text: w, glue: i > 0 && j === 0 ? " " : "" })),
  );
}

/**
 * Every figure: its table and its chart as CSP-clean SVG strings, one per size (CHART_SIZES); svg is
 * null when there is no data (the page then says "暂无数据" / "No data yet").
 */
export async function dashboardCharts(lng: Lng, d: DashboardFigures): Promise<(FigureTable & { svg: Record<ChartSize, string> | null })[]> {
  const echarts = loadEcharts();
  const draw = (table: FigureTable, size: ChartSize) => {
    const chart = chartOption(lng, table, d, size)!;
    return render(echarts, chart.option, size, chart.height);
  };
  return figureTables(lng, d).map((table) => ({
    ...table,
    svg: hasData(table) ? { wide: draw(table, "wide"), narrow: draw(table, "narrow") } : null,
  }));
}

export type { Figure };
