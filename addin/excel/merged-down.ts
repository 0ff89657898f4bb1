/// <reference types="office-js" />
import { mergedDownToSplit, type PortSheet, type WorkbookEdit } from "../../core/sync";
import type { Batch } from "./batch";
import { needsTextFormat, toRaw } from "./cell-values";
import { COMMAND_BYTES, jsonBytes } from "./office";

/**
 * Before an edit is applied, splits the areas merged down one column beside a group of rows that it
 * writes into or whose rows it does not keep together (core decides which: mergedDownToSplit). Each
 * cell of such a group then shows the group's value, as core read it for each row, so that a
 * change pulled for one row changes that row only and a deleted row does not take the group's value
 * with it. Excel keeps the merged area's format on the cells it unmerges. `asRead` follows: the
 * cells now hold the group's value and the merges are gone.
 */
export async function splitMergedDown(
  batch: Batch,
  edit: WorkbookEdit,
  asRead: Map<string, PortSheet> | undefined,
): Promise<void> {
  for (const [name, sheet] of asRead ?? []) {
    const split = mergedDownToSplit(
      sheet.merges,
      edit.cells.filter((w) => w.sheet === name),
      edit.rowOps.filter((op) => op.sheet === name),
    );
    if (split.length === 0) continue;
    const ws = batch.ctx.workbook.worksheets.getItem(name);
    for (const m of split) {
      const value = sheet.rows[m.top]?.[m.left] ?? null;
      const raw = toRaw(value);
      const count = m.bottom - m.top;
      await batch.room(4 * COMMAND_BYTES + count * (jsonBytes(raw) + 6), 0, count);
      ws.getRangeByIndexes(m.top, m.left, count + 1, 1).unmerge();
      if (raw !== "") {
        const below = ws.getRangeByIndexes(m.top + 1, m.left, count, 1);
        if (typeof raw === "string" && needsTextFormat(raw)) below.numberFormat = Array(count).fill(["@"]);
        below.values = Array.from({ length: count }, () => [raw]);
      }
      for (let r = m.top + 1; r <= m.bottom; r++) (sheet.rows[r] ??= [])[m.left] = value;
    }
    sheet.merges = sheet.merges.filter((m) => !split.includes(m));
  }
}
