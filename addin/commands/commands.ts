/// <reference types="office-js" />
import { langFor, translator } from "../shared/i18n";
import { loadConnection, saveLastCommand } from "../shared/settings";
import { fetchMe, resultLine, runSync, SyncGate, syncModeFor } from "../shared/sync-runner";
import { TransportError } from "../../core/sync";
import { excelHost } from "../shared/workbook-host";
import { userMessage } from "../shared/user-message";

/**
 * The ribbon's **Đồng bộ** button: a sync without opening the pane. Excel has no notification
 * area for function commands, so the result line is kept on this computer and the pane shows it
 * (conflicts and row errors also go to the workbook: the "Xung đột" sheet and cell notes);
 * `event.completed()` always ends the command, whatever happened.
 */
export async function syncNow(event: Office.AddinCommands.Event): Promise<void> {
  const t = translator(langFor(Office.context.displayLanguage));
  const partitionKey = Office.context.partitionKey;
  const conn = loadConnection(localStorage, partitionKey);
  const gate = new SyncGate(localStorage);
  let line: string;
  if (!conn) line = t("connectFirst");
  else if (!gate.tryEnter()) line = t("busy");
  else {
    try {
      const mode = syncModeFor(await fetchMe(conn));
      line = resultLine(await runSync(excelHost(), conn, { mode }), t);
    } catch (e) {
      const lang = langFor(Office.context.displayLanguage);
      line =
        e instanceof TransportError && e.status === 401
          ? t("badToken") // wrong, expired or revoked: the pane asks for a new one
          : t("failed", userMessage(e, lang));
    } finally {
      gate.leave();
    }
  }
  saveLastCommand(localStorage, partitionKey, line);
  event.completed();
}

void Office.onReady(() => {
  Office.actions.associate("syncNow", syncNow);
});
// Older clients call the manifest's FunctionName on the page's global object.
(globalThis as Record<string, unknown>).syncNow = syncNow;
