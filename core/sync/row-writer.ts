/**
 * The rows one sync changes: values written into a record's row, rows deleted, and rows inserted
 * for records new to this workbook (a task under its field's section, a dossier at the end), all
 * gathered in the plan and addressed as read.
 */
import type { WorkbookRead } from "../layout/read-workbook";
import type { SheetMapping } from "../model/records";
import type { CellValue } from "../parse/cell";
import type { IdColumns } from "./id-columns";
import type { LocalRecord } from "./local-record";
import type { StoredRecord } from "./protocol";
import { pulledSheetChooser } from "./pulled-sheet";
import { stableJson, type RecordData } from "./record-data";
import { anchorRow, type RowInsert } from "./row-plan";
import { fieldColumns, rowCells, type ValueContext } from "./row-values";
import type { Plan } from "./sync-plan";

/** What a new row is written from: a pulled record, or a copy the workbook synced before. */
export type RowSource = Pick<StoredRecord, "kind" | "id" | "unit" | "data">;

export class RowWriter {
  private readonly columnsBySheet = new Map<string, Map<string, number>>();
  private readonly recordRowsBySheet = new Map<string, number[]>();
  private readonly deletedRows = new Set<string>();
  /** The row each record was given in this sync, by id (never two for one record). */
  private readonly insertedRows = new Map<string, RowInsert>();
  /** The sheet a pulled record goes to (profiled from the records as read, on first use). */
  private chooseSheet: ReturnType<typeof pulledSheetChooser> | undefined;

  constructor(
    private readonly read: WorkbookRead,
    private readonly locals: Map<string, LocalRecord>,
    private readonly plan: Plan,
    private readonly ids: IdColumns,
    /** How values are shown in cells (the plan's fields, units' names). */
    readonly ctx: ValueContext,
    /** Whether a cell (0-based) holds a formula: the sync never writes into one. */
    readonly isFormula: (sheet: string, row: number, col: number) => boolean,
  ) {}

  /** The columns of a sheet, by field (0-based). */
  columns(sheet: string): Map<string, number> {
    let cols = this.columnsBySheet.get(sheet);
    if (!cols) {
      const mapping = this.read.mapping.find((m) => m.sheet === sheet);
      this.columnsBySheet.set(sheet, (cols = fieldColumns(mapping?.columns ?? [])));
    }
    return cols;
  }

  /** Whether this sync gave the record a row already. */
  inserted(id: string): boolean {
    return this.insertedRows.has(id);
  }

  /** Writes into a record's row the fields whose values differ from what the row holds. */
  writeRow(local: LocalRecord, data: RecordData): void {
    const changed = new Set(
      [...new Set([...Object.keys(data), ...Object.keys(local.data)])].filter(
        (k) => stableJson(data[k]) !== stableJson(local.data[k]),
      ),
    );
    if (changed.size === 0) return;
    for (const [col, value] of rowCells(local.kind, data, this.columns(local.sheet), this.ctx, changed))
      this.plan.edit.cells.push({ sheet: local.sheet, row: local.row, col, value });
  }

  deleteRow(local: LocalRecord): void {
    const key = `${local.sheet}!${local.row}`;
    if (this.deletedRows.has(key)) return;
    this.deletedRows.add(key);
    this.plan.deletes.push({ sheet: local.sheet, row: local.row });
    this.plan.report.deleted++;
  }

  /**
   * A record new to this workbook goes into its sheet: a task under its field's section, a dossier
   * at the end. Answers false when the workbook has no sheet for it. `lastSheet`: the sheet a row
   * given back was on at the last sync, where it goes back while that sheet is read as its kind.
   */
  insertRow(server: RowSource, lastSheet?: string): boolean {
    this.chooseSheet ??= pulledSheetChooser(this.read.mapping, this.locals.values());
    const kind = server.kind === "task" ? "tasks" : "dossiers";
    const mapping =
      this.read.mapping.find((m) => lastSheet !== undefined && m.sheet === lastSheet && m.kind === kind) ??
      this.chooseSheet(server);
    if (!mapping) return false;
    const sheet = mapping.sheet;
    const after = insertionRow(mapping, server, this.recordRows(sheet));
    const values = this.newRowValues(server, sheet);
    // A record given a row earlier in this sync (a refused deletion put back, then its newer copy
    // pulled) keeps that one row, with the newer values.
    const earlier = this.insertedRows.get(server.id);
    if (earlier) {
      earlier.values = values;
      return true;
    }
    const insert = { sheet, after, values, id: server.id };
    this.insertedRows.set(server.id, insert);
    this.plan.inserts.push(insert);
    this.plan.report.inserted++;
    return true;
  }

  /** Takes back the row this sync gave a record (deleted on the server meanwhile): no row for it. */
  withdrawInsert(id: string): void {
    const insert = this.insertedRows.get(id);
    if (!insert) return;
    this.insertedRows.delete(id);
    this.plan.inserts.splice(this.plan.inserts.indexOf(insert), 1);
    this.plan.report.inserted--;
  }

  /** A new row's cells, its id in the id column, blanks between. */
  private newRowValues(server: RowSource, sheet: string): CellValue[] {
    const cells = rowCells(server.kind, server.data, this.columns(sheet), this.ctx);
    cells.set(this.ids.of(sheet), server.id);
    const values: CellValue[] = [];
    for (const [col, value] of cells) values[col] = value;
    for (let c = 0; c < values.length; c++) if (values[c] === undefined) values[c] = null;
    return values;
  }

  /** The rows (0-based, as read, ascending) of a sheet's records: computed once per sheet. */
  private recordRows(sheet: string): number[] {
    let rows = this.recordRowsBySheet.get(sheet);
    if (!rows) {
      rows = [...this.locals.values()].filter((l) => l.sheet === sheet).map((l) => l.row);
      rows.sort((a, b) => a - b);
      this.recordRowsBySheet.set(sheet, rows);
    }
    return rows;
  }
}

/** After the last row of the record's section (tasks) or of the register (dossiers); 0-based, as read. */
function insertionRow(mapping: SheetMapping, server: RowSource, recordRows: number[]): number {
  const fallback = Math.max((mapping.firstDataRow ?? 1) - 2, (mapping.lastDataRow ?? 0) - 1);
  if (server.kind === "task" && mapping.sections && mapping.sections.length > 0) {
    const sections = [...mapping.sections].sort((a, b) => a.row - b.row);
    const at = sections.findIndex((s) => s.field !== undefined && s.field === server.data.field);
    if (at >= 0) {
      const start = sections[at]!.row - 1;
      const end = at + 1 < sections.length ? sections[at + 1]!.row - 1 : Infinity;
      return anchorRow(recordRows, fallback, { start, end });
    }
    // No section of its field (none, or one this copy lacks): above the first section, where no
    // section gives it another field (unshown-field.ts keeps the one it has).
    const top = (mapping.firstDataRow ?? 1) - 2;
    return anchorRow(recordRows, top, { start: top, end: sections[0]!.row - 1 });
  }
  return anchorRow(recordRows, fallback);
}
