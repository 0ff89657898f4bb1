import { CalendarRangeError } from "../calendar/working-days";
import { formatVi, type IsoDate } from "../dates/local-date";
import { msg } from "../model/messages";
import type { ApplicantData, DossierRecord, Message, RowError } from "../model/records";
import { cellText, isBlank, type CellValue } from "../parse/cell";
import { parseChannel, type Channel } from "../parse/channel";
import { dossierStatusWhenBlank, parseDossierStatus, type DossierStatus } from "../parse/dossier-status";
import { stripSectionNumber } from "../reference/match";
import type { DetectedHeader } from "./detect-header";
import type { SheetGrid } from "./grid";
import type { DossierField } from "./header-vocabulary";
import type { ReadContext } from "./read-context";
import { RowReader } from "./row-reader";
import {
  hasSectionPrefix,
  isFooterRow,
  isNoteRow,
  isSignatureRow,
  isSectionNumber,
  isTotalRow,
  syncedRowAsTotal,
  withoutSectionNumber,
} from "./row-kinds";
import { fold, withoutInvisibles } from "../text/normalize";

export interface DossiersRead {
  dossiers: DossierRecord[];
  errors: RowError[];
  notes: Message[];
  lastDataRow?: number;
  /** Ids of rows left out for errors: still in the workbook, so not deleted. */
  idsInErrorRows: string[];
}

interface Counters {
  noChannel: number;
  fromDays: number;
  fromNote: number;
  fromResultDate: number;
  /** Rows whose "Số lượng hồ sơ" says more than one, and the dossiers they hold beyond one each. */
  manyRows: number;
  manyExtra: number;
}

/**
 * Reads a dossier register under its detected header (the official Mẫu số 06 or any register with
 * a received date). Without a status column, a result date means resolved and a note such as
 * "Trả lại hồ sơ" or "rút hồ sơ" means returned or withdrawn; without an appointment date, the due
 * date is the received date plus the procedure's processing time in working days.
 */
export function readDossiers(
  grid: SheetGrid,
  header: DetectedHeader<DossierField>,
  ctx: ReadContext,
): DossiersRead {
  const reader = new RowReader(grid, header);
  const out: DossiersRead = { dossiers: [], errors: [], notes: [], idsInErrorRows: [] };
  const seenCodes = new Map<string, number>();
  const counters: Counters = {
    noChannel: 0,
    fromDays: 0,
    fromNote: 0,
    fromResultDate: 0,
    manyRows: 0,
    manyExtra: 0,
  };
  let sector: string | undefined;
  let lastIdRow: number | undefined;

  for (let r = header.dataStart; r < grid.rows.length; r++) {
    reader.at(r);
    if (reader.isBlank(["stt", "quantity", "recordId"]) || reader.repeatsHeader()) continue;
    const texts = reader.rowTexts();
    const keyBlank = isBlank(reader.raw("receivedOn")) && isBlank(reader.raw("code"));
    if ((keyBlank && isFooterRow(texts)) || isSignatureRow(texts)) {
      // Synced rows below: the register goes on (a row read as a signature is not its end).
      if (r > (lastIdRow ??= reader.lastRowWithId())) break;
      if (reader.text("recordId") === undefined) continue;
    }
    // A total row counts the codes ("Tổng cộng" | =COUNTA(B7:B30)): no received date is enough.
    // A note ("Ghi chú: …", "(*) …", in the STT or the code column) is no dossier either.
    if (isBlank(reader.raw("receivedOn")) && (isTotalRow(texts) || isNoteRow(texts))) {
      // A synced dossier whose cells now read as a total is kept (reported), not deleted.
      reader.keepSyncedRow("code", syncedRowAsTotal(texts[0]!), out);
      continue;
    }
    // A section title may sit in the code column ("II | Lĩnh vực Người có công"): a dossier's STT
    // is no Roman numeral or letter, and no code reads "Lĩnh vực …".
    const titleInCode =
      isBlank(reader.raw("receivedOn")) &&
      (isSectionNumber(reader.text("stt") ?? "") || /^linh vuc\b/.test(fold(reader.text("code") ?? "")));
    if ((keyBlank || titleInCode) && isSectionRow(reader, texts)) {
      sector = sectionName(texts, reader.text("stt"));
      continue;
    }
    const dossier = readDossier(reader, ctx, sector, counters);
    out.lastDataRow = reader.excelRow;
    if (dossier && dossier.code !== undefined) {
      const first = seenCodes.get(dossier.code);
      if (first !== undefined)
        reader.fail("code", msg.duplicateCode(reader.headerOf("code"), dossier.code, first));
      else seenCodes.set(dossier.code, reader.excelRow);
    }
    if (reader.errors.length > 0 || !dossier) {
      out.errors.push(...reader.errors);
      const id = reader.text("recordId");
      if (id) out.idsInErrorRows.push(id);
      continue;
    }
    out.dossiers.push(dossier);
  }
  addNotes(out.notes, counters, reader.has("channel"), reader.has("status"));
  const twoDigit = reader.twoDigitYearNote();
  if (twoDigit) out.notes.push(twoDigit);
  return out;
}

