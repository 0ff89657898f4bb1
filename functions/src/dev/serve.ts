/**
 * `npm start`: Azurite (tables, data kept in .azurite/) and the local host on port 7071. Waits
 * until both answer, prints the API address and, on first run, a fresh admin token. Ctrl-C stops
 * the API first (in-flight requests finish), then Azurite with exactly one SIGINT, and waits for it
 * to exit: Azurite saves its data on that SIGINT, so every acknowledged write is on disk.
 *
 * Also serves the add-in's pages (https://localhost:3000) for sideloading, and runs the timer
 * table's jobs (the daily snapshot) on their schedules, as the Functions host would.
 *
 * Settings (environment): PORT (API, 7071), AZURITE_TABLE_PORT (10002), AZURITE_LOCATION
 * (.azurite), STORAGE_CONNECTION_STRING (use that storage instead of starting Azurite),
 * ADDIN_PORT (3000).
 */
import { mkdirSync } from "node:fs";
import type http from "node:http";
import { performance } from "node:perf_hooks";
import type { Services } from "../http/route-table";
import { createLocalHost } from "../local-host";
import { servicesFor } from "../services";
import { startLocalTimers } from "../timers/local-timers";
import { startAzurite, type RunningAzurite } from "./azurite";
import { FIRST_ADMIN_BANNER, initFirstAdmin } from "./first-admin";
import { startFailureMessage, type StackPorts } from "./start-errors";
import { startAddinForDev } from "../../../scripts/addin-server";

/** The ports of this stack, from the environment (README, "The local stack"). */
const PORTS: StackPorts = {
  api: Number(process.env.PORT ?? 7071),
  table: Number(process.env.AZURITE_TABLE_PORT ?? 10002),
  addin: Number(process.env.ADDIN_PORT ?? 3000),
};

/** A started process or server, and how to stop it (each resolves once it has really stopped). */
interface Started {
  name: string;
  stop(): Promise<void>;
}

/** Azurite with its data on disk, unless STORAGE_CONNECTION_STRING names another store. */
async function startStorage(): Promise<{ connection: string; azurite?: RunningAzurite }> {
  const external = process.env.STORAGE_CONNECTION_STRING;
  if (external) return { connection: external };
  const location = process.env.AZURITE_LOCATION ?? ".azurite";
  mkdirSync(location, { recursive: true });
  const azurite = await startAzurite({ port: PORTS.table, location });
  return { connection: azurite.connectionString, azurite };
}

/** The API on the local host; resolves once /api/health answers. */
async function startApi(services: Services): Promise<{ url: string; server: http.Server }> {
  const port = PORTS.api;
  const server = createLocalHost(() => services);
  await new Promise<void>((resolve, reject) =>
    server.once("error", reject).listen(port, "127.0.0.1", resolve),
  );
  const url = `http://127.0.0.1:${port}/api`;
  const health = await fetch(`${url}/health`);
  if (!health.ok) throw new Error(`The local host answered ${health.status} to /api/health`);
  return { url, server };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** Stops what was started, last first, each one fully before the next. */
async function stopAll(started: Started[]): Promise<void> {
  for (const s of [...started].reverse()) {
    try {
      await s.stop();
    } catch (e) {
      console.error(`${s.name}: ${(e as Error).message}`);
    }
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const started: Started[] = [];
  let stopping = false;
  const stop = () => {
    if (stopping) return; // a second Ctrl-C must not interrupt the save
    stopping = true;
    console.log("Đang dừng… / Stopping (saving the local store)…");
    void stopAll(started).then(() => {
      console.log("Đã dừng. / Stopped.");
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const storage = await startStorage();
  if (storage.azurite) started.push({ name: "Azurite", stop: storage.azurite.stop });
  const services = servicesFor(storage.connection);
  const api = await startApi(services);
  started.push({ name: "API", stop: () => closeServer(api.server) });
  const timers = startLocalTimers(() => services);
  started.push({ name: "Timers", stop: timers.stop });
  const addin = await startAddinForDev({
    port: PORTS.addin,
    apiUrl: api.url,
    log: console.log,
  });
  if (addin) {
    started.push({ name: "Add-in", stop: () => addin.close() });
    console.log(`Add-in: ${addin.url}/taskpane.html — sideload manifest.xml (README, "The Excel add-in").`);
  }
  const issued = await initFirstAdmin(services.members);
  if (issued) console.log(`${FIRST_ADMIN_BANNER}\n  ${issued.token}`);
  console.log(
    `CCHC Tracker API: ${api.url} — ready in ${((performance.now() - t0) / 1000).toFixed(1)} s. Ctrl-C stops.`,
  );
}

main().catch((e: Error & { code?: string; port?: number }) => {
  console.error(startFailureMessage(e, PORTS) ?? e);
  process.exit(1);
});
