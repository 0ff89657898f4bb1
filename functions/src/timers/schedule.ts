import { VIETNAM_OFFSET_HOURS } from "../../../core/dates";

/**
 * NCRONTAB schedules as the Functions host's timer trigger reads them — six fields, `{second}
 * {minute} {hour} {day} {month} {day of week}`, in UTC (the host's timer runs in UTC unless
 * WEBSITE_TIME_ZONE is set, which Linux Consumption and Flex Consumption plans do not support) —
 * and the next run after a moment, so the local host fires on the same schedule as Azure.
 * Each field: `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma list of these.
 */

// Vietnam is UTC+7 all year (no daylight saving time): one UTC schedule is exact year-round.
export { VIETNAM_OFFSET_HOURS };

interface FieldRange {
  name: string;
  min: number;
  max: number;
}

const FIELDS: FieldRange[] = [
  { name: "second", min: 0, max: 59 },
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 6 },
];

export interface Schedule {
  text: string;
  /** Allowed values of each field, ascending (second, minute, hour, day, month, day of week). */
  fields: number[][];
}

export class ScheduleError extends Error {}

function parseNumber(text: string, field: FieldRange, schedule: string): number {
  if (!/^\d{1,2}$/.test(text) || Number(text) < field.min || Number(text) > field.max)
    throw new ScheduleError(
      `Schedule "${schedule}": ${field.name} "${text}" is not a number from ${field.min} to ${field.max}.`,
    );
  return Number(text);
}

function parseField(text: string, field: FieldRange, schedule: string): number[] {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText, extra] = part.split("/");
    if (extra !== undefined || range === undefined || range === "")
      throw new ScheduleError(`Schedule "${schedule}": ${field.name} "${text}" is malformed.`);
    const step = stepText === undefined ? 1 : parseNumber(stepText, { ...field, min: 1, max: 59 }, schedule);
    let [low, high] = [field.min, field.max];
    if (range !== "*") {
      const [a, b, more] = range.split("-");
      if (more !== undefined)
        throw new ScheduleError(`Schedule "${schedule}": ${field.name} "${text}" is malformed.`);
      low = parseNumber(a!, field, schedule);
      high = b === undefined ? (stepText === undefined ? low : field.max) : parseNumber(b, field, schedule);
      if (high < low)
        throw new ScheduleError(`Schedule "${schedule}": ${field.name} range "${range}" runs backwards.`);
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

export function parseSchedule(text: string): Schedule {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 6)
    throw new ScheduleError(
      `Schedule "${text}" must have six fields: second minute hour day month day-of-week.`,
    );
  const fields = parts.map((p, i) => parseField(p, FIELDS[i]!, text));
  // Cron implementations disagree on both day fields restricted (either or both): not guessed here.
  if (parts[3] !== "*" && parts[5] !== "*")
    throw new ScheduleError(`Schedule "${text}": restrict the day or the day of week, not both.`);
  return { text, fields };
}

const DAY_MS = 86_400_000;
/**
 * A schedule with no run in this many days (e.g. 30 February) never runs. Eight years and a day:
 * 29 February can be eight years away (2096 to 2104, 2100 not being a leap year).
 */
const SEARCH_DAYS = 366 * 8 + 1;

/**
 * The first run strictly after `after` (UTC), or undefined when the schedule never runs. Day by
 * day, then the earliest hour, minute and second of a matching day that is later than `after`.
 */
export function nextRun(schedule: Schedule, after: Date): Date | undefined {
  const [seconds, minutes, hours, days, months, weekdays] = schedule.fields as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const start = Math.floor(after.getTime() / DAY_MS) * DAY_MS;
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    const day = new Date(start + d * DAY_MS);
    if (
      !months.includes(day.getUTCMonth() + 1) ||
      !days.includes(day.getUTCDate()) ||
      !weekdays.includes(day.getUTCDay())
    )
      continue;
    for (const h of hours)
      for (const m of minutes)
        for (const s of seconds) {
          const at = day.getTime() + ((h * 60 + m) * 60 + s) * 1000;
          if (at > after.getTime()) return new Date(at);
        }
  }
  return undefined;
}

/**
 * The UTC NCRONTAB schedule of a daily run at `hour`:`minute` Vietnam time: 23:30 in Vietnam is
 * 16:30 UTC; 05:00 in Vietnam is 22:00 UTC of the day before (still once a day).
 */
export function dailyAtVietnamTime(hour: number, minute: number): string {
  if (
    !Number.isInteger(hour) ||
    hour < 0 ||
    hour > 23 ||
    !Number.isInteger(minute) ||
    minute < 0 ||
    minute > 59
  )
    throw new ScheduleError(`No such time of day: ${hour}:${minute}.`);
  const utcHour = (hour - VIETNAM_OFFSET_HOURS + 24) % 24;
  return `0 ${minute} ${utcHour} * * *`;
}
