import { promises as fs, rmSync } from "node:fs";
import { writeWorkbookFile } from "./workbook-file"; // keeps or refuses the parts exceljs drops
import { droppedSummaryCharts } from "./foreign-parts";
import path from "node:path";
import ExcelJS from "exceljs";
import type { CellRange } from "../../core/layout";
import { RECORD_ID_HEADER } from "../../core/layout";
import { dateTextVi } from "../../core/dates";
import type { CellValue } from "../../core/parse";
import { applyRowOps, isMergedDown, mergedDownToSplit, type RowOp } from "../../core/sync";
import { decodeStateCells, STATE_SHEET, STATE_SHEET_VISIBILITY } from "../../core/sync";
import {
  CONFLICT_COLUMNS,
  CONFLICT_SHEET,
  CONFLICT_TAB_COLOR,
  engineNote,
  isEngineNote,
} from "../../core/sync";
import {
  formulaKey,
  type PortSheet,
  type WorkbookEdit,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "../../core/sync";
import { moveFormulaReferences } from "./formula-rows";
import { moveTables, widenTableOver } from "./table-parts";
import { moveDefinedNames } from "./defined-names";
import {
  moveAutoFilter,
  moveConditionalFormats,
  validateInsertedRows,
  widenAutoFilterOver,
} from "./row-ranges";
import { writeSummarySheet } from "./summary-sheet";
import { sheetToGrid, toCellValue } from "./read-xlsx";
import { checkWorkbookFile, loadWorkbook, WorkbookFileError } from "./workbook-file";
import { uninterrupted } from "../interrupt";

function isFormula(v: ExcelJS.CellValue): boolean {
  return (
    typeof v === "object" && v !== null && !(v instanceof Date) && ("formula" in v || "sharedFormula" in v)
  );
}

/** Columns in an Excel sheet (A…XFD). */
const MAX_COLUMNS = 16_384;

/** How the summary sheet's title begins (core/sync/summary-model.ts): our sheet, not the user's. */

/**
 * A workbook open in Excel leaves a lock file "~$name.xlsx" beside it, in LibreOffice or OpenOffice
 * ".~lock.name.xlsx#". Rewritten underneath, the open copy saved later would drop what the sync
 * wrote (ids, state) and the next sync would offer its new rows a second time.
 */
export async function assertNotOpenElsewhere(file: string): Promise<void> {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const locks = [
    { lock: `~$${name}`, app: "Excel" },
    { lock: `.~lock.${name}#`, app: "LibreOffice" },
  ];
  for (const { lock, app } of locks) {
    const exists = await fs.access(path.join(dir, lock)).then(
      () => true,
      () => false,
    );
    if (exists)
      throw new WorkbookFileError({
        vi: `"${name}" đang mở trong ${app} (có tệp khóa ${lock}); hãy đóng tệp rồi đồng bộ lại. Sổ tính không bị thay đổi.`,
        en: `"${name}" is open in ${app} (lock file ${lock}); close it and sync again. The workbook was not changed.`,
      });
  }
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
  private loaded: { wb: ExcelJS.Workbook; mtimeMs: number; size: number } | undefined;

  /** Charts found on the summary sheet and not kept (foreign-parts.ts: the add-in redraws them). */
  summaryChartsDropped = 0;

  /** What the port is doing, and how many new versions it has renamed into place: what a Ctrl-C reports. */
  activity: "idle" | "reading" | "writing" = "idle";
  written = 0;
  /** Whether the sync's last write (the one with the summary and the committed state) is in place. */
  completed = false;
  /** The temporary file being written, removed when the command is stopped. */
  private tmp: string | undefined;
  /** Sheets the user hid (not our very hidden state sheet): their rows are synced all the same. */
  hiddenSheets: string[] = [];

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
    this.summaryChartsDropped = droppedSummaryCharts.get(wb) ?? this.summaryChartsDropped;
    this.hiddenSheets = wb.worksheets.filter((ws) => ws.state === "hidden").map((ws) => ws.name);
    this.loaded = { wb, ...now };
    return wb;
  }

  async read(): Promise<WorkbookSnapshot> {
    this.activity = "reading";
    try {
      return await this.readNow();
    } finally {
      this.activity = "idle";
    }
  }

  async write(edit: WorkbookEdit): Promise<void> {
    this.activity = "writing";
    try {
      await this.writeNow(edit);
    } finally {
      this.activity = "idle";
    }
  }

  /** Removes a half-written temporary file (synchronously: the process is stopping). */
  discardTemporary(): void {
    if (this.tmp) rmSync(this.tmp, { force: true });
  }

  /**
   * The file on disk must be the one this sync read (or last wrote): an edit addresses rows as read,
   * and a version saved meanwhile by someone else would be overwritten or get cells in wrong rows.
   */
  private async assertUnchangedSinceRead(): Promise<void> {
    if (!this.loaded) return;
    const now = await this.stamp();
    if (this.loaded.mtimeMs === now.mtimeMs && this.loaded.size === now.size) return;
    const name = path.basename(this.file);
    throw new WorkbookFileError({
      vi: `"${name}" đã được lưu bởi người hoặc chương trình khác trong lúc đồng bộ, nên lần đồng bộ này không ghi vào tệp (bản vừa lưu được giữ nguyên). Những gì máy chủ đã nhận vẫn ở đó: hãy chạy lại cchc sync, không có gì bị gửi hai lần.`,
      en: `"${name}" was saved by someone or something else during the sync, so this sync did not write to it (the version just saved is kept as it is). What the server received stays there: run cchc sync again; nothing is sent twice.`,
    });
  }

  private async readNow(): Promise<WorkbookSnapshot> {
    await checkWorkbookFile(this.file, "write");
    await assertNotOpenElsewhere(this.file);
    this.loaded = undefined;
    const wb = await this.workbook();
    const sheets: PortSheet[] = [];
    let stateCells: string[] | undefined;
    for (const ws of wb.worksheets) {
      if (ws.name === STATE_SHEET) {
        stateCells = readStateCells(ws);
        continue;
      }
      const grid = sheetToGrid(ws);
      const formulaCells = new Set<number>();
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) =>
          isFormula(cell.value) ? formulaCells.add(formulaKey(r - 1, c - 1)) : undefined,
        ),
      );
      sheets.push({ ...grid, formulaCells });
    }
    return stateCells === undefined ? { sheets } : { sheets, stateCells };
  }

  private async writeNow(edit: WorkbookEdit): Promise<void> {
    await checkWorkbookFile(this.file, "write");
    await assertNotOpenElsewhere(this.file);
    await this.assertUnchangedSinceRead();
    const wb = await this.workbook();
    for (const id of edit.idColumns)
      if (id.col >= MAX_COLUMNS)
        // exceljs would throw a bare RangeError halfway through the edit; nothing is changed yet.
        throw new WorkbookFileError({
          vi: `Trang tính "${id.sheet}" đã dùng đến cột cuối cùng (XFD), không còn cột cho mã bản ghi; hãy xóa các ô thừa ở bên phải. Sổ tính không bị thay đổi.`,
          en: `Sheet "${id.sheet}" uses every column up to the last one (XFD), leaving none for the record ids; clear the stray cells on its right. The workbook was not changed.`,
        });
    for (const id of edit.idColumns) {
      const ws = wb.getWorksheet(id.sheet)!;
      ws.getCell(id.headerRow + 1, id.col + 1).value = RECORD_ID_HEADER;
      ws.getColumn(id.col + 1).hidden = true;
      widenAutoFilterOver(ws, id.headerRow, id.col);
      widenTableOver(ws, id.headerRow, id.col, RECORD_ID_HEADER);
    }
    clearOwnNotes(wb);
    for (const w of edit.cells) {
      const ws = wb.getWorksheet(w.sheet)!;
      const cell = ws.getCell(w.row + 1, w.col + 1);
      if (isFormula(cell.value)) continue; // a formula is the user's: never overwritten
      splitMergedDown(ws, cell);
      setCell(cell, w.value);
    }
    for (const n of edit.notes) {
      const cell = wb.getWorksheet(n.sheet)?.getCell(n.row + 1, n.col + 1);
      if (cell) cell.note = engineNote(n.text);
    }
    for (const sheetName of new Set(edit.rowOps.map((op) => op.sheet)))
      rebuildRows(
        wb.getWorksheet(sheetName)!,
        edit.rowOps.filter((op) => op.sheet === sheetName),
      );
    writeConflicts(wb, edit.conflicts);
    if (edit.summary) writeSummarySheet(wb, edit.summary);
    writeStateCells(wb, edit.stateCells);
    // The engine's final write carries the summary; a write of new rows' ids alone does not.
    await this.saveAtomically(wb, edit.summary !== undefined);
  }

  private async saveAtomically(wb: ExcelJS.Workbook, final: boolean): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    this.tmp = tmp;
    await writeWorkbookFile(wb, tmp, this.file);
    // Checked again after the (long) write of the new version, just before it replaces the file.
    await this.assertUnchangedSinceRead().catch(async (e: unknown) => {
      await fs.rm(tmp, { force: true });
      throw e;
    });
    // A Ctrl-C here waits: the .bak is never half-copied and the rename is whole.
    await uninterrupted(async () => {
      await fs.copyFile(this.file, `${this.file}.bak`);
      await fs.rename(tmp, this.file);
      this.tmp = undefined;
      this.written++;
      if (final) this.completed = true; // before a waiting Ctrl-C reports it
      this.loaded = { wb, ...(await this.stamp()) };
    });
  }
}

