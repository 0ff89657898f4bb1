/** How a sync is asked for: by the command line, the task pane and the tests (the engine's input). */
import type { Calendar } from "../calendar/working-days";
import type { MappingOverrides } from "../layout/mapping-overrides";
import type { DeleteConfirmation } from "./held-deletions";

export interface SyncOptions {
  server?: string;
  year?: number;
  prefer?: "mine" | "theirs";
  /** Per-conflict answers ("<record id>/<field>", field "deleted" for a delete), before `prefer`. */
  choices?: Record<string, "mine" | "theirs">;
  dryRun?: boolean;
  /**
   * Deletions held because a whole sheet or many rows went (held-deletions.ts) go ahead: all those
   * an earlier sync showed (`cchc sync --confirm-deletes`), or the records named (the pane's button).
   */
  confirmDeletes?: DeleteConfirmation;
  /**
   * The other answer to held deletions: their rows are given back from the copies last synced
   * (`cchc sync --restore-deletes`, the pane's button), in a sheet of their kind; all or the ids named.
   */
  restoreDeletes?: DeleteConfirmation;
  /** Turn sending applicants' personal data on (true) or off (false); remembered in the workbook. */
  includePersonalData?: boolean;
  summaryOnly?: boolean;
  /** Corrections of how the workbook is read, replacing the saved ones (the task pane): saved with this sync. */
  mappingOverrides?: MappingOverrides;
  /**
   * Ignore the stored sync state (e.g. a damaged state sheet): rows are re-linked to the server's
   * records by their ids, as for a workbook whose state is missing; nothing is pushed twice.
   */
  resetState?: boolean;
  asOf?: string;
  now?: Date;
  /** The working-day calendar due dates are computed with (the server's, with an admin's edits). */
  calendar?: Calendar;
  /** Milliseconds of a monotonic clock, to size push requests by how long they take (tests pass a fake). */
  clock?: () => number;
}
