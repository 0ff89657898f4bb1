import { fetchAudit, placesAtRow, shownHistory } from "../../core/sync";
import { TransportError } from "../../core/sync";
import { fieldName } from "../shared/field-names";
import { valueText } from "../shared/shown-values";
import { readView } from "../shared/workbook-view";
import { el, fill } from "./dom";
import type { PaneTools } from "./pane-tools";

/**
 * "Lịch sử dòng này": the record on the active cell's row, and its history from `GET /api/audit`
 * (who, when in Vietnam time, field from → to). The server decides who may read it: a refusal is
 * shown as the role's rule, not as a failure.
 */
export function historySection(section: HTMLElement, tools: PaneTools) {
  const { t, lang } = tools;
  const activeCell = tools.host.activeCell?.bind(tools.host);
  const button = el("button", {
    attrs: { type: "button", id: "history-button" },
    text: t("historyButton"),
    on: { click: () => void show() },
  });
  const body = el("div", { attrs: { id: "history-body", "aria-live": "polite" } });
  fill(
    section,
    el("h2", { attrs: { id: "history-title" }, text: t("history") }),
    el("p", { class: "muted", text: t("historyHint") }),
    button,
    body,
  );

  async function show(): Promise<void> {
    const conn = tools.connection();
    if (!conn || !activeCell) return;
    button.setAttribute("aria-busy", "true");
    try {
      const cell = await activeCell();
      const view = await readView(tools.host.port());
      const place = placesAtRow(view.read, cell.row + 1, cell.sheet)[0];
      if (!place) {
        // A record row left out for an error says why, rather than "not a record".
        const error = view.read.errors.find((e) => e.sheet === cell.sheet && e.row === cell.row + 1);
        return note(
          error
            ? t("historyRowError", cell.sheet, cell.row + 1, error.message[lang])
            : t("historyNotRecord", cell.sheet, cell.row + 1),
        );
      }
      const record = place.id === undefined ? undefined : view.state.records[place.id];
      if (!place.id || !record || view.state.year === undefined)
        return note(t("historyNotSynced", place.sheet, place.row));
      const entries = await fetchAudit(conn.server, conn.token, {
        year: view.state.year,
        unit: record.unit,
        kind: place.kind,
        record: place.id,
      });
      fill(
        body,
        el("h3", { text: t("historyTitle", place.sheet, place.row, place.label) }),
        entries.length === 0 ? el("p", { class: "muted", text: t("historyEmpty") }) : null,
        el(
          "ol",
          { class: "list history" },
          ...shownHistory(entries, (v) => valueText(v, lang)).map((e) =>
            el(
              "li",
              { class: "entry" },
              el("p", { class: "who", text: t("historyEntry", e.version, e.when, e.who) }),
              el(
                "ul",
                { class: "plain" },
                ...e.changes.map((c) =>
                  el("li", {
                    class: "change",
                    text:
                      "changed" in c
                        ? t("historyHidden", fieldName(c.field, lang))
                        : t("historyChange", fieldName(c.field, lang), c.from, c.to),
                  }),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (e) {
      if (e instanceof TransportError && e.status === 403)
        fill(body, el("p", { class: "notice", attrs: { id: "history-refused" }, text: e.userMessage[lang] }));
      else
        fill(
          body,
          el("p", { class: "error", attrs: { role: "alert" }, text: t("historyFailed", tools.messageOf(e)) }),
        );
    } finally {
      button.removeAttribute("aria-busy");
    }
  }

  const note = (text: string) => fill(body, el("p", { class: "notice", text }));

  return {
    reset(connected: boolean): void {
      section.hidden = !connected || !activeCell;
      if (!connected) fill(body);
    },
  };
}
