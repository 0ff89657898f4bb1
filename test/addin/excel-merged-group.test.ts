/**
 * A register groups dossiers under one "Lĩnh vực" cell merged down beside them (D3:D5). In the
 * Excel add-in, a change a colleague made to one dossier's sector was written into that group:
 * Excel refuses a write inside a merged area, so the whole sync failed; a colleague's deletion of
 * the group's first row took the group's value with it. The file adapter splits such groups
 * (test/cli/merged-group-write.test.ts); the Excel adapter now does the same.
 */
import { strict as assert } from "node:assert";
import ExcelJS from "exceljs";
import { ExcelPort } from "../../addin/excel";
import { SyncEngine, type SyncReport } from "../../core/sync";
import { HttpTransport } from "../../core/sync/transport";
import { REGISTER_SHEET, registerWorkbook } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";
import { exceljsFromFake, fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";
import type { FakeSheet } from "./fake-excel/model";

const day = (d: number) => new Date(Date.UTC(2021, 2, d));
const SECTOR = 3; // column D, 0-based

/** A register whose first three dossiers share a "Lĩnh vực" cell merged down D3:D5. */
function groupedRegister(prefix: string): ExcelJS.Workbook {
  const { wb, ws } = registerWorkbook();
  for (let i = 0; i < 3; i++)
    ws.addRow([
      i + 1,
      `${prefix}-${i}`,
      "Cấp giấy phép",
      i === 0 ? "Việc làm" : null,
      "VP",
      day(1 + i),
      day(8 + i),
    ]);
  ws.addRow([4, `${prefix}-3`, "Trợ cấp", "Người có công", "VP", day(4), day(11)]);
  ws.mergeCells("D3:D5");
  return wb;
}

/** The sector each dossier shows (a covered cell shows its merge's value, as in Excel). */
function sectors(sheet: FakeSheet, codes: string[]): unknown[] {
  const show = (r: number) => {
    const m = sheet.merges.find((b) => b.left === SECTOR && r >= b.top && r <= b.bottom);
    return sheet.rows[m ? m.top : r]?.[SECTOR]?.v;
  };
  return codes.map((code) => show(sheet.rows.findIndex((row) => row?.[1]?.v === code)));
}

describe("the Excel add-in and a cell merged down beside a group of rows", function () {
  this.timeout(120_000);
  const suite = serverWithCoordinator();
  const syncOf = (excel: FakeExcel) => () =>
    new SyncEngine(
      new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }),
      new HttpTransport(suite.server.url, suite.token),
      { asOf: "2021-03-31" },
    ).run();
  const quiet = (r: SyncReport) => [r.pushed, r.pulled, r.errors.length, r.conflicts.length];

  it("a change pulled for one row of the group changes that row only, and nothing else is pushed", async () => {
    const owner = new FakeExcel(fakeFromExceljs(groupedRegister("XG")));
    const mine = syncOf(owner);
    assert.equal((await mine()).pushed, 4);
    const colleague = new FakeExcel(fakeFromExceljs(exceljsFromFake(owner.workbook)));
    const theirs = colleague.workbook.get(REGISTER_SHEET);
    theirs.merges = [];
    const row = (code: string) => theirs.rows.findIndex((r) => r?.[1]?.v === code);
    theirs.at(row("XG-1"), SECTOR).v = "Người có công";
    theirs.at(row("XG-2"), SECTOR).v = "Việc làm";
    assert.equal((await syncOf(colleague)()).pushed, 1);

    const pulled = await mine();
    assert.deepEqual(pulled.errors, []);
    assert.equal(pulled.pulled, 1);
    const sheet = owner.workbook.get(REGISTER_SHEET);
    assert.deepEqual(sectors(sheet, ["XG-0", "XG-1", "XG-2", "XG-3"]), [
      "Việc làm",
      "Người có công",
      "Việc làm",
      "Người có công",
    ]);
    assert.deepEqual(quiet(await mine()), [0, 0, 0, 0]);
  });

  it("a colleague's deletion of the group's first row keeps the group's value on the other rows", async () => {
    const owner = new FakeExcel(fakeFromExceljs(groupedRegister("XD")));
    const mine = syncOf(owner);
    assert.equal((await mine()).pushed, 4);
    const colleague = new FakeExcel(fakeFromExceljs(exceljsFromFake(owner.workbook)));
    const theirs = colleague.workbook.get(REGISTER_SHEET);
    theirs.merges = []; // the colleague's copy shows the sector on each row
    for (const code of ["XD-1", "XD-2"])
      theirs.at(
        theirs.rows.findIndex((r) => r?.[1]?.v === code),
        SECTOR,
      ).v = "Việc làm";
    theirs.deleteRows(
      theirs.rows.findIndex((r) => r?.[1]?.v === "XD-0"),
      1,
    );
    assert.deepEqual(quiet(await syncOf(colleague)()), [1, 0, 0, 0]); // the deletion alone

    const pulled = await mine();
    assert.deepEqual(pulled.errors, []);
    assert.equal(pulled.deleted, 1);
    const sheet = owner.workbook.get(REGISTER_SHEET);
    assert.deepEqual(sectors(sheet, ["XD-1", "XD-2", "XD-3"]), ["Việc làm", "Việc làm", "Người có công"]);
    assert.deepEqual(quiet(await mine()), [0, 0, 0, 0]);
  });
});
