import * as echarts from "echarts";

import { opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

import type { DashboardFigures } from "./dashboard-data.server";
import { type Figure, type FigureTable, figureTables } from "./dashboard-tables";

// The dashboard's charts: Apache ECharts rendered on the server to SVG (its SSR mode), so the page
// needs no JavaScript (ADR 028). Each chart is drawn from the same table the page shows beside it.

const WIDTH = 640;
const HEIGHT = 300;
const PALETTE = ["#1f5fbf", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d", "#16a085"];

type Option = echarts.EChartsCoreOption;

function render(option: Option, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: "sans-serif" }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const num = (v: string | number) => (typeof v === "number" ? v : Number(v) || 0);
const grid = { left: 48, right: 24, top: 40, bottom: 40, containLabel: true };

function chartOf(lng: Lng, table: FigureTable): string | null {
  const labels = table.rows.map((r) => String(r[0]));
  switch (table.figure) {
    case "perDay":
      return render({
        legend: { top: 0 },
        grid,
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value", minInterval: 1 },
        series: table.head.slice(1).map((name, i) => ({ name, type: "bar", stack: "leads", data: table.rows.map((r) => num(r[i + 1])) })),
      });
    case "funnel":
      return render({
        series: [
          {
            type: "funnel",
            sort: "none",
            left: "10%",
            width: "80%",
            minSize: "8%",
            label: { show: true, position: "inside", formatter: "{b}: {c}" },
            data: table.rows.map((r) => ({ name: String(r[0]), value: num(r[1]) })),
          },
        ],
      });
    case "firstContact":
      return render({
        grid,
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          {
            type: "bar",
            data: table.rows.map((r) => num(r[1])),
            // The marks a 招商 director watches: within 5 minutes, within an hour.
            markLine: {
              symbol: "none",
              lineStyle: { color: "#c0392b", type: "dashed" },
              label: { formatter: "{b}" },
              data: [
                { name: opsText(lng, "dashboard.mark5"), xAxis: 0.5 },
                { name: opsText(lng, "dashboard.mark60"), xAxis: 3.5 },
              ],
            },
          },
        ],
      });
    case "perRecruiter":
    case "load":
      if (table.rows.length === 0) return null;
      return render(
        {
          legend: { top: 0 },
          grid,
          xAxis: { type: "value", minInterval: 1 },
          yAxis: { type: "category", data: labels },
          series: table.head.slice(1).map((name, i) => ({ name, type: "bar", data: table.rows.map((r) => num(r[i + 1])) })),
        },
        Math.max(160, 60 + 36 * table.rows.length),
      );
    case "unmet":
      if (table.rows.length === 0) return null;
      return render(
        {
          grid,
          xAxis: { type: "value", minInterval: 1 },
          yAxis: { type: "category", data: table.rows.map((r) => `${r[0]} ${r[1]} ${r[2]}`), inverse: true },
          series: [{ type: "bar", data: table.rows.map((r) => num(r[3])) }],
        },
        Math.max(160, 60 + 30 * table.rows.length),
      );
    case "queues":
      return render({
        grid,
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: table.rows.map((r) => num(r[1])), label: { show: true, position: "top" } }],
      });
  }
}

/** Every figure: its table and its chart as an SVG string (null when there is nothing to draw). */
export function dashboardCharts(lng: Lng, d: DashboardFigures): (FigureTable & { svg: string | null })[] {
  return figureTables(lng, d).map((table) => ({ ...table, svg: chartOf(lng, table) }));
}

export type { Figure };