/** Column A, top-down (an empty cell reads as ""): core decodes and checks it. */
export function readStateCells(ws: ExcelJS.Worksheet): string[] {
  const cells: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = toCellValue(ws.getCell(r, 1).value);
    cells.push(
      v === null ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? "" : String(v),
    );
  }
  return cells;
}

export function writeStateCells(wb: ExcelJS.Workbook, cells: string[]): void {
  const old = wb.getWorksheet(STATE_SHEET);
  if (old) wb.removeWorksheet(old.id);
  if (cells.length === 0) return;
  const ws = wb.addWorksheet(STATE_SHEET, { state: STATE_SHEET_VISIBILITY });
  cells.forEach((text, i) => (ws.getCell(i + 1, 1).value = text));
}

/** The sync state saved in a workbook (decoded and checked by core), if it has one. */
export function readSavedState(wb: ExcelJS.Workbook): string | undefined {
  const ws = wb.getWorksheet(STATE_SHEET);
  return ws ? decodeStateCells(readStateCells(ws)) || undefined : undefined;
}

/**
 * A cell merged down a column beside a group of rows shows its value for each of them (core reads it
 * so). Written as it is, the merge's cell would change the whole group: the group is split first,
 * each of its cells keeping the value and style it showed, so that only this row changes.
 */
