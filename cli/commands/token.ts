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
  token = token === undefined ? undefined : cleanToken(token);
  if (!token)
    throw new UsageError({ vi: `Mã truy cập trống (${from}).`, en: `The token is empty (${from}).` });
  // fetch cannot send other characters in a header: the sync would wrongly say the server is unreachable.
  if (!/^[\x21-\x7e]+$/.test(token))
    throw new UsageError({
      vi: `Mã truy cập (${from}) có ký tự mà mã không bao giờ có (chữ có dấu hoặc ký tự đặc biệt): mã có dạng cchc_… gồm chữ không dấu, số, "-", "_" và ".". Hãy chép lại đúng mã được cấp.`,
      en: `The token (${from}) holds characters a token never has (accented letters or symbols): a token is cchc_… of plain letters, digits, "-", "_" and ".". Copy the token you were given again.`,
    });
  return token;
}

/**
 * A token as pasted: the spaces and line breaks a copy from a wrapped line or an e-mail adds, quotes
 * around it, or the "Bearer " of an HTTP header. A token never holds any of them.
 */
export function cleanToken(raw: string): string {
  return raw
    .trim()
    .replace(/^(["'])(.*)\1$/s, "$2")
    .replace(/^Bearer\s+/i, "")
    .replace(/\s+/g, "");
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

/** Where the token was taken from, as the user gave it. */
export function tokenSourceName(sources: TokenSources): string {
  if (sources.token !== undefined) return "--token";
  if (sources.tokenFile !== undefined)
    return sources.tokenFile === "-"
      ? "--token-file - (standard input)"
      : `--token-file ${sources.tokenFile}`;
  return TOKEN_ENV;
}

/** The public id of a token (`cchc_<id>.<secret>`): what `cchc admin list` shows; never the secret. */
export function tokenIdOf(token: string | undefined): string | undefined {
  return /^cchc_([A-Za-z0-9_-]{4,40})\./.exec(token ?? "")?.[1];
}

/** The server did not accept the token (401): which token, from where, and what to do. */
export function refusedTokenMessage(token: string | undefined, from: string) {
  const id = tokenIdOf(token);
  return {
    vi: `Máy chủ không nhận mã truy cập lấy từ ${from}${id ? ` (mã số ${id})` : " (không có dạng cchc_…)"}: mã sai, đã bị thu hồi hoặc đã hết hạn. Hãy kiểm tra đã chép đủ cả mã, hoặc xin quản trị viên cấp mã mới (cchc admin add-member) rồi chạy lại.`,
    en: `The server did not accept the token from ${from}${id ? ` (token id ${id})` : " (not of the form cchc_…)"}: it is wrong, revoked or expired. Check that the whole token was copied, or ask an administrator for a new one (cchc admin add-member), then run again.`,
  };
}

export const TOKEN_HELP = {
  vi: `Cần mã truy cập: biến môi trường ${TOKEN_ENV}, --token-file TỆP (hoặc --token-file - để đọc từ đầu vào chuẩn), hoặc --token.`,
  en: `A token is needed: the ${TOKEN_ENV} environment variable, --token-file FILE (or --token-file - for standard input), or --token.`,
};
