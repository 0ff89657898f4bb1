/**
 * The sync engine: SyncEngine.run reads top-down; each step lives in a file named for it.
 * - run-state.ts: the sync state read (or reset), the options it remembers, a fresh start for
 *   another server or year, whether the run changed anything;
 * - read-for-sync.ts: the workbook read for a sync (plan year, the server's units);
 * - adopt-rows.ts: rows become records with ids (relink-sorted-rows.ts, unsendable-rows.ts,
 *   record-ids.ts, id-columns.ts);
 * - exchange.ts: the rounds of pushes and pulls (initial-pushes.ts, push-results.ts,
 *   pulled-changes.ts, held-back.ts, waiting-rows.ts, server-resets.ts), sharing one SyncRun
 *   (sync-run.ts); apply-decision.ts carries out resolve.ts's decisions on rows (row-writer.ts),
 *   conflicts (conflicts.ts, formula-conflicts.ts) and the state;
 * - sync-plan.ts: everything to write, completed for the one write; sync-report.ts: the report.
 */
import { defaultAsOf } from "../stats/workbook-stats";
import { todayIso } from "../dates/local-date";
import type { Message } from "../model/records";
import { fetchSummaryModel } from "./summary-model";
import type { SourceLocator } from "./summary-parts";
import { placeLocator, readAsSynced } from "./record-history";
import { encodeStateCells } from "./state-sheet";
import { assertSummaryIsOurs } from "./own-summary";
import { summaryDigest, summaryFingerprints, typedIntoSummary, typedSummaryNotice } from "./summary-edits";
import { SyncSetupError } from "./sync-errors";
import { emptyState, serializeState, type SyncState } from "./sync-state";
import type { SyncTransport } from "./transport";
import { emptyEdit, type PortSheet, type WorkbookPort, type WorkbookSnapshot } from "./workbook-port";
import type { SyncOptions } from "./sync-options";
import type { SyncReport } from "./sync-report";
import { completeEdit, locatorAfterWrite, newPlan, touchesNoCell, type Plan } from "./sync-plan";
import { loadState, rememberOptions, startFreshIfElsewhere, stateUnchanged } from "./run-state";
import { readForSync } from "./read-for-sync";
import { IdColumns, mappingAfterSync } from "./id-columns";
import { adoptRows, type AdoptedRows } from "./adopt-rows";
import { keepIdsOfUnreadRows } from "./unread-id-rows";
import { relinkSortedRows } from "./relink-sorted-rows";
import { startRun } from "./sync-run";
import { exchange } from "./exchange";
import { flagHeld, rememberSheets, stillHeld } from "./held-deletions";

export type { SyncOptions } from "./sync-options";
export type { ConflictReport, SyncReport } from "./sync-report";
export { SyncSetupError } from "./sync-errors";
export { DamagedStateError } from "./state-sheet";
export { newRecordId, dossierIdOf, DOSSIER_CODE_ID } from "./record-ids";

/**
 * Two-way sync of a workbook with the server (DESIGN.md): adopt the workbook (layout detection,
 * hidden ids), diff against the last synced state, push + pull in one round trip per chunk, merge
 * field by field, write remote changes into their rows (new records into their section, deleted
 * ones removed), and commit the state only with the server's confirmation, in the same write.
 */
export class SyncEngine {
  /** The notice that text typed into the summary is replaced: the summary must then be written. */
  private typedNotice: Message | undefined;

  constructor(
    private readonly port: WorkbookPort,
    private readonly transport: SyncTransport,
    private readonly options: SyncOptions = {},
  ) {}

  async run(): Promise<SyncReport> {
    this.typedNotice = undefined; // a notice of an earlier run of this engine says nothing of this one
    const snapshot = await this.port.read();
    const { state, before } = loadState(snapshot, this.options);
    assertSummaryIsOurs(snapshot);
    const now = this.options.now ?? new Date();
    const plan = newPlan(this.options.dryRun === true);
    const syncedServer = rememberOptions(state, this.options);
    if (this.options.summaryOnly) return this.runSummaryOnly(snapshot, state, plan, now);

    const read = await this.readWorkbook(snapshot, state, plan, syncedServer);
    const ids = new IdColumns(read, snapshot.sheets, plan.edit);
    const relinked = relinkSortedRows(read, ids, state, plan.report.notices, snapshot.sheets);
    keepIdsOfUnreadRows(read, state, snapshot.sheets);
    const adopted = adoptRows(read, ids, state, relinked);
    await this.giveIds(adopted, plan, snapshot);
    const shared = { options: this.options, state, read, ids, locals: adopted.locals, plan };
    await exchange(startRun(shared, snapshot.sheets), this.transport);
    rememberSheets(state, adopted.locals, plan.inserts);
    const inserted = new Set(plan.inserts.map((i) => i.id));
    plan.report.heldDeletions = stillHeld(
      plan.report.heldDeletions,
      state,
      (id) => adopted.locals.has(id) || inserted.has(id),
    );
    flagHeld(state, plan.report.heldDeletions);
    const mapping = mappingAfterSync(read, ids);
    plan.report.mapping = mapping;
    if (!plan.report.dryRun)
      await this.writeSummary(plan, read.year, now, locatorAfterWrite(plan, adopted.locals), snapshot, state);
    const stateAfter = serializeState({
      ...state,
      conflicts: plan.conflicts,
      lastSync: now.toISOString(),
      mapping,
    });
    plan.edit.stateCells = encodeStateCells(stateAfter);
    // A sync that changes nothing leaves the file alone (no rewrite, no new modification time).
    const quiet =
      !this.options.resetState && this.typedNotice === undefined && stateUnchanged(before, state, stateAfter);
    return this.finish(plan, snapshot.sheets, quiet);
  }

