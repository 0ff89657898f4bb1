#!/usr/bin/env bash
# Renders the seed demo's summary as both adapters draw it, to look at side by side:
#   scripts/render-summaries.sh [out-dir]   → <out>/file/summary-1.png, <out>/excel/summary-1.png
# The file adapter's (cchc sync) as written; the Excel adapter's from the fake Excel API, exported
# through the exceljs bridge, with its recorded native charts added by openpyxl (LibreOffice renders
# them close to Excel). Needs LibreOffice, pdftoppm and openpyxl.
set -euo pipefail
out=${1:-out/render}
here=$(dirname "$0")
node --import tsx "$here/summary-drawings.ts" "$out"
python3 "$here/add-recorded-charts.py" "$out/excel-summary.xlsx" "$out/excel-charts.json"
"$here/render-summary.sh" "$out/file-summary.xlsx" "$out/file"
"$here/render-summary.sh" "$out/excel-summary.xlsx" "$out/excel"
