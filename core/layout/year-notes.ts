import type { Calendar } from "../calendar/working-days";
import { formatVi } from "../dates/local-date";
import type { DossierRecord, Message, TaskRecord } from "../model/records";

/**
 * What a reader of a workbook must be told about dates that lie outside its plan year or rest on
 * a calendar that is not final: the figures are right by the rules, but easy to misread.
 */
export function yearNotes(
  read: { year?: number; tasks: readonly TaskRecord[]; dossiers: readonly DossierRecord[] },
  calendar: Calendar,
): Message[] {
  const notes: (Message | undefined)[] = [provisionalCalendarNote(read.dossiers, calendar)];
  if (read.year !== undefined)
    notes.push(
      lastYearDeadlines(read.tasks, read.year),
      lastYearCompletions(read.tasks, read.year),
      receivedAfterYear(read.dossiers, read.year),
    );
  return notes.filter((n): n is Message => n !== undefined);
}

/**
 * Due dates counted in working days through a year whose calendar is provisional (its notice not
 * yet published, e.g. Tết 2027): said, with the years, so nobody takes them for the notice's.
 */
function provisionalCalendarNote(
  dossiers: readonly DossierRecord[],
  calendar: Calendar,
): Message | undefined {
  const provisional = calendar.years.filter((y) => y.provisional !== undefined).map((y) => y.year);
  if (provisional.length === 0) return undefined;
  const years = new Set<number>();
  let count = 0;
  for (const d of dossiers) {
    if (d.dueFrom !== "processing-days") continue;
    const [first, last] = [Number(d.receivedOn.slice(0, 4)), Number(d.dueOn.slice(0, 4))];
    const touched = provisional.filter((y) => y >= first && y <= last);
    if (touched.length === 0) continue;
    count++;
    for (const y of touched) years.add(y);
  }
  if (count === 0) return undefined;
  const list = [...years].sort().join(", ");
  return {
    vi: `${count} hồ sơ có ngày hẹn tính theo lịch ngày làm việc dự kiến của năm ${list} (chưa có thông báo nghỉ lễ, Tết của năm đó; chỉ theo Bộ luật Lao động): quản trị viên cập nhật lịch khi có thông báo.`,
    en: `${count} dossiers have a due date counted with the provisional working-day calendar of ${list} (that year's holiday notice is not out yet; statutory rule only): an admin updates the calendar when it is.`,
  };
}

/**
 * Tasks dated before the plan year: a new year's plan copied from last year's workbook whose
 * deadlines were written with last year's dates ("31/3/2021" in the 2022 plan) is overdue at once.
 */
function lastYearDeadlines(tasks: readonly TaskRecord[], year: number): Message | undefined {
  const old = tasks.filter(
    (t) => !t.deadline?.recurring && t.deadline?.due !== undefined && t.deadline.due < `${year}-01-01`,
  );
  if (old.length === 0) return undefined;
  const first = old[0]!;
  const where = first.source ? ` (${first.source.sheet}!${first.source.row}: "${first.deadline!.text}")` : "";
  return {
    vi: `${old.length} nhiệm vụ có thời hạn trước năm kế hoạch ${year}${where}: nếu kế hoạch được sao từ sổ tính năm trước, hãy sửa thời hạn.`,
    en: `${old.length} tasks have a deadline before plan year ${year}${where}: if the plan was copied from last year's workbook, correct the deadlines.`,
  };
}

/**
 * Tasks completed before the plan year began: rows kept from last year's plan ("Thường xuyên",
 * "Đã hoàn thành", 20/12/2021) count as done in the new year from its first day.
 */
function lastYearCompletions(tasks: readonly TaskRecord[], year: number): Message | undefined {
  const old = tasks.filter(
    (t) => t.status === "done" && t.completedOn !== undefined && t.completedOn < `${year}-01-01`,
  );
  if (old.length === 0) return undefined;
  const first = old[0]!;
  const where = first.source
    ? ` (${first.source.sheet}!${first.source.row}: ${formatVi(first.completedOn!)})`
    : "";
  return {
    vi: `${old.length} nhiệm vụ hoàn thành trước năm kế hoạch ${year}${where} được tính là đã hoàn thành trong năm ${year}: nếu là dòng của kế hoạch năm trước, hãy xóa ngày hoàn thành và tiến độ.`,
    en: `${old.length} tasks completed before plan year ${year}${where} count as done in ${year}: if they are rows of last year's plan, clear their completion date and status.`,
  };
}

/**
 * Dossiers received after the plan year (a register kept on into January): they belong to this
 * workbook's year, not to next year's figures (the server counts a plan year's records).
 */
function receivedAfterYear(dossiers: readonly DossierRecord[], year: number): Message | undefined {
  const after = dossiers.filter((d) => d.receivedOn > `${year}-12-31`);
  if (after.length === 0) return undefined;
  const first = after.reduce((a, d) => (d.receivedOn < a ? d.receivedOn : a), after[0]!.receivedOn);
  return {
    vi: `${after.length} hồ sơ nhận sau năm kế hoạch ${year} (từ ngày ${formatVi(first)}): chúng thuộc năm ${year} của sổ tính này, không vào số liệu năm ${year + 1}; hồ sơ của năm mới nên ghi vào sổ tính của năm đó.`,
    en: `${after.length} dossiers were received after plan year ${year} (from ${formatVi(first)}): they belong to this workbook's ${year}, not to ${year + 1}'s figures; a new year's dossiers belong in that year's workbook.`,
  };
}
