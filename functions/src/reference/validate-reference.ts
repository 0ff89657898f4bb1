import { check, type Checked } from "../../../core/schemas";
import { calendarSchema, FieldsSchema, UnitsSchema, WarningSettingsSchema } from "../../../core/schemas";
import type { ReferenceKind, ReferenceValue } from "./reference-store";

/** Each kind's checker: the compiler checks that each schema's output is the stored type. */
const checkers: { [K in ReferenceKind]: (body: unknown, year: number) => Checked<ReferenceValue[K]> } = {
  fields: (body) => check(FieldsSchema, body),
  units: (body) => check(UnitsSchema, body),
  calendar: (body, year) => check(calendarSchema(year), body),
  settings: (body) => check(WarningSettingsSchema, body),
};

/**
 * An admin's reference body checked by its schema (core/schemas/reference.ts): the stored value, or
 * the first problem with its JSON pointer. The storage-size limits are the store's (reference-store.ts).
 */
export function validateReference<K extends ReferenceKind>(
  kind: K,
  year: number,
  body: unknown,
): Checked<ReferenceValue[K]> {
  return checkers[kind](body, year) as Checked<ReferenceValue[K]>;
}
