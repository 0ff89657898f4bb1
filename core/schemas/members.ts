import * as v from "valibot";
import { ROLES } from "../model/roles";
import { bilingual, plainObject, said } from "./problem";
import { MessageSchema, objectMessage } from "./sync-wire";

/** POST /api/members: a new member's name, role, unit (staff need one) and token lifetime. */
export const NewMemberSchema = plainObject(
  v.pipe(
    v.strictObject(
      {
        name: said(
          v.pipe(
            v.string(),
            v.maxLength(100),
            v.check((s) => s.trim() !== ""),
          ),
          "name là chuỗi 1–100 ký tự.",
          "name must be text of 1–100 characters.",
        ),
        role: said(
          v.picklist(ROLES),
          `role là một trong ${ROLES.join(", ")}.`,
          `role must be one of ${ROLES.join(", ")}.`,
        ),
        unit: v.optional(
          said(
            v.pipe(v.string(), v.maxLength(100)),
            "unit là chuỗi ≤ 100 ký tự.",
            "unit must be text of ≤ 100 characters.",
          ),
        ),
        expiresInDays: v.optional(
          said(
            v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650)),
            "expiresInDays là số nguyên 1–3650.",
            "expiresInDays must be a whole number 1–3650.",
          ),
        ),
      },
      objectMessage("Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."),
    ),
    v.forward(
      v.check(
        (m) => m.role !== "staff" || (m.unit !== undefined && m.unit.trim() !== ""),
        bilingual("Nhân viên (staff) cần unit.", "A staff member needs a unit."),
      ),
      ["unit"],
    ),
  ),
  "Nội dung phải là một đối tượng JSON.",
  "The body must be a JSON object.",
);

/** POST /api/members' answer: the new token, shown once, and its id; the unit as the server keys it, and why. */
export const IssuedTokenSchema = v.looseObject({
  token: v.string(),
  tokenId: v.string(),
  unit: v.optional(v.nullable(v.string())),
  note: v.optional(MessageSchema),
});

/** GET /api/members: members with valid tokens (never their hashes). */
export const MemberListSchema = v.array(
  v.object({
    tokenId: v.string(),
    name: v.string(),
    role: v.string(),
    unit: v.optional(v.string()),
    expiresAt: v.optional(v.string()),
  }),
);
