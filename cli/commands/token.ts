import { promises as fs } from "node:fs";
import { UsageError, type CommandIO } from "./io";

/** Where a member's token may come from, in the order they are tried. */
export interface TokenSources {
  /** `--token T`: works, but every user of the machine sees it in `ps` (README, "Tokens"). */
  token?: string | undefined;
  /** `--token-file F`, or `-` for standard input. */
  tokenFile?: string | undefined;
}

export const TOKEN_ENV = "CCHC_TOKEN";

/**
 * The member's token from `--token`, `--token-file` (a file, or `-` for standard input) or the
 * `CCHC_TOKEN` environment variable; the first line of a file, trimmed. Undefined when none is given.
 */
export async function resolveToken(
  sources: TokenSources,
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (sources.token !== undefined && sources.tokenFile !== undefined)
    throw new UsageError({
      vi: "Chọn một trong --token và --token-file.",
      en: "Choose one of --token and --token-file.",
    });
  let token: string | undefined;
  let from: string;
  if (sources.token !== undefined) {
    token = sources.token;
    from = "--token";
  } else if (sources.tokenFile !== undefined) {
    from = sources.tokenFile === "-" ? "standard input" : sources.tokenFile;
    token = sources.tokenFile === "-" ? await readStdin(io) : await readTokenFile(sources.tokenFile);
    token = token.split(/\r?\n/).find((line) => line.trim() !== "");
  } else {
    token = env[TOKEN_ENV];
    from = TOKEN_ENV;
  }
  if (token === undefined && from === TOKEN_ENV) return undefined;
  token = token?.trim();
  if (!token)
    throw new UsageError({ vi: `Mã truy cập trống (${from}).`, en: `The token is empty (${from}).` });
  return token;
}

async function readTokenFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (e) {
    throw new UsageError({
      vi: `Không đọc được tệp mã truy cập "${file}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      en: `Cannot read the token file "${file}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
    });
  }
}

async function readStdin(io: CommandIO): Promise<string> {
  if (!io.readStdin)
    throw new UsageError({ vi: "Không đọc được đầu vào chuẩn.", en: "Standard input is not available." });
  return io.readStdin();
}

export const TOKEN_HELP = {
  vi: `Cần mã truy cập: biến môi trường ${TOKEN_ENV}, --token-file TỆP (hoặc --token-file - để đọc từ đầu vào chuẩn), hoặc --token.`,
  en: `A token is needed: the ${TOKEN_ENV} environment variable, --token-file FILE (or --token-file - for standard input), or --token.`,
};
