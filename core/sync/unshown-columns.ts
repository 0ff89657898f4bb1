import type { SheetMapping } from "../model/records";
import type { RecordKind } from "./protocol";
import { stableJson, type RecordData } from "./record-data";

/**
 * Fields a sheet has no column for. Departments' plans and registers differ in columns: a copy
 * without "Ngày hoàn thành", "Sản phẩm" or "Ghi chú" reads a task it pulled without them, and used
 * to push that as the fields' removal: the owner's next sync then cleared those cells in the owner's
 * workbook. A field the sheet cannot show keeps the value it was last synced with (the user cannot
 * have changed it here); so does a status the sheet infers (no status column) from cells that did
 * not change. Each key: the data fields, then the columns (any of them) that show them.
 * A field the user said a column does not hold (`--map "Sheet!H=none"`, or H read as another field)
 * is not kept: the correction removes it, and the next sync sends that (README, mapping corrections).
 */
const SHOWN_BY: Record<RecordKind, [string[], string[]][]> = {
  task: [
    [["id"], ["id"]],
    [["leadUnit"], ["leadUnit"]],
    [["coordinatingUnits"], ["coordinatingUnits"]],
    [["deadline"], ["deadline"]],
    [["output"], ["output"]],
    [["completedOn"], ["completedOn"]],
    [["notes"], ["notes"]],
  ],
  dossier: [
    [["procedure"], ["procedure"]],
    [["sector"], ["sector"]],
    [["unit"], ["unit"]],
    [["channel"], ["channel"]],
    [["resultOn"], ["resultOn"]],
    [["notes"], ["notes"]],
    [
      ["dueOn", "dueFrom", "processingDays"],
      ["dueOn", "processingDays"],
    ],
  ],
};

const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

export function keepUnshownColumns(
  kind: RecordKind,
  data: RecordData,
  base: RecordData | undefined,
  mapping: SheetMapping | undefined,
): RecordData {
  if (!base || !mapping?.columns) return data;
  // A column the user said is not a field (the pane's dropdown, --map) shows that the sheet has no
  // such field: the values read from it before were wrong, and go.
  const shown = new Set(mapping.columns.flatMap((c) => (c.insteadOf ? [c.field, c.insteadOf] : [c.field])));
  const out: RecordData = { ...data };
  const take = (key: string) => {
    if (base[key] === undefined) delete out[key];
    else out[key] = base[key];
  };
  for (const [fields, columns] of SHOWN_BY[kind])
    if (!columns.some((c) => shown.has(c))) fields.forEach(take);
  if (!shown.has("status")) {
    // Without a status column the status is inferred: from the completion date (tasks), from the
    // result date and the note (dossiers). Unchanged cells infer nothing new.
    const decidedBy = kind === "task" ? ["completedOn"] : ["resultOn", "notes"];
    if (decidedBy.every((k) => same(out[k], base[k]))) ["status", "statusText"].forEach(take);
  }
  return out;
}
