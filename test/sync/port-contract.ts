import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { CellValue } from "../../core/parse/cell";
import { applyRowOps, planRowOps } from "../../core/sync/row-plan";
import { STATE_SHEET, STATE_SHEET_VISIBILITY } from "../../core/sync/state-sheet";
import { CONFLICT_SHEET, NOTE_MARK } from "../../core/sync/system-sheets";
import { emptyEdit, formulaKey, type WorkbookEdit, type WorkbookPort } from "../../core/sync/workbook-port";
import { d, type SheetSpec } from "../helpers/workbooks";

/** A workbook to open for one scenario: sheets, plus notes written by a person. */
export interface PortWorkbook {
  sheets: SheetSpec[];
  notes?: { sheet: string; row: number; col: number; text: string }[];
}

/** What an adapter under test offers: its port, and a look at what read() does not show. */
export interface PortUnderTest {
  port: WorkbookPort;
  /** Cell notes of a sheet, "row,col" (0-based) → text. */
  notes(sheet: string): Promise<Map<string, string>>;
  /** "visible", "hidden" or "veryHidden"; undefined when there is no such sheet. */
  visibility(sheet: string): Promise<string | undefined>;
}

const SHEET = "Dữ liệu";
const edit = (change: Partial<WorkbookEdit>): WorkbookEdit => ({ ...emptyEdit([]), ...change });
const labels = (n: number) => Array.from({ length: n }, (_, i) => [`r${i}`, i] as CellValue[]);

/**
 * The WorkbookPort contract (contracts.md, issue 9): what every adapter of the engine's workbook
 * port must do, whatever it draws with. Run against the file adapter here; the Excel adapter joins.
 */
