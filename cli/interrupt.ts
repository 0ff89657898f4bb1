import type { Message } from "../core/model";

/** Exit code after Ctrl-C (SIGINT) or SIGTERM: 128 + the signal's number, as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A running command that a Ctrl-C must explain and tidy up after (the sync registers one). */
export interface Interruptible {
  /** What was done so far, and what to do next, in both languages. */
  describe(): Message;
  /** Synchronous clean-up (a half-written temporary file, the sync's lock): the process exits right after. */
  cleanup(): void;
}

let running: Interruptible | undefined;
/** Steps that must not be cut in two (keeping the .bak and renaming the new file into place). */
let holding = 0;
let pending: { code: number; print: (text: string) => void } | undefined;

/** Registers the command a Ctrl-C should describe; the returned function unregisters it. */
export function watchInterrupts(command: Interruptible): () => void {
  running = command;
  return () => {
    if (running === command) running = undefined;
  };
}

/**
 * Runs a short step that a first Ctrl-C waits for (the process stops right after it); a second
 * Ctrl-C still stops at once. Outside the command line (tests, the add-in) it just runs the step.
 */
export async function uninterrupted<T>(step: () => Promise<T>): Promise<T> {
  holding++;
  try {
    return await step();
  } finally {
    holding--;
    if (holding === 0 && pending) stop(pending.code, pending.print);
  }
}

function stop(code: number, print: (text: string) => void): never {
  const command = running;
  running = undefined;
  if (command) {
    try {
      command.cleanup();
    } catch {
      // Nothing more can be done while stopping; the message still says what happened.
    }
    const m = command.describe();
    print(`${m.vi}\n${m.en}`);
  } else print("Đã dừng (Ctrl-C). / Stopped (Ctrl-C).");
  process.exit(code);
}

/**
 * Ctrl-C (and SIGTERM): says what was done and what to do, tidies up, exits 130 — at once, or right
 * after a step that must not be cut in two; a second Ctrl-C stops at once whatever is running.
 */
export function installInterruptHandler(print: (text: string) => void): void {
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals > 1) stop(EXIT_INTERRUPTED, print);
    if (holding > 0) {
      pending = { code: EXIT_INTERRUPTED, print };
      print(
        "Đang lưu sổ tính, dừng ngay sau bước này (Ctrl-C lần nữa để dừng ngay). / Saving the workbook: stopping right after this step (Ctrl-C again to stop at once).",
      );
      return;
    }
    stop(EXIT_INTERRUPTED, print);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
