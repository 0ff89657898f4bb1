import * as v from "valibot";
import { isIsoDate, weekday } from "../dates/local-date";
import { bilingual, said } from "./problem";
import { objectMessage } from "./sync-wire";

/**
 * Reference data as an admin sends it (PUT /api/reference/{kind}?year=) and as the server answers
 * it: a year's fields, units, calendar and warning settings. The stored types (Field, Unit,
 * CalendarYear, WarningSettings) are what these schemas output.
 */
const text = (name: string, max = 300) =>
  said(
    v.pipe(
      v.string(),
      v.maxLength(max),
      v.check((s) => s.trim().length > 0),
    ),
    `${name} là chuỗi không rỗng, tối đa ${max} ký tự.`,
    `${name} must be non-empty text of at most ${max} characters.`,
  );

const aliases = v.optional(
  said(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.maxLength(300),
          v.check((s) => s.trim().length > 0),
        ),
      ),
      v.maxLength(50),
    ),
    "aliases là danh sách tối đa 50 chuỗi.",
    "aliases must be a list of at most 50 texts.",
  ),
  () => [],
);

/** A list of 1–`max` items, whose `key` is unique (pointer: the repeated item's key). */
const listOf = <S extends v.GenericSchema<unknown, Record<string, unknown>>>(
  item: S,
  max: number,
  key: string,
  what: { vi: string; en: string },
) =>
  v.pipe(
    said(v.array(item), `Cần một danh sách 1–${max} ${what.vi}.`, `Expected a list of 1–${max} ${what.en}.`),
    v.minLength(
      1,
      bilingual(`Cần một danh sách 1–${max} ${what.vi}.`, `Expected a list of 1–${max} ${what.en}.`),
    ),
    v.maxLength(
      max,
      bilingual(`Cần một danh sách 1–${max} ${what.vi}.`, `Expected a list of 1–${max} ${what.en}.`),
    ),
    v.rawCheck<v.InferOutput<S>[]>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const seen = new Set<unknown>();
      dataset.value.forEach((x, i) => {
        const value = (x as Record<string, unknown>)[key];
        if (seen.has(value))
          addIssue({
            message: bilingual(`${key} không được trùng.`, `${key} must be unique.`),
            path: [
              { type: "array", origin: "value", input: dataset.value, key: i, value: x },
              { type: "object", origin: "value", input: x as Record<string, unknown>, key, value },
            ],
          });
        seen.add(value);
      });
    }),
  );

export const FieldSchema = v.strictObject(
  {
    number: said(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
      "number phải là số nguyên 1–50, không trùng.",
      "number must be a whole number 1–50, unique.",
    ),
    code: text("code"),
    vi: text("vi"),
    en: text("en"),
    aliases,
  },
  objectMessage("Mỗi lĩnh vực là một đối tượng.", "Each field is an object."),
);
export const FieldsSchema = listOf(FieldSchema, 30, "number", { vi: "lĩnh vực", en: "fields" });

const year = said(
  v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  "fromYear/toYear là năm.",
  "fromYear/toYear must be years.",
);

export const UnitSchema = v.strictObject(
  {
    code: said(
      v.pipe(
        v.string(),
        v.maxLength(50),
        v.check((s) => s.trim().length > 0),
      ),
      "code là chuỗi ≤ 50 ký tự, không trùng.",
      "code must be a unique text of ≤ 50 characters.",
    ),
    name: text("name"),
    kind: said(
      v.picklist(["division", "affiliated", "district"]),
      "kind là division, affiliated hoặc district.",
      "kind must be division, affiliated or district.",
    ),
    aliases,
    fromYear: year,
    toYear: v.optional(year),
  },
  objectMessage("Mỗi đơn vị là một đối tượng.", "Each unit is an object."),
);
export const UnitsSchema = listOf(UnitSchema, 500, "code", { vi: "đơn vị", en: "units" });

/** A day of `year` (off, or a Saturday worked), on the right day of the week. */
const day = (year: number, list: "daysOff" | "saturdaysWorked") =>
  v.strictObject(
    {
      date: said(
        v.pipe(
          v.string(),
          v.check(
            (d) => isIsoDate(d) && d.startsWith(`${year}-`),
            bilingual(`Ngày có dạng "${year}-MM-DD".`, `A date is "${year}-MM-DD".`),
          ),
          list === "daysOff"
            ? v.check(
                (d) => weekday(d) !== 0 && weekday(d) !== 6,
                bilingual(
                  "Ngày nghỉ phải là ngày thường (thứ Hai–thứ Sáu).",
                  "A day off must be a weekday (weekends are off anyway).",
                ),
              )
            : v.check(
                (d) => weekday(d) === 6,
                bilingual("Ngày làm bù phải là thứ Bảy.", "A day worked in exchange must be a Saturday."),
              ),
        ),
        `Mỗi ngày là {date: "${year}-MM-DD", name}.`,
        `Each day is {date: "${year}-MM-DD", name}.`,
      ),
      name: text("name"),
      source: v.optional(text("source", 2000)),
    },
    objectMessage(`Mỗi ngày là {date: "${year}-MM-DD", name}.`, `Each day is {date: "${year}-MM-DD", name}.`),
  );

const days = (year: number, list: "daysOff" | "saturdaysWorked") =>
  said(
    v.pipe(v.array(day(year, list)), v.maxLength(100)),
    `${list} là danh sách tối đa 100 ngày.`,
    `${list} must be a list of at most 100 days.`,
  );

export const calendarSchema = (year: number) =>
  v.strictObject(
    {
      year: said(v.literal(year), `year phải là ${year}.`, `year must be ${year}.`),
      source: text("source", 2000),
      provisional: v.optional(text("provisional", 2000)),
      daysOff: days(year, "daysOff"),
      saturdaysWorked: days(year, "saturdaysWorked"),
    },
    objectMessage(
      `Cần {year: ${year}, source, daysOff, saturdaysWorked}.`,
      `Expected {year: ${year}, source, daysOff, saturdaysWorked}.`,
    ),
  );

const settingsDays = (name: string, max: number) =>
  said(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max)),
    `${name} phải là số nguyên 0–${max}.`,
    `${name} must be a whole number 0–${max}.`,
  );

export const WarningSettingsSchema = v.strictObject(
  { taskDays: settingsDays("taskDays", 366), dossierWorkingDays: settingsDays("dossierWorkingDays", 60) },
  objectMessage("Cần {taskDays, dossierWorkingDays}.", "Expected {taskDays, dossierWorkingDays}."),
);
