import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/** Azurite's well-known development account (public and documented; not a secret). */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Resolves once something accepts TCP connections on the port (no sleeping on a guess). */
export async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => (socket.destroy(), resolve(false)));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface RunningAzurite {
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

/** Starts Azurite's table service from the npm package: in memory, or persisted in `location`. */
export async function startAzurite(
  options: { port?: number; location?: string } = {},
): Promise<RunningAzurite> {
  const port = options.port ?? (await freePort());
  const bin = path.join(
    path.dirname(require.resolve("azurite/package.json")),
    "dist",
    "src",
    "table",
    "main.js",
  );
  const args = [
    bin,
    "--tableHost",
    "127.0.0.1",
    "--tablePort",
    String(port),
    "--disableTelemetry",
    "--silent",
    "--skipApiVersionCheck",
  ];
  args.push(...(options.location ? ["--location", options.location] : ["--inMemoryPersistence"]));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  await waitForPort(port);
  return {
    port,
    connectionString: azuriteConnectionString(port),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT"); // Azurite closes (and flushes its data) on SIGINT only
      }),
  };
}
