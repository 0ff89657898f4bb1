import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { demoWorkbookCommand, templateCommand } from "./commands/workbooks";
import { processIO, UsageError, type CommandIO } from "./commands/io";
import { statsCommand } from "./commands/stats";
import { adminCommand } from "./commands/admin";
import { syncCommand } from "./commands/sync";
import { historyCommand } from "./commands/history";
import { TransportError } from "../core/sync";
import { SyncSetupError } from "../core/sync";
import { WorkbookFileError } from "./xlsx/workbook-file";
import { refusedTokenMessage, resolveToken, tokenSourceName, type TokenSources } from "./commands/token";

/** The server address when --server is not given. */
const SERVER_ENV = "CCHC_SERVER";

/**
 * The server's address as the commands use it (the host; they add /api/…): `npm start` prints the
 * API's address, "http://127.0.0.1:7071/api", and that is what staff copy.
 */
export function serverBase(server: string | undefined): string | undefined {
  const base = server
    ?.trim()
    .replace(/\/+$/, "")
    .replace(/\/api$/i, "");
  // "127.0.0.1:7071" would reach fetch as a URL of scheme "127.0.0.1:" and read as "server unreachable".
  if (base !== undefined && (!/^https?:\/\/[^/]/i.test(base) || !URL.canParse(base)))
    throw new UsageError({
      vi: `--server cần địa chỉ đầy đủ bắt đầu bằng http:// hoặc https:// (ví dụ http://127.0.0.1:7071/api), không phải "${server}".`,
      en: `--server needs a full address starting with http:// or https:// (e.g. http://127.0.0.1:7071/api), not "${server}".`,
    });
  return base;
}

const USAGE = `cchc — CCHC Tracker

  cchc stats <file.xlsx> [--as-of YYYY-MM-DD] [--from YYYY-MM-DD --to YYYY-MM-DD]
             [--period Q1/2021|2021|Q1/2021-calendar] [--year YYYY] [--lang vi|en] [--json]
             [--server URL]   (deadlines with the server's working-day calendar; needs a token)
             [--map "Sheet!G=status" | "Sheet!K=none" | "Sheet=ignore" | "year=2021"]… [--map-file F]
  cchc template <out.xlsx> [--year YYYY]
             [--server URL]   (the year's units and fields as stored on the server; needs a token)
  cchc demo-workbook <out.xlsx>
  cchc sync <file.xlsx> --server URL [--token-file FILE|-] [--prefer mine|theirs] [--dry-run]
            [--include-personal-data | --no-personal-data] [--summary-only] [--year YYYY] [--as-of YYYY-MM-DD]
            [--reset-state]   (a damaged or lost sync state: re-link rows to records by their ids)
            [--confirm-deletes | --restore-deletes]   (deletions held after a deleted sheet or many deleted rows:
                                 delete them on the server, or put their rows back from the copies last synced)
            [--map …]… [--map-file F]   (a correction that changes synced records is saved and shown; the next sync applies it)
  cchc history <file.xlsx> --row N [--sheet S] [--server URL] [--token-file FILE|-] [--json]
  cchc admin add-member --name N --role staff|coordinator|leader|admin [--unit U] [--days D]
  cchc admin revoke <tokenId>
  cchc admin list
  cchc admin snapshot   (takes today's snapshot of the statistics now, as the daily timer does)
  cchc --version
      (admin commands call the server as an admin: --server URL and the admin's token)

  Token: the CCHC_TOKEN environment variable, --token-file FILE (- reads standard input), or
  --token TOKEN (visible to every user of the machine in \`ps\`: avoid on shared machines).
  Server: --server URL, else the CCHC_SERVER environment variable.
  First admin of a new store: \`npm start\` creates it; on Azure \`npm run admin:init\`.

  Each request to the server may take CCHC_TIMEOUT seconds (default 60).

Exit codes (docs/exit-codes.md): 0 done (row errors are reported, not fatal); 2 the file cannot be read
or written safely; 3 server unreachable or no answer in time; 4 conflicts wait for --prefer; 5 the server
refused the request or records; 6 deletions held (a deleted sheet or many rows: --confirm-deletes);
64 bad command line; 130 stopped with Ctrl-C (run the same sync again).`;

export const EXIT = {
  ok: 0,
  badFile: 2,
  unreachable: 3,
  conflicts: 4,
  server: 5,
  deletionsHeld: 6,
  usage: 64,
} as const;

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

type OptionSpec = { type: "string" | "boolean"; short?: string; multiple?: boolean };

