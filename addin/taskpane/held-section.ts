import { heldCount, heldDeletionsMessage, type HeldDeletions } from "../../core/sync";
import type { Lang, translator } from "../shared/i18n";
import { el, fill } from "./dom";

/**
 * Deletions the last sync held (a deleted sheet, many rows: core's held-deletions.ts): each sheet
 * and how many records, and the two answers, each running the sync again for exactly the records
 * shown (others deleted since still wait), as the mapping section's *Đồng ý* confirms the changes
 * it listed: *Lấy lại N dòng* (their rows back from the copies last synced) and *Xóa N bản ghi
 * trên máy chủ*.
 */
export function renderHeldDeletions(
  section: HTMLElement,
  held: readonly HeldDeletions[],
  words: { lang: Lang; t: ReturnType<typeof translator> },
  answer: (a: { confirmDeletes: string[] } | { restoreDeletes: string[] }) => void,
): void {
  const n = heldCount(held);
  if (n === 0) return fill(section);
  const { lang, t } = words;
  const ids = held.flatMap((h) => h.ids);
  const buttons = [
    el("button", {
      attrs: { type: "button", id: "restore-deletes" },
      text: t("restoreDeletes", n),
      on: { click: () => pressed({ restoreDeletes: ids }) },
    }),
    el("button", {
      class: "primary danger",
      attrs: { type: "button", id: "confirm-deletes" },
      text: t("confirmDeletes", n),
      on: { click: () => pressed({ confirmDeletes: ids }) },
    }),
  ];
  const pressed = (a: Parameters<typeof answer>[0]) => {
    for (const b of buttons) b.disabled = true;
    answer(a);
  };
  fill(
    section,
    el("h2", { attrs: { id: "held-title" }, text: `${t("heldDeletions")} (${n})` }),
    el(
      "ul",
      { class: "list plain", attrs: { id: "held-list" } },
      ...held.map((h) => el("li", { text: heldDeletionsMessage(h)[lang] })),
    ),
    el("p", { class: "muted", text: t("heldUndo") }),
    el("div", { class: "row" }, ...buttons),
  );
}