function splitMergedDown(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): void {
  if (!cell.isMerged) return;
  const merges = (ws as unknown as { _merges: Record<string, { model: CellRange }> })._merges;
  const m = merges[cell.master.address]?.model;
  if (!m || !isMergedDown(m)) return;
  ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  fillMergedDown(ws, m);
}

/** After unmerging a merge down one column (1-based): each of its cells shows the first one's value and style. */
function fillMergedDown(ws: ExcelJS.Worksheet, m: CellRange): void {
  const first = ws.getCell(m.top, m.left);
  for (let r = m.top + 1; r <= m.bottom; r++) {
    const c = ws.getCell(r, m.left);
    c.style = { ...first.style };
    c.value = first.value;
  }
}

/** Text is written as text (never a formula: exceljs stores strings as strings); dates keep the cell's format or get dd/mm/yyyy. */
function setCell(cell: ExcelJS.Cell, value: CellValue): void {
  // A date into a Text cell (a column of dates typed as text, day first) goes as that text: as a
  // date it would show its serial number (44270).
  if (value instanceof Date && cell.numFmt === "@") cell.value = dateTextVi(value);
  else if (value instanceof Date) {
    cell.value = value;
    // A new style object: exceljs shares one per style of the file, so `cell.numFmt =` would give
    // every cell of that style (the register's numbers, the header) the date format.
    if (!cell.numFmt || cell.numFmt === "General") cell.style = { ...cell.style, numFmt: "dd/mm/yyyy" };
  } else if (typeof value === "object" && value !== null) cell.value = null;
  else cell.value = value;
}

/**
 * exceljs has no way to remove a note: `cell.note = undefined` saves an empty one, and a cell read
 * from a file also keeps its note in its value's model, which is written again.
 */
