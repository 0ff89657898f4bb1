/**
 * What a staff member does to the workbook in Excel between two syncs — sorts the register, renames
 * a sheet, types a formula by mistake — synced through the Excel adapter (fake Excel API).
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { serverWithCoordinator } from "../helpers/server";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";

const REGISTER = "Sổ theo dõi hồ sơ";
const PLAN = "Kế hoạch CCHC 2021";

describe("a staff member's edits in Excel between syncs", function () {
  this.timeout(180_000);
  const suite = serverWithCoordinator();
  const excel = new FakeExcel(fakeFromExceljs(buildDemoWorkbook()));
  const sync = () =>
    new SyncEngine(
      new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }),
      new HttpTransport(suite.server.url, suite.token),
      { asOf: "2021-03-31" },
    ).run();
  const nothing = (r: Awaited<ReturnType<typeof sync>>) => [
    r.pushed,
    r.pulled,
    r.deleted,
    r.inserted,
    r.conflicts.length,
    r.errors.length,
    r.rejected.length,
  ];

  before(async () => assert.equal((await sync()).pushed, 377));

  it("a register sorted (newest first) syncs nothing: records follow their hidden ids, not their rows", async () => {
    const sheet = excel.workbook.get(REGISTER);
    // Ids are random (tasks) or "hs:" + the dossier's code (dossiers).
    const isId = (v: unknown) => typeof v === "string" && /^([0-9a-f-]{36}|hs:.+)$/.test(v);
    const hasId = (r: (typeof sheet.rows)[number] | undefined) => r?.some((c) => isId(c?.v)) ?? false;
    const first = sheet.rows.findIndex(hasId);
    const last = sheet.rows.length - 1 - [...sheet.rows].reverse().findIndex(hasId);
    const data = sheet.rows.slice(first, last + 1);
    const ids = new Set(data.map((r) => r?.find((c) => isId(c?.v))?.v));
    assert.ok(data.length > 300 && ids.size > 1);
    sheet.rows.splice(first, data.length, ...data.reverse());
    const r = await sync();
    assert.deepEqual(nothing(r), [0, 0, 0, 0, 0, 0, 0]);
  });

  it("a sheet renamed syncs nothing: no record deleted or pushed again", async () => {
    excel.workbook.get(REGISTER).name = "Sổ hồ sơ (đổi tên)";
    excel.workbook.get(PLAN).name = "KH 2021";
    const r = await sync();
    assert.deepEqual(nothing(r), [0, 0, 0, 0, 0, 0, 0]);
  });

  it("a formula typed by mistake over a note (=abc, #NAME?) is a row error naming sheet, row and column; nothing is pushed for it", async () => {
    const plan = excel.workbook.get("KH 2021");
    const cell = plan.at(7, 8);
    cell.f = "=abc";
    cell.v = "#NAME?";
    const r = await sync();
    assert.equal(r.pushed, 0);
    assert.equal(r.errors.length, 1);
    const e = r.errors[0]!;
    assert.deepEqual([e.sheet, e.row, e.column], ["KH 2021", 8, "I"]);
    assert.match(e.message.vi, /#NAME\?/);
    assert.match(e.message.en, /#NAME\?/);
  });
});
