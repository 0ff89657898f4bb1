/**
 * The add-in in states of Excel that the fake once ignored (T7, /work/notes/t7-findings.md): the
 * user typing in a cell when a sync starts or while it runs, and a workbook whose structure is
 * protected (Review → Protect Workbook).
 */
import assert from "node:assert/strict";
import { ExcelPort, ExcelPortError } from "../../addin/excel";
import { drawTemplate } from "../../addin/excel/template-sheets";
import { trackingWorkbook } from "../../core/template/tracking-workbook";
import { RECORD_ID_HEADER } from "../../core/layout";
import { CONFLICT_SHEET, STATE_SHEET } from "../../core/sync";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { parseDateCell } from "../../core/dates/parse-date";
import { readWorkbook } from "../../core/layout/read-workbook";
import { statsFromWorkbook } from "../../core/stats/workbook-stats";
import { buildSummary } from "../../core/sync/summary-model";
import { edit } from "../contract/workbook-port.contract";
import { FakeExcel, FakeOfficeError } from "./fake-excel/fake-excel";
import { installFakeOffice } from "./fake-excel/install-globals";
import { type FakeSheet, FakeWorkbook } from "./fake-excel/model";

const SHEET = "Sổ hồ sơ";

function workbook(): FakeWorkbook {
  return FakeWorkbook.from([
    {
      name: SHEET,
      rows: [
        ["STT", "Nội dung", "Ghi chú"],
        ...Array.from({ length: 20 }, (_, i) => [i + 1, `Hồ sơ ${i + 1}`, ""]),
      ],
    },
  ]);
}

/** A first sync's edit: the id column, a pulled cell, the state sheet. */
function firstSyncEdit() {
  return edit({
    idColumns: [{ sheet: SHEET, headerRow: 0, col: 3 }],
    cells: [{ sheet: SHEET, row: 1, col: 2, value: "đã nhận" }],
    stateCells: ["s"],
  });
}

