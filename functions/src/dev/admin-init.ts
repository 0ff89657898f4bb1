/**
 * `npm run admin:init [-- --name N] [-- --force]`: the first admin token of a store, written
 * straight on storage (STORAGE_CONNECTION_STRING, else the local Azurite of `npm start`).
 * Lives in functions/ because only the server side may touch storage; `cchc admin` speaks HTTP.
 */
import { parseArgs } from "node:util";
import { servicesFor } from "../services";
import { azuriteConnectionString } from "./azurite";
import { FIRST_ADMIN_BANNER, initFirstAdmin } from "./first-admin";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { name: { type: "string" }, force: { type: "boolean" } },
    strict: true,
  });
  const connection =
    process.env.STORAGE_CONNECTION_STRING ??
    azuriteConnectionString(Number(process.env.AZURITE_TABLE_PORT ?? 10002));
  const issued = await initFirstAdmin(servicesFor(connection).members, values);
  if (!issued) {
    console.error(
      "Lỗi: đã có thành viên; dùng `cchc admin add-member`, hoặc --force để tạo thêm quản trị viên.\n" +
        "Error: members exist already; use `cchc admin add-member`, or --force to add another admin.",
    );
    return 64;
  }
  console.log(`${FIRST_ADMIN_BANNER}\n${issued.token}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`Lỗi / Error: ${e.message}`);
    process.exit(3);
  },
);
