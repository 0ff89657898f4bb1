/** A plain-text table with aligned columns; numbers right-aligned, text left-aligned. */
export function renderTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) =>
    Math.max(...cells.map((r) => [...(r[i] ?? "").normalize("NFC")].length)),
  );
  const line = (r: string[], isHeader: boolean) =>
    r
      .map((c, i) => {
        const pad = widths[i]! - [...c.normalize("NFC")].length;
        // "—" stands for a rate of nothing: it aligns with the figures of its column.
        const numeric = !isHeader && /^(-?[\d.,%]+|—)$/.test(c);
        return numeric ? " ".repeat(pad) + c : c + " ".repeat(pad);
      })
      .join("  ");
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [line(cells[0]!, true), rule, ...cells.slice(1).map((r) => line(r, false))].join("\n");
}
