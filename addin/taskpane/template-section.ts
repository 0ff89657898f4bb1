import { todayIso } from "../../core/dates";
import { trackingWorkbook } from "../../core/template";
import { el, fill } from "./dom";
import type { PaneTools } from "./pane-tools";

/**
 * "Tạo sổ mẫu": the tracking workbook of core/template (the same model `cchc template` writes to a
 * file) added to the open workbook as new sheets. Needs no connection: the units and fields are the
 * built-in reference data, as for the command line.
 */
export function templateSection(section: HTMLElement, tools: PaneTools): void {
  const { t } = tools;
  const create = tools.host.createTemplate?.bind(tools.host);
  if (!create) return fill(section);
  const yearInput = el("input", {
    attrs: { id: "template-year", type: "number", min: "2000", max: "2100", inputmode: "numeric" },
  });
  yearInput.value = todayIso(tools.now()).slice(0, 4); // this year, in Vietnam
  const result = el("p", { attrs: { id: "template-result", role: "status" } });
  const button = el("button", {
    attrs: { type: "button", id: "template-button" },
    text: t("templateButton"),
    on: { click: () => void run() },
  });
  fill(
    section,
    el("h2", { attrs: { id: "template-title" }, text: t("template") }),
    el("p", { class: "muted", text: t("templateHint") }),
    el("label", { attrs: { for: "template-year" }, text: t("templateYear") }),
    yearInput,
    el("div", { class: "row" }, button),
    result,
  );

  function show(text: string, error: boolean): void {
    result.textContent = text;
    result.className = error ? "error" : "";
  }

  async function run(): Promise<void> {
    const year = Number(yearInput.value);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return show(t("mappingBadYear"), true);
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    show("", false);
    try {
      const report = await create!(trackingWorkbook({ year }));
      show(t("templateDone", report.sheets.map((s) => `\u201c${s}\u201d`).join(", ")), false);
    } catch (e) {
      show(t("templateFailed", tools.messageOf(e)), true);
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }
}
