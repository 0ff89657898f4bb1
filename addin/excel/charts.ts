/// <reference types="office-js" />
import type { SummaryChart } from "../../core/sync";

/** Commands each chart queues (add, name, title, legend, axis order, position). */
export const CHART_COMMANDS = 6;

/**
 * The summary's native charts (ExcelApi 1.1): one per model chart, from its source table on the
 * summary sheet (categories in the first column, a series per column), titled, named with the
 * model's stable name and placed over the box beside its table. They are drawn on the freshly
 * added summary sheet, so the previous refresh's charts went with the previous sheet: a refresh
 * replaces them, never adds to them.
 */
export function drawCharts(ws: Excel.Worksheet, charts: SummaryChart[]): void {
  for (const c of charts) {
    const chart = ws.charts.add(c.type, ws.getRange(c.range), c.seriesBy);
    chart.name = c.name;
    chart.title.text = c.title;
    chart.legend.position = "Bottom";
    // Excel draws a bar chart's first category at the bottom: reversed, it reads top-down as its table.
    if (c.type.startsWith("Bar")) chart.axes.categoryAxis.reversePlotOrder = true;
    chart.setPosition(c.from, c.to);
  }
}
