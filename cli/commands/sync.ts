import { isIsoDate } from "../../core/dates";
import {
  DamagedStateError,
  heldCount,
  heldDeletionsMessage,
  SyncEngine,
  SyncSetupError,
  type SyncOptions,
  type SyncReport,
} from "../../core/sync";
import { msg, type RowError } from "../../core/model";
import type { MemberInfo } from "../../core/sync";
import { HttpTransport, TransportError } from "../../core/sync";
import { XlsxPort } from "../xlsx/xlsx-port";
import { overridesFromArgs, saveCorrections } from "./mapping";
import { UsageError, type CommandIO } from "./io";
import { TOKEN_HELP } from "./token";
import { serverCalendar } from "./server-calendar";
import { lockForSync } from "../xlsx/sync-lock";
import { watchInterrupts } from "../interrupt";
import { requestTimeoutMs } from "./timeout";

export interface SyncArgs {
  file: string;
  server?: string | undefined;
  token?: string | undefined;
  map?: string[] | undefined;
  mapFile?: string | undefined;
  prefer?: string | undefined;
  dryRun?: boolean | undefined;
  includePersonalData?: boolean | undefined;
  noPersonalData?: boolean | undefined;
  summaryOnly?: boolean | undefined;
  resetState?: boolean | undefined;
  confirmDeletes?: boolean | undefined;
  restoreDeletes?: boolean | undefined;
  year?: string | undefined;
  asOf?: string | undefined;
}

/** Exit code when conflicts wait for the user (`--prefer` resolves them in a later run). */
export const EXIT_CONFLICTS = 4;
/** Exit code when the server refused records (they stay in the workbook, unsynced); wins over 4. */
export const EXIT_REFUSED = 5;

/** Exit code when deletions wait for --confirm-deletes (a deleted sheet, many rows); 4 and 5 win over it. */
export const EXIT_DELETIONS_HELD = 6;

/** Held deletions: per sheet, what went and that nothing was deleted; then how to confirm or undo. */
function heldLines(r: SyncReport, file: string, confirming: boolean): string[] {
  if (r.heldDeletions.length === 0) return [];
  const lines = [
    `  XÓA CHỜ XÁC NHẬN / DELETIONS HELD: ${heldCount(r.heldDeletions)} bản ghi / records`,
    // --confirm-deletes confirms what an earlier sync listed, never deletions made since.
    ...(confirming
      ? [
          `   Các bản ghi dưới đây chưa được liệt kê ở lần đồng bộ trước nên --confirm-deletes chưa xóa chúng. / These were not listed by an earlier sync, so --confirm-deletes did not delete them.`,
        ]
      : []),
    ...r.heldDeletions.map((h) => {
      const m = heldDeletionsMessage(h);
      return `   - ${m.vi} / ${m.en}`;
    }),
    `   Nếu đúng là muốn xóa chúng trên máy chủ (và ở sổ của mọi người): cchc sync ${file} --confirm-deletes. Nếu không: cchc sync ${file} --restore-deletes đưa các dòng trở lại từ bản đã đồng bộ (vào một trang cùng loại: trang đã xóa thì cần có lại một trang như thế), hoặc lấy lại trang hay các dòng (Hoàn tác trong Excel, hoặc chép lại từ một bản sao cũ các dòng cùng cột ẩn cchc_id) rồi đồng bộ lại: chúng được nối lại, không tạo trùng. / To delete them on the server (and in everyone's copy): cchc sync ${file} --confirm-deletes. If not: cchc sync ${file} --restore-deletes puts their rows back from the copies last synced (into a sheet of their kind: a deleted sheet needs such a sheet again), or bring the sheet or rows back yourself (undo in Excel, or copy the rows back from an older copy with their hidden cchc_id column) and sync again: they link again, nothing is created twice.`,
  ];
  return lines;
}

