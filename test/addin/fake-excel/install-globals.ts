/**
 * Puts the fake in place of office.js: globals `Excel` (run, and the enums the adapter may name)
 * and `Office` (onReady, context.requirements.isSetSupported, displayLanguage, partitionKey), so
 * that code written for the real host (`Excel.run`, `Office.context…`) runs on the fake — in Node
 * tests, and bundled for the browser test of the task pane. Returns a function that removes them.
 */
import { FakeExcel } from "./fake-excel";

export interface FakeOfficeOptions {
  displayLanguage?: string | undefined;
  partitionKey?: string | undefined;
}

export function installFakeOffice(excel: FakeExcel, options: FakeOfficeOptions = {}): () => void {
  const g = globalThis as Record<string, unknown>;
  const before = { Excel: g.Excel, Office: g.Office };
  const info = { host: "Excel", platform: "OfficeOnline" };
  g.Excel = {
    run: excel.run,
    InsertShiftDirection: { down: "Down", right: "Right" },
    DeleteShiftDirection: { up: "Up", left: "Left" },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    SpecialCellType: { formulas: "Formulas", constants: "Constants" },
  };
  g.Office = {
    HostType: { Excel: "Excel" },
    onReady: (callback?: (i: typeof info) => void) => {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage: options.displayLanguage ?? "vi-VN",
      partitionKey: options.partitionKey,
      requirements: { isSetSupported: excel.isSetSupported },
    },
  };
  return () => {
    g.Excel = before.Excel;
    g.Office = before.Office;
  };
}

export { FakeExcel };
