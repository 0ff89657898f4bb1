import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { emptyEdit } from "../../core/sync/workbook-port";
import { legacyStateCells } from "../../addin/excel/legacy-edit";
import type { ExcelEdit } from "../../addin/excel/port-types";
import { exceljsFromFake, fakeFromExceljs } from "../addin/fake-excel/exceljs-bridge";
import { FakeWorkbook } from "../addin/fake-excel/model";
import { open } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { type ContractSnapshot, workbookPortContract } from "./workbook-port.contract";

/**
 * The file adapter behind the same contract. Before H1's port change (contracts.md) XlsxPort takes
 * today's edit (deleteRows/insertRows addressed as read, one state text): the harness converts what
 * it can and the scenarios that need the new edit are pending. After it, the edit goes as it is.
 */
const NEW_EDIT = "rowOps" in (emptyEdit as (s: never) => object)([] as never);

/** XlsxPort seen structurally, so this harness compiles before and after the port change. */
interface AnyPort {
  read(): Promise<{ sheets: ContractSnapshot["sheets"]; state?: string; stateCells?: string[] }>;
  write(edit: unknown): Promise<void>;
}

const FORMULA_GAP =
  "XlsxPort writes any cell it is given (only the engine filters formula cells): cli/xlsx/xlsx-port.ts should skip formula cells itself";

const tmp = tempDir("xlsx-contract");
after(() => tmp.remove());
let n = 0;

function legacy(edit: ExcelEdit): unknown {
  if (edit.rowOps.length) throw new Error("XlsxPort does not take rowOps before H1's merge");
  const { rowOps: _r, stateCells, ...rest } = edit;
  return { ...rest, deleteRows: [], insertRows: [], state: stateCells.join("") };
}

workbookPortContract({
  name: "the file adapter (cli/xlsx) on .xlsx files",
  create: async (seeds) => {
    const file = tmp.file(`w${n++}.xlsx`);
    await exceljsFromFake(FakeWorkbook.from(seeds)).xlsx.writeFile(file);
    const port = new XlsxPort(file) as unknown as AnyPort;
    return {
      read: async () => {
        const snap = await port.read();
        if (snap.stateCells || NEW_EDIT)
          return snap.stateCells
            ? { sheets: snap.sheets, stateCells: snap.stateCells }
            : { sheets: snap.sheets };
        return snap.state === undefined
          ? { sheets: snap.sheets }
          : { sheets: snap.sheets, stateCells: legacyStateCells(snap.state) };
      },
      write: (edit) => port.write(NEW_EDIT ? edit : legacy(edit)),
      inspect: async () => fakeFromExceljs(await open(file)),
    };
  },
  pending: NEW_EDIT
    ? { "never overwrites a formula cell": FORMULA_GAP }
    : {
        "never overwrites a formula cell": FORMULA_GAP,
        "sets the engine's notes and clears its old ones, leaving the user's own":
          "XlsxPort clears an old note by setting it undefined, which exceljs saves as an empty comment (<text/>): the cell keeps an empty note box",
        "applies row ops in the plan's order, blocks at once, merges and notes moving with their rows":
          "XlsxPort applies deleteRows/insertRows until H1's RowOp plan is merged (contracts.md 1)",
        "state cells round trip (more than 32,767 characters in all), very hidden; fewer cells clear the rest":
          "XlsxPort stores one state text until H1's stateCells are merged (contracts.md 2)",
      },
});
