/**
 * The WorkbookPort contract (contracts.md, issues 9 and 10): one set of scenarios every workbook
 * adapter must pass, run against the Excel adapter on the fake Excel API and against the file
 * adapter on .xlsx files. Read sheets with merges and formulas; write cells; text stays text;
 * formulas kept; row ops verbatim and in order (also as a property over planned deletes and
 * inserts); notes set and cleared; the conflicts sheet; state cells round trip; the summary sheet;
 * the id column. Workbooks are seeded and inspected through the fake Excel's model (the file
 * adapter's file is converted to and from it), so one assertion fits both adapters.
 * Dates: core's cell values carry a date as a Date (exceljs) or as its serial number (Office.js
 * `values`); the scenarios accept either, compared as the day they name.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { CellValue } from "../../core/parse/cell";
import { applyRowOps, planRowOps } from "../../core/sync/row-plan";
import { STATE_SHEET } from "../../core/sync/state-sheet";
import type { SummaryModel } from "../../core/sync/summary-model";
import { CONFLICT_SHEET, NOTE_MARK } from "../../core/sync/system-sheets";
import {
  type CellNote,
  emptyEdit,
  formulaKey,
  type PortSheet,
  type WorkbookEdit,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "../../core/sync/workbook-port";
import { dateToSerial, type FakeWorkbook, type SheetSeed } from "../addin/fake-excel/model";

/** One workbook under test, behind the adapter's port. */
export interface PortUnderTest extends WorkbookPort {
  /** The workbook as it is now, as the fake's model. */
  inspect(): Promise<FakeWorkbook>;
}

export interface PortHarness {
  name: string;
  create(seeds: SheetSeed[]): Promise<PortUnderTest>;
}

export function edit(parts: Partial<WorkbookEdit> = {}): WorkbookEdit {
  return { ...emptyEdit([]), ...parts };
}

/** A date cell as the day it names (a Date, or Office.js's serial number), for comparison. */
function day(v: CellValue | undefined): number | undefined {
  return v instanceof Date ? dateToSerial(v) : typeof v === "number" ? v : undefined;
}

const d = (y: number, m: number, dd: number) => new Date(Date.UTC(y, m - 1, dd));
const SHEET = "Dữ liệu";
/** Rows "r0", "r1"… in column A (and the row number in B). */
const labels = (n: number): (string | number)[][] => Array.from({ length: n }, (_, i) => [`r${i}`, i]);

/** A plan sheet: a title, a two-row header with a merged group, rows, a total formula. */
export const PLAN: SheetSeed = {
  name: "Kế hoạch",
  rows: [
    ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021", null, null, null],
    ["STT", "Nội dung", "Thời hạn", null],
    [null, null, "Từ", "Đến"],
    [1, "Rà soát thủ tục", "Quý I", "31/03/2021"],
    [2, "Cập nhật cổng dịch vụ công", "Quý II", "30/06/2021"],
    [3, "Đào tạo cán bộ", "Quý III", "30/09/2021"],
    ["Tổng", 3, null, null],
  ],
  formulas: [{ row: 6, col: 1, formula: "=COUNT(A4:A6)" }],
  merges: [
    { top: 0, left: 0, bottom: 0, right: 3 },
    { top: 1, left: 2, bottom: 1, right: 3 },
    { top: 1, left: 0, bottom: 2, right: 0 },
    { top: 1, left: 1, bottom: 2, right: 1 },
  ],
};

function sheetOf(snap: WorkbookSnapshot, name: string): PortSheet {
  const s = snap.sheets.find((x) => x.name === name);
  assert.ok(s, `sheet ${name} read (${snap.sheets.map((x) => x.name).join(", ")})`);
  return s;
}

function values(wb: FakeWorkbook, sheet: string): unknown[][] {
  return wb.get(sheet).grid();
}

