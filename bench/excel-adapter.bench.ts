/**
 * `npm run bench:excel`: a 10,000-row workbook synced through the Excel adapter on the fake Excel
 * API (the real SyncEngine, Azurite in memory + the local host over HTTP): context.sync calls and
 * the largest request and response payload of the first sync, a sync with no change and a sync
 * with 10 changed rows; then reads alone at 10,000 / 20,000 / 40,000 rows to show that calls
 * follow the data size (4 MB blocks), not the rows.
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { ExcelPort } from "../addin/excel";
import { SyncEngine } from "../core/sync/engine";
import { HttpTransport } from "../core/sync/transport";
import { startAzurite } from "../functions/src/dev/azurite";
import { createLocalHost } from "../functions/src/local-host";
import { servicesFor } from "../functions/src/services";
import { fakeFromExceljs } from "../test/addin/fake-excel/exceljs-bridge";
import { FakeExcel, PAYLOAD_LIMIT } from "../test/addin/fake-excel/fake-excel";
import { generateWorkbook } from "./generate-workbook";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const SCALE = (process.env.BENCH_SCALE ?? "10000,20000,40000").split(",").map(Number);
const MB = (b: number) => (b / 1_000_000).toFixed(2);

async function fakeOf(rows: number): Promise<FakeExcel> {
  const file = `bench/out/excel-${rows}.xlsx`;
  await generateWorkbook(file, 0, rows);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return new FakeExcel(fakeFromExceljs(wb));
}

function line(label: string, excel: FakeExcel, port: ExcelPort, ms: number, extra = ""): string {
  const moved = excel.batches.reduce((n, b) => n + b.request + b.response, 0);
  return `${label.padEnd(18)} ${String(excel.syncs).padStart(3)} context.sync (read ${port.lastRead?.syncs}, last write ${port.lastWrite?.syncs})   largest request ${MB(excel.maxRequest())} MB, response ${MB(excel.maxResponse())} MB   moved ${MB(moved)} MB   ${ms.toFixed(0)} ms${extra}`;
}

async function main(): Promise<void> {
  mkdirSync("bench/out", { recursive: true });
  const azurite = await startAzurite();
  const services = servicesFor(azurite.connectionString);
  const server = createLocalHost(() => services).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = await services.members.issue({ name: "Bench", role: "coordinator" });

  const excel = await fakeOf(ROWS);
  const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
  let worst = 0;
  const run = async (label: string) => {
    excel.resetCounters();
    const t = performance.now();
    const report = await new SyncEngine(port, new HttpTransport(url, token), { asOf: "2021-12-31" }).run();
    const ms = performance.now() - t;
    worst = Math.max(worst, excel.maxRequest(), excel.maxResponse());
    console.log(
      line(label, excel, port, ms, `   pushed ${report.pushed}, cells written ${report.cellsWritten}`),
    );
    if (process.env.BENCH_VERBOSE)
      console.log(
        `    each sync, request/response MB: ${excel.batches.map((b) => `${MB(b.request)}/${MB(b.response)}`).join("  ")}`,
      );
    return excel.syncs;
  };
  console.log(
    `Workbook: ${ROWS} dossier rows (bench/generate-workbook.ts), through the Excel adapter on the fake Excel API`,
  );
  await run("first sync");
  const still = await run("no-change sync");
  const register = excel.workbook.get("Sổ hồ sơ");
  for (let i = 0; i < 10; i++) register.at(4 + i * Math.floor(ROWS / 11), 10).v = `ghi chú ${i}`;
  await run("10 rows changed");
  console.log(
    `no-change sync: ${still} context.sync calls (goal ≤ 6); largest payload of all syncs ${MB(worst)} MB (limit ${MB(PAYLOAD_LIMIT)} MB)`,
  );

  console.log("Reads alone (the first read of a fresh workbook): calls follow the bytes, not the rows");
  for (const rows of SCALE) {
    const x = await fakeOf(rows);
    const p = new ExcelPort({ run: x.run, isSetSupported: x.isSetSupported });
    const t = performance.now();
    await p.read();
    const bytes = x.batches.reduce((n, b) => n + b.response, 0);
    console.log(
      `  ${String(rows).padStart(6)} rows: ${MB(bytes)} MB read in ${x.syncs} context.sync (2 + ${x.syncs - 2} blocks; ${MB(bytes / (x.syncs - 2))} MB a block; largest ${MB(x.maxResponse())} MB)   ${(performance.now() - t).toFixed(0)} ms`,
    );
  }
  server.close();
  await azurite.stop();
}

void main();
