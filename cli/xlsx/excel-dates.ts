import { parseIso, type IsoDate } from "../../core/dates";

/** A calendar date as exceljs writes it: a UTC-midnight Date, which becomes a whole serial number. */
export function isoToExcelDate(iso: IsoDate): Date {
  const { year, month, day } = parseIso(iso);
  return new Date(Date.UTC(year, month - 1, day));
}