const TOKEN_OPTIONS = {
  server: { type: "string" },
  token: { type: "string" },
  "token-file": { type: "string" },
} as const satisfies Record<string, OptionSpec>;

/** Corrections of how the workbook is read (stats and sync). */
const MAP_OPTIONS = {
  map: { type: "string", multiple: true },
  "map-file": { type: "string" },
} as const;

/**
 * Each sub-command's own options: an option it does not take is an error (exit 64), never ignored
 * (`cchc stats f.xlsx --prefer mine` does not silently compute statistics).
 */
const COMMAND_OPTIONS = {
  stats: {
    "as-of": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    period: { type: "string" },
    year: { type: "string" },
    lang: { type: "string" },
    json: { type: "boolean" },
    ...TOKEN_OPTIONS,
    ...MAP_OPTIONS,
  },
  template: { year: { type: "string" }, ...TOKEN_OPTIONS },
  "demo-workbook": {},
  sync: {
    ...TOKEN_OPTIONS,
    prefer: { type: "string" },
    "dry-run": { type: "boolean" },
    "include-personal-data": { type: "boolean" },
    "no-personal-data": { type: "boolean" },
    "summary-only": { type: "boolean" },
    "reset-state": { type: "boolean" },
    "confirm-deletes": { type: "boolean" },
    "restore-deletes": { type: "boolean" },
    year: { type: "string" },
    "as-of": { type: "string" },
    ...MAP_OPTIONS,
  },
  history: {
    ...TOKEN_OPTIONS,
    row: { type: "string" },
    sheet: { type: "string" },
    json: { type: "boolean" },
  },
  admin: {
    ...TOKEN_OPTIONS,
    name: { type: "string" },
    role: { type: "string" },
    unit: { type: "string" },
    days: { type: "string" },
  },
} as const satisfies Record<string, Record<string, OptionSpec>>;
type CommandName = keyof typeof COMMAND_OPTIONS;

/** How many positional arguments each sub-command takes: [min, max]. */
const POSITIONALS: Record<CommandName, [number, number]> = {
  stats: [1, 1],
  template: [1, 1],
  "demo-workbook": [1, 1],
  sync: [1, 1],
  history: [1, 1],
  admin: [1, 2],
};

const HELP = { help: { type: "boolean", short: "h" } } as const;

function parseCommand<O extends Record<string, OptionSpec>>(
  command: CommandName,
  options: O,
  args: string[],
) {
  const parsed = parseArgs({
    args,
    allowPositionals: true as const,
    strict: true as const,
    options: { ...options, ...HELP },
  });
  const [min, max] = POSITIONALS[command];
  const n = parsed.positionals.length;
  if (!args.includes("--help") && !args.includes("-h") && n < min)
    throw new UsageError(
      command === "admin"
        ? { vi: "Thiếu việc cần làm của cchc admin.", en: "Missing the cchc admin action." }
        : { vi: "Thiếu tên tệp .xlsx.", en: "Missing the .xlsx file name." },
    );
  if (n > max)
    throw new UsageError({
      vi: `Thừa tham số: "${parsed.positionals.slice(max).join(" ")}".`,
      en: `Unexpected argument(s): "${parsed.positionals.slice(max).join(" ")}".`,
    });
  return parsed;
}

