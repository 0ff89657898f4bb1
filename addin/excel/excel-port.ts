/// <reference types="office-js" />
import { RECORD_ID_HEADER } from "../../core/layout";
import { STATE_SHEET } from "../../core/sync";
import { CONFLICT_SHEET } from "../../core/sync";
import type { CellNote, PortSheet, WorkbookEdit, WorkbookPort, WorkbookSnapshot } from "../../core/sync";
import { Batch } from "./batch";
import { missingSheets, protectedSheets, protectedWorkbook, rowsMovedDuringSync } from "./errors";
import { queueRowChecks, rowsMoved } from "./rows-moved";
import { notesSupported } from "./requirements";
import { findNotes, placeNotes } from "./notes";
import { COMMAND_BYTES, officeRun, officeSupport, type ExcelRun, type SetSupport } from "./office";
import { readWorkbook } from "./read-workbook";
import { splitMergedDown } from "./merged-down";
import { applyRowOps } from "./row-ops";
import { addIdColumns, writeConflicts, writeState } from "./system-sheets";
import { writeSummary } from "./summary-sheet";
import { type CellWriteResult, writeCells } from "./write-cells";
import { fixRanges, loadRanges, takeIdColumn, trackRowOp } from "./table-ranges";
import type { Message } from "../../core/model";

/** What the last write did, for the task pane (and the tests). */
export interface ExcelWriteReport extends CellWriteResult {
  /** context.sync calls of the write. */
  syncs: number;
  /** Notes not placed: Excel lacks ExcelApi 1.18, or the cell holds the user's own note. */
  notesNotPlaced: CellNote[];
}

export interface ExcelPortOptions {
  /** Runs a batch: `Excel.run` in the add-in (the default), the fake in tests. */
  run?: ExcelRun;
  /** Office's requirement-set check (the default), injected so tests can turn sets off. */
  isSetSupported?: SetSupport;
}

/**
 * The sheets a write must add: a workbook whose structure is protected refuses them. The sheets it
 * replaces (summary, conflicts) are then drawn again in place, which needs no structure change.
 */
function sheetsAdded(edit: WorkbookEdit, existing: (name: string) => string | undefined): string[] {
  const out: string[] = [];
  if (existing(STATE_SHEET) !== STATE_SHEET) out.push(STATE_SHEET);
  if (!existing(CONFLICT_SHEET) && edit.conflicts.length) out.push(CONFLICT_SHEET);
  if (edit.summary && !existing(edit.summary.sheetName)) out.push(edit.summary.sheetName);
  return out;
}

/**
 * The Excel adapter of the engine's workbook port (Office.js). Reads values, merged areas and
 * formula cells of every sheet in blocks under Excel's payload limits; writes one sync's edit in
 * blocks: id columns, changed cells (never a formula cell, never a cell the user changed since the
 * read), notes, row operations in the plan's order, the conflicts, summary and state sheets.
 */