/** One line saying what to do about refusals, from who the server says the token belongs to. */
export function refusalAdvice(member: MemberInfo | undefined): string {
  switch (member?.role) {
    case "admin":
      return "Mã truy cập này là của quản trị viên (không ghi bản ghi): tạo mã điều phối bằng `cchc admin add-member --role coordinator --name …` rồi đồng bộ lại bằng mã đó. / This token is an administrator's (admins write no records): add a coordinator with `cchc admin add-member --role coordinator --name …` and sync again with that token.";
    case "leader":
      return "Mã của lãnh đạo chỉ được đọc: dùng --summary-only, hoặc mã của điều phối viên/cán bộ để ghi. / A leader's token only reads: use --summary-only, or a coordinator's or staff token to write.";
    case "staff":
      return `Cán bộ đơn vị "${member.unit ?? "?"}" chỉ ghi được bản ghi của đơn vị "${member.unit ?? "?"}": các dòng của đơn vị khác cần mã của điều phối viên. / Staff of unit "${member.unit ?? "?"}" may write only unit "${member.unit ?? "?"}" records: other units' rows need a coordinator's token.`;
    default:
      return "Sửa các dòng dưới đây theo lý do rồi đồng bộ lại. / Fix the rows below as each reason says, then sync again.";
  }
}

/** The refusals in a few lines: the advice, then one line per reason with its count and first rows. */
function refusalLines(r: SyncReport): string[] {
  const groups = new Map<string, { message: RowError["message"]; rows: string[] }>();
  for (const e of r.rejected) {
    const key = `${e.message.vi}\u0000${e.message.en}`;
    const group = groups.get(key) ?? { message: e.message, rows: [] };
    group.rows.push(e.sheet ? `${e.sheet}!${e.row ?? "?"}` : "dòng đã xóa / deleted row");
    groups.set(key, group);
  }
  const lines = [
    `  BỊ MÁY CHỦ TỪ CHỐI / REFUSED BY THE SERVER: ${r.rejected.length} — ${refusalAdvice(r.member)}`,
  ];
  for (const g of groups.values()) {
    const shown = g.rows.slice(0, 5).join(", ") + (g.rows.length > 5 ? ", …" : "");
    lines.push(`   - ${g.rows.length} × ${g.message.vi} / ${g.message.en} (${shown})`);
  }
  return lines;
}

function formatReport(r: SyncReport, file: string, confirming = false): string {
  const lines = [
    `${r.dryRun ? "[Chạy thử, không ghi / dry run, nothing written] " : ""}Đồng bộ / Synced ${file}`,
    `  đẩy lên / pushed: ${r.pushed}   kéo về / pulled: ${r.pulled}   hợp nhất / merged: ${r.merged}`,
    `  dòng thêm / rows inserted: ${r.inserted}   dòng xóa / rows deleted: ${r.deleted}   ô ghi / cells written: ${r.cellsWritten}${r.formulaCellsKept ? `   ô công thức giữ nguyên / formula cells kept: ${r.formulaCellsKept}` : ""}`,
    `  gửi / sent: ${r.bytesSent} B   nhận / received: ${r.bytesReceived} B${r.summary ? "   trang Tổng hợp đã cập nhật / summary sheet updated" : ""}${r.unchanged ? "   không có gì thay đổi, sổ tính không ghi lại / nothing changed, the workbook was not rewritten" : ""}`,
  ];
  for (const m of r.mapping)
    lines.push(
      `  ${m.kind === "tasks" ? "nhiệm vụ / tasks" : "hồ sơ / dossiers"}: "${m.sheet}" ${m.columns
        .filter((c) => c.field !== "unknown" && c.field !== "ignored")
        .map((c) => `${c.column}=${c.field}`)
        .join(", ")}`,
    );
  if (r.errors.length) {
    lines.push(`  Lỗi dòng (không đồng bộ) / row errors (not synced): ${r.errors.length}`);
    for (const e of r.errors.slice(0, 50))
      lines.push(`   - ${e.sheet}!${e.column ?? ""}${e.row ?? ""}: ${e.message.vi} / ${e.message.en}`);
  }
  for (const n of r.notices) lines.push(`  ! ${n.vi} / ${n.en}`);
  if (r.restored)
    lines.push(
      `  gửi lại cho máy chủ đã mất chúng / given back to a server that had lost them: ${r.restored}`,
    );
  if (r.rejected.length) lines.push(...refusalLines(r));
  lines.push(...heldLines(r, file, confirming));
  if (r.conflicts.length) {
    lines.push(
      `  XUNG ĐỘT / CONFLICTS: ${r.conflicts.length} (xem trang "Xung đột"; chạy lại với --prefer mine|theirs / see sheet "Xung đột"; sync again with --prefer mine|theirs)`,
    );
    for (const c of r.conflicts.slice(0, 50))
      lines.push(
        `   - ${c.sheet} dòng/row ${c.row}, ${c.field}: của tôi/mine ${JSON.stringify(c.mine)} ↔ máy chủ/theirs ${JSON.stringify(c.theirs)} (${c.who}, ${c.at})` +
          (c.formula ? ` — ${msg.formulaHeld().vi} / ${msg.formulaHeld().en}` : ""),
      );
  }
  return lines.join("\n");
}

