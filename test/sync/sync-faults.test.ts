import { strict as assert } from "node:assert";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport, TransportError } from "../../core/sync/transport";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, findRow, open, writeDemo } from "../helpers/sync";
import { libreOfficeRoundTrip } from "../helpers/libreoffice";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

/** The real server, but the connection drops at a chosen step. */
class DroppingTransport extends HttpTransport {
  constructor(
    url: string,
    token: string,
    private readonly dropAt: "first-sync" | "stats",
  ) {
    super(url, token);
  }
  private readonly dropped = () =>
    new TransportError("unreachable", { vi: "mất kết nối", en: "connection dropped" });
  override async sync(...args: Parameters<HttpTransport["sync"]>) {
    if (this.dropAt === "first-sync") throw this.dropped();
    return super.sync(...args);
  }
  override async stats(...args: Parameters<HttpTransport["stats"]>): Promise<never> {
    await super.stats(...args);
    throw this.dropped();
  }
}

describe("cchc sync: faults and bad files", function () {
  this.timeout(180_000);
  let s: TestServer;
  let token: string;
  const tmp = tempDir("sync-faults");
  const A = tmp.file("a.xlsx");
  const sync = (file: string, ...extra: string[]) =>
    cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2021-03-31", ...extra]);

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    await writeDemo(A);
    assert.equal((await sync(A)).code, 0);
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("leaves the workbook exactly as before when the server drops mid-sync, and the next sync completes once", async () => {
    await edit(A, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(8, 9).value = "sửa 1";
      ws.getCell(9, 9).value = "sửa 2";
    });
    const before = readFileSync(A);
    for (const dropAt of ["first-sync", "stats"] as const) {
      await assert.rejects(
        new SyncEngine(new XlsxPort(A), new DroppingTransport(s.url, token, dropAt), {
          asOf: "2021-03-31",
        }).run(),
        TransportError,
      );
      assert.ok(readFileSync(A).equals(before), `unchanged after a drop at ${dropAt}`);
    }
    const done = await sync(A);
    assert.equal(done.code, 0, done.out + done.err);
    assert.match(done.out, /pushed: 2/);
    const again = await sync(A);
    assert.match(again.out, /pushed: 0/);
    const stats = await fetch(`${s.url}/api/stats?year=2021&asOf=2021-03-31`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await stats.json()) as {
      tasks: { total: number };
      dossiers: { received: { total: number } };
    };
    assert.equal(body.tasks.total, 38, "no duplicates");
    assert.equal(body.dossiers.received.total, 339);
  });

  it("shows row errors beside their rows and still syncs the good rows", async () => {
    const E = copy(A, tmp.file("errors.xlsx"));
    await edit(E, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(8, 7).value = "Hoàn thành 80%";
      ws.getCell(9, 9).value = "vẫn đồng bộ";
    });
    const r = await sync(E);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /row errors \(not synced\): 1/);
    assert.match(r.out, /pushed: 1/);
    const note = (await open(E)).getWorksheet(PLAN)!.getCell(8, 7).note;
    assert.match(typeof note === "string" ? note : JSON.stringify(note), /Hoàn thành 80%/);
  });

  it("writes text from records as text, never as a formula", async () => {
    const F = copy(A, tmp.file("formula-text.xlsx"));
    const G = copy(A, tmp.file("other-copy.xlsx"));
    const evil = '=HYPERLINK("http://example.invalid","bấm")';
    await edit(F, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(8, 2).value = evil;
      ws.getCell(8, 3).value = "=1+1 đơn vị";
    });
    assert.equal((await sync(F)).code, 0);
    assert.equal((await sync(G)).code, 0);
    const wb = await open(G);
    // The lead unit changed, so the record moved partition: G received a delete and a new record.
    const row = findRow(wb.getWorksheet(PLAN)!, 2, evil);
    assert.ok(row > 0, "the title arrived");
    const cell = wb.getWorksheet(PLAN)!.getCell(row, 2);
    assert.equal(cell.value, evil);
    assert.equal(cell.formula, undefined);
    const summary = wb.getWorksheet("Tổng hợp")!;
    const unitRow = findRow(summary, 1, "=1+1 đơn vị");
    assert.ok(unitRow > 0, "the unit name is in the summary as text");
    assert.equal(summary.getCell(unitRow, 1).formula, undefined);
  });

  it("refuses corrupt, non-xlsx, read-only and open-in-Excel files with a clear message, touching nothing", async () => {
    const notXlsx = tmp.file("notes.xlsx");
    writeFileSync(notXlsx, "hello");
    assert.equal((await sync(notXlsx)).code, 2);
    const corrupt = tmp.file("corrupt.xlsx");
    writeFileSync(corrupt, readFileSync(A).subarray(0, 2000));
    const c = await sync(corrupt);
    assert.equal(c.code, 2);
    assert.match(c.err, /corrupt/);
    const open = copy(A, tmp.file("open.xlsx"));
    writeFileSync(path.join(tmp.dir, "~$open.xlsx"), "lock");
    const o = await sync(open);
    assert.equal(o.code, 2);
    assert.match(o.err, /open in Excel/);
    if (process.getuid?.() !== 0) {
      const ro = copy(A, tmp.file("readonly.xlsx"));
      chmodSync(ro, 0o444);
      assert.equal((await sync(ro)).code, 2);
    }
    assert.ok(!existsSync(`${open}.bak`), "nothing written");
  });

  it("survives a round trip through LibreOffice: ids and state still sync", async function () {
    const converted = libreOfficeRoundTrip(copy(A, tmp.file("lo-source.xlsx")), tmp.dir);
    if (!converted) return this.skip(); // .ci/run installs libreoffice-calc; a developer machine may not have it
    const r = await sync(converted);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /pushed: 0 /, "LibreOffice kept the hidden ids and the sync state");
    await edit(converted, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, 9).value = "sau LibreOffice"));
    assert.match((await sync(converted)).out, /pushed: 1 /);
  });
});
