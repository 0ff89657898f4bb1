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
  const issued = await ctx.services.members.issue({
    name: b.name,
    role: b.role,
    ...(typeof b.unit === "string" ? { unit: b.unit } : {}),
    ...(typeof b.expiresInDays === "number" ? { expiresInDays: b.expiresInDays } : {}),
  });
  return { status: 201, jsonBody: { ...issued, name: b.name, role: b.role, unit: b.unit ?? null } };
};

/** DELETE /api/members/{tokenId} (admins): revokes a token. */
export const revokeMemberHandler: Handler = async (request, ctx) => {
  const id = request.params.tokenId ?? "";
  if (!/^[A-Za-z0-9_-]{12}$/.test(id) || !(await ctx.services.members.revoke(id)))
    throw new Problem(404, "Not Found", { vi: "Không có mã truy cập này.", en: "No such token." });
  return { status: 204 };
};