/** Settles pending promise callbacks (no timer): what could run without the user has run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the add-in while the user is typing in a cell (cell-edit mode)", () => {
  let excel: FakeExcel;
  let uninstall: () => void;
  beforeEach(() => {
    excel = new FakeExcel(workbook());
    uninstall = installFakeOffice(excel); // the adapter's own Excel.run (officeRun), as in the add-in
  });
  afterEach(() => uninstall());

  it("a sync pressed while a cell is being edited waits for the edit to end, then reads the workbook", async () => {
    const endEdit = excel.startCellEdit();
    let snapshot: Awaited<ReturnType<ExcelPort["read"]>> | undefined;
    const reading = new ExcelPort().read().then((s) => (snapshot = s));
    await settle();
    assert.equal(snapshot, undefined, "nothing read while the user types");
    endEdit();
    await reading;
    assert.equal(snapshot!.sheets[0]!.rows[20]![1], "Hồ sơ 20");
  });

  it("a user who starts typing in a cell mid-write does not cut the write in two: it waits and completes", async () => {
    const port = new ExcelPort();
    await port.read();
    excel.resetCounters();
    excel.beforeSync = (n) => {
      if (n !== 2) return;
      const endEdit = excel.startCellEdit();
      setImmediate(endEdit); // the user presses Enter
    };
    await port.write(
      edit({
        idColumns: [{ sheet: SHEET, headerRow: 0, col: 3 }],
        cells: Array.from({ length: 20 }, (_, i) => ({
          sheet: SHEET,
          row: i + 1,
          col: 2,
          value: `đã nhận ${i}`,
        })),
        stateCells: ["s"],
      }),
    );
    const sheet = excel.workbook.get(SHEET);
    assert.ok(excel.syncs >= 3, `a write of several syncs (${excel.syncs})`);
    assert.equal(sheet.value(0, 3), RECORD_ID_HEADER);
    assert.equal(sheet.value(20, 2), "đã nhận 19");
    assert.equal(excel.workbook.get(STATE_SHEET).value(0, 0), "s");
  });
});

describe("the add-in in cell-edit mode, on an Excel that does not wait", () => {
  it("the sync fails with advice in both languages (press Enter or Esc), not Office's bare error", async () => {
    const excel = new FakeExcel(workbook());
    excel.delayForCellEditSupported = false;
    const uninstall = installFakeOffice(excel);
    try {
      excel.startCellEdit();
      await assert.rejects(new ExcelPort().read(), (e: unknown) => {
        assert.ok(e instanceof ExcelPortError, String(e));
        assert.match(e.userMessage.vi, /chế độ sửa ô.*Enter hoặc Esc/);
        assert.match(e.userMessage.en, /cell-edit mode.*Enter or Esc/);
        return true;
      });
    } finally {
      uninstall();
    }
  });
});

describe("the add-in when Excel answers an error", () => {
  it("the user reads it in both languages with Excel's code, not only Office's localised message", async () => {
    const excel = new FakeExcel(workbook());
    const uninstall = installFakeOffice(excel);
    try {
      const port = new ExcelPort();
      await port.read();
      excel.resetCounters();
      excel.beforeSync = (n) => {
        if (n === 2)
          throw new FakeOfficeError(
            "GeneralException",
            "There was an internal error while processing the request.",
          );
      };
      await assert.rejects(port.write(firstSyncEdit()), (e: unknown) => {
        assert.ok(e instanceof ExcelPortError, String(e));
        assert.match(
          e.userMessage.vi,
          /^Excel từ chối thao tác \(GeneralException: There was an internal error/,
        );
        assert.match(e.userMessage.en, /^Excel refused the operation \(GeneralException: .*Sync again/);
        return true;
      });
    } finally {
      uninstall();
    }
  });
});

describe("the add-in in a workbook whose structure is protected (Protect Workbook)", () => {
  const firstSync = firstSyncEdit();

  it("the first sync (it adds the state sheet) is refused in both languages before anything is written", async () => {
    const excel = new FakeExcel(workbook());
    excel.workbook.protected = true;
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await port.read();
    const before = JSON.stringify(excel.workbook.get(SHEET).rows);
    await assert.rejects(port.write(firstSync), (e: unknown) => {
      assert.ok(e instanceof ExcelPortError, String(e));
      assert.match(e.userMessage.vi, /Protect Workbook/);
      assert.match(e.userMessage.vi, /chưa bị thay đổi/);
      assert.match(e.userMessage.en, /was not changed/);
      return true;
    });
    assert.equal(JSON.stringify(excel.workbook.get(SHEET).rows), before, "no id column, no cell written");
    assert.deepEqual(
      excel.workbook.sheets.map((s) => s.name),
      [SHEET],
    );
  });

  it("a sync that adds or removes no sheet goes through; one with conflicts to show is refused", async () => {
    const excel = new FakeExcel(workbook());
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await port.read();
    await port.write(firstSync);
    excel.workbook.protected = true;
    await port.read();
    await port.write(
      edit({ cells: [{ sheet: SHEET, row: 2, col: 2, value: "bổ sung" }], stateCells: ["s2"] }),
    );
    assert.equal(excel.workbook.get(SHEET).value(2, 2), "bổ sung");
    assert.equal(excel.workbook.get(STATE_SHEET).value(0, 0), "s2");
    await port.read();
    await assert.rejects(
      port.write(
        edit({
          conflicts: [
            ["Trang", "Dòng"],
            [SHEET, "3"],
          ],
          stateCells: ["s3"],
        }),
      ),
      ExcelPortError,
    );
    assert.equal(excel.workbook.get(STATE_SHEET).value(0, 0), "s2", "the state is not moved on");
  });

  it("“Tạo sổ mẫu” in a protected workbook says why it cannot add its sheets, and adds none", async () => {
    const excel = new FakeExcel(workbook());
    excel.workbook.protected = true;
    await assert.rejects(
      drawTemplate(excel.run, trackingWorkbook({ year: 2021, tasks: [], dossiers: [] })),
      (e: unknown) => e instanceof ExcelPortError && /Protect Workbook/.test(e.userMessage.en),
    );
    assert.deepEqual(
      excel.workbook.sheets.map((s) => s.name),
      [SHEET],
    );
  });
});

describe("the add-in and a sheet with more than 512 merged areas (Excel's getMergedAreas limit)", () => {
  it("reads a 1,500-row register whose notes are each merged over two columns: every merge, every row", async () => {
    const rows = 1_500;
    const excel = new FakeExcel(
      FakeWorkbook.from([
        {
          name: SHEET,
          rows: [
            ["STT", "Nội dung", "Ghi chú", null],
            ...Array.from({ length: rows }, (_, i) => [i + 1, `Hồ sơ ${i + 1}`, `ghi chú ${i + 1}`, null]),
          ],
          merges: Array.from({ length: rows + 1 }, (_, r) => ({ top: r, left: 2, bottom: r, right: 3 })),
        },
        { name: "Kế hoạch", rows: [["STT", "Nội dung"]], merges: [{ top: 0, left: 1, bottom: 1, right: 1 }] },
      ]),
    );
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    const snap = await port.read();
    const register = snap.sheets.find((s) => s.name === SHEET)!;
    assert.equal(register.rows[rows]![2], `ghi chú ${rows}`);
    assert.equal(register.merges.length, rows + 1);
    assert.deepEqual([...register.merges].sort((a, b) => a.top - b.top)[rows], {
      top: rows,
      left: 2,
      bottom: rows,
      right: 3,
    });
    assert.deepEqual(snap.sheets.find((s) => s.name === "Kế hoạch")!.merges, [
      { top: 0, left: 1, bottom: 1, right: 1 },
    ]);
    assert.ok(port.lastRead!.syncs <= 20, `${port.lastRead!.syncs} syncs`);
  });
});

describe("the add-in and sheet names in another case (Excel compares sheet names without case)", () => {
  it("a conflicts sheet and a summary the user renamed in capitals are replaced, not added beside them (ItemAlreadyExists)", async () => {
    const read = readWorkbook(workbookToGrids(buildDemoWorkbook()));
    const summary = buildSummary(
      statsFromWorkbook(read, { asOf: "2021-03-31" }),
      new Date("2021-03-31T03:00:00Z"),
    );
    const excel = new FakeExcel(workbook());
    excel.workbook.addSeed({ name: CONFLICT_SHEET.toUpperCase(), rows: [["cũ"]] });
    excel.workbook.addSeed({ name: summary.sheetName.toUpperCase(), rows: [["cũ"]] });
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await port.read();
    await port.write({
      ...firstSyncEdit(),
      conflicts: [
        ["Trang", "Dòng"],
        [SHEET, "3"],
      ],
      summary,
    });
    const names = excel.workbook.sheets.map((s) => s.name);
    assert.equal(
      names.filter((n) => n.toLowerCase() === CONFLICT_SHEET.toLowerCase()).length,
      1,
      names.join(", "),
    );
    assert.equal(excel.workbook.get(CONFLICT_SHEET).value(1, 0), SHEET);
    assert.equal(names[0], summary.sheetName);
    assert.equal(names.filter((n) => n.toLowerCase() === summary.sheetName.toLowerCase()).length, 1);
    assert.equal(excel.workbook.get(STATE_SHEET).value(0, 0), "s");
  });
});

describe("the add-in and a date column kept as Text (dates typed day first, as text)", () => {
  it("a date pulled into a Text cell is written as its day-first text, not the serial 44270 (which a Text cell shows, or keeps as text)", async () => {
    const excel = new FakeExcel(
      FakeWorkbook.from([
        {
          name: SHEET,
          rows: [
            ["STT", "Ngày nhận", "Ngày hẹn"],
            [1, "01/03/2021", "05/03/2021"],
            [2, "02/03/2021", ""],
          ],
          numberFormats: [1, 2].flatMap((row) => [1, 2].map((col) => ({ row, col, format: "@" }))),
        },
      ]),
    );
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await port.read();
    await port.write(
      edit({
        cells: [
          { sheet: SHEET, row: 2, col: 2, value: new Date(Date.UTC(2021, 2, 15)) },
          { sheet: SHEET, row: 1, col: 2, value: new Date(Date.UTC(2021, 2, 8)) },
        ],
      }),
    );
    const sheet = excel.workbook.get(SHEET);
    assert.equal(sheet.value(2, 2), "15/03/2021");
    assert.equal(sheet.value(1, 2), "08/03/2021");
    assert.equal(sheet.cell(2, 2)?.nf, "@", "the user's format is kept");
    // Read back, it is the same day (day first), so the next sync has nothing to push.
    const again = await port.read();
    assert.deepEqual(parseDateCell(again.sheets[0]!.rows[2]![2]!), { ok: true, date: "2021-03-15" });
  });
});

describe("the add-in when the user inserts or deletes rows while a sync runs", () => {
  /** A register with its hidden id column (D), as after a first sync. */
  function register(): FakeWorkbook {
    return FakeWorkbook.from([
      {
        name: SHEET,
        rows: [
          ["STT", "Nội dung", "Ghi chú", RECORD_ID_HEADER],
          ...Array.from({ length: 10 }, (_, i) => [i + 1, `Hồ sơ ${i + 1}`, "", `id-${i + 1}`]),
        ],
      },
    ]);
  }
  // A colleague deleted "Hồ sơ 5" (row 5) and wrote a note on "Hồ sơ 7" (row 7), as read.
  const pulled = edit({
    rowOps: [{ op: "delete", sheet: SHEET, row: 5, count: 1 }],
    cells: [{ sheet: SHEET, row: 7, col: 2, value: "bổ sung giấy tờ" }],
    stateCells: ["s"],
  });

  for (const [what, change] of [
    ["a row inserted above", (s: FakeSheet) => s.insertRows(2, 1)],
    ["a row deleted above", (s: FakeSheet) => s.deleteRows(2, 1)],
  ] as const)
    it(`${what} between the read and the write: no other record's row is deleted or written; the sync asks to be run again`, async () => {
      const excel = new FakeExcel(register());
      const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
      await port.read();
      const sheet = excel.workbook.get(SHEET);
      change(sheet);
      const before = JSON.stringify(sheet.grid());
      await assert.rejects(port.write(pulled), (e: unknown) => {
        assert.ok(e instanceof ExcelPortError, String(e));
        assert.match(e.userMessage.vi, /đồng bộ lại.*chưa bị thay đổi/);
        assert.match(e.userMessage.en, /sync again.*was not changed/);
        return true;
      });
      assert.equal(JSON.stringify(sheet.grid()), before, "nothing deleted, nothing written");
    });

  it("a row typed at the end of the register meanwhile does not stop the sync", async () => {
    const excel = new FakeExcel(register());
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    await port.read();
    const sheet = excel.workbook.get(SHEET);
    sheet.at(11, 1).v = "Hồ sơ mới gõ trong lúc đồng bộ";
    await port.write(pulled);
    assert.deepEqual(
      sheet.grid().map((r) => r[1]),
      [
        "Nội dung",
        ...[1, 2, 3, 4, 6, 7, 8, 9, 10].map((i) => `Hồ sơ ${i}`),
        "Hồ sơ mới gõ trong lúc đồng bộ",
      ],
    );
    assert.equal(sheet.value(6, 2), "bổ sung giấy tờ", "the note on Hồ sơ 7, now row 6");
  });
});