export function describePortContract(
  name: string,
  open: (workbook: PortWorkbook) => Promise<PortUnderTest>,
): void {
  describe(`WorkbookPort contract: ${name}`, function () {
    this.timeout(60_000);

    it("reads values, merges and formula cells; no state sheet, no state cells", async () => {
      const { port } = await open({
        sheets: [
          {
            name: SHEET,
            rows: [["chữ", 12, d(2021, 3, 4), { formula: "1+1", result: 2 }], [], ["gộp"]],
            merges: ["A3:C3"],
          },
        ],
      });
      const snap = await port.read();
      assert.equal(snap.stateCells, undefined);
      const sheet = snap.sheets.find((s) => s.name === SHEET)!;
      assert.deepEqual(sheet.rows[0]!.slice(0, 2), ["chữ", 12]);
      assert.equal((sheet.rows[0]![2] as Date).getTime(), d(2021, 3, 4).getTime());
      assert.equal(sheet.rows[0]![3], 2, "a formula reads as its result");
      assert.ok(sheet.formulaCells.has(formulaKey(0, 3)));
      assert.deepEqual(sheet.merges, [{ top: 2, left: 0, bottom: 2, right: 2 }]);
    });

    it("writes cells addressed as read; text stays text; adds the id column header", async () => {
      const { port } = await open({
        sheets: [
          {
            name: SHEET,
            rows: [
              ["a", "b"],
              ["x", "y"],
            ],
          },
        ],
      });
      await port.write(
        edit({
          idColumns: [{ sheet: SHEET, col: 4, headerRow: 0 }],
          cells: [
            { sheet: SHEET, row: 1, col: 0, value: '=HYPERLINK("http://x")' },
            { sheet: SHEET, row: 1, col: 1, value: 3.5 },
            { sheet: SHEET, row: 1, col: 2, value: d(2021, 12, 31) },
            { sheet: SHEET, row: 1, col: 4, value: "id-1" },
          ],
        }),
      );
      const sheet = (await port.read()).sheets.find((s) => s.name === SHEET)!;
      assert.equal(sheet.rows[0]![4], "cchc_id");
      assert.deepEqual(sheet.rows[1]!.slice(0, 2), ['=HYPERLINK("http://x")', 3.5]);
      assert.equal((sheet.rows[1]![2] as Date).getTime(), d(2021, 12, 31).getTime());
      assert.equal(sheet.rows[1]![4], "id-1");
      assert.equal(sheet.formulaCells.size, 0, "text beginning with = is not a formula");
    });

    it("applies row ops verbatim and in order; merges and formulas move with their rows", async () => {
      const rows = labels(10);
      rows[7]![2] = { formula: "1+1", result: 2 } as unknown as CellValue;
      rows[8]![2] = "gộp";
      const { port } = await open({
        sheets: [{ name: SHEET, rows: rows as SheetSpec["rows"], merges: ["C9:D9"] }],
      });
      const ops = planRowOps(
        [2, 3, 5].map((row) => ({ sheet: SHEET, row })),
        [
          { sheet: SHEET, after: 3, values: ["n1"] },
          { sheet: SHEET, after: 3, values: ["n2"] },
          { sheet: SHEET, after: 9, values: ["n3", 9.5] },
        ],
      );
      await port.write(edit({ rowOps: ops }));
      const sheet = (await port.read()).sheets.find((s) => s.name === SHEET)!;
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

    it("applies any planned deletes and inserts as the in-memory meaning of the ops", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.nat({ max: 7 }), { maxLength: 5 }),
          fc.array(fc.integer({ min: -1, max: 7 }), { maxLength: 4 }),
          async (deletes, anchors) => {
            const { port } = await open({ sheets: [{ name: SHEET, rows: labels(8) as SheetSpec["rows"] }] });
            const ops = planRowOps(
              deletes.map((row) => ({ sheet: SHEET, row })),
              anchors.map((after, i) => ({ sheet: SHEET, after, values: [`n${i}`] })),
            );
            await port.write(edit({ rowOps: ops }));
            const sheet = (await port.read()).sheets.find((s) => s.name === SHEET)!;
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

    it("keeps the state cells in column A of a very hidden sheet, clearing what is below", async () => {
      const under = await open({ sheets: [{ name: SHEET, rows: [["a"]] }] });
      await under.port.write(edit({ stateCells: ["h", "x".repeat(30_000), "b", "c"] }));
      assert.deepEqual((await under.port.read()).stateCells, ["h", "x".repeat(30_000), "b", "c"]);
      await under.port.write(edit({ stateCells: ["h2", "y"] }));
      const snap = await under.port.read();
      assert.deepEqual(snap.stateCells, ["h2", "y"]);
      assert.equal(await under.visibility(STATE_SHEET), STATE_SHEET_VISIBILITY);
      assert.ok(!snap.sheets.some((s) => s.name === STATE_SHEET), "the state sheet is not data");
    });

    it("writes the conflicts sheet, and removes it when there is none", async () => {
      const { port } = await open({ sheets: [{ name: SHEET, rows: [["a"]] }] });
      await port.write(
        edit({
          conflicts: [
            ["Trang", "Dòng"],
            [SHEET, "2"],
          ],
        }),
      );
      const conflicts = (await port.read()).sheets.find((s) => s.name === CONFLICT_SHEET)!;
      assert.deepEqual(conflicts.rows.slice(0, 2), [
        ["Trang", "Dòng"],
        [SHEET, "2"],
      ]);
      await port.write(edit({ conflicts: [] }));
      assert.ok(!(await port.read()).sheets.some((s) => s.name === CONFLICT_SHEET));
    });

    it("marks its notes, replaces them on the next write, and keeps a person's notes", async () => {
      const under = await open({
        sheets: [
          {
            name: SHEET,
            rows: [
              ["a", "b"],
              ["c", "d"],
            ],
          },
        ],
        notes: [{ sheet: SHEET, row: 0, col: 0, text: "của người dùng" }],
      });
      await under.port.write(edit({ notes: [{ sheet: SHEET, row: 1, col: 1, text: "lỗi" }] }));
      let notes = await under.notes(SHEET);
      assert.equal(notes.get("1,1"), `${NOTE_MARK}lỗi`);
      await under.port.write(edit({ notes: [] }));
      notes = await under.notes(SHEET);
      assert.equal(notes.get("1,1"), undefined);
      assert.equal(notes.get("0,0"), "của người dùng");
    });
  });
}
