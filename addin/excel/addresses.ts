import { columnIndex } from "../../core/layout";
import type { CellRange } from "../../core/layout";

/**
 * The areas of a RangeAreas address ("'Sổ hồ sơ'!A1:C2,'Sổ hồ sơ'!E5"), 0-based; the sheet part
 * is dropped (quoted names may hold commas and "!").
 */
export function parseAreas(address: string): CellRange[] {
  const out: CellRange[] = [];
  let i = 0;
  while (i < address.length) {
    let part = "";
    if (address[i] === "'") {
      // A quoted sheet name: '' is a quote inside it.
      i++;
      while (i < address.length && !(address[i] === "'" && address[i + 1] !== "'"))
        i += address[i] === "'" ? 2 : 1;
      i++;
    }
    while (i < address.length && address[i] !== ",") part += address[i++];
    i++;
    const cells = part.slice(part.lastIndexOf("!") + 1).trim();
    if (cells) out.push(parseBox(cells));
  }
  return out;
}

function parseBox(a1: string): CellRange {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(a1);
  if (!m) throw new Error(`Unexpected address from Excel: ${a1}`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]!);
  return { top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? columnIndex(m[3]) : left };
}
