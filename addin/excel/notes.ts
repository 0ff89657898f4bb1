/// <reference types="office-js" />
import { columnLetter } from "../../core/layout";
import type { CellNote } from "../../core/sync";
import type { Batch } from "./batch";
import { COMMAND_BYTES, jsonBytes } from "./office";
import { engineNote, isEngineNote } from "../../core/sync";

/** The notes found by the loads of `findNotes`, read after the next sync. */
export interface NoteLookup {
  existing: Excel.NoteCollection;
  targets: { note: CellNote; there: Excel.Note }[];
}

/**
 * Notes (ExcelApi 1.18): the engine's old notes (marked) are removed, the new ones added; a cell
 * holding the user's own note keeps it (the conflicts sheet and the task pane still list the
 * message). `findNotes` queues the lookups (synced with the write's first loads), `placeNotes`
 * queues the changes. Returns the notes that could not be placed.
 */
export function findNotes(ctx: Excel.RequestContext, notes: CellNote[]): NoteLookup {
  const byCell = new Map<string, CellNote>();
  for (const n of notes) {
    const key = `${n.sheet}\u0000${n.row}\u0000${n.col}`;
    const prev = byCell.get(key);
    byCell.set(key, prev ? { ...n, text: `${prev.text}\n${n.text}` } : n);
  }
  const existing = ctx.workbook.notes.load("items/content");
  const targets = [...byCell.values()].map((n) => ({
    note: n,
    there: ctx.workbook.worksheets
      .getItem(n.sheet)
      .notes.getItemOrNullObject(`${columnLetter(n.col)}${n.row + 1}`)
      .load("content"),
  }));
  return { existing, targets };
}

export async function placeNotes(batch: Batch, lookup: NoteLookup): Promise<CellNote[]> {
  const ours = lookup.existing.items.filter((n) => isEngineNote(n.content));
  await batch.room(COMMAND_BYTES * ours.length, 0);
  for (const n of ours) n.delete();
  const unplaced: CellNote[] = [];
  for (const { note, there } of lookup.targets) {
    if (!there.isNullObject && !isEngineNote(there.content)) {
      unplaced.push(note);
      continue;
    }
    const text = engineNote(note.text);
    await batch.room(jsonBytes(text) + 4 * COMMAND_BYTES, 0);
    const ws = batch.ctx.workbook.worksheets.getItem(note.sheet);
    ws.notes.add(ws.getRangeByIndexes(note.row, note.col, 1, 1), text);
  }
  return unplaced;
}
