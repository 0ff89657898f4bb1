import { strict as assert } from "node:assert";
import { copyFileSync } from "node:fs";
import type ExcelJS from "exceljs";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

const PLAN = "Kế hoạch CCHC 2021";

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
  let s: TestServer;
  let token: string;
  const tmp = tempDir("restored-backup");
  const A = tmp.file("a.xlsx");
  const OLD = tmp.file("old-copy.xlsx");
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

  // Open defect (T5, 2026-11-28): new task rows get random ids at their first sync; a copy saved
  // before that sync (or the .bak of a sync stopped after its id write) still holds the rows without
  // ids, so syncing it gives them new ids and pushes them again: each row twice on the server and in
  // the workbook. Dossiers are safe (their id is their code). A fix belongs in the engine: hold new
  // id-less rows back until the pull and link each to an identical record the state does not know.
  it.skip("(open defect) new rows that were synced after the copy was made are not pushed a second time", async () => {
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
});
