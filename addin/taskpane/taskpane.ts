/// <reference types="office-js" />
import { langFor } from "../shared/i18n";
import { apiOriginsOf, officeOrUndefined } from "../shared/page-config";
import { excelHost } from "../shared/workbook-host";
import { startPane } from "./pane";

const root = document.getElementById("app")!;
const office = officeOrUndefined();
const browserLang = langFor(navigator.language);

if (!office) {
  // office.js did not load: offline (in Excel too: its pane loads office.js from Microsoft's CDN).
  startPane({
    root,
    lang: browserLang,
    host: null,
    officeMissing: true,
    store: localStorage,
    partitionKey: undefined,
    apiOrigins: [],
  });
} else {
  void office.onReady((info) => {
    const inExcel = info.host === office.HostType.Excel;
    startPane({
      root,
      lang: inExcel ? langFor(office.context.displayLanguage) : browserLang,
      host: inExcel ? excelHost() : null,
      store: localStorage,
      partitionKey: inExcel ? office.context.partitionKey : undefined,
      apiOrigins: apiOriginsOf(document),
    });
  });
}
