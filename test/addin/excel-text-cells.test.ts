import assert from "node:assert/strict";
import fc from "fast-check";
import { ExcelPort } from "../../addin/excel";
import { edit } from "../contract/workbook-port.contract";
import { FakeExcel } from "./fake-excel/fake-excel";
import { FakeWorkbook } from "./fake-excel/model";

const SHEET = "Kế hoạch";

/** A sheet of three General rows, read by the port (so that its write checks what it read). */
async function setup(): Promise<{ excel: FakeExcel; port: ExcelPort }> {
  const excel = new FakeExcel(
    FakeWorkbook.from([
      {
        name: SHEET,
        rows: [
          ["Nội dung", "Ghi chú"],
          ["a", ""],
          ["b", ""],
        ],
      },
    ]),
  );
  const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
  await port.read();
  return { excel, port };
}

/** Text a colleague typed (as text) that General cells would turn into a number, a date or a formula. */
const LOOKS_LIKE_A_VALUE = [
  "1e5",
  "2E-3",
  ".5e3",
  "=SUM(A1:A2)",
  "+84 912",
  "-",
  "@x",
  "12",
  "(1)",
  "TRUE",
  "03/04/2021",
  // What an en-US Excel also reads as a value (the fake learnt them in T7's audit).
  "10:30",
  "10:30 PM",
  "2021-03-04",
  "5-Mar",
  "Mar 5, 2021",
  "12/2",
  "1,000",
  "$12.50",
  "1 1/2",
  "001",
  "1234567890123456789",
];

describe("text pulled from a colleague stays text in Excel (never a number, date or formula)", () => {
  it("a note “1e5” pulled into a cell stays “1e5”, not the number 100000", async () => {
    const { excel, port } = await setup();
    await port.write(
      edit({
        cells: LOOKS_LIKE_A_VALUE.slice(0, 2).map((value, i) => ({
          sheet: SHEET,
          row: i + 1,
          col: 1,
          value,
        })),
      }),
    );
    const sheet = excel.workbook.get(SHEET);
    assert.equal(sheet.value(1, 1), "1e5");
    assert.equal(sheet.value(2, 1), "2E-3");
  });

  it("every such text, written into a cell or as a pulled new row, reads back as typed", async () => {
    for (const value of LOOKS_LIKE_A_VALUE) {
      const { excel, port } = await setup();
      await port.write(
        edit({
          cells: [{ sheet: SHEET, row: 1, col: 1, value }],
          rowOps: [{ op: "insert", sheet: SHEET, row: 3, values: [["mới", value]] }],
        }),
      );
      const sheet = excel.workbook.get(SHEET);
      assert.equal(sheet.value(1, 1), value, `written: ${value}`);
      assert.equal(sheet.value(3, 1), value, `inserted: ${value}`);
      assert.equal(sheet.at(1, 1).f, undefined, `no formula: ${value}`);
    }
  });

  it("any text written by a sync reads back as that text (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^[\s=+\-@.eE\d%/()]{1,8}$/),
          fc.stringMatching(/^\s?\d{1,3}[eE][+-]?\d{1,2}\s?$/),
          // times, dates with month names or ISO order, thousands, currency, fractions, long codes
          fc.stringMatching(/^\d{1,2}:\d{2}( ?[AaPp][Mm])?$/),
          fc.stringMatching(/^(\d{1,2}[- ](Jan|mar|SEP|dec)|(Jan|Mar|Sep|Dec) \d{1,2})(, ?\d{2,4})?$/),
          fc.stringMatching(/^\d{4}-\d{1,2}-\d{1,2}$/),
          fc.stringMatching(/^[-+]?\$?\d{1,3}(,\d{3}){0,2}(\.\d{1,2})?$/),
          fc.stringMatching(/^\d{1,2} \d\/\d$/),
          fc.stringMatching(/^0?\d{15,20}$/),
        ),
        async (value) => {
          fc.pre(value.trim() !== "");
          const { excel, port } = await setup();
          await port.write(edit({ cells: [{ sheet: SHEET, row: 1, col: 1, value }] }));
          assert.equal(excel.workbook.get(SHEET).value(1, 1), value);
        },
      ),
      { numRuns: 300 },
    );
  });
});
