import { columnLetter } from "../layout/grid";
import type { Message } from "../model/records";
import type { CellValue } from "../parse/cell";
import { NO_FIGURE, SUMMARY_SHEET, type SummaryModel } from "./summary-model";
import type { PortSheet } from "./workbook-port";

/**
 * The summary sheet is rebuilt at every sync, so whatever someone typed into it is overwritten. To
 * say so instead of losing it silently, the state keeps a fingerprint of each text and number the
 * sync wrote there (layout-free: the adapters place them); at the next sync, a cell holding
 * anything else was typed by hand, and the report names the cell and quotes its text.
 */

/** The fingerprints of every text and number of a summary as written. */
export function summaryFingerprints(model: SummaryModel): string[] {
  const prints = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string" || typeof value === "number") prints.add(fingerprint(value));
    else if (value === null) prints.add(fingerprint(NO_FIGURE));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") Object.values(value).forEach(visit);
  };
  visit(model);
  return [...prints].sort();
}

/**
 * What a summary shows, but for the time of its sync (the subtitle's "đồng bộ lúc …"): equal
 * digests mean rewriting the sheet would only change that time.
 */
export function summaryDigest(model: SummaryModel): string {
  const subtitle = model.subtitle.replace(/; đồng bộ lúc .*$/, "");
  return fingerprint(JSON.stringify({ ...model, subtitle }));
}

/** A cell of the summary holding what the sync did not write there, with its text. */
export interface TypedCell {
  address: string;
  text: string;
}

/** Cells of the summary sheet (as read) holding values the last sync did not write. */
export function typedIntoSummary(
  sheets: readonly PortSheet[],
  written: readonly string[] | undefined,
): TypedCell[] {
  const sheet = sheets.find((s) => s.name === SUMMARY_SHEET);
  if (!sheet || !written) return [];
  const known = new Set(written);
  const typed: TypedCell[] = [];
  sheet.rows.forEach((row, r) =>
    row.forEach((value, c) => {
      const shown = shownText(value);
      if (shown !== undefined && !known.has(fingerprint(value as string | number | Date)))
        typed.push({ address: `${columnLetter(c)}${r + 1}`, text: shown });
    }),
  );
  return typed;
}

/** The notice for cells typed into the summary: which, and what they held (at most five quoted). */
export function typedSummaryNotice(typed: readonly TypedCell[]): Message | undefined {
  if (typed.length === 0) return undefined;
  const quoted = typed
    .slice(0, 5)
    .map((t) => `${t.address} ("${t.text.length > 60 ? `${t.text.slice(0, 59)}…` : t.text}")`)
    .join(", ");
  const more = typed.length > 5 ? typed.length - 5 : 0;
  return {
    vi: `Trang "${SUMMARY_SHEET}" được ghi lại ở mỗi lần đồng bộ: nội dung nhập tay đã bị thay ở ${quoted}${more ? ` và ${more} ô khác` : ""}. Hãy ghi chú ở một trang khác.`,
    en: `The "${SUMMARY_SHEET}" sheet is rewritten at every sync: what was typed into it was replaced at ${quoted}${more ? ` and ${more} more cells` : ""}. Keep notes on another sheet.`,
  };
}

/** The text a cell shows, for a text or number; undefined for an empty cell or anything else. */
function shownText(value: CellValue | undefined): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value === "string" && value.trim() !== "") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return undefined;
}

/** FNV-1a (32 bits) of a value's text, in base 36: short, and enough to tell typed text apart. */
function fingerprint(value: string | number | Date): string {
  // A number and the same digits as text are one: an adapter or another program may store either.
  const text = value instanceof Date ? value.toISOString() : String(value).trim();
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