/** `cchc sync <file.xlsx> --server URL --token TOKEN [--prefer mine|theirs] [--dry-run] …` */
export async function syncCommand(args: SyncArgs, io: CommandIO): Promise<number> {
  if (!args.server)
    throw new UsageError({
      vi: "Cần --server URL (hoặc biến CCHC_SERVER).",
      en: "--server URL is needed (or CCHC_SERVER).",
    });
  if (!args.token) throw new UsageError(TOKEN_HELP);
  if (args.prefer !== undefined && args.prefer !== "mine" && args.prefer !== "theirs")
    throw new UsageError({ vi: "--prefer là mine hoặc theirs.", en: "--prefer takes mine or theirs." });
  if (args.asOf !== undefined && !isIsoDate(args.asOf))
    throw new UsageError({ vi: "--as-of cần ngày YYYY-MM-DD.", en: "--as-of needs a date YYYY-MM-DD." });
  if (args.year !== undefined && !/^\d{4}$/.test(args.year))
    throw new UsageError({ vi: "--year không hợp lệ.", en: "Invalid --year." });
  if (args.confirmDeletes && args.restoreDeletes)
    throw new UsageError({
      vi: "Chọn một trong --confirm-deletes và --restore-deletes.",
      en: "Choose one of --confirm-deletes and --restore-deletes.",
    });
  if (args.includePersonalData && args.noPersonalData)
    throw new UsageError({
      vi: "Chọn một trong --include-personal-data và --no-personal-data.",
      en: "Choose one of --include-personal-data and --no-personal-data.",
    });
  // One sync of a file at a time: two would give the same new rows different ids and push both.
  const unlock = args.dryRun ? () => {} : await lockForSync(args.file);
  const port = new XlsxPort(args.file);
  const unwatch = watchInterrupts({
    describe: () => interruptedMessage(args.file, port),
    cleanup: () => {
      port.discardTemporary();
      unlock();
    },
  });
  try {
    return await syncLocked({ ...args, server: args.server, token: args.token }, io, port);
  } finally {
    unwatch();
    unlock();
  }
}

/** What a Ctrl-C during the sync did to the workbook and the server, and what to do next. */
export function interruptedMessage(file: string, port: XlsxPort): { vi: string; en: string } {
  const step = {
    reading: { vi: "khi đang đọc sổ tính", en: "while reading the workbook" },
    writing: { vi: "khi đang ghi sổ tính", en: "while writing the workbook" },
    idle: { vi: "khi đang trao đổi với máy chủ", en: "while talking to the server" },
  }[port.activity];
  const workbook =
    port.written === 0
      ? { vi: `Sổ tính ${file} không bị thay đổi.`, en: `The workbook ${file} was not changed.` }
      : port.completed
        ? {
            vi: `Sổ tính ${file} đã được ghi đầy đủ trước khi dừng (bản trước ở ${file}.bak).`,
            en: `The workbook ${file} had been fully written before the stop (the version before is ${file}.bak).`,
          }
        : {
            vi: `Sổ tính ${file} đã được ghi một phần việc (mã bản ghi của các dòng mới; bản trước ở ${file}.bak, không cần chép lại), phần còn lại chưa ghi.`,
            en: `The workbook ${file} holds part of the work (the new rows' record ids; the version before is ${file}.bak, no need to put it back); the rest was not written.`,
          };
  const next = port.completed
    ? { vi: "Đồng bộ đã xong.", en: "The sync had finished." }
    : {
        vi: `Những gì máy chủ đã nhận được giữ ở đó. Chạy lại cchc sync ${file} để hoàn tất: không có gì bị gửi hai lần.`,
        en: `What the server already received stays there. Run cchc sync ${file} again to finish: nothing is sent twice.`,
      };
  return {
    vi: `Đã dừng (Ctrl-C) ${step.vi}. ${workbook.vi} ${next.vi}`,
    en: `Stopped (Ctrl-C) ${step.en}. ${workbook.en} ${next.en}`,
  };
}

