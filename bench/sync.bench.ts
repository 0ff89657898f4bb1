/**
 * `npm run bench:sync`: `cchc sync` on a 10,000-row workbook against the local stack (Azurite in
 * memory + local host), in one process: the first sync, a sync with no change, a sync with 10
 * changed rows; time and bytes of each, against the floor of exceljs merely loading and saving the
 * same file (what any .xlsx adapter must pay). Each sync's time is split into the workbook port
 * (read, writes), the sync round trips (our host + Azurite), the statistics request and the rest
 * (the engine). After the first sync, the storage floor: the entities it wrote that any design
 * must write (the records and their id claims), copied straight into Azurite in 100-entity
 * transactions, in the same process.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { SyncEngine, type SyncReport } from "../core/sync/engine";
import { HttpTransport, type StatsQuery, type SyncTransport } from "../core/sync/transport";
import type { SyncRequest } from "../core/sync/protocol";
import type { WorkbookEdit, WorkbookPort } from "../core/sync/workbook-port";
import { XlsxPort } from "../cli/xlsx/xlsx-port";
import { startAzurite } from "../functions/src/dev/azurite";
import { createLocalHost } from "../functions/src/local-host";
import { servicesFor } from "../functions/src/services";
import { generateWorkbook } from "./generate-workbook";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);

/** CPU milliseconds of the last floor() (exceljs runs in this process only). */
let floorCpu = 0;

async function floor(file: string): Promise<number> {
  const c = process.cpuUsage();
  const t = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  await wb.xlsx.writeFile(`${file}.floor.xlsx`);
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  floorCpu = (used.user + used.system) / 1000;
  return ms;
}

/**
 * CPU milliseconds so far of this process (engine, file adapter and local host alike) and of the
 * Azurite child (found by its port in /proc; Linux only, else 0): on a loaded machine CPU time
 * says where the work is better than wall time does.
 */
function cpuMeter(azuritePort: number): () => { ours: number; azurite: number } {
  let pid: string | undefined;
  try {
    pid = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .find((d) => {
        try {
          const argv = readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0");
          return argv.some((a) => a.endsWith("main.js")) && argv.includes(String(azuritePort));
        } catch {
          return false;
        }
      });
  } catch {
    pid = undefined;
  }
  const ticks = () => {
    if (!pid) return 0;
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, at 100 ticks per second
  };
  return () => {
    const u = process.cpuUsage();
    return { ours: (u.user + u.system) / 1000, azurite: ticks() };
  };
}

/** Milliseconds spent in each edge of one sync. */
type Phases = Record<"read" | "write" | "sync" | "stats", number> & { syncCalls: number; writeMs: number[] };

async function timed<T>(
  phases: Phases,
  key: "read" | "write" | "sync" | "stats",
  work: () => Promise<T>,
): Promise<T> {
  const t = performance.now();
  try {
    return await work();
  } finally {
    phases[key] += performance.now() - t;
  }
}

function timedPort(port: WorkbookPort, phases: Phases): WorkbookPort {
  return {
    read: () => timed(phases, "read", () => port.read()),
    write: async (edit: WorkbookEdit) => {
      const before = phases.write;
      await timed(phases, "write", () => port.write(edit));
      phases.writeMs.push(phases.write - before);
    },
  };
}

function timedTransport(transport: HttpTransport, phases: Phases): SyncTransport {
  return {
    sync: (request: SyncRequest) => (
      phases.syncCalls++,
      timed(phases, "sync", () => transport.sync(request))
    ),
    stats: (query: StatsQuery) => timed(phases, "stats", () => transport.stats(query)),
    get bytesSent() {
      return transport.bytesSent;
    },
    get bytesReceived() {
      return transport.bytesReceived;
    },
  };
}

/**
 * The storage floor of a first sync: its record entities and id claims, read back from the API's
 * tables and written again, 100 per transaction and per partition, into fresh tables of the same
 * Azurite. Answers the milliseconds of those writes alone.
 */
