import { isIsoDate, weekday } from "../../../core/dates/local-date";
import type { Message } from "../../../core/model/records";
import type { ReferenceKind, ReferenceValue } from "./reference-store";
import { checkWarningSettings } from "../../../core/stats/warnings";

type Result<T> = { ok: true; value: T } | { ok: false; pointer: string; message: Message };

const bad = <T>(pointer: string, vi: string, en: string): Result<T> => ({
  ok: false,
  pointer,
  message: { vi, en },
});
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 300): v is string =>
  typeof v === "string" && v.trim().length > 0 && v.length <= max;
const isTextList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 50 && v.every((x) => isText(x));

function fields(body: unknown): Result<ReferenceValue["fields"]> {
  if (!Array.isArray(body) || body.length === 0 || body.length > 30)
    return bad("", "Cần một danh sách 1–30 lĩnh vực.", "Expected a list of 1–30 fields.");
  const numbers = new Set<number>();
  for (const [i, f] of body.entries()) {
    if (!isObj(f)) return bad(`/${i}`, "Mỗi lĩnh vực là một đối tượng.", "Each field is an object.");
    if (
      typeof f.number !== "number" ||
      !Number.isInteger(f.number) ||
      f.number < 1 ||
      f.number > 50 ||
      numbers.has(f.number)
    )
      return bad(
        `/${i}/number`,
        "number phải là số nguyên 1–50, không trùng.",
        "number must be a whole number 1–50, unique.",
      );
    numbers.add(f.number);
    for (const k of ["code", "vi", "en"])
      if (!isText(f[k])) return bad(`/${i}/${k}`, `Thiếu ${k}.`, `${k} is required text.`);
    if (!isTextList(f.aliases ?? []))
      return bad(`/${i}/aliases`, "aliases là danh sách chuỗi.", "aliases must be a list of texts.");
  }
  return {
    ok: true,
    value: body.map((f) => ({ aliases: [], ...(f as object) })) as unknown as ReferenceValue["fields"],
  };
}

function units(body: unknown): Result<ReferenceValue["units"]> {
  if (!Array.isArray(body) || body.length === 0 || body.length > 500)
    return bad("", "Cần một danh sách 1–500 đơn vị.", "Expected a list of 1–500 units.");
  const codes = new Set<string>();
  for (const [i, u] of body.entries()) {
    if (!isObj(u)) return bad(`/${i}`, "Mỗi đơn vị là một đối tượng.", "Each unit is an object.");
    if (!isText(u.code, 50) || codes.has(u.code))
      return bad(
        `/${i}/code`,
        "code là chuỗi ≤ 50 ký tự, không trùng.",
        "code must be a unique text of ≤ 50 characters.",
      );
    codes.add(u.code);
    if (!isText(u.name)) return bad(`/${i}/name`, "Thiếu tên đơn vị.", "name is required text.");
    if (!["division", "affiliated", "district"].includes(u.kind as string))
      return bad(
        `/${i}/kind`,
        "kind là division, affiliated hoặc district.",
        "kind must be division, affiliated or district.",
      );
    if (typeof u.fromYear !== "number" || (u.toYear !== undefined && typeof u.toYear !== "number"))
      return bad(`/${i}/fromYear`, "fromYear/toYear là năm.", "fromYear/toYear must be years.");
    if (!isTextList(u.aliases ?? []))
      return bad(`/${i}/aliases`, "aliases là danh sách chuỗi.", "aliases must be a list of texts.");
  }
  return {
    ok: true,
    value: body.map((u) => ({ aliases: [], ...(u as object) })) as unknown as ReferenceValue["units"],
  };
}

function calendar(body: unknown, year: number): Result<ReferenceValue["calendar"]> {
  if (!isObj(body) || body.year !== year || !isText(body.source, 2000))
    return bad(
      "",
      `Cần {year: ${year}, source, daysOff, saturdaysWorked}.`,
      `Expected {year: ${year}, source, daysOff, saturdaysWorked}.`,
    );
  for (const list of ["daysOff", "saturdaysWorked"] as const) {
    const days = body[list];
    if (!Array.isArray(days) || days.length > 100)
      return bad(`/${list}`, `${list} là danh sách ngày.`, `${list} must be a list of days.`);
    for (const [i, d] of days.entries()) {
      const date = isObj(d) ? d.date : undefined;
      if (
        !isObj(d) ||
        typeof date !== "string" ||
        !isIsoDate(date) ||
        !date.startsWith(`${year}-`) ||
        !isText(d.name)
      )
        return bad(
          `/${list}/${i}`,
          `Mỗi ngày là {date: "${year}-MM-DD", name}.`,
          `Each day is {date: "${year}-MM-DD", name}.`,
        );
      const wd = weekday(date);
      if (list === "daysOff" && (wd === 0 || wd === 6))
        return bad(
          `/${list}/${i}/date`,
          "Ngày nghỉ phải là ngày thường (thứ Hai–thứ Sáu).",
          "A day off must be a weekday (weekends are off anyway).",
        );
      if (list === "saturdaysWorked" && wd !== 6)
        return bad(
          `/${list}/${i}/date`,
          "Ngày làm bù phải là thứ Bảy.",
          "A day worked in exchange must be a Saturday.",
        );
    }
  }
  return { ok: true, value: body as unknown as ReferenceValue["calendar"] };
}

export function validateReference<K extends ReferenceKind>(
  kind: K,
  year: number,
  body: unknown,
): Result<ReferenceValue[K]> {
  const validators = {
    fields,
    units,
    calendar: (b: unknown) => calendar(b, year),
    settings: checkWarningSettings,
  };
  return validators[kind](body) as Result<ReferenceValue[K]>;
}