function isSectionRow(reader: RowReader<DossierField>, texts: string[]): boolean {
  const stt = reader.text("stt") ?? "";
  return texts.length <= 2 && (isSectionNumber(stt) || texts.some(hasSectionPrefix));
}

function sectionName(texts: string[], stt: string | undefined): string {
  const title = texts.find((t) => t !== stt) ?? texts[0]!;
  return withoutSectionNumber(title) || stripSectionNumber(title).rest;
}

function readDossier(
  reader: RowReader<DossierField>,
  ctx: ReadContext,
  sector: string | undefined,
  counters: Counters,
): DossierRecord | undefined {
  const receivedOn = reader.date("receivedOn");
  if (receivedOn === undefined && reader.errors.length === 0)
    reader.fail("receivedOn", msg.missing(reader.headerOf("receivedOn")));
  // "Trong ngày", "Trả ngay": a same-day procedure (a certified copy) is due the day it was received.
  const appointment = sameDay(reader.raw("dueOn")) ? receivedOn : reader.date("dueOn");
  const resultOn = reader.date("resultOn");
  const processingDays = readProcessingDays(reader);
  const notes = reader.text("notes");
  const channel = readChannel(reader);
  const status = readStatus(reader, resultOn, notes, counters);
  if (receivedOn === undefined || status === undefined || reader.errors.length > 0) return undefined;

  const due = dueDate(reader, ctx, receivedOn, appointment, processingDays);
  if (due === undefined) return undefined;
  if (due.dueOn < receivedOn)
    reader.fail(
      "dueOn",
      msg.dueBeforeReceived(reader.headerOf("dueOn"), formatVi(due.dueOn), formatVi(receivedOn)),
    );
  if (resultOn !== undefined && resultOn < receivedOn)
    reader.fail(
      "resultOn",
      msg.resultBeforeReceived(reader.headerOf("resultOn"), formatVi(resultOn), formatVi(receivedOn)),
    );
  if (status === "resolved" && resultOn === undefined)
    reader.fail("resultOn", msg.resolvedWithoutDate(reader.headerOf("resultOn")));
  if (reader.errors.length > 0) return undefined;
  if (due.from === "processing-days") counters.fromDays++;
  if (channel === undefined) counters.noChannel++;
  const quantity = quantityOf(reader.raw("quantity"));
  if (quantity !== undefined && quantity > 1) {
    counters.manyRows++;
    counters.manyExtra += quantity - 1;
  }

  const dossier: DossierRecord = {
    receivedOn,
    dueOn: due.dueOn,
    dueFrom: due.from,
    status,
    source: { sheet: reader.grid.name, row: reader.excelRow },
  };
  const syncId = reader.text("recordId");
  if (syncId !== undefined) dossier.syncId = syncId;
  const code = reader.text("code");
  assignText(dossier, "code", code === undefined ? undefined : withoutInvisibles(code) || undefined);
  assignText(dossier, "procedure", reader.text("procedure"));
  assignText(dossier, "sector", reader.text("sector") ?? sector);
  const unit = reader.text("unit");
  if (unit !== undefined) dossier.unit = ctx.unitKey(unit);
  if (channel !== undefined) dossier.channel = channel;
  if (processingDays !== undefined) dossier.processingDays = processingDays;
  if (resultOn !== undefined) dossier.resultOn = resultOn;
  assignText(dossier, "notes", notes);
  const applicant = readApplicant(reader);
  if (applicant) dossier.applicant = applicant;
  return dossier;
}

/** "Số lượng hồ sơ": 3, "3", "03 bộ"; undefined for anything else (the column is not checked). */
function quantityOf(v: CellValue): number | undefined {
  if (typeof v === "number") return Number.isInteger(v) ? v : undefined;
  const m = typeof v === "string" ? /^\s*(\d{1,4})\s*(bo|ho so)?\s*$/.exec(fold(v)) : null;
  return m ? Number(m[1]) : undefined;
}

function assignText<K extends "code" | "procedure" | "sector" | "notes">(
  d: DossierRecord,
  key: K,
  value: string | undefined,
): void {
  if (value !== undefined) d[key] = value;
}

const SAME_DAY =
  /^(trong ngay( lam viec)?|tra ngay|ngay trong ngay|giai quyet ngay|tra trong ngay|same day)$/;

function sameDay(v: CellValue): boolean {
  // Checked on every row: only a short text without digits (a date has some) is folded.
  return typeof v === "string" && v.length <= 30 && !/\d/.test(v) && SAME_DAY.test(fold(v));
}

