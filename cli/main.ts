import { parseArgs } from "node:util";
import { demoWorkbookCommand, templateCommand } from "./commands/workbooks";
import { processIO, UsageError, type CommandIO } from "./commands/io";
import { statsCommand } from "./commands/stats";
import { adminCommand } from "./commands/admin";
import { syncCommand } from "./commands/sync";
import { historyCommand } from "./commands/history";
import { TransportError } from "../core/sync/transport";
import { SyncSetupError } from "../core/sync/engine";
import { WorkbookFileError } from "./xlsx/workbook-file";

const USAGE = `cchc — CCHC Tracker

  cchc stats <file.xlsx> [--as-of YYYY-MM-DD] [--from YYYY-MM-DD --to YYYY-MM-DD]
             [--period Q1/2021|2021|Q1/2021-calendar] [--year YYYY] [--lang vi|en] [--json]
             [--map "Sheet!G=status" | "Sheet!K=none" | "Sheet=ignore" | "year=2021"]… [--map-file F]
  cchc template <out.xlsx> [--year YYYY]
  cchc demo-workbook <out.xlsx>
  cchc sync <file.xlsx> --server URL --token TOKEN [--prefer mine|theirs] [--dry-run]
            [--include-personal-data | --no-personal-data] [--summary-only] [--year YYYY] [--as-of YYYY-MM-DD]
            [--map …]… [--map-file F]   (a correction that changes synced records is saved and shown; the next sync applies it)
  cchc history <file.xlsx> --row N [--sheet S] --token TOKEN [--server URL] [--json]
            [--reset-state]   (a damaged or lost sync state: re-link rows to records by their ids)
  cchc admin init [--name N] [--storage CONN] [--force]
  cchc admin add-member --name N --role staff|coordinator|leader|admin [--unit U] [--days D]
  cchc admin revoke <tokenId>
  cchc admin list
      (admin commands work on storage: --storage, else STORAGE_CONNECTION_STRING, else Azurite;
       or on a running server with --server URL --token ADMIN_TOKEN)

Exit codes: 0 done (row errors are reported, not fatal); 2 the file cannot be read or synced; 3 server or
storage unreachable; 4 conflicts wait for --prefer; 5 the server refused the request; 64 bad command line.`;

export const EXIT = { ok: 0, badFile: 2, unreachable: 3, conflicts: 4, server: 5, usage: 64 } as const;

/** Storage or server not reachable: the Azure SDK's send error, or fetch's. */
function isUnreachable(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string }; message?: string };
  return (
    err.code === "REQUEST_SEND_ERROR" ||
    err.code === "ECONNREFUSED" ||
    err.cause?.code === "ECONNREFUSED" ||
    (e instanceof TypeError && err.message === "fetch failed")
  );
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        "as-of": { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        period: { type: "string" },
        year: { type: "string" },
        lang: { type: "string" },
        json: { type: "boolean" },
        server: { type: "string" },
        token: { type: "string" },
        storage: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        unit: { type: "string" },
        days: { type: "string" },
        force: { type: "boolean" },
        prefer: { type: "string" },
        "dry-run": { type: "boolean" },
        "include-personal-data": { type: "boolean" },
        "no-personal-data": { type: "boolean" },
        "summary-only": { type: "boolean" },
        "reset-state": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        row: { type: "string" },
        sheet: { type: "string" },
        map: { type: "string", multiple: true },
        "map-file": { type: "string" },
      },
    });
    if (command === undefined || command === "help" || command === "--help" || values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    const file = positionals[0];
    if (file === undefined && ["stats", "template", "demo-workbook", "sync", "history"].includes(command))
      throw new UsageError({ vi: "Thiếu tên tệp .xlsx.", en: "Missing the .xlsx file name." });
    switch (command) {
      case "stats":
        return await statsCommand(
          {
            file: file!,
            asOf: values["as-of"],
            from: values.from,
            to: values.to,
            period: values.period,
            year: values.year,
            lang: values.lang,
            json: values.json,
            map: values.map,
            mapFile: values["map-file"],
          },
          io,
        );
      case "template":
        return await templateCommand(file!, values.year, io);
      case "demo-workbook":
        return await demoWorkbookCommand(file!, io);
      case "sync":
        return await syncCommand(
          {
            file: file!,
            server: values.server,
            token: values.token,
            prefer: values.prefer,
            dryRun: values["dry-run"],
            includePersonalData: values["include-personal-data"],
            noPersonalData: values["no-personal-data"],
            summaryOnly: values["summary-only"],
            resetState: values["reset-state"],
            year: values.year,
            asOf: values["as-of"],
            map: values.map,
            mapFile: values["map-file"],
          },
          io,
        );
      case "history":
        return await historyCommand(
          {
            file: file!,
            row: values.row,
            sheet: values.sheet,
            server: values.server,
            token: values.token,
            json: values.json,
          },
          io,
        );
      case "admin":
        return await adminCommand(
          {
            action: positionals[0],
            positional: positionals[1],
            server: values.server,
            token: values.token,
            storage: values.storage,
            name: values.name,
            role: values.role,
            unit: values.unit,
            days: values.days,
            force: values.force,
          },
          io,
        );
      default:
        throw new UsageError({ vi: `Lệnh không có: "${command}".`, en: `Unknown command "${command}".` });
    }
  } catch (e) {
    if (e instanceof WorkbookFileError) {
      io.err(`Lỗi: ${e.userMessage.vi}\nError: ${e.userMessage.en}`);
      return EXIT.badFile;
    }
    if (e instanceof UsageError) {
      io.err(`Lỗi: ${e.userMessage.vi}\nError: ${e.userMessage.en}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (e instanceof TransportError) {
      io.err(`Lỗi: ${e.userMessage.vi}\nError: ${e.userMessage.en}`);
      return e.status === "unreachable" ? EXIT.unreachable : EXIT.server;
    }
    if (e instanceof SyncSetupError) {
      io.err(`Lỗi: ${e.userMessage.vi}\nError: ${e.userMessage.en}`);
      return EXIT.badFile;
    }
    if (isUnreachable(e)) {
      io.err(
        "Lỗi: không kết nối được máy chủ hoặc kho dữ liệu; hãy chạy `npm start` hoặc kiểm tra --server/--storage.\nError: cannot reach the server or storage; run `npm start` or check --server/--storage.",
      );
      return EXIT.unreachable;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`Lỗi tham số / Bad option: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw e;
  }
}
