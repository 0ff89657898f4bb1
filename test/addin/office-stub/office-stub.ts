/**
 * Served in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser
 * test: the fake Excel API of test/addin/fake-excel (the one the adapter's Node tests use) installed
 * as the `Excel` and `Office` globals, so that the built pane runs its real Excel adapter
 * (`new ExcelPort` over `Excel.run`) against it. Configured by `window.__cchcStub` before the page
 * loads: `{ workbook: SheetSeed[] | null, displayLanguage, partitionKey, excelApi }`; `workbook:
 * null` plays a plain browser (Office.onReady answers host null). The test reads the fake back as
 * `__fake` (a FakeExcel) and can hold Excel.run calls (`__hold()` / `__resume()`) to keep a sync in
 * its read phase.
 */
import { FakeExcel, installFakeOffice } from "../fake-excel/install-globals";
import { FakeWorkbook, type SheetSeed } from "../fake-excel/model";

interface StubConfig {
  workbook: SheetSeed[] | null;
  displayLanguage?: string;
  partitionKey?: string;
  /** The ExcelApi version this Excel supports (default: the fake's, 1.18). */
  excelApi?: string;
}

const g = globalThis as unknown as Record<string, unknown>;
const config = (g.__cchcStub as StubConfig | undefined) ?? { workbook: null };
const actions = new Map<string, unknown>();
g.__actions = actions; // the function commands the page associated, for the test to invoke

if (config.workbook) {
  const excel = new FakeExcel(FakeWorkbook.from(config.workbook));
  if (config.excelApi) excel.apiSets.set("ExcelApi", config.excelApi);
  installFakeOffice(excel, { displayLanguage: config.displayLanguage, partitionKey: config.partitionKey });
  g.__fake = excel;

  // Excel.run calls wait while the test holds them.
  let held: Promise<void> | undefined;
  let release: (() => void) | undefined;
  g.__hold = (): void => {
    held = new Promise((resolve) => (release = resolve));
  };
  g.__resume = () => {
    release?.();
    held = undefined;
  };
  const Excel = g.Excel as { run: (...args: unknown[]) => Promise<unknown> };
  const run = excel.run as (...args: unknown[]) => Promise<unknown>;
  Excel.run = async (...args) => {
    if (held) await held;
    return run(...args); // Excel.run(batch) or Excel.run(options, batch)
  };
} else {
  const info = { host: null, platform: null };
  g.Office = {
    HostType: { Excel: "Excel" },
    onReady: (callback?: (i: typeof info) => void) => {
      callback?.(info);
      return Promise.resolve(info);
    },
  };
}
(g.Office as Record<string, unknown>).actions = {
  associate: (id: string, fn: unknown) => actions.set(id, fn),
};
