import type { SheetMapping } from "../model/records";
import type { Field } from "../reference/fields";
import type { RecordData } from "./record-data";

/**
 * Whether a tasks sheet can show a task's field: a section of that field, or a field column naming a
 * field this reading knows. A plan's own section ("IX. Kiểm tra CCHC", a field numbered after the
 * default ones) is missing from a colleague's copy, and so is a task read above every section.
 */
export function showsField(
  mapping: SheetMapping | undefined,
  field: number,
  fields: readonly Field[],
): boolean {
  if (mapping?.sections?.some((s) => s.field === field)) return true;
  const column = mapping?.columns?.some((c) => c.field === "field") ?? false;
  return column && fields.some((f) => f.number === field);
}

/**
 * A task read without a field, in a sheet that cannot show the field it was last synced with, keeps
 * that field: the sheet did not change it (the pulled row was put above the first section, where
 * no section names a field), so it is not pushed as a change the user never made.
 */
export function keepUnshownField(
  data: RecordData,
  base: RecordData | undefined,
  mapping: SheetMapping | undefined,
  fields: readonly Field[],
): RecordData {
  const field = base?.field;
  if (data.field !== undefined || typeof field !== "number" || showsField(mapping, field, fields))
    return data;
  return { ...data, field };
}
