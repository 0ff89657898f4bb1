import { promises as fs } from "node:fs";
import { writeWorkbookFile } from "./workbook-file"; // keeps or refuses the parts exceljs drops
import path from "node:path";
import ExcelJS from "exceljs";
import type { CellRange } from "../../core/layout/grid";
import { RECORD_ID_HEADER } from "../../core/layout/header-vocabulary";
import type { CellValue } from "../../core/parse/cell";
import type { PortSheet, WorkbookEdit, WorkbookPort, WorkbookSnapshot } from "../../core/sync/workbook-port";
import { writeSummarySheet } from "./summary-sheet";
import { sheetToGrid } from "./read-xlsx";
import { checkWorkbookFile, loadWorkbook, WorkbookFileError } from "./workbook-file";

export const STATE_SHEET = "_cchc_state";
export const CONFLICT_SHEET = "Xung đột";
const NOTE_MARK = "CCHC: ";
const STATE_CHUNK = 30_000;

function isFormula(v: ExcelJS.CellValue): boolean {
  return (
    typeof v === "object" && v !== null && !(v instanceof Date) && ("formula" in v || "sharedFormula" in v)
  );
}

/** A workbook open in Excel leaves a lock file "~$name.xlsx" beside it. */
async function assertNotOpenElsewhere(file: string): Promise<void> {
  const lock = path.join(path.dirname(file), `~$${path.basename(file)}`);
  const exists = await fs.access(lock).then(
    () => true,
    () => false,
  );
  if (exists)
    throw new WorkbookFileError({
      vi: `"${path.basename(file)}" đang mở trong Excel (có tệp khóa ${path.basename(lock)}); hãy đóng tệp rồi đồng bộ lại. Sổ tính không bị thay đổi.`,
      en: `"${path.basename(file)}" is open in Excel (lock file ${path.basename(lock)}); close it and sync again. The workbook was not changed.`,
    });
}

/** Shifts row indices (0-based) the way the structural edits move them, applied bottom-up. */
type RowOp = { kind: "delete"; row: number } | { kind: "insert"; after: number; values?: CellValue[] };
function shiftRow(row: number, ops: RowOp[]): number | undefined {
  let r = row;
  for (const op of ops) {
    if (op.kind === "delete") {
      if (r === op.row) return undefined;
      if (r > op.row) r--;
    } else if (r > op.after) r++;
  }
  return r;
}

/**
 * The .xlsx file adapter of the engine's workbook port (exceljs). Reads values, merges and formula
 * cells; writes one sync's edits into a fresh copy of the file, keeps the previous version as
 * `<file>.bak`, and renames the new file into place, so the workbook is either as before or fully
 * updated. exceljs drops merges on row insertion and deletion, so merges and data validations are
 * moved here.
 */
export class XlsxPort implements WorkbookPort {
  /** The workbook as last read or written, reused by write() while the file is unchanged on disk. */
  private loaded?: { wb: ExcelJS.Workbook; mtimeMs: number; size: number };

  constructor(readonly file: string) {}

  private async stamp(): Promise<{ mtimeMs: number; size: number }> {
    const { mtimeMs, size } = await fs.stat(this.file);
    return { mtimeMs, size };
  }

  /** The file's workbook: the one already in memory if nobody changed the file since, else loaded again. */
  private async workbook(): Promise<ExcelJS.Workbook> {
    const now = await this.stamp();
    if (this.loaded && this.loaded.mtimeMs === now.mtimeMs && this.loaded.size === now.size)
      return this.loaded.wb;
    const wb = await loadWorkbook(this.file, "sync");
    this.loaded = { wb, ...now };
    return wb;
  }

  async read(): Promise<WorkbookSnapshot> {
    await checkWorkbookFile(this.file, "write");
    await assertNotOpenElsewhere(this.file);
    this.loaded = undefined;
    const wb = await this.workbook();
    const sheets: PortSheet[] = [];
    let state: string | undefined;
    for (const ws of wb.worksheets) {
      if (ws.name === STATE_SHEET) {
        state = readState(ws);
        continue;
      }
      const grid = sheetToGrid(ws);
      const formulaCells = new Set<number>();
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) =>
          isFormula(cell.value) ? formulaCells.add((r - 1) * 16384 + (c - 1)) : undefined,
        ),
      );
      sheets.push({ ...grid, formulaCells });
    }
    return state === undefined ? { sheets } : { sheets, state };
  }

  async write(edit: WorkbookEdit): Promise<void> {
    await checkWorkbookFile(this.file, "write");
    await assertNotOpenElsewhere(this.file);
    const wb = await this.workbook();
    for (const id of edit.idColumns) {
      const ws = wb.getWorksheet(id.sheet)!;
      ws.getCell(id.headerRow + 1, id.col + 1).value = RECORD_ID_HEADER;
      ws.getColumn(id.col + 1).hidden = true;
    }
    clearOwnNotes(wb);
    for (const w of edit.cells) setCell(wb.getWorksheet(w.sheet)!.getCell(w.row + 1, w.col + 1), w.value);
    for (const n of edit.notes) {
      const cell = wb.getWorksheet(n.sheet)?.getCell(n.row + 1, n.col + 1);
      if (cell) cell.note = NOTE_MARK + n.text;
    }
    for (const sheetName of new Set([
      ...edit.deleteRows.map((d) => d.sheet),
      ...edit.insertRows.map((i) => i.sheet),
    ]))
      applyRowOps(wb.getWorksheet(sheetName)!, edit, sheetName);
    writeConflicts(wb, edit.conflicts);
    if (edit.summary) writeSummarySheet(wb, edit.summary);
    writeState(wb, edit.state);
    await this.saveAtomically(wb);
  }

  private async saveAtomically(wb: ExcelJS.Workbook): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeWorkbookFile(wb, tmp, this.file);
    await fs.copyFile(this.file, `${this.file}.bak`);
    await fs.rename(tmp, this.file);
    this.loaded = { wb, ...(await this.stamp()) };
  }
}

