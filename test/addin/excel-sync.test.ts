/**
 * The sync engine with one member in Excel (the Excel adapter on the fake Excel API) and one with
 * the file (cchc sync), on one local server: a workbook synced in Excel and then by the command
 * line (and back) behaves as one workbook.
 */
import { strict as assert } from "node:assert";
import type ExcelJS from "exceljs";
import { ExcelPort } from "../../addin/excel";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { SyncEngine, type SyncReport } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, findRow, open } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { exceljsFromFake, fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel, PAYLOAD_LIMIT } from "./fake-excel/fake-excel";

const PLAN = "Kế hoạch CCHC 2021";
// 0-based in the fake; the file's cells are 1-based.
const CONTENT = 1;
const STATUS = 6;
const NOTES = 8;

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

describe("sync from Excel (the Excel adapter) and from a file (cchc sync) on one server", function () {
  this.timeout(180_000);
  let s: TestServer;
  let token: string;
  const tmp = tempDir("excel-sync");
  const B = tmp.file("b.xlsx");
  const excel = new FakeExcel(fakeFromExceljs(buildDemoWorkbook()));
  const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
  let first: SyncReport;
  const syncExcel = () => new SyncEngine(port, new HttpTransport(s.url, token), { asOf: "2021-03-31" }).run();
  const syncFile = (...extra: string[]) =>
    cli(["sync", B, "--server", s.url, "--token", token, "--as-of", "2021-03-31", ...extra]);
  const plan = () => excel.workbook.get(PLAN);
  const rowOf = (text: string) => plan().rows.findIndex((r) => r?.[CONTENT]?.v === text);

  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    first = await syncExcel();
    await exceljsFromFake(excel.workbook).xlsx.writeFile(B); // the same workbook, saved and synced by the command line
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  it("the first sync from Excel adopts the workbook: every record pushed, hidden ids, very hidden state, the summary first", () => {
    assert.equal(first.pushed, 377);
    assert.deepEqual(first.errors, []);
    const header = plan().grid()[4]!;
    const idCol = header.indexOf("cchc_id");
    assert.ok(idCol > 0, "the id column has its header");
    assert.ok(plan().hiddenColumns.has(idCol), "…and is hidden");
    assert.match(String(plan().value(7, idCol)), /^[0-9a-f-]{36}$/);
    assert.equal(excel.workbook.get("_cchc_state").visibility, "VeryHidden");
    assert.equal(excel.workbook.sheets[0]!.name, "Tổng hợp");
    assert.match(JSON.stringify(excel.workbook.get("Tổng hợp").grid()), /đã hoàn thành 17\/38 nhiệm vụ/);
    assert.ok(excel.maxRequest() < PAYLOAD_LIMIT && excel.maxResponse() < PAYLOAD_LIMIT);
  });

  it("the command line reads the Excel-synced workbook as its own: nothing to push or pull", async () => {
    const b = await syncFile();
    assert.equal(b.code, 0, b.out + b.err);
    assert.match(b.out, /pushed: 0 .*pulled: 0/);
  });

  it("a no-change sync from Excel sends no record, writes no cell, in at most 6 context.sync calls", async () => {
    excel.resetCounters();
    const again = await syncExcel();
    assert.equal(again.pushed, 0);
    assert.equal(again.cellsWritten, 0);
    assert.ok(excel.syncs <= 6, `${excel.syncs} context.sync calls`);
  });

  it("edits go both ways between Excel and the file", async () => {
    await edit(B, (wb) => (wb.getWorksheet(PLAN)!.getCell(8, NOTES + 1).value = "sửa trong tệp"));
    assert.match((await syncFile()).out, /pushed: 1 /);
    const a = await syncExcel();
    assert.equal(a.pulled, 1);
    assert.equal(plan().value(7, NOTES), "sửa trong tệp");
    plan().at(8, NOTES).v = "=sửa trong Excel"; // text that looks like a formula, typed as text
    plan().at(8, NOTES).nf = "@";
    assert.equal((await syncExcel()).pushed, 1);
    assert.match((await syncFile()).out, /pulled: 1 /);
    assert.equal((await open(B)).getWorksheet(PLAN)!.getCell(9, NOTES + 1).value, "=sửa trong Excel");
  });

  it("row deletions and insertions go both ways (Range.delete / Range.insert on whole rows)", async () => {
    const gone = String(plan().value(9, CONTENT));
    for (let c = 0; c <= 8; c++) plan().at(9, c).v = ""; // a task row emptied in Excel: deleted
    const a = await syncExcel();
    assert.equal(a.deleted, 0, "the local deletion is pushed, not applied");
    await edit(B, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      const section3 = findRow(ws, 1, "III");
      ws.insertRow(
        section3 + 2,
        [null, "Nhiệm vụ mới từ tệp", "Văn phòng Sở", null, "Quý IV", "Báo cáo", "Chưa thực hiện"],
        "i",
      );
    });
    const b = await syncFile();
    assert.equal(b.code, 0, b.out + b.err);
    assert.match(b.out, /rows deleted: 1/);
    const merges = plan().merges.length;
    const again = await syncExcel();
    assert.equal(again.inserted, 1);
    const row = rowOf("Nhiệm vụ mới từ tệp");
    const section = (label: string) => plan().rows.findIndex((r) => r?.[0]?.v === label);
    assert.ok(row > section("III") && row < section("IV"), `inserted at ${row}, under section III`);
    assert.equal(plan().value(row, STATUS), "Chưa thực hiện");
    assert.equal(plan().merges.length, merges, "the section rows keep their merged cells");
    assert.equal(
      (await open(B))
        .getWorksheet(PLAN)!
        .getColumn(CONTENT + 1)
        .values.includes(gone),
      false,
      "deleted in the file too",
    );
  });

  it("a conflict shows in Excel as the Xung đột sheet and a note on the cell; keeping theirs clears both", async () => {
    const task = String(plan().value(14, CONTENT));
    const r = rowOf(task);
    await edit(B, (wb) => {
      const ws = wb.getWorksheet(PLAN)!;
      ws.getCell(findRow(ws, CONTENT + 1, task), NOTES + 1).value = "tệp nói";
    });
    assert.match((await syncFile()).out, /pushed: 1 /);
    plan().at(r, NOTES).v = "Excel nói";
    const a = await syncExcel();
    assert.equal(a.conflicts.length, 1);
    assert.equal(plan().value(r, NOTES), "Excel nói", "nothing decided silently");
    const sheet = excel.workbook.get("Xung đột").grid();
    assert.match(JSON.stringify(sheet), /Excel nói.*tệp nói/);
    assert.match(plan().notes.get(`${r}:${NOTES}`) ?? "", /^CCHC: Xung đột/);
    const resolved = await new SyncEngine(port, new HttpTransport(s.url, token), {
      asOf: "2021-03-31",
      prefer: "theirs",
    }).run();
    assert.equal(resolved.conflicts.length, 0);
    assert.equal(plan().value(r, NOTES), "tệp nói");
    assert.equal(excel.workbook.sheet("Xung đột"), undefined, "the conflicts sheet is removed");
    assert.equal(plan().notes.get(`${r}:${NOTES}`), undefined, "the engine's note is removed");
    assert.match((await syncFile()).out, /pushed: 0 /);
  });

  it("a leader refreshes only the summary from Excel", async () => {
    const leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    const before = excel.workbook.get("Tổng hợp").grid()[1]![0];
    const r = await new SyncEngine(port, new HttpTransport(s.url, leader), {
      asOf: "2021-03-31",
      summaryOnly: true,
      now: new Date("2031-01-01T08:00:00Z"),
    }).run();
    assert.equal(r.pushed, 0);
    assert.equal(r.summary, true);
    const after = excel.workbook.get("Tổng hợp").grid()[1]![0];
    assert.notEqual(after, before);
    assert.match(String(after), /01\/01\/2031 15:00 \(giờ Việt Nam, UTC\+7\)/);
  });

  it("…and back: the file synced by the command line, opened in Excel, syncs with nothing to do", async () => {
    const opened = new FakeExcel(fakeFromExceljs(await open(B)));
    const inExcel = new ExcelPort({ run: opened.run, isSetSupported: opened.isSetSupported });
    const r = await new SyncEngine(inExcel, new HttpTransport(s.url, token), { asOf: "2021-03-31" }).run();
    assert.equal(r.pushed, 0);
    assert.equal(r.pulled, 0);
    assert.equal(r.cellsWritten, 0);
    assert.deepEqual(r.errors, []);
  });
});
