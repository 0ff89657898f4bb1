/**
 * Found by walking the README on a fresh clone (T13, /work/notes/t13-findings.md): what `npm start`
 * and `npm run admin:init` tell a department's IT person when something is already running, or
 * nothing is.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { freePort, PortInUseError, startAzurite } from "../../functions/src/dev/azurite";
import { portInUseMessage, startFailureMessage } from "../../functions/src/dev/start-errors";
import { servicesFor } from "../../functions/src/services";
import { startAddinForDev } from "../../scripts/addin-server";

const ROOT = path.resolve(__dirname, "../..");

/** `npm run admin:init` as npm runs it (without npm), with the given environment and arguments. */
function adminInit(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "functions/src/dev/admin-init.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, STORAGE_CONNECTION_STRING: "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm start and admin:init: a second stack, or none", function () {
  this.timeout(60_000);

  it("refuses to start Azurite on a port another process listens on, instead of using that process's store", async () => {
    // Before: Azurite exited (EADDRINUSE) while the wait for its port found the other listener, so a
    // second `npm start` (PORT=7072) said "ready" on the first one's store.
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const port = (other.address() as net.AddressInfo).port;
    try {
      await assert.rejects(
        startAzurite({ port }),
        (e: unknown) => e instanceof PortInUseError && e.port === port && e.code === "EADDRINUSE",
      );
    } finally {
      other.close();
    }
  });

  it("says which port is in use, which setting moves it, and that npm start may already be running", () => {
    const ports = { api: 7071, table: 10002, addin: 3000 };
    const table = startFailureMessage(new PortInUseError(10002), ports)!;
    assert.match(table, /cổng 10002 đang bận \(AZURITE_TABLE_PORT\)/);
    assert.match(table, /port 10002 is in use \(AZURITE_TABLE_PORT\)/);
    assert.match(table, /`npm start` may be running in another window/);
    assert.match(table, /AZURITE_LOCATION=<another folder>/, "two Azurites must not share a folder");
    const api = Object.assign(new Error("listen EADDRINUSE: address already in use 127.0.0.1:7071"), {
      code: "EADDRINUSE",
      port: 7071,
    });
    assert.equal(startFailureMessage(api, ports), portInUseMessage(7071, ports));
    assert.match(portInUseMessage(7071, ports), /\(PORT\)[^\n]*\n[^\n]*\(PORT\)/);
    assert.doesNotMatch(portInUseMessage(7071, ports), /AZURITE_LOCATION/);
    assert.equal(startFailureMessage(new Error("other"), ports), undefined);
  });

  it("a taken ADDIN_PORT leaves the add-in unserved, and dist/addin is not rebuilt under the stack serving it", async () => {
    // Before: it rebuilt dist/addin for its own API address (15 s of webpack), then failed to listen:
    // the first stack went on serving pages built for the second one's API.
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, "localhost", resolve));
    const port = (other.address() as net.AddressInfo).port;
    const lines: string[] = [];
    try {
      const served = await startAddinForDev({
        port,
        apiUrl: `http://127.0.0.1:${await freePort()}/api`,
        log: (line) => lines.push(line),
      });
      assert.equal(served, undefined);
    } finally {
      other.close();
    }
    assert.deepEqual(
      lines.filter((l) => /Building/.test(l)),
      [],
      "no build",
    );
    assert.match(lines.join("\n"), new RegExp(`port ${port} is in use, set ADDIN_PORT`));
    assert.match(lines.join("\n"), /the API runs without it/);
  });

  it("admin:init with no store running says to run npm start first (exit 3), not 'connect ECONNREFUSED'", async () => {
    const port = await freePort();
    const r = await adminInit({ AZURITE_TABLE_PORT: String(port) });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(r.stderr, /Hãy chạy `npm start`/);
    assert.match(r.stderr, /Run `npm start` in another window/);
  });

  it("admin:init on a store with members names the npm form of --force, and a forced token is not 'First run'", async () => {
    const azurite = await startAzurite();
    try {
      await servicesFor(azurite.connectionString).members.issue({ name: "Admin", role: "admin" });
      const env = { STORAGE_CONNECTION_STRING: azurite.connectionString };
      const refused = await adminInit(env);
      assert.equal(refused.code, 64);
      // `npm run admin:init --force` gives --force to npm, not to the script: the hint shows the `--`.
      assert.match(refused.stderr, /`npm run admin:init -- --force`/);
      const forced = await adminInit(env, ["--force", "--name", "IT"]);
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout, /A new admin token/);
      assert.doesNotMatch(forced.stdout, /First run/);
      assert.match(forced.stdout, /^cchc_\S+$/m);
      const bad = await adminInit(env, ["--bogus"]);
      assert.equal(bad.code, 64, "a bad option is a bad command line");
    } finally {
      await azurite.stop();
    }
  });
});