async function storageFloor(
  connectionString: string,
  cpu: () => { ours: number; azurite: number },
): Promise<{ ms: number; records: number; claims: number; cpuOurs: number; cpuAzurite: number }> {
  const client = (name: string) =>
    TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection: true });
  const copy = async (from: string, to: string, keep: (rowKey: string) => boolean) => {
    const byPartition = new Map<string, TableEntity[]>();
    for await (const e of client(from).listEntities()) {
      if (!keep(e.rowKey!)) continue;
      const {
        etag: _etag,
        timestamp: _timestamp,
        ...entity
      } = e as TableEntity & { etag?: string; timestamp?: string };
      const list = byPartition.get(entity.partitionKey) ?? [];
      list.push(entity);
      byPartition.set(entity.partitionKey, list);
    }
    const target = client(to);
    await target.createTable();
    let count = 0;
    const c0 = cpu();
    const t = performance.now();
    for (const list of byPartition.values())
      for (let i = 0; i < list.length; i += 100) {
        const part = list.slice(i, i + 100);
        await target.submitTransaction(part.map((e): TransactionAction => ["create", e]));
        count += part.length;
      }
    const ms = performance.now() - t;
    const c1 = cpu();
    if (process.env.BENCH_MARKS)
      console.log(`mark storage floor (${to}): ${Date.now() - ms} .. ${Date.now()}`);
    return { ms, count, cpuOurs: c1.ours - c0.ours, cpuAzurite: c1.azurite - c0.azurite };
  };
  const records = await copy(
    "records",
    "floorrecords",
    (k) => k.startsWith("task_") || k.startsWith("dossier_"),
  );
  const claims = await copy("recordIds", "floorrecordids", () => true);
  return {
    ms: records.ms + claims.ms,
    records: records.count,
    claims: claims.count,
    cpuOurs: records.cpuOurs + claims.cpuOurs,
    cpuAzurite: records.cpuAzurite + claims.cpuAzurite,
  };
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
  const cpu = cpuMeter(azurite.port);
  const run = async (
    label: string,
  ): Promise<{ ms: number; report: SyncReport; phases: Phases; cpu: number }> => {
    const transport = new HttpTransport(url, token);
    const phases: Phases = { read: 0, write: 0, sync: 0, stats: 0, syncCalls: 0, writeMs: [] };
    const cpu0 = cpu();
    const t = performance.now();
    const report = await new SyncEngine(
      timedPort(new XlsxPort(file), phases),
      timedTransport(transport, phases),
      { asOf: "2021-12-31" },
    ).run();
    const ms = performance.now() - t;
    // Wall-clock marks to cut CPU profiles of this process and of Azurite to one sync.
    if (process.env.BENCH_MARKS) console.log(`mark ${label}: ${Date.now() - ms} .. ${Date.now()}`);
    console.log(
      `${label.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms   sent ${String(report.bytesSent).padStart(9)} B   received ${String(report.bytesReceived).padStart(9)} B   pushed ${report.pushed}`,
    );
    const cpu1 = cpu();
    const engine = ms - phases.read - phases.write - phases.sync - phases.stats;
    console.log(
      `${"".padEnd(22)} port read ${phases.read.toFixed(0)} ms, port writes ${phases.writeMs.length > 0 ? `${phases.writeMs.map((w) => w.toFixed(0)).join(" + ")} ms` : "none (nothing changed)"}, sync round trips ${phases.sync.toFixed(0)} ms (${phases.syncCalls}), stats ${phases.stats.toFixed(0)} ms, engine ${engine.toFixed(0)} ms; CPU: this process ${(cpu1.ours - cpu0.ours).toFixed(0)} ms, Azurite ${(cpu1.azurite - cpu0.azurite).toFixed(0)} ms`,
    );
    return { ms, report, phases, cpu: cpu1.ours - cpu0.ours + cpu1.azurite - cpu0.azurite };
  };

  const f1 = await floor(file);
  const f1Cpu = floorCpu;
  const first = await run("first sync");
  const storage = await storageFloor(azurite.connectionString, cpu);
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
    `storage floor of the first sync: ${storage.records} records + ${storage.claims} id claims written raw in 100-entity transactions: ${storage.ms.toFixed(0)} ms (CPU: this process ${storage.cpuOurs.toFixed(0)} ms, Azurite ${storage.cpuAzurite.toFixed(0)} ms); (first sync − storage floor) / exceljs floor = ${((first.ms - storage.ms) / f1).toFixed(2)} (goal ≤ 3)`,
  );
  const storageCpu = storage.cpuOurs + storage.cpuAzurite;
  console.log(
    `the same in CPU time (both processes; steadier on a loaded machine): first sync ${first.cpu.toFixed(0)} ms, storage floor ${storageCpu.toFixed(0)} ms, exceljs floor ${f1Cpu.toFixed(0)} ms: (first − storage) / exceljs = ${((first.cpu - storageCpu) / f1Cpu).toFixed(2)}`,
  );
  console.log(
    `10 changed rows: pushed ${ten.report.pushed} records (goal: 10), sent ${ten.report.bytesSent} B, ${(ten.ms / f3).toFixed(2)}× its floor`,
  );
  server.close();
  await azurite.stop();
}

void main();