function readProcessingDays(reader: RowReader<DossierField>): number | undefined {
  const v = reader.value("processingDays");
  if (v === undefined) return undefined;
  if (sameDay(v)) return 0;
  const n =
    typeof v === "number"
      ? v
      : /^\d+( ngay( lam viec)?)?$/.test(fold(cellText(v)))
        ? parseInt(cellText(v), 10)
        : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 3650) {
    reader.fail("processingDays", msg.notANumber(reader.headerOf("processingDays"), cellText(v)));
    return undefined;
  }
  return n;
}

function readChannel(reader: RowReader<DossierField>): Channel | undefined {
  const text = reader.text("channel");
  if (text === undefined) return undefined;
  const channel = parseChannel(text);
  if (channel === undefined) reader.fail("channel", msg.unknownChannel(reader.headerOf("channel"), text));
  return channel === "blank" ? undefined : channel;
}

function readStatus(
  reader: RowReader<DossierField>,
  resultOn: IsoDate | undefined,
  notes: string | undefined,
  counters: Counters,
): DossierStatus | undefined {
  const text = reader.text("status");
  if (text !== undefined) {
    const status = parseDossierStatus(text);
    if (status === undefined)
      reader.fail("status", msg.unknownDossierStatus(reader.headerOf("status"), text));
    if (status !== "blank") return status;
  }
  const status = dossierStatusWhenBlank(notes, resultOn);
  if (status === "returned" || status === "withdrawn") counters.fromNote++;
  else if (status === "resolved") counters.fromResultDate++;
  return status;
}

function dueDate(
  reader: RowReader<DossierField>,
  ctx: ReadContext,
  receivedOn: IsoDate,
  appointment: IsoDate | undefined,
  processingDays: number | undefined,
): { dueOn: IsoDate; from: "appointment" | "processing-days" } | undefined {
  if (appointment !== undefined) return { dueOn: appointment, from: "appointment" };
  if (processingDays === undefined) {
    reader.fail(reader.has("dueOn") ? "dueOn" : null, msg.missingDue());
    return undefined;
  }
  try {
    return { dueOn: ctx.calendar.addWorkingDays(receivedOn, processingDays), from: "processing-days" };
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    reader.fail("processingDays", msg.calendarMissing(e.date.slice(0, 4)));
    return undefined;
  }
}

function readApplicant(reader: RowReader<DossierField>): ApplicantData | undefined {
  const applicant: ApplicantData = {};
  const name = reader.text("applicantName");
  const address = reader.text("applicantAddress");
  const idNumber = reader.text("applicantId");
  if (name !== undefined) applicant.name = name;
  if (address !== undefined) applicant.address = address;
  if (idNumber !== undefined) applicant.idNumber = idNumber;
  return Object.keys(applicant).length > 0 ? applicant : undefined;
}

function addNotes(notes: Message[], c: Counters, hasChannel: boolean, hasStatus: boolean): void {
  if (c.noChannel > 0)
    notes.push(
      hasChannel
        ? {
            vi: `${c.noChannel} hồ sơ để trống hình thức nộp: tính là nộp trực tiếp/bưu chính.`,
            en: `${c.noChannel} dossiers have a blank channel: counted as in person/post.`,
          }
        : {
            vi: "Không có cột hình thức nộp: mọi hồ sơ được tính là nộp trực tiếp/bưu chính.",
            en: "No channel column: every dossier is counted as in person/post.",
          },
    );
  if (c.fromDays > 0)
    notes.push({
      vi: `${c.fromDays} hồ sơ không có ngày hẹn trả: ngày hẹn = ngày nhận + thời hạn giải quyết (ngày làm việc).`,
      en: `${c.fromDays} dossiers have no appointment date: due = received + processing time in working days.`,
    });
  if (c.fromNote > 0)
    notes.push({
      vi: `${c.fromNote} hồ sơ được xác định trả lại/rút theo ghi chú.`,
      en: `${c.fromNote} dossiers were read as returned/withdrawn from their notes.`,
    });
  // Each row is one dossier (one code, one set of dates): a row counting several is said, not multiplied.
  if (c.manyRows > 0)
    notes.push({
      vi: `${c.manyRows} dòng ghi số lượng hồ sơ lớn hơn 1 (thêm ${c.manyExtra} bộ): mỗi dòng được tính là một hồ sơ; để thống kê đủ, ghi mỗi hồ sơ một dòng.`,
      en: `${c.manyRows} rows give a dossier quantity above 1 (${c.manyExtra} more): each row is counted as one dossier; to count them all, write one row per dossier.`,
    });
  if (!hasStatus && c.fromResultDate > 0)
    notes.push({
      vi: "Không có cột trạng thái: hồ sơ có ngày trả kết quả là đã giải quyết, chưa có là đang giải quyết.",
      en: "No status column: a dossier with a result date is resolved, one without is still processing.",
    });
}
