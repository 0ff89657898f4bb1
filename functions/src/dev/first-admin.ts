import type { Members } from "../auth/tokens";

/**
 * First-run set-up of a store: the first admin token, issued straight on storage (there is no
 * admin yet who could call the API). `npm start` calls it on a store with no member; on Azure,
 * `npm run admin:init` with STORAGE_CONNECTION_STRING does the same. Refused when members exist,
 * unless `force` (a lost admin token: add another admin).
 */
export async function initFirstAdmin(
  members: Members,
  options: { name?: string; force?: boolean } = {},
): Promise<{ token: string; tokenId: string } | undefined> {
  if (!options.force && (await members.list()).length > 0) return undefined;
  return members.issue({ name: options.name ?? "Admin", role: "admin" });
}

export const FIRST_ADMIN_BANNER =
  "Lần chạy đầu: mã quản trị (chỉ hiện một lần) / First run: admin token (shown once, keep it safe):";
