import { readJson } from "../http/body";
import { Problem, problems } from "../http/problem";
import type { Handler } from "../http/route-table";
import { REFERENCE_KINDS, type ReferenceKind } from "../reference/reference-store";
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
  await ctx.services.reference.put(year, kind, checked.value, ctx.caller!.name);
  return { status: 200, jsonBody: checked.value };
};
