import { ROLES, type Role } from "../auth/tokens";
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
  const body = await readJson(request);
  const b = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<
    string,
    unknown
  >;
  for (const k of Object.keys(b))
    if (!["name", "role", "unit", "expiresInDays"].includes(k))
      throw problems.badRequest(
        { vi: `Trường không được hỗ trợ: "${k}".`, en: `Unknown field "${k}".` },
        { pointer: `/${k}` },
      );
  if (typeof b.name !== "string" || b.name.trim() === "" || b.name.length > 100)
    throw problems.badRequest(
      { vi: "name là chuỗi 1–100 ký tự.", en: "name must be text of 1–100 characters." },
      { pointer: "/name" },
    );
  if (!ROLES.includes(b.role as Role))
    throw problems.badRequest(
      { vi: `role là một trong ${ROLES.join(", ")}.`, en: `role must be one of ${ROLES.join(", ")}.` },
      { pointer: "/role" },
    );
  if (b.role === "staff" && (typeof b.unit !== "string" || b.unit.trim() === ""))
    throw problems.badRequest(
      { vi: "Nhân viên (staff) cần unit.", en: "A staff member needs a unit." },
      { pointer: "/unit" },
    );
  if (b.unit !== undefined && (typeof b.unit !== "string" || b.unit.length > 100))
    throw problems.badRequest(
      { vi: "unit là chuỗi ≤ 100 ký tự.", en: "unit must be text of ≤ 100 characters." },
      { pointer: "/unit" },
    );
  if (
    b.expiresInDays !== undefined &&
    (typeof b.expiresInDays !== "number" ||
      !Number.isInteger(b.expiresInDays) ||
      b.expiresInDays < 1 ||
      b.expiresInDays > 3650)
  )
    throw problems.badRequest(
      { vi: "expiresInDays là số nguyên 1–3650.", en: "expiresInDays must be a whole number 1–3650." },
      { pointer: "/expiresInDays" },
    );
  const issued = await ctx.services.members.issue({
    name: b.name,
    role: b.role as Role,
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
