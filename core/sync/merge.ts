import { stableJson, type RecordData } from "./record-data";

export interface MergeResult {
  merged: RecordData;
  /** Fields changed on both sides to different values: never decided silently. */
  conflicts: string[];
}

/**
 * Three-way merge field by field: a field changed on one side only takes that side; changed on
 * both to the same value is no conflict; changed on both to different values is a conflict, and
 * `merged` keeps the local value there until the user chooses.
 */
export function merge3(base: RecordData, mine: RecordData, theirs: RecordData): MergeResult {
  const merged: RecordData = {};
  const conflicts: string[] = [];
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const key of [...keys].sort()) {
    const [b, m, t] = [stableJson(base[key]), stableJson(mine[key]), stableJson(theirs[key])];
    const value = m !== b ? mine[key] : theirs[key];
    if (m !== b && t !== b && m !== t) conflicts.push(key);
    if (value !== undefined) merged[key] = value;
  }
  return { merged, conflicts };
}
