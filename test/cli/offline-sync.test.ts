import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { startTestServer, type TestServer } from "../helpers/server";
import { startHoldingProxy, type HoldingProxy } from "../helpers/holding-proxy";
import { cli, findRow, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const ROOT = path.resolve(__dirname, "../..");
const PLAN = "Kế hoạch CCHC 2021";

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("cchc sync offline, at a wrong address, or with a server that never answers", function () {
  this.timeout(180_000);
  let s: TestServer;
  let proxy: HoldingProxy;
  let token: string;
  const tmp = tempDir("offline");
  const A = tmp.file("a.xlsx");
  const syncAt = (server: string, ...extra: string[]) =>
    cli(["sync", A, "--server", server, "--token", token, "--as-of", "2021-03-31", ...extra]);

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    proxy = await startHoldingProxy(s.url);
    await writeDemo(A);
    assert.equal((await syncAt(proxy.url)).code, 0);
  });
  after(async () => {
    await proxy?.stop();
    await s?.stop();
    tmp.remove();
  });

  it("server not running: exit 3, says nothing answers at that port and to start it, the workbook untouched", async () => {
    const before = readFileSync(A);
    const port = await closedPort();
    const r = await syncAt(`http://127.0.0.1:${port}/api`);
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(
      r.err,
      new RegExp(
        `Nothing answers at 127\\.0\\.0\\.1:${port}: start the server \\(npm start\\) or check the address and port in --server`,
      ),
    );
    assert.match(r.err, /Không có gì trả lời ở .*hãy khởi động máy chủ \(npm start\)/);
    assert.ok(readFileSync(A).equals(before));
  });

  it("a host name that does not resolve: says the name cannot be found", async () => {
    const r = await syncAt("http://cchc-server.invalid:7071/api");
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(
      r.err,
      /The host name "cchc-server\.invalid" cannot be found: check the address in --server and the network/,
    );
  });

  it("an address without http://: a bad command line (64) that shows the form, not 'server unreachable'", async () => {
    const r = await syncAt("127.0.0.1:7071");
    assert.equal(r.code, 64, r.out + r.err);
    assert.match(
      r.err,
      /--server needs a full address starting with http:\/\/ or https:\/\/ \(e\.g\. http:\/\/127\.0\.0\.1:7071\/api\), not "127\.0\.0\.1:7071"/,
    );
  });

  it("a server that takes the connection and never answers: the sync stops after CCHC_TIMEOUT seconds with exit 3 and says so", async () => {
    const silent = net.createServer((socket) => socket.on("data", () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`;
    const before = readFileSync(A);
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "bin/cchc.js"), "sync", A, "--server", url, "--token-file", "-"],
      { cwd: ROOT, env: { ...process.env, CCHC_TIMEOUT: "2" }, stdio: ["pipe", "pipe", "pipe"] },
    );
    child.stdin.end(token);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const seconds = (Date.now() - started) / 1000;
    silent.close();
    assert.equal(code, 3, out);
    assert.match(out, /did not answer within 2 s; the workbook was not changed/);
    assert.match(out, /không trả lời trong 2 giây; sổ tính chưa bị thay đổi/);
    assert.ok(seconds < 20, `stopped after ${seconds.toFixed(1)} s`);
    assert.ok(readFileSync(A).equals(before));
  });

  it("the workbook saved by someone else during the sync (a row inserted): not overwritten (exit 2, their version kept); the next sync puts the pulled change in the right row", async () => {
    // A colleague's copy changes a task's note: A's sync will pull it into that task's row.
    const B = tmp.file("b.xlsx");
    copyFileSync(A, B);
    let wb = await open(B);
    const content = String(wb.getWorksheet(PLAN)!.getCell(10, 2).value);
    wb.getWorksheet(PLAN)!.getCell(10, 9).value = "ghi chú của đồng nghiệp";
    await wb.xlsx.writeFile(B);
    assert.equal(
      (await cli(["sync", B, "--server", proxy.url, "--token", token, "--as-of", "2021-03-31"])).code,
      0,
    );
    // A's sync is held after the pull, before it writes; meanwhile A is saved with a row inserted above.
    proxy.hold = (method, url) => method === "GET" && url.startsWith("/api/stats");
    const running = syncAt(proxy.url);
    const held = await proxy.nextHeld();
    proxy.hold = () => false;
    wb = await open(A);
    wb.getWorksheet(PLAN)!.spliceRows(5, 0, [null, "Nhiệm vụ chèn thêm", "Văn phòng Sở", null, "Quý IV"]);
    await wb.xlsx.writeFile(A);
    const theirs = readFileSync(A);
    await held.release();
    const r = await running;
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(
      r.err,
      /was saved by someone or something else during the sync, so this sync did not write to it/,
    );
    assert.match(r.err, /đã được lưu bởi người hoặc chương trình khác trong lúc đồng bộ/);
    assert.ok(readFileSync(A).equals(theirs), "the version saved meanwhile is kept byte for byte");
    const next = await syncAt(proxy.url);
    assert.equal(next.code, 0, next.out + next.err);
    assert.doesNotMatch(next.out, /CONFLICTS/);
    const ws = (await open(A)).getWorksheet(PLAN)!;
    const row = findRow(ws, 2, content);
    assert.equal(ws.getCell(row, 9).value, "ghi chú của đồng nghiệp", "the pulled note is on its task's row");
    for (let r2 = 1; r2 <= ws.rowCount; r2++)
      if (r2 !== row)
        assert.notEqual(ws.getCell(r2, 9).value, "ghi chú của đồng nghiệp", `row ${r2} got it too`);
    const again = await syncAt(proxy.url);
    assert.match(again.out, /pushed: 0 .* pulled: 0 /);
  });
});