/** The version in package.json (what a bug report names). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as {
    version?: string;
  };
  return pkg.version ?? "?";
}

function isCommand(c: string): c is CommandName {
  return Object.hasOwn(COMMAND_OPTIONS, c);
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  /** The token the command uses and where it came from: a 401 names them (the id, never the secret). */
  let used: { token: string | undefined; from: string } | undefined;
  const memberToken = async (sources: TokenSources) => {
    const token = await resolveToken(sources, io);
    used = { token, from: tokenSourceName(sources) };
    return token;
  };
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      io.out(USAGE);
      return EXIT.ok;
    }
    if (command === "--version" || command === "-v" || command === "version") {
      io.out(`cchc ${packageVersion()}`);
      return EXIT.ok;
    }
    if (!isCommand(command))
      throw new UsageError({ vi: `Lệnh không có: "${command}".`, en: `Unknown command "${command}".` });
    switch (command) {
      case "stats": {
        const { values, positionals } = parseCommand(command, COMMAND_OPTIONS[command], rest);
        if (values.help) return (io.out(USAGE), EXIT.ok);
        if ((values.token !== undefined || values["token-file"] !== undefined) && !values.server)
          throw new UsageError({
            vi: "cchc stats chỉ dùng mã truy cập cùng --server (để lấy lịch làm việc của máy chủ).",
            en: "cchc stats takes a token only with --server (to use the server's working-day calendar).",
          });
        return await statsCommand(
          {
            file: positionals[0]!,
            asOf: values["as-of"],
            from: values.from,
            to: values.to,
            period: values.period,
            year: values.year,
            lang: values.lang,
            json: values.json,
            server: serverBase(values.server),
            token: values.server
              ? await memberToken({ token: values.token, tokenFile: values["token-file"] })
              : undefined,
            map: values.map,
            mapFile: values["map-file"],
          },
          io,
        );
      }
      case "template": {
        const { values, positionals } = parseCommand(command, COMMAND_OPTIONS[command], rest);
        if (values.help) return (io.out(USAGE), EXIT.ok);
        if ((values.token !== undefined || values["token-file"] !== undefined) && !values.server)
          throw new UsageError({
            vi: "cchc template chỉ dùng mã truy cập cùng --server (để lấy danh sách đơn vị, lĩnh vực của máy chủ).",
            en: "cchc template takes a token only with --server (to use the server's units and fields).",
          });
        const server = serverBase(values.server);
        return await templateCommand(
          positionals[0]!,
          values.year,
          io,
          server
            ? {
                url: server,
                token: await memberToken({ token: values.token, tokenFile: values["token-file"] }),
              }
            : undefined,
        );
      }
      case "demo-workbook": {
        const { values, positionals } = parseCommand(command, COMMAND_OPTIONS[command], rest);
        if (values.help) return (io.out(USAGE), EXIT.ok);
        return await demoWorkbookCommand(positionals[0]!, io);
      }
      case "sync": {
        const { values, positionals } = parseCommand(command, COMMAND_OPTIONS[command], rest);
        if (values.help) return (io.out(USAGE), EXIT.ok);
        return await syncCommand(
          {
            file: positionals[0]!,
            server: serverBase(values.server ?? process.env[SERVER_ENV]),
            token: await memberToken({ token: values.token, tokenFile: values["token-file"] }),
            prefer: values.prefer,
            dryRun: values["dry-run"],
            includePersonalData: values["include-personal-data"],
            noPersonalData: values["no-personal-data"],
            summaryOnly: values["summary-only"],
            resetState: values["reset-state"],
            confirmDeletes: values["confirm-deletes"],
            restoreDeletes: values["restore-deletes"],
            year: values.year,
            asOf: values["as-of"],
            map: values.map,
            mapFile: values["map-file"],
          },
          io,
        );
      }
      case "history": {
        const { values, positionals } = parseCommand(command, COMMAND_OPTIONS[command], rest);
        if (values.help) return (io.out(USAGE), EXIT.ok);
        return await historyCommand(
          {
            file: positionals[0]!,
            row: values.row,
            sheet: values.sheet,
            server: serverBase(values.server ?? process.env[SERVER_ENV]),
            token: await memberToken({ token: values.token, tokenFile: values["token-file"] }),
            json: values.json,
          },
          io,
        );
      }
      case "admin": {
        const { values, positionals } = parseCommand(command, COMMAND_OPTIONS[command], rest);
        if (values.help) return (io.out(USAGE), EXIT.ok);
        return await adminCommand(
          {
            action: positionals[0],
            positional: positionals[1],
            server: serverBase(values.server ?? process.env[SERVER_ENV]),
            token: await memberToken({ token: values.token, tokenFile: values["token-file"] }),
            name: values.name,
            role: values.role,
            unit: values.unit,
            days: values.days,
          },
          io,
        );
      }
    }
  } catch (e) {
    if (e instanceof WorkbookFileError) {
      io.err(`Lỗi: ${e.userMessage.vi}\nError: ${e.userMessage.en}`);
      return EXIT.badFile;
    }
    if (e instanceof UsageError) {
      io.err(`Lỗi: ${e.userMessage.vi}\nError: ${e.userMessage.en}${e.showUsage ? `\n\n${USAGE}` : ""}`);
      return EXIT.usage;
    }
    if (e instanceof TransportError && e.status === 401 && used) {
      const m = refusedTokenMessage(used.token, used.from);
      io.err(`Lỗi: ${m.vi}\nError: ${m.en}`);
      return EXIT.server;
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
        "Lỗi: không kết nối được máy chủ hoặc kho dữ liệu; hãy chạy `npm start` hoặc kiểm tra --server.\nError: cannot reach the server; run `npm start` or check --server.",
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
