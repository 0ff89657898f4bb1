/**
 * `npm run bench`: `cchc stats` on 100,000 dossiers and 1,000 tasks, against the floor of exceljs
 * merely loading the same file, in the same process, alternating runs; then peak memory of each in
 * a fresh process; then the statistics alone over 100,000 in-memory records.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { computeFileStats } from "../cli/commands/stats";
import { readWorkbook } from "../core/layout/read-workbook";
import { buildStatsReport } from "../core/stats/report";
import { workbookToGrids } from "../cli/xlsx/read-xlsx";
import { generateWorkbook } from "./generate-workbook";

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  mkdirSync("bench/out", { recursive: true });
  const file = path.join("bench/out", `stats-${DOSSIERS}-${TASKS}.xlsx`);
  if (!existsSync(file)) {
    const t = await time(() => generateWorkbook(file, TASKS, DOSSIERS));
    console.log(`generated ${file} in ${(t / 1000).toFixed(1)} s`);
  }

  const floor: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    floor.push(await time(() => new ExcelJS.Workbook().xlsx.readFile(file)));
    full.push(await time(() => computeFileStats({ file, asOf: "2021-12-31" })));
  }
  const f = median(floor);
  const s = median(full);
  console.log(
    `exceljs load (floor): ${f.toFixed(0)} ms   cchc stats: ${s.toFixed(0)} ms   ratio ${(s / f).toFixed(2)} (adds ${(((s - f) / f) * 100).toFixed(0)}%; goal ≤ 50%)`,
  );

  const child = (mode: string) =>
    JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "bench/stats-run.ts", mode, file], {
        encoding: "utf8",
      })
        .trim()
        .split("\n")
        .pop()!,
    ) as { ms: number; maxRssMb: number };
  const floorChild = child("floor");
  const statsChild = child("stats");
  console.log(
    `peak memory (fresh process, maxRSS): exceljs load ${floorChild.maxRssMb} MB   cchc stats ${statsChild.maxRssMb} MB (goal < 1024 MB)`,
  );

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const read = readWorkbook(workbookToGrids(wb));
  const statsOnly: number[] = [];
  for (let i = 0; i < 5; i++)
    statsOnly.push(
      await time(() =>
        buildStatsReport({
          year: 2021,
          asOf: "2021-12-31",
          from: "2021-01-01",
          to: "2021-12-31",
          tasks: read.tasks,
          dossiers: read.dossiers,
          fields: read.fields,
        }),
      ),
    );
  console.log(
    `statistics alone over ${read.dossiers.length} dossiers + ${read.tasks.length} tasks in memory: ${median(statsOnly).toFixed(1)} ms (goal < 200 ms); row errors: ${read.errors.length}`,
  );
}

void main();
