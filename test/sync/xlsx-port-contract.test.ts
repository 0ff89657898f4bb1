import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { tempDir } from "../helpers/tmp";
import { xlsxBuffer } from "../helpers/workbooks";
import { describePortContract } from "./port-contract";

const tmp = tempDir("port-contract");
let n = 0;
after(() => tmp.remove());

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const noteText = (note: unknown): string =>
  typeof note === "string"
    ? note
    : ((note as { texts?: { text: string }[] } | undefined)?.texts ?? []).map((t) => t.text).join("");

describePortContract("the .xlsx file adapter (exceljs)", async (workbook) => {
  const file = tmp.file(`wb-${n++}.xlsx`);
  writeFileSync(file, await xlsxBuffer(workbook.sheets));
  if (workbook.notes?.length) {
    const wb = await load(file);
    for (const note of workbook.notes)
      wb.getWorksheet(note.sheet)!.getCell(note.row + 1, note.col + 1).note = note.text;
    await wb.xlsx.writeFile(file);
  }
  return {
    port: new XlsxPort(file),
    notes: async (sheet) => {
      const notes = new Map<string, string>();
      (await load(file)).getWorksheet(sheet)!.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          const text = noteText(cell.note);
          if (text) notes.set(`${r - 1},${c - 1}`, text);
        }),
      );
      return notes;
    },
    visibility: async (sheet) => (await load(file)).getWorksheet(sheet)?.state,
  };
});
