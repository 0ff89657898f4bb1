import type { Message } from "../../../core/model";
import { todayIso } from "../../../core/dates";
import { matchUnit } from "../../../core/reference";
import { check } from "../../../core/schemas";
import { NewMemberSchema } from "../../../core/schemas";
import { readJson } from "../http/body";
import { Problem, problems } from "../http/problem";
import type { Handler } from "../http/route-table";

/** GET /api/members (admins): members with valid tokens, never their hashes. */
export const listMembersHandler: Handler = async (_request, ctx) => ({
  status: 200,
  jsonBody: await ctx.services.members.list(),
});

/** POST /api/members (admins): issues a token, shown once in this answer. */
export const addMemberHandler: Handler = async (request, ctx) => {
  const checked = check(NewMemberSchema, await readJson(request));
  if (!checked.ok) throw problems.badRequest(checked.message, { pointer: checked.pointer });
  const b = checked.value;
  const unit = typeof b.unit === "string" ? await memberUnit(ctx, b.unit) : undefined;
  const issued = await ctx.services.members.issue({
    name: b.name,
    role: b.role,
    ...(unit ? { unit: unit.key } : {}),
    ...(typeof b.expiresInDays === "number" ? { expiresInDays: b.expiresInDays } : {}),
  });
  return {
    status: 201,
    jsonBody: {
      ...issued,
      name: b.name,
      role: b.role,
      unit: unit?.key ?? null,
      ...(unit?.note ? { note: unit.note } : {}),
    },
  };
};

/**
 * A member's unit as records name it: a unit of this year's list is keyed by its code, so a staff
 * member entered as "Văn phòng" or "văn phòng sở" writes the records of "VP" (entered as typed,
 * they could write none: every push would be refused). A unit not in the list is kept as typed
 * (a workbook's unknown unit is too), with a note saying so.
 */
async function memberUnit(
  ctx: Parameters<Handler>[1],
  typed: string,
): Promise<{ key: string; note?: Message }> {
  const year = Number(todayIso().slice(0, 4)); // the plan year of today in Vietnam
  const units = (await ctx.services.reference.get(year, "units")) ?? [];
  const unit = matchUnit(typed, units);
  if (unit?.code === typed) return { key: typed };
  if (unit)
    return {
      key: unit.code,
      note: {
        vi: `Đơn vị "${typed}" là "${unit.name}" (mã ${unit.code}) trong danh mục năm ${year}: mã truy cập ghi bản ghi của đơn vị ${unit.code}.`,
        en: `The unit "${typed}" is "${unit.name}" (code ${unit.code}) in ${year}'s list: the token writes the records of ${unit.code}.`,
      },
    };
  const known = units.map((u) => `${u.code} (${u.name})`).join(", ") || "—";
  return {
    key: typed,
    note: {
      vi: `Đơn vị "${typed}" không có trong danh mục năm ${year} (${known}): mã truy cập chỉ ghi được bản ghi có đơn vị ghi đúng "${typed}". Nếu gõ nhầm, hãy thu hồi mã này và cấp lại.`,
      en: `The unit "${typed}" is not in ${year}'s list (${known}): the token writes only records whose unit reads exactly "${typed}". If it was mistyped, revoke this token and issue another.`,
    },
  };
}

/** DELETE /api/members/{tokenId} (admins): revokes a token. */
export const revokeMemberHandler: Handler = async (request, ctx) => {
  const id = request.params.tokenId ?? "";
  if (!/^[A-Za-z0-9_-]{12}$/.test(id) || !(await ctx.services.members.revoke(id)))
    throw new Problem(404, "Not Found", { vi: "Không có mã truy cập này.", en: "No such token." });
  return { status: 204 };
};
