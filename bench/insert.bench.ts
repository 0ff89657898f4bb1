/**
 * `npm run bench:insert`: a blank copy (the `cchc template` workbook) pulling 1,000 / 10,000 /
 * 20,000 records (a tenth of them tasks in 8 sections, the rest dossiers) from the local stack
 * (Azurite in memory + local host), in one process. Each pull is reported against the floor of
 * exceljs loading and saving the same final file: inserting rows must cost in proportion to the
 * rows (issue 7, defect 13: it was quadratic, 1,000 rows 9 s, 4,000 rows 155 s).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { SyncEngine } from "../core/sync/engine";
import { HttpTransport } from "../core/sync/transport";
import { XlsxPort } from "../cli/xlsx/xlsx-port";
import { buildTrackingWorkbook } from "../cli/xlsx/tracking-workbook";
import { startAzurite } from "../functions/src/dev/azurite";
import { createLocalHost } from "../functions/src/local-host";
import { servicesFor } from "../functions/src/services";
import { generateWorkbook } from "./generate-workbook";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,20000").split(",").map(Number);

async function floor(file: string): Promise<number> {
  const t = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  await wb.xlsx.writeFile(`${file}.floor.xlsx`);
  return performance.now() - t;
}

async function pull(size: number): Promise<void> {
  const source = `bench/out/insert-source-${size}.xlsx`;
  const blank = `bench/out/insert-blank-${size}.xlsx`;
  const tasks = size / 10;
  await generateWorkbook(source, tasks, size - tasks);
  await buildTrackingWorkbook({ year: 2021 }).xlsx.writeFile(blank);
  const azurite = await startAzurite();
  const services = servicesFor(azurite.connectionString);
  const server = createLocalHost(() => services).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = await services.members.issue({ name: "Bench", role: "coordinator" });
  const sync = (file: string) =>
    new SyncEngine(new XlsxPort(file), new HttpTransport(url, token), { asOf: "2021-12-31" }).run();
  try {
    const pushed = await sync(source);
    const t = performance.now();
    const report = await sync(blank);
    const ms = performance.now() - t;
    copyFileSync(blank, `${blank}.synced.xlsx`);
    const f = await floor(blank);
    console.log(
      `${String(size).padStart(6)} records (${pushed.pushed} pushed from the source): blank copy inserted ${report.inserted} rows, pushed ${report.pushed}, in ${ms.toFixed(0)} ms = ${(ms / f).toFixed(2)}× the floor (exceljs load + save of the final file: ${f.toFixed(0)} ms); ${(ms / report.inserted).toFixed(2)} ms per row`,
    );
  } finally {
    server.close();
    await azurite.stop();
  }
}

async function main(): Promise<void> {
  mkdirSync("bench/out", { recursive: true });
  for (const size of SIZES) await pull(size);
}

void main();
