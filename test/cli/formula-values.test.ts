import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import JSZip from "jszip";
import { UNCOMPUTED_FORMULA } from "../../core/parse/cell";
import { emptyFormulaResultRefs } from "../../cli/xlsx/formula-values";
import { OpcPackage } from "../../cli/xlsx/opc-package";
import { workbookToGrids } from "../../cli/xlsx/read-xlsx";
import { loadWorkbook } from "../../cli/xlsx/workbook-file";
import { checkPackageLimits } from "../../cli/xlsx/package-limits";
import { badSharedStringCell } from "../../cli/xlsx/shared-strings";
import { worksheetParts } from "../../cli/xlsx/workbook-parts";
import { tempDir } from "../helpers/tmp";
import { xlsxBuffer } from "../helpers/workbooks";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const SHEET_XML = "xl/worksheets/sheet1.xml";

/** A one-sheet workbook ("Kế hoạch") whose sheet XML is `cells` in row 1. */
async function withRow(cells: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await xlsxBuffer([{ name: "Kế hoạch", rows: [["x"]] }]));
  zip.file(
    SHEET_XML,
    `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("formula cells as the file holds them (cli/xlsx)", () => {
  const tmp = tempDir("formula-values");
  after(() => tmp.remove());

  it('reads a cached 0, FALSE and "" as such, and a formula the file holds no value for as not computed', async () => {
    const file = tmp.file("f.xlsx");
    writeFileSync(
      file,
      await withRow(
        `<c r="A1"><f>B1-B1</f><v>0</v></c>` +
          `<c r="B1" t="b"><f>1=2</f><v>0</v></c>` +
          `<c r="C1" t="str"><f>IF(1,"","")</f><v></v></c>` +
          `<c r="D1"><f>A1+1</f></c>` +
          `<c r="E1"><f t="shared" ref="E1:F1" si="0">A1</f></c><c r="F1"><f t="shared" si="0"/></c>` +
          `<c r="G1"><f>A1+7</f><v>7</v></c>`,
      ),
    );
    const row = workbookToGrids(await loadWorkbook(file))[0]!.rows[0]!;
    const none = { error: UNCOMPUTED_FORMULA };
    // Before: exceljs's cell.value dropped a falsy result, so 0 and FALSE read as blank (null).
    assert.deepEqual(row, [0, false, "", none, none, none, 7]);
  });

  it("finds exactly the formula cells with an empty cached value (property)", () => {
    type Kind = "value" | "empty" | "none" | "plain-empty" | "plain";
    const xmlOf: Record<Kind, (ref: string) => string> = {
      value: (r) => `<c r="${r}"><f>1+1</f><v>2</v></c>`,
      empty: (r) => `<c r="${r}" t="str"><f>""</f><v></v></c>`,
      none: (r) => `<c r="${r}"><f>1+1</f></c>`,
      "plain-empty": (r) => `<c r="${r}" t="str"><v></v></c>`,
      plain: (r) => `<c r="${r}" s="1"><v>3</v></c>`,
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Kind>("value", "empty", "none", "plain-empty", "plain"), { maxLength: 30 }),
        fc.boolean(),
        (kinds, selfClosing) => {
          const refs = kinds.map((_, i) => `A${i + 1}`);
          const xml =
            `<worksheet ${NS}><sheetData>` +
            kinds
              .map((k, i) => {
                const cell = xmlOf[k](refs[i]!);
                return `<row r="${i + 1}">${selfClosing ? cell.replace("<v></v>", "<v/>") : cell}</row>`;
              })
              .join("") +
            `</sheetData></worksheet>`;
          assert.deepEqual(
            emptyFormulaResultRefs(xml),
            refs.filter((_, i) => kinds[i] === "empty"),
          );
        },
      ),
    );
  });

  it("names the sheet and cell of a shared-string index that is not one of the table's strings (property)", async () => {
    const base = await JSZip.loadAsync(await xlsxBuffer([{ name: "Kế hoạch", rows: [["a", "b", "c"]] }]));
    const count = ((await base.file("xl/sharedStrings.xml")!.async("string")).match(/<si>/g) ?? []).length;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(count - 1), { minLength: 1, maxLength: 5 }),
        fc.option(
          fc.record({
            at: fc.nat(4),
            index: fc.oneof(
              fc.integer({ min: count, max: 1e6 }).map(String),
              fc.constantFrom("-1", "1.5", "abc", "1e2", ""),
            ),
          }),
        ),
        async (good, bad) => {
          const cells = good.map((i, c) => `<c r="${"ABCDE"[c]}2" t="s"><v>${i}</v></c>`);
          const at = bad ? Math.min(bad.at, cells.length) : -1;
          if (bad) cells.splice(at, 0, `<c r="Z${at + 3}" t="s"><v>${bad.index}</v></c>`);
          base.file(
            SHEET_XML,
            `<worksheet ${NS}><sheetData><row r="2">${cells.join("")}</row></sheetData></worksheet>`,
          );
          const bytes = await base.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
          const pkg = await OpcPackage.open(bytes);
          const scan = checkPackageLimits(bytes);
          const found = await badSharedStringCell(
            pkg,
            await worksheetParts(pkg),
            scan.sharedStringUse,
            scan.sharedStringCounts,
          );
          if (!bad) assert.equal(found, undefined);
          else {
            assert.match(found!.en, new RegExp(`^sheet "Kế hoạch", cell Z${at + 3}: shared string index`));
            assert.match(found!.vi, new RegExp(`^trang "Kế hoạch", ô Z${at + 3}:`));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
