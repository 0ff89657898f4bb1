/** Members' roles (README "Roles"): shared by the server's authorization and the command line. */
export type Role = "staff" | "coordinator" | "leader" | "admin";
export const ROLES: readonly Role[] = ["staff", "coordinator", "leader", "admin"];

/** The write rule: coordinators write every unit's records, staff their own unit's, others none. */
export function mayWriteUnit(member: { role: Role; unit?: string }, unit: string): boolean {
  if (member.role === "coordinator") return true;
  return member.role === "staff" && member.unit === unit;
}
