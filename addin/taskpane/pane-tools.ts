import type { Lang, translator } from "../shared/i18n";
import type { Connection } from "../shared/settings";
import type { WorkbookHost } from "../shared/workbook-host";

/** What the pane's sections share: words, the workbook, the connection, and selecting a cell. */
export interface PaneTools {
  lang: Lang;
  t: ReturnType<typeof translator>;
  host: WorkbookHost;
  connection(): Connection | undefined;
  /** Activates the sheet and selects a cell (0-based row and column). */
  select(sheet: string, row: number, col: number): void;
  /** A message for an error, in the user's language. */
  messageOf(e: unknown): string;
  /** Today (Vietnam's date) as the pane sees it. */
  now(): Date;
}
