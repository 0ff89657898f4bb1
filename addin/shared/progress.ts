import type { SyncRequest, SyncResponse } from "../../core/sync";
import type { StatsQuery, SyncTransport } from "../../core/sync";
import type { WorkbookEdit, WorkbookPort, WorkbookSnapshot } from "../../core/sync";
import type { StatsAnswer } from "../../core/schemas";

export type SyncStage = "read" | "send" | "receive" | "write";

export interface ProgressOptions {
  onProgress?: (stage: SyncStage, done: number, total: number) => void;
  /** Cancels the sync up to the write phase; a write already started runs to its end. */
  signal?: AbortSignal;
}

/**
 * Thrown when the user cancelled before the sync's final write. `idsWritten`: the engine had already
 * given new rows their hidden ids (a write of its own, before talking to the server), so the
 * workbook is not quite as it was: those ids stay, and the next sync uses them.
 */
export class SyncCancelled extends Error {
  constructor(readonly idsWritten = false) {
    super("The sync was cancelled before writing");
    this.name = "SyncCancelled";
  }
}

/**
 * Progress and cancelling without reaching into the engine: the engine's port and transport are
 * wrapped, so each read, round trip and write is seen as it happens. A cancel before the write is
 * like a dropped connection, which the engine already survives (operation ids make a repeated push
 * apply once, and the workbook's state is written only with the final write).
 */
export function withProgress(
  port: WorkbookPort,
  transport: SyncTransport,
  options: ProgressOptions,
): { port: WorkbookPort; transport: SyncTransport } {
  const report = options.onProgress ?? (() => undefined);
  let idsWritten = false;
  const check = () => {
    if (options.signal?.aborted) throw new SyncCancelled(idsWritten);
  };
  let sent = 0;
  let received = 0;
  let writes = 0;
  /** The engine writes new rows' ids before talking to the server; only a write after that is the final one. */
  let talked = false;
  return {
    port: {
      async read(): Promise<WorkbookSnapshot> {
        check();
        report("read", 0, 1);
        const snapshot = await port.read();
        report("read", 1, 1);
        return snapshot;
      },
      async write(edit: WorkbookEdit): Promise<void> {
        check();
        if (!talked) {
          await port.write(edit);
          idsWritten = true;
          return;
        }
        report("write", writes, writes + 1);
        await port.write(edit);
        report("write", ++writes, writes);
      },
    },
    transport: {
      get bytesSent() {
        return transport.bytesSent;
      },
      get bytesReceived() {
        return transport.bytesReceived;
      },
      async sync(request: SyncRequest): Promise<SyncResponse> {
        check();
        talked = true;
        sent += request.push.length;
        report("send", sent, sent);
        const res = await transport.sync(request);
        received += res.changes.length;
        report("receive", received, received);
        check();
        return res;
      },
      async stats(query: StatsQuery): Promise<StatsAnswer> {
        check();
        talked = true;
        return transport.stats(query);
      },
      // The year's units, read before the ids' write: not yet "talked" (see above).
      ...(transport.units && {
        units: (year: number) => {
          check();
          return transport.units!(year);
        },
      }),
    },
  };
}

/** Where the progress bar stands (0..1) for a stage: read, then the round trips, then the write. */
export function progressFraction(stage: SyncStage, done: number, total: number): number {
  const within = total > 0 ? Math.min(1, done / total) : 0;
  switch (stage) {
    case "read":
      return 0.15 * within;
    case "send":
      return 0.15 + 0.35 * within;
    case "receive":
      return 0.5 + 0.3 * within;
    case "write":
      return 0.8 + 0.2 * within;
  }
}