export class ExcelPort implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly supports: SetSupport;
  /** The sheets as last read (a private copy), to detect a cell the user changed during the sync. */
  private asRead: Map<string, PortSheet> | undefined;
  private stateAsRead: string[] | undefined;
  lastRead?: { syncs: number };
  lastWrite?: ExcelWriteReport;
  /** What the writes since the last read could not do as `cchc sync` does, for the task pane. */
  notices: Message[] = [];

  constructor(options: ExcelPortOptions | ExcelRun = {}) {
    const o = typeof options === "function" ? { run: options } : options;
    this.run = o.run ?? officeRun;
    this.supports = o.isSetSupported ?? officeSupport;
  }

  /** The sheets (values, merges, formula cells) and the state sheet's column A. */
  async read(): Promise<WorkbookSnapshot> {
    const snap = await readWorkbook(this.run, this.supports);
    this.lastRead = { syncs: snap.syncs };
    this.notices = [];
    this.asRead = new Map(
      snap.sheets.map((s) => [
        s.name,
        { ...s, rows: s.rows.map((r) => [...r]), formulaCells: new Set(s.formulaCells) },
      ]),
    );
    this.stateAsRead = snap.stateCells;
    const out: WorkbookSnapshot = { sheets: snap.sheets };
    if (snap.stateCells) out.stateCells = snap.stateCells;
    return out;
  }

  async write(edit: WorkbookEdit): Promise<void> {
    const withNotes = notesSupported(this.supports);
    this.lastWrite = await this.run(async (ctx) => {
      const batch = new Batch(ctx, { bulk: true });
      // What exists now (the user may have added or removed sheets since the read).
      const list = ctx.workbook.worksheets.load("items/name");
      const stateUsed = ctx.workbook.worksheets
        .getItemOrNullObject(STATE_SHEET)
        .getUsedRangeOrNullObject(true)
        .load("rowIndex,rowCount");
      // …whether a sheet to be written is protected or gone (then nothing is written)…
      const touched = [
        ...new Set([...edit.idColumns, ...edit.cells, ...edit.rowOps, ...edit.notes].map((x) => x.sheet)),
      ].map((name) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
        return { name, ws, protection: ws.protection.load("protected") };
      });
      // …whether the workbook's structure is protected (ExcelApi 1.7: no sheet may be added or deleted)…
      const structure = ctx.workbook.protection.load("protected");
      // …whether rows were inserted or deleted since the read (ops and cells go by row number)…
      const rowChecks = queueRowChecks(
        ctx,
        touched.map((t) => t.name),
        this.asRead,
      );
      // …and the notes to replace (ExcelApi 1.18), in the same sync.
      const notes = withNotes ? findNotes(ctx, edit.notes) : undefined;
      await batch.room(
        (4 + 3 * edit.notes.length + 2 * rowChecks.length) * COMMAND_BYTES,
        2000 + 200 * edit.notes.length + rowChecks.reduce((n, c) => n + c.bytes, 0),
      );
      await batch.sync();
      const names = new Set(list.items.map((w) => w.name));
      // Excel compares sheet names without case: "XUNG ĐỘT" is the conflicts sheet, renamed.
      const existing = (name: string) =>
        list.items.find((w) => w.name.toLowerCase() === name.toLowerCase())?.name;
      const gone = touched.filter((t) => t.ws.isNullObject).map((t) => t.name);
      if (gone.length) throw missingSheets(gone);
      const locked = touched.filter((t) => t.protection.protected).map((t) => t.name);
      if (locked.length) throw protectedSheets(locked);
      const moved = rowsMoved(rowChecks);
      if (moved.length) throw rowsMovedDuringSync(moved);
      const added = sheetsAdded(edit, existing);
      if (structure.protected && added.length) throw protectedWorkbook(added);
      // The filters and tables that the id column and the inserted rows should join.
      const ranges = await loadRanges(
        batch,
        [
          ...new Set(
            [...edit.idColumns, ...edit.rowOps.filter((op) => op.op === "insert")].map((x) => x.sheet),
          ),
        ],
        this.supports,
      );
      for (const id of edit.idColumns) takeIdColumn(ranges, id, this.asRead?.get(id.sheet));
      await addIdColumns(batch, edit.idColumns);
      for (const id of edit.idColumns) {
        const sheet = this.asRead?.get(id.sheet);
        if (sheet) (sheet.rows[id.headerRow] ??= [])[id.col] = RECORD_ID_HEADER; // as Excel now has it
      }
      await splitMergedDown(batch, edit, this.asRead);
      const cells = await writeCells(batch, edit.cells, this.asRead);
      const notesNotPlaced = notes ? await placeNotes(batch, notes) : edit.notes;
      await applyRowOps(batch, edit.rowOps, (op) => trackRowOp(ranges, op));
      await fixRanges(batch, ranges, this.supports);
      this.notices.push(...ranges.notices);
      if (edit.rowOps.length) this.asRead = undefined; // addresses moved: what was read no longer lines up
      const inPlace = structure.protected;
      await writeConflicts(batch, edit.conflicts, existing(CONFLICT_SHEET) ?? false, inPlace);
      if (edit.summary)
        await writeSummary(batch, edit.summary, existing(edit.summary.sheetName) ?? false, inPlace);
      await writeState(batch, edit.stateCells, this.stateAsRead, {
        exists: names.has(STATE_SHEET),
        rows: stateUsed.isNullObject ? 0 : stateUsed.rowIndex + stateUsed.rowCount,
      });
      await batch.sync();
      return { ...cells, syncs: batch.syncs, notesNotPlaced };
    });
    this.stateAsRead = edit.stateCells;
  }
}
