import { formatVi, todayIso } from "../../core/dates";
import { placeLocator } from "../../core/sync";
import { HttpTransport } from "../../core/sync";
import { warningGroups, type WarningItem } from "../shared/warnings-view";
import { fieldColumn, readView, viewYear, type WorkbookView } from "../shared/workbook-view";
import { el, fill } from "./dom";
import type { PaneTools } from "./pane-tools";

/** At most this many items per group are listed (the summary sheet has them all). */
const SHOWN = 200;

/**
 * "Cảnh báo hạn": the deadline warnings of `GET /api/stats` for the workbook's plan year at today,
 * grouped overdue / due soon. The server answers only what the member may read; a record it names
 * by id is found in this workbook by its hidden id, and a click selects its deadline cell.
 */
export function warningsSection(section: HTMLElement, tools: PaneTools) {
  const { t } = tools;
  const title = el("h2", { attrs: { id: "warnings-title" }, text: t("warnings") });
  const loadButton = el("button", {
    attrs: { type: "button", id: "warnings-load" },
    text: t("warningsLoad"),
    on: { click: () => void load() },
  });
  const body = el("div", { attrs: { id: "warnings-body", "aria-live": "polite" } });
  fill(section, title, loadButton, body);

  async function load(given?: WorkbookView): Promise<void> {
    const conn = tools.connection();
    if (!conn) return;
    loadButton.setAttribute("aria-busy", "true");
    try {
      const view = given ?? (await readView(tools.host.port()));
      const year = viewYear(view);
      if (year === undefined) return fill(body, el("p", { class: "notice", text: t("noYear") }));
      const asOf = todayIso(tools.now());
      const stats = await new HttpTransport(conn.server, conn.token).stats({ year, asOf });
      if (!stats.warnings) throw new Error("GET /api/stats has no warnings (an older server)");
      const groups = warningGroups(stats.warnings, placeLocator(view.read), tools.lang);
      fill(
        body,
        el("p", {
          class: "muted",
          attrs: { id: "warnings-as-of" },
          text: t("warningsAsOf", formatVi(asOf), groups.taskDays, groups.dossierWorkingDays),
        }),
        groups.overdue.length + groups.dueSoon.length === 0
          ? el("p", { attrs: { id: "no-warnings" }, text: t("noWarnings") })
          : null,
        group("overdue", t("overdue"), groups.overdue, view),
        group("due-soon", t("dueSoon"), groups.dueSoon, view),
      );
    } catch (e) {
      fill(
        body,
        el("p", { class: "error", attrs: { role: "alert" }, text: t("warningsFailed", tools.messageOf(e)) }),
      );
    } finally {
      loadButton.removeAttribute("aria-busy");
    }
  }

  function group(cls: string, name: string, items: WarningItem[], view: WorkbookView): HTMLElement | null {
    if (items.length === 0) return null;
    return el(
      "div",
      { class: `group ${cls}` },
      el("h3", { text: `${name} (${items.length})` }),
      el("ul", { class: "list" }, ...items.slice(0, SHOWN).map((x) => item(x, view))),
      items.length > SHOWN ? el("p", { class: "muted", text: `… (+${items.length - SHOWN})` }) : null,
    );
  }

  function item(x: WarningItem, view: WorkbookView): HTMLLIElement {
    const what = `${x.kind === "task" ? t("warningTask") : t("warningDossier")}: ${x.what}`;
    const place = x.place;
    return el(
      "li",
      { class: `warning ${x.kind}` },
      place
        ? el("button", {
            class: "link",
            attrs: { type: "button", title: `${place.sheet} · ${place.row}` },
            text: what,
            on: {
              click: () =>
                tools.select(
                  place.sheet,
                  place.row - 1,
                  fieldColumn(view, place.sheet, x.kind === "task" ? ["deadline"] : ["dueOn"]),
                ),
            },
          })
        : el("span", { text: `${what} ${t("warningNotHere")}` }),
      el(
        "p",
        { class: "muted" },
        t("warningLine", x.unit, x.due, ""),
        el("span", { class: x.late ? "days late" : "days", text: x.daysText }),
      ),
    );
  }

  return {
    load,
    /** Shown once connected; cleared on sign-out. */
    reset(connected: boolean): void {
      section.hidden = !connected;
      if (!connected) fill(body);
    },
  };
}
