/// <reference types="office-js" />
import {
  drawTemplate,
  ExcelPort,
  GUARDED,
  officeRun,
  officeSupport,
  selectCell,
  type TemplateReport,
} from "../excel";
import type { WorkbookPort } from "../../core/sync";
import type { TemplateWorkbook } from "../../core/template";

/** What the pane and the ribbon command need from the workbook they run in. */
export interface WorkbookHost {
  /** A fresh port for one sync. */
  port(): WorkbookPort;
  /** Activates the sheet and selects one cell (0-based row and column). */
  selectCell(sheet: string, row: number, col: number): Promise<void>;
  /** The active cell (0-based row and column) and its sheet: "Lịch sử dòng này" reads its row (optional: a host without it hides the button). */
  activeCell?(): Promise<{ sheet: string; row: number; col: number }>;
  /**
   * False where Excel cannot tell merged areas (ExcelApi 1.13 missing): merged header cells are then
   * read by their top-left cell only, and the pane's mapping view says so.
   */
  readsMerges?(): boolean;
  /** "Tạo sổ mẫu": adds the template's sheets to the open workbook (optional: a host without it hides the button). */
  createTemplate?(model: TemplateWorkbook): Promise<TemplateReport>;
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
    createTemplate: (model) => drawTemplate(officeRun, model),
    async activeCell() {
      return officeRun(async (context) => {
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
