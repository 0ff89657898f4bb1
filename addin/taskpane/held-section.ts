import { heldCount, heldDeletionsMessage, type HeldDeletions } from "../../core/sync";
import type { Lang, translator } from "../shared/i18n";
import { el, fill } from "./dom";

/**
 * Deletions the last sync held (a deleted sheet, many rows: core's held-deletions.ts): each sheet
 * and how many records, how to get them back, and *Xóa N bản ghi trên máy chủ*, which runs the
 * sync again confirming exactly the records shown (others deleted since still wait), as the
 * mapping section's *Đồng ý* confirms the changes it listed.
 */
export function renderHeldDeletions(
  section: HTMLElement,
  held: readonly HeldDeletions[],
  words: { lang: Lang; t: ReturnType<typeof translator> },
  confirm: (ids: string[]) => void,
): void {
  const n = heldCount(held);
  if (n === 0) return fill(section);
  const { lang, t } = words;
  const button = el("button", {
    class: "primary danger",
    attrs: { type: "button", id: "confirm-deletes" },
    text: t("confirmDeletes", n),
    on: {
      click: () => {
        button.disabled = true;
        confirm(held.flatMap((h) => h.ids));
      },
    },
  });
  fill(
    section,
    el("h2", { attrs: { id: "held-title" }, text: `${t("heldDeletions")} (${n})` }),
    el(
      "ul",
      { class: "list plain", attrs: { id: "held-list" } },
      ...held.map((h) => el("li", { text: heldDeletionsMessage(h)[lang] })),
    ),
    el("p", { class: "muted", text: t("heldUndo") }),
    el("div", { class: "row" }, button),
  );
}
