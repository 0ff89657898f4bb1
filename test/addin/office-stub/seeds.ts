import type { FakeWorkbook, SheetSeed } from "../fake-excel/model";

/**
 * A fake workbook as seeds that JSON carries into the page (values, formulas, number formats,
 * merges, notes, hidden columns, visibility), so that the page's fake Excel starts from a copy.
 */
export function seedsOf(wb: FakeWorkbook): SheetSeed[] {
  return wb.sheets.map((s) => {
    const seed: Required<Pick<SheetSeed, "rows" | "formulas" | "numberFormats">> & SheetSeed = {
      name: s.name,
      visibility: s.visibility,
      rows: [],
      formulas: [],
      numberFormats: [],
      merges: s.merges.map((m) => ({ ...m })),
      hiddenColumns: [...s.hiddenColumns],
      notes: [...s.notes].map(([key, text]) => {
        const [row, col] = key.split(":").map(Number) as [number, number];
        return { row, col, text };
      }),
    };
    s.rows.forEach((row, r) => {
      seed.rows[r] = (row ?? []).map((cell) => cell?.v ?? null);
      row?.forEach((cell, c) => {
        if (cell?.f !== undefined) seed.formulas.push({ row: r, col: c, formula: cell.f });
        if (cell?.nf !== undefined) seed.numberFormats.push({ row: r, col: c, format: cell.nf });
      });
    });
    for (let r = 0; r < seed.rows.length; r++) seed.rows[r] ??= [];
    return seed;
  });
}
