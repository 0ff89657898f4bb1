import { isIsoDate } from "../../core/dates";
import { readWorkbook } from "../../core/layout";
import { parsePeriodName } from "../../core/stats";
import { periodError, resolvePeriod, statsFromWorkbook } from "../../core/stats";
import type { StatsReport } from "../../core/stats";
import { formatStatsText, type Lang } from "../format/stats-text";
import { serverCalendar } from "./server-calendar";
import { TOKEN_HELP } from "./token";
import { loadWorkbook } from "../xlsx/workbook-file";
import { workbookToGrids } from "../xlsx/read-xlsx";
import { UsageError, type CommandIO } from "./io";
import { overridesFromArgs, saveCorrections, savedOverrides } from "./mapping";

export interface StatsArgs {
  file: string;
  /** With a server (and a token), deadlines use the server's working-day calendar. */
  server?: string | undefined;
  token?: string | undefined;
  asOf?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  period?: string | undefined;
  year?: string | undefined;
  lang?: string | undefined;
  json?: boolean | undefined;
  /** Corrections of how the workbook is read: saved in the workbook, used by this and every later read. */
  map?: string[] | undefined;
  mapFile?: string | undefined;
}

function checkDate(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isIsoDate(value))
    throw new UsageError({
      vi: `--${name} cần ngày dạng YYYY-MM-DD, nhận "${value}".`,
      en: `--${name} needs a date as YYYY-MM-DD, got "${value}".`,
    });
  return value;
}

/** Reads a workbook file and computes its statistics (the work of `cchc stats`, without printing). */
export async function computeFileStats(args: StatsArgs): Promise<StatsReport> {
  const asOf = checkDate("as-of", args.asOf);
  let from = checkDate("from", args.from);
  let to = checkDate("to", args.to);
  if (args.period !== undefined) {
    const p = parsePeriodName(args.period);
    if (!p)
      throw new UsageError({
        vi: `--period không hợp lệ: "${args.period}" (ví dụ Q1/2021, 2021, Q1/2021-calendar).`,
        en: `Invalid --period "${args.period}" (e.g. Q1/2021, 2021, Q1/2021-calendar).`,
      });
    from ??= p.from;
    to ??= p.to;
  }
  if (from && to && from > to)
    throw new UsageError({
      vi: "--from phải trước hoặc bằng --to.",
      en: "--from must be on or before --to.",
    });
  let year: number | undefined;
  if (args.year !== undefined) {
    year = Number(args.year);
    if (!/^\d{4}$/.test(args.year) || year < 2000 || year > 2100)
      throw new UsageError({
        vi: `--year không hợp lệ: "${args.year}".`,
        en: `Invalid --year "${args.year}".`,
      });
  }
  if (args.server !== undefined && !args.token) throw new UsageError(TOKEN_HELP);
  const calendar = args.server ? await serverCalendar(args.server, args.token!, year) : undefined;
  const workbook = await loadWorkbook(args.file);
  const overrides = savedOverrides(workbook);
  const read = readWorkbook(workbookToGrids(workbook), {
    ...(year !== undefined && { year }),
    ...(overrides && { overrides }),
    ...(calendar ? { calendar } : {}),
  });
  const options = { ...(asOf && { asOf }), ...(from && { from }), ...(to && { to }) };
  const inverted = periodError(options, resolvePeriod(read.year, options));
  if (inverted) throw new UsageError(inverted);
  return statsFromWorkbook(read, options);
}

export async function statsCommand(args: StatsArgs, io: CommandIO): Promise<number> {
  const lang = (args.lang ?? "vi") as Lang;
  if (lang !== "vi" && lang !== "en")
    throw new UsageError({ vi: `--lang chỉ nhận vi hoặc en.`, en: `--lang takes vi or en.` });
  const corrections = await overridesFromArgs(args.map, args.mapFile);
  if (corrections) await saveCorrections(args.file, corrections, io);
  const report = await computeFileStats(args);
  io.out(args.json ? JSON.stringify(report, null, 2) : formatStatsText(report, lang));
  return 0;
}
