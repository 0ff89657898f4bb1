import { copyFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { main } from "../../cli/main";
import { buildDemoWorkbook } from "../../cli/xlsx/tracking-workbook";
import { SyncEngine } from "../../core/sync/engine";
import type { WorkbookPort } from "../../core/sync/workbook-port";
import { HttpTransport } from "../../core/sync/transport";

export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n") });
  return { code, out, err };
}

/** `cchc sync` of a file as a suite's coordinator, as of the seed's quarter (31/03/2021). */
export function syncAsCoordinator(
  suite: { server: { url: string }; token: string },
  file: string,
  ...extra: string[]
): Promise<{ code: number; out: string; err: string }> {
  return cli([
    "sync",
    file,
    "--server",
    suite.server.url,
    "--token",
    suite.token,
    "--as-of",
    "2021-03-31",
    ...extra,
  ]);
}

export async function writeDemo(file: string): Promise<void> {
  await buildDemoWorkbook().xlsx.writeFile(file);
}

export async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export function copy(from: string, to: string): string {
  copyFileSync(from, to);
  return to;
}

/** The row (1-based) of a sheet whose column holds `text`, from row `from` down; -1 when none. */
export function findRow(ws: ExcelJS.Worksheet, col: number, text: string, from = 1): number {
  for (let r = from; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  return -1;
}

/** A summary table's rows with those of its parts continued on the next printed pages (id "<id>-2", …). */
export function tableWithContinuations<T extends { id: string; rows: unknown[]; note?: string }>(
  tables: T[],
  id: string,
): T {
  const parts = tables.filter((t) => t.id === id || new RegExp(`^${id}-\\d+$`).test(t.id));
  return {
    ...parts.at(-1)!,
    ...parts[0]!,
    note: parts.at(-1)!.note,
    rows: parts.flatMap((t) => t.rows),
  } as T;
}

/** A SyncEngine run of a port as a suite's coordinator, as of the seed's quarter (31/03/2021). */
export function engineAsCoordinator(suite: { server: { url: string }; token: string }) {
  return (port: WorkbookPort) =>
    new SyncEngine(port, new HttpTransport(suite.server.url, suite.token), { asOf: "2021-03-31" }).run();
}