async function syncLocked(
  args: SyncArgs & { server: string; token: string },
  io: CommandIO,
  port: XlsxPort,
): Promise<number> {
  const corrections = await overridesFromArgs(args.map, args.mapFile);
  if (corrections) {
    // A correction that changes synced records is saved and shown; the next sync applies it.
    const { changes } = await saveCorrections(args.file, corrections, io, !args.dryRun);
    if (args.dryRun) {
      io.out("--dry-run: không lưu, không gửi gì. / --dry-run: nothing saved or sent.");
      return 0;
    }
    if (changes.length > 0) {
      io.out("Chưa đồng bộ: chạy lại cchc sync để áp dụng. / Not synced: run cchc sync again to apply.");
      return 0;
    }
  }
  const options: SyncOptions = { server: args.server };
  if (args.prefer) options.prefer = args.prefer as "mine" | "theirs";
  if (args.dryRun) options.dryRun = true;
  if (args.includePersonalData) options.includePersonalData = true;
  if (args.noPersonalData) options.includePersonalData = false;
  if (args.summaryOnly) options.summaryOnly = true;
  if (args.resetState) options.resetState = true;
  if (args.confirmDeletes) options.confirmDeletes = true;
  if (args.restoreDeletes) options.restoreDeletes = true;
  if (args.year) options.year = Number(args.year);
  if (args.asOf) options.asOf = args.asOf;
  // Due dates from processing times use the server's calendar (an admin may have corrected a year).
  if (!args.summaryOnly)
    options.calendar = await serverCalendar(
      args.server,
      args.token,
      args.year ? Number(args.year) : undefined,
    );
  const report = await runEngine(port, options, args).catch((e: unknown) => {
    throw port.written > 0 && !port.completed ? idsWrittenBeforeFailure(e, args.file) : e;
  });
  io.out(formatReport(report, args.file, args.confirmDeletes === true));
  const hidden = report.mapping.filter((m) => port.hiddenSheets.includes(m.sheet)).map((m) => `"${m.sheet}"`);
  if (hidden.length > 0)
    io.out(
      `  Trang đang ẩn vẫn được đồng bộ / hidden sheets synced all the same: ${hidden.join(", ")} (dữ liệu cũ? / old data? --map "<trang/sheet>=ignore")`,
    );
  if (port.summaryChartsDropped > 0)
    io.out(
      `  Biểu đồ trên trang Tổng hợp (${port.summaryChartsDropped}) ${report.dryRun ? "sẽ không được" : "không được"} dòng lệnh ghi lại: add-in vẽ lại chúng ở lần làm mới tiếp theo. / The ${port.summaryChartsDropped} chart(s) on the summary sheet ${report.dryRun ? "would not be" : "were not"} kept by the command line: the summary's charts are redrawn by the add-in at its next refresh.`,
    );
  if (report.rejected.length > 0) return EXIT_REFUSED;
  if (report.conflicts.length > 0) return EXIT_CONFLICTS;
  return report.heldDeletions.length > 0 ? EXIT_DELETIONS_HELD : 0;
}

/**
 * The transport's messages say the workbook was not changed; after the write of new rows' ids
 * (before the push) that is not so: say what was written.
 */
function idsWrittenBeforeFailure(e: unknown, file: string): unknown {
  if (!(e instanceof TransportError)) return e;
  const vi = `sổ tính chỉ mới được ghi mã bản ghi của các dòng mới (bản trước ở ${file}.bak, không cần chép lại), hãy đồng bộ lại`;
  const en = `the workbook got only the new rows' record ids (the version before is ${file}.bak, no need to put it back), sync again`;
  const replaced = {
    vi: e.userMessage.vi.replace(/sổ tính chưa bị thay đổi/, vi),
    en: e.userMessage.en.replace(/the workbook was not changed/, en),
  };
  return new TransportError(e.status, {
    vi: replaced.vi === e.userMessage.vi ? `${e.userMessage.vi} (${vi}.)` : replaced.vi,
    en: replaced.en === e.userMessage.en ? `${e.userMessage.en} (${en}.)` : replaced.en,
  });
}

async function runEngine(
  port: XlsxPort,
  options: SyncOptions,
  args: SyncArgs & { server: string; token: string },
) {
  return new SyncEngine(
    port,
    new HttpTransport(args.server, args.token, undefined, requestTimeoutMs()),
    options,
  )
    .run()
    .catch((e: unknown) => {
      if (!(e instanceof DamagedStateError)) throw e;
      throw new SyncSetupError({
        vi: `${e.userMessage.vi} Chạy: cchc sync ${args.file} --server … --token … --reset-state`,
        en: `${e.userMessage.en} Run: cchc sync ${args.file} --server … --token … --reset-state`,
      });
    });
}
