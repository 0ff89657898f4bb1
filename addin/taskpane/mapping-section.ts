import type { MappingOverrides } from "../../core/layout";
import { mappingChanges, type MappingChange } from "../../core/sync";
import { fieldName } from "../shared/field-names";
import {
  fieldChoices,
  mappingForm,
  overridesFromForm,
  sameOverrides,
  type FormAnswer,
  type FormSheet,
} from "../shared/mapping-form";
import { valueText } from "../shared/shown-values";
import type { WorkbookView } from "../shared/workbook-view";
import { el, fill } from "./dom";
import type { PaneTools } from "./pane-tools";

export interface MappingDeps {
  /** Whether this member syncs records (a leader only refreshes the summary: no corrections). */
  canCorrect(): boolean;
  /** Runs a sync that reads with these corrections and saves them in the workbook's state. */
  syncWith(overrides: MappingOverrides): Promise<boolean>;
  /** Reads the workbook again (how it is read, before any sync). */
  preview(): void;
  /** False where Excel cannot tell merged areas: merged headers were read by their top-left cell. */
  readsMerges?(): boolean;
}

/**
 * "Cách đọc sổ tính": each record sheet and its columns as read, with a dropdown per column (the
 * fields of the sheet's kind, "không đọc", "tự động"), a "do not sync this sheet" toggle and the
 * plan year. Saving shows first what the correction changes in records already synced (core's
 * mapping-change); the sync that follows reads with it and saves it in the workbook's sync state.
 */
