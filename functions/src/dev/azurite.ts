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

/** Something already listens on a port this stack wanted (another `npm start`, most often). */
export class PortInUseError extends Error {
  readonly code = "EADDRINUSE";
  constructor(readonly port: number) {
    super(`port ${port} is in use`);
  }
}

/**
 * Fails with PortInUseError when something listens on the port. Azurite started on a taken port
 * exits at once, while waitForPort finds the other process listening there: the stack would then
 * run on another `npm start`'s store, and say it was ready.
 */
export async function ensurePortFree(port: number, host = "127.0.0.1"): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(e.code === "EADDRINUSE" ? new PortInUseError(port) : e),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Azurites still running when this process exits get their one SIGINT, so that they save and stop. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGINT");
});

export interface RunningAzurite {
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

/** Starts Azurite's table service from the npm package: in memory, or persisted in `location`. */
export async function startAzurite(
  options: { port?: number; location?: string } = {},
): Promise<RunningAzurite> {
  if (options.port !== undefined) await ensurePortFree(options.port);
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
  // Its own process group: a Ctrl-C in the terminal reaches only `npm start`, which then sends the
  // one SIGINT. Azurite saves on its first SIGINT; a second one (the terminal's plus ours) kills it
  // before it has saved, losing every write of the last 5 s (issue 7, defect 4).
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  }).finally(() => running.delete(child));
  running.add(child);
  await Promise.race([
    waitForPort(port),
    exited.then(() => {
      throw new Error(`Azurite exited before listening on port ${port}`);
    }),
  ]);
  let stopping: Promise<void> | undefined;
  return {
    port,
    connectionString: azuriteConnectionString(port),
    // One SIGINT, then wait for the process to exit (it closes the server and saves on that one).
    stop: () => {
      if (!stopping) {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
        stopping = exited;
      }
      return stopping;
    },
  };
}