function removeNote(cell: ExcelJS.Cell): void {
  const internal = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  internal._comment = undefined;
  if (internal._value?.model) delete internal._value.model.comment;
}

function clearOwnNotes(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const note = cell.note;
        const text = typeof note === "string" ? note : (note?.texts?.map((t) => t.text).join("") ?? "");
        if (isEngineNote(text)) removeNote(cell);
      }),
    );
}

function writeConflicts(wb: ExcelJS.Workbook, rows: string[][]): void {
  const old = wb.getWorksheet(CONFLICT_SHEET);
  if (old) wb.removeWorksheet(old.id);
  if (rows.length === 0) return;
  const ws = wb.addWorksheet(CONFLICT_SHEET, {
    properties: { tabColor: { argb: `FF${CONFLICT_TAB_COLOR}` } },
  });
  rows.forEach((r, i) => {
    const row = ws.addRow(r);
    if (i === 0) row.font = { bold: true };
  });
  CONFLICT_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
}

type Slot = { from: number } | { values: CellValue[] };

/** What a row carries when it moves: values, styles, height, visibility, notes. */
interface RowCopy {
  values: ExcelJS.CellValue[];
  style: Partial<ExcelJS.Style>;
  height: number;
  hidden: boolean;
  outlineLevel: number;
  cells: { col: number; style: Partial<ExcelJS.Style>; note?: ExcelJS.Comment | string }[];
}

/** exceljs rows have a style (not in its typings). */
type StyledRow = ExcelJS.Row & { style: Partial<ExcelJS.Style> };

function copyRow(row: ExcelJS.Row): RowCopy {
  const cells: RowCopy["cells"] = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    const note = cell.note as ExcelJS.Comment | string | undefined;
    cells.push(note ? { col, style: cell.style, note } : { col, style: cell.style });
  });
  return {
    values: row.values as ExcelJS.CellValue[],
    style: (row as StyledRow).style,
    height: row.height ?? 0,
    hidden: row.hidden,
    outlineLevel: row.outlineLevel ?? 0,
    cells,
  };
}

function pasteRow(row: ExcelJS.Row, copy: RowCopy, withValues: boolean): void {
  if (withValues) row.values = copy.values;
  (row as StyledRow).style = copy.style;
  if (copy.height) row.height = copy.height;
  if (copy.hidden) row.hidden = true;
  if (copy.outlineLevel) row.outlineLevel = copy.outlineLevel;
  for (const c of copy.cells) {
    const cell = row.getCell(c.col);
    cell.style = withValues ? c.style : { ...c.style };
    if (withValues && c.note) cell.note = c.note;
  }
}

const isBold = (row: RowCopy) => row.cells.some((c) => c.style.font?.bold);

/**
 * New rows look like their neighbouring record rows: the row above, unless it is bold (a header or
 * a section title, as when a blank copy receives its first rows), then the row below.
 */
function styleForNewRows(above: RowCopy | undefined, below: RowCopy | undefined): RowCopy | null {
  if (above && !isBold(above)) return above;
  if (below && !isBold(below)) return below;
  return null;
}

/** The first existing row after the block of new rows starting at `i` (scanned once per block). */
function rowBelow(order: Slot[], copies: (RowCopy | undefined)[], i: number): RowCopy | undefined {
  for (let j = i + 1; j < order.length; j++) {
    const slot = order[j]!;
    if ("from" in slot) return copies[slot.from];
  }
  return undefined;
}

/**
 * Applies one sheet's row ops (planned by core, verbatim) in one pass over its rows, so that the
 * cost is linear in the sheet's size whatever the number of blocks: the rows from the first one
 * that changes are copied out, then written back in their new order. exceljs keeps merges and
 * data validations by address, so they are moved here with their rows, and formulas' references to
 * the rows (formula-rows.ts).
 */
