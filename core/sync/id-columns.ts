/** Where each synced sheet keeps its rows' hidden ids (the `cchc_id` column), added when missing. */
import { columnLetter } from "../layout/grid";
import { RECORD_ID_HEADER } from "../layout/header-vocabulary";
import type { WorkbookRead } from "../layout/read-workbook";
import type { ColumnMapping } from "../model/records";
import { fieldColumns } from "./row-values";
import type { SyncState } from "./sync-state";
import type { PortSheet, WorkbookEdit } from "./workbook-port";

/**
 * Each synced sheet's hidden id column: the one found by its `cchc_id` header, else one added (with
 * its header, in the same write) the first time a row needs it, so that an id is never written
 * into a column the reader does not recognise.
 */
export class IdColumns {
  private readonly cols = new Map<string, number>();
  private readonly added = new Map<string, number>();
  constructor(
    private readonly read: WorkbookRead,
    private readonly sheets: PortSheet[],
    private readonly edit: WorkbookEdit,
  ) {}

  of(sheetName: string): number {
    const known = this.cols.get(sheetName);
    if (known !== undefined) return known;
    const mapping = this.read.mapping.find((m) => m.sheet === sheetName)!;
    const existing = mapping.columns?.find((c) => c.field === "recordId");
    const col = existing
      ? fieldColumns([existing]).get("recordId")!
      : sheetWidth(this.sheets.find((s) => s.name === sheetName)!);
    if (!existing) {
      this.edit.idColumns.push({
        sheet: sheetName,
        col,
        headerRow: mapping.headerRows![mapping.headerRows!.length - 1]! - 1,
      });
      this.added.set(sheetName, col);
    }
    this.cols.set(sheetName, col);
    return col;
  }

  /** The id column this sync adds to a sheet, as the sheet's mapping names it (none if it had one). */
  addedTo(sheetName: string): ColumnMapping[] {
    const col = this.added.get(sheetName);
    return col === undefined
      ? []
      : [{ column: columnLetter(col), header: RECORD_ID_HEADER, field: "recordId" }];
  }
}

function sheetWidth(sheet: PortSheet): number {
  let w = 0;
  for (const row of sheet.rows) w = Math.max(w, row.length);
  for (const m of sheet.merges) w = Math.max(w, m.right + 1);
  return w;
}

/** The synced sheets' mapping as this sync leaves them: an id column it adds is part of its sheet's mapping. */
export function mappingAfterSync(read: WorkbookRead, ids: IdColumns): NonNullable<SyncState["mapping"]> {
  return read.mapping
    .filter((m) => m.kind === "tasks" || m.kind === "dossiers")
    .map((m) => ({
      sheet: m.sheet,
      kind: m.kind,
      columns: [...(m.columns ?? []), ...ids.addedTo(m.sheet)],
    }));
}
