import { DOSSIER_FIELDS, mergeOverrides, TASK_FIELDS, type MappingOverrides } from "../../core/layout";
import type { WorkbookRead } from "../../core/layout";
import { stableJson } from "../../core/sync";

/** A column's choice in the pane: a field of the sheet's kind, "none" (not read) or "auto" (by its header). */
export type ColumnChoice = string;

export interface FormColumn {
  column: string;
  header: string;
  /** The field the column is read as now. */
  field: string;
  /** "auto", or the field / "none" set by hand. */
  choice: ColumnChoice;
}

export interface FormSheet {
  sheet: string;
  kind: "tasks" | "dossiers" | "ignored";
  ignore: boolean;
  columns: FormColumn[];
}

/** What the "Cách đọc sổ tính" form shows: each record sheet, its columns, and the plan year. */
export interface MappingForm {
  /** The plan year set by hand, if any. */
  year: number | undefined;
  /** The year the workbook is read with (the title's, or the one set by hand). */
  yearRead: number | undefined;
  sheets: FormSheet[];
}

/** The fields a column of a sheet kind may be read as. */
export function fieldChoices(kind: "tasks" | "dossiers"): string[] {
  return kind === "tasks" ? TASK_FIELDS : DOSSIER_FIELDS;
}

/** The form for a workbook read with its saved corrections. */
export function mappingForm(read: WorkbookRead, overrides: MappingOverrides | undefined): MappingForm {
  const sheets: FormSheet[] = [];
  for (const m of read.mapping) {
    if (m.kind === "tasks" || m.kind === "dossiers")
      sheets.push({
        sheet: m.sheet,
        kind: m.kind,
        ignore: false,
        columns: (m.columns ?? [])
          .filter((c) => c.field !== "recordId") // the hidden id column is the add-in's own
          .map((c) => ({
            column: c.column,
            header: c.header,
            field: c.field,
            choice: c.byHand ? (overrides?.sheets?.[m.sheet]?.columns?.[c.column] ?? c.field) : "auto",
          })),
      });
    else if (m.kind === "ignored" && overrides?.sheets?.[m.sheet]?.ignore)
      sheets.push({ sheet: m.sheet, kind: "ignored", ignore: true, columns: [] });
  }
  return { year: overrides?.year, yearRead: read.year, sheets };
}

export interface FormAnswer {
  /** null: no year set by hand (the title's year is used). */
  year: number | null;
  sheets: { sheet: string; ignore: boolean; columns: Record<string, ColumnChoice> }[];
}

/**
 * The corrections after the form's answer: the saved ones, with each shown sheet's toggle and
 * columns as answered ("auto" removes a correction) and the year as typed. Corrections of sheets
 * the form does not show are kept.
 */
export function overridesFromForm(saved: MappingOverrides | undefined, answer: FormAnswer): MappingOverrides {
  const add: MappingOverrides = { sheets: {} };
  for (const s of answer.sheets) add.sheets![s.sheet] = { ignore: s.ignore, columns: { ...s.columns } };
  const next = mergeOverrides(saved, add);
  if (answer.year === null) delete next.year;
  else next.year = answer.year;
  return next;
}

/** Whether two sets of corrections say the same. */
export function sameOverrides(a: MappingOverrides | undefined, b: MappingOverrides | undefined): boolean {
  const norm = (o: MappingOverrides | undefined) => stableJson(mergeOverrides(undefined, o ?? {}));
  return norm(a) === norm(b);
}
