#!/usr/bin/env python3
"""Adds the charts the Excel adapter drew on the fake (excel-charts.json) to the exported workbook,
with openpyxl, so that LibreOffice renders an approximation of what Excel shows:
  python3 scripts/add-recorded-charts.py out/render/excel-summary.xlsx out/render/excel-charts.json
Types: BarStacked (horizontal stacked bars), ColumnClustered, Line; series by columns, the first
column the categories, the first row the series names; sized to the recorded setPosition box.
"""
import json
import re
import sys

from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.utils import column_index_from_string, get_column_letter


def cell(a1):
    m = re.match(r"([A-Z]+)(\d+)$", a1)
    return column_index_from_string(m.group(1)), int(m.group(2))


def main(path, charts_json):
    wb = load_workbook(path)
    ws = wb["Tổng hợp"]
    for rec in json.load(open(charts_json, encoding="utf-8")):
        box = rec["source"].split("!")[1]
        (c1, r1), (c2, r2) = (cell(x) for x in box.split(":"))
        if rec["type"] == "Line":
            chart = LineChart()
        else:
            chart = BarChart()
            chart.type = "bar" if rec["type"].startswith("Bar") else "col"
            if "Stacked" in rec["type"]:
                chart.grouping = "stacked"
                chart.overlap = 100
        if rec.get("reversed"):
            chart.x_axis.scaling.orientation = "maxMin"
        chart.title = rec["title"]
        chart.add_data(Reference(ws, min_col=c1 + 1, max_col=c2, min_row=r1, max_row=r2), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=c1, min_row=r1 + 1, max_row=r2))
        for series in chart.series:
            series.smooth = False
        chart.legend.position = "b" if rec.get("legend") == "Bottom" else "r"
        (fc, fr), (tc, tr) = cell(rec["from"]), cell(rec["to"])
        width_chars = sum((ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in range(fc, tc + 1))
        height_pt = sum((ws.row_dimensions[r].height or 15) for r in range(fr, tr + 1))
        chart.width = width_chars * 0.2
        chart.height = height_pt * 0.0353
        ws.add_chart(chart, rec["from"])
    wb.save(path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
