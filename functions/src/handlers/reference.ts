import { readJson } from "../http/body";
import { Problem, problems } from "../http/problem";
import type { Handler } from "../http/route-table";
import {
  MAX_REFERENCE_CHARS,
  REFERENCE_KINDS,
  referenceJson,
  type ReferenceKind,
} from "../reference/reference-store";
import { validateReference } from "../reference/validate-reference";
import { yearParam } from "./stats";

function kindParam(value: string | undefined): ReferenceKind {
  if (!REFERENCE_KINDS.includes(value as ReferenceKind)) throw problems.notFound();
  return value as ReferenceKind;
}

/** GET /api/reference/{fields|units|calendar}?year=: the year's list (stored, else core's default). */
export const getReferenceHandler: Handler = async (request, ctx) => {
  const kind = kindParam(request.params.kind);
  const year = yearParam(request.query.get("year"));
  const value = await ctx.services.reference.get(year, kind);
  if (value === undefined)
    throw new Problem(404, "Not Found", {
      vi: `Chưa có dữ liệu ${kind} cho năm ${year}.`,
      en: `No ${kind} data for ${year}.`,
    });
  return { status: 200, jsonBody: value };
};

/** PUT /api/reference/{kind}?year= (admins): replaces the year's list after validating it. */
export const putReferenceHandler: Handler = async (request, ctx) => {
  const kind = kindParam(request.params.kind);
  const year = yearParam(request.query.get("year"));
  const checked = validateReference(kind, year, await readJson(request));
  if (!checked.ok) throw problems.badRequest(checked.message, { pointer: checked.pointer });
  const chars = referenceJson(checked.value).length;
  if (chars > MAX_REFERENCE_CHARS)
    throw new Problem(413, "Content Too Large", {
      vi: `Danh sách dài ${chars} ký tự, vượt quá ${MAX_REFERENCE_CHARS} ký tự lưu được cho một năm.`,
      en: `The list is ${chars} characters long, over the ${MAX_REFERENCE_CHARS} a year's list can store.`,
    });
  await ctx.services.reference.put(year, kind, checked.value, ctx.caller!.name);
  return { status: 200, jsonBody: checked.value };
};
