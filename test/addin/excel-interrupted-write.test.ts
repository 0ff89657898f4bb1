/**
 * The pane closed (or Excel failing) in the middle of a sync's write: whatever context.sync the
 * write stopped at, the next sync leaves the workbook as a completed sync would have — no row
 * twice, no row lost, nothing pushed back as a local change, the sync after that has nothing to do.
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { serverWithCoordinator } from "../helpers/server";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { FakeExcel } from "./fake-excel/fake-excel";
import { FakeWorkbook } from "./fake-excel/model";
import { seedsOf } from "./office-stub/seeds";

const PLAN = "Kế hoạch CCHC 2021";
const CONTENT = 1;
const NOTES = 8;
const REGISTER = "Sổ theo dõi hồ sơ";
/** The register's "Ghi chú" (0-based R). */
const REGISTER_NOTES = 17;

describe("a sync whose write is cut short in Excel, then synced again", function () {
  this.timeout(600_000);
  const suite = serverWithCoordinator();
  const sync = (excel: FakeExcel) =>
    new SyncEngine(
      new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }),
      new HttpTransport(suite.server.url, suite.token),
      { asOf: "2021-03-31" },
    ).run();
  /** The plan's tasks as (content, notes), in the sheet's order. */
  const tasks = (wb: FakeWorkbook) =>
    wb
      .get(PLAN)
      .rows.map((r) => r?.[CONTENT]?.v)
      .filter((v): v is string => typeof v === "string" && v.length > 20)
      .join("\n");
  const notes = (wb: FakeWorkbook) =>
    [PLAN, REGISTER]
      .map((sheet) =>
        wb
          .get(sheet)
          .rows.map((r) => String(r?.[sheet === PLAN ? NOTES : REGISTER_NOTES]?.v ?? ""))
          .join("|"),
      )
      .join("\n");

  it("at every context.sync of the write: the next sync completes it, no task twice, nothing changed on the server", async () => {
    const a = new FakeExcel(fakeFromExceljs(buildDemoWorkbook()));
    assert.equal((await sync(a)).pushed, 377);
    const before = seedsOf(a.workbook); // the colleague's copy, as synced

    // A colleague (A) edits a note, inserts a task under section III and empties a task row.
    const plan = a.workbook.get(PLAN);
    plan.at(7, NOTES).v = "Ghi chú mới của đồng nghiệp";
    const section3 = plan.rows.findIndex((r) => r?.[0]?.v === "III");
    plan.rows.splice(section3 + 1, 0, []);
    const added = plan.at(section3 + 1, CONTENT);
    added.v = "Nhiệm vụ mới thêm giữa chừng (kiểm tra ghi dở)";
    plan.at(section3 + 1, 2).v = "Văn phòng Sở";
    plan.at(section3 + 1, 4).v = "Quý IV";
    plan.at(section3 + 1, 6).v = "Chưa thực hiện";
    for (let c = 0; c <= NOTES; c++) plan.at(section3 + 4, c).v = "";
    // …and rewrites 300 dossiers' notes at length, so that the pull is written over several syncs.
    const register = a.workbook.get(REGISTER);
    const first = register.rows.findIndex((r) => typeof r?.[1]?.v === "string" && /^000\./.test(r[1].v));
    for (let i = 0; i < 300; i++)
      register.at(first + i, REGISTER_NOTES).v =
        `Bổ sung lần ${i}: ${"giấy tờ theo hướng dẫn, ".repeat(250)}`.trimEnd();
    const edited = await sync(a);
    assert.equal(edited.pushed, 303, JSON.stringify(edited.errors.slice(0, 2)));

    // The complete pull, for comparison.
    const whole = new FakeExcel(FakeWorkbook.from(before));
    const done = await sync(whole);
    assert.equal(done.pulled, 303);
    const writeSyncs = whole.syncs;
    const expected = { tasks: tasks(whole.workbook), notes: notes(whole.workbook) };

    for (let n = 1; n <= writeSyncs; n++) {
      const b = new FakeExcel(FakeWorkbook.from(before));
      b.beforeSync = (k) => {
        if (k === n) throw new Error(`the pane closed before context.sync ${n}`);
      };
      await assert.rejects(sync(b), /the pane closed/);
      delete b.beforeSync;
      const again = await sync(b);
      // Cells written before the cut hold the server's values over an old base: they go out as
      // edits and the server answers each with its equal copy, so nothing is written there, and
      // none counts as merged (it said "gộp 301" after a cut, though the user changed nothing).
      assert.equal(again.merged, 0, `cut at ${n}: nothing merged`);
      assert.equal((await sync(a)).pulled, 0, `cut at ${n}: nothing changed on the server`);
      assert.deepEqual(again.conflicts, [], `cut at ${n}`);
      assert.equal(
        tasks(b.workbook),
        expected.tasks,
        `cut at ${n}: the plan's tasks as a whole pull leaves them`,
      );
      assert.equal(notes(b.workbook), expected.notes, `cut at ${n}`);
      const third = await sync(b);
      assert.deepEqual(
        [third.pushed, third.pulled, third.cellsWritten],
        [0, 0, 0],
        `cut at ${n}: then settled`,
      );
    }
    console.log(`      cut at each of ${writeSyncs} context.sync calls of a sync that pulls 303 changes`);
  });
});
