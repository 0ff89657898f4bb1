/**
 * The sync state through one run: read from the workbook (or reset), the options it remembers,
 * started afresh for another server or plan year, and compared after the run to tell whether the
 * sync changed anything at all.
 */
import type { Message } from "../model/records";
import { decodeStateCells, isCurrentStateFormat } from "./state-sheet";
import type { SyncOptions } from "./sync-options";
import { emptyState, parseState, type SyncState } from "./sync-state";
import type { WorkbookSnapshot } from "./workbook-port";

/** What the state was before this sync, to tell afterwards whether the sync changed anything. */
export interface StateBefore {
  cells: string[] | undefined;
  text: string | undefined;
  summaryDigest: SyncState["summaryDigest"];
}

/** The state as the workbook holds it (and as it was, to compare after the run); empty when reset. */
export function loadState(
  snapshot: WorkbookSnapshot,
  options: SyncOptions,
): { state: SyncState; before: StateBefore } {
  // Read first: a damaged state stops the sync before anything is written (unless reset).
  const text = options.resetState ? undefined : decodeStateCells(snapshot.stateCells ?? []);
  const state = options.resetState ? emptyState() : parseState(text);
  return { state, before: { cells: snapshot.stateCells, text, summaryDigest: state.summaryDigest } };
}

/** The options this workbook remembers from now on; answers the server it synced with before. */
export function rememberOptions(state: SyncState, options: SyncOptions): string | undefined {
  if (options.includePersonalData !== undefined) state.includePersonalData = options.includePersonalData;
  const syncedServer = state.server;
  if (options.server) state.server = options.server;
  if (options.mappingOverrides) state.mappingOverrides = options.mappingOverrides;
  if (state.mappingOverrides && Object.keys(state.mappingOverrides).length === 0)
    delete state.mappingOverrides;
  return syncedServer;
}

/**
 * A workbook whose state names another server or plan year starts fresh for this one: that other
 * server's versions and cursor mean nothing here, so none is ever pushed as a base version. Its
 * records are offered as new (the server answers its copy of those it has, and they merge).
 */
export function startFreshIfElsewhere(
  state: SyncState,
  syncedServer: string | undefined,
  server: string | undefined,
  year: number,
): Message | undefined {
  const norm = (u: string) => u.replace(/\/+$/, "").toLowerCase();
  const otherServer =
    syncedServer !== undefined && server !== undefined && norm(syncedServer) !== norm(server);
  const otherYear = state.year !== undefined && state.year !== year;
  if (!otherServer && !otherYear) return undefined;
  state.cursor = {};
  for (const known of Object.values(state.records)) {
    known.version = null;
    delete known.refused;
  }
  return otherServer
    ? {
        vi: `Sổ tính đã đồng bộ với máy chủ khác (${syncedServer}): bắt đầu lại với ${server}, đối chiếu bản ghi theo mã, không đẩy phiên bản của máy chủ cũ.`,
        en: `The workbook was synced with another server (${syncedServer}): starting afresh with ${server}, records matched by id, no version of the other server pushed.`,
      }
    : {
        vi: `Sổ tính đã đồng bộ cho năm ${state.year}, nay là năm ${year}: bắt đầu lại, đối chiếu bản ghi theo mã.`,
        en: `The workbook was synced for plan year ${state.year}, now ${year}: starting afresh, records matched by id.`,
      };
}

/**
 * Whether the state this sync leaves (`after`, serialized) is the one it found, in the current
 * format, but for the sync's time: the same summary, the same records, cursor and conflicts.
 */
export function stateUnchanged(before: StateBefore, state: SyncState, after: string): boolean {
  return (
    isCurrentStateFormat(before.cells) &&
    state.summaryDigest === before.summaryDigest &&
    sameStateButTime(before.text, after)
  );
}

/**
 * Whether two state texts differ only in the sync's time and the summary's fingerprints (which
 * name the summary's time too): then a sync changed nothing the state holds.
 */
function sameStateButTime(before: string | undefined, after: string): boolean {
  const timeless = (text: string) =>
    text.replace(/"lastSync":"[^"]*"/, "").replace(/"summaryWritten":\[[^\]]*\]/, "");
  return before !== undefined && timeless(before) === timeless(after);
}
