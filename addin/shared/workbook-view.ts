import type { WorkbookRead } from "../../core/layout";
import { parseColumnLetters } from "../../core/layout";
import { readAsSynced } from "../../core/sync";
import { decodeStateCells } from "../../core/sync";
import { parseState, type SyncState } from "../../core/sync";
import type { PortSheet, WorkbookPort } from "../../core/sync";

/** The workbook as the pane sees it between syncs: its sheets, its sync state, and how it is read. */
export interface WorkbookView {
  sheets: PortSheet[];
  state: SyncState;
  read: WorkbookRead;
}

/** One read of the workbook (through the same port a sync uses), read with its saved corrections. */
export async function readView(port: WorkbookPort): Promise<WorkbookView> {
  const snapshot = await port.read();
  const state = parseState(decodeStateCells(snapshot.stateCells ?? []));
  return { sheets: snapshot.sheets, state, read: readAsSynced(snapshot.sheets, state) };
}

/** The plan year the workbook is synced for: set by hand, else the state's, else the title's. */
export function viewYear(view: WorkbookView): number | undefined {
  return view.state.mappingOverrides?.year ?? view.state.year ?? view.read.year;
}

/** The 0-based column of a sheet that holds the first of these fields (0 when none does). */
export function fieldColumn(view: WorkbookView, sheet: string, fields: string[]): number {
  const columns = view.read.mapping.find((m) => m.sheet === sheet)?.columns ?? [];
  for (const f of fields) {
    const c = columns.find((x) => x.field === f);
    if (c) return parseColumnLetters(c.column) ?? 0;
  }
  return 0;
}
