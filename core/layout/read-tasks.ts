import { isoDate, isValidDate, type IsoDate } from "../dates/local-date";
import { msg } from "../model/messages";
import type { Message, RowError, TaskRecord } from "../model/records";
import { isUncomputedFormula } from "../parse/cell";
import { parseDeadline } from "../parse/deadline";
import { parseTaskStatus, taskStatusWhenBlank } from "../parse/task-status";
import type { Field } from "../reference/fields";
import { matchField, stripSectionNumber } from "../reference/match";
import type { DetectedHeader } from "./detect-header";
import { MergedView, type SheetGrid } from "./grid";
import type { TaskField } from "./header-vocabulary";
import type { ReadContext } from "./read-context";
import { isTick, RowReader } from "./row-reader";
import {
  hasSectionPrefix,
  isArabicNumber,
  isFooterRow,
  isNoteRow,
  isSectionNumber,
  isSignatureRow,
  isTotalRow,
  syncedRowAsTotal,
  withoutSectionNumber,
} from "./row-kinds";

export interface TasksRead {
  tasks: TaskRecord[];
  errors: RowError[];
  notes: Message[];
  lastDataRow?: number;
  /** Ids of rows left out for errors: still in the workbook, so not deleted. */
  idsInErrorRows: string[];
  sections: { row: number; field?: number }[];
}

const DETAIL_FIELDS: TaskField[] = [
  "leadUnit",
  "coordinatingUnits",
  "deadline",
  "status",
  "completedOn",
  "output",
  "id",
];

/**
 * Reads the task rows under a detected header. Section rows ("I. Cải cách thể chế") set the field
 * of the tasks below them, matched to the plan's fields by name; rows that sum or sign the table
 * are skipped; a row with an error is reported and left out, the others are read.
 */
export function readTasks(grid: SheetGrid, header: DetectedHeader<TaskField>, ctx: ReadContext): TasksRead {
  const reader = new RowReader(grid, header);
  const view = new MergedView(grid);
  const out: TasksRead = { tasks: [], errors: [], notes: [], idsInErrorRows: [], sections: [] };
  const seenIds = new Map<string, number>();
  const readAs = new Map<string, number>();
  let currentField: number | undefined;
  let lastIdRow: number | undefined;
  let blankStatus = 0;
  let inferredDone = 0;

  for (let r = header.dataStart; r < grid.rows.length; r++) {
    reader.at(r);
    const texts = reader.rowTexts();
    if (texts.length === 0 || reader.repeatsHeader()) continue;
    // A pre-numbered empty row is blank; text alone in the STT column may be a section title.
    const sttOnly = reader.isBlank();
    if (sttOnly && isArabicNumber(reader.text("stt") ?? "1")) continue;
    const detailsBlank = DETAIL_FIELDS.every(
      (f) => !reader.has(f) || reader.raw(f) === null || String(reader.raw(f)).trim() === "",
    );
    if ((detailsBlank && isFooterRow(texts)) || isSignatureRow(texts)) {
      // Synced rows below: the table goes on (a title such as "Trưởng phòng …" alone in a cell).
      if (r > (lastIdRow ??= reader.lastRowWithId())) break;
      if (reader.text("recordId") === undefined) continue;
    }
    // A total row holds counts ("Tiến độ": =COUNTIF(…), "Thời gian": =COUNTA(…)), never a lead
    // unit or a deadline: a number there below 1900 is a count, not a date or a year (nor is a
    // formula whose value the file does not hold: a script's =COUNTA(…), or one the sync moved).
    const noUnitNorDeadline = (["leadUnit", "deadline"] as const).every((f) => {
      const raw = reader.has(f) ? reader.raw(f) : null;
      if (raw === null || String(raw).trim() === "" || isUncomputedFormula(raw)) return true;
      return typeof raw === "number" && raw < 1900;
    });
    // A note ("Ghi chú: …", "(*) …") is no task nor section.
    if ((noUnitNorDeadline && isTotalRow(texts)) || (detailsBlank && isNoteRow(texts))) {
      // One the sync gave an id was read as a task before ("Cộng mục II"): kept and reported.
      reader.keepSyncedRow("content", syncedRowAsTotal(texts[0]!), out);
      continue;
    }

    const title = detailsBlank ? sectionTitle(reader, view, r, ctx.fields) : undefined;
    const syncedId = reader.text("recordId");
    if (title !== undefined && syncedId !== undefined) {
      // Only record rows get an id: this one lost its cells (merged across, or cleared), not a heading.
      reader.fail(
        reader.has("content") ? "content" : null,
        msg.syncedRowAsSection(reader.headerOf("content")),
      );
      out.errors.push(...reader.errors);
      out.idsInErrorRows.push(syncedId);
      continue;
    }
    if (title !== undefined) {
      currentField = fieldOfSection(title, reader.text("stt") ?? "", ctx, out.notes);
      out.sections.push(
        currentField === undefined ? { row: reader.excelRow } : { row: reader.excelRow, field: currentField },
      );
      continue;
    }

    if (sttOnly) continue;
    const task = readTask(reader, ctx, currentField, readAs);
    out.lastDataRow = reader.excelRow;
    if (reader.errors.length > 0 || !task) {
      out.errors.push(...reader.errors);
      const id = reader.text("recordId");
      if (id) out.idsInErrorRows.push(id);
      continue;
    }
    if (task.id !== undefined) {
      const first = seenIds.get(task.id);
      if (first !== undefined) {
        reader.fail("id", msg.duplicateCode(reader.headerOf("id"), task.id, first));
        out.errors.push(...reader.errors);
        if (task.syncId) out.idsInErrorRows.push(task.syncId);
        continue;
      }
      seenIds.set(task.id, reader.excelRow);
    }
    if (task.statusText === "" && reader.has("status")) {
      if (task.status === "done") inferredDone++;
      else blankStatus++;
    }
    out.tasks.push(task);
  }
  addReadingNotes(out.notes, readAs, blankStatus, inferredDone, reader.has("status"));
  const twoDigit = reader.twoDigitYearNote();
  if (twoDigit) out.notes.push(twoDigit);
  return out;
}

