import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { freePort, startAzurite, type RunningAzurite } from "../../functions/src/dev/azurite";
import { servicesFor } from "../../functions/src/services";

const HOST = path.resolve(__dirname, "../helpers/host-process.ts");
/** The host's open-file limit in this test: the attacker opens more connections than that. */
const FILE_LIMIT = 400;

/** A connection that sent a sync's headers and dribbles its 1 MB body a byte a second (slowloris). */
function slowClient(port: number, localAddress: string): net.Socket {
  const socket = net.connect({ port, host: "127.0.0.1", localAddress });
  socket.on("error", () => undefined);
  socket.write(
    "POST /api/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{",
  );
  return socket;
}

/**
 * Slow clients against the real local host (its own process, with a low open-file limit so that
 * exhausting it takes hundreds of connections, not 20,000): one address dribbling request bodies
 * must not leave the host unable to accept others or to reach its store.
 */
describe("local host: slow clients from one address do not lock others out", function () {
  this.timeout(120_000);
  let azurite: RunningAzurite;
  let host: ChildProcess;
  let port: number;
  let token: string;
  let output = "";
  const slow: net.Socket[] = [];

  before(async () => {
    azurite = await startAzurite();
    const services = servicesFor(azurite.connectionString);
    token = (await services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    port = await freePort();
    host = spawn(
      "bash",
      ["-c", `ulimit -n ${FILE_LIMIT} && exec "$0" --import tsx "$1"`, process.execPath, HOST],
      {
        env: { ...process.env, PORT: String(port), STORAGE_CONNECTION_STRING: azurite.connectionString },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    await new Promise<void>((resolve, reject) => {
      host.stdout!.on("data", (d: Buffer) => ((output += d), /ready/.test(output) && resolve()));
      host.stderr!.on("data", (d: Buffer) => (output += d));
      host.once("exit", (code) => reject(new Error(`the host exited (${code}):\n${output}`)));
    });
  });
  after(async () => {
    slow.forEach((s) => s.destroy());
    if (host && host.exitCode === null) {
      const exited = new Promise((resolve) => host.once("exit", resolve));
      host.kill("SIGKILL");
      await exited;
    }
    await azurite?.stop();
  });

  it("answers a leader's statistics while 500 connections from one address dribble sync bodies", async () => {
    for (let i = 0; i < 500; i++) slow.push(slowClient(port, "127.0.0.2"));
    const drip = setInterval(() => slow.forEach((s) => s.writable && s.write(" ")), 1000);
    try {
      // Every slow connection has reached the host (accepted, or refused) before the leader asks.
      await Promise.all(
        slow.map(
          (s) =>
            new Promise((resolve) =>
              s.readyState === "open" ? resolve(null) : s.once("connect", resolve).once("close", resolve),
            ),
        ),
      );
      const answer = await fetch(`http://127.0.0.1:${port}/api/stats?year=2021`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(20_000),
      });
      assert.equal(answer.status, 200);
      assert.equal(((await answer.json()) as { year: number }).year, 2021);
    } finally {
      clearInterval(drip);
    }
  });

  it("does not log a client that hangs up in the middle of its body as a server error", async () => {
    const before = output;
    slow.forEach((s) => s.destroy());
    const probe = await fetch(`http://127.0.0.1:${port}/api/health`);
    assert.equal(probe.status, 200);
    assert.ok(
      !/aborted|ECONNRESET|Error/.test(output.slice(before.length)),
      output.slice(before.length, 2000),
    );
  });
});