export function mappingSection(section: HTMLElement, tools: PaneTools, deps: MappingDeps) {
  const { t, lang } = tools;
  let view: WorkbookView | undefined;

  function empty(): void {
    view = undefined;
    fill(
      section,
      el("button", {
        attrs: { type: "button", id: "preview-mapping" },
        text: t("mappingPreview"),
        on: { click: () => deps.preview() },
      }),
    );
  }

  function render(v: WorkbookView, open = false, message?: string): void {
    view = v;
    open ||= section.querySelector("details")?.open === true; // a re-render keeps it as the user left it
    const form = mappingForm(v.read, v.state.mappingOverrides);
    const yearInput = el("input", {
      attrs: {
        id: "mapping-year",
        type: "number",
        min: "2000",
        max: "2100",
        inputmode: "numeric",
        placeholder: form.yearRead === undefined ? "" : String(form.yearRead),
      },
    });
    yearInput.value = form.year === undefined ? "" : String(form.year);
    const changes = el("div", { attrs: { id: "mapping-changes", "aria-live": "polite" } });
    const canSave = deps.canCorrect();
    fill(
      section,
      el(
        "details",
        open ? { attrs: { open: "" } } : {},
        el("summary", { text: t("mapping") }),
        deps.readsMerges?.() === false
          ? el("p", { class: "notice", attrs: { id: "no-merges" }, text: t("mappingNoMerges") })
          : null,
        ...form.sheets.map(sheetBlock),
        el(
          "div",
          { class: "group" },
          el("label", { attrs: { for: "mapping-year" }, text: t("mappingYear") }),
          yearInput,
          form.yearRead === undefined
            ? null
            : el("p", { class: "muted", text: t("mappingYearRead", form.yearRead) }),
        ),
        canSave
          ? el("button", {
              class: "primary",
              attrs: { type: "button", id: "mapping-save" },
              text: t("mappingSave"),
              on: { click: () => void save(yearInput, changes) },
            })
          : null,
        message ? el("p", { attrs: { id: "mapping-message", role: "status" }, text: message }) : null,
        changes,
      ),
    );
    // A leader only refreshes the summary: the reading is shown, not corrected.
    if (!canSave)
      for (const c of Array.from(section.querySelectorAll<HTMLInputElement>("select, input")))
        c.disabled = true;
  }

  function sheetBlock(s: FormSheet): HTMLElement {
    const toggle = el("input", {
      class: "sheet-ignore",
      attrs: { type: "checkbox", "data-sheet": s.sheet, id: `ignore-${cssId(s.sheet)}` },
    });
    toggle.checked = s.ignore;
    const heading =
      s.kind === "ignored"
        ? t("mappingIgnoredSheet", s.sheet)
        : t("mappingSheet", s.sheet, s.kind === "tasks" ? t("kindTasks") : t("kindDossiers"));
    return el(
      "div",
      { class: "group sheet", attrs: { "data-sheet": s.sheet } },
      el("h3", { text: heading }),
      el("label", { class: "check" }, toggle, ` ${t("mappingIgnore")}`),
      s.kind === "ignored"
        ? null
        : el(
            "ul",
            { class: "list plain" },
            ...s.columns.map((c) => {
              const select = el("select", {
                class: "column-choice",
                attrs: {
                  "data-sheet": s.sheet,
                  "data-column": c.column,
                  "aria-label": t("mappingColumnChoice", c.column),
                },
              });
              const options: [string, string][] = [
                ["auto", t("mappingAuto")],
                ...fieldChoices(s.kind as "tasks" | "dossiers").map((f): [string, string] => [
                  f,
                  fieldName(f, lang),
                ]),
                ["none", t("mappingNone")],
              ];
              for (const [value, text] of options) select.append(el("option", { attrs: { value }, text }));
              select.value = c.choice;
              return el(
                "li",
                { class: c.choice === "auto" ? "column" : "column by-hand" },
                el("span", { text: t("mappingColumn", c.column, c.header, fieldName(c.field, lang)) }),
                c.choice === "auto"
                  ? null
                  : el("strong", { class: "badge", text: ` (${t("mappingByHand")})` }),
                select,
              );
            }),
          ),
    );
  }

  function answer(yearInput: HTMLInputElement): FormAnswer | undefined {
    const text = yearInput.value.trim();
    const year = text === "" ? null : Number(text);
    if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) return undefined;
    const sheets: FormAnswer["sheets"] = [];
    for (const block of Array.from(section.querySelectorAll<HTMLElement>(".group.sheet"))) {
      const sheet = block.dataset.sheet!;
      const ignore = block.querySelector<HTMLInputElement>("input.sheet-ignore")?.checked ?? false;
      const columns: Record<string, string> = {};
      for (const s of Array.from(block.querySelectorAll<HTMLSelectElement>("select.column-choice")))
        columns[s.dataset.column!] = s.value;
      sheets.push({ sheet, ignore, columns });
    }
    return { year, sheets };
  }

  async function save(yearInput: HTMLInputElement, out: HTMLElement): Promise<void> {
    if (!view) return;
    const a = answer(yearInput);
    if (!a)
      return fill(out, el("p", { class: "error", attrs: { role: "alert" }, text: t("mappingBadYear") }));
    const saved = view.state.mappingOverrides;
    const next = overridesFromForm(saved, a);
    if (sameOverrides(saved, next)) return fill(out, el("p", { text: t("mappingUnchanged") }));
    const changes = mappingChanges(view.sheets, view.state, next);
    if (!tools.connection())
      return fill(out, ...changeList(changes), el("p", { class: "notice", text: t("mappingConnectFirst") }));
    if (changes.length === 0) return void (await deps.syncWith(next));
    fill(
      out,
      ...changeList(changes),
      el(
        "div",
        { class: "row" },
        el("button", {
          class: "primary",
          attrs: { type: "button", id: "mapping-confirm" },
          text: t("mappingConfirm"),
          on: { click: () => void deps.syncWith(next) },
        }),
        el("button", {
          attrs: { type: "button", id: "mapping-discard" },
          text: t("mappingDiscard"),
          on: { click: () => view && render(view, true) },
        }),
      ),
    );
  }

  function changeList(changes: MappingChange[]): HTMLElement[] {
    if (changes.length === 0) return [el("p", { text: t("mappingNoRecordChange") })];
    return [
      el("p", { text: t("mappingChanges", changes.length) }),
      el(
        "ul",
        { class: "list plain", attrs: { id: "mapping-change-list" } },
        ...changes.slice(0, 100).map((c) =>
          el("li", {
            text:
              c.field === "*"
                ? t("mappingGone", c.sheet, c.row)
                : t(
                    "mappingChangeLine",
                    c.sheet,
                    c.row,
                    fieldName(c.field, lang),
                    valueText(c.from, lang),
                    valueText(c.to, lang),
                  ),
          }),
        ),
        changes.length > 100 ? el("li", { text: `… (+${changes.length - 100})` }) : null,
      ),
    ];
  }

  return { empty, render };
}

const cssId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_");
