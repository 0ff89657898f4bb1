#!/usr/bin/env bash
# Renders a workbook's "Tổng hợp" sheet to PNG so that a person can look at what a leader sees:
#   scripts/render-summary.sh out/cchc-demo-2021.xlsx [out-dir]
# Uses LibreOffice (soffice) and pdftoppm; the summary is the workbook's first sheet, so page 1.
set -euo pipefail
file=${1:?usage: render-summary.sh <workbook.xlsx> [out-dir]}
out=${2:-out/render}
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice --headless --norestore "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$out" "$file" >/dev/null
pdf="$out/$(basename "${file%.*}").pdf"
pdftoppm -png -r 110 -f 1 -l 1 "$pdf" "$out/summary"
ls "$out"/summary*.png
