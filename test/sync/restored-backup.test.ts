import { strict as assert } from "node:assert";
import { copyFileSync } from "node:fs";
import type ExcelJS from "exceljs";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport, TransportError } from "../../core/sync/transport";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { serverWithCoordinator } from "../helpers/server";
import { open, syncAsCoordinator, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";

/** The server applies the first push, and its answer is lost on the way back. */
class AnswerLost extends HttpTransport {
  applied = false;
  override async sync(...args: Parameters<HttpTransport["sync"]>) {
    const res = await super.sync(...args);
    if (args[0].push.length === 0 || this.applied) return res;
    this.applied = true;
    throw new TransportError("unreachable", { vi: "mất câu trả lời", en: "answer lost" });
  }
}

async function edit(file: string, change: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = await open(file);
  change(wb.getWorksheet(PLAN)!);
  await wb.xlsx.writeFile(file);
}

/** Rows of the plan whose content starts with `prefix`. */
async function rowsLike(file: string, prefix: string): Promise<string[]> {
  const ws = (await open(file)).getWorksheet(PLAN)!;
  const found: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 2).value;
    if (typeof v === "string" && v.startsWith(prefix)) found.push(v);
  }
  return found.sort();
}

describe("a workbook put back from an older copy and synced", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("restored-backup");
  const A = tmp.file("a.xlsx");
  const OLD = tmp.file("old-copy.xlsx");
  const sync = (file: string, ...extra: string[]) => syncAsCoordinator(suite, file, ...extra);

  before(async () => {
    await writeDemo(A);
    assert.equal((await sync(A)).code, 0);
  });
  after(() => tmp.remove());

  it("edits made since the copy are not undone on the server: the old copy takes them", async () => {
    copyFileSync(A, OLD);
    await edit(A, (ws) => (ws.getCell(8, 9).value = "sửa sau khi sao lưu"));
    assert.equal((await sync(A)).code, 0);
    copyFileSync(OLD, A);
    const r = await sync(A);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /pushed: 0 .* pulled: 1 /);
    assert.equal((await open(A)).getWorksheet(PLAN)!.getCell(8, 9).value, "sửa sau khi sao lưu");
  });

  // New task rows get random ids at their first sync; a copy saved before that sync (or the .bak of
  // a sync stopped after its id write) still holds them without ids. They used to get other ids and
  // be pushed again: each row twice on the server and in the workbook.
  it("new rows that were synced after the copy was made are not pushed a second time: they take the ids the server has", async () => {
    await edit(A, (ws) => {
      ws.getCell(60, 2).value = "Nhiệm vụ thêm trước khi sao lưu 1";
      ws.getCell(60, 3).value = "Văn phòng Sở";
      ws.getCell(60, 5).value = "Quý IV";
      ws.getCell(61, 2).value = "Nhiệm vụ thêm trước khi sao lưu 2";
      ws.getCell(61, 3).value = "Văn phòng Sở";
      ws.getCell(61, 5).value = "Quý IV";
    });
    copyFileSync(A, OLD);
    assert.equal((await sync(A)).code, 0);
    copyFileSync(OLD, A);
    const r = await sync(A);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(await rowsLike(A, "Nhiệm vụ thêm trước khi sao lưu"), [
      "Nhiệm vụ thêm trước khi sao lưu 1",
      "Nhiệm vụ thêm trước khi sao lưu 2",
    ]);
  });

  it("the .bak of a sync whose push reached the server but whose answer was lost: its new rows are not pushed twice", async () => {
    const B = tmp.file("b.xlsx"); // a copy of its own, synced: this case does not depend on the rows before
    copyFileSync(A, B);
    assert.equal((await sync(B)).code, 0);
    await edit(B, (ws) => {
      let last = 0; // below the plan's last task, whatever the cases before left there
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value) last = r;
      ws.getCell(last + 1, 2).value = "Nhiệm vụ trước khi mất kết nối";
      ws.getCell(last + 1, 3).value = "Văn phòng Sở";
      ws.getCell(last + 1, 5).value = "Quý III";
    });
    const lost = new AnswerLost(suite.server.url, suite.token);
    await assert.rejects(new SyncEngine(new XlsxPort(B), lost, { asOf: "2021-03-31" }).run(), TransportError);
    assert.ok(lost.applied, "the server applied the push");
    copyFileSync(`${B}.bak`, B); // the user puts back the version before the sync
    const r = await sync(B);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(await rowsLike(B, "Nhiệm vụ trước khi mất kết nối"), ["Nhiệm vụ trước khi mất kết nối"]);
    const again = await sync(B);
    assert.match(again.out, /pushed: 0 .* pulled: 0 /);
  });
});
