/**
 * Served in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser
 * test: `Office` (onReady, context, actions) and `Excel.run` for the calls the pane makes itself
 * (selecting a cell), backed by an in-page fake workbook; the pane's workbook port is that fake
 * (see fake-workbook.ts). Configured by `window.__cchcStub` before the page loads:
 * `{ workbook: WorkbookJson | null, displayLanguage, partitionKey }`; `workbook: null` plays a plain
 * browser (Office.onReady answers host null).
 */
import { FakeWorkbook, type WorkbookJson } from "./fake-workbook";

interface StubConfig {
  workbook: WorkbookJson | null;
  displayLanguage?: string;
  partitionKey?: string;
}

const g = globalThis as unknown as Record<string, unknown>;
const config = (g.__cchcStub as StubConfig | undefined) ?? { workbook: null };
const fake = config.workbook ? new FakeWorkbook(config.workbook) : undefined;
g.__fake = fake;

const inExcel = fake !== undefined;
const info = { host: inExcel ? "Excel" : null, platform: inExcel ? "OfficeOnline" : null };
const actions = new Map<string, unknown>();
g.__actions = actions; // the function commands the page associated, for the test to invoke

g.Office = {
  HostType: { Excel: "Excel" },
  onReady(callback?: (i: typeof info) => void) {
    return new Promise((resolve) =>
      setTimeout(() => {
        callback?.(info);
        resolve(info);
      }, 0),
    );
  },
  context: inExcel
    ? {
        displayLanguage: config.displayLanguage ?? "vi-VN",
        partitionKey: config.partitionKey,
        requirements: {
          isSetSupported: (name: string, v = "1.1") => name === "ExcelApi" && Number(v) <= 1.9,
        },
      }
    : undefined,
  actions: { associate: (id: string, fn: unknown) => actions.set(id, fn) },
};

/** Excel.run: operations queue on proxies and take effect at context.sync(), as in Office.js. */
g.Excel = {
  async run<T>(batch: (context: unknown) => Promise<T>): Promise<T> {
    if (!fake) throw new Error("Excel is not available outside Excel");
    const queue: (() => void)[] = [];
    const context = {
      workbook: {
        // The active cell and sheet: the fake's selection (the first sheet's A1 before any).
        getActiveCell: () =>
          loaded(queue, () => {
            const at = active();
            return { rowIndex: at.row, columnIndex: at.col };
          }),
        worksheets: {
          getActiveWorksheet: () => loaded(queue, () => ({ name: active().sheet })),
          getItem: (name: string) => ({
            activate: () => queue.push(() => void (fake.sheets.find((s) => s.name === name) ?? fail(name))),
            getCell: (row: number, col: number) => ({
              select: () => queue.push(() => (fake.selection = { sheet: name, row, col })),
            }),
          }),
        },
      },
      sync: async () => {
        for (const op of queue.splice(0)) op();
      },
    };
    return batch(context);
  },
};

function active(): { sheet: string; row: number; col: number } {
  return fake!.selection ?? { sheet: fake!.sheets[0]!.name, row: 0, col: 0 };
}

/**
 * A proxy whose properties are read after `load` and `context.sync()`, as in Office.js: reading
 * one before throws PropertyNotLoaded.
 */
function loaded<T extends object>(queue: (() => void)[], values: () => T): T & { load: () => void } {
  let got: T | undefined;
  return new Proxy({} as T & { load: () => void }, {
    get(_, key) {
      if (key === "load") return () => queue.push(() => (got = values()));
      if (!got) throw new Error(`PropertyNotLoaded: ${String(key)}`);
      return got[key as keyof T];
    },
  });
}

function fail(name: string): never {
  throw new Error(`ItemNotFound: no sheet ${name}`);
}

if (fake) g.cchcWorkbookPort = () => fake;
