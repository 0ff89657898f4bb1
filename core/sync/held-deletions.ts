/**
 * Deletions held for a yes (T16). A record agreed with the server whose row is gone is deleted on
 * the server, and that delete is pulled into every colleague's copy: right for a row deleted on
 * purpose, data loss for the department when a whole sheet was deleted or most of its rows cleared
 * by accident (select all + Delete, a paste over the wrong range, an old sheet deleted after a
 * filter was copied out). As OneDrive and Google Drive do before a mass delete, such deletions are
 * held: not sent, the records kept on the server and in the sync state (so the next sync holds
 * them again, and a colleague's copy is not touched), and reported until the user confirms them
 * (`cchc sync --confirm-deletes`: those a sync has shown; the pane's button: those it shows) or gives the rows back (undo, or the rows
 * pasted back with their hidden ids: they link again, nothing is created twice).
 *
 * Per sheet the records were on at the last sync, deletions are held when
 * - the sheet is no longer a record sheet of the workbook (deleted, or no longer read), whatever
 *   their number;
 * - every record of the sheet goes, when it had at least EMPTIED_SHEET_MIN of them;
 * - more than MASS_DELETE_COUNT records go and more than MASS_DELETE_SHARE of the sheet's records
 *   (our choice: a user tidying a register deletes a few rows at a time; 21 of 100 is deliberate
 *   work worth one confirmation, 21 of 5,000 is not).
 */
import type { SheetMapping } from "../model/records";
import type { Message } from "../model/records";
import type { RecordKind } from "./protocol";
import type { RecordState, SyncState } from "./sync-state";

export const MASS_DELETE_COUNT = 20;
export const MASS_DELETE_SHARE = 0.2;
export const EMPTIED_SHEET_MIN = 5;

/** Why a sheet's deletions are held. */
export type HoldReason = "sheet-gone" | "emptied" | "many";

/** One sheet's deletions waiting for a yes. */
export interface HeldDeletions {
  /** The sheet the records were on at the last sync ("" when an older sync state did not say). */
  sheet: string;
  kind: RecordKind;
  reason: HoldReason;
  /** The records held (ids), and how many records the sheet had at the last sync. */
  ids: string[];
  synced: number;
}

/**
 * Which held deletions go ahead: all those a sync has shown (`--confirm-deletes`: the records the
 * state flags `held`) or the records named (the pane's button).
 */
export type DeleteConfirmation = true | readonly string[];

export interface DeletionCandidate {
  id: string;
  known: RecordState;
}

/**
 * Splits the deletions a sync would push into those sent and those held. `sheetsNow`: the sheets
 * read as plans or registers in this sync.
 */
