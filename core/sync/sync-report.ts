/** What a sync tells its caller: counts, conflicts, refusals, row errors and notices (the engine's output). */
import type { Message, RowError } from "../model/records";
import type { HeldDeletions } from "./held-deletions";
import type { MemberInfo } from "./protocol";
import type { OpenConflict, SyncState } from "./sync-state";

export interface ConflictReport extends OpenConflict {
  sheet: string;
  /** 1-based row, 0 when the record has no row here. */
  row: number;
  /** 0-based column showing the field, when the sheet has one. */
  col?: number;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  merged: number;
  inserted: number;
  deleted: number;
  cellsWritten: number;
  formulaCellsKept: number;
  conflicts: ConflictReport[];
  rejected: RowError[];
  errors: RowError[];
  summary: boolean;
  dryRun: boolean;
  /** How the workbook was read (also saved in its sync state). */
  mapping: NonNullable<SyncState["mapping"]>;
  bytesSent: number;
  bytesReceived: number;
  /** Who the server took the token for (absent on a dry run's first answer only if none came). */
  member?: MemberInfo;
  /** Things the user must know about this sync (another server or plan year, a store that lost writes). */
  notices: Message[];
  /**
   * Deletions not sent because a whole sheet or many rows went: the records stay on the server
   * until confirmed (SyncOptions.confirmDeletes) or their rows come back (held-deletions.ts).
   */
  heldDeletions: HeldDeletions[];
  /** Records the workbook gave back to a server that had lost them (another epoch). */
  restored: number;
  /** Nothing in the workbook would change (cells, rows, notes, state, summary but its time): it was not written. */
  unchanged?: boolean;
}

export function emptyReport(dryRun: boolean): SyncReport {
  return {
    pushed: 0,
    pulled: 0,
    merged: 0,
    inserted: 0,
    deleted: 0,
    cellsWritten: 0,
    formulaCellsKept: 0,
    conflicts: [],
    rejected: [],
    errors: [],
    summary: false,
    dryRun,
    mapping: [],
    bytesSent: 0,
    bytesReceived: 0,
    notices: [],
    heldDeletions: [],
    restored: 0,
  };
}
