import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { compactValidations } from "../../cli/xlsx/validations";
import { syncAsCoordinator } from "../helpers/sync";
import { serverWithCoordinator } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import { REGISTER_SHEET, registerWorkbook } from "../helpers/register";

const day = (d: number) => new Date(Date.UTC(2021, 0, d));
const LIST = `"Anh An,Chị Bình,Anh Chi"`;

/** The sqref of each `<dataValidation>` of the register sheet, by its list. */
async function validationRanges(file: string): Promise<Map<string, string[]>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const id = new RegExp(`<sheet\\b[^>]*name="${REGISTER_SHEET}"[^>]*r:id="([^"]*)"`).exec(workbook)![1];
  const target =
    new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship\\b[^>]*Target="([^"]*)"[^>]*Id="${id}"`).exec(rels)![1]!;
  const xml = await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string");
  const out = new Map<string, string[]>();
  for (const m of xml.matchAll(
    /<dataValidation\b[^>]*sqref="([^"]*)"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g,
  )) {
    const list = m[2]!.replace(/&quot;/g, '"');
    out.set(list, [...(out.get(list) ?? []), ...m[1]!.split(/\s+/)]);
  }
  return out;
}

/**
 * Found by hand (/work/notes/t4-findings.md, E5): a drop-down list over G8:G35 came back from a sync
 * as two overlapping validations, G10:G35 and G8:G35 (exceljs sorts cells as text), and LibreOffice
 * applies only the first: rows 8 and 9 lost their drop-down list.
 */
describe("a drop-down list (data validation) over a column of the register", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const tmp = tempDir("validation-lists");
  after(() => tmp.remove());

  it("covers the same cells after a sync, as one range, not two overlapping ones", async () => {
    const file = tmp.file("register.xlsx");
    const { wb, ws } = registerWorkbook(["Người xử lý"]);
    for (let i = 0; i < 12; i++)
      ws.addRow([i + 1, `DV-${i}`, "Cấp giấy phép", "Việc làm", "VP", day(4 + i), day(11 + i), "Anh An"]);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheet = "xl/worksheets/sheet1.xml";
    const xml = await zip.file(sheet)!.async("string");
    zip.file(
      sheet,
      xml.replace(
        "<pageMargins",
        `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="H3:H40"><formula1>${LIST.replace(/"/g, "&quot;")}</formula1></dataValidation></dataValidations><pageMargins`,
      ),
    );
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    assert.deepEqual(await validationRanges(file), new Map([[LIST, ["H3:H40"]]]));

    const r = await syncAsCoordinator(suite, file);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(await validationRanges(file), new Map([[LIST, ["H3:H40"]]]));
  });

  it("compacts any set of cells into runs of rows that neither overlap nor leave a cell out", () => {
    const v = { type: "list", formulae: ['"a,b"'] } as ExcelJS.DataValidation;
    const w = { type: "whole", formulae: [1] } as ExcelJS.DataValidation;
    const model: Record<string, ExcelJS.DataValidation> = {};
    for (const r of [2, 3, 8, 9, 10, 11, 99, 100, 101]) model[`G${r}`] = v;
    for (const r of [9, 10]) model[`AA${r}`] = w;
    model["B5"] = v;
    assert.deepEqual(compactValidations(model), {
      B5: v,
      "G2:G3": v,
      "G8:G11": v,
      "G99:G101": v,
      "AA9:AA10": w,
    });
  });
});
