import { formatVi, isIsoDate } from "../../core/dates";
import { historyValue } from "../../core/sync";
import { CHANNEL_VI, DOSSIER_STATUS_VI, TASK_STATUS_VI } from "../../core/sync";
import type { Lang } from "./i18n";

const WORDS_VI: Record<string, string> = { ...TASK_STATUS_VI, ...DOSSIER_STATUS_VI, ...CHANNEL_VI };

/**
 * A stored value as a user reads it in the pane: dates dd/mm/yyyy, statuses and channels in the
 * workbook's words (Vietnamese) or as plain English, deadlines by their text, blanks as "—".
 */
export function valueText(v: unknown, lang: Lang): string {
  if (typeof v === "string") {
    if (isIsoDate(v)) return formatVi(v);
    if (lang === "vi" && WORDS_VI[v]) return WORDS_VI[v];
    if (lang === "en" && WORDS_VI[v]) return v.replace(/-/g, " ");
  }
  return historyValue(v);
}
