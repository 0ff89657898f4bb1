import type { FieldChange, RedactedChange } from "../../../core/sync";

/**
 * Applicants' personal data (DOMAIN.md): the `applicant` object the engine sends when a workbook's
 * owner opts in, and the flat names a client might use for the same facts.
 */
export const PERSONAL_FIELDS = new Set([
  "applicant",
  "applicantName",
  "applicantAddress",
  "applicantPhone",
  "address",
  "phone",
  "idNumber",
]);

/**
 * The audit keeps that a personal-data field changed, never from what or to what: once a record is
 * pushed without them (or deleted), the values are gone from the server for good.
 */
export function redactPersonalData(
  changes: (FieldChange | RedactedChange)[],
): (FieldChange | RedactedChange)[] {
  return changes.map((c) => (PERSONAL_FIELDS.has(c.field) ? { field: c.field, changed: true } : c));
}
