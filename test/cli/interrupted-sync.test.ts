import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type ExcelJS from "exceljs";
import { HttpTransport } from "../../core/sync/transport";
import type { Cursor } from "../../core/sync/protocol";
import { startTestServer, type TestServer } from "../helpers/server";
import { startHoldingProxy, type HoldingProxy } from "../helpers/holding-proxy";
import { cli, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const ROOT = path.resolve(__dirname, "../..");
const CCHC = path.join(ROOT, "bin/cchc.js");
const PLAN = "Kế hoạch CCHC 2021";

/** `cchc sync` as its own process group, as a terminal runs it (Ctrl-C goes to the whole group). */
function startSync(file: string, server: string, tokenFile: string, extra: string[] = []) {
  const child = spawn(
    process.execPath,
    [CCHC, "sync", file, "--server", server, "--token-file", tokenFile, "--as-of", "2021-03-31", ...extra],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d));
  child.stderr!.on("data", (d: Buffer) => (out += d));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, out })),
  );
  return { child, exited, output: () => out };
}

/** Ctrl-C in a terminal: SIGINT to the process group. */
function ctrlC(child: ChildProcess): void {
  process.kill(-child.pid!, "SIGINT");
}

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

/** Task rows of the plan by content (fails on a content seen twice). */
async function taskContents(file: string): Promise<string[]> {
  const ws = (await open(file)).getWorksheet(PLAN)!;
  const seen: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 2).value;
    if (typeof v === "string" && v.startsWith("Nhiệm vụ mới")) seen.push(v);
  }
  return seen;
}

