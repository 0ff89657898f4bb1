/**
 * One measured run in a fresh process, so that its peak memory (maxRSS) is its own:
 *   node --import tsx bench/stats-run.ts floor|stats <file.xlsx>
 * Prints one JSON line: { mode, ms, maxRssMb }.
 */
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { computeFileStats } from "../cli/commands/stats";

async function run(mode: string, file: string): Promise<void> {
  const start = performance.now();
  if (mode === "floor") await new ExcelJS.Workbook().xlsx.readFile(file);
  else await computeFileStats({ file, asOf: "2021-12-31" });
  const ms = performance.now() - start;
  console.log(
    JSON.stringify({ mode, ms: Math.round(ms), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
  );
}

void run(process.argv[2]!, process.argv[3]!);
