/// <reference types="office-js" />
import { ExcelPort, GUARDED, officeRun, officeSupport, selectCell } from "../excel";
import type { WorkbookPort } from "../../core/sync/workbook-port";

/** What the pane and the ribbon command need from the workbook they run in. */
export interface WorkbookHost {
  /** A fresh port for one sync. */
  port(): WorkbookPort;
  /** Activates the sheet and selects one cell (0-based row and column). */
  selectCell(sheet: string, row: number, col: number): Promise<void>;
  /**
   * False where Excel cannot tell merged areas (ExcelApi 1.13 missing): merged header cells are then
   * read by their top-left cell only, and the pane's mapping view says so.
   */
  readsMerges?(): boolean;
}

/**
 * The workbook Excel has open, through the Excel adapter: batches run by `Excel.run`, members above
 * the manifest's minimum used only where `Office.context.requirements.isSetSupported` says so.
 */
export function excelHost(): WorkbookHost {
  return {
    port: () => new ExcelPort({ run: officeRun, isSetSupported: officeSupport }),
    selectCell: (sheet, row, col) => selectCell(officeRun, sheet, row, col),
    readsMerges: () => officeSupport("ExcelApi", GUARDED.mergedAreas),
  };
}
