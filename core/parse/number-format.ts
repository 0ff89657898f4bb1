/**
 * What an Excel number format shows of a date. A deadline typed "6/2026" is stored as the date
 * 1/6/2026 with a format that shows no day ("mmm-yy", "mm/yyyy", "[$-42A]mmmm yyyy"): the cell means
 * the month, and core reads it as the month's last day (as the text "Tháng 6/2026"). Both adapters
 * hand core the same mark (SheetGrid.periodCells) from the cell's format, so that they read a cell
 * alike.
 *
 * - "day": the format shows a day (d, dd; ddd and dddd name the weekday, which is one day too);
 * - "month": a month (m … mmmmm) and no day, with or without a year;
 * - "year": a year (yy, yyyy; e in East-Asian formats) and neither day nor month;
 * - "time": hours, minutes or seconds only;
 * - undefined: no date or time at all (General, 0.00, @, currency).
 * Quoted literals ("Tháng "), escaped characters (\d), `_x` and `*x`, colours ([Red]), conditions
 * and locale or calendar prefixes ([$-42A], [$-F800]) name no part of a date. Only the first section
 * counts: a date is a positive number. "m" or "mm" right after an hour or right before a second is
 * minutes, as in Excel ("h:mm", "mm:ss").
 */
export type DateShown = "day" | "month" | "year" | "time";

/** A date cell whose format shows only a period: its month, or its year. */
export type ShownPeriod = "month" | "year";

type Token = { kind: "y" | "m" | "d" | "h" | "s"; len: number };

const memo = new Map<string, DateShown | undefined>();

export function dateShownBy(format: string | null | undefined): DateShown | undefined {
  if (!format) return undefined;
  const known = memo.get(format);
  if (known !== undefined || memo.has(format)) return known;
  const shown = classify(format);
  // Workbooks use a few formats each: the memo only saves re-reading them, cell after cell.
  if (memo.size > 2_000) memo.clear();
  memo.set(format, shown);
  return shown;
}

/** The period a date cell with this format shows, when it shows no day: "month" or "year". */
export function periodShownBy(format: string | null | undefined): ShownPeriod | undefined {
  const shown = dateShownBy(format);
  return shown === "month" || shown === "year" ? shown : undefined;
}

function classify(format: string): DateShown | undefined {
  const tokens = tokensOf(format);
  const kinds = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind === "m" && t.len <= 2 && (tokens[i - 1]?.kind === "h" || tokens[i + 1]?.kind === "s"))
      kinds.add("minute");
    else kinds.add(t.kind);
  });
  if (kinds.has("d")) return "day";
  if (kinds.has("m")) return "month";
  if (kinds.has("y")) return "year";
  if (kinds.has("h") || kinds.has("minute") || kinds.has("s")) return "time";
  return undefined;
}

/** The date and time codes of the format's first section, in order; literals and brackets left out. */
function tokensOf(s: string): Token[] {
  const tokens: Token[] = [];
  // "0.00E+00": its E is the exponent of a number, not an East-Asian year.
  const numeric = /[0#?]/.test(s.split(";")[0]!.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ""));
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ";") break;
    if (c === '"') {
      const end = s.indexOf('"', i + 1);
      i = end < 0 ? s.length : end + 1;
      continue;
    }
    if (c === "\\" || c === "_" || c === "*") {
      i += 2;
      continue;
    }
    if (c === "[") {
      const end = s.indexOf("]", i + 1);
      const inner = s.slice(i + 1, end < 0 ? s.length : end);
      // [h]:mm:ss, [mm]:ss: elapsed time; anything else ([Red], [>100], [$-42A]) shows no date.
      if (/^(h+|m+|s+)$/i.test(inner))
        tokens.push({ kind: inner[0]!.toLowerCase() as Token["kind"], len: 2 });
      i = end < 0 ? s.length : end + 1;
      continue;
    }
    const rest = s.slice(i, i + 7).toLowerCase();
    if (rest === "general") {
      i += 7;
      continue;
    }
    if (rest.startsWith("am/pm")) {
      i += 5;
      continue;
    }
    if (rest.startsWith("a/p")) {
      i += 3;
      continue;
    }
    const lower = c.toLowerCase();
    const kind = lower === "e" ? "y" : lower;
    if (kind === "y" || kind === "m" || kind === "d" || kind === "h" || kind === "s") {
      let j = i + 1;
      while (j < s.length && s[j]!.toLowerCase() === lower) j++;
      if (lower !== "e" || !numeric) tokens.push({ kind, len: j - i });
      i = j;
      continue;
    }
    i++;
  }
  return tokens;
}