/** Nothing of the sync is left beside the workbook: no temporary file, no lock. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".tmp") || f.includes("cchc-sync"));
}

describe("cchc sync stopped with Ctrl-C (a real process, a real SIGINT)", function () {
  this.timeout(240_000);
  let s: TestServer;
  let proxy: HoldingProxy;
  let token: string;
  const tmp = tempDir("interrupted");
  const tokenFile = tmp.file("token.txt");
  const A = tmp.file("a.xlsx");
  // Every sync goes through the proxy: the workbook's state remembers one server address.
  const sync = (file: string) =>
    cli(["sync", file, "--server", proxy.url, "--token", token, "--as-of", "2021-03-31"]);
  /** Live tasks on the server named "Nhiệm vụ mới …". */
  const serverNewTasks = async () => {
    const t = new HttpTransport(s.url, token);
    const live = new Map<string, unknown>();
    let cursor: Cursor = {};
    for (;;) {
      const res = await t.sync({ year: 2021, operationId: `count-${randomUUID()}`, cursor, push: [] });
      for (const c of res.changes)
        if (c.deleted) live.delete(c.id);
        else if (c.kind === "task" && String(c.data.content).startsWith("Nhiệm vụ mới")) live.set(c.id, c);
      cursor = res.cursor;
      if (!res.more) return live.size;
    }
  };

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    writeFileSync(tokenFile, token + "\n");
    proxy = await startHoldingProxy(s.url);
    await writeDemo(A);
    assert.equal((await sync(A)).code, 0);
  });
  after(async () => {
    await proxy?.stop();
    await s?.stop();
    tmp.remove();
  });

  it("while it waits for the server: says the workbook was not changed, exits 130, and the next sync finishes the job once", async () => {
    await edit(A, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, 9).value = "ghi chú trước Ctrl-C"));
    const before = readFileSync(A);
    proxy.hold = (method, url) => method === "POST" && url.startsWith("/api/sync");
    const run = startSync(A, proxy.url, tokenFile);
    const held = await proxy.nextHeld();
    ctrlC(run.child);
    const { code, out } = await run.exited;
    proxy.hold = () => false;
    // The push had left: the server receives it after the user stopped waiting.
    await held.release();
    assert.equal(code, 130, out);
    assert.match(out, /Đã dừng \(Ctrl-C\) khi đang trao đổi với máy chủ\. Sổ tính .* không bị thay đổi\./);
    assert.match(out, /Stopped \(Ctrl-C\) while talking to the server\. The workbook .* was not changed\./);
    assert.match(out, /Run cchc sync .*a\.xlsx again to finish: nothing is sent twice/);
    assert.ok(readFileSync(A).equals(before), "the workbook is byte for byte as before");
    assert.deepEqual(leftovers(tmp.dir), []);
    const next = await sync(A);
    assert.equal(next.code, 0, next.out + next.err);
    assert.match(next.out, /pushed: [01] /);
    const again = await sync(A);
    assert.match(again.out, /pushed: 0 .* pulled: 0 /, "then nothing is left to do");
  });

  it("after the new rows got their ids: says so (the version before is the .bak), and the next sync pushes each new row once", async () => {
    await edit(A, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      for (let i = 0; i < 3; i++) {
        ws.getCell(53 + i, 2).value = `Nhiệm vụ mới ${i}`;
        ws.getCell(53 + i, 3).value = "Văn phòng Sở";
        ws.getCell(53 + i, 5).value = "Quý IV";
      }
    });
    const before = readFileSync(A);
    proxy.hold = (method, url) => method === "POST" && url.startsWith("/api/sync");
    const run = startSync(A, proxy.url, tokenFile);
    const held = await proxy.nextHeld();
    ctrlC(run.child);
    const { code, out } = await run.exited;
    proxy.hold = () => false;
    await held.release();
    assert.equal(code, 130, out);
    assert.match(
      out,
      /đã được ghi một phần việc \(mã bản ghi của các dòng mới; bản trước ở .*a\.xlsx\.bak, không cần chép lại\)/,
    );
    assert.match(
      out,
      /holds part of the work \(the new rows' record ids; the version before is .*a\.xlsx\.bak, no need to put it back\)/,
    );
    assert.ok(readFileSync(`${A}.bak`).equals(before), "the .bak is the workbook before the sync");
    assert.deepEqual(leftovers(tmp.dir), []);
    const next = await sync(A);
    assert.equal(next.code, 0, next.out + next.err);
    assert.deepEqual(await taskContents(A), ["Nhiệm vụ mới 0", "Nhiệm vụ mới 1", "Nhiệm vụ mới 2"]);
    assert.equal(await serverNewTasks(), 3, "each new row is one record on the server");
  });

  it("the connection lost after the new rows got their ids: exit 3 says so (not 'unchanged') and names the .bak; the next sync pushes each row once", async () => {
    await edit(A, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(57, 2).value = "Nhiệm vụ mới 9";
      ws.getCell(57, 3).value = "Văn phòng Sở";
      ws.getCell(57, 5).value = "Quý IV";
    });
    proxy.hold = (method, url) => method === "POST" && url.startsWith("/api/sync");
    const run = startSync(A, proxy.url, tokenFile);
    // The push and the transport's two retries: each connection dropped before the server sees it.
    for (let i = 0; i < 3; i++) (await proxy.nextHeld()).drop();
    const { code, out } = await run.exited;
    proxy.hold = () => false;
    assert.equal(code, 3, out);
    assert.doesNotMatch(out, /the workbook was not changed|sổ tính chưa bị thay đổi/);
    assert.match(
      out,
      /the workbook got only the new rows' record ids \(the version before is .*a\.xlsx\.bak, no need to put it back\), sync again/,
    );
    assert.match(out, /sổ tính chỉ mới được ghi mã bản ghi của các dòng mới/);
    const next = await sync(A);
    assert.equal(next.code, 0, next.out + next.err);
    assert.equal(await serverNewTasks(), 4);
  });

  it("at any moment around the write: the message tells the truth about the file, and nothing is left half-done", async () => {
    const steps = new Set<string>();
    // The server's calendar is asked for before the workbook is read; the summary's statistics are
    // the last answer before the final write.
    const points = [
      ...[0, 40, 120, 250].map((delayMs) => ({ path: "/api/reference/calendar", delayMs })),
      ...[0, 30, 80, 150, 300, 600].map((delayMs) => ({ path: "/api/stats", delayMs })),
    ];
    for (const [i, { path: heldPath, delayMs }] of points.entries()) {
      await edit(A, (wb) => (wb.getWorksheet(PLAN)!.getCell(9, 9).value = `vòng ${i}`));
      const before = readFileSync(A);
      proxy.hold = (method, url) => method === "GET" && url.startsWith(heldPath);
      const run = startSync(A, proxy.url, tokenFile);
      const held = await proxy.nextHeld();
      proxy.hold = () => false;
      await held.release();
      await new Promise((r) => setTimeout(r, delayMs)); // where the signal lands: the point of the test
      if (run.child.exitCode === null) ctrlC(run.child);
      const { code, out } = await run.exited;
      proxy.hold = () => false;
      assert.deepEqual(leftovers(tmp.dir), [], out);
      if (code === 0) {
        steps.add("finished");
        continue;
      }
      assert.equal(code, 130, out);
      const step = /Stopped \(Ctrl-C\) (while [a-z ]+)\./.exec(out)?.[1];
      assert.ok(step, out);
      steps.add(step);
      if (/was not changed/.test(out)) assert.ok(readFileSync(A).equals(before), `${out}: unchanged`);
      else {
        assert.match(out, /had been fully written before the stop/);
        assert.ok(!readFileSync(A).equals(before));
      }
      await open(A); // opens whole
      await open(`${A}.bak`);
      const next = await sync(A);
      assert.equal(next.code, 0, next.out + next.err);
    }
    const final = await sync(A);
    assert.match(final.out, /pushed: 0 .* pulled: 0 /);
    assert.equal(await serverNewTasks(), 4);
    console.log(`    Ctrl-C landed: ${[...steps].join("; ")}`);
  });

  it("two syncs of the same file at once: the second is refused (exit 2, file untouched) and no row is pushed twice", async () => {
    await edit(A, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(58, 2).value = "Nhiệm vụ mới 3";
      ws.getCell(58, 3).value = "Văn phòng Sở";
      ws.getCell(58, 5).value = "Quý IV";
    });
    proxy.hold = (method, url) => method === "POST" && url.startsWith("/api/sync");
    const first = startSync(A, proxy.url, tokenFile);
    const held = await proxy.nextHeld();
    const middle = readFileSync(A); // the first sync has written the new row's id
    const second = startSync(A, proxy.url, tokenFile);
    const refused = await second.exited;
    proxy.hold = () => false;
    await held.release();
    const done = await first.exited;
    assert.equal(refused.code, 2, refused.out);
    assert.match(refused.out, /đang được đồng bộ bởi một lệnh khác/);
    assert.match(refused.out, /is being synced by another command \(process \d+/);
    assert.equal(done.code, 0, done.out);
    assert.ok(!readFileSync(A).equals(middle), "the first sync wrote its result");
    assert.equal(await serverNewTasks(), 5, "the new row is one record");
    assert.deepEqual((await taskContents(A)).length, 5);
    assert.ok(!existsSync(path.join(tmp.dir, `.~cchc-sync.a.xlsx#`)), "the lock is released");
  });
});
