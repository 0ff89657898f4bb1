/// <reference types="office-js" />
import { cellEditMode, excelRefused, ExcelPortError } from "./errors";
import { utf8Bytes } from "../../core/text";
/**
 * How the adapter reaches Excel: a function that runs one batch (`Excel.run` in the add-in, the
 * fake in tests) and the requirement-set check (`Office.context.requirements.isSetSupported`).
 */
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
export type SetSupport = (name: string, minVersion?: string) => boolean;

/**
 * The real host: Excel.run, and Office's requirement-set check (false outside Office). A batch
 * waits while the user is typing in a cell instead of failing (Excel.RunOptions.delayForCellEdit):
 * a click on the task pane does not end cell-edit mode (OfficeDev/office-js#3388), and typing in
 * a cell during a long write would otherwise cut it between two syncs (#625). An Excel that
 * ignores the option still fails: that error is put in words the user can act on.
 */
export const officeRun: ExcelRun = (batch) =>
  Excel.run({ delayForCellEdit: true }, batch).catch((e: unknown) => {
    throw explainOfficeError(e);
  });
export const officeSupport: SetSupport = (name, version) =>
  typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(name, version) === true;

/** Excel on the web refuses a request or response over 5 MB; the adapter keeps each under 4 MB. */
export const PAYLOAD_BUDGET = 4_000_000;
/** …and a range over 5,000,000 cells; the adapter keeps each batch under this. */
export const CELL_BUDGET = 4_000_000;

/**
 * What Office.js sends per command besides its values: the action and its object path as JSON
 * (a few hundred bytes). Counted so that thousands of small commands stay under the limit too.
 */
export const COMMAND_BYTES = 300;

/** Office.js's error for a sync whose payload was too large (a retry with smaller blocks fixes it). */
export function isPayloadError(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? "";
  return /PayloadSizeLimitExceeded|RangeExceedsLimit/.test(code);
}

/** Bytes of a value as JSON, as it travels in a batch. */
export function jsonBytes(x: unknown): number {
  return utf8Bytes(JSON.stringify(x) ?? "");
}

/**
 * An error Excel answered, as an ExcelPortError in both languages: Office's message is localised to
 * Office's language and "not intended for use by end users" (learn.microsoft.com, "Error handling
 * with the application-specific JavaScript APIs"); the code is what to act on. Other errors unchanged.
 */
export function explainOfficeError(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || e instanceof ExcelPortError) return e;
  if (code === "InvalidOperationInCellEditMode") return cellEditMode();
  const message = (e instanceof Error ? e.message : String(e)).replace(`${code}: `, "");
  return excelRefused(code, message);
}
