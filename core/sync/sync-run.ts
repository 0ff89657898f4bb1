/**
 * One sync's shared state, passed as one explicit object to each part of the exchange (push
 * results, pulled changes, held-back refusals, server resets, conflicts): what was read, what is
 * planned, the rows this sync writes, what the server has said so far, and the rows waiting on it.
 */
import type { WorkbookRead } from "../layout/read-workbook";
import type { IdColumns } from "./id-columns";
import type { LocalRecord } from "./local-record";
import type { MemberInfo, PushedRecord } from "./protocol";
import { RowWriter } from "./row-writer";
import type { ValueContext } from "./row-values";
import type { SyncOptions } from "./sync-options";
import type { Plan } from "./sync-plan";
import type { SyncState } from "./sync-state";
import { formulaKey, type PortSheet } from "./workbook-port";

export interface SyncRun {
  readonly options: SyncOptions;
  readonly state: SyncState;
  readonly read: WorkbookRead;
  readonly ids: IdColumns;
  /** The workbook's records by id (a new row matched with a pulled record takes that record's id). */
  readonly locals: Map<string, LocalRecord>;
  readonly plan: Plan;
  readonly rows: RowWriter;
  readonly server: ServerSaid;
  readonly waiting: WaitingRows;
}

/** What the server has told this sync so far. Records are keyed `unit|kind|id` (partitionKey). */
export interface ServerSaid {
  /** Who the server says the caller is (from the first answer). */
  member: MemberInfo | undefined;
  /** The version each of this sync's own pushes was applied as: pulled back, it is no change. */
  readonly ownVersions: Map<string, number>;
  /** The server version each record was last brought to: a conflict answer and a pulled change can carry the same. */
  readonly resolved: Map<string, number>;
  /** Every record this sync saw on the server (results and changes). */
  readonly onServer: Set<string>;
  /** Units whose partition the server resent from the start (another epoch), and those reconciled. */
  readonly resetUnits: Set<string>;
  readonly reconciled: Set<string>;
}

/** A push the server refused before, unchanged since: sent again only to another member or changed rights. */
export interface HeldBack {
  push: PushedRecord;
  refused: NonNullable<SyncState["records"][string]["refused"]>;
}

/** Local rows whose push waits for the server's first answer. */
export interface WaitingRows {
  /** Rows with ids unknown to the state, not yet matched with a server copy. */
  readonly unlinked: Set<string>;
  /** New rows of a workbook synced before, held back until the first pull (by content key). */
  readonly freshHeld: Map<string, LocalRecord[]>;
  /** Pushes the server refused before, held back until it says who is syncing. */
  readonly heldBack: HeldBack[];
  /** Records whose deletion waits for a yes (held-deletions.ts): no --prefer mine deletes them. */
  readonly heldDeletions: Set<string>;
}

/** The shared state of a sync as its exchange starts; `sheets` tell which cells hold formulas. */
export function startRun(given: Omit<SyncRun, "rows" | "server" | "waiting">, sheets: PortSheet[]): SyncRun {
  const ctx: ValueContext = { fields: given.read.fields, unitName: (k) => given.read.context.unitName(k) };
  const formulas = new Map(sheets.map((sh) => [sh.name, sh.formulaCells]));
  const isFormula = (sheet: string, row: number, col: number) =>
    formulas.get(sheet)?.has(formulaKey(row, col)) ?? false;
  const rows = new RowWriter(given.read, given.locals, given.plan, given.ids, ctx, isFormula);
  return { ...given, rows, server: newServerSaid(), waiting: newWaitingRows() };
}

function newServerSaid(): ServerSaid {
  return {
    member: undefined,
    ownVersions: new Map(),
    resolved: new Map(),
    onServer: new Set(),
    resetUnits: new Set(),
    reconciled: new Set(),
  };
}

function newWaitingRows(): WaitingRows {
  return { unlinked: new Set(), freshHeld: new Map(), heldBack: [], heldDeletions: new Set() };
}
