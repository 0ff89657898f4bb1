/**
 * `npm run bench:sync`: `cchc sync` on a 10,000-row workbook against the local stack (Azurite in
 * memory + local host), in one process: the first sync, a sync with no change, a sync with 10
 * changed rows; time and bytes of each, against the floor of exceljs merely loading and saving the
 * same file (what any .xlsx adapter must pay).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { SyncEngine, type SyncReport } from "../core/sync/engine";
import { HttpTransport } from "../core/sync/transport";
import { XlsxPort } from "../cli/xlsx/xlsx-port";
import { startAzurite } from "../functions/src/dev/azurite";
import { createLocalHost } from "../functions/src/local-host";
import { servicesFor } from "../functions/src/services";
import { generateWorkbook } from "./generate-workbook";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);

async function floor(file: string): Promise<number> {
  const t = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  await wb.xlsx.writeFile(`${file}.floor.xlsx`);
  return performance.now() - t;
}

async function main(): Promise<void> {
  mkdirSync("bench/out", { recursive: true });
  const file = "bench/out/sync-10k.xlsx";
  await generateWorkbook("bench/out/sync-source.xlsx", 0, ROWS);
  copyFileSync("bench/out/sync-source.xlsx", file);
  const azurite = await startAzurite();
  const services = servicesFor(azurite.connectionString);
  const server = createLocalHost(() => services).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = await services.members.issue({ name: "Bench", role: "coordinator" });
  const run = async (label: string): Promise<{ ms: number; report: SyncReport }> => {
    const transport = new HttpTransport(url, token);
    const t = performance.now();
    const report = await new SyncEngine(new XlsxPort(file), transport, { asOf: "2021-12-31" }).run();
    const ms = performance.now() - t;
    // Wall-clock marks to cut CPU profiles of this process and of Azurite to one sync.
    if (process.env.BENCH_MARKS) console.log(`mark ${label}: ${Date.now() - ms} .. ${Date.now()}`);
    console.log(
      `${label.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms   sent ${String(report.bytesSent).padStart(9)} B   received ${String(report.bytesReceived).padStart(9)} B   pushed ${report.pushed}`,
    );
    return { ms, report };
  };

  const f1 = await floor(file);
  const first = await run("first sync");
  const f2 = await floor(file);
  const still = await run("no-change sync");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Sổ hồ sơ")!;
  for (let i = 0; i < 10; i++) ws.getCell(5 + i * 900, 11).value = `ghi chú ${i}`;
  await wb.xlsx.writeFile(file);
  const f3 = await floor(file);
  const ten = await run("10 rows changed");
  // Each sync is compared with exceljs loading and saving the file it synced (the state sheet and
  // the summary make the file larger after the first sync).
  const beyond = (ms: number, floorMs: number) => ms - floorMs;
  console.log(
    `exceljs load + save (the floor): ${f1.toFixed(0)} ms before the first sync, ${f2.toFixed(0)} ms before the no-change sync, ${f3.toFixed(0)} ms before the 10-row sync`,
  );
  console.log(
    `first sync = ${(first.ms / f1).toFixed(2)}× its floor; no-change sync = ${(still.ms / f2).toFixed(2)}× its floor, beyond it ${((beyond(still.ms, f2) / beyond(first.ms, f1)) * 100).toFixed(1)}% of the first sync's work beyond its floor (goal < 10%); sent ${still.report.bytesSent} B (goal < 2,048)`,
  );
  console.log(
    `10 changed rows: pushed ${ten.report.pushed} records (goal: 10), sent ${ten.report.bytesSent} B, ${(ten.ms / f3).toFixed(2)}× its floor`,
  );
  server.close();
  await azurite.stop();
}

void main();
