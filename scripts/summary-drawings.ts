/**
 * Both drawings of the seed demo's summary, for a person to look at side by side:
 *   node --import tsx scripts/summary-drawings.ts [out-dir]
 * writes <out>/file-summary.xlsx (the file adapter, cchc sync), <out>/excel-summary.xlsx (the Excel
 * adapter on the fake Excel API, exported through the exceljs bridge with its formatting) and
 * <out>/excel-charts.json (the native charts it added: type, source, position). Then
 * scripts/render-summaries.sh adds those charts with openpyxl and renders both with LibreOffice.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { Batch } from "../addin/excel/batch";
import { writeSummary } from "../addin/excel/summary-sheet";
import { workbookToGrids } from "../cli/xlsx/read-xlsx";
import { writeSummarySheet } from "../cli/xlsx/summary-sheet";
import { buildDemoWorkbook } from "../cli/xlsx/tracking-workbook";
import { readWorkbook } from "../core/layout/read-workbook";
import { statsFromWorkbook } from "../core/stats/workbook-stats";
import { buildSummary } from "../core/sync/summary-model";
import { chartsOf } from "../test/addin/fake-excel/charts";
import { exceljsFromFake } from "../test/addin/fake-excel/exceljs-bridge";
import { applyFormatLog } from "../test/addin/fake-excel/exceljs-styles";
import { FakeExcel } from "../test/addin/fake-excel/fake-excel";
import { FakeWorkbook } from "../test/addin/fake-excel/model";

async function run(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const read = readWorkbook(workbookToGrids(buildDemoWorkbook()));
  const model = buildSummary(
    statsFromWorkbook(read, { asOf: "2021-03-31" }),
    new Date("2021-03-31T03:00:00Z"),
    { previous: statsFromWorkbook(read, { asOf: "2021-03-14" }) },
  );
  const file = new ExcelJS.Workbook();
  writeSummarySheet(file, model);
  await file.xlsx.writeFile(path.join(out, "file-summary.xlsx"));

  const excel = new FakeExcel(FakeWorkbook.from([{ name: "Kế hoạch", rows: [["x"]] }]));
  await excel.run(async (ctx) => {
    const batch = new Batch(ctx);
    await writeSummary(batch, model, false);
    await batch.sync();
  });
  const sheet = excel.workbook.get(model.sheetName);
  const exported = exceljsFromFake(excel.workbook);
  exported.removeWorksheet(exported.getWorksheet("Kế hoạch")!.id);
  const ws = exported.getWorksheet(model.sheetName)!;
  applyFormatLog(ws, sheet);
  await exported.xlsx.writeFile(path.join(out, "excel-summary.xlsx"));
  writeFileSync(path.join(out, "excel-charts.json"), JSON.stringify(chartsOf(sheet), null, 2));
}

run(process.argv[2] ?? "out/render").catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