function readState(ws: ExcelJS.Worksheet): string | undefined {
  let text = "";
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v === "string") text += v;
  }
  return text || undefined;
}

function writeState(wb: ExcelJS.Workbook, state: string): void {
  const old = wb.getWorksheet(STATE_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  for (let i = 0; i * STATE_CHUNK < state.length; i++)
    ws.getCell(i + 1, 1).value = state.slice(i * STATE_CHUNK, (i + 1) * STATE_CHUNK);
}

/** Text is written as text (never a formula: exceljs stores strings as strings); dates keep the cell's format or get dd/mm/yyyy. */
function setCell(cell: ExcelJS.Cell, value: CellValue): void {
  if (value instanceof Date) {
    cell.value = value;
    if (!cell.numFmt || cell.numFmt === "General") cell.numFmt = "dd/mm/yyyy";
  } else if (typeof value === "object" && value !== null) cell.value = null;
  else cell.value = value;
}

function clearOwnNotes(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const note = cell.note;
        const text = typeof note === "string" ? note : (note?.texts?.map((t) => t.text).join("") ?? "");
        if (text.startsWith(NOTE_MARK)) cell.note = undefined as unknown as string;
      }),
    );
}

function writeConflicts(wb: ExcelJS.Workbook, rows: string[][]): void {
  const old = wb.getWorksheet(CONFLICT_SHEET);
  if (old) wb.removeWorksheet(old.id);
  if (rows.length === 0) return;
  const ws = wb.addWorksheet(CONFLICT_SHEET, { properties: { tabColor: { argb: "FFC00000" } } });
  rows.forEach((r, i) => {
    const row = ws.addRow(r);
    if (i === 0) row.font = { bold: true };
  });
  [18, 7, 10, 16, 30, 30, 18, 22, 38].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** Deletions and insertions bottom-up; merges and data validations moved with their rows. */
function applyRowOps(ws: ExcelJS.Worksheet, edit: WorkbookEdit, sheet: string): void {
  const ops: RowOp[] = [
    ...edit.deleteRows.filter((d) => d.sheet === sheet).map((d) => ({ kind: "delete" as const, row: d.row })),
    ...edit.insertRows
      .filter((i) => i.sheet === sheet)
      .map((i) => ({ kind: "insert" as const, after: i.after, values: i.values })),
  ].sort((a, b) => (b.kind === "delete" ? b.row : b.after) - (a.kind === "delete" ? a.row : a.after));
  const internal = ws as unknown as { _merges: Record<string, { model: CellRange & object }> };
  const merges = Object.values(internal._merges).map((m) => ({ ...m.model }));
  for (const m of merges) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  const validations = (ws as unknown as { dataValidations: unknown }).dataValidations as {
    model: Record<string, ExcelJS.DataValidation | undefined>;
  };
  const oldValidations = { ...validations.model };
  for (const op of ops) {
    if (op.kind === "delete") ws.spliceRows(op.row + 1, 1);
    else {
      ws.insertRow(op.after + 2, [], "i");
      op.values?.forEach((v, c) => v !== null && setCell(ws.getCell(op.after + 2, c + 1), v));
    }
  }
  for (const m of merges) {
    const top = shiftRow(m.top - 1, ops);
    const bottom = shiftRow(m.bottom - 1, ops);
    if (top !== undefined && bottom !== undefined && bottom - top === m.bottom - m.top)
      ws.mergeCells(top + 1, m.left, bottom + 1, m.right);
  }
  validations.model = {};
  for (const [address, v] of Object.entries(oldValidations)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m || !v) continue;
    const row = shiftRow(Number(m[2]) - 1, ops);
    if (row !== undefined) validations.model[`${m[1]}${row + 1}`] = v;
  }
}
