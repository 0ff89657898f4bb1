import { merge3 } from "./merge";
import type { PushedRecord, RecordKind, StoredRecord } from "./protocol";
import { sameData, stableJson, unitOf, type RecordData } from "./record-data";

/** A record's row in this workbook, as read. */
export interface LocalSide {
  kind: RecordKind;
  id: string;
  unit: string;
  data: RecordData;
}

/** Everything one record's resolution looks at: nothing else is read, nothing is changed. */
export interface DecisionInput {
  /** The server's copy (pulled, or answered to a stale push). */
  server: StoredRecord;
  /** The record's row here; absent when the workbook has no row of it. */
  local?: LocalSide | undefined;
  /** What the last sync agreed on (the sync state's base); absent when this workbook never synced it. */
  known?: { base: RecordData } | undefined;
  /** The row is there but has an error to fix first (so it was not read as a record). */
  rowInError?: boolean | undefined;
  /** Its row is gone but its deletion waits for a yes (held-deletions.ts): --prefer mine does not send it. */
  deletionHeld?: boolean | undefined;
  prefer?: "mine" | "theirs" | undefined;
  /** Per-conflict answers keyed "<record id>/<field>" (field "deleted" for a delete), before `prefer`. */
  choices?: Record<string, "mine" | "theirs"> | undefined;
}

/** The rows of the decision table: which case applied (tests enumerate them; the engine applies the effects). */
export type DecisionRule =
  // No row here.
  | "gone-both" // a tombstone there and no row here: forget the record
  | "deleted-here-mine" // deleted here, the server has it, --prefer mine: push the delete
  | "row-in-error" // the row is there with an error: wait until it is fixed
  | "new-here" // a record this workbook never had: a new row
  | "deleted-here-edited-there" // deleted here, changed there: the row comes back, with a conflict
  // A row here, last synced values known.
  | "deleted-there" // a tombstone there, the row unchanged here: the row goes
  | "deleted-there-theirs" // a tombstone there, the row changed here, --prefer theirs: the row goes
  | "deleted-there-mine" // a tombstone there, the row changed here, --prefer mine: push it back
  | "deleted-there-edited-here" // a tombstone there, the row changed here: a conflict
  | "take-theirs" // unchanged here: the row takes the server's copy
  | "same-both" // changed here exactly as there (the same edit, or a write cut short): nothing to merge
  | "merge-conflict" // both changed a field to different values: a conflict, the rest merges in
  | "merge-same" // merged (choices made) into exactly the server's copy: nothing to push
  | "merge-push" // merged into something new: pushed (a move when its unit changed)
  // A row here with no last synced values (its id known to the server only).
  | "link-deleted-theirs"
  | "link-deleted-mine"
  | "link-deleted-conflict"
  | "link-same" // equal values: the row is linked
  | "link-theirs" // differing, --prefer theirs: the row takes the server's copy
  | "link-mine" // differing, --prefer mine: pushed
  | "link-conflict"; // differing, no preference: a conflict per differing field

export interface DecisionConflict {
  field: string;
  mine: unknown;
  theirs: unknown;
}

/** What to do with one record, before anything is done. */
export interface Decision {
  rule: DecisionRule;
  /** Values the record's row must show (only cells that differ get written). */
  write?: RecordData;
  /** The server's record gets a new row here (nothing else happens if the workbook has no sheet for it). */
  insert?: true;
  /** The record's row goes. */
  removeRow?: true;
  /** The sync state: take the server's copy as the last synced one, forget the record, or keep what it has. */
  state: "accept" | "forget" | "keep";
  push?: PushedRecord;
  conflicts: DecisionConflict[];
  /** Edits of both sides were merged (the report counts them). */
  merged?: true;
}

const decision = (rule: DecisionRule, d: Partial<Omit<Decision, "rule">> = {}): Decision => ({
  rule,
  state: "keep",
  conflicts: [],
  ...d,
});

/**
 * The record decision table: the local row, the last synced values and the server's copy decide
 * push / take the server's / conflict / wait / nothing. Pure: the engine applies the result.
 */