function rebuildRows(ws: ExcelJS.Worksheet, ops: RowOp[]): void {
  const internal = ws as unknown as {
    _rows: (ExcelJS.Row | undefined)[];
    _merges: Record<string, { model: CellRange & object }>;
  };
  const n = internal._rows.length;
  const order = applyRowOps<Slot>(
    Array.from({ length: n }, (_, i) => ({ from: i })),
    ops,
    (values) => ({ values }),
  );
  let first = 0;
  while (first < n && first < order.length && (order[first] as { from?: number }).from === first) first++;
  if (first === n && first === order.length) return;
  const newIndex = new Int32Array(n).fill(-1);
  order.forEach((slot, i) => "from" in slot && (newIndex[slot.from] = i));
  const moved = (row: number) => (row < first ? row : newIndex[row]!);
  const newRow = (old: number) => (old < n ? moved(old) : old + order.length - n);
  const rowMap = (oldRow: number) => {
    const row = oldRow - 1 < n ? moved(oldRow - 1) : oldRow - 1 + order.length - n;
    return row < 0 ? undefined : row + 1;
  };
  moveFormulaReferences(ws.workbook, ws.name, rowMap);
  moveDefinedNames(ws.workbook, ws.name, rowMap);

  const merges = Object.values(internal._merges).map((m) => ({ ...m.model }));
  for (const m of merges) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  // A group's value merged down a column whose rows do not stay together (one deleted, or a row put
  // between them) is given to each of its rows, which core read it for, instead of being lost.
  const zeroBased = (m: CellRange) => ({
    top: m.top - 1,
    left: m.left - 1,
    bottom: m.bottom - 1,
    right: m.right - 1,
  });
  const broken = new Set(mergedDownToSplit(merges.map(zeroBased), [], ops).map((m) => `${m.top}:${m.left}`));
  for (const m of merges) if (broken.has(`${m.top - 1}:${m.left - 1}`)) fillMergedDown(ws, m);
  const validations = (ws as unknown as { dataValidations: unknown }).dataValidations as {
    model: Record<string, ExcelJS.DataValidation | undefined>;
  };
  const oldValidations = { ...validations.model };

  const copies: (RowCopy | undefined)[] = [];
  for (let i = first; i < n; i++) {
    const row = internal._rows[i];
    copies[i] = row ? copyRow(row) : undefined;
  }
  internal._rows.length = first;
  let above: RowCopy | undefined =
    first > 0 && internal._rows[first - 1] ? copyRow(ws.getRow(first)) : undefined;
  let blockStyle: RowCopy | null | undefined; // undefined: not in a block of new rows
  for (let i = first; i < order.length; i++) {
    const slot = order[i]!;
    if ("from" in slot) {
      const copy = copies[slot.from];
      if (copy) pasteRow(ws.getRow(i + 1), copy, true);
      above = copy;
      blockStyle = undefined;
      continue;
    }
    if (blockStyle === undefined) blockStyle = styleForNewRows(above, rowBelow(order, copies, i));
    const row = ws.getRow(i + 1);
    if (blockStyle) pasteRow(row, blockStyle, false);
    slot.values.forEach((v, c) => v !== null && setCell(row.getCell(c + 1), v));
  }
  const names = ws.workbook.definedNames as unknown as {
    spliceRows(sheet: string, start: number, remove: number, insert: number): void;
  };
  for (const op of ops)
    names.spliceRows(
      ws.name,
      op.row + 1,
      op.op === "delete" ? op.count : 0,
      op.op === "insert" ? op.values.length : 0,
    );

  for (const m of merges) {
    if (broken.has(`${m.top - 1}:${m.left - 1}`)) continue; // given to each of its rows above
    const [top, bottom] = [newRow(m.top - 1), newRow(m.bottom - 1)];
    if (top >= 0 && bottom >= 0 && bottom - top === m.bottom - m.top)
      ws.mergeCells(top + 1, m.left, bottom + 1, m.right);
  }
  const isInserted = (row: number) => row < order.length && !("from" in order[row]!);
  moveTables(ws, newRow, isInserted, order.length);
  validations.model = {};
  for (const [address, v] of Object.entries(oldValidations)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m || !v) continue;
    const old = Number(m[2]) - 1;
    const row = old < n ? moved(old) : old + order.length - n;
    if (row >= 0) validations.model[`${m[1]}${row + 1}`] = v;
  }
  validateInsertedRows(validations.model, isInserted, order.length);
  moveConditionalFormats(ws, rowMap);
  moveAutoFilter(ws, rowMap, (row) => {
    let k = 0;
    while (isInserted(row + k)) k++;
    return k;
  });
}