export function holdDeletions(
  candidates: readonly DeletionCandidate[],
  state: SyncState,
  sheetsNow: ReadonlySet<string>,
  confirmed?: DeleteConfirmation,
): { send: DeletionCandidate[]; held: HeldDeletions[] } {
  if (candidates.length === 0) return { send: [], held: [] };
  const sheetOf = lastSheetOf(state.mapping);
  const synced = new Map<string, number>();
  for (const known of Object.values(state.records))
    if (known.version !== null) {
      const key = groupKey(sheetOf(known), known.kind);
      synced.set(key, (synced.get(key) ?? 0) + 1);
    }
  const groups = new Map<string, DeletionCandidate[]>();
  for (const c of candidates) {
    const key = groupKey(sheetOf(c.known), c.known.kind);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const send: DeletionCandidate[] = [];
  const held: HeldDeletions[] = [];
  // "All" is all a sync has shown (flagged in the state), never a deletion made since.
  const yes = new Set(
    confirmed === true ? candidates.filter((c) => c.known.held === true).map((c) => c.id) : (confirmed ?? []),
  );
  for (const [key, list] of groups) {
    const sheet = sheetOf(list[0]!.known);
    const total = synced.get(key) ?? list.length;
    const reason = holdReason(
      sheet,
      list.length,
      total,
      sheetsNow,
      goneOfKind(state.mapping, list[0]!.known.kind, sheetsNow),
    );
    const waiting = reason === undefined ? [] : list.filter((c) => !yes.has(c.id));
    for (const c of list) if (waiting.length === 0 || yes.has(c.id)) send.push(c);
    if (reason && waiting.length > 0)
      held.push({ sheet, kind: list[0]!.known.kind, reason, ids: waiting.map((c) => c.id), synced: total });
  }
  return { send, held };
}

function holdReason(
  sheet: string,
  count: number,
  total: number,
  sheetsNow: ReadonlySet<string>,
  kindSheetGone: boolean,
): HoldReason | undefined {
  if (sheet !== "" && !sheetsNow.has(sheet)) return "sheet-gone";
  // An older state did not say which of several sheets a record was on: one of them gone may be
  // theirs, and a sheet emptied or mostly cleared cannot be told from rows spread over all of them,
  // so at the first sync since, as many deletions as would empty a sheet wait for a yes.
  if (sheet === "" && kindSheetGone) return "sheet-gone";
  if (sheet === "" && count >= EMPTIED_SHEET_MIN) return "many";
  if (count >= total && count >= EMPTIED_SHEET_MIN) return "emptied";
  if (count > MASS_DELETE_COUNT && count > MASS_DELETE_SHARE * total) return "many";
  return undefined;
}

/** Whether a sheet of the kind the last sync read is no longer read as one. */
function goneOfKind(
  mapping: SyncState["mapping"],
  kind: RecordKind,
  sheetsNow: ReadonlySet<string>,
): boolean {
  const sheetKind = kind === "task" ? "tasks" : "dossiers";
  return (mapping ?? []).some((m) => m.kind === sheetKind && !sheetsNow.has(m.sheet));
}

const groupKey = (sheet: string, kind: RecordKind) => `${kind}\u0000${sheet}`;

/**
 * The sheet a record was on at the last sync: the state says so (since T16); a state of an older
 * version does not, and then the one sheet of its kind the last sync read stands in ("" if several).
 */
function lastSheetOf(mapping: SyncState["mapping"]): (known: RecordState) => string {
  const only = (kind: SheetMapping["kind"]) => {
    const sheets = (mapping ?? []).filter((m) => m.kind === kind);
    return sheets.length === 1 ? sheets[0]!.sheet : "";
  };
  const byKind = { task: only("tasks"), dossier: only("dossiers") };
  return (known) => known.sheet ?? byKind[known.kind];
}

/** What a sheet's held deletions are, for the report (each adapter adds how it confirms). */
export function heldDeletionsMessage(h: HeldDeletions): Message {
  const n = h.ids.length;
  const [vi, en] = h.kind === "task" ? ["nhiệm vụ", "tasks"] : ["hồ sơ", "dossiers"];
  const viSheet = h.sheet === "" ? `Trang ${vi}` : `Trang "${h.sheet}"`;
  const enSheet = h.sheet === "" ? `The ${en} sheet` : `Sheet "${h.sheet}"`;
  const what: Message =
    h.reason === "sheet-gone"
      ? {
          vi: `${viSheet} không còn trong sổ với tên này (đã xóa, đổi tên, hoặc không còn được đọc là kế hoạch hay sổ hồ sơ)`,
          en: `${enSheet} is no longer in the workbook under this name (deleted, renamed, or no longer read as a plan or register)`,
        }
      : h.reason === "emptied"
        ? { vi: `${viSheet} đã bị xóa hết dòng`, en: `${enSheet} lost all its rows` }
        : {
            vi: `${viSheet} mất ${n}/${h.synced} dòng đã đồng bộ`,
            en: `${enSheet} lost ${n} of its ${h.synced} synced rows`,
          };
  return {
    vi: `${what.vi}: ${n} ${vi} CHƯA bị xóa trên máy chủ, chờ bạn xác nhận.`,
    en: `${what.en}: ${n} ${en} were NOT deleted on the server; they wait for your confirmation.`,
  };
}

/** How many records the held deletions name. */
export const heldCount = (held: readonly HeldDeletions[] | undefined) =>
  (held ?? []).reduce((n, h) => n + h.ids.length, 0);

/**
 * Each record's sheet as this sync leaves it (its row's, or the row a pull gave it), for the next
 * sync to tell which sheet's rows went. A record without a row here keeps the sheet it had.
 */
export function rememberSheets(
  state: SyncState,
  locals: ReadonlyMap<string, { sheet: string }>,
  inserts: readonly { sheet: string; id?: string | undefined }[],
): void {
  const inserted = new Map<string, string>();
  for (const i of inserts) if (i.id !== undefined) inserted.set(i.id, i.sheet);
  for (const [id, known] of Object.entries(state.records)) {
    const sheet = locals.get(id)?.sheet ?? inserted.get(id);
    if (sheet !== undefined && known.sheet !== sheet) known.sheet = sheet;
  }
}

/** Flags in the state the records whose deletion this sync held and showed (what `true` confirms next). */
export function flagHeld(state: SyncState, held: readonly HeldDeletions[]): void {
  const ids = new Set(held.flatMap((h) => h.ids));
  for (const [id, known] of Object.entries(state.records))
    if (ids.has(id)) known.held = true;
    else delete known.held;
}

/**
 * The held deletions as the sync ends: a record whose row came back in it (a colleague's edit
 * pulled over a row deleted here is a conflict that gives the row back) is no longer held.
 */
export function stillHeld(
  held: readonly HeldDeletions[],
  state: SyncState,
  hasRow: (id: string) => boolean,
): HeldDeletions[] {
  return held
    .map((h) => ({ ...h, ids: h.ids.filter((id) => state.records[id] !== undefined && !hasRow(id)) }))
    .filter((h) => h.ids.length > 0);
}