function readTask(
  reader: RowReader<TaskField>,
  ctx: ReadContext,
  sectionField: number | undefined,
  readAs: Map<string, number>,
): TaskRecord | undefined {
  const content = reader.text("content");
  if (content === undefined && reader.errors.length === 0)
    reader.fail("content", msg.missing(reader.headerOf("content")));

  let field = sectionField;
  const fieldText = reader.text("field");
  if (fieldText !== undefined) {
    const match = matchField(fieldText, ctx.fields);
    if (match) field = match.field.number;
    else reader.fail("field", msg.unknownField(reader.headerOf("field"), fieldText));
  }

  const deadlineValue = reader.value("deadline");
  let deadlineReading =
    deadlineValue === undefined
      ? undefined
      : parseDeadline(deadlineValue, ctx.planYear, reader.shownPeriod("deadline"));
  if (
    deadlineReading?.ok &&
    deadlineReading.deadline.due !== undefined &&
    reader.swappedByImport("deadline", deadlineValue!, deadlineReading.deadline.due)
  )
    deadlineReading = undefined;
  if (deadlineReading && !deadlineReading.ok) {
    const shown = String(reader.text("deadline"));
    const header = reader.headerOf("deadline");
    reader.fail(
      "deadline",
      deadlineReading.reason === "needs-year"
        ? msg.deadlineNeedsYear(header, shown)
        : deadlineReading.reason === "impossible"
          ? msg.impossibleDate(header, shown)
          : msg.badDeadline(header, shown),
    );
  }
  const deadline = deadlineReading?.ok ? deadlineReading.deadline : undefined;
  if (deadline?.readAs) readAs.set(deadline.readAs, (readAs.get(deadline.readAs) ?? 0) + 1);
  if (deadlineReading?.ok && deadlineReading.periodCell)
    readAs.set(PERIOD_CELL, (readAs.get(PERIOD_CELL) ?? 0) + 1);

  const completedOn = reader.date("completedOn");
  let statusText = reader.text("status") ?? "";
  // "Đã hoàn thành | Chưa hoàn thành" tick columns: the ticked column's label is the status word. A
  // word in the first column (one a sync wrote there) is read as a word.
  const ticked = reader.tickedLabel("status", (label) => {
    const p = parseTaskStatus(label);
    return p !== undefined && p !== "blank";
  });
  if (ticked === "several") reader.fail("status", tickedSeveral(reader.headerOf("status")));
  else if (ticked !== undefined && (statusText === "" || isTick(statusText))) {
    statusText = ticked;
    readAs.set(TICKED, (readAs.get(TICKED) ?? 0) + 1);
  }
  let parsed = ticked === "several" ? undefined : parseTaskStatus(statusText);
  if (parsed === undefined && ticked !== "several")
    reader.fail("status", msg.unknownTaskStatus(reader.headerOf("status"), statusText));
  // Without a status, a completion date is what says the task is done.
  if (parsed === "blank") parsed = taskStatusWhenBlank(completedOn);
  // "Đã hoàn thành (15/5/2026)", "Hoàn thành ngày 15/5": the date the status names, when no
  // completion-date cell gives one, says whether the task was done on time.
  const doneOn = completedOn ?? (parsed === "done" ? dateInStatus(statusText, ctx.planYear) : undefined);
  if (doneOn !== undefined && completedOn === undefined)
    readAs.set(DATE_IN_STATUS, (readAs.get(DATE_IN_STATUS) ?? 0) + 1);

  if (reader.errors.length > 0 || content === undefined || parsed === undefined) return undefined;
  const task: TaskRecord = {
    year: ctx.planYear ?? (deadline?.due ? Number(deadline.due.slice(0, 4)) : 0),
    content,
    status: parsed,
    statusText,
    source: { sheet: reader.grid.name, row: reader.excelRow },
  };
  const id = reader.text("id");
  if (id !== undefined) task.id = id;
  const syncId = reader.text("recordId");
  if (syncId !== undefined) task.syncId = syncId;
  if (field !== undefined) task.field = field;
  const lead = reader.text("leadUnit");
  // Several units in the lead cell: the first named leads, the others coordinate (a note says so).
  const listed = lead === undefined ? undefined : ctx.listedUnits(lead);
  if (listed) readAs.set(SEVERAL_LEADS, (readAs.get(SEVERAL_LEADS) ?? 0) + 1);
  if (lead !== undefined) task.leadUnit = ctx.unitKey(listed?.[0] ?? lead);
  const coordinating = [...(listed?.slice(1) ?? []), reader.text("coordinatingUnits") ?? ""]
    .filter((u) => u !== "")
    .join("; ");
  if (coordinating !== "") task.coordinatingUnits = coordinating;
  if (deadline) task.deadline = deadline;
  if (deadlineReading?.ok && deadlineReading.cellDate) task.deadlineCell = deadlineReading.cellDate;
  const output = reader.text("output");
  if (output !== undefined) task.output = output;
  if (doneOn) task.completedOn = doneOn;
  const notes = reader.text("notes");
  if (notes !== undefined) task.notes = notes;
  return task;
}

