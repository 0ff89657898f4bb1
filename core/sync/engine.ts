import { defaultAsOf } from "../stats/workbook-stats";
import { todayIso } from "../dates/local-date";
import type { Message, SheetMapping } from "../model/records";
import type { CellValue } from "../parse/cell";
import type { WorkbookRead } from "../layout/read-workbook";
import {
  sameMember,
  type MemberInfo,
  type PushedRecord,
  type StoredRecord,
  type SyncResponse,
} from "./protocol";
import { fingerprint, sameData, stableJson, type RecordData } from "./record-data";
import { decide, type Decision } from "./resolve";
import { fieldColumns, rowCells, type ValueContext } from "./row-values";
import { formulaColumnsChanged, heldColumn } from "./formula-holds";
import { fetchSummaryModel } from "./summary-model";
import type { SourceLocator } from "./summary-parts";
import { placeLocator, readAsSynced } from "./record-history";
import { anchorRow, type RowInsert } from "./row-plan";
import { encodeStateCells, isCurrentStateFormat } from "./state-sheet";
import { assertSummaryIsOurs } from "./own-summary";
import { pulledSheetChooser } from "./pulled-sheet";
import { summaryDigest, summaryFingerprints, typedIntoSummary, typedSummaryNotice } from "./summary-edits";
import { MAX_PUSH, nextPushSize } from "./push-size";
import { SyncSetupError } from "./sync-errors";
import { emptyState, serializeState, type SyncState } from "./sync-state";
import type { SyncTransport } from "./transport";
import {
  emptyEdit,
  formulaKey,
  type PortSheet,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "./workbook-port";
import type { SyncOptions } from "./sync-options";
import type { ConflictReport, SyncReport } from "./sync-report";
import { completeEdit, locatorAfterWrite, newPlan, touchesNoCell, type Plan } from "./sync-plan";
import { loadState, rememberOptions, sameStateButTime, startFreshIfElsewhere } from "./run-state";
import { readForSync } from "./read-for-sync";
import { IdColumns, mappingAfterSync } from "./id-columns";
import { adoptRows, type AdoptedRows } from "./adopt-rows";
import { contentKey, recordKey, type LocalRecord } from "./local-record";
import { newRecordId } from "./record-ids";

export type { SyncOptions } from "./sync-options";
export type { ConflictReport, SyncReport } from "./sync-report";
export { SyncSetupError } from "./sync-errors";
export { DamagedStateError } from "./state-sheet";
export { newRecordId, dossierIdOf, DOSSIER_CODE_ID } from "./record-ids";

const MAX_ROUNDS = 4;

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
    const snapshot = await this.port.read();
    const { state, stateText } = loadState(snapshot, this.options);
    const summaryBefore = state.summaryDigest;
    assertSummaryIsOurs(snapshot);
    const now = this.options.now ?? new Date();
    const plan = newPlan(this.options.dryRun === true);
    const syncedServer = rememberOptions(state, this.options);
    if (this.options.summaryOnly) return this.runSummaryOnly(snapshot, state, plan, now);

    const read = await readForSync(snapshot, state, this.options, this.transport);
    const elsewhere = startFreshIfElsewhere(state, syncedServer, this.options.server, read.year);
    if (elsewhere) plan.report.notices.push(elsewhere);
    state.year = read.year;
    plan.report.errors = read.errors;

    const ids = new IdColumns(read, snapshot.sheets, plan.edit);
    const adopted = adoptRows(read, ids, state, plan.report.notices, snapshot.sheets);
    await this.giveIds(adopted, plan, snapshot);
    await this.exchange(snapshot, state, read, ids, adopted.locals, plan);
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
      !this.options.resetState &&
      isCurrentStateFormat(snapshot.stateCells) &&
      state.summaryDigest === summaryBefore &&
      this.typedNotice === undefined &&
      sameStateButTime(stateText, stateAfter);
    return this.finish(plan, snapshot.sheets, quiet);
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
      plan.edit.cells.push(...newIds);
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

  /** The push/pull conversation with the server, which decides what becomes of each record. */
  private async exchange(
    snapshot: WorkbookSnapshot,
    state: SyncState,
    read: WorkbookRead,
    ids: IdColumns,
    locals: Map<string, LocalRecord>,
    plan: Plan,
  ): Promise<void> {
    const ctx: ValueContext = { fields: read.fields, unitName: (k) => read.context.unitName(k) };
    const formulas = new Map(snapshot.sheets.map((sh) => [sh.name, sh.formulaCells]));
    const isFormula = (sheet: string, row: number, col: number) =>
      formulas.get(sheet)?.has(formulaKey(row, col)) ?? false;
    const session = new Session(this.transport, state, read, ids, locals, plan, ctx, this.options, isFormula);
    await session.exchange();
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

/** What a push holds, to tell whether a refused record was changed since. */
const pushPrint = (p: PushedRecord) =>
  fingerprint(stableJson({ unit: p.unit, deleted: p.deleted === true, data: p.data }));

/** The push/pull conversation of one sync, and what it decides for each record. */
class Session {
  private readonly ownVersions = new Map<string, number>();
  private readonly columnsBySheet = new Map<string, Map<string, number>>();
  private readonly recordRowsBySheet = new Map<string, number[]>();
  private readonly deletedRows = new Set<string>();
  /** Rows with ids unknown to the state, not yet matched with a server copy. */
  private readonly unlinked = new Set<string>();
  /** New rows of a workbook synced before, held back until the first pull (by content key). */
  private readonly freshHeld = new Map<string, LocalRecord[]>();
  /** The server version each record was last brought to: a conflict answer and a pulled change can carry the same. */
  private readonly resolved = new Map<string, number>();
  /** The cursor of this sync's next request. */
  private cursor: SyncState["cursor"] | undefined;
  /** Who the server says the caller is (from the first answer). */
  private member: MemberInfo | undefined;
  /** Pushes the server refused before: sent again only to another member or changed rights. */
  private readonly heldBack: {
    push: PushedRecord;
    refused: NonNullable<SyncState["records"][string]["refused"]>;
  }[] = [];
  /** Units whose partition the server resent from the start (another epoch), and those reconciled. */
  private readonly resetUnits = new Set<string>();
  private readonly reconciled = new Set<string>();
  /** `unit|kind|id` of every record this sync saw on the server (results and changes). */
  private readonly onServer = new Set<string>();
  /** The sheet a pulled record goes to (profiled from the records as read, on first use). */
  private chooseSheet: ReturnType<typeof pulledSheetChooser> | undefined;
  /** The row each record was given in this sync, by id (never two for one record). */
  private readonly insertedRows = new Map<string, RowInsert>();
  /** Records per push request: fewer when the server is slow (push-size.ts). */
  private pushSize = MAX_PUSH;

  /** Whether this workbook synced before (its state knows records): a first sync has nothing to match. */
  private get syncedBefore(): boolean {
    return Object.keys(this.state.records).length > 0;
  }

  constructor(
    private readonly transport: SyncTransport,
    private readonly state: SyncState,
    private readonly read: WorkbookRead,
    private readonly ids: IdColumns,
    private readonly locals: Map<string, LocalRecord>,
    private readonly plan: Plan,
    private readonly ctx: ValueContext,
    private readonly options: SyncOptions,
    /** Whether a cell (0-based) holds a formula: the sync never writes into one. */
    private readonly isFormula: (sheet: string, row: number, col: number) => boolean = () => false,
  ) {}

  async exchange(): Promise<void> {
    this.holdFormulaFields();
    let queue = this.initialPushes();
    // Rows with ids the state does not know: pull everything once, so that each is matched with
    // the server's copy wherever it lives before any is pushed as new.
    if (this.unlinked.size > 0) this.state.cursor = {};
    if (this.plan.report.dryRun) {
      this.plan.report.pushed = queue.length + [...this.freshHeld.values()].flat().length;
      queue = [];
    }
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const changes: StoredRecord[] = [];
      const next: PushedRecord[] = [];
      for (let i = 0, chunk: PushedRecord[] = []; i === 0 || i < queue.length; i += chunk.length) {
        chunk = queue.slice(i, i + this.pushSize);
        const started = this.clock();
        const res = await this.send(chunk);
        this.pushSize = nextPushSize(this.pushSize, chunk.length, this.clock() - started);
        this.onResults(chunk, res, next);
        changes.push(...res.changes);
        let more = res.more === true;
        while (more) {
          const page = await this.send([]);
          changes.push(...page.changes);
          more = page.more === true;
        }
        if (chunk.length === 0) break; // nothing to push: the one request was the pull
      }
      if (round === 0) this.releaseHeldBack(next);
      this.onChanges(changes, next);
      if (round === 0) this.pushUnlinkedNotPulled(next);
      if (round === 0) this.pushFreshNotMatched(next);
      this.reconcileResets(next);
      if (next.length === 0 || this.plan.report.dryRun) return;
      queue = next;
    }
  }

  private clock(): number {
    return this.options.clock?.() ?? performance.now();
  }

  private async send(push: PushedRecord[]): Promise<SyncResponse> {
    const operationId =
      push.length > 0
        ? `op-${fingerprint(stableJson(push))}${fingerprint(push.map((p) => p.id).join("|"))}`
        : `pull-${newRecordId()}`;
    const res = await this.transport.sync({
      year: this.state.year!,
      operationId,
      cursor: this.cursor ?? this.state.cursor,
      push,
    });
    // A dry run pages on with its own cursor (else `more` would ask for the same page forever).
    this.cursor = res.cursor;
    if (!this.plan.report.dryRun) this.state.cursor = res.cursor;
    this.plan.report.pushed += push.length;
    this.member = res.member;
    this.plan.report.member = res.member;
    for (const unit of res.resets ?? []) this.resetUnits.add(unit);
    return res;
  }

  /** Local changes since the last sync: new and edited rows, moves, and rows deleted since. */
  private initialPushes(): PushedRecord[] {
    const pushes: PushedRecord[] = [];
    const offer = (p: PushedRecord, known: SyncState["records"][string] | undefined) => {
      // Refused before, unchanged since: held back until we know who is syncing now.
      if (known?.refused && known.refused.push === pushPrint(p))
        this.heldBack.push({ push: p, refused: known.refused });
      else pushes.push(p);
    };
    const present = new Set([...this.locals.keys(), ...this.read.idsInErrorRows]);
    for (const local of this.locals.values()) {
      const known = this.state.records[local.id];
      if (known && known.kind !== local.kind) continue; // (kind, id) is the identity: not this record
      if (!known && local.unlinked) {
        this.unlinked.add(local.id); // linked by the pull, or pushed as new after it
        continue;
      }
      if (!known && local.fresh && this.syncedBefore) {
        // Matched with the pull's new records first: a copy put back from before its last sync
        // holds rows that sync pushed under other ids.
        const key = contentKey(local.kind, local.data);
        this.freshHeld.set(key, [...(this.freshHeld.get(key) ?? []), local]);
        continue;
      }
      if (known && known.unit !== local.unit && known.version !== null) {
        // A change of unit moves the record to another partition: one push, applied or refused whole.
        offer(
          {
            kind: local.kind,
            id: local.id,
            unit: local.unit,
            fromUnit: known.unit,
            baseVersion: known.version,
            data: local.data,
          },
          known,
        );
      } else if (!known || known.version === null || !sameData(known.base, local.data)) {
        offer(
          {
            kind: local.kind,
            id: local.id,
            unit: local.unit,
            baseVersion: known?.version ?? null,
            data: local.data,
          },
          known,
        );
      }
    }
    for (const [id, known] of Object.entries(this.state.records)) {
      // Never accepted by the server and its row gone: nothing left to agree on.
      if (!present.has(id) && known.version === null) delete this.state.records[id];
      if (present.has(id) || known.version === null) continue;
      offer(
        {
          kind: known.kind,
          id,
          unit: known.unit,
          baseVersion: known.version,
          deleted: true,
          data: known.base,
        },
        known,
      );
    }
    return pushes;
  }

  /**
   * A refusal belongs to the member who was refused: once the first answer says who is syncing, the
   * records refused to someone else (or to other rights) are pushed again; the others are reported again.
   */
  private releaseHeldBack(next: PushedRecord[]): void {
    for (const { push, refused } of this.heldBack) {
      if (!sameMember(refused.member, this.member)) next.push(push);
      // A deletion is only ever refused for rights (403): one noted by a version that did not put
      // the row back (a leader's copy synced before) is put back now, not reported at every sync.
      else if (push.deleted && this.putBackRefusedDeletion(push, 403))
        this.reportRefusal(push, refused.reason, true);
      else this.reportRefusal(push, refused.reason);
    }
  }

  private reportRefusal(p: PushedRecord, reason: Message, putBack = false): void {
    const local = this.locals.get(p.id);
    // A row deleted here has no row to name: the refusal names its record (a code, a task's content).
    const label = p.kind === "dossier" ? (p.data.code ?? p.data.procedure) : p.data.content;
    const back = putBack ? { vi: "; đã trả lại dòng", en: "; the row was put back" } : { vi: "", en: "" };
    const gone =
      !local && typeof label === "string"
        ? {
            vi: ` (dòng đã xóa ở sổ này: ${label}${back.vi})`,
            en: ` (a row deleted in this workbook: ${label}${back.en})`,
          }
        : undefined;
    this.plan.report.rejected.push({
      sheet: local?.sheet ?? "",
      row: local ? local.row + 1 : null,
      column: null,
      message: gone ? { vi: reason.vi + gone.vi, en: reason.en + gone.en } : reason,
    });
  }

  private onResults(pushed: PushedRecord[], res: SyncResponse, next: PushedRecord[]): void {
    res.results.forEach((result, i) => {
      const p = pushed[i]!;
      if (result.status === "applied") {
        this.onServer.add(`${p.unit}|${p.kind}|${p.id}`);
        this.ownVersions.set(`${p.unit}|${p.kind}|${p.id}`, result.version);
        if (p.deleted) {
          if (this.state.records[p.id]?.unit === p.unit) delete this.state.records[p.id];
        } else
          this.state.records[p.id] = { kind: p.kind, unit: p.unit, version: result.version, base: p.data };
      } else if (result.status === "rejected" && this.putBackRefusedDeletion(p, result.httpStatus)) {
        this.reportRefusal(p, result.reason, true);
      } else if (result.status === "rejected") {
        this.reportRefusal(p, result.reason);
        // What was agreed before stays (version and base); the refusal is noted for this member.
        const known = this.state.records[p.id];
        const refused = { member: res.member, push: pushPrint(p), reason: result.reason };
        if (known && known.kind === p.kind) known.refused = refused;
        else if (!p.deleted)
          this.state.records[p.id] = { kind: p.kind, unit: p.unit, version: null, base: {}, refused };
      } else if (result.server === null) {
        // The server has no such record (it was never created there, or it lost it): send it as new.
        next.push({ kind: p.kind, id: p.id, unit: p.unit, baseVersion: null, data: p.data });
      } else {
        this.onServer.add(`${result.server.unit}|${result.server.kind}|${result.server.id}`);
        this.resolve(result.server, next);
      }
    });
  }

  /**
   * A deletion the member has no right to make (a leader's read-only copy, another unit's record):
   * the row is given back from the copy this workbook last agreed on with the server, so that the
   * workbook and the server (and the summary, computed there) count the same records. Answers
   * whether it was given back.
   */
  private putBackRefusedDeletion(p: PushedRecord, httpStatus: number): boolean {
    const known = this.state.records[p.id];
    if (!p.deleted || httpStatus !== 403 || known?.kind !== p.kind || known.version === null) return false;
    if (this.locals.has(p.id) || this.insertedRows.has(p.id)) return true;
    delete known.refused;
    return this.insertRow({ kind: known.kind, id: p.id, unit: known.unit, data: known.base });
  }

  /**
   * Changes pulled from other writers: the latest of each record. A record lives in one partition
   * at a time; a change of unit arrives as a tombstone in the old partition and a record in the new
   * one, and the live one wins.
   */
  private onChanges(changes: StoredRecord[], next: PushedRecord[]): void {
    const byId = new Map<string, StoredRecord>();
    const rank = (c: StoredRecord) => (c.deleted ? 0 : 1e12) + c.version;
    for (const c of changes) {
      this.onServer.add(`${c.unit}|${c.kind}|${c.id}`);
      const key = recordKey(c.kind, c.id);
      if (!byId.has(key) || rank(c) > rank(byId.get(key)!)) byId.set(key, c);
    }
    const tombstones = new Map(
      changes.filter((c) => c.deleted).map((c) => [`${recordKey(c.kind, c.id)}|${c.unit}`, c]),
    );
    for (let change of byId.values()) {
      if ((this.ownVersions.get(`${change.unit}|${change.kind}|${change.id}`) ?? 0) >= change.version)
        continue;
      const known = this.state.records[change.id];
      if (known && known.kind !== change.kind) continue; // another kind's record with the same id
      if (change.deleted && known && known.unit !== change.unit && known.version !== null) {
        // Another unit's tombstone (a move left it there): only a tombstone where we know the record counts.
        const here = tombstones.get(`${recordKey(change.kind, change.id)}|${known.unit}`);
        if (!here) continue;
        change = here;
      }
      if (known && known.unit === change.unit && this.resetUnits.has(change.unit)) {
        if (this.reconcileEpoch(change, known, next)) continue;
      } else if (
        known &&
        known.unit === change.unit &&
        known.version !== null &&
        known.version >= change.version
      )
        continue;
      if (!known && !change.deleted && !this.locals.has(change.id)) this.matchFresh(change);
      const local = this.locals.get(change.id);
      if (local && local.kind !== change.kind) continue;
      this.plan.report.pulled++;
      this.resolve(change, next);
    }
  }

  /**
   * A record of a partition resent under another epoch (a store restored, or that lost writes):
   * versions of the old epoch mean nothing, values do. The same values: only the version is new.
   * The workbook holds what it last synced and the server another value: the server lost that
   * write, and the workbook gives it back (counted in `restored`). Anything else merges as usual.
   * Answers whether the change is dealt with.
   */
  private reconcileEpoch(
    change: StoredRecord,
    known: SyncState["records"][string],
    next: PushedRecord[],
  ): boolean {
    known.version = null; // the old epoch's version is never pushed as a base
    const local = this.locals.get(change.id);
    if (!change.deleted && sameData(known.base, change.data)) {
      known.version = change.version;
      return true;
    }
    if (!change.deleted && local && local.kind === change.kind && sameData(known.base, local.data)) {
      known.version = change.version;
      known.base = change.data;
      next.push({
        kind: local.kind,
        id: local.id,
        unit: local.unit,
        baseVersion: change.version,
        data: local.data,
      });
      this.plan.report.restored++;
      return true;
    }
    return false;
  }

  /**
   * After a partition was resent from the start: a record this workbook synced there that the
   * server no longer has is given back as new (its row is still here), or forgotten (its row is
   * gone too). Nothing is deleted, nothing duplicated: ids stay.
   */
  private reconcileResets(next: PushedRecord[]): void {
    const queued = new Set(next.map((p) => recordKey(p.kind, p.id)));
    for (const unit of this.resetUnits) {
      if (this.reconciled.has(unit)) continue;
      this.reconciled.add(unit);
      for (const [id, known] of Object.entries(this.state.records)) {
        if (known.unit !== unit || this.onServer.has(`${unit}|${known.kind}|${id}`)) continue;
        if (queued.has(recordKey(known.kind, id)) || known.refused) continue;
        const hidden = known.kind === "dossier" && this.member?.role === "staff" && this.member.unit !== unit;
        if (hidden) continue; // staff never see other units' dossiers: absence says nothing
        const local = this.locals.get(id);
        if (local && local.kind === known.kind && local.unit === unit) {
          next.push({ kind: local.kind, id, unit, baseVersion: null, data: local.data });
          this.plan.report.restored++;
        } else if (!local) delete this.state.records[id];
      }
    }
    if (this.resetUnits.size > 0 && !this.plan.report.notices.some((n) => n.en.startsWith("The server")))
      this.plan.report.notices.push({
        vi: `Máy chủ đã mất hoặc khôi phục dữ liệu của ${[...this.resetUnits].join(", ")}: đã đối chiếu lại theo mã bản ghi.`,
        en: `The server lost or restored the data of ${[...this.resetUnits].join(", ")}: records were reconciled by id.`,
      });
  }

  /** Brings a record to the server's copy `server`, merging with local edits; never silently drops either. */
  private resolve(server: StoredRecord, next: PushedRecord[]): void {
    const key = `${server.unit}|${server.kind}|${server.id}`;
    if ((this.resolved.get(key) ?? -1) >= server.version) return;
    this.resolved.set(key, server.version);
    this.unlinked.delete(server.id);
    const local = this.locals.get(server.id);
    const known = this.state.records[server.id];
    const decision = decide({
      server,
      ...(local && { local }),
      ...(known && { known }),
      rowInError: !local && this.read.idsInErrorRows.includes(server.id),
      ...(this.options.prefer && { prefer: this.options.prefer }),
      ...(this.options.choices && { choices: this.options.choices }),
    });
    this.apply(decision, server, local, next);
  }

  /** Carries out a record's decision: cells, rows, conflicts, the sync state and the next push. */
  private apply(
    d: Decision,
    server: StoredRecord,
    local: LocalRecord | undefined,
    next: PushedRecord[],
  ): void {
    // A workbook with no sheet for this kind does not hold it: not recorded, so never pushed as deleted.
    if (d.insert && !this.insertRow(server)) return;
    if (d.merged) this.plan.report.merged++;
    if (d.state === "accept")
      this.state.records[server.id] = {
        kind: server.kind,
        unit: server.unit,
        version: server.version,
        base: server.data,
      };
    else if (d.state === "forget") delete this.state.records[server.id];
    for (const c of d.conflicts) this.openConflict(server, c, local);
    if (local && d.write) this.holdFormulaWrites(server, local, d, next);
    if (local && d.write) this.writeRow(local, d.write);
    if (local && d.removeRow) this.deleteRow(local);
    if (d.push) next.push(d.push);
  }

  /**
   * Unlinked rows the first pull did not bring: the server did not send them (the cursor was past
   * them, or it has no such record). Pushed as new: the server creates them, or answers with its
   * copy, which is then reconciled like a pulled one.
   */
  private pushUnlinkedNotPulled(next: PushedRecord[]): void {
    for (const id of this.unlinked) {
      const local = this.locals.get(id)!;
      next.push({ kind: local.kind, id, unit: local.unit, baseVersion: null, data: local.data });
    }
    this.unlinked.clear();
  }

  /**
   * A pulled record this workbook does not know, with exactly the values of a new row held back:
   * the same record (a copy put back from before the sync that pushed it). The row takes its id;
   * the random id it was given is replaced in the same write.
   */
  private matchFresh(change: StoredRecord): void {
    const key = contentKey(change.kind, change.data);
    const held = this.freshHeld.get(key);
    const local = held?.shift();
    if (!local) return;
    if (held!.length === 0) this.freshHeld.delete(key);
    this.locals.delete(local.id);
    local.id = change.id;
    delete local.fresh;
    this.locals.set(change.id, local);
    this.plan.edit.cells.push({
      sheet: local.sheet,
      row: local.row,
      col: this.ids.of(local.sheet),
      value: change.id,
    });
  }

  /** New rows the pull did not match: pushed as new records. */
  private pushFreshNotMatched(next: PushedRecord[]): void {
    for (const local of [...this.freshHeld.values()].flat())
      next.push({ kind: local.kind, id: local.id, unit: local.unit, baseVersion: null, data: local.data });
    this.freshHeld.clear();
  }

  /** Whether the user keeps this workbook's value of a record's field (--prefer mine, or a choice). */
  private keepsMine(id: string, field: string): boolean {
    return (this.options.choices?.[`${id}/${field}`] ?? this.options.prefer) === "mine";
  }

  /**
   * Fields held by a formula at the last sync (formula-holds.ts): the row counts as holding the
   * server's value and the conflict is reported again, while the cell still holds a formula whose
   * value differs and the user has not chosen to keep it.
   */
  private holdFormulaFields(): void {
    for (const c of this.state.conflicts ?? []) {
      const local = c.formula ? this.locals.get(c.id) : undefined;
      if (!local || local.kind !== c.kind || this.keepsMine(c.id, c.field)) continue;
      const h = heldColumn(local.kind, c.field, this.columns(local.sheet));
      if (!h || !this.isFormula(local.sheet, local.row, h.col)) continue;
      if (h.keys.every((k) => stableJson(local.data[k]) === stableJson(c.theirsData[k]))) continue;
      const mine = local.data[c.field];
      for (const k of h.keys) local.data = withValue(local.data, k, c.theirsData[k]);
      this.plan.conflicts.push({ ...c, mine, sheet: local.sheet, row: local.row + 1, col: h.col });
    }
  }

  /**
   * A pulled value for a cell holding a formula is not written: the field is held (an open conflict
   * marked `formula`), or, when the user keeps this workbook's value, pushed over the server's.
   */
  private holdFormulaWrites(server: StoredRecord, local: LocalRecord, d: Decision, next: PushedRecord[]) {
    const write = d.write!;
    const isFormula = (col: number) => this.isFormula(local.sheet, local.row, col);
    const columns = this.columns(local.sheet);
    const mine: string[] = [];
    for (const h of formulaColumnsChanged(local.kind, local.data, write, columns, isFormula, this.ctx)) {
      if (this.keepsMine(server.id, h.field)) {
        mine.push(...h.keys);
        continue;
      }
      const held = {
        field: h.field,
        mine: local.data[h.field],
        theirs: write[h.field],
        formula: true as const,
      };
      this.openConflict(server, held, local);
      for (const k of h.keys) local.data = withValue(local.data, k, write[k]);
    }
    if (mine.length === 0) return;
    let data = d.push?.data ?? write;
    for (const k of mine) data = withValue(data, k, local.data[k]);
    if (d.push) d.push.data = data;
    else
      next.push({ kind: server.kind, id: server.id, unit: server.unit, baseVersion: server.version, data });
    for (const k of mine) local.data = withValue(local.data, k, write[k]);
  }

  private openConflict(
    server: StoredRecord,
    { field, mine, theirs, formula }: { field: string; mine: unknown; theirs: unknown; formula?: true },
    local?: LocalRecord,
  ): void {
    // One open conflict per record and field (a held formula field is reported again at each sync).
    const same = (c: ConflictReport) => c.id === server.id && c.field === field;
    const open = this.plan.conflicts.findIndex(same);
    if (open >= 0) this.plan.conflicts.splice(open, 1);
    const where = local ?? this.locals.get(server.id);
    const conflict: ConflictReport = {
      id: server.id,
      kind: server.kind,
      field,
      mine,
      theirs,
      theirsVersion: server.version,
      theirsData: server.data,
      who: server.updatedBy,
      at: server.updatedAt,
      sheet: where?.sheet ?? "",
      row: where ? where.row + 1 : 0,
      ...(formula && { formula }),
    };
    const shown = where
      ? [
          ...rowCells(
            server.kind,
            { ...server.data, [field]: theirs ?? null },
            this.columns(where.sheet),
            this.ctx,
            new Set([field]),
          ).keys(),
        ][0]
      : undefined;
    if (shown !== undefined) conflict.col = shown;
    this.plan.conflicts.push(conflict);
  }

  private columns(sheet: string): Map<string, number> {
    let cols = this.columnsBySheet.get(sheet);
    if (!cols) {
      const mapping = this.read.mapping.find((m) => m.sheet === sheet);
      this.columnsBySheet.set(sheet, (cols = fieldColumns(mapping?.columns ?? [])));
    }
    return cols;
  }

  /** Writes into a record's row the fields whose values differ from what the row holds. */
  private writeRow(local: LocalRecord, data: RecordData): void {
    const changed = new Set(
      [...new Set([...Object.keys(data), ...Object.keys(local.data)])].filter(
        (k) => stableJson(data[k]) !== stableJson(local.data[k]),
      ),
    );
    if (changed.size === 0) return;
    for (const [col, value] of rowCells(local.kind, data, this.columns(local.sheet), this.ctx, changed))
      this.plan.edit.cells.push({ sheet: local.sheet, row: local.row, col, value });
  }

  private deleteRow(local: LocalRecord): void {
    const key = `${local.sheet}!${local.row}`;
    if (this.deletedRows.has(key)) return;
    this.deletedRows.add(key);
    this.plan.deletes.push({ sheet: local.sheet, row: local.row });
    this.plan.report.deleted++;
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

  /** A record new to this workbook goes into its sheet: a task under its field's section, a dossier at the end. */
  private insertRow(server: RowSource): boolean {
    this.chooseSheet ??= pulledSheetChooser(this.read.mapping, this.locals.values());
    const mapping = this.chooseSheet(server);
    if (!mapping) return false;
    const sheet = mapping.sheet;
    const cols = this.columns(sheet);
    const after = insertionRow(mapping, server, this.recordRows(sheet));
    const cells = rowCells(server.kind, server.data, cols, this.ctx);
    cells.set(this.ids.of(sheet), server.id);
    const values: CellValue[] = [];
    for (const [col, value] of cells) values[col] = value;
    for (let c = 0; c < values.length; c++) if (values[c] === undefined) values[c] = null;
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
}

/** What a new row is written from: a pulled record, or a copy the workbook synced before. */
type RowSource = Pick<StoredRecord, "kind" | "id" | "unit" | "data">;

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

/** `data` with `key` set to `value` (removed when undefined: JSON leaves it out). */
function withValue(data: RecordData, key: string, value: unknown): RecordData {
  const out = { ...data };
  if (value === undefined) delete out[key];
  else out[key] = value as RecordData[string];
  return out;
}
