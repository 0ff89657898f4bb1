/** The Excel adapter's public surface, used by the task pane and the function commands. */
export { ExcelPort, type ExcelPortOptions, type ExcelWriteReport } from "./excel-port";
export { selectCell } from "./select-cell";
export { ExcelPortError } from "./errors";
export { officeRun, officeSupport, type ExcelRun, type SetSupport } from "./office";
export { GUARDED, MIN_EXCEL_API } from "./requirements";
export { drawTemplate, templateSheetsExist, type TemplateReport } from "./template-sheets";
