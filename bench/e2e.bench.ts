/**
 * `npm run bench:e2e`: BENCH_ROWS (100,000) dossiers end to end on the local stack (Azurite in
 * memory in its own process + the local host), through the real API only:
 *   1. the first sync of a BENCH_ROWS-row register workbook with the engine and the file adapter
 *      (`cchc sync`): every record is seeded by the engine's pushes through POST /api/sync;
 *   2. a sync with no change; 3. a sync with 10 changed rows;
 *   4. GET /api/stats cold (a fresh local host over the same storage: its cache is empty) and warm;
 *   5. `cchc stats` on the file.
 * Slow at 100,000 rows (Azurite's point lookups scan the partition): run it once, on a quiet machine.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { SyncEngine, type SyncReport } from "../core/sync/engine";
import { HttpTransport } from "../core/sync/transport";
import { XlsxPort } from "../cli/xlsx/xlsx-port";
import { computeFileStats } from "../cli/commands/stats";
import { requestTimeoutMs } from "../cli/commands/timeout";
import { startAzurite } from "../functions/src/dev/azurite";
import { createLocalHost } from "../functions/src/local-host";
import { servicesFor } from "../functions/src/services";
import { generateWorkbook } from "./generate-workbook";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

async function main(): Promise<void> {
  mkdirSync("bench/out", { recursive: true });
  const source = `bench/out/e2e-source-${ROWS}.xlsx`;
  const file = `bench/out/e2e-${ROWS}.xlsx`;
  await generateWorkbook(source, 0, ROWS);
  copyFileSync(source, file);
  const azurite = await startAzurite();
  const listen = async () => {
    // A fresh set of services: nothing cached, as after a restart of the Function host.
    const services = servicesFor(azurite.connectionString);
    const server = createLocalHost(() => services).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    return { services, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const host = await listen();
  const { token } = await host.services.members.issue({ name: "Bench", role: "coordinator" });
  const timed = async <T>(label: string, work: () => Promise<T>, describe: (r: T) => string) => {
    const t = performance.now();
    const result = await work();
    const ms = performance.now() - t;
    console.log(`${label.padEnd(30)} ${ms.toFixed(0).padStart(9)} ms   ${describe(result)}`);
    return result;
  };
  const sync = (label: string) =>
    timed(
      label,
      () =>
        new SyncEngine(
          new XlsxPort(file),
          new HttpTransport(host.url, token, undefined, requestTimeoutMs()),
          { asOf: "2021-12-31" },
        ).run(),
      (r: SyncReport) =>
        `pushed ${r.pushed}, sent ${r.bytesSent} B, received ${r.bytesReceived} B, errors ${r.errors.length}, refused ${r.rejected.length}`,
    );

  await sync(`first sync (${ROWS} rows pushed)`);
  await sync("no-change sync");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Sổ hồ sơ")!;
  const step = Math.max(1, Math.floor(ROWS / 10));
  for (let i = 0; i < 10; i++) ws.getCell(5 + i * step, 11).value = `ghi chú ${i}`;
  await wb.xlsx.writeFile(file);
  await sync("10 rows changed");

  host.server.close();
  const fresh = await listen();
  const stats = () =>
    fetch(`${fresh.url}/api/stats?year=2021&asOf=2021-12-31`, {
      headers: { authorization: `Bearer ${token}` },
    }).then(async (res) => {
      if (res.status !== 200) throw new Error(`stats answered ${res.status}`);
      return (await res.json()) as { dossiers: { received: { total: number } } };
    });
  const describe = (s: { dossiers: { received: { total: number } } }) =>
    `${s.dossiers.received.total} dossiers`;
  await timed("GET /api/stats, cold", stats, describe);
  await timed("GET /api/stats, warm", stats, describe);
  await timed(
    "cchc stats on the file",
    () => computeFileStats({ file, asOf: "2021-12-31" }),
    () => file,
  );
  fresh.server.close();
  await azurite.stop();
}

void main();