/** The title of a section row, or undefined when the row is a task. */
function sectionTitle(
  reader: RowReader<TaskField>,
  view: MergedView,
  r: number,
  fields: readonly Field[],
): string | undefined {
  const stt = reader.text("stt") ?? "";
  const content = reader.text("content") ?? "";
  const texts = reader.rowTexts();
  const title = content || texts.find((t) => t !== stt) || stt;
  if (title === "" || isArabicNumber(title)) return undefined;
  if (isSectionNumber(stt) && content !== "") return title;
  if (hasSectionPrefix(title)) return title;
  const firstCol = reader.firstTextColumn();
  const merge = firstCol === undefined ? undefined : view.mergeAt(r, firstCol);
  if (merge && merge.right > merge.left) return title;
  if (!isArabicNumber(stt) && matchField(title, fields, false)) return title;
  return undefined;
}

/**
 * The field a section names. One that matches no field becomes the plan's own field when numbered
 * like a field (I, II, "Lĩnh vực …"); a lettered group ("A. Nhiệm vụ trọng tâm") names no field.
 */
function fieldOfSection(title: string, stt: string, ctx: ReadContext, notes: Message[]): number | undefined {
  const match = matchField(title, ctx.fields, false);
  if (match) return match.field.number;
  if (/^[A-H][.:)–-]?$/.test(stt.trim()) || /^\s*[A-H]\s*[.:)–-]/.test(title)) {
    notes.push({
      vi: `Mục "${title}" không phải lĩnh vực: nhiệm vụ bên dưới lấy lĩnh vực từ mục con.`,
      en: `Section "${title}" is not a field: the tasks below take the field of their sub-section.`,
    });
    return undefined;
  }
  const { rest } = stripSectionNumber(title);
  const number = ctx.fields.length + 1;
  ctx.fields.push({
    number,
    code: `F${number}`,
    vi: withoutSectionNumber(title) || rest,
    en: title,
    aliases: [],
  });
  notes.push(msg.sectionUnmatched(title, number));
  return number;
}

/** Counted beside the deadline readings: tasks whose lead cell lists several units. */
const SEVERAL_LEADS = "several-leads";
/** …and tasks whose completion date was read from their status text. */
const DATE_IN_STATUS = "date-in-status";

