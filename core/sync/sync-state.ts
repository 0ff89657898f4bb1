import type * as v from "valibot";
import { check } from "../schemas/problem";
import { SyncStateSchema, type OpenConflictSchema, type RecordStateSchema } from "../schemas/state";
import { DamagedStateError } from "./state-sheet";

/** What the workbook last agreed with the server about one record. */
export type RecordState = v.InferOutput<typeof RecordStateSchema>;

/** A field changed on both sides, waiting for the user (--prefer mine|theirs, or an edit). */
export type OpenConflict = v.InferOutput<typeof OpenConflictSchema>;

/**
 * The sync state kept in the workbook's hidden sheet, so that it travels with the file: records'
 * versions and base values, the pull cursor, the server and plan, the personal-data choice.
 */
export type SyncState = v.InferOutput<typeof SyncStateSchema>;

export function emptyState(): SyncState {
  return { format: 1, cursor: {}, includePersonalData: false, records: {}, conflicts: [] };
}

/** The state text (decoded from the state sheet) → the state; damage is a DamagedStateError, never a SyntaxError. */
export function parseState(text: string | undefined): SyncState {
  if (!text) return emptyState();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DamagedStateError("not JSON / không phải JSON");
  }
  const checked = check(SyncStateSchema, parsed);
  if (!checked.ok) throw new DamagedStateError(`${checked.message.en} / ${checked.message.vi}`);
  return checked.value;
}

/**
 * The state as text, its keys in the schema's order whatever order they were set in: the same
 * state always gives the same text, so a sync can tell that it changed nothing.
 */
export function serializeState(state: SyncState): string {
  const ordered: Record<string, unknown> = {};
  for (const key of STATE_KEYS) if (key in state) ordered[key] = state[key as keyof SyncState];
  return JSON.stringify(ordered);
}

const STATE_KEYS = Object.keys(SyncStateSchema.entries);
