import type { Message } from "../../core/model";

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input (for `--token-file -`). */
  readStdin?(): Promise<string>;
}

/**
 * A mistake in the command line itself: exit code 64 (EX_USAGE), printed with the usage unless
 * the usage would not help (a row number that names no record: the message says what to do).
 */
export class UsageError extends Error {
  constructor(
    readonly userMessage: Message,
    readonly showUsage = true,
  ) {
    super(userMessage.en);
    this.name = "UsageError";
  }
}

export const processIO: CommandIO = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};
