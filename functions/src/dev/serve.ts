/**
 * `npm start`: Azurite (tables, data kept in .azurite/) and the local host on port 7071. Waits
 * until both answer, prints the API address and, on first run, a fresh admin token; Ctrl-C stops
 * both (Azurite on SIGINT, so that it saves its data).
 */
import { mkdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createLocalHost } from "../local-host";
import { servicesFor } from "../services";
import { startAzurite } from "./azurite";
import { startAddinForDev } from "../../../scripts/addin-server";

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(".azurite", { recursive: true });
  const external = process.env.STORAGE_CONNECTION_STRING;
  const azurite = external
    ? undefined
    : await startAzurite({ port: Number(process.env.AZURITE_TABLE_PORT ?? 10002), location: ".azurite" });
  const services = servicesFor(external ?? azurite!.connectionString);
  const port = Number(process.env.PORT ?? 7071);
  const server = createLocalHost(() => services);
  await new Promise<void>((resolve, reject) =>
    server.once("error", reject).listen(port, "127.0.0.1", resolve),
  );
  const api = `http://127.0.0.1:${port}/api`;
  const health = await fetch(`${api}/health`);
  if (!health.ok) throw new Error(`The local host answered ${health.status} to /api/health`);
  if ((await services.members.list()).length === 0) {
    const { token } = await services.members.issue({ name: "Admin", role: "admin" });
    console.log(
      `Lần chạy đầu: mã quản trị (chỉ hiện một lần) / First run: admin token (shown once, keep it safe):\n  ${token}`,
    );
  }
  const addin = await startAddinForDev({
    port: Number(process.env.ADDIN_PORT ?? 3000),
    apiUrl: api,
    log: console.log,
  });
  if (addin)
    console.log(`Add-in: ${addin.url}/taskpane.html — sideload manifest.xml (README, "The Excel add-in").`);
  console.log(
    `CCHC Tracker API: ${api} — ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops.`,
  );
  const stop = async () => {
    server.close();
    await addin?.close();
    await azurite?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((e: Error & { code?: string }) => {
  console.error(
    e.code === "EADDRINUSE"
      ? `Lỗi: cổng đang bận / Error: port in use (${e.message}). Set PORT or AZURITE_TABLE_PORT.`
      : e,
  );
  process.exit(1);
});