/** The date in "Đã hoàn thành (15/5/2026)" or "Hoàn thành ngày 15/5" (the plan year when none is written). */
function dateInStatus(text: string, planYear: number | undefined): IsoDate | undefined {
  const m = /(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}|\d{2}))?/.exec(text);
  if (!m) return undefined;
  const year = m[3] === undefined ? planYear : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const [day, month] = [Number(m[1]), Number(m[2])];
  return year !== undefined && isValidDate(year, month, day) ? isoDate(year, month, day) : undefined;
}

/** …and tasks whose deadline is a date cell showing only a month or a year ("06/2026"). */
const PERIOD_CELL = "period-cell";

/** …and tasks whose status is a tick ("x") under a column headed by a status word. */
const TICKED = "ticked";

function tickedSeveral(header: string): Message {
  return {
    vi: `Dòng này đánh dấu nhiều cột tình trạng cùng lúc ("${header}" …); hãy chỉ đánh dấu một cột.`,
    en: `This row ticks several status columns at once ("${header}" …); tick only one.`,
  };
}

function addReadingNotes(
  notes: Message[],
  readAs: Map<string, number>,
  blankStatus: number,
  inferredDone: number,
  hasStatus: boolean,
): void {
  const describe: Record<string, Message> = {
    "year-of-plan": {
      vi: 'thời hạn không ghi năm (như "Quý I", "Tháng 6") được hiểu theo năm kế hoạch',
      en: 'deadlines without a year ("Quý I", "Tháng 6") were read in the plan year',
    },
    "period-end": {
      vi: "thời hạn là một kỳ (quý, tháng, năm) được hiểu là ngày cuối kỳ",
      en: "deadlines naming a period (quarter, month, year) were read as the period's last day",
    },
    "latest-of-several": {
      vi: 'thời hạn ghi nhiều kỳ ("Quý I, II") được hiểu là kỳ muộn nhất',
      en: 'deadlines naming several periods ("Quý I, II") were read as the latest',
    },
    "two-digit-year": { vi: "năm ghi 2 chữ số được hiểu là 20xx", en: "two-digit years were read as 20xx" },
    [DATE_IN_STATUS]: {
      vi: 'ngày hoàn thành đọc từ ô tình trạng ("Đã hoàn thành (15/5/2026)")',
      en: 'the completion date was read from the status cell ("Đã hoàn thành (15/5/2026)")',
    },
    [PERIOD_CELL]: {
      vi: 'thời hạn là ô ngày chỉ hiện tháng hoặc năm ("06/2026", ngày lưu là mùng 1) được hiểu là ngày cuối tháng (năm)',
      en: 'the deadline is a date cell showing only a month or a year ("06/2026", stored as the 1st) and was read as the last day of that month (year)',
    },
    [TICKED]: {
      vi: 'tình trạng đọc từ dấu đánh ("x") ở cột mang tên tình trạng ("Đã hoàn thành", "Chưa hoàn thành")',
      en: 'the status was read from a tick ("x") under a column named for a status ("Đã hoàn thành", "Chưa hoàn thành")',
    },
    [SEVERAL_LEADS]: {
      vi: 'ô đơn vị chủ trì ghi nhiều đơn vị ("Sở Nội vụ; Sở Tư pháp", "Chủ trì: …; phối hợp: …"): đơn vị ghi đầu tiên được tính là chủ trì, các đơn vị sau là phối hợp',
      en: 'the lead-unit cell names several units ("Sở Nội vụ; Sở Tư pháp", "Chủ trì: …; phối hợp: …"): the first named is counted as the lead, the others as coordinating',
    },
  };
  for (const [kind, count] of readAs) {
    const d = describe[kind];
    if (d) notes.push({ vi: `${count} nhiệm vụ: ${d.vi}.`, en: `${count} tasks: ${d.en}.` });
  }
  if (blankStatus > 0)
    notes.push({
      vi: `${blankStatus} nhiệm vụ để trống tình trạng: tính là chưa thực hiện.`,
      en: `${blankStatus} tasks have a blank status: counted as not started.`,
    });
  if (inferredDone > 0)
    notes.push({
      vi: `${inferredDone} nhiệm vụ để trống tình trạng nhưng có ngày hoàn thành: tính là đã hoàn thành.`,
      en: `${inferredDone} tasks have a blank status but a completion date: counted as done.`,
    });
  if (!hasStatus)
    notes.push({
      vi: "Không có cột tình trạng: nhiệm vụ có ngày hoàn thành được tính là đã hoàn thành.",
      en: "No status column: tasks with a completion date are counted as done.",
    });
}
