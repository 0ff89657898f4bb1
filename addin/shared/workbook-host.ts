/// <reference types="office-js" />
import type { WorkbookPort } from "../../core/sync/workbook-port";

/** What the pane and the ribbon command need from the workbook they run in. */
export interface WorkbookHost {
  /** A fresh port for one sync. */
  port(): WorkbookPort;
  /** Activates the sheet and selects one cell (0-based row and column). */
  selectCell(sheet: string, row: number, col: number): Promise<void>;
  /** The active cell (0-based row and column) and its sheet: "Lịch sử dòng này" reads its row (optional: a host without it hides the button). */
  activeCell?(): Promise<{ sheet: string; row: number; col: number }>;
}

/** Thrown when this build has no way to read the workbook. */
export class NoWorkbookAdapter extends Error {}

/**
 * The workbook port comes from the Excel adapter (`addin/excel`, `new ExcelPort(Excel.run)`),
 * wired here when that adapter is merged. Until then the page takes a port that its environment
 * provides as `globalThis.cchcWorkbookPort` (the browser test's office.js stub does).
 */
function providedPort(): WorkbookPort {
  const provide = (globalThis as { cchcWorkbookPort?: () => WorkbookPort }).cchcWorkbookPort;
  if (!provide) throw new NoWorkbookAdapter("No Excel workbook adapter in this build");
  return provide();
}

export function excelHost(): WorkbookHost {
  return {
    port: providedPort,
    async selectCell(sheetName, row, col) {
      await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.activate();
        sheet.getCell(row, col).select();
        await context.sync();
      });
    },
    async activeCell() {
      return Excel.run(async (context) => {
        const cell = context.workbook.getActiveCell(); // ExcelApi 1.7
        const sheet = context.workbook.worksheets.getActiveWorksheet(); // the active cell's sheet
        cell.load(["rowIndex", "columnIndex"]);
        sheet.load("name");
        await context.sync();
        return { sheet: sheet.name, row: cell.rowIndex, col: cell.columnIndex };
      });
    },
  };
}