function summaryModel(n: number): SummaryModel {
  return {
    sheetName: "Tổng hợp",
    title: `TỔNG HỢP ${n}`,
    subtitle: "Số liệu tính đến ngày 31/03/2021",
    chartNote: "",
    keyFiguresTitle: "",
    keyFigures: [],
    paragraph: `đã hoàn thành ${n}/38 nhiệm vụ`,
    paragraphRow: 4,
    paragraphRows: 1,
    width: 4,
    columnWidths: [30, 12, 12, 12],
    charts: [],
    pageBreaksBefore: [],
    tables: [
      {
        id: "tasks",
        top: 6,
        title: "I. NHIỆM VỤ",
        header: [
          ["", "Tổng số", "Đã hoàn thành", ""],
          ["", "", "Tổng", "Đúng hạn"],
        ],
        rows: [
          ["=Đơn vị lạ", 38, n, null],
          ["Tổng cộng", 38, n, 0.5],
        ],
        percentColumns: [3],
        total: true,
      },
    ],
  };
}

export function workbookPortContract(h: PortHarness): void {
  const scenario = (name: string, body: () => Promise<void>) => it(name, body);

  describe(`WorkbookPort contract: ${h.name}`, function () {
    this.timeout(60_000);

    scenario("reads each sheet's values, merged areas and formula cells; not the state sheet", async () => {
      const w = await h.create([
        PLAN,
        {
          name: "Danh mục",
          rows: [
            ["Mã", "Tên"],
            ["SNV", "Sở Nội vụ"],
          ],
        },
        { name: STATE_SHEET, rows: [["{}"]], visibility: "VeryHidden" },
      ]);
      const snap = await w.read();
      assert.deepEqual(
        snap.sheets.map((s) => s.name),
        ["Kế hoạch", "Danh mục"],
      );
      const plan = sheetOf(snap, "Kế hoạch");
      assert.equal(plan.rows[3]![1], "Rà soát thủ tục");
      assert.equal(plan.rows[0]![0], "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021");
      assert.equal(plan.rows[0]![1] ?? null, null, "a merged-over cell reads empty");
      assert.equal(plan.rows[6]![1], 3, "a formula cell reads its computed value");
      assert.ok(plan.formulaCells.has(6 * 16384 + 1), "the formula cell is known");
      assert.equal(plan.formulaCells.size, 1);
      const merges = [...plan.merges].sort((a, b) => a.top - b.top || a.left - b.left);
      assert.deepEqual(merges, [
        { top: 0, left: 0, bottom: 0, right: 3 },
        { top: 1, left: 0, bottom: 2, right: 0 },
        { top: 1, left: 1, bottom: 2, right: 1 },
        { top: 1, left: 2, bottom: 1, right: 3 },
      ]);
      assert.deepEqual(snap.stateCells, ["{}"]);
    });

    scenario("writes the cells it is given, and only those", async () => {
      const w = await h.create([PLAN]);
      await w.read();
      await w.write(
        edit({
          cells: [
            { sheet: "Kế hoạch", row: 3, col: 1, value: "Rà soát, đơn giản hóa thủ tục" },
            { sheet: "Kế hoạch", row: 4, col: 2, value: null },
            { sheet: "Kế hoạch", row: 5, col: 4, value: 12.5 },
            { sheet: "Kế hoạch", row: 5, col: 5, value: true },
          ],
        }),
      );
      const wb = await w.inspect();
      const v = values(wb, "Kế hoạch");
      assert.equal(v[3]![1], "Rà soát, đơn giản hóa thủ tục");
      assert.equal(v[4]![2] ?? "", "");
      assert.equal(v[5]![4], 12.5);
      assert.equal(v[5]![5], true);
      assert.equal(v[5]![1], "Đào tạo cán bộ");
      assert.equal(v[3]![3], "31/03/2021");
    });

    scenario("writes a date as a date", async () => {
      const w = await h.create([PLAN]);
      await w.read();
      await w.write(
        edit({ cells: [{ sheet: "Kế hoạch", row: 3, col: 4, value: new Date(Date.UTC(2021, 2, 31)) }] }),
      );
      const cell = (await w.inspect()).get("Kế hoạch").cell(3, 4);
      assert.equal(cell?.v, dateToSerial(new Date(Date.UTC(2021, 2, 31))));
      assert.match(cell?.nf ?? "", /d/i, "shown as a date");
      const again = sheetOf(await w.read(), "Kế hoạch");
      assert.equal(day(again.rows[3]![4]), dateToSerial(d(2021, 3, 31)), "read back as the same day");
    });

    scenario(
      "marks the date cells whose number format shows only a month or a year, and only those",
      async () => {
        // "6/2026" typed into Excel: the date 1/6/2026 with a format that shows no day (T17).
        const formats = [
          "mm/yyyy",
          "mmm-yy",
          "[$-42A]mmmm yyyy",
          '"Tháng "m/yyyy',
          "yyyy",
          "dd/mm/yyyy",
          "d-mmm-yy",
          "[$-42A]dd/mm/yyyy h:mm",
          "0",
          "General",
          "h:mm",
        ];
        const june = dateToSerial(d(2026, 6, 1));
        const w = await h.create([
          {
            name: SHEET,
            rows: [["Thời hạn"], ...formats.map(() => [june]), ["6/2026"]],
            numberFormats: formats.map((format, i) => ({ row: i + 1, col: 0, format })),
          },
        ]);
        const sheet = sheetOf(await w.read(), SHEET);
        const marks = [...(sheet.periodCells ?? new Map<number, string>())].sort(([a], [b]) => a - b);
        assert.deepEqual(marks, [
          [1 * 16384, "month"],
          [2 * 16384, "month"],
          [3 * 16384, "month"],
          [4 * 16384, "month"],
          [5 * 16384, "year"],
        ]);
        assert.equal(day(sheet.rows[1]![0]), june, "the cell's value is still the date it holds");
        assert.equal(sheet.rows[formats.length + 1]![0], "6/2026", "a text is no date cell");
      },
    );

    scenario("text stays text: never a formula, a number or a boolean", async () => {
      const texts = [
        "=1+2",
        "+84 912 345 678",
        "-5",
        "@home",
        "007",
        "TRUE",
        "'quoted",
        "15/03/2021",
        '=HYPERLINK("x")',
      ];
      const w = await h.create([PLAN]);
      await w.read();
      await w.write(
        edit({ cells: texts.map((t, i) => ({ sheet: "Kế hoạch", row: 10 + i, col: 1, value: t })) }),
      );
      const wb = await w.inspect();
      texts.forEach((t, i) => {
        const cell = wb.get("Kế hoạch").cell(10 + i, 1);
        assert.equal(cell?.f, undefined, `${t} is not a formula`);
        assert.equal(cell?.v, t, `${t} is kept as text`);
      });
      const again = sheetOf(await w.read(), "Kế hoạch");
      texts.forEach((t, i) => assert.equal(again.rows[10 + i]![1], t));
      assert.equal(again.formulaCells.size, 1);
    });

    scenario("never overwrites a formula cell", async () => {
      const w = await h.create([PLAN]);
      await w.read();
      await w.write(edit({ cells: [{ sheet: "Kế hoạch", row: 6, col: 1, value: 99 }] }));
      const cell = (await w.inspect()).get("Kế hoạch").cell(6, 1);
      assert.equal(cell?.f, "=COUNT(A4:A6)");
    });

    scenario(
      "applies row ops in the plan's order, blocks at once, merges and notes moving with their rows",
      async () => {
        const w = await h.create([
          {
            ...PLAN,
            rows: [
              ...PLAN.rows!.slice(0, 6),
              [4, "Kiểm tra", "Quý IV", null],
              ["Ghi chú", "gộp", null, null],
              [5, "Cuối", null, null],
            ],
            formulas: [],
            merges: [...PLAN.merges!, { top: 7, left: 1, bottom: 7, right: 3 }],
            notes: [{ row: 8, col: 1, text: "ghi chú của người dùng" }],
          },
        ]);
        await w.read();
        // Rows 3..8: 1,2,3,4,(Ghi chú),5. Delete 1-2 (block), then insert two rows where 4 now is
        // (row 4 after the deletion), then delete "3" (row 3 after both).
        await w.write(
          edit({
            rowOps: [
              { op: "delete", sheet: "Kế hoạch", row: 3, count: 2 },
              {
                op: "insert",
                sheet: "Kế hoạch",
                row: 4,
                values: [
                  ["3a", "Mới A"],
                  ["3b", "=Mới B"],
                ],
              },
              { op: "delete", sheet: "Kế hoạch", row: 3, count: 1 },
            ],
          }),
        );
        const wb = await w.inspect();
        const col = values(wb, "Kế hoạch").map((r) => r[0]);
        assert.deepEqual(col.slice(3), ["3a", "3b", 4, "Ghi chú", 5]);
        assert.equal(wb.get("Kế hoạch").value(4, 1), "=Mới B", "inserted text stays text");
        assert.equal(wb.get("Kế hoạch").cell(4, 1)?.f, undefined);
        assert.ok(
          wb
            .get("Kế hoạch")
            .merges.some((m) => m.top === 6 && m.bottom === 6 && m.left === 1 && m.right === 3),
          "the merge below moved up with its row",
        );
        assert.ok(
          wb.get("Kế hoạch").merges.some((m) => m.top === 0 && m.right === 3),
          "the merges above stay",
        );
      },
    );

    scenario("sets the engine's notes and clears its old ones, leaving the user's own", async () => {
      const w = await h.create([{ ...PLAN, notes: [{ row: 5, col: 1, text: "của người dùng" }] }]);
      await w.read();
      const note = (row: number, text: string): CellNote => ({ sheet: "Kế hoạch", row, col: 2, text });
      await w.write(edit({ notes: [note(3, "Hạn không đọc được"), note(4, "Xung đột")] }));
      let s = (await w.inspect()).get("Kế hoạch");
      assert.equal(s.notes.get("3:2"), `${NOTE_MARK}Hạn không đọc được`);
      assert.equal(s.notes.get("4:2"), `${NOTE_MARK}Xung đột`);
      await w.read();
      await w.write(edit({ notes: [note(4, "Xung đột khác")] }));
      s = (await w.inspect()).get("Kế hoạch");
      assert.equal(s.notes.get("3:2"), undefined, "the old note is removed");
      assert.equal(s.notes.get("4:2"), `${NOTE_MARK}Xung đột khác`);
      assert.equal(s.notes.get("5:1"), "của người dùng", "the user's note stays");
      await w.read();
      await w.write(edit({ notes: [] }));
      s = (await w.inspect()).get("Kế hoạch");
      assert.equal(s.notes.get("4:2"), undefined, "no note left when the engine has none");
      assert.equal(s.notes.get("5:1"), "của người dùng");
    });

    scenario("writes the conflicts sheet as text, replaces it, removes it when there is none", async () => {
      const w = await h.create([PLAN]);
      await w.read();
      const header = ["Trang", "Dòng", "Cột", "Trường", "Của tôi", "Máy chủ", "Ai", "Lúc", "Cách xử lý"];
      await w.write(
        edit({
          conflicts: [header, ["Kế hoạch", "4", "B", "content", "=A1", "007", "Lan", "2021-03-01", "…"]],
        }),
      );
      let wb = await w.inspect();
      assert.deepEqual(values(wb, CONFLICT_SHEET)[0], header);
      assert.equal(wb.get(CONFLICT_SHEET).value(1, 4), "=A1");
      assert.equal(wb.get(CONFLICT_SHEET).cell(1, 4)?.f, undefined);
      assert.equal(wb.get(CONFLICT_SHEET).value(1, 5), "007");
      await w.read();
      await w.write(edit({ conflicts: [header] }));
      wb = await w.inspect();
      assert.equal(values(wb, CONFLICT_SHEET).length, 1, "replaced, not appended");
      await w.read();
      await w.write(edit({ conflicts: [] }));
      assert.equal((await w.inspect()).sheet(CONFLICT_SHEET), undefined);
    });

    scenario(
      "state cells round trip (more than 32,767 characters in all), very hidden; fewer cells clear the rest",
      async () => {
        const w = await h.create([PLAN]);
        await w.read();
        const big = Array.from(
          { length: 5 },
          (_, i) => `${i}:` + 'dữ liệu "đồng bộ" '.repeat(1800).slice(0, 30_000),
        );
        await w.write(edit({ stateCells: big }));
        let snap = await w.read();
        assert.deepEqual(snap.stateCells, big);
        assert.ok(big.join("").length > 32_767);
        const wb = await w.inspect();
        assert.equal(wb.get(STATE_SHEET).visibility, "VeryHidden");
        await w.write(edit({ stateCells: ["v2", "abc"] }));
        snap = await w.read();
        assert.deepEqual(snap.stateCells, ["v2", "abc"]);
        assert.ok(!snap.sheets.some((x) => x.name === STATE_SHEET), "the state sheet is not data");
      },
    );

    scenario("writes the summary sheet first in the workbook, replaced on the next write", async () => {
      const w = await h.create([PLAN]);
      await w.read();
      // The engine writes its state with every summary (the file adapter tells its summary from a
      // user's own "Tổng hợp" by that state).
      await w.write(edit({ summary: summaryModel(17), stateCells: ["v1"] }));
      let wb = await w.inspect();
      assert.equal(wb.sheets[0]!.name, "Tổng hợp");
      let v = values(wb, "Tổng hợp");
      const flat = (g: unknown[][]) => JSON.stringify(g);
      assert.match(flat(v), /đã hoàn thành 17\/38 nhiệm vụ/);
      const unit = wb
        .get("Tổng hợp")
        .grid()
        .flatMap((r, i) => r.map((x, c) => ({ x, i, c })))
        .find((p) => p.x === "=Đơn vị lạ");
      assert.ok(unit, "a name starting with = is shown as text");
      assert.equal(wb.get("Tổng hợp").cell(unit.i, unit.c)?.f, undefined);
      await w.read();
      await w.write(edit({ summary: summaryModel(18), stateCells: ["v1"] }));
      wb = await w.inspect();
      v = values(wb, "Tổng hợp");
      assert.match(flat(v), /18\/38/);
      assert.doesNotMatch(flat(v), /17\/38/);
      assert.equal(wb.sheets.filter((s) => s.name === "Tổng hợp").length, 1);
    });

    scenario("adds the hidden id column with its header", async () => {
      const w = await h.create([PLAN]);
      await w.read();
      await w.write(
        edit({
          idColumns: [{ sheet: "Kế hoạch", col: 4, headerRow: 2 }],
          cells: [{ sheet: "Kế hoạch", row: 3, col: 4, value: "0e7c5d2a-1111-4222-8333-444455556666" }],
        }),
      );
      const s = (await w.inspect()).get("Kế hoạch");
      assert.equal(s.value(2, 4), "cchc_id");
      assert.ok(s.hiddenColumns.has(4));
      const again = sheetOf(await w.read(), "Kế hoạch");
      assert.equal(again.rows[3]![4], "0e7c5d2a-1111-4222-8333-444455556666");
    });

    scenario(
      "the id column and a row inserted right under the records join the sheet's filter and the Excel Table",
      async () => {
        const register = (name: string): SheetSeed => ({
          name,
          rows: [
            ["SỔ THEO DÕI HỒ SƠ"],
            ["STT", "Mã hồ sơ", "Lĩnh vực"],
            [1, "HS-1", "Việc làm"],
            [2, "HS-2", "Người có công"],
          ],
        });
        const records = { top: 1, left: 0, bottom: 3, right: 2 };
        const w = await h.create([
          { ...register("Lọc"), autoFilter: { box: records } },
          { ...register("Bảng"), tables: [{ name: "SoHoSo", box: records }] },
        ]);
        await w.read();
        await w.write(
          edit({
            idColumns: ["Lọc", "Bảng"].map((sheet) => ({ sheet, col: 3, headerRow: 1 })),
            cells: ["Lọc", "Bảng"].map((sheet) => ({ sheet, row: 2, col: 3, value: "id-1" })),
          }),
        );
        let wb = await w.inspect();
        assert.deepEqual(wb.get("Lọc").autoFilter?.box, { ...records, right: 3 });
        assert.deepEqual(wb.get("Bảng").tables[0]?.box, { ...records, right: 3 });
        assert.deepEqual(wb.get("Bảng").tables[0]?.columns, ["STT", "Mã hồ sơ", "Lĩnh vực", "cchc_id"]);
        await w.read();
        await w.write(
          edit({
            rowOps: ["Lọc", "Bảng"].map((sheet) => ({
              op: "insert" as const,
              sheet,
              row: 4,
              values: [[3, "HS-3", "Việc làm", "id-3"]],
            })),
          }),
        );
        wb = await w.inspect();
        assert.deepEqual(wb.get("Lọc").autoFilter?.box, { ...records, right: 3, bottom: 4 });
        assert.deepEqual(wb.get("Bảng").tables[0]?.box, { ...records, right: 3, bottom: 4 });
        assert.equal(wb.get("Bảng").value(4, 1), "HS-3");
      },
    );

    scenario(
      "reads a date cell as its day, a formula as its result; no state sheet, no state cells",
      async () => {
        const w = await h.create([
          {
            name: SHEET,
            rows: [["chữ", 12, d(2021, 3, 4), 2], [], ["gộp"]],
            formulas: [{ row: 0, col: 3, formula: "=1+1" }],
            numberFormats: [{ row: 0, col: 2, format: "dd/mm/yyyy" }],
            merges: [{ top: 2, left: 0, bottom: 2, right: 2 }],
          },
        ]);
        const snap = await w.read();
        assert.equal(snap.stateCells, undefined);
        const sheet = sheetOf(snap, SHEET);
        assert.deepEqual(sheet.rows[0]!.slice(0, 2), ["chữ", 12]);
        assert.equal(day(sheet.rows[0]![2]), dateToSerial(d(2021, 3, 4)));
        assert.equal(sheet.rows[0]![3], 2, "a formula reads as its result");
        assert.ok(sheet.formulaCells.has(formulaKey(0, 3)));
        assert.deepEqual(sheet.merges, [{ top: 2, left: 0, bottom: 2, right: 2 }]);
      },
    );

    scenario("applies planned row ops verbatim; formulas and merges move with their rows", async () => {
      const rows: (string | number)[][] = labels(10);
      rows[7]![2] = 2;
      rows[8]![2] = "gộp";
      const w = await h.create([
        {
          name: SHEET,
          rows,
          formulas: [{ row: 7, col: 2, formula: "=1+1" }],
          merges: [{ top: 8, left: 2, bottom: 8, right: 3 }],
        },
      ]);
      const ops = planRowOps(
        [2, 3, 5].map((row) => ({ sheet: SHEET, row })),
        [
          { sheet: SHEET, after: 3, values: ["n1"] },
          { sheet: SHEET, after: 3, values: ["n2"] },
          { sheet: SHEET, after: 9, values: ["n3", 9.5] },
        ],
      );
      await w.read();
      await w.write(edit({ rowOps: ops }));
      const sheet = sheetOf(await w.read(), SHEET);
      const expected = applyRowOps(
        labels(10).map((r) => r[0]),
        ops,
        (v) => v[0] ?? null,
      );
      assert.deepEqual(
        sheet.rows.map((r) => r[0] ?? null),
        expected,
      );
      const r7 = expected.indexOf("r7");
      const r8 = expected.indexOf("r8");
      assert.ok(sheet.formulaCells.has(formulaKey(r7, 2)), "the formula moved with its row");
      assert.deepEqual(sheet.merges, [{ top: r8, left: 2, bottom: r8, right: 3 }]);
      assert.deepEqual(sheet.rows[expected.indexOf("n3")]!.slice(0, 2), ["n3", 9.5]);
    });

    scenario("applies any planned deletes and inserts as the in-memory meaning of the ops", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.nat({ max: 7 }), { maxLength: 5 }),
          fc.array(fc.integer({ min: -1, max: 7 }), { maxLength: 4 }),
          async (deletes, anchors) => {
            const w = await h.create([{ name: SHEET, rows: labels(8) }]);
            const ops = planRowOps(
              deletes.map((row) => ({ sheet: SHEET, row })),
              anchors.map((after, i) => ({ sheet: SHEET, after, values: [`n${i}`] })),
            );
            await w.read();
            await w.write(edit({ rowOps: ops }));
            const sheet = sheetOf(await w.read(), SHEET);
            const expected = applyRowOps(
              labels(8).map((r) => r[0]),
              ops,
              (v) => v[0] ?? null,
            );
            assert.deepEqual(
              sheet.rows.map((r) => r[0] ?? null),
              expected,
            );
          },
        ),
        { numRuns: 12 },
      );
    });
  });
}

export type { CellValue };