  /** The workbook read for this sync (read-for-sync.ts); a state of another server or plan year starts afresh. */
  private async readWorkbook(
    snapshot: WorkbookSnapshot,
    state: SyncState,
    plan: Plan,
    syncedServer?: string,
  ) {
    const read = await readForSync(snapshot, state, this.options, this.transport);
    const elsewhere = startFreshIfElsewhere(state, syncedServer, this.options.server, read.year);
    if (elsewhere) plan.report.notices.push(elsewhere);
    state.year = read.year;
    plan.report.errors = read.errors;
    return read;
  }

  /** A leader's copy: its rows locate the warnings; a copy never synced has its year in the title. */
  private async runSummaryOnly(snapshot: WorkbookSnapshot, state: SyncState, plan: Plan, now: Date) {
    const read = readAsSynced(snapshot.sheets, state);
    const year = this.options.year ?? state.mappingOverrides?.year ?? state.year ?? read.year;
    if (year === undefined)
      throw new SyncSetupError({
        vi: "Chưa rõ năm kế hoạch: dùng --year.",
        en: "The plan year is unknown: pass --year.",
      });
    await this.writeSummary(plan, year, now, placeLocator(read), snapshot, state);
    plan.edit.stateCells = encodeStateCells(serializeState(state));
    return this.finish(plan, snapshot.sheets);
  }

  /**
   * Ids that the next run would give again (a dossier's code, a lost record's) go with the final
   * write; a workbook given random ids writes them first, in a write of their own, so that a sync
   * failing later never hands out other ids next time (its pushed records would be duplicated).
   */
  private async giveIds({ newIds, randomIds }: AdoptedRows, plan: Plan, snapshot: WorkbookSnapshot) {
    if (newIds.length === 0 || plan.report.dryRun) return;
    if (!randomIds) {
      // One by one: a spread passes each id as an argument, past ~120,000 a stack overflow (T14 F1).
      for (const cell of newIds) plan.edit.cells.push(cell);
      return;
    }
    await this.port.write({
      // The state as it was (a reset one is written empty: the next run re-links by id by itself).
      ...emptyEdit(
        this.options.resetState
          ? encodeStateCells(serializeState(emptyState()))
          : (snapshot.stateCells ?? []),
      ),
      idColumns: plan.edit.idColumns,
      cells: newIds,
    });
    plan.edit.idColumns = [];
  }

  /**
   * Warnings from the server name records by id: `locate` finds their rows in this workbook. What
   * was typed into the summary since the last sync is named in a notice (it is about to be
   * replaced), and the state remembers what this summary writes.
   */
  private async writeSummary(
    plan: Plan,
    year: number,
    now: Date,
    locate: SourceLocator,
    snapshot: WorkbookSnapshot,
    state: SyncState,
  ): Promise<void> {
    const asOf = this.options.asOf ?? defaultAsOf(year, todayIso(now));
    plan.edit.summary = await fetchSummaryModel(this.transport, year, asOf, now, locate);
    plan.report.summary = true;
    const typed = typedSummaryNotice(typedIntoSummary(snapshot.sheets, state.summaryWritten));
    if (typed) plan.report.notices.push((this.typedNotice = typed));
    state.summaryWritten = summaryFingerprints(plan.edit.summary);
    state.summaryDigest = summaryDigest(plan.edit.summary);
  }

  /** Completes the plan's edit and writes it, unless this sync changes nothing (`quiet`) or is a dry run. */
  private async finish(plan: Plan, sheets: PortSheet[], quiet = false): Promise<SyncReport> {
    completeEdit(plan, sheets);
    if (quiet && touchesNoCell(plan.edit)) {
      plan.report.unchanged = true;
      plan.report.summary = false;
    } else if (!plan.report.dryRun) await this.port.write(plan.edit);
    plan.report.bytesSent = this.transport.bytesSent;
    plan.report.bytesReceived = this.transport.bytesReceived;
    return plan.report;
  }
}
