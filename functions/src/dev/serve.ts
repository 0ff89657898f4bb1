/**
 * Development stack: Azurite (tables, data kept in .azurite/) and the local host on port 7071.
 *   node --import tsx functions/src/dev/serve.ts
 * Prints the API address; stops both on Ctrl-C.
 */
import { mkdirSync } from "node:fs";
import { createLocalHost } from "../local-host";
import { servicesFor } from "../services";
import { startAzurite } from "./azurite";

async function main(): Promise<void> {
  mkdirSync(".azurite", { recursive: true });
  const azurite = await startAzurite({
    port: Number(process.env.AZURITE_TABLE_PORT ?? 10002),
    location: ".azurite",
  });
  const services = servicesFor(process.env.STORAGE_CONNECTION_STRING ?? azurite.connectionString);
  const port = Number(process.env.PORT ?? 7071);
  const server = createLocalHost(() => services).listen(port, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  if ((await services.members.count()) === 0) {
    const { token } = await services.members.issue({ name: "Admin", role: "admin" });
    console.log(`First run: admin token (shown once, keep it safe):\n  ${token}`);
  }
  console.log(`CCHC Tracker API: http://127.0.0.1:${port}/api (health: /api/health). Ctrl-C stops.`);
  const stop = async () => {
    server.close();
    await azurite.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

void main();
