import { endOfMonth, isoDate, type IsoDate } from "../dates/local-date";

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/**
 * Official reporting periods (Nghị định 09/2019/NĐ-CP, Art. 12): a quarter runs from the 15th of
 * the previous quarter's last month to the 14th of its own last month (Q1/2021 = 15/12/2020 –
 * 14/03/2021); a year from 15/12 of the year before to 14/12.
 */
export function officialQuarter(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const lastMonth = quarter * 3;
  const to = isoDate(year, lastMonth, 14);
  const from = lastMonth === 3 ? isoDate(year - 1, 12, 15) : isoDate(year, lastMonth - 3, 15);
  return { from, to };
}

export function officialYear(year: number): Period {
  return { from: isoDate(year - 1, 12, 15), to: isoDate(year, 12, 14) };
}

export function calendarQuarter(year: number, quarter: 1 | 2 | 3 | 4): Period {
  return { from: isoDate(year, quarter * 3 - 2, 1), to: endOfMonth(year, quarter * 3) };
}

/**
 * Parses a period name: "Q1/2021" (official quarter), "2021" (official year), "Q1/2021-calendar",
 * "2021-calendar". Undefined when the text is not one of these.
 */
export function parsePeriodName(text: string): Period | undefined {
  const q = /^q([1-4])[/-](\d{4})(-calendar)?$/i.exec(text.trim());
  if (q) {
    const quarter = Number(q[1]) as 1 | 2 | 3 | 4;
    return q[3] ? calendarQuarter(Number(q[2]), quarter) : officialQuarter(Number(q[2]), quarter);
  }
  const y = /^(\d{4})(-calendar)?$/i.exec(text.trim());
  if (y)
    return y[2]
      ? { from: isoDate(Number(y[1]), 1, 1), to: isoDate(Number(y[1]), 12, 31) }
      : officialYear(Number(y[1]));
  return undefined;
}

/**
 * The close of the last official quarter before `asOf` (quarters close on 14/3, 14/6, 14/9 and
 * 14/12): the cut-off the summary compares with ("since the previous quarter").
 */
export function previousQuarterClose(asOf: IsoDate): IsoDate {
  const year = Number(asOf.slice(0, 4));
  const closes = [isoDate(year - 1, 12, 14), ...[3, 6, 9, 12].map((m) => isoDate(year, m, 14))];
  return closes.filter((c) => c < asOf).pop()!;
}