export function decide(input: DecisionInput): Decision {
  const { server, local, known } = input;
  const choice = (field: string) => input.choices?.[`${server.id}/${field}`] ?? input.prefer;
  if (local && !known) return decideUnlinked(server, local, input.prefer);
  if (!local) return decideNoRow(input, choice("deleted"));
  const base = known!.base;
  const localChanged = !sameData(base, local.data);
  if (server.deleted) return decideDeletedThere(local, server, localChanged, choice("deleted"));
  if (!localChanged) return decision("take-theirs", { write: server.data, state: "accept" });
  if (sameData(local.data, server.data)) return decision("same-both", { state: "accept" });
  const { merged, conflicts } = merge3(base, local.data, server.data);
  if (conflicts.some((f) => choice(f) === undefined))
    // Everything else of theirs comes in now; the conflicting fields stay as they are here.
    return decision("merge-conflict", {
      write: merged,
      merged: true,
      conflicts: conflicts.map((field) => ({ field, mine: local.data[field], theirs: server.data[field] })),
    });
  for (const f of conflicts) if (choice(f) === "theirs") merged[f] = server.data[f];
  if (sameData(merged, server.data))
    return decision("merge-same", { write: merged, merged: true, state: "accept" });
  // Merged into a record that lives in another unit's partition: that is a move, one push.
  const unit = unitOf(local.kind, merged);
  return decision("merge-push", {
    write: merged,
    merged: true,
    push: {
      kind: local.kind,
      id: local.id,
      unit,
      baseVersion: server.version,
      data: merged,
      ...(unit !== server.unit ? { fromUnit: server.unit } : {}),
    },
  });
}

/** The workbook has no row of the record (deleted here, never had it, or the row has an error). */
function decideNoRow(input: DecisionInput, prefer: "mine" | "theirs" | undefined): Decision {
  const { server, known } = input;
  const deletedHere = known !== undefined && !input.rowInError;
  if (server.deleted) return decision("gone-both", { state: "forget" });
  if (deletedHere && prefer === "mine" && !input.deletionHeld)
    return decision("deleted-here-mine", {
      push: {
        kind: server.kind,
        id: server.id,
        unit: server.unit,
        baseVersion: server.version,
        deleted: true,
        data: server.data,
      },
    });
  if (input.rowInError) return decision("row-in-error");
  if (!deletedHere) return decision("new-here", { insert: true, state: "accept" });
  return decision("deleted-here-edited-there", {
    insert: true,
    state: "accept",
    conflicts: [{ field: "deleted", mine: true, theirs: false }],
  });
}

function decideDeletedThere(
  local: LocalSide,
  server: StoredRecord,
  localChanged: boolean,
  prefer: "mine" | "theirs" | undefined,
): Decision {
  if (!localChanged) return decision("deleted-there", { removeRow: true, state: "forget" });
  if (prefer === "theirs") return decision("deleted-there-theirs", { removeRow: true, state: "forget" });
  if (prefer === "mine")
    return decision("deleted-there-mine", {
      push: {
        kind: local.kind,
        id: local.id,
        unit: local.unit,
        baseVersion: server.version,
        data: local.data,
      },
    });
  return decision("deleted-there-edited-here", {
    conflicts: [{ field: "deleted", mine: false, theirs: true }],
  });
}

/**
 * A row whose record this workbook holds no last synced copy of (no base): nothing tells which
 * side changed a field, so equal values just link the row, and each differing field is a
 * conflict unless --prefer chooses; never a new record, never a silent choice.
 */
function decideUnlinked(
  server: StoredRecord,
  local: LocalSide,
  prefer: "mine" | "theirs" | undefined,
): Decision {
  // Mine names another unit: a move, one push (never a second live copy); over a tombstone there,
  // simply a new record here.
  const mine = (): PushedRecord =>
    local.unit === server.unit
      ? { kind: local.kind, id: local.id, unit: local.unit, baseVersion: server.version, data: local.data }
      : {
          kind: local.kind,
          id: local.id,
          unit: local.unit,
          ...(server.deleted
            ? { baseVersion: null }
            : { baseVersion: server.version, fromUnit: server.unit }),
          data: local.data,
        };
  if (server.deleted) {
    if (prefer === "theirs") return decision("link-deleted-theirs", { removeRow: true });
    if (prefer === "mine") return decision("link-deleted-mine", { push: mine() });
    return decision("link-deleted-conflict", {
      conflicts: [{ field: "deleted", mine: false, theirs: true }],
    });
  }
  const differing = [...new Set([...Object.keys(local.data), ...Object.keys(server.data)])].filter(
    (f) => stableJson(local.data[f]) !== stableJson(server.data[f]),
  );
  if (differing.length === 0) return decision("link-same", { write: server.data, state: "accept" });
  if (prefer === "theirs")
    return decision("link-theirs", { write: server.data, state: "accept", merged: true });
  if (prefer === "mine") return decision("link-mine", { push: mine() });
  return decision("link-conflict", {
    conflicts: differing.map((field) => ({ field, mine: local.data[field], theirs: server.data[field] })),
  });
}
