import { SyncSetupError, TransportError } from "../../core/sync";
import { ExcelPortError } from "../excel/errors";
import { translator, type Lang } from "./i18n";

/**
 * What went wrong, in the user's language, for the pane and the ribbon alike. The engine's advice
 * for an unknown plan year names the command line's --year: in Excel the year is written in the
 * plan's title or set under "Cách đọc sổ tính" (a blank workbook: "Tạo sổ mẫu").
 */
export function userMessage(e: unknown, lang: Lang): string {
  if (e instanceof SyncSetupError && e.userMessage.en.includes("--year"))
    return translator(lang)("noYearPane");
  if (e instanceof TransportError || e instanceof SyncSetupError || e instanceof ExcelPortError)
    return e.userMessage[lang];
  return e instanceof Error ? e.message : String(e);
}
